// `megaport-mx orphans`: lists the VXCs a stack ordered that no resource in it holds (live, so billed), and settles
// them on request. Reads the stack through the Automation API (the backend and passphrase from the environment, as
// the pulumi CLI does), and Megaport with the stack's own megaport:* config, else MEGAPORT_* variables.
//
//   megaport-mx orphans [--stack <name>] [--cwd <program dir>] [--json]
//   megaport-mx orphans --cancel <uid> [--cancel <uid> …] | --cancel-all
//
// Exit codes (cli/exit-codes.ts): 0 no orphans left (none found, or all cancelled); 3 orphans remain; 1 an error;
// 64 a usage error.
// Never cancels a VXC that is not an orphan of this stack.
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { UsageError } from "./errors";
import { EXIT } from "./exit-codes";
import { clientFor, resolveSettings } from "../provider/resources/provider-config";
import { DEFAULT_TIMEOUTS, deleteAndWait } from "../provider/resources/vxc-wait";
import { findOrphans, heldVxcsOf, type OrphanReport } from "../provider/resources/vxc-orphans";

export interface OrphansOptions {
  stack?: string;
  cwd: string;
  json: boolean;
  cancel: string[];
  cancelAll: boolean;
  help: boolean;
}

export const ORPHANS_USAGE = `usage: megaport-mx orphans [--stack <name>] [--cwd <program dir>] [--json] [--cancel <uid> ... | --cancel-all]

Lists the VXCs this stack ordered (they carry its megaport-mx:stack tag) that no resource in the stack holds: what
an interrupted \`pulumi up\` followed by an edit of the program leaves behind. They are live and billed.
  --cancel <uid>   cancel that orphan and wait until it is DECOMMISSIONED (repeatable)
  --cancel-all     cancel every orphan found
  --json           print the report as JSON
Exit codes: 0 no orphans left, 3 orphans remain, 1 error, 64 usage.`;

export function parseOrphansArgs(argv: readonly string[], cwd = process.cwd()): OrphansOptions {
  const options: OrphansOptions = { cwd, json: false, cancel: [], cancelAll: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--stack") options.stack = value();
    else if (flag === "--cwd") options.cwd = value();
    else if (flag === "--json") options.json = true;
    else if (flag === "--cancel") options.cancel.push(value());
    else if (flag === "--cancel-all") options.cancelAll = true;
    else if (flag === "--help" || flag === "-h") options.help = true;
    else throw new UsageError(`unknown flag ${flag}`);
  }
  if (options.cancelAll && options.cancel.length > 0)
    throw new UsageError("give --cancel <uid> or --cancel-all, not both");
  return options;
}

/** Runs the command; returns the exit code. Prints to `out`. */
export async function runOrphans(
  argv: readonly string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  let options: OrphansOptions;
  try {
    options = parseOrphansArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    out(`megaport-mx orphans: ${err.message}\n${ORPHANS_USAGE}`);
    return EXIT.USAGE;
  }
  if (options.help) {
    out(ORPHANS_USAGE);
    return EXIT.OK;
  }
  // The watcher's timers do not hold a process open (they must not in the provider); this command waits on them.
  const keepAlive = setInterval(() => undefined, 60_000);
  try {
    const stack = options.stack
      ? await LocalWorkspace.selectStack({ stackName: options.stack, workDir: options.cwd })
      : await currentStack(options.cwd);
    const project = (await stack.workspace.projectSettings()).name;
    const config = await stack.getAllConfig();
    const settings = resolveSettings(process.env, { get: (key) => config[key]?.value });
    const client = clientFor(settings, "megaport-mx-orphans");
    const state = await stack.exportStack();
    const report = await findOrphans(client, `${project}/${stack.name}`, heldVxcsOf(state.deployment ?? {}));

    const toCancel = options.cancelAll ? report.orphans.map((o) => o.vxcUid) : options.cancel;
    const unknown = toCancel.filter((uid) => !report.orphans.some((o) => o.vxcUid === uid));
    if (unknown.length > 0) {
      out(
        `megaport-mx orphans: not an orphan of stack ${report.stack}, so not cancelled: ${unknown.join(", ")}`,
      );
      return EXIT.FAILED;
    }
    const cancelled: string[] = [];
    for (const uid of toCancel) {
      const orphan = report.orphans.find((o) => o.vxcUid === uid)!;
      out(`cancelling ${uid} "${orphan.name}" …`);
      await deleteAndWait(client, uid, orphan.name, DEFAULT_TIMEOUTS.deleteMs);
      out(`cancelled ${uid}: DECOMMISSIONED`);
      cancelled.push(uid);
    }
    const left = report.orphans.filter((o) => !cancelled.includes(o.vxcUid));
    if (options.json) out(JSON.stringify({ ...report, cancelled, orphans: left }, null, 2));
    else describe(report, left, out);
    await client.close();
    return left.length > 0 ? EXIT.ORPHANS_REMAIN : EXIT.OK;
  } catch (err) {
    out(`megaport-mx orphans: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.FAILED;
  } finally {
    clearInterval(keepAlive);
  }
}

async function currentStack(cwd: string) {
  const workspace = await LocalWorkspace.create({ workDir: cwd });
  const current = await workspace.stack();
  if (!current) throw new UsageError("no stack is selected here: give --stack <name>");
  return LocalWorkspace.selectStack({ stackName: current.name, workDir: cwd });
}

function describe(report: OrphanReport, left: OrphanReport["orphans"], out: (line: string) => void): void {
  out(
    `Stack ${report.stack}: ${report.held} VXC(s) held by resources, ${left.length} orphan(s)` +
      (report.pending.length ? `, ${report.pending.length} placed by an interrupted create` : "") +
      ".",
  );
  for (const o of left) {
    out(`  orphan ${o.vxcUid} "${o.name}" ${o.provisioningStatus}, ${o.rateLimit ?? "?"} Mbps: ${o.verdict}`);
  }
  for (const p of report.pending) {
    out(
      `  pending ${p.vxcUid} "${p.name}" ${p.provisioningStatus}: placed by the interrupted create of resource ` +
        `"${p.resource}". Run \`pulumi refresh --clear-pending-creates\`; the next \`pulumi up\` adopts it by its tag ` +
        "(if the program still declares it as it did).",
    );
  }
}
