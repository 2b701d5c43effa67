// The state rewrite of `megaport-mx migrate` (cli/migrate.ts): a stack's megaport-mx resources move from the dynamic
// resources to the provider plugin without a request to Megaport, so nothing is re-ordered or cancelled. Aliases
// cannot do this: they cannot change a resource's provider, and the type changes with it.
// What changes, per resource of ours: the type token (pulumi-nodejs:dynamic/megaport:<Kind> → megaport-mx:index:<Kind>)
// and so its URN, everywhere a URN is named (parents, dependencies); the provider reference, to the plugin's default
// provider, written here with the settings and the stack's identity; the serialized provider (`__provider`) and the
// copied customTimeouts (`__timeouts`, the engine hands the plugin its own) leave inputs and outputs. What stays: the
// id, every other input and output, the hidden owner and idempotency key (the plugin makes the same from the URN) and
// `__stackId`. The dynamic StackIdentity resource goes; its id becomes the plugin provider's, so VXCs ordered before
// and after the move carry one identity, and their tags still say they are this stack's.
// Never touches a stack with operations pending (a create in flight may have ordered a VXC not in state yet), nor a
// stack that already has the plugin's provider of that name.
import { randomUUID } from "node:crypto";
import { STACK_ID_KEY, TIMEOUTS_KEY } from "../provider/kinds/hidden-inputs";
import { kindOfType, PLUGIN_PROVIDER_TYPE, pluginTypeToken, typeToken } from "../provider/kinds/kinds";
import { STACK_IDENTITY_TOKEN, stackIdOf } from "../provider/kinds/stack-identity/stack-identity";

/** A resource of an exported state (apitype.ResourceV3), the parts the rewrite reads; the rest passes through. */
export interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  deletedWith?: string;
  [other: string]: unknown;
}

export interface Deployment {
  resources?: StateResource[];
  pending_operations?: unknown[];
  [other: string]: unknown;
}

export interface MigrationPlan {
  deployment: Deployment;
  /** The resources moved, "old URN → new type". */
  moved: { from: string; to: string }[];
  /** The identity the plugin's provider carries: the dynamic stack's, or a new one for a stack that had none. */
  stackId: string;
  /** The plugin provider's URN. */
  providerUrn: string;
}

/** Why the state cannot be migrated as it is, in a sentence naming what to do; a thrown Error. */
export class MigrationRefused extends Error {}

const DYNAMIC_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
const HIDDEN_BY_DYNAMIC_ADAPTER = ["__provider", TIMEOUTS_KEY];

/**
 * The deployment with the stack's megaport-mx resources moved to the plugin's provider `providerName` ("default" is
 * the one the engine makes for a YAML program; a program of a generated SDK names its version, "default_0_1_0"),
 * whose inputs are `settings` (the `megaport-mx:*` config as the engine would hand them over, secrets wrapped).
 */
export function migrateDeployment(
  source: Deployment,
  options: { stack: string; project: string; providerName: string; settings: Record<string, unknown> },
): MigrationPlan {
  if ((source.pending_operations ?? []).length > 0) {
    throw new MigrationRefused(
      "the stack has pending operations (an interrupted update): run `pulumi refresh` (with " +
        "--clear-pending-creates if it names creates) and `megaport-mx orphans`, then migrate",
    );
  }
  const resources = source.resources ?? [];
  const providerUrn = `urn:pulumi:${options.stack}::${options.project}::${PLUGIN_PROVIDER_TYPE}::${options.providerName}`;
  if (resources.some((r) => r.urn === providerUrn)) {
    throw new MigrationRefused(
      `the stack already has the plugin's provider ${providerUrn}: it has been migrated, or a program through the ` +
        "plugin has run on it",
    );
  }
  const isDynamicOfOurs = (r: StateResource) => {
    const kind = kindOfType(r.type);
    return kind !== undefined && r.type === typeToken(kind);
  };
  const stackId = stackIdOf({ resources }) ?? randomUUID();
  const providerRef = `${providerUrn}::${randomUUID()}`;

  const urns = new Map<string, string>();
  const removed = new Set(resources.filter((r) => r.type === STACK_IDENTITY_TOKEN).map((r) => r.urn));
  for (const r of resources.filter(isDynamicOfOurs)) {
    const to = pluginTypeToken(kindOfType(r.type)!);
    const [head, project, qualified, ...name] = r.urn.split("::");
    const types = qualified.split("$");
    types[types.length - 1] = to;
    urns.set(r.urn, [head, project, types.join("$"), ...name].join("::"));
  }
  if (urns.size === 0)
    throw new MigrationRefused("the stack holds no megaport-mx dynamic resources to migrate");

  const renamed = (urn: string) => urns.get(urn) ?? urn;
  const kept = (list: string[] | undefined) => list?.filter((u) => !removed.has(u)).map(renamed);
  const withoutDynamic = (props: Record<string, unknown> | undefined) =>
    props &&
    Object.fromEntries(Object.entries(props).filter(([key]) => !HIDDEN_BY_DYNAMIC_ADAPTER.includes(key)));

  const moved: MigrationPlan["moved"] = [];
  const rewritten: StateResource[] = [];
  for (const r of resources) {
    if (removed.has(r.urn)) continue;
    const next: StateResource = { ...r, urn: renamed(r.urn) };
    if (r.parent) next.parent = renamed(r.parent);
    if (r.deletedWith) next.deletedWith = removed.has(r.deletedWith) ? undefined : renamed(r.deletedWith);
    if (r.dependencies) next.dependencies = kept(r.dependencies);
    if (r.propertyDependencies)
      next.propertyDependencies = Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([key, list]) => [key, kept(list) ?? []]),
      );
    if (urns.has(r.urn)) {
      next.type = pluginTypeToken(kindOfType(r.type)!);
      next.provider = providerRef;
      next.inputs = { ...withoutDynamic(r.inputs), [STACK_ID_KEY]: r.inputs?.[STACK_ID_KEY] ?? stackId };
      next.outputs = { ...withoutDynamic(r.outputs), [STACK_ID_KEY]: r.outputs?.[STACK_ID_KEY] ?? stackId };
      moved.push({ from: r.urn, to: next.type });
    }
    rewritten.push(next);
  }
  // The plugin's provider, before the first resource that names it (a state lists providers before their users).
  const providerProps = { ...options.settings, [STACK_ID_KEY]: stackId };
  const provider: StateResource = {
    urn: providerUrn,
    custom: true,
    id: providerRef.split("::").pop(),
    type: PLUGIN_PROVIDER_TYPE,
    inputs: providerProps,
    outputs: providerProps,
  };
  const first = rewritten.findIndex((r) => r.provider === providerRef);
  rewritten.splice(first, 0, provider);
  // The dynamic provider goes too once nothing names it (other dynamic resources of the program may).
  const stillNamed = new Set(rewritten.map((r) => r.provider?.split("::").slice(0, -1).join("::")));
  const result = rewritten.filter((r) => r.type !== DYNAMIC_PROVIDER_TYPE || stillNamed.has(r.urn));
  return { deployment: { ...source, resources: result }, moved, stackId, providerUrn };
}
