// The benchmark's arithmetic, without running anything: percentiles, the busiest 5 minutes, event times, which
// process is the provider, the command line, the targets and the chart.
import { parseBenchArgs } from "../../bench/bench-options";
import { distribution, histogram, percentile, type MethodResult } from "../../bench/bench-result";
import { chartSvg } from "../../bench/chart-svg";
import { clampToSecond, resourceNameOf } from "../../bench/pulumi-run";
import { peakWindow } from "../../bench/request-timeline";
import { isDynamicProvider, isPlugin } from "../../bench/rss-sampler";
import { judgeTargets, precise } from "../../bench/targets";
import { noopYaml, vxcsYaml } from "../../bench/yaml-programs";

describe("the bench's statistics", () => {
  it("interpolates percentiles between closest ranks and has none of nothing", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(
      percentile(
        Array.from({ length: 101 }, (_, i) => i),
        95,
      ),
    ).toBe(95);
    expect(percentile([], 50)).toBeNaN();
    expect(distribution([])).toBeNull();
    expect(distribution([1000, 3000, 2000])).toEqual({ count: 3, medianMs: 2000, p95Ms: 2900, maxMs: 3000 });
  });

  it.each([
    { times: [], peak: 0 },
    { times: [0, 1, 2], peak: 3 },
    { times: [0, 299_999, 300_000, 300_001], peak: 3 },
    { times: [0, 100_000, 400_000, 410_000, 420_000], peak: 3 },
  ])("finds $peak requests in the busiest 5 minutes of $times", ({ times, peak }) => {
    expect(peakWindow(times, 300_000)).toBe(peak);
  });

  it("counts requests per bucket from the start, starting with empty buckets where none came", () => {
    expect(histogram([1_000, 9_999, 10_000, 35_000], 0, 10_000)).toEqual([2, 1, 0, 1]);
    expect(histogram([], 0, 10_000)).toEqual([]);
  });
});

describe("when a create returned", () => {
  it.each([
    {
      what: "an event that arrived within its second is taken as it arrived",
      arrived: 10_400,
      stamp: 10,
      at: 10_400,
    },
    {
      what: "an event that arrived after its second ended is pulled back to that second",
      arrived: 11_300,
      stamp: 10,
      at: 10_999,
    },
    {
      what: "an event stamped after it arrived (clocks apart) is moved to its second",
      arrived: 9_800,
      stamp: 10,
      at: 10_000,
    },
    { what: "an event without a stamp keeps its arrival", arrived: 12_345, stamp: 0, at: 12_345 },
  ])("$what", ({ arrived, stamp, at }) => {
    expect(clampToSecond(arrived, stamp)).toBe(at);
  });

  it("names the resource of a URN", () => {
    expect(
      resourceNameOf(
        "urn:pulumi:mx-10::megaport-mx-bench-vxcs::pulumi-nodejs:dynamic/megaport:VxcConnection::bench-7",
      ),
    ).toBe("bench-7");
  });
});

describe("which process is the provider", () => {
  it.each([
    {
      argv: ["node", "/repo/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:4000"],
      is: true,
    },
    { argv: ["node", "/repo/node_modules/@pulumi/pulumi/cmd/dynamic-provider", "127.0.0.1:4000"], is: true },
    {
      argv: ["node", "-e", "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))"],
      is: false,
    },
    { argv: ["/bin/sh", "/cli/bin/pulumi-resource-pulumi-nodejs", "127.0.0.1:4000"], is: false },
    { argv: ["node", "/repo/dist/bench/run.js", "--n", "10"], is: false },
  ])("$argv is the provider: $is", ({ argv, is }) => {
    expect(isDynamicProvider(argv)).toBe(is);
  });

  it.each([
    { argv: ["/node24/bin/node", "/repo/dist/provider/plugin/main.js", "127.0.0.1:4000"], is: true },
    { argv: ["/node24/bin/node", "/repo/dist/bench/noop-plugin.js"], is: true },
    { argv: ["bash", "/repo/bin/pulumi-resource-megaport-mx", "127.0.0.1:4000"], is: false },
    { argv: ["node", "/repo/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"], is: false },
  ])("$argv is the plugin: $is", ({ argv, is }) => {
    expect(isPlugin(argv)).toBe(is);
  });
});

