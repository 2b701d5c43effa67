// `npm run demo`: the Marketplace story against the embedded simulator, with the real Pulumi CLI.
// Starts the simulator, runs `pulumi up` of examples/service-provider (copied into .demo/ so the repo stays clean) and
// starts Acme's approver beside it; shows the platform team's policy pack stopping a bad change to
// examples/customer before the fixed one passes; runs Globex's `pulumi up`, which the approver answers for one request
// and a person for the other; shows the emails, raises a speed (the approver accepts it), and prints the final state
// with the prices Megaport quoted. Starts from nothing each time and leaves nothing running.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { MegaportClient } from "../provider/client/megaport-client";
import { SEED, SEED_PASSWORD } from "../simulator/seed";
import { startSimulator } from "../simulator/server";
import { TIMINGS, type TimingsName } from "../simulator/timings";
import { formatDuration } from "../provider/client/format-duration";
import { isolatedPulumiEnv, pulumiCliRoot, REPO_ROOT } from "./pulumi-cli-root";

const DEMO_DIR = path.join(REPO_ROOT, ".demo");
const PASSPHRASE = "megaport-mx-demo";
// Pulumi runs 4 × CPU cores resource operations at once unless told otherwise (--parallel, PULUMI_PARALLEL).
const PARALLEL = 32;
const POLICY_PACK = path.join(REPO_ROOT, "policy");
const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
// The simulator's "demo" timings let a person watch each order (about half a minute); MEGAPORT_MX_DEMO_TIMINGS=test
// tells the same story in seconds (tests/e2e/demo.test.ts).
const SIMULATOR_TIMINGS = demoTimings(process.env.MEGAPORT_MX_DEMO_TIMINGS);
const started = Date.now();

function demoTimings(name: string | undefined): TimingsName {
  if (!name) return "demo";
  if (Object.hasOwn(TIMINGS, name)) return name as TimingsName;
  throw new Error(
    `MEGAPORT_MX_DEMO_TIMINGS must be one of ${Object.keys(TIMINGS).join(", ")} (got "${name}"): unset it for the demo's own`,
  );
}

function say(text: string) {
  console.log(`\n\x1b[1m== ${text}\x1b[0m  (${formatDuration(Date.now() - started)})`);
}

function prefixed(label: string) {
  return (chunk: string) => {
    for (const line of chunk.split("\n")) if (line.trim()) process.stdout.write(`  ${label} ${line}\n`);
  };
}

/** A fresh copy of an example, without anything a previous run or an npm install left there. */
function copyExample(name: string): string {
  const target = path.join(DEMO_DIR, name);
  fs.cpSync(path.join(REPO_ROOT, "examples", name), target, {
    recursive: true,
    filter: (source) => !/node_modules|Pulumi\.[^/]+\.yaml$/.test(source),
  });
  return target;
}

/** What every pulumi process of the demo runs with: the CLI, the demo's own backend and home, no downloads. */
function pulumiEnv(): Record<string, string> {
  return {
    ...isolatedPulumiEnv({
      home: path.join(DEMO_DIR, "home"),
      backendUrl: `file://${path.join(DEMO_DIR, "backend")}`,
      passphrase: PASSPHRASE,
    }),
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    MEGAPORT_MX_PROGRESS_INTERVAL_MS: "5000",
    MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "3000",
  };
}

async function stackFor(
  workDir: string,
  config: Record<string, { value: string; secret?: boolean }>,
): Promise<Stack> {
  const { PULUMI_HOME, ...envVars } = pulumiEnv();
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "demo", workDir },
    { pulumiCommand: await PulumiCommand.get({ root: pulumiCliRoot() }), pulumiHome: PULUMI_HOME, envVars },
  );
  await stack.setAllConfig(config);
  return stack;
}

