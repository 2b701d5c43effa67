// Checking what callers pass before anything is sent: request bodies through their strict zod schemas,
// UIDs and employee ids. The first problem becomes a ValidationError naming the field, the reason and the
// fix. Must never: echo a whole input back (it may hold a service key); only the offending value's
// kind or a short primitive.

import type { z } from "zod";
import { ValidationError } from "./errors";
import { describeValue, formatPath } from "./zod-issues";

/** Parses a request input strictly; the first problem becomes a ValidationError naming the field. */
export function checkInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const fieldPath = formatPath([what, ...issue.path, issue.keys[0] ?? ""]);
    return fail(
      fieldPath,
      "is not a field Megaport accepts here",
      `remove ${fieldPath} (check its spelling)`,
    );
  }
  const fieldPath = formatPath([what, ...issue.path]);
  let received: unknown = value;
  for (const seg of issue.path) received = (received as Record<PropertyKey, unknown> | undefined)?.[seg];
  const fix = /^must\b/.test(issue.message)
    ? `change ${fieldPath} so it ${issue.message}`
    : `change ${fieldPath} (${issue.message})`;
  return fail(fieldPath, `${issue.message} (got ${describeValue(received)})`, fix);
}

function fail(fieldPath: string, reason: string, fix: string): never {
  throw new ValidationError({ fieldPath, reason, fix });
}

export function checkUid(uid: string, field: string): string {
  if (typeof uid !== "string" || uid.trim() === "") fail(field, "is empty", `pass the ${field} to use`);
  return uid;
}

export function checkEmployeeId(employeeId: number): number {
  if (!Number.isInteger(employeeId) || employeeId <= 0) {
    fail(
      "employeeId",
      `${String(employeeId)} is not a positive integer`,
      "pass a user's employee id (partyId)",
    );
  }
  return employeeId;
}

export function optionalEmployeeId(employeeId: number | undefined): number | undefined {
  return employeeId === undefined ? undefined : checkEmployeeId(employeeId);
}