describe("the plugin rows' YAML programs", () => {
  it("declares the same N VxcConnections as the Node.js program, by the plugin's type token, and exports their UIDs", () => {
    const program = JSON.parse(
      vxcsYaml({ count: 3, aEndUids: ["port-a", "port-b"], bEndUid: "port-z", rateLimit: 10 }),
    ) as {
      runtime: string;
      resources: Record<string, { type: string; properties: unknown }>;
      outputs: unknown;
    };
    expect(program.runtime).toBe("yaml");
    expect(Object.keys(program.resources)).toEqual(["bench-0", "bench-1", "bench-2"]);
    expect(program.resources["bench-1"]).toEqual({
      type: "megaport-mx:index:VxcConnection",
      properties: {
        name: "bench 1",
        rateLimit: 10,
        aEnd: { productUid: "port-b", vlan: 0 },
        bEnd: { productUid: "port-z", vlan: 0 },
      },
    });
    expect(program.outputs).toEqual({
      vxcUids: {
        "bench-0": "${bench-0.vxcUid}",
        "bench-1": "${bench-1.vxcUid}",
        "bench-2": "${bench-2.vxcUid}",
      },
    });
  });

  it("declares N resources of the no-op plugin", () => {
    const program = JSON.parse(noopYaml(2)) as { resources: Record<string, unknown> };
    expect(program.resources).toEqual({
      "noop-0": { type: "megaport-bench-noop:index:Noop", properties: { key: "noop-0" } },
      "noop-1": { type: "megaport-bench-noop:index:Noop", properties: { key: "noop-1" } },
    });
  });
});

describe("the bench's command line", () => {
  it("runs N = 10, 100, 500 through both adapters with D = 65 s, a 30 s cancel, 10 s and 30 s pollers capped at 10 minutes by default", () => {
    const options = parseBenchArgs([], "/repo");
    expect(options).toMatchObject({
      ns: [10, 100, 500],
      adapters: ["dynamic", "plugin"],
      delaySeconds: 65,
      configuredSeconds: 15,
      cancelDelaySeconds: 30,
      pollers: [10, 30],
      pollerCapSeconds: 600,
      parallel: null,
      out: "/repo/bench/results",
      smoke: false,
    });
  });

  it("makes a smoke run of N = 20 with a delay of seconds, a short cap and the pollers, flags still winning", () => {
    const options = parseBenchArgs(["--smoke", "--out", "/tmp/x"], "/repo");
    expect(options).toMatchObject({
      ns: [20],
      delaySeconds: 5,
      configuredSeconds: 1.25,
      pollers: [10, 30],
      smoke: true,
    });
    expect(options.pollerCapSeconds).toBeLessThan(60);
    expect(options.out).toBe("/tmp/x");
    expect(parseBenchArgs(["--smoke", "--n", "5"], "/repo").ns).toEqual([5]);
  });

  it.each([
    { argv: ["--pollers", "none"], expected: { pollers: [] } },
    { argv: ["--n", "10,1000", "--parallel", "50"], expected: { ns: [10, 1000], parallel: 50 } },
    { argv: ["--delay", "65", "--configured-delay", "20"], expected: { configuredSeconds: 20 } },
    { argv: ["--adapters", "plugin"], expected: { adapters: ["plugin"] } },
    { argv: ["--adapters", "plugin, dynamic"], expected: { adapters: ["plugin", "dynamic"] } },
  ])("reads $argv", ({ argv, expected }) => {
    expect(parseBenchArgs(argv, "/repo")).toMatchObject(expected);
  });

  it.each([
    { argv: ["--n"], error: "--n needs a value" },
    { argv: ["--n", "ten"], error: '--n must be a number ≥ 1, not "ten"' },
    { argv: ["--n", "10.5"], error: "--n takes whole numbers" },
    { argv: ["--delay", "10", "--configured-delay", "20"], error: "at most that" },
    { argv: ["--fast"], error: "unknown flag --fast" },
    {
      argv: ["--adapters", "python"],
      error: '--adapters takes dynamic, plugin (comma-separated), not "python"',
    },
  ])("refuses $argv, saying why", ({ argv, error }) => {
    expect(() => parseBenchArgs(argv, "/repo")).toThrow(error);
  });
});

