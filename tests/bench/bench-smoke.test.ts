// `node dist/bench/run.js --smoke` as CI runs it: N = 20, a provisioning delay of seconds, both pollers with a
// short cap, the real CLI and a simulator process. A smoke test: it fails when the bench breaks (a non-zero exit,
// a missing row, column or field), never on a timing or a target.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BenchResults, MethodResult, NResult } from "../../bench/bench-result";
import { REPO_ROOT } from "../support/pulumi-stack";

const RUNNER = path.join(REPO_ROOT, "dist/bench/run.js");

/** Every field of a method's results: a field added to MethodResult must be added here (the compiler says so). */
const METHOD_FIELDS: Record<keyof MethodResult, true> = {
  method: true,
  kind: true,
  adapter: true,
  engineFloorMs: true,
  pollSeconds: true,
  finished: true,
  note: true,
  wallMs: true,
  wallOverD: true,
  aboveDMs: true,
  vxcsDone: true,
  requests: true,
  requestsPerVxc: true,
  tooMany: true,
  tokenRequests: true,
  peak5MinWindow: true,
  byRoute: true,
  peakRssMiB: true,
  noopPeakRssMiB: true,
  liveToReturn: true,
  destroyMs: true,
  destroyRequests: true,
  destroyTooMany: true,
  destroyByRoute: true,
  destroyRequestRate: true,
  previewMs: true,
  previewRequests: true,
  noopPreviewMs: true,
  previewRatio: true,
  requestRate: true,
};
const ADAPTERS = ["dynamic", "plugin"];
const ADAPTER_ROWS = ADAPTERS.map((a) => `megaport-mx ${a}`);
const ROWS = [...ADAPTER_ROWS, "poller 10 s", "poller 30 s"];
const RUN_FIELDS: Record<keyof NResult, true> = { n: true, methods: true, targetTier: true, targets: true };

