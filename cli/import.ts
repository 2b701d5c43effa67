// `megaport-mx import`: brings a company's existing VXCs, Marketplace profile and notification subscriptions into a
// stack in one `pulumi import --file` run, through the provider plugin. Lists what Megaport holds, leaves out what
// the stack already holds, what another stack's tags say it holds, and what another company ordered; writes the file
// (type, name and id only: never a secret) and says what it left out and why. Reads the stack as `megaport-mx
// orphans` does (cli/orphans.ts): --stack, the backend and passphrase from the environment as the pulumi CLI takes
// them; Megaport with the stack's own megaport-mx:* (or megaport:*) config, else MEGAPORT_* variables.
//
//   megaport-mx import [--stack <name>] [--cwd <program dir>] [--out <file>] [--json]
//
// VXCs: every one not finished (LIVE, or on its way: ordered, awaiting the provider, being configured); one on its
// way is imported too, and the next `pulumi up` waits for it to be ready, as a create would.
// Exit codes (cli/exit-codes.ts): 0 the file is written; 1 an error; 64 a usage error.
import * as fs from "node:fs";
import * as path from "node:path";
import { EXIT } from "./exit-codes";
import { onStack, optionsOr, readFlags, type StackCommandOptions } from "./stack-command";
import { type Candidate, importFileText, planImport } from "./import-plan";
import { isNotFound } from "../provider/client/errors";
import type { MegaportClient } from "../provider/client/megaport-client";
import { FINISHED, isIn } from "../provider/client/provisioning-states";
import { SUBSCRIBER_POSITIONS } from "../provider/client/schemas/users";
import { clientFor, resolveSettings } from "../provider/config/provider-config";
import {
  idempotencyKey,
  IDEMPOTENCY_KEY,
  OWNER_KEY,
  RESOURCE_TAG,
  stackOf,
  STACK_ID_KEY,
  STACK_TAG,
} from "../provider/kinds/hidden-inputs";
import { KIND_NAMES, KINDS, kindOfType, type KindName } from "../provider/kinds/kinds";
import { stackConfigSource } from "./stack-config";
import { stackIdOf } from "../provider/kinds/stack-identity/stack-identity";
import { holderElsewhere, inputsOfVxc } from "../provider/kinds/vxc-connection/vxc-import";
import { firstIssue } from "../provider/client/zod-issues";
import { namesOtherStack } from "../provider/kinds/vxc-connection/vxc-order-tag";
import {
  employeeIdOf,
  subscribedAmongSix,
} from "../provider/kinds/notification-subscription/notification-subscription";

export interface ImportOptions extends StackCommandOptions {
  out: string;
  json: boolean;
}

export const IMPORT_USAGE = `usage: megaport-mx import [--stack <name>] [--cwd <program dir>] [--out <file>] [--json]

Writes a \`pulumi import --file\` file that brings the company's existing VXCs, its Marketplace profile and its users'
notification subscriptions into the stack through the provider plugin, in one run:
  pulumi import --file <file> --out code.yaml   (then add the generated code to the program)
Leaves out what the stack already holds, what another stack's megaport-mx tags say it holds, and VXCs another
company ordered to your ports, and says why. VXCs on their way (not yet LIVE) are included.
  --out <file>   where to write the file (default: import.json in the program directory)
  --json         print the plan (the file and what was left out) as JSON
Exit codes: 0 the file is written, 1 error, 64 usage.`;

export function parseImportArgs(argv: readonly string[], cwd = process.cwd()): ImportOptions {
  const options: ImportOptions = { cwd, out: "", json: false, help: false };
  readFlags(argv, options, {
    "--out": (value) => (options.out = value()),
    "--json": () => (options.json = true),
  });
  options.out = path.resolve(options.cwd, options.out || "import.json");
  return options;
}

/** Runs the command; returns the exit code. Prints to `out`. */
export async function runImport(
  argv: readonly string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  const options = optionsOr("import", IMPORT_USAGE, () => parseImportArgs(argv), out);
  if (typeof options === "number") return options;
  return onStack("import", options, out, async ({ stack, project }) => {
    const config = await stack.getAllConfig();
    // The plugin's settings are megaport-mx:*, the dynamic resources' megaport:*; either serves.
    const settings = resolveSettings(process.env, stackConfigSource(config));
    const client = clientFor(settings, "megaport-mx-import");
    const deployment = (await stack.exportStack()).deployment ?? {};
    const held = heldIn(deployment);
    const candidates = await candidatesOf(client, held, {
      project,
      stack: stack.name,
      stackId: stackIdOf(deployment),
    });
    await client.close();
    const plan = planImport(candidates, held.names);
    fs.writeFileSync(options.out, importFileText(plan));
    if (options.json) {
      out(JSON.stringify({ path: options.out, ...plan }, null, 2));
      return EXIT.OK;
    }
    out(
      `Stack ${project}/${stack.name}: wrote ${options.out} with ${plan.file.resources.length} resource(s) to ` +
        `import; left out ${plan.leftOut.length}.`,
    );
    for (const r of plan.file.resources) out(`  import ${r.type} ${r.name} ${r.id}`);
    for (const l of plan.leftOut) out(`  left out ${l.kind} ${l.id} "${l.label}": ${l.why}`);
    if (plan.file.resources.length > 0)
      out(
        `Next: pulumi import --file ${options.out} --out code.yaml, then add the generated code to the program.`,
      );
    return EXIT.OK;
  });
}