function method(overrides: Partial<MethodResult>): MethodResult {
  return {
    method: "megaport-mx dynamic",
    kind: "megaport-mx",
    adapter: "dynamic",
    engineFloorMs: 4_000,
    pollSeconds: null,
    finished: true,
    note: null,
    wallMs: 70_000,
    wallOverD: 70 / 65,
    aboveDMs: 5_000,
    vxcsDone: 100,
    requests: 15,
    requestsPerVxc: 0.15,
    tooMany: 0,
    tokenRequests: 1,
    peak5MinWindow: 15,
    byRoute: {},
    requestRate: null,
    peakRssMiB: 150,
    noopPeakRssMiB: 90,
    liveToReturn: { count: 100, medianMs: 1000, p95Ms: 2000, maxMs: 2500 },
    destroyMs: 33_000,
    destroyRequests: 10,
    destroyTooMany: 0,
    destroyByRoute: {},
    destroyRequestRate: null,
    previewMs: 5000,
    previewRequests: 0,
    noopPreviewMs: 4500,
    previewRatio: 5000 / 4500,
    ...overrides,
  } as MethodResult;
}

const poller = (requests: number, finished = true) =>
  method({
    method: "poller 10 s",
    kind: "poller",
    adapter: null,
    engineFloorMs: null,
    pollSeconds: 10,
    requests,
    finished,
  });

describe("the issue's targets", () => {
  it("judges N = 100 by wall, requests per VXC, 429s, LIVE→return, destroy, the engine floor, preview and the 10 s poller", () => {
    const verdicts = judgeTargets(100, [method({}), poller(900)], 30);
    expect(verdicts.map((v) => [v.target, v.met])).toEqual([
      ["megaport-mx dynamic: wall ≤ 1.15 × D", true],
      ["megaport-mx dynamic: ≤ 1 request per VXC", true],
      ["megaport-mx dynamic: 0 × 429", true],
      ["megaport-mx dynamic: LIVE→return p95 ≤ 5 s", true],
      ["megaport-mx dynamic: destroy ≤ 1.2 × cancel delay", true],
      ["megaport-mx dynamic: time above D ≤ engine floor + 2 s", true],
      ["megaport-mx dynamic: ≤ 0.2 requests per VXC", true],
      ["megaport-mx dynamic: no-change preview ≤ 1.2 × no-op stack", true],
      ["megaport-mx dynamic: ≥ 10 × fewer requests than the 10 s poller", true],
    ]);
  });

  it("judges N = 500 (and larger) by the 5-minute limit, the provider's memory and destroy ≤ 1.3 × the cancel delay", () => {
    const verdicts = judgeTargets(
      1000,
      [method({ peak5MinWindow: 501, peakRssMiB: 250, destroyMs: 40_000, requestsPerVxc: 0.21 })],
      30,
    );
    expect(verdicts.map((v) => [v.target, v.met])).toEqual([
      ["megaport-mx dynamic: wall ≤ 1.3 × D", true],
      ["megaport-mx dynamic: ≤ 500 requests in any 5 min", false],
      ["megaport-mx dynamic: 0 × 429", true],
      ["megaport-mx dynamic: LIVE→return p95 ≤ 5 s", true],
      ["megaport-mx dynamic: provider peak RSS ≤ 200 MiB", false],
      ["megaport-mx dynamic: destroy ≤ 1.3 × cancel delay", false],
      ["megaport-mx dynamic: time above D ≤ engine floor + 2 s", true],
      ["megaport-mx dynamic: ≤ 0.2 requests per VXC", false],
      ["megaport-mx dynamic: no-change preview ≤ 1.2 × no-op stack", true],
    ]);
  });

  it("judges each adapter against its own engine floor, and the plugin's floor against half the dynamic one", () => {
    const dynamic = method({ aboveDMs: 7_000, engineFloorMs: 4_000 });
    const plugin = method({
      method: "megaport-mx plugin",
      adapter: "plugin",
      aboveDMs: 7_000,
      engineFloorMs: 5_500,
    });
    const verdicts = judgeTargets(100, [dynamic, plugin], 30);
    const floor = (m: string) => verdicts.find((v) => v.target === `${m}: time above D ≤ engine floor + 2 s`);
    expect(floor("megaport-mx dynamic")).toEqual({
      target: "megaport-mx dynamic: time above D ≤ engine floor + 2 s",
      value: "7.0 s = floor 4.0 s + 3.0 s",
      met: false,
    });
    expect(floor("megaport-mx plugin")).toMatchObject({ value: "7.0 s = floor 5.5 s + 1.5 s", met: true });
    expect(verdicts.at(-1)).toEqual({
      target: "plugin engine floor ≤ ½ dynamic engine floor",
      value: "1.38 ×",
      met: false,
    });
    const halved = judgeTargets(100, [dynamic, method({ ...plugin, engineFloorMs: 2_000 })], 30).at(-1);
    expect(halved).toMatchObject({ value: "0.50 ×", met: true });
  });

  it("misses every target when pulumi up failed, whatever the figures", () => {
    const verdicts = judgeTargets(10, [method({ finished: false }), poller(900)], 30);
    expect(verdicts.every((v) => v.met === false)).toBe(true);
  });

  it("cannot tell from a capped poller that made under 10 × the requests, but can when it made more", () => {
    const under = judgeTargets(500, [method({ requests: 400 }), poller(2000, false)], 30).at(-1)!;
    expect(under).toMatchObject({ met: null, value: "5.0 × (poller capped: at least)" });
    const over = judgeTargets(500, [method({ requests: 100 }), poller(2000, false)], 30).at(-1)!;
    expect(over.met).toBe(true);
  });

  it.each([
    { value: 1.1508, limit: 1.15, decimals: 2, shown: "1.151" },
    { value: 1.1492, limit: 1.15, decimals: 2, shown: "1.15" },
    { value: 5.04, limit: 5, decimals: 1, shown: "5.04" },
    { value: 200.4, limit: 200, decimals: 0, shown: "200.4" },
    { value: 0.8, limit: 1, decimals: 2, shown: "0.80" },
    { value: null, limit: 1, decimals: 2, shown: "—" },
  ])(
    "prints $value against at most $limit as $shown, so a figure over its limit never reads as the limit",
    (row) => {
      expect(precise(row.value, row.limit, row.decimals)).toBe(row.shown);
    },
  );

  it("prints a figure under an at-least limit so that it never reads as the limit", () => {
    expect(precise(9.96, 10, 1, "at least")).toBe("9.96");
    expect(precise(10.04, 10, 1, "at least")).toBe("10.0");
  });

  it("leaves a figure it lacks unjudged rather than met", () => {
    const verdicts = judgeTargets(
      10,
      [method({ previewRatio: null, liveToReturn: null, engineFloorMs: null })],
      30,
    );
    for (const target of ["no-change preview", "LIVE→return", "time above D"])
      expect(verdicts.find((v) => v.target.startsWith(`megaport-mx dynamic: ${target}`))).toMatchObject({
        met: null,
        value: "—",
      });
  });
});

