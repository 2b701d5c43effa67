/**
 * The approval rules engine: the entry point for the ApprovalPolicy resource (validate rules in `check`,
 * settle the backlog at `pulumi up`), the approver command and tests. It decides one request by the first
 * matching rule, and re-exports the policy schema, the match semantics, validation and the pending-request
 * finder from their own modules.
 *
 * PURE: it must never do I/O, read the clock, keep state between calls, or throw for a request it cannot
 * decide (an unknown fact simply fails to match a rule that needs it, and the request falls through).
 */
import {
  type ApprovalDecision,
  type ApprovalPolicy,
  type ApprovalRequest,
  DEFAULT_RULE_NAME,
} from "./policy-schema";
import { ruleMatches } from "./rule-match";

export * from "./policy-schema";
export * from "./rule-match";
export * from "./validate-policy";
export * from "./pending-requests";

/** Decides one request: the first rule whose match fits wins; otherwise the policy's default applies. */
export function decide(policy: ApprovalPolicy, request: ApprovalRequest): ApprovalDecision {
  for (const rule of policy.rules) {
    if (ruleMatches(rule.match, request)) {
      return withoutUndefined({
        action: rule.action,
        ruleName: rule.name,
        reason: rule.reason,
        bEndVlan: rule.action === "accept" ? rule.bEndVlan : undefined,
      });
    }
  }
  return withoutUndefined({
    action: policy.defaultAction,
    ruleName: DEFAULT_RULE_NAME,
    reason: policy.defaultReason,
  });
}

/** Drops undefined keys so decisions and requests compare and print cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
