// Each resource kind's inputs as the diff, the order tag and the reference docs see them: every leaf path of the
// kind's zod schema, derived from the schema itself, each with what a change to it does. The change table is typed
// by the schema's paths, so a field added to a schema does not compile until it is classified, and a field removed
// leaves no stale entry; the runtime walk and the table are checked against each other when the kind loads.
import type { z } from "zod";

/** What a change to an input does, and how the reference docs say it. */
export const CHANGES = {
  replaces: "replaces the resource",
  "replaces-if-another":
    "replaces the resource when it names another one; naming the same one another way changes nothing",
  updates: "updates in place",
  "waits-for-provider": "updates in place; an increase waits for the provider to accept it",
  records: "changes nothing on Megaport; the stack records it",
} as const;
export type Change = keyof typeof CHANGES;

/**
 * Dotted paths to the leaves of an input shape: nested objects are walked, anything else (a list, a union of
 * scalars, a scalar) is one leaf. `{ a: string; b?: { c: number } }` gives "a" | "b.c".
 */
export type LeafPaths<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends infer V
    ? V extends readonly unknown[]
      ? K
      : V extends object
        ? `${K}.${LeafPaths<V>}`
        : K
    : never;
}[keyof T & string];

/** What every input path of a schema does when it changes. */
export type ChangeTable<S extends z.ZodType> = { readonly [P in LeafPaths<z.input<S>>]: Change };

export interface InputFields<P extends string> {
  /** Every input path, in the order the schema declares them. */
  readonly paths: readonly P[];
  readonly changes: Readonly<Record<P, Change>>;
  /** Paths whose change may replace the resource (the diff decides the "if another" ones). */
  readonly replacing: readonly P[];
  /** Paths whose change always replaces: what identifies the resource's real object. */
  readonly identifying: readonly P[];
}

/** The input fields of `schema`, classified by `changes`; throws when the two disagree (a programming error). */
export function inputFields<S extends z.ZodType>(
  schema: S,
  changes: ChangeTable<S>,
): InputFields<LeafPaths<z.input<S>>> {
  type P = LeafPaths<z.input<S>>;
  const paths = leafPaths(schema) as P[];
  const table = changes as Readonly<Record<P, Change>>;
  const unclassified = paths.filter((p) => !(p in table));
  const stale = Object.keys(table).filter((p) => !paths.includes(p as P));
  if (unclassified.length > 0 || stale.length > 0) {
    throw new Error(
      `input change table out of step with its schema: unclassified ${unclassified.join(", ") || "none"}; ` +
        `not in the schema ${stale.join(", ") || "none"}`,
    );
  }
  return {
    paths,
    changes: table,
    replacing: paths.filter((p) => table[p].startsWith("replaces")),
    identifying: paths.filter((p) => table[p] === "replaces"),
  };
}

/** The leaf paths of a zod schema at run time, walking objects through optional, nullable, default and pipes. */
export function leafPaths(schema: z.ZodType): string[] {
  return leaves(schema, "").map((leaf) => leaf.path);
}

/** The default each leaf of a schema takes when left out, for the leaves that have one. */
export function leafDefaults(schema: z.ZodType): Record<string, unknown> {
  return Object.fromEntries(
    leaves(schema, "").flatMap((leaf) => ("defaultValue" in leaf ? [[leaf.path, leaf.defaultValue]] : [])),
  );
}

interface Leaf {
  path: string;
  defaultValue?: unknown;
}

function leaves(schema: z.ZodType, path: string, defaulted: { defaultValue?: unknown } = {}): Leaf[] {
  const def = schema._zod.def as {
    type: string;
    innerType?: z.ZodType;
    in?: z.ZodType;
    shape?: Record<string, z.ZodType>;
    defaultValue?: unknown;
  };
  switch (def.type) {
    case "default":
    case "prefault":
      return leaves(def.innerType!, path, { defaultValue: def.defaultValue });
    case "optional":
    case "nullable":
    case "readonly":
    case "catch":
      return leaves(def.innerType!, path, defaulted);
    case "pipe":
      return leaves(def.in!, path, defaulted);
    case "object":
      return Object.entries(def.shape!).flatMap(([key, field]) =>
        leaves(field, path ? `${path}.${key}` : key),
      );
    default:
      return [{ path, ...defaulted }];
  }
}
