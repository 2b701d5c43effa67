// The approver's tests: a simulator with Acme (the provider) and Globex (the customer), requests Globex opens,
// the API's own record of answers (the simulator's outbox and VXC records), rules files, and the real binary
// (`node dist/cli/main.js approver …`) as a child process whose JSON lines the test reads.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import type { ApprovalPolicyInput } from "../../provider/approval/rules";
import type { MegaportClient } from "../../provider/client/megaport-client";
import { SEED } from "../../simulator/seed";
import { eventually } from "../support/eventually";
import { providerEnv } from "../support/simulator-clients";
import { startWorld, type World } from "../support/world";
import { REPO_ROOT } from "../../scripts/pulumi-cli-root";

export { SEED, startWorld, type World };

/** The compiled binary: `npm test` builds it first (pretest); run `npm run build` before running these alone. */
export const BIN = path.join(REPO_ROOT, "dist", "cli", "main.js");
export const PORTS: Record<"acmeSydRed" | "acmeSydBlue" | "acmeMelRed" | "globexSydRed", { uid: string }> =
  SEED.ports;
export const GLOBEX = SEED.companies.globex;

/** The customer's contact who gets every Ordering email: one email per answer in the outbox. */
const GLOBEX_ADMIN_EMAIL = "admin@globex.example";

export const BIG_SPEED_REASON = "Speeds above 1 Gbps need a signed order form; write to sales@acme.example.";
export const DEFAULT_REASON =
  "Acme accepts only known customers on Sydney ports; write to sales@acme.example.";

/** Globex up to 1 Gbps on Sydney: accept; above 1 Gbps: deny; Melbourne: a person; anything else: deny. */
export const POLICY: ApprovalPolicyInput = {
  rules: [
    { name: "melbourne-by-hand", match: { ports: [PORTS.acmeMelRed.uid] }, action: "manual" },
    { name: "no-big-speeds", match: { rateLimit: { min: 1001 } }, action: "deny", reason: BIG_SPEED_REASON },
    { name: "globex-up-to-1g", match: { companies: ["Globex Corporation"] }, action: "accept" },
  ],
  defaultAction: "deny",
  defaultReason: DEFAULT_REASON,
};

