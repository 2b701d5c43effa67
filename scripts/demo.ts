// `npm run demo`: the Marketplace story against the embedded simulator, with the real Pulumi CLI.
// Starts the simulator, runs `pulumi up` of examples/service-provider then of examples/customer (copied into .demo/
// so the repo stays clean), lets the provider's policy accept one request and a person the other, shows the emails,
// raises a speed, and prints the final state. Starts from nothing each time and leaves nothing running.
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { MegaportClient } from "../provider/client/megaport-client";
import { SEED, SEED_PASSWORD } from "../simulator/seed";
import { startSimulator } from "../simulator/server";
import { formatDuration } from "../provider/watch/format-duration";
import { pulumiCliRoot, REPO_ROOT } from "./pulumi-cli-root";

const DEMO_DIR = path.join(REPO_ROOT, ".demo");
const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
const started = Date.now();

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

async function stackFor(
  name: string,
  config: Record<string, { value: string; secret?: boolean }>,
): Promise<Stack> {
  const root = pulumiCliRoot();
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "demo", workDir: copyExample(name) },
    {
      pulumiCommand: await PulumiCommand.get({ root }),
      pulumiHome: path.join(DEMO_DIR, "home"),
      envVars: {
        PATH: `${path.join(root, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_BACKEND_URL: `file://${path.join(DEMO_DIR, "backend")}`,
        PULUMI_CONFIG_PASSPHRASE: "megaport-mx-demo",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        MEGAPORT_MX_PROGRESS_INTERVAL_MS: "5000",
        MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "3000",
      },
    },
  );
  await stack.setAllConfig(config);
  return stack;
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
  const sim = await startSimulator({ timings: "demo" });
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
    const provider = await stackFor("service-provider", credentials(SEED.apiKeys.acmeAdmin));
    await provider.up({ onOutput: prefixed("[acme]  ") });

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

    say("Globex: pulumi up of examples/customer (red and blue VXCs to Acme, one with the service key)");
    const customer = await stackFor("customer", {
      ...credentials(SEED.apiKeys.globexAdmin),
      serviceKey: { value: key.key, secret: true },
    });
    const ordering = customer.up({ onOutput: prefixed("[globex]") });
    // Should a step below fail, still wait for this up to end (and report it) before the simulator goes away.
    ordering.catch(() => undefined);
    const red = await waitFor("the red request", () => pendingOnAcme(acme, "Globex to Acme (red)", "NEW"));
    const blue = await waitFor("the blue request", () => pendingOnAcme(acme, "Globex to Acme (blue)", "NEW"));

    say("Acme: pulumi up --refresh lets the approval policy answer what is waiting");
    await provider.up({ refresh: true, onOutput: prefixed("[acme]  ") });
    console.log(`  red (${red.productUid}): accepted by the policy; blue: left for a person`);

    say("A person at Acme answers the blue request");
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

    say("Globex raises the red VXC to 500 Mbps; Acme's policy accepts the speed change");
    await customer.setConfig("rateLimit", { value: "500" });
    const raising = customer.up({ onOutput: prefixed("[globex]") });
    raising.catch(() => undefined);
    await waitFor("the speed change request", () =>
      pendingOnAcme(acme, "Globex to Acme (red)", "SPEED_CHANGE"),
    );
    await provider.up({ refresh: true, onOutput: prefixed("[acme]  ") });
    await raising;

    say("Final state");
    const vxcs = (await customer.outputs()).vxcs.value as {
      name: string;
      status: string;
      rateLimit: number;
      providerPort: string;
      bEndVlan: number;
    }[];
    console.table(
      vxcs.map((v) => ({
        VXC: v.name,
        status: v.status,
        Mbps: v.rateLimit,
        "Acme port": v.providerPort,
        "B-end VLAN": v.bEndVlan,
      })),
    );
    say(`Done in ${formatDuration(Date.now() - started)}. State in .demo/ (removed by the next run).`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
