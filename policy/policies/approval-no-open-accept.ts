// A service provider's ApprovalPolicy never accepts every company without a rate ceiling: an "accept" that names no
// companies must cap the speed (match.rateLimit.max), and the default for unmatched requests must not be "accept".
// Otherwise any Megaport customer could order, or raise to, any speed on the provider's ports unreviewed.
// Rules are judged as written: narrowing by port, VLAN, request type or service key still lets every company in.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchemaWithDefaults, readConfig } from "../policy-config";
import { validateApprovalPolicy } from "../resource-props";

export interface NoOpenAcceptConfig {
  /** The highest rateLimit.max (Mbps) an accept rule open to every company may have. */
  maxOpenAcceptRateLimitMbps: number;
}

export const NO_OPEN_ACCEPT_DEFAULTS: NoOpenAcceptConfig = { maxOpenAcceptRateLimitMbps: 10_000 };

export const approvalNoOpenAccept: ResourceValidationPolicy = {
  name: "megaport-approval-policy-no-open-accept",
  description: "Checks that an approval policy never accepts every company without a rate ceiling.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Name the companies an accept rule is for (match.companies), or cap it with match.rateLimit.max; use "manual" or "deny" as defaultAction.',
  configSchema: configSchemaWithDefaults(NO_OPEN_ACCEPT_DEFAULTS, {
    maxOpenAcceptRateLimitMbps: {
      type: "integer",
      minimum: 1,
      description: "The highest speed (Mbps) an accept rule that names no companies may let through.",
    },
  }),
  validateResource: validateApprovalPolicy((policy, args, reportViolation) => {
    const { maxOpenAcceptRateLimitMbps } = readConfig(args, NO_OPEN_ACCEPT_DEFAULTS);
    (policy.rules ?? []).forEach((rule, index) => {
      if (rule.action !== "accept" || rule.match.companies !== undefined) return;
      const ceiling = rule.match.rateLimit?.max;
      const where = `rules[${index}]`;
      if (ceiling === undefined) {
        reportViolation(
          `Approval policy must not accept every company without a rate ceiling: ${where} accepts any company at any speed; set match.companies or match.rateLimit.max (at most ${maxOpenAcceptRateLimitMbps} Mbps).`,
        );
      } else if (ceiling > maxOpenAcceptRateLimitMbps) {
        reportViolation(
          `Approval policy must cap what it accepts from every company at ${maxOpenAcceptRateLimitMbps} Mbps: ${where} accepts any company up to a higher match.rateLimit.max.`,
        );
      }
    });
    if (policy.defaultAction === "accept") {
      reportViolation(
        'Approval policy must not accept every company without a rate ceiling: defaultAction "accept" accepts any request no rule matched; use "manual" or "deny".',
      );
    }
  }),
};