export function tmpDir(prefix = "megaport-mx-approver-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes the policy as YAML (or JSON when the name ends .json) and returns the path. */
export function writeRules(file: string, policy: unknown): string {
  fs.writeFileSync(file, file.endsWith(".json") ? JSON.stringify(policy, null, 2) : stringify(policy));
  return file;
}

// ---------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------

let vlan = 300;

/** Globex orders a VXC to one of Acme's ports: a NEW request waiting on Acme. Returns the VXC's UID. */
export async function requestConnection(
  world: World,
  options: { to?: string; rateLimit?: number; name?: string } = {},
): Promise<string> {
  vlan += 1;
  const [uid] = await world.globex.buyVxc([
    {
      productUid: PORTS.globexSydRed.uid,
      associatedVxcs: [
        {
          productName: options.name ?? `approver test ${vlan}`,
          rateLimit: options.rateLimit ?? 500,
          term: 1,
          aEnd: { vlan },
          bEnd: { productUid: options.to ?? PORTS.acmeSydRed.uid },
        },
      ],
    },
  ]);
  return uid;
}

/** Globex raises a live VXC's rate: a SPEED_CHANGE request waiting on Acme. */
export async function requestSpeedChange(world: World, vxcUid: string, rateLimit: number): Promise<void> {
  await world.globex.updateVxc(vxcUid, { rateLimit });
}

// ---------------------------------------------------------------------------------------------------------
// The API's record
// ---------------------------------------------------------------------------------------------------------

type Outcome = "ACCEPTED" | "DENIED";

/** Answers the simulator recorded for a VXC, from the customer's emails (one per answer; repeats send none). */
export function answersRecorded(
  world: World,
  vxcUid: string,
  kind: "CONNECTION" | "SPEED_CHANGE" = "CONNECTION",
) {
  const events = (["ACCEPTED", "DENIED"] as Outcome[]).map(
    (o) => `${kind === "CONNECTION" ? "CONNECTION_REQUEST" : "SPEED_CHANGE"}_${o}`,
  );
  return world.sim.store.state.outbox
    .filter((e) => e.productUid === vxcUid && e.to === GLOBEX_ADMIN_EMAIL && events.includes(e.event))
    .map((e) => (e.event.endsWith("ACCEPTED") ? "ACCEPTED" : "DENIED") as Outcome);
}

/** The simulator's record of a VXC (state, pending approval, last decision). */
export function vxcRecord(world: World, vxcUid: string) {
  const vxc = world.sim.store.state.vxcs.find((v) => v.productUid === vxcUid);
  if (!vxc) throw new Error(`the simulator has no VXC ${vxcUid}`);
  return vxc;
}

/** Waits until the VXC is LIVE (a speed change can be asked for then). */
export async function waitLive(client: MegaportClient, vxcUid: string): Promise<void> {
  await eventually(
    async () => (await client.getVxc(vxcUid)).provisioningStatus === "LIVE",
    10_000,
    `VXC ${vxcUid} LIVE`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The binary as a child process
// ---------------------------------------------------------------------------------------------------------

export type LogLine = Record<string, unknown> & { event: string };

/** Environment pointing the approver at the simulator with Acme's key (as MEGAPORT_* variables). */
export function acmeEnv(world: World, extra: Record<string, string> = {}): Record<string, string> {
  return providerEnv(world.sim, SEED.apiKeys.acmeAdmin, extra);
}

export class ApproverProcess {
  readonly lines: LogLine[] = [];
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private buffer = "";

  constructor(
    args: string[],
    env: Record<string, string>,
    readonly name = "approver",
  ) {
    const base = { ...process.env };
    for (const key of Object.keys(base)) if (key.startsWith("MEGAPORT_")) delete base[key];
    this.child = spawn(process.execPath, [BIN, "approver", ...args], {
      env: { ...base, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.setEncoding("utf8").on("data", (chunk: string) => this.take(chunk));
    this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    // "close", not "exit": the process has ended and its stdout is read to the end, so no line is missed.
    this.exited = new Promise((resolve) =>
      this.child.on("close", (code, signal) => resolve({ code, signal })),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  decisions(): LogLine[] {
    return this.lines.filter((line) => line.event === "decision");
  }

  /** The first line (already seen or still to come) that `match` accepts. */
  async waitFor(
    match: (line: LogLine) => boolean,
    timeoutMs = 20_000,
    what = "a log line",
  ): Promise<LogLine> {
    return eventually(
      async () => {
        const found = this.lines.find(match);
        if (found) return found;
        if (this.child.exitCode !== null) {
          throw new Error(
            `${this.name} exited (${this.child.exitCode}) before ${what}:\n${this.transcript()}`,
          );
        }
        return undefined;
      },
      timeoutMs,
      () => `${this.name}: ${what}\n${this.transcript()}`,
    );
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    return this.exited;
  }

  transcript(): string {
    return `${this.lines.map((l) => JSON.stringify(l)).join("\n")}\n${this.stderr}`;
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf("\n")) >= 0) {
      const text = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (text.trim() === "") continue;
      try {
        this.lines.push(JSON.parse(text) as LogLine);
      } catch {
        this.lines.push({ event: "not-json", text });
      }
    }
  }
}

/** Runs `approver --once …` to the end: its exit code and lines. */
export async function runOnce(args: string[], env: Record<string, string>) {
  const approver = new ApproverProcess(["--once", ...args], env, "approver --once");
  const { code } = await approver.exited;
  return { code, lines: approver.lines, stderr: approver.stderr, decisions: approver.decisions() };
}
