// `megaport-mx orphans`: lists the VXCs a stack ordered that no resource in it holds (live, so billed), and settles
// them on request. Reads the stack through the Automation API (the backend and passphrase from the environment, as
// the pulumi CLI does), and Megaport with the stack's own megaport:* config (megaport-mx:* for a stack of the provider
// plugin, cli/stack-config.ts), else MEGAPORT_* variables. A stack of either adapter, or one moved between them.
//
//   megaport-mx orphans [--stack <name>] [--cwd <program dir>] [--json]
//   megaport-mx orphans --cancel <uid> [--cancel <uid> …] | --cancel-all [--no-update-running]
//
// Exit codes (cli/exit-codes.ts): 0 no orphans left (none found, or all cancelled); 3 orphans remain; 1 an error;
// 64 a usage error.
// Never cancels a VXC that is not an orphan of this stack, nor anything while an update of the stack runs: a running
// `pulumi up` has orders it has not written to state yet, and they look like orphans. So it refuses --cancel* while
// the backend holds the stack's update lock (cli/update-lock.ts), or when it cannot read that lock and the user has
// not confirmed no update runs (--no-update-running), and right before each cancel it reads the lock, the state and
// the VXC's tags again.
import type { Stack } from "@pulumi/pulumi/automation";
import { UsageError } from "./errors";
import { EXIT } from "./exit-codes";
import { clientFor, resolveSettings } from "../provider/config/provider-config";
import { DEFAULT_TIMEOUTS, deleteAndWait } from "../provider/kinds/vxc-connection/vxc-wait";
import { stackIdsOf } from "../provider/kinds/stack-identity/stack-identity";
import {
  findOrphans,
  heldVxcsOf,
  type OrphanReport,
  whyNotAnOrphanNow,
} from "../provider/kinds/vxc-connection/vxc-orphans";
import { stackConfigSource } from "./stack-config";
import { onStack, optionsOr, readFlags, type StackCommandOptions } from "./stack-command";
import { updateLock, type UpdateLock } from "./update-lock";

export interface OrphansOptions extends StackCommandOptions {
  json: boolean;
  cancel: string[];
  cancelAll: boolean;
  /** The user confirms no update of the stack runs, for a backend whose lock this command cannot read. */
  noUpdateRunning: boolean;
}

export const ORPHANS_USAGE = `usage: megaport-mx orphans [--stack <name>] [--cwd <program dir>] [--json] [--cancel <uid> ... | --cancel-all]

Lists the VXCs this stack ordered (they carry its megaport-mx:stack tag) that no resource in the stack holds: what
an interrupted \`pulumi up\` followed by an edit of the program leaves behind. They are live and billed.
  --cancel <uid>   cancel that orphan and wait until it is DECOMMISSIONED (repeatable)
  --cancel-all     cancel every orphan found that carries this stack's identity (one ordered before stacks had
                   identities is cancelled only by --cancel <uid>)
  --no-update-running
                   confirm that no update of the stack runs, for a backend whose lock this command cannot read
                   (s3://, gs://, azblob://): without it, --cancel and --cancel-all refuse there
  --json           print the report as JSON
Refuses to cancel anything while an update of the stack runs (its orders may not be in state yet).
Exit codes: 0 no orphans left, 3 orphans remain, 1 error, 64 usage.`;

export function parseOrphansArgs(argv: readonly string[], cwd = process.cwd()): OrphansOptions {
  const options: OrphansOptions = {
    cwd,
    json: false,
    cancel: [],
    cancelAll: false,
    noUpdateRunning: false,
    help: false,
  };
  readFlags(argv, options, {
    "--json": () => (options.json = true),
    "--cancel": (value) => options.cancel.push(value()),
    "--cancel-all": () => (options.cancelAll = true),
    "--no-update-running": () => (options.noUpdateRunning = true),
  });
  if (options.cancelAll && options.cancel.length > 0)
    throw new UsageError("give --cancel <uid> or --cancel-all, not both");
  return options;
}

