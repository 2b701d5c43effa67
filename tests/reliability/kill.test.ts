// `kill -9` of the CLI and everything under it in the middle of a create, an update and a delete, then the README's
// recovery ("After an interrupted `pulumi up`"): exactly the VXCs declared, no duplicate, no orphan, and
// `preview --expect-no-changes` passes. Kill, then edit the program: `megaport-mx orphans` finds every VXC left
// behind and settles it. Kill only the CLI: the provider process leaves within seconds.
//
// A kill at a moment on the clock may land after the operation finished, and then proves nothing: each kill waits for
// a sign the operation is in flight (the simulator has answered the buy, the update, the cancel), strikes a seeded
// moment after it, asserts the operation was still running, and prints where it struck. RELIABILITY_SEED=<seed>
// repeats a run.
import * as fs from "node:fs";
import { runOrphans } from "../../cli/orphans";
import { STACK_ID_TAG } from "../../provider/kinds/hidden-inputs";
import { stackIdOf } from "../../provider/kinds/stack-identity/stack-identity";
import { SEED } from "../../simulator/seed";
import { eventually } from "../support/eventually";
import { startWorld, waitForPendingRequest, type World } from "../support/world";
import { backendText, cliProcesses, collect, type E2eStack, killCli } from "../support/pulumi-stack";
import {
  acmeAcceptsEverything,
  customerStack,
  filesUnder,
  issuedTokens,
  liveByName,
  manyVxcs,
  report,
  runSeed,
  secretHits,
  seededRandom,
  setVxcs,
  tally,
  type VxcSpec,
  withEnv,
} from "./reliability-world";

const TIMEOUT = 5 * 60_000;
const seed = runSeed();
const random = seededRandom(seed);
/** A moment after a kill's signal, from the seeded source: short enough that the operation is still running. */
const somewhenMs = (from: number, to: number) => Math.round(from + random() * (to - from));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let world: World;
let e2e: E2eStack | undefined;
const places: { name: string; text: string }[] = [];
const tokens = new Set<string>();

beforeAll(async () => {
  report(`kill: seed ${seed} (RELIABILITY_SEED=${seed} repeats these kill points)`);
  // Slow enough that a kill lands in the middle of things: provisioning and decommissioning take about a second.
  world = await startWorld({
    timings: { deployableMs: 400, configuredMs: 400, cancelledMs: 1200, tickMs: 20 },
  });
});

afterEach(async () => {
  if (!e2e) return;
  for (const token of issuedTokens(world)) tokens.add(token);
  places.push({ name: `${e2e.stack.name}: CLI output`, text: e2e.output.join("\n") });
  places.push({ name: `${e2e.stack.name}: backend`, text: backendText(e2e) });
  places.push(...filesUnder(`${e2e.tmpDir}/home`));
  await e2e.cleanup();
  e2e = undefined;
});

afterAll(async () => {
  const hits = secretHits(places, [...world.secrets(), ...tokens]);
  report(
    `kill: searched ${places.length} outputs and files for secrets, Basic and Bearer values: ${hits.length} hits`,
  );
  await world?.close();
  expect(hits).toEqual([]);
});

/** The README's recovery after a killed `pulumi up`: cancel the lock, clear pending creates, run up again. */
async function recover(stack: E2eStack): Promise<void> {
  await stack.stack.cancel().catch(() => undefined);
  await stack.stack.refresh({ clearPendingCreates: true, onOutput: collect(stack) });
  await stack.stack.up({ onOutput: collect(stack) });
}

/** A sign that an operation is in flight: the simulator has answered a request of the kind named. */
interface InFlight {
  /** "the simulator answered POST /v4/networkdesign/buy" */
  describe: string;
  method: string;
  route: RegExp;
}

const BUY_ANSWERED: InFlight = {
  describe: "the simulator answered the buy",
  method: "POST",
  route: /^\/v4\/networkdesign\/buy$/,
};
const UPDATE_ANSWERED: InFlight = {
  describe: "the simulator answered an update",
  method: "PUT",
  route: /^\/v3\/product\/vxc\/\{uid\}$/,
};
const CANCEL_ANSWERED: InFlight = {
  describe: "the simulator answered a cancel",
  method: "POST",
  route: /^\/v3\/product\/\{uid\}\/action\/\{action\}$/,
};

/** Requests of the kind `sign` names that the simulator answered with a 2xx since `since` (epoch ms). */
function answered(sign: InFlight, since: number): number {
  return world.sim.requests
    .snapshot(Number.MAX_SAFE_INTEGER)
    .recent.filter(
      (e) =>
        e.at >= since &&
        e.method === sign.method &&
        sign.route.test(e.route) &&
        typeof e.status === "number" &&
        e.status < 300,
    ).length;
}

/**
 * Starts `operation`, waits for `sign` that it is in flight, kills the CLI tree a seeded moment later, and waits for
 * the operation to fail. Asserts the operation was still running when the kill struck, and prints where that was.
 */
