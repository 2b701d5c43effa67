// Inputs the SDK adds that users never write: a deterministic idempotency key, and the resource's customTimeouts
// (the engine does not pass them to dynamic providers, so the SDK copies them into an input). Keys start with "__"
// so the CLI hides them, and every diff ignores them.
import { createHash } from "node:crypto";

export const IDEMPOTENCY_KEY = "__idempotencyKey";
export const TIMEOUTS_KEY = "__timeouts";
/** Resource tag that carries the idempotency key on the Megaport object. */
export const IDEMPOTENCY_TAG = "megaport-mx:idempotency-key";

export interface Timeouts {
  createMs?: number;
  updateMs?: number;
  deleteMs?: number;
}

export interface HiddenInputs {
  [IDEMPOTENCY_KEY]: string;
  [TIMEOUTS_KEY]: Timeouts;
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
  if (consumed !== text)
    throw new Error(`customTimeouts: "${text}" is not a duration such as "45m" or "1h30m"`);
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