describe("npm run bench -- --smoke", () => {
  let out: string;
  let run: { code: number | null; stdout: string; stderr: string; seconds: number };

  beforeAll(async () => {
    expect(fs.existsSync(RUNNER)).toBe(true); // npm test builds first (pretest)
    out = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-bench-smoke-"));
    const started = Date.now();
    run = await new Promise((resolve) => {
      execFile(
        process.execPath,
        [RUNNER, "--smoke", "--out", out],
        { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 8 * 60_000 },
        (error, stdout, stderr) =>
          resolve({
            code: error ? ((error as { code?: number }).code ?? null) : 0,
            stdout,
            stderr,
            seconds: (Date.now() - started) / 1000,
          }),
      );
    });
    process.stdout.write(`[bench smoke] ${run.seconds.toFixed(0)} s\n`);
  }, 9 * 60_000);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("exits 0", () => {
    expect({ code: run.code, stderr: run.code === 0 ? "" : run.stderr.slice(-4000) }).toEqual({
      code: 0,
      stderr: "",
    });
  });

  it("prints a table for N = 20 with a row for each adapter and each poller, the targets and the routes", () => {
    expect(run.stdout).toMatch(/^N = 20 · D = 5 s/m);
    expect(run.stdout).toMatch(
      /^method\s+wall\s+wall\/D\s+above D \(floor\)\s+req\/VXC\s+requests\s+429s\s+max in 5 min\s+peak RSS \(no-op\)\s+LIVE→return p50 \/ p95\s+destroy\s+preview \(no-op\)$/m,
    );
    for (const row of ROWS) expect(run.stdout).toMatch(new RegExp(`^${row}\\s+\\d+\\.\\d s`, "m"));
    for (const mx of ADAPTER_ROWS)
      expect(run.stdout).toMatch(
        new RegExp(`^${mx}\\s+\\d+\\.\\d s\\s+\\S+\\s+-?\\d+\\.\\d s \\(\\d+\\.\\d s\\)`, "m"),
      );
    expect(run.stdout).toMatch(/^targets \(N = 100; printed, never asserted\):$/m);
    const verdict = "^ {2}(✓ {2}met|✗ {2}missed|\\? {2}unknown) +";
    expect(run.stdout).toMatch(new RegExp(`${verdict}plugin engine floor ≤ ½ dynamic engine floor: `, "m"));
    for (const mx of ADAPTER_ROWS) {
      expect(run.stdout).toMatch(
        new RegExp(`${verdict}${mx}: ≥ 10 × fewer requests than the 10 s poller: `, "m"),
      );
      expect(run.stdout).toMatch(new RegExp(`${verdict}${mx}: time above D ≤ engine floor \\+ 2 s: `, "m"));
      expect(run.stdout).toMatch(
        new RegExp(`^ {2}${mx}: a no-change preview made \\d+ requests; destroy \\d+ \\(\\d+ × 429\\)$`, "m"),
      );
      expect(run.stdout).toMatch(new RegExp(`^ {2}${mx} up: .*POST /v4/networkdesign/buy \\d+`, "m"));
      expect(run.stdout).toMatch(
        new RegExp(`^ {2}${mx} destroy: .*POST /v3/product/\\{uid\\}/action/\\{action\\} \\d+`, "m"),
      );
    }
    expect(run.stdout).toMatch(/^ {2}poller 10 s: .*GET \/v2\/product\/\{uid\} \d+/m);
  });

  it("writes the results as JSON with every field, the environment and a figure for every VXC", () => {
    const files = fs.readdirSync(out).sort();
    expect(files.filter((f) => f.endsWith(".json"))).toHaveLength(2); // smoke-<stamp>.json and smoke-latest.json
    expect(files).toContain("smoke-latest.json");
    const results = JSON.parse(fs.readFileSync(path.join(out, "smoke-latest.json"), "utf8")) as BenchResults;
    expect(Object.keys(results.environment).sort()).toEqual(
      [
        "cpuModel",
        "cpus",
        "date",
        "gitCommit",
        "gitDirty",
        "loadAverageAtStart",
        "memoryGiB",
        "node",
        "platform",
        "pulumiCli",
        "pulumiSdk",
        "simulatorRateLimit",
      ].sort(),
    );
    expect(results.environment.pulumiCli).toMatch(/^v3\.\d+\.\d+/);
    expect(results.settings).toMatchObject({ ns: [20], smoke: true, pollers: [10, 30], adapters: ADAPTERS });
    expect(results.runs).toHaveLength(1);
    const [n20] = results.runs;
    expect(Object.keys(n20).sort()).toEqual(Object.keys(RUN_FIELDS).sort());
    expect(n20.methods.map((m) => m.method)).toEqual(ROWS);
    for (const m of n20.methods) expect(Object.keys(m).sort()).toEqual(Object.keys(METHOD_FIELDS).sort());
    for (const [i, adapter] of ADAPTERS.entries()) {
      const mx = n20.methods[i];
      expect({ adapter: mx.adapter, finished: mx.finished, vxcsDone: mx.vxcsDone }).toEqual({
        adapter,
        finished: true,
        vxcsDone: 20,
      });
      expect(mx.liveToReturn?.count).toBe(20);
      expect(mx.requests).toBeGreaterThan(0);
      expect(mx.peakRssMiB).toBeGreaterThan(0);
      expect(mx.noopPeakRssMiB).toBeGreaterThan(0);
      expect(mx.engineFloorMs).toBeGreaterThan(0);
      expect(typeof mx.destroyMs).toBe("number");
      expect(mx.destroyRequestRate?.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(typeof mx.previewRatio).toBe("number");
    }
    expect(n20.targets.length).toBeGreaterThan(0);
  });

  it("draws the SVG chart", () => {
    const svg = fs.readFileSync(path.join(out, "smoke-latest.svg"), "utf8");
    expect(svg.startsWith("<svg ")).toBe(true);
    for (const row of ROWS) expect(svg).toContain(row);
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
