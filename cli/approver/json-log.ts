/**
 * The approver's output: one JSON object per line on stdout, each with `time` and `event`. A decision is one line
 * with the fields a person or a log pipeline needs (request, company, speed, rule, decision, reason, outcome).
 * Must never print a credential: lines carry UIDs, names, rules and Megaport's error messages (which the client
 * has already redacted), nothing else.
 */
import type { SettledOutcome } from "../../provider/approval/backlog";
import { requestedSpeed } from "../../provider/approval/rule-match";
import type { UndecidableRequest } from "../../provider/approval/request-source";

export type JsonLog = (event: string, fields?: Record<string, unknown>) => void;

/** A log writing each line through `write` (default: stdout). */
export function jsonLog(
  write: (line: string) => void = (line) => process.stdout.write(line),
  now: () => Date = () => new Date(),
): JsonLog {
  return (event, fields = {}) => {
    write(`${JSON.stringify({ time: now().toISOString(), event, ...withoutUndefined(fields) })}\n`);
  };
}

/** What happened to a request, as the `outcome` field says it. */
export type DecisionOutcome = "applied" | "already-answered" | "failed" | "left-for-person";

/** What came of a settled request, in the words of the `outcome` field. */
export function decisionOutcome(settled: SettledOutcome): DecisionOutcome {
  if (settled.outcome === "manual") return "left-for-person";
  if (settled.outcome === "already-answered" || settled.outcome === "failed") return settled.outcome;
  return "applied";
}

/** The fields of a `"decision"` line for a settled request. */
export function decisionFields(settled: SettledOutcome): Record<string, unknown> {
  const { request, decision } = settled;
  const outcome = decisionOutcome(settled);
  return {
    request: request.approvalUid,
    type: request.type,
    vxc: request.vxcUid,
    vxcName: request.vxcName,
    company: request.requestingCompanyName ?? request.requestingCompanyUid,
    companyUid: request.requestingCompanyUid,
    port: request.targetPortUid,
    speed: requestedSpeed(request),
    currentSpeed: request.rateLimit,
    rule: decision.ruleName,
    decision: decision.action,
    reason: decision.reason,
    bEndVlan: decision.bEndVlan,
    outcome,
    error: settled.outcome === "failed" ? messageOf(settled.error) : undefined,
    errorCode: settled.outcome === "failed" ? codeOf(settled.error) : undefined,
  };
}

/** The fields of a `"decision"` line for a VXC pending on us that no rule can be applied to. */
export function undecidableFields(undecidable: UndecidableRequest): Record<string, unknown> {
  return {
    vxc: undecidable.vxcUid,
    rule: null,
    decision: "manual",
    reason: `cannot be decided automatically: ${undecidable.why}`,
    outcome: "left-for-person" satisfies DecisionOutcome,
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The stable MX_… code of our errors, else the error's class name. */
export function codeOf(error: unknown): string {
  if (typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string") {
    return (error as { code: string }).code;
  }
  return error instanceof Error ? error.name : "UNKNOWN";
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
