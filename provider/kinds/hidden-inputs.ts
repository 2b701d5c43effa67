// Inputs users never write, from the SDK: a deterministic idempotency key, the resource's owner (project, stack and
// resource path, for the tags that let `megaport-mx orphans` find a stack's orders) and its customTimeouts (the engine
// does not pass them to dynamic providers, so the SDK copies them into an input). Keys start with "__" so the CLI
// hides them, and every diff ignores them. The stack's identity (STACK_ID_KEY) is one of them too. One hidden output
// too: the holder nonce of the resource that holds a VXC.
import { createHash } from "node:crypto";
import { ValidationError } from "../client/errors";

export const IDEMPOTENCY_KEY = "__idempotencyKey";
export const OWNER_KEY = "__owner";
export const TIMEOUTS_KEY = "__timeouts";
/**
 * The stack's identity: a random id the stack's StackIdentity resource created with its first resource and keeps in
 * state. Two stacks of the same project and stack name on two backends (a laptop and CI, two organisations) share
 * every name but never this, so it decides whether an order is this stack's.
 */
export const STACK_ID_KEY = "__stackId";
/** Output: the nonce this resource wrote into its VXC's holder tag when it ordered or adopted it. */
export const HOLDER_KEY = "__holder";
/** Resource tag that carries the idempotency key on the Megaport object. */
export const IDEMPOTENCY_TAG = "megaport-mx:idempotency-key";
/** Resource tag naming the stack ("project/stack") whose resource ordered the object. */
export const STACK_TAG = "megaport-mx:stack";
/** Resource tag naming the resource (its path of component names, then its own name) that ordered the object. */
export const RESOURCE_TAG = "megaport-mx:resource";
/**
 * Resource tag naming, by a nonce, the resource incarnation that holds the VXC now. A replacement with the same
 * order tag (a forced replace, `pulumi up --replace`) adopts the VXC and writes its own nonce; the delete of the
 * resource it replaces then finds another holder and leaves the VXC alone.
 */
export const HOLDER_TAG = "megaport-mx:holder";
/** Resource tag carrying the identity (STACK_ID_KEY) of the stack whose resource ordered or adopted the object. */
export const STACK_ID_TAG = "megaport-mx:stack-id";
/**
 * Resource tag saying the stack took the VXC in with `pulumi import` rather than ordering it: it was never this
 * stack's order, so the orphan sweep never lists it, even when no resource holds it (an import declined after its
 * preview had tagged it).
 */
export const IMPORTED_TAG = "megaport-mx:imported";

export interface Timeouts {
  createMs?: number;
  updateMs?: number;
  deleteMs?: number;
}

/** Who holds the resource: the Pulumi project and stack, and the resource's name under its components. */
export interface Owner {
  project: string;
  stack: string;
  /** "name", or "Type$component/…/name" for a resource under components. */
  resource: string;
}

export interface HiddenInputs {
  [IDEMPOTENCY_KEY]: string;
  [OWNER_KEY]: Owner;
  [TIMEOUTS_KEY]: Timeouts;
  /** Absent in state written before stacks had an identity. */
  [STACK_ID_KEY]?: string;
}

/** What a VXC's outputs hold besides the inputs: the holder nonce (hidden, like the inputs above). */
export interface HeldBy {
  [HOLDER_KEY]: string;
}

/** "project/stack", as the stack tag writes it. */
export function stackOf(owner: Pick<Owner, "project" | "stack">): string {
  return `${owner.project}/${owner.stack}`;
}

/** The same project, stack and resource name always give the same key. */
export function idempotencyKey(project: string, stack: string, resourceName: string): string {
  return createHash("sha256")
    .update(`${project}\u0000${stack}\u0000${resourceName}`)
    .digest("hex")
    .slice(0, 32);
}

/** Go-style durations as Pulumi's customTimeouts take them: "90s", "30m", "1h30m". */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let consumed = "";
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * units[match[2]];
    consumed += match[0];
  }
  if (consumed !== text) {
    throw new ValidationError({
      fieldPath: "customTimeouts",
      reason: `"${text}" is not a duration`,
      fix: 'write it as Pulumi takes durations, such as "45m", "2h" or "1h30m"',
    });
  }
  return total;
}

export function timeoutsFrom(custom?: { create?: string; update?: string; delete?: string }): Timeouts {
  // Undefined members are left out: they do not survive the engine's property serialization.
  const entries = [
    ["createMs", parseDuration(custom?.create)],
    ["updateMs", parseDuration(custom?.update)],
    ["deleteMs", parseDuration(custom?.delete)],
  ] as const;
  return Object.fromEntries(entries.filter(([, ms]) => ms !== undefined)) as Timeouts;
}

/** Inputs without the hidden keys and the serialized provider. */
export function userInputs<T extends object>(inputs: T): Partial<T> {
  return Object.fromEntries(Object.entries(inputs).filter(([key]) => !key.startsWith("__"))) as Partial<T>;
}
