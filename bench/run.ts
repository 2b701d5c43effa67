// `npm run bench`: the scale benchmark. For each N and each adapter (the dynamic resources from a Node.js program, the
// provider plugin from a YAML program), `pulumi up` of N VxcConnections against the simulator (a fixed provisioning
// delay D, Megaport's 500 requests per 5 minutes per IP on, an auto-approving B-end), then `up` of N no-op resources
// served as that adapter's are (the engine floor), a no-change `preview` beside one of those, then `destroy`; and in
// the same run naive per-VXC
// pollers (10 s as Megaport's CLI, 30 s as its Terraform provider) doing the same orders. Prints a table per N with
// the issue's targets marked (never asserted) and writes JSON and an SVG chart (bench/report.ts).
//
// Every measured run gets a simulator process of its own: fresh state (decommissioned VXCs stay listed, and a
// listing of the last run's thousand would weigh on the next), fresh request counts and an empty rate-limit
// window; the window is emptied again before each measured command. The bench itself sends no API request while
// anything is measured (everything here shares 127.0.0.1, so it would count against the limit): it reads only
// /_sim/*, which the simulator neither counts nor limits, and the stacks' outputs.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { VxcOrderItem } from "../provider/client/schemas/vxc-order";
import { pulumiCliRoot, REPO_ROOT } from "../scripts/pulumi-cli-root";
import { SEED } from "../simulator/seed";
import { parseBenchArgs, USAGE, type BenchOptions } from "./bench-options";
import {
  type Adapter,
  distribution,
  histogram,
  type BenchEnvironment,
  type BenchResults,
  type MethodResult,
  type NResult,
} from "./bench-result";
import { runNaivePoller } from "./naive-poller";
import { createBenchStack, timedDestroy, timedPreview, timedUp, type BenchStack } from "./pulumi-run";
import { formatNResult, seconds, writeResults } from "./report";
import { RequestTimeline, type RequestSummary } from "./request-timeline";
import { RssSampler } from "./rss-sampler";
import { noopYaml, vxcsYaml } from "./yaml-programs";
import {
  MEGAPORT_LIMIT,
  startSimulatorProcess,
  type SimulatorProcess,
  type SimVxc,
} from "./simulator-process";
import { judgeTargets, targetTier } from "./targets";

const KEY = SEED.apiKeys.globexAdmin;
/** Globex's two Sydney ports, taken in turn, to Acme's port that accepts every request by itself. */
const A_END_UIDS = [SEED.ports.globexSydRed.uid, SEED.ports.globexSydBlue.uid];
const B_END_UID = SEED.ports.acmeSydAuto.uid;
const REQUEST_BUCKET_S = 10;
/** Where the toolchain is (scripts/pulumi-cli-root.ts, scripts/node-runtime.js), not how the provider behaves. */
const TOOLCHAIN_ENV = new Set([
  "MEGAPORT_MX_PULUMI_ROOT",
  "MEGAPORT_MX_PULUMI_YAML_DIR",
  "MEGAPORT_MX_CACHE",
]);

function progress(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2), REPO_ROOT);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // The provider's own cadence is what is measured: a MEGAPORT_MX_* tuning left in the shell would change it.
  for (const name of Object.keys(process.env).filter(
    (k) => k.startsWith("MEGAPORT_MX_") && !TOOLCHAIN_ENV.has(k),
  )) {
    progress(`ignoring ${name} from the environment: the bench measures the provider's defaults`);
    delete process.env[name];
  }
  const { out, help: _help, ...settings } = options;
  const results: BenchResults = { schema: 1, environment: environment(), settings, runs: [] };
  const stamp = results.environment.date.replace(/[:.]/g, "-");
  console.log(
    `megaport-mx scale benchmark · ${results.environment.cpus} CPUs · Node ${results.environment.node} · ` +
      `Pulumi CLI ${results.environment.pulumiCli} · commit ${results.environment.gitCommit.slice(0, 10)}` +
      `${results.environment.gitDirty ? " (provider, sdk or simulator modified)" : ""}`,
  );
  console.log(
    `pollers are capped at ${options.pollerCapSeconds} s: one that has not seen every VXC LIVE by then reports ` +
      `"did not finish" with the requests it had made so far.\n`,
  );
  const [load1] = results.environment.loadAverageAtStart;
  if (load1 !== undefined && load1 > results.environment.cpus) {
    console.log(
      `load average ${load1} on ${results.environment.cpus} CPUs at the start: other work shares this machine, so ` +
        `the walls, LIVE→return times and preview ratios below are longer than on an idle one.\n`,
    );
  }
  let broken = false;
  for (const n of options.ns) {
    const methods: MethodResult[] = [];
    for (const adapter of options.adapters) {
      const mx = await runMegaportMx(n, options, adapter);
      methods.push(mx.result);
      broken ||= mx.broken;
    }
    for (const period of options.pollers) methods.push(await runPoller(n, period, options));
    const result: NResult = {
      n,
      methods,
      targetTier: targetTier(n),
      targets: judgeTargets(n, methods, options.cancelDelaySeconds),
    };
    results.runs.push(result);
    console.log(`${formatNResult(result, options)}\n`);
    // After every N, so a long run keeps what it measured if a later N fails.
    const files = writeResults(out, results, stamp);
    if (n === options.ns[options.ns.length - 1]) {
      console.log(
        `results: ${files.json}\n         ${files.svg}\n         (also ${path.basename(files.latestJson)}, ${path.basename(files.latestSvg)})`,
      );
    }
  }
  return broken ? 1 : 0;
}