/** Runs the command; returns the exit code. Prints to `out`. */
export async function runOrphans(
  argv: readonly string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  const options = optionsOr("orphans", ORPHANS_USAGE, () => parseOrphansArgs(argv), out);
  if (typeof options === "number") return options;
  // The watcher's timers do not hold a process open (they must not in the provider); this command waits on them.
  const keepAlive = setInterval(() => undefined, 60_000);
  try {
    return await onStack("orphans", options, out, async ({ stack, project, backend }) => {
      const config = await stack.getAllConfig();
      const settings = resolveSettings(process.env, stackConfigSource(config));
      const client = clientFor(settings, "megaport-mx-orphans");
      const cancelling = options.cancelAll || options.cancel.length > 0;
      // The lock first: what the state says while an update runs is already out of date.
      const lock = await updateLock(stack, project, backend);
      const state = await stack.exportStack();
      const report = await findOrphans(
        client,
        `${project}/${stack.name}`,
        heldVxcsOf(state.deployment ?? {}),
        stackIdsOf(state.deployment ?? {}),
      );
      const running = lock.state === "running";

      const refusal = cancelling ? refusalFor(lock, options.noUpdateRunning, report.stack) : undefined;
      // --cancel-all takes only the orphans whose tags carry this stack's identity; the others are named by UID.
      const toCancel = refusal
        ? []
        : options.cancelAll
          ? report.orphans.filter((o) => o.proven).map((o) => o.vxcUid)
          : options.cancel;
      const unknown = toCancel.filter((uid) => !report.orphans.some((o) => o.vxcUid === uid));
      if (unknown.length > 0) {
        out(
          `megaport-mx orphans: not an orphan of stack ${report.stack}, so not cancelled: ${unknown.join(", ")}`,
        );
        return EXIT.FAILED;
      }
      const cancelled: string[] = [];
      const kept: { vxcUid: string; why: string }[] = [];
      let updateStarted = false;
      for (const uid of toCancel) {
        const orphan = report.orphans.find((o) => o.vxcUid === uid)!;
        // Right before the cancel: the lock, the state and the VXC's tags again (an update may have begun since).
        const lockNow = await updateLock(stack, project, backend);
        updateStarted ||= lockNow.state === "running";
        const why =
          refusalFor(lockNow, options.noUpdateRunning, report.stack) ??
          (await whyNotAnOrphanIn(stack, client, report, uid));
        if (why) {
          out(`not cancelling ${uid} "${orphan.name}": ${why}`);
          kept.push({ vxcUid: uid, why });
          continue;
        }
        out(`cancelling ${uid} "${orphan.name}" …`);
        await deleteAndWait(client, uid, orphan.name, DEFAULT_TIMEOUTS.deleteMs);
        out(`cancelled ${uid}: DECOMMISSIONED`);
        cancelled.push(uid);
      }
      const left = report.orphans.filter((o) => !cancelled.includes(o.vxcUid));
      if (options.json) {
        out(
          JSON.stringify(
            {
              ...report,
              updateRunning: running || updateStarted,
              refused: refusal,
              cancelled,
              kept,
              orphans: left,
            },
            null,
            2,
          ),
        );
      } else {
        if (refusal) out(`megaport-mx orphans: nothing cancelled: ${refusal}`);
        describe(report, left, running || updateStarted, out);
      }
      await client.close();
      if (refusal) return EXIT.FAILED;
      return left.length > 0 ? EXIT.ORPHANS_REMAIN : EXIT.OK;
    });
  } finally {
    clearInterval(keepAlive);
  }
}

/** Why --cancel* must not run now, or undefined when it may. */
export function refusalFor(lock: UpdateLock, confirmed: boolean, stack: string): string | undefined {
  if (lock.state === "running") {
    return (
      `an update of stack ${stack} is in progress (${lock.detail}), and its orders may not be in the stack's state ` +
      "yet. Run this again when it has finished; if no update runs (a killed CLI left its lock), run `pulumi cancel` first."
    );
  }
  if (lock.state === "unknown" && !confirmed) {
    return (
      `cannot tell whether an update of stack ${stack} is in progress: ${lock.why}. When you are sure none runs, ` +
      "run this again with --no-update-running."
    );
  }
  return undefined;
}

/** Why the VXC is not an orphan any more, by the state read again now and its tags read afresh. */
async function whyNotAnOrphanIn(
  stack: Stack,
  client: ReturnType<typeof clientFor>,
  report: OrphanReport,
  uid: string,
): Promise<string | undefined> {
  const state = (await stack.exportStack()).deployment ?? {};
  return whyNotAnOrphanNow(client, report.stack, heldVxcsOf(state), stackIdsOf(state), uid);
}

function describe(
  report: OrphanReport,
  left: OrphanReport["orphans"],
  running: boolean,
  out: (line: string) => void,
): void {
  out(
    `Stack ${report.stack}: ${report.held} VXC(s) held by resources, ${left.length} orphan(s)` +
      (report.pending.length
        ? `, ${report.pending.length} placed by ${running ? "a create in progress" : "an interrupted create"}`
        : "") +
      ".",
  );
  if (running && left.length > 0) {
    out("  An update is in progress: what shows as an orphan may be an order it has not recorded yet.");
  }
  for (const o of left) {
    out(`  orphan ${o.vxcUid} "${o.name}" ${o.provisioningStatus}, ${o.rateLimit ?? "?"} Mbps: ${o.verdict}`);
  }
  for (const p of report.pending) {
    if (running) {
      out(
        `  pending ${p.vxcUid} "${p.name}" ${p.provisioningStatus}: being created by resource "${p.resource}".`,
      );
      continue;
    }
    out(
      `  pending ${p.vxcUid} "${p.name}" ${p.provisioningStatus}: placed by the interrupted create of resource ` +
        `"${p.resource}". Run \`pulumi refresh --clear-pending-creates\`; the next \`pulumi up\` adopts it by its tag ` +
        "(if the program still declares it as it did).",
    );
  }
}