async function killDuring(
  stack: E2eStack,
  what: string,
  start: (stack: E2eStack) => Promise<unknown>,
  sign: InFlight,
) {
  const since = Date.now();
  let running = true;
  const failed = start(stack).then(
    () => "finished before the kill",
    () => "killed",
  );
  void failed.finally(() => (running = false));
  await eventually(() => !running || answered(sign, since) > 0, 120_000, sign.describe, { intervalMs: 20 });
  // The one deliberate wall-clock wait: the kill strikes a seeded moment after the sign, so runs spread over the
  // operation instead of always striking at the same instant.
  const afterMs = somewhenMs(0, 200);
  await sleep(afterMs);
  const seen = answered(sign, since);
  const inFlight = running;
  const processes = killCli(stack);
  const outcome = await failed;
  report(
    `kill[${what}]: SIGKILL ${Date.now() - since} ms into the operation, ${afterMs} ms after ${sign.describe} ` +
      `(${seen} so far), to ${processes} process(es): the operation was ${inFlight ? "in flight" : "already over"} ` +
      `and ${outcome}`,
  );
  expect({ inFlight, outcome }).toEqual({ inFlight: true, outcome: "killed" });
}

async function expectConverged(stack: E2eStack, prefix: string, declared: number, what: string) {
  const counts = await tally(world, stack, prefix);
  const preview = await stack.stack.preview({ expectNoChanges: true, onOutput: collect(stack) }).then(
    () => "no changes",
    (err: Error) => `changes: ${err.message.slice(0, 200)}`,
  );
  report(
    `kill[${what}]: after recovery ${counts.live} VXCs for ${declared} declared, ${counts.duplicates} duplicates, ` +
      `${counts.orphans} orphans, preview --expect-no-changes: ${preview}`,
  );
  expect({ live: counts.live, duplicates: counts.duplicates, orphans: counts.orphans, preview }).toEqual({
    live: declared,
    duplicates: 0,
    orphans: 0,
    preview: "no changes",
  });
}

/**
 * The resumed up took its orders back by the stack's identity: every VXC carries the megaport-mx:stack-id of the
 * StackIdentity in the stack's state, the one that was there when the killed up ordered them.
 */
async function expectIdentity(stack: E2eStack, prefix: string, what: string) {
  const stackId = stackIdOf((await stack.stack.exportStack()).deployment);
  const live = [...(await liveByName(world.globex, prefix)).values()].flat();
  const tagged = await Promise.all(
    live.map(
      async (v) =>
        (await world.globex.getResourceTags(v.productUid)).find((t) => t.key === STACK_ID_TAG)?.value,
    ),
  );
  const ours = tagged.filter((id) => id !== undefined && id === stackId).length;
  report(`kill[${what}]: resumed by identity: ${ours} of ${live.length} VXCs carry the stack's identity`);
  expect(stackId).toMatch(/^[0-9a-f-]{36}$/);
  expect(tagged).toEqual(live.map(() => stackId));
}

const toRed = (prefix: string, firstVlan: number): VxcSpec[] =>
  manyVxcs(prefix, 4, { port: SEED.ports.acmeSydRed.uid, firstVlan });

