// Each resource kind's inputs as the diff, the order tag and the reference docs see them: every leaf path of the
// kind's zod schema, derived from the schema itself, each with its change entry: what a change to it does, the
// condition of a conditional replace with its wording (as Terraform's RequiresReplaceIf carries its description),
// and whether it identifies the real object (the VXC's order tag). The diff (diff-inputs.ts), the reference pages
// and the order tag read these entries; nothing else says it. The change table is typed by the schema's paths, so a
// field added to a schema does not compile until it is classified, and a field removed leaves no stale entry; the
// runtime walk and the table are checked against each other when the kind loads.
import type { z } from "zod";

/** What a change to an input does, and how the reference docs say it. */
export const CHANGES = {
  replaces: "replaces the resource",
  updates: "updates in place",
  "waits-for-provider": "updates in place; an increase waits for the provider to accept it",
  records: "changes nothing on Megaport; the stack records it",
} as const;
export type Change = keyof typeof CHANGES;

/**
 * A replace that depends on the values: a change replaces only when `test` says so; otherwise it does `otherwise`
 * ("updates" in place, or "nothing": the diff does not count it as a change at all).
 */
export interface ReplacesIf<O, N> {
  /** Run only when the field's old and new values differ: olds is the state, news the checked inputs. */
  test(olds: O, news: N, id: string): boolean;
  readonly otherwise: "updates" | "nothing";
  /** What the reference page says a change does, the condition included. */
  readonly description: string;
}

/** A field's change entry, as the table writes it: a plain kind of change, or a replace with more to say. */
export type ChangeEntry<O, N> =
  | Change
  | {
      readonly change: "replaces";
      /** Part of the order tag: the values that name the real object this resource holds. */
      readonly identifies: boolean;
      readonly if?: ReplacesIf<O, N>;
    };

/** A replace whose field identifies the real object (the order tag hashes it), unconditional. */
export const IDENTIFIES = { change: "replaces", identifies: true } as const;

/** A change entry with nothing left implicit. */
export interface FieldChange<O, N> {
  readonly change: Change;
  readonly identifies: boolean;
  readonly replacesIf?: ReplacesIf<O, N>;
}

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

/** The change entry of every input path of a schema; conditions see the state as `O`. */
export type ChangeTable<S extends z.ZodType, O> = {
  readonly [P in LeafPaths<z.input<S>>]: ChangeEntry<O, z.output<S>>;
};

export interface InputFields<P extends string, O = unknown, N = unknown> {
  /** Every input path, in the order the schema declares them. */
  readonly paths: readonly P[];
  readonly changes: Readonly<Record<P, FieldChange<O, N>>>;
  /** Paths whose change may replace the resource (the conditional ones when their test says so). */
  readonly replacing: readonly P[];
  /** Paths that identify the resource's real object, in schema order: the VXC's order tag hashes them. */
  readonly identifying: readonly P[];
}

/** What the reference page says a change to a field does. */
export function changeWording(entry: FieldChange<unknown, unknown>): string {
  return entry.replacesIf?.description ?? CHANGES[entry.change];
}

/**
 * The input fields of `schema`, classified by `changes` (`O`: the state a conditional replace reads); throws when
 * the two disagree (a programming error).
 */
export function inputFields<S extends z.ZodType, O = z.output<S>>(
  schema: S,
  changes: ChangeTable<S, O>,
): InputFields<LeafPaths<z.input<S>>, O, z.output<S>> {
  type P = LeafPaths<z.input<S>>;
  const paths = leafPaths(schema) as P[];
  const table = changes as Readonly<Record<P, ChangeEntry<O, z.output<S>>>>;
  const unclassified = paths.filter((p) => !(p in table));
  const stale = Object.keys(table).filter((p) => !paths.includes(p as P));
  if (unclassified.length > 0 || stale.length > 0) {
    throw new Error(
      `input change table out of step with its schema: unclassified ${unclassified.join(", ") || "none"}; ` +
        `not in the schema ${stale.join(", ") || "none"}`,
    );
  }
  const entries = Object.fromEntries(
    paths.map((p) => {
      const entry = table[p];
      const full: FieldChange<O, z.output<S>> = typeof entry === "string"
        ? { change: entry, identifies: false }
        : { change: entry.change, identifies: entry.identifies, replacesIf: entry.if };
      return [p, full];
    }),
  ) as Record<P, FieldChange<O, z.output<S>>>;
  return {
    paths,
    changes: entries,
    replacing: paths.filter((p) => entries[p].change === "replaces"),
    identifying: paths.filter((p) => entries[p].identifies),
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
