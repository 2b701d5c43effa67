// The diff every resource kind uses: compare the user's inputs (old, from state, against new) field by field,
// ignore hidden "__" keys, and derive what replaces from each field's change entry (input-fields.ts), running the
// condition of a conditional replace. Always answers changes true or false, never unknown, so the engine never
// falls back to its own diff, which would include __provider.
import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import type { InputFields } from "./input-fields";

export interface InputDiff<P extends string> {
  changed: P[];
  /** The changed paths that replace. */
  replacing: P[];
  /** Top-level properties to report as replaced (the engine takes property keys). */
  replaces: string[];
}

/** olds: the state; news: the checked inputs; id: the resource's id (a condition may compare against it). */
export function diffInputs<P extends string, O, N>(
  fields: InputFields<P, O, N>,
  olds: NoInfer<O>,
  news: NoInfer<N>,
  id: string,
): InputDiff<P> {
  const changed: P[] = [];
  const replacing: P[] = [];
  for (const p of fields.paths) {
    if (isDeepStrictEqual(normalise(valueAt(olds, p)), normalise(valueAt(news, p)))) continue;
    const { change, replacesIf } = fields.changes[p];
    const replaces = change === "replaces" && (replacesIf === undefined || replacesIf.test(olds, news, id));
    if (!replaces && replacesIf?.otherwise === "nothing") continue;
    changed.push(p);
    if (replaces) replacing.push(p);
  }
  return { changed, replacing, replaces: [...new Set(replacing.map((p) => p.split(".")[0]))] };
}

export function toDiffResult(diff: InputDiff<string>): pulumi.dynamic.DiffResult {
  return { changes: diff.changed.length > 0, replaces: diff.replaces };
}

function valueAt(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Absent, undefined and null mean the same to a user; nested members too. */
function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}