describe("the chart", () => {
  it("draws a line and a point per method over N, a hollow one for a capped poller, as standalone SVG", () => {
    const run = (n: number) => ({
      n,
      targetTier: "N = 100",
      targets: [],
      methods: [method({}), poller(900 * n, n < 100)],
    });
    const svg = chartSvg({
      schema: 1,
      environment: {
        date: "2026-01-01T00:00:00.000Z",
        cpus: 2,
        cpuModel: "CPU <x> & co",
        memoryGiB: 4,
        platform: "linux",
        node: "v24",
        pulumiCli: "v3.276.0",
        pulumiSdk: "3.276.0",
        gitCommit: "0123456789abcdef",
        gitDirty: false,
        simulatorRateLimit: { maxRequests: 500, windowMs: 300_000 },
        loadAverageAtStart: [0.5, 0.5, 0.5],
      },
      settings: {
        ns: [10, 100],
        adapters: ["dynamic"],
        delaySeconds: 65,
        configuredSeconds: 15,
        cancelDelaySeconds: 30,
        pollers: [10],
        pollerCapSeconds: 600,
        parallel: null,
        previewRuns: 2,
        rateLimitMbps: 10,
        smoke: false,
      },
      runs: [run(10), run(100)],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("CPU &lt;x&gt; &amp; co");
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    expect(svg.match(/<path /g)).toHaveLength(2 * 3); // two methods, three panels
    expect(svg).toContain('fill="#fff" stroke="#c62828"'); // the capped poller at N = 10
    expect(svg).toContain(">N = 100<");
  });
});