interface Held {
  /** Ids the stack's resources of each kind hold. */
  ids: Map<KindName, Set<string>>;
  /** The names the stack's resources have (the last part of each URN). */
  names: string[];
  /** Which resource holds each id, for the message. */
  holders: Map<string, string>;
}

/** What the stack's state holds, by either adapter's type token. */
function heldIn(deployment: { resources?: readonly { urn: string; type: string; id?: string }[] }): Held {
  const held: Held = { ids: new Map(KIND_NAMES.map((k) => [k, new Set()])), names: [], holders: new Map() };
  for (const r of deployment.resources ?? []) {
    const name = r.urn.split("::").pop() ?? r.urn;
    held.names.push(name);
    const kind = kindOfType(r.type);
    if (!kind || !r.id) continue;
    held.ids.get(kind)!.add(r.id.toLowerCase());
    held.holders.set(r.id.toLowerCase(), name);
  }
  return held;
}

/** Every object the company holds that the kinds import, each with its name source and any reason to leave it out. */
async function candidatesOf(
  client: MegaportClient,
  held: Held,
  here: { project: string; stack: string; stackId: string | undefined },
): Promise<Candidate[]> {
  const inState = (kind: KindName, id: string) => {
    const holder = held.ids.get(kind)!.has(id.toLowerCase()) ? held.holders.get(id.toLowerCase()) : undefined;
    return holder && `this stack holds it already (resource "${holder}")`;
  };
  const candidates: Candidate[] = [];

  const products = await client.listProducts();
  const ours = new Set(products.map((p) => p.productUid));
  const vxcs = new Map(
    products
      .flatMap((p) => p.associatedVxcs ?? [])
      .filter((v) => !isIn(FINISHED, v.provisioningStatus))
      .map((v) => [v.productUid, v]),
  );
  for (const vxc of vxcs.values()) {
    const base = { kind: "VxcConnection" as const, id: vxc.productUid, label: vxc.productName ?? "" };
    if (!ours.has(vxc.aEnd?.productUid ?? "")) {
      candidates.push({
        ...base,
        leaveOut: `${vxc.aEnd?.ownerName ?? "another company"} ordered it to your port: only they can manage it`,
      });
      continue;
    }
    const already = inState("VxcConnection", vxc.productUid);
    if (already) {
      candidates.push({ ...base, leaveOut: already });
      continue;
    }
    const tags = await client.getResourceTags(vxc.productUid);
    // This stack's own order or import that no resource holds keeps the name its tags give it.
    const thisStack =
      tags.some((t) => t.key === STACK_TAG && t.value === stackOf(here)) &&
      !namesOtherStack(tags, here.stackId);
    const taggedName = thisStack ? tags.find((t) => t.key === RESOURCE_TAG)?.value : undefined;
    const name = taggedName ?? "";
    const holder = holderElsewhere(tags, {
      [OWNER_KEY]: { project: here.project, stack: here.stack, resource: name },
      [IDEMPOTENCY_KEY]: idempotencyKey(here.project, here.stack, name),
      ...(here.stackId ? { [STACK_ID_KEY]: here.stackId } : {}),
    });
    if (holder) {
      candidates.push({ ...base, leaveOut: `another stack holds it by its tags (${holder})` });
      continue;
    }
    // Code generated from inputs the check refuses (a name made in the Portal that is not plain text) would not
    // preview: say what to fix instead.
    const parsed = KINDS.VxcConnection.inputsSchema.safeParse(inputsOfVxc(vxc));
    if (!parsed.success) {
      const issue = firstIssue(parsed.error.issues, inputsOfVxc(vxc));
      candidates.push({
        ...base,
        leaveOut: `its ${issue.fieldPath} would not pass the check (${issue.reason}): change it in the Portal first`,
      });
      continue;
    }
    candidates.push({ ...base, ...(taggedName ? { taggedName } : {}) });
  }

  const profile = await client.getMarketplaceProfile().catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (profile) {
    // A MarketplaceProfile declares a contact email; code generated without one would fail its check.
    const leaveOut =
      inState("MarketplaceProfile", profile.companyUid) ||
      (!profile.contactEmail &&
        "it has no contact email, which a MarketplaceProfile declares: set one in the Portal and run this again");
    candidates.push({
      kind: "MarketplaceProfile",
      id: profile.companyUid,
      label: `${profile.companyName} profile`,
      ...(leaveOut ? { leaveOut } : {}),
    });
  }

  for (const user of await client.listUsers()) {
    const employeeId = employeeIdOf(user);
    if (!employeeId || !(SUBSCRIBER_POSITIONS as readonly string[]).includes(user.position ?? "")) continue;
    const groups = subscribedAmongSix(await client.getNotificationPreferences({ employeeId }));
    if (groups.length === 0) continue;
    const already = inState("NotificationSubscription", String(employeeId));
    candidates.push({
      kind: "NotificationSubscription",
      id: String(employeeId),
      label: `notifications ${user.email ?? employeeId}`,
      ...(already ? { leaveOut: already } : {}),
    });
  }
  return candidates;
}
