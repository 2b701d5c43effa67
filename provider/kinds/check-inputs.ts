// Turns a zod parse of user inputs into Pulumi check failures that name the field and say how to fix it.
// The engine prints a failure on property P as "property P value {<the input's P>} has a problem: <reason>", looking P
// up as a top-level key only: a nested path ("bEnd.vlan") prints as "value {<nil>}", and a secret field would print
// its plaintext. So only a top-level, non-secret field is reported on its property; anything else on property "",
// which prints "<type> resource '<name>' has a problem: <reason>", with the field named at the start of the reason.
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { formatPath, issueMessage } from "../client/zod-issues";
import { escapeHidden } from "../client/schemas/scalars";
import { userInputs } from "./hidden-inputs";
import { refusedKeyReason, refusedKeys, withoutPrototypes } from "./refused-keys";

export function checkInputs<S extends z.ZodType>(
  schema: S,
  news: Record<string, unknown>,
  options: { secretFields?: readonly string[] } = {},
): pulumi.dynamic.CheckResult {
  const refused = refusedKeyFailures(news);
  if (refused.length > 0) return { failures: refused };
  const parsed = schema.safeParse(userInputs(news));
  if (parsed.success) {
    // Keep the hidden inputs and the serialized provider: create and diff need them.
    const hidden = Object.fromEntries(Object.entries(news).filter(([key]) => key.startsWith("__")));
    return { inputs: withoutPrototypes({ ...(parsed.data as object), ...hidden }) };
  }
  return {
    failures: parsed.error.issues.flatMap((issue) => toFailures(issue, news, options.secretFields ?? [])),
  };
}

/**
 * One failure per "__proto__", "constructor" or "prototype" key anywhere in `news` (refused-keys.ts). Reported
 * alone: the schema's own complaint about the same key ("unknown field") would only repeat it less clearly.
 */
export function refusedKeyFailures(news: Record<string, unknown>): pulumi.dynamic.CheckFailure[] {
  return refusedKeys(news).map(([path, key]) => checkFailure("", refusedKeyReason(path, key), news));
}

/**
 * A check failure for the field at `path` ("rateLimit", "bEnd.vlan", "rules[2].match") of `inputs`, placed as the
 * header says; a missing field goes on property "" too, or the engine would print its value as {<nil>}.
 */
export function checkFailure(
  path: string,
  reason: string,
  inputs: Record<string, unknown>,
  secretFields: readonly string[] = [],
): pulumi.dynamic.CheckFailure {
  const topLevel = /^[A-Za-z_$][\w$]*$/.test(path);
  if (topLevel && inputs[path] !== undefined && !secretFields.includes(path) && safeToEcho(inputs[path]))
    return { property: path, reason };
  return { property: "", reason: path && !reason.startsWith(path) ? `${path}: ${reason}` : reason };
}

/**
 * Whether the engine may print the value beside the failure: not when it is long (a megabyte name would flood the
 * terminal) or holds characters that print as nothing or reorder the line (its printer does not escape them).
 */
function safeToEcho(value: unknown): boolean {
  const text = JSON.stringify(value) ?? "";
  // JSON writes control characters as escapes ("\n", "\u0000"), and leaves the invisible ones as they are.
  return text.length <= MAX_ECHO_CHARACTERS && escapeHidden(text) === text && !/\\[nrtbfu]/.test(text);
}
const MAX_ECHO_CHARACTERS = 200;

function toFailures(
  issue: z.core.$ZodIssue,
  news: Record<string, unknown>,
  secretFields: readonly string[],
): pulumi.dynamic.CheckFailure[] {
  // An unknown key is reported on the key itself, with what to do about it: usually a misspelling.
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) =>
      checkFailure(
        formatPath([...issue.path, key]),
        `unknown field "${key}": remove it or correct its spelling (see the resource's reference page)`,
        news,
        secretFields,
      ),
    );
  }
  const path = formatPath(issue.path);
  const message = issueMessage(issue, news);
  // A predicate ("must be…", "is required…") is the rest of a sentence about the field: field schemas are shared
  // with the client, which names the field its own way, so the name is put in front here.
  const reason = /^(must|is|needs|has)\b/.test(message) ? `${path || "the resource"} ${message}` : message;
  return [checkFailure(path, reason, news, secretFields)];
}