/** Acme's approver, beside its stack: one line per decision it makes. Stopped with SIGTERM at the end. */
function startApprover(providerDir: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, "dist/cli/main.js"),
      "approver",
      "--stack",
      "demo",
      "--cwd",
      providerDir,
      "--interval",
      "2s",
    ],
    { env: { ...process.env, ...pulumiEnv() }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines = readline.createInterface({ input: child.stdout! });
  lines.on("line", (line) => {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (event.event === "decision") {
      const said = event.reason ? `: "${String(event.reason)}"` : "";
      process.stdout.write(
        `  [approver] ${String(event.type)} "${String(event.vxcName ?? event.vxc)}" from ${String(event.company)} ` +
          `at ${String(event.speed)} Mbps: rule ${String(event.rule)} says ${String(event.decision)}${said} (${String(event.outcome)})\n`,
      );
    } else if (event.event === "started" || event.event === "fatal") {
      process.stdout.write(`  [approver] ${event.event}${event.error ? `: ${String(event.error)}` : ""}\n`);
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(`  [approver] ${chunk.toString()}`));
  return child;
}

async function stopApprover(approver: ChildProcess | undefined): Promise<void> {
  if (!approver || approver.exitCode !== null) return;
  const exited = new Promise((resolve) => approver.once("exit", resolve));
  approver.kill("SIGTERM");
  await exited;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Globex's VXC as Acme sees it, once ordered: waiting on Acme, or already answered by the approver. */
async function pendingOrAnswered(acme: MegaportClient, name: string) {
  for (const product of await acme.listProducts()) {
    const vxc = (product.associatedVxcs ?? []).find((v) => v.productName === name);
    if (vxc) return vxc;
  }
  return undefined;
}

async function pendingOnAcme(acme: MegaportClient, name: string, type: "NEW" | "SPEED_CHANGE") {
  for (const product of await acme.listProducts()) {
    for (const vxc of product.associatedVxcs ?? []) {
      const approval = vxc.vxcApproval;
      if (vxc.productName === name && approval?.status === "PENDING_INTERNAL" && approval.type === type)
        return vxc;
    }
  }
  return undefined;
}

/** In a terminal, a person clicks Accept Request in the portal; otherwise the demo accepts for them. */
async function acceptByAPerson(acme: MegaportClient, vxcUid: string, portalUrl: string) {
  if (interactive) {
    console.log(
      `\n  Open ${portalUrl}, log in as ${SEED.users.acmeTechnicalAdmin.email} / ${SEED_PASSWORD},` +
        `\n  and click Accept Request on "Globex to Acme (blue)". (Or press Enter and the demo accepts it.)`,
    );
    const rl = readline.createInterface({ input: process.stdin });
    const pressed = new Promise<void>((resolve) => rl.once("line", () => resolve()));
    const clicked = waitFor(
      "the request to be accepted",
      async () => {
        const vxc = await acme.getVxc(vxcUid);
        return vxc.vxcApproval?.status ? undefined : true;
      },
      30 * 60_000,
    );
    const outcome = await Promise.race([pressed.then(() => "enter"), clicked.then(() => "clicked")]);
    rl.close();
    if (outcome === "clicked") return console.log("  Accepted in the portal.");
  } else {
    console.log("  Not run from a terminal: the demo accepts the blue request itself in 5 seconds,");
    console.log("  as Acme's Technical Admin clicking Accept Request in the portal would.");
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  await acme.updateVxc(vxcUid, { isApproved: true });
  console.log("  Accepted.");
}

async function main() {
  fs.rmSync(DEMO_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(DEMO_DIR, "backend"), { recursive: true });
  fs.mkdirSync(path.join(DEMO_DIR, "home"), { recursive: true });

  say("Starting the simulator (the embedded Megaport API)");
  const sim = await startSimulator({ timings: SIMULATOR_TIMINGS });
  let approver: ChildProcess | undefined;
  try {
    console.log(`  API ${sim.url}   portal ${sim.portalUrl}`);
    console.log(
      `  Portal logins (password ${SEED_PASSWORD}): ${SEED.users.acmeTechnicalAdmin.email} (Acme, approves),`,
    );
    console.log(
      `    ${SEED.users.acmeTechnicalContact.email} (Acme NOC), ${SEED.users.globexCompanyAdmin.email} (Globex)`,
    );
    const keyFor = (key: { accessKey: string; secretKey: string }) =>
      new MegaportClient({ ...key, baseUrl: sim.url, tokenUrl: sim.tokenUrl });
    const acme = keyFor(SEED.apiKeys.acmeAdmin);
    const credentials = (key: { accessKey: string; secretKey: string }) => ({
      "megaport:accessKey": { value: key.accessKey, secret: true },
      "megaport:secretKey": { value: key.secretKey, secret: true },
      "megaport:baseUrl": { value: sim.url },
      "megaport:tokenUrl": { value: sim.tokenUrl },
    });

    say("Getting the Pulumi CLI (scripts/pulumi-cli.sh)");
    console.log(`  ${pulumiCliRoot()}`);

    say("Acme Networks: pulumi up of examples/service-provider (profile, approval policy, subscriptions)");
    const providerDir = copyExample("service-provider");
    const provider = await stackFor(providerDir, credentials(SEED.apiKeys.acmeAdmin));
    await provider.up({ onOutput: prefixed("[acme]  ") });

    say(
      "Acme starts its approver: megaport-mx approver --stack demo (the policy, answering as requests come)",
    );
    approver = startApprover(providerDir);

    say("Acme gives Globex a pre-approved service key for its Melbourne port");
    const key = await acme.createServiceKey({
      productUid: SEED.ports.acmeMelRed.uid,
      singleUse: false,
      maxSpeed: 1000,
      preApproved: true,
      active: true,
      description: "Globex, Melbourne",
    });
    console.log("  (the key goes into Globex's stack config as a secret)");

    say("Globex asks for 20 Gbps on red: the platform team's policy pack stops it at preview");
    const customer = await stackFor(copyExample("customer"), {
      ...credentials(SEED.apiKeys.globexAdmin),
      serviceKey: { value: key.key, secret: true },
      rateLimit: { value: "20000" },
    });
    const blocked = await customer.preview({ policyPacks: [POLICY_PACK] }).then(
      () => "passed",
      (error: Error) => error.message,
    );
    const said = blocked.split("\n").filter((l) => /\[mandatory\]|must have/.test(l));
    for (const line of new Set(said.map((l) => l.trim()))) console.log(`  [policy] ${line}`);
    if (blocked === "passed") throw new Error("the policy pack let a 20 Gbps VXC through");

    say("Globex fixes it (200 Mbps); the preview passes the pack");
    await customer.setConfig("rateLimit", { value: "200" });
    await customer.preview({ policyPacks: [POLICY_PACK] });
    console.log("  no mandatory violation: the change may be applied");

    say(
      `Globex: pulumi up --parallel ${PARALLEL} of examples/customer (red and blue to Acme, one with the service key)`,
    );
    const ordering = customer.up({ onOutput: prefixed("[globex]"), parallel: PARALLEL });
    // Should a step below fail, still wait for this up to end (and report it) before the simulator goes away.
    ordering.catch(() => undefined);
    const red = await waitFor("the red request", () => pendingOrAnswered(acme, "Globex to Acme (red)"));
    const blue = await waitFor("the blue request", () => pendingOnAcme(acme, "Globex to Acme (blue)", "NEW"));
    console.log(`  red (${red.productUid}): Acme's approver answers it by the policy`);
    await waitFor("the approver to accept red", async () =>
      (await acme.getVxc(red.productUid)).vxcApproval?.status ? undefined : true,
    );

    say("A person at Acme answers the blue request (no rule covers it)");
    await acceptByAPerson(acme, blue.productUid, sim.portalUrl);
    const ordered = await ordering;
    console.log(`  Globex's pulumi up: ${ordered.summary.result}`);

    say("The emails each person received");
    const outbox = (
      (await (await fetch(`${sim.url}/_sim/outbox`)).json()) as { data: { to: string; subject: string }[] }
    ).data;
    const byRecipient = new Map<string, string[]>();
    for (const email of outbox)
      byRecipient.set(email.to, [...(byRecipient.get(email.to) ?? []), email.subject]);
    for (const [to, subjects] of byRecipient) {
      console.log(`  ${to}`);
      for (const subject of subjects) console.log(`      ${subject}`);
    }

    say("Globex raises the red VXC to 500 Mbps; Acme's approver accepts the speed change");
    await customer.setConfig("rateLimit", { value: "500" });
    await customer.up({ onOutput: prefixed("[globex]"), parallel: PARALLEL });

    say("Final state");
    const vxcs = (await customer.outputs()).vxcs.value as {
      name: string;
      status: string;
      rateLimit: number;
      providerPort: string;
      bEndVlan: number;
      monthly: number | null;
      currency: string | null;
    }[];
    console.table(
      vxcs.map((v) => ({
        VXC: v.name,
        status: v.status,
        Mbps: v.rateLimit,
        "Acme port": v.providerPort,
        "B-end VLAN": v.bEndVlan,
        "quoted / month": v.monthly === null ? "-" : `${v.monthly} ${v.currency ?? ""}`.trim(),
      })),
    );
    say(`Done in ${formatDuration(Date.now() - started)}. State in .demo/ (removed by the next run).`);
  } finally {
    await stopApprover(approver);
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