/**
 * Everything megaport-mx is measured on for one N, through one adapter: up, the engine floor (`up` of N no-op
 * resources served as that adapter's are), no-change preview against the no-op stack, destroy.
 */
async function runMegaportMx(
  n: number,
  options: BenchOptions,
  adapter: Adapter,
): Promise<{ result: MethodResult; broken: boolean }> {
  const parallel = options.parallel ?? n;
  const method = `megaport-mx ${adapter}`;
  const sim = await startSimulatorProcess(REPO_ROOT, simulatorTimings(options));
  const stacks: BenchStack[] = [];
  try {
    progress(`N = ${n}, ${method}: making the stacks (simulator pid ${sim.pid}, ${sim.url})`);
    const settings = adapter === "plugin" ? "megaport-mx" : "megaport";
    const secrets = {
      [`${settings}:baseUrl`]: { value: sim.url },
      [`${settings}:tokenUrl`]: { value: sim.tokenUrl },
      [`${settings}:accessKey`]: { value: KEY.accessKey, secret: true },
      [`${settings}:secretKey`]: { value: KEY.secretKey, secret: true },
    };
    const vxcs = { count: n, aEndUids: A_END_UIDS, bEndUid: B_END_UID, rateLimit: options.rateLimitMbps };
    const mx =
      adapter === "plugin"
        ? await createBenchStack({ yaml: vxcsYaml(vxcs) }, `mx-plugin-${n}`, secrets)
        : await createBenchStack({ dir: "vxcs" }, `mx-${n}`, {
            count: { value: String(n) },
            aEndUids: { value: JSON.stringify(A_END_UIDS) },
            bEndUid: { value: B_END_UID },
            rateLimit: { value: String(options.rateLimitMbps) },
            ...secrets,
          });
    stacks.push(mx);
    const noop =
      adapter === "plugin"
        ? await createBenchStack({ yaml: noopYaml(n) }, `noop-plugin-${n}`, {})
        : await createBenchStack({ dir: "noop" }, `noop-${n}`, { count: { value: String(n) } });
    stacks.push(noop);

    progress(`N = ${n}, ${method}: pulumi up --parallel ${parallel}`);
    const upTimeline = await measuring(sim, `N = ${n}, ${method} up`);
    const rss = new RssSampler(mx.workDir, adapter);
    rss.start();
    const startedAt = Date.now();
    const up = await timedUp(mx, parallel);
    const rssPeak = rss.stop();
    const upRequests = await upTimeline.stop();
    const live = liveTimes(await sim.vxcs());
    const returns = up.creates
      .filter((c) => !c.failed && c.id !== undefined && live.has(c.id))
      .map((c) => c.at - live.get(c.id!)!);
    progress(
      `N = ${n}, ${method}: up ${up.succeeded ? "succeeded" : "FAILED"} in ${seconds(up.wallMs)}, ` +
        `${upRequests.total} requests`,
    );

    let previewMs: number | null = null;
    let noopPreviewMs: number | null = null;
    let previewRequests: number | null = null;
    let noopPeakRssMiB: number | null = null;
    let engineFloorMs: number | null = null;
    let previewFailure: string | null = null;
    let broken = !up.succeeded;
    if (up.succeeded) {
      progress(`N = ${n}, ${method}: pulumi up of ${n} no-op ${adapter} resources (the engine floor)`);
      const noopRss = new RssSampler(noop.workDir, adapter);
      noopRss.start();
      const noopUp = await timedUp(noop, parallel);
      noopPeakRssMiB = noopRss.stop().peakMiB;
      if (!noopUp.succeeded) throw new Error(`up of the no-op stack failed: ${noopUp.error}`);
      engineFloorMs = noopUp.wallMs;
      // Fastest of `previewRuns` each, taken in turn so a passing load on the machine weighs on both alike.
      let requests = 0;
      try {
        for (let run = 1; run <= options.previewRuns; run++) {
          progress(`N = ${n}, ${method}: no-change preview ${run}/${options.previewRuns}, then no-op`);
          const timeline = await measuring(sim);
          const ms = await timedPreview(mx, parallel).finally(() =>
            timeline.stop().then((r) => (requests += r.total)),
          );
          previewMs = Math.min(previewMs ?? Infinity, ms);
          noopPreviewMs = Math.min(noopPreviewMs ?? Infinity, await timedPreview(noop, parallel));
        }
        previewRequests = requests / options.previewRuns;
      } catch (err) {
        previewFailure = firstLines((err as Error).message);
        previewMs = noopPreviewMs = null;
        broken = true;
      }
      await timedDestroy(noop, parallel);
    }

    progress(`N = ${n}, ${method}: pulumi destroy --parallel ${parallel}`);
    const destroyTimeline = await measuring(sim, `N = ${n}, ${method} destroy`);
    const destroyStartedAt = Date.now();
    const destroy = await timedDestroy(mx, parallel);
    const destroyRequests = await destroyTimeline.stop();
    broken ||= !destroy.succeeded;
    progress(
      `N = ${n}, ${method}: destroy ${destroy.succeeded ? "succeeded" : "FAILED"} in ${seconds(destroy.wallMs)}`,
    );

    const notes = [
      up.succeeded ? null : `pulumi up failed: ${firstLines(up.error)}`,
      previewFailure === null ? null : `no-change preview failed: ${previewFailure}`,
      destroy.succeeded ? null : `pulumi destroy failed: ${firstLines(destroy.error)}`,
      returns.length < n ? `only ${returns.length} of ${n} creates returned with their VXC LIVE` : null,
    ].filter((note) => note !== null);
    return {
      broken,
      result: {
        ...common(method, n, options, up.wallMs, upRequests, startedAt),
        kind: "megaport-mx",
        adapter,
        engineFloorMs,
        pollSeconds: null,
        finished: up.succeeded,
        note: notes.length ? notes.join("; ") : null,
        vxcsDone: returns.length,
        peakRssMiB: rssPeak.peakMiB,
        noopPeakRssMiB,
        liveToReturn: distribution(returns),
        destroyMs: destroy.succeeded ? destroy.wallMs : null,
        destroyRequests: destroyRequests.total,
        destroyTooMany: destroyRequests.tooMany,
        destroyByRoute: destroyRequests.byRoute,
        destroyRequestRate: requestRate(destroyRequests, destroyStartedAt),
        previewMs,
        previewRequests,
        noopPreviewMs,
        previewRatio: previewMs !== null && noopPreviewMs ? previewMs / noopPreviewMs : null,
      },
    };
  } finally {
    for (const stack of stacks) await stack.cleanup();
    await sim.stop();
  }
}

