// Turns a zod parse of user inputs into Pulumi check failures that name the field and say how to fix it.
// Secret inputs are never echoed: the engine prints the failing property's value next to the reason, so a failure
// on a secret field is reported on property "" with the field named in the reason.
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { userInputs } from "./hidden-inputs";

export function checkInputs<S extends z.ZodType>(
  schema: S,
  news: Record<string, unknown>,
  options: { secretFields?: readonly string[] } = {},
): pulumi.dynamic.CheckResult {
  const parsed = schema.safeParse(userInputs(news));
  if (parsed.success) {
    // Keep the hidden inputs and the serialized provider: create and diff need them.
    const hidden = Object.fromEntries(Object.entries(news).filter(([key]) => key.startsWith("__")));
    return { inputs: { ...(parsed.data as object), ...hidden } };
  }
  return { failures: parsed.error.issues.flatMap((issue) => toFailures(issue, options.secretFields ?? [])) };
}

function toFailures(issue: z.core.$ZodIssue, secretFields: readonly string[]): pulumi.dynamic.CheckFailure[] {
  // An unknown key is reported on the key itself, with what to do about it: usually a misspelling.
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      property: [...issue.path.map(String), key].join("."),
      reason: `unknown field "${key}": remove it or correct its spelling (see the resource's documentation)`,
    }));
  }
  const property = issue.path.map(String).join(".");
  const top = String(issue.path[0] ?? "");
  if (secretFields.includes(top)) {
    return [{ property: "", reason: `${property}: ${issue.message}` }];
  }
  return [{ property, reason: issue.message }];
}
