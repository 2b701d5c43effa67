// Every denial carries a reason: the customer sees it in the portal and in email, and without one cannot know what
// to change. The ApprovalPolicy's own `check` refuses a deny rule with no reason too; the policy keeps the rule
// when a pack runs against state (`pulumi policy analyze`) or an older provider.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateApprovalPolicy } from "../resource-props";

const isBlank = (reason: string | undefined) => reason === undefined || reason.trim() === "";

export const approvalDenyReason: ResourceValidationPolicy = {
  name: "megaport-approval-policy-deny-reason",
  description: "Checks that every deny rule of an approval policy gives the customer a reason.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps: "Add a reason telling the customer why the request is denied and what to do instead.",
  validateResource: validateApprovalPolicy((policy, _args, reportViolation) => {
    (policy.rules ?? []).forEach((rule, index) => {
      if (rule.action === "deny" && isBlank(rule.reason)) {
        reportViolation(`Approval policy rules[${index}] must give a reason when it denies.`);
      }
    });
    if (policy.defaultAction === "deny" && isBlank(policy.defaultReason)) {
      reportViolation('Approval policy must give a defaultReason when defaultAction is "deny".');
    }
  }),
};
