// The diff every resource kind uses: compare the user's inputs (old, from state, against new) field by field,
// ignore hidden "__" keys, and derive `replaces` from the kind's input fields (input-fields.ts). Always answers changes true or
// false, never unknown, so the engine never falls back to its own diff, which would include __provider.
import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import type { InputFields } from "./input-fields";

export interface InputDiff<P extends string> {
  changed: P[];
  /** Top-level properties to report as replaced (the engine takes property keys). */
  replaces: string[];
}

export function diffInputs<P extends string>(
  fields: InputFields<P>,
  olds: object,
  news: object,
): InputDiff<P> {
  const changed = fields.paths.filter(
    (p) => !isDeepStrictEqual(normalise(valueAt(olds, p)), normalise(valueAt(news, p))),
  );
  const replaces = [
    ...new Set(changed.filter((p) => fields.replacing.includes(p)).map((p) => p.split(".")[0])),
  ];
  return { changed, replaces };
}

export function toDiffResult(diff: InputDiff<string>): pulumi.dynamic.DiffResult {
  return { changes: diff.changed.length > 0, replaces: diff.replaces };
}

function valueAt(object: object, path: string): unknown {
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