describe("kill -9 of the CLI, then the README's recovery", () => {
  it(
    "in a create: exactly the VXCs declared, none twice, none orphaned",
    async () => {
      e2e = await customerStack(world, "kill-create", toRed("KC", 410));
      const acme = acmeAcceptsEverything(world, 300);
      try {
        await killDuring(e2e, "create", (s) => s.stack.up({ onOutput: collect(s) }), BUY_ANSWERED);
        await recover(e2e);
        await expectConverged(e2e, "KC", 4, "create");
        await expectIdentity(e2e, "KC", "create");
      } finally {
        await acme.stop();
      }
    },
    TIMEOUT,
  );

  it(
    "in an update (renames and speed increases the provider must accept): every change lands once",
    async () => {
      const vxcs = toRed("KU", 420);
      e2e = await customerStack(world, "kill-update", vxcs);
      const acme = acmeAcceptsEverything(world, 300);
      try {
        await e2e.stack.up({ onOutput: collect(e2e) });
        const changed = vxcs.map((v) => ({ ...v, name: `${v.name} renamed`, rateLimit: 200 }));
        await setVxcs(e2e.stack, changed);
        await killDuring(e2e, "update", (s) => s.stack.up({ onOutput: collect(s) }), UPDATE_ANSWERED);
        await recover(e2e);
        await expectConverged(e2e, "KU", 4, "update");
        const live = [...(await liveByName(world.globex, "KU")).entries()];
        expect(live.map(([name, list]) => [name.endsWith("renamed"), list[0].rateLimit])).toEqual(
          Array(4).fill([true, 200]),
        );
      } finally {
        await acme.stop();
      }
    },
    TIMEOUT,
  );

  it(
    "in a destroy: the destroy run again leaves nothing live and nothing in the stack",
    async () => {
      e2e = await customerStack(world, "kill-delete", manyVxcs("KD", 4));
      await e2e.stack.up({ onOutput: collect(e2e) });
      await killDuring(e2e, "delete", (s) => s.stack.destroy({ onOutput: collect(s) }), CANCEL_ANSWERED);
      await e2e.stack.cancel().catch(() => undefined);
      await e2e.stack.destroy({ onOutput: collect(e2e) });
      const counts = await tally(world, e2e, "KD");
      const left = ((await e2e.stack.exportStack()).deployment.resources ?? []).length;
      report(
        `kill[delete]: after destroy again ${counts.live} VXCs live, ${left} resources left in the stack`,
      );
      expect(counts.live).toBe(0);
      expect(left).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "then an edit of the program: megaport-mx orphans finds every VXC left behind and cancels it",
    async () => {
      const vxcs = toRed("KE", 430);
      e2e = await customerStack(world, "kill-edit", vxcs);
      const interrupted = e2e.stack.up({ onOutput: collect(e2e) }).catch(() => undefined);
      // Every order placed and waiting on Acme, then the crash.
      for (const v of vxcs) await waitForPendingRequest(world.acme, (p) => p.productName === v.name);
      killCli(e2e);
      await interrupted;
      // The edit: another B-end VLAN for the first (a new order tag), the second removed, another A-end VLAN for the
      // third (an update in place: the same order tag, so the up adopts the stranded order and updates it).
      const edited = [
        { ...vxcs[0], bEnd: { ...vxcs[0].bEnd, vlan: 439 } },
        { ...vxcs[2], aEnd: { ...vxcs[2].aEnd, vlan: 438 } },
        vxcs[3],
      ];
      await setVxcs(e2e.stack, edited);
      const acme = acmeAcceptsEverything(world, 300);
      try {
        await recover(e2e);
      } finally {
        await acme.stop();
      }
      const lines: string[] = [];
      const env = { ...e2e.envVars, PULUMI_HOME: `${e2e.tmpDir}/home` };
      const found = await withEnv(env, () =>
        runOrphans(["--stack", e2e!.stack.name, "--cwd", e2e!.workDir], (l) => lines.push(l)),
      );
      const listed = lines.filter((l) => l.trimStart().startsWith("orphan ")).length;
      const settled = await withEnv(env, () =>
        runOrphans(["--stack", e2e!.stack.name, "--cwd", e2e!.workDir, "--cancel-all"], (l) => lines.push(l)),
      );
      places.push({ name: "orphans command output", text: lines.join("\n") });
      const after = await tally(world, e2e, "KE");
      const third = (await liveByName(world.globex, "KE 2")).get("KE 2") ?? [];
      report(
        `kill[edit]: orphans listed ${listed} (exit ${found}), --cancel-all exit ${settled}; then ${after.live} VXCs ` +
          `for 3 declared, ${after.orphans} orphans; the one with an edited A-end VLAN adopted and updated ` +
          `(${third.length} VXC, VLAN ${third[0]?.aEnd?.vlan})`,
      );
      expect(third.map((v) => v.aEnd?.vlan)).toEqual([438]);
      expect([found, listed, settled]).toEqual([3, 2, 0]);
      expect({ live: after.live, duplicates: after.duplicates, orphans: after.orphans }).toEqual({
        live: 3,
        duplicates: 0,
        orphans: 0,
      });
    },
    TIMEOUT,
  );

  it(
    "of the CLI alone: the provider process notices the engine is gone and leaves within seconds",
    async () => {
      e2e = await customerStack(world, "kill-cli-only", toRed("KP", 440).slice(0, 1));
      const waiting = e2e.stack.up({ onOutput: collect(e2e) }).catch(() => undefined);
      await waitForPendingRequest(world.acme, (p) => p.productName === "KP 0");
      const before = providersIn(e2e.workDir);
      const cli = cliProcesses(e2e);
      for (const pid of cli) process.kill(pid, "SIGKILL");
      await waiting;
      const started = Date.now();
      let providers = providersIn(e2e.workDir);
      // A wait on a condition that keeps the time it took, which the line below reports even when it fails.
      while (providers.length > 0 && Date.now() - started < 20_000) {
        await sleep(250);
        providers = providersIn(e2e.workDir);
      }
      report(
        `kill[cli only]: ${cli.length} CLI process(es) killed, ${before.length} provider process(es) running; left after ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s: ${providers.length}`,
      );
      for (const pid of pidsIn(e2e.workDir)) process.kill(pid, "SIGKILL"); // the language host is Pulumi's own
      expect(cli.length).toBeGreaterThan(0);
      expect(before.length).toBeGreaterThan(0);
      expect(providers).toEqual([]);
    },
    TIMEOUT,
  );
});

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** Processes whose working directory is the program's: the language host, the program, the providers. */
function pidsIn(dir: string): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/cwd`) === dir;
      } catch {
        return false;
      }
    });
}

/** The dynamic-provider processes running for this program. */
function providersIn(dir: string): number[] {
  return pidsIn(dir).filter((pid) => commandOf(pid).includes("dynamic-provider"));
}