/** A naive poller of period `period` s doing the same N orders, on a simulator of its own. */
async function runPoller(n: number, period: number, options: BenchOptions): Promise<MethodResult> {
  const method = `poller ${period} s`;
  const sim = await startSimulatorProcess(REPO_ROOT, simulatorTimings(options));
  try {
    progress(
      `N = ${n}, ${method}: ordering ${n} VXCs, polling each every ${period} s (cap ${options.pollerCapSeconds} s)`,
    );
    const timeline = await measuring(sim, `N = ${n}, ${method}`);
    const startedAt = Date.now();
    const run = await runNaivePoller({
      baseUrl: sim.url,
      tokenUrl: sim.tokenUrl,
      accessKey: KEY.accessKey,
      secretKey: KEY.secretKey,
      orders: Array.from({ length: n }, (_, i) => orderOf(i, options.rateLimitMbps)),
      periodMs: period * 1000,
      capMs: options.pollerCapSeconds * 1000,
    });
    const requests = await timeline.stop();
    const live = liveTimes(await sim.vxcs());
    const seen = run.seen.filter((s) => live.has(s.uid)).map((s) => s.seenAt - live.get(s.uid)!);
    const capMin = options.pollerCapSeconds / 60;
    const note = run.finished
      ? null
      : `did not finish in ${capMin >= 1 ? `${Number(capMin.toFixed(1))} min` : `${options.pollerCapSeconds} s`}: ` +
        `${run.seen.length} of ${n} VXCs seen LIVE, ${run.ordered} ordered, ${requests.total} requests so far` +
        (run.lastError ? `; last failure: ${run.lastError}` : "");
    progress(
      `N = ${n}, ${method}: ${note ?? `finished in ${seconds(run.wallMs)}`}, ${requests.total} requests`,
    );
    return {
      ...common(method, n, options, run.wallMs, requests, startedAt),
      kind: "poller",
      adapter: null,
      engineFloorMs: null,
      pollSeconds: period,
      finished: run.finished,
      note,
      vxcsDone: run.seen.length,
      peakRssMiB: null,
      noopPeakRssMiB: null,
      liveToReturn: distribution(seen),
      destroyMs: null,
      destroyRequests: null,
      destroyTooMany: null,
      destroyByRoute: null,
      destroyRequestRate: null,
      previewMs: null,
      previewRequests: null,
      noopPreviewMs: null,
      previewRatio: null,
    };
  } finally {
    await sim.stop();
  }
}

