// Turning a zod failure into what our errors report: the path of the offending field ("data[3].productUid")
// and a reason with a short description of the value found. Must never: copy a whole value into a reason
// (only its kind, or a short primitive, which redaction then checks).

import type { z } from "zod";
import { truncate } from "./errors";
import { escapeHidden } from "./schemas/scalars";

type Issue = z.core.$ZodIssue;

/** The most useful issue: for a union, the branch whose type matched (e.g. the object, not the [] quirk). */
export function firstIssue(issues: readonly Issue[], root: unknown): { fieldPath: string; reason: string } {
  const issue = issues[0]!;
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const branches = issue.errors.filter((b) => b.length > 0);
    const matched = branches.find((b) => !b.some((i) => i.path.length === 0 && i.code === "invalid_type"));
    const chosen = matched ?? branches[0];
    if (chosen)
      return firstIssue(
        chosen.map((i) => ({ ...i, path: [...issue.path, ...i.path] })),
        root,
      );
  }
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const received = valueAt(root, issue.path);
  const got = issue.code === "unrecognized_keys" ? "" : `; got ${describeValue(received)}`;
  return { fieldPath: formatPath(path) || "(body)", reason: `${issue.message}${got}` };
}

/** ["data", 0, "productUid"] → "data[0].productUid". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((seg, i) => (typeof seg === "number" ? `[${seg}]` : `${i === 0 ? "" : "."}${String(seg)}`))
    .join("");
}

/** The value at `path` inside `root`, or undefined where the path leads nowhere. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const seg of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[seg];
  }
  return value;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  // JSON escapes the control characters but not the invisible ones (a bidi override would reverse the message).
  return escapeHidden(truncate(JSON.stringify(value), 60));
}

// zod's own messages ("Invalid input: expected boolean, received string", "Too small: expected number to be >0")
// are for programmers. Our schemas author their messages; anything left to zod is rewritten here.
const ZOD_DEFAULT_MESSAGE =
  /^(Invalid (input|option|string|element|key|value)|Too (small|big)|Unrecognized key)/;

/**
 * What is wrong with the value at the issue's path, as the end of a sentence that starts with the field's name
 * ("must be true or false, not "yes""): the schema's own message when it wrote one, else one built from the issue.
 */
export function issueMessage(issue: Issue, root: unknown): string {
  const received = valueAt(root, issue.path);
  // Missing is its own problem, whatever the schema says about the type it wants.
  if (issue.code === "invalid_type" && received === undefined) {
    return `is required: set it to ${expectedWords(issue.expected)}`;
  }
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return `must be ${expectedWords(issue.expected)}, not ${describeValue(received)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, not ${describeValue(received)}`;
    case "too_small":
      return `must be ${issue.origin === "string" || issue.origin === "array" ? "at least" : issue.inclusive === false ? "more than" : "at least"} ${String(issue.minimum)}${unitOf(issue.origin)}, not ${describeValue(received)}`;
    case "too_big":
      return `must be ${issue.inclusive === false ? "less than" : "at most"} ${String(issue.maximum)}${unitOf(issue.origin)}, not ${describeValue(received)}`;
    case "invalid_format":
      return `must be a valid ${issue.format}, not ${describeValue(received)}`;
    default:
      return `is not valid (${issue.message})`;
  }
}

function expectedWords(expected: string): string {
  const words: Record<string, string> = {
    array: "a list",
    object: "an object",
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
  };
  return words[expected] ?? expected;
}

function unitOf(origin: string): string {
  if (origin === "string") return " characters";
  if (origin === "array" || origin === "set") return " items";
  return "";
}
