// A ceiling on every VXC's rate limit, so a typo or a copy-paste never orders (and bills) a far faster VXC than
// intended. On by default: 10 Gbps is above what most VXCs carry and below Megaport's largest ports.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { MAX_RATE_LIMIT_MBPS } from "../../provider/kinds/vxc-connection/vxc-connection-schema";
import { configSchemaWithDefaults, readConfig } from "../policy-config";
import { validateVxcConnection } from "../resource-props";

export interface RateLimitCeilingConfig {
  /** The highest rate limit a VXC may have, in Mbps. */
  maxRateLimitMbps: number;
}

export const RATE_LIMIT_CEILING_DEFAULTS: RateLimitCeilingConfig = { maxRateLimitMbps: 10_000 };

export const vxcRateLimitCeiling: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-rate-limit-ceiling",
  description: "Checks that no VXC's rate limit exceeds the configured ceiling.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Lower rateLimit, or ask the platform team to raise maxRateLimitMbps for this stack's policy pack config.",
  configSchema: configSchemaWithDefaults(RATE_LIMIT_CEILING_DEFAULTS, {
    maxRateLimitMbps: {
      type: "integer",
      minimum: 1,
      maximum: MAX_RATE_LIMIT_MBPS,
      description: `The highest rate limit a VXC may have, in Mbps (1–${MAX_RATE_LIMIT_MBPS}).`,
    },
  }),
  validateResource: validateVxcConnection((vxc, args, reportViolation) => {
    const { maxRateLimitMbps } = readConfig(args, RATE_LIMIT_CEILING_DEFAULTS);
    if (vxc.rateLimit > maxRateLimitMbps) {
      reportViolation(`VXC must have a rateLimit of at most ${maxRateLimitMbps} Mbps.`);
    }
  }),
};