/** The figures every method has. */
function common(
  method: string,
  n: number,
  options: BenchOptions,
  wallMs: number,
  requests: RequestSummary,
  startedAt: number,
) {
  return {
    method,
    wallMs,
    wallOverD: wallMs / 1000 / options.delaySeconds,
    aboveDMs: wallMs - options.delaySeconds * 1000,
    requests: requests.total,
    requestsPerVxc: requests.total / n,
    tooMany: requests.tooMany,
    tokenRequests: requests.token,
    peak5MinWindow: requests.peak5MinWindow,
    byRoute: requests.byRoute,
    requestRate: requestRate(requests, startedAt),
  };
}

/** Requests per REQUEST_BUCKET_S from `startedAt`; null when the simulator's log had a gap. */
function requestRate(requests: RequestSummary, startedAt: number): MethodResult["requestRate"] {
  return requests.peak5MinWindow === null
    ? null
    : {
        bucketSeconds: REQUEST_BUCKET_S,
        counts: histogram(requests.arrivals, startedAt, REQUEST_BUCKET_S * 1000),
      };
}

/**
 * An empty rate-limit window and request counts from zero, read until stopped; with `what`, a line every minute
 * saying how far it got, for a person watching a long run.
 */
async function measuring(sim: SimulatorProcess, what?: string): Promise<RequestTimeline> {
  await sim.resetRateLimit();
  const timeline = new RequestTimeline(sim);
  await timeline.start(
    undefined,
    what
      ? ({ total, tooMany, elapsedMs }) =>
          progress(`${what}: ${seconds(elapsedMs)}, ${total} requests so far (${tooMany} × 429)`)
      : undefined,
  );
  return timeline;
}

function simulatorTimings(options: BenchOptions) {
  return {
    provisioningMs: Math.round(options.delaySeconds * 1000),
    configuredMs: Math.round(options.configuredSeconds * 1000),
    cancelledMs: Math.round(options.cancelDelaySeconds * 1000),
  };
}

function liveTimes(vxcs: SimVxc[]): Map<string, number> {
  return new Map(vxcs.filter((v) => v.liveAt !== null).map((v) => [v.productUid, v.liveAt!]));
}

/** The order megaport-mx places for bench-<i> (bench/programs/vxcs), as Megaport's CLI would place it. */
function orderOf(i: number, rateLimit: number): VxcOrderItem {
  return {
    productUid: A_END_UIDS[i % A_END_UIDS.length],
    associatedVxcs: [
      {
        productName: `bench ${i}`,
        rateLimit,
        term: 1,
        aEnd: { vlan: 0 },
        bEnd: { productUid: B_END_UID, vlan: 0 },
      },
    ],
  };
}

function environment(): BenchEnvironment {
  const git = (...args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  const cpus = os.cpus();
  const pulumiCli = execFileSync(path.join(pulumiCliRoot(), "bin", "pulumi"), ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  }).trim();
  const sdk = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
  ) as { version: string };
  return {
    date: new Date().toISOString(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    pulumiCli,
    pulumiSdk: sdk.version,
    gitCommit: git("rev-parse", "HEAD") || "unknown",
    gitDirty: git("status", "--porcelain", "--", "provider", "sdk", "simulator") !== "",
    simulatorRateLimit: { ...MEGAPORT_LIMIT },
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function firstLines(text: string | undefined, count = 6): string {
  const lines = (text ?? "").split("\n").filter((line) => line.trim());
  const errors = lines.filter((line) => /error/i.test(line));
  return (errors.length ? errors : lines).slice(0, count).join(" | ");
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
