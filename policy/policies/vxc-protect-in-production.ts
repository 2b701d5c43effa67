// In production stacks every VXC is protected, so a refactor, a rename or a `pulumi destroy` cannot cancel a live
// connection. The stack name comes from the resource's URN; which stacks are production is a pattern in config.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchemaWithDefaults, readConfig } from "../policy-config";
import { validateVxcConnection } from "../resource-props";
import { stackNameOf } from "../stack-name";

export interface ProtectInProductionConfig {
  /** A regular expression (JavaScript syntax) matching the names of production stacks. */
  productionStackPattern: string;
}

export const PROTECT_IN_PRODUCTION_DEFAULTS: ProtectInProductionConfig = {
  productionStackPattern: "^(prod|production)(-|$)",
};

export const vxcProtectInProduction: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-protect-in-production",
  description: "Checks that VXCs in production stacks are protected from deletion.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: "Give the VXC the resource option { protect: true }.",
  configSchema: configSchemaWithDefaults(PROTECT_IN_PRODUCTION_DEFAULTS, {
    productionStackPattern: {
      type: "string",
      minLength: 1,
      description:
        'A regular expression matching production stack names. Default: "prod", "production", "prod-…".',
    },
  }),
  validateResource: validateVxcConnection((_vxc, args, reportViolation) => {
    const { productionStackPattern } = readConfig(args, PROTECT_IN_PRODUCTION_DEFAULTS);
    const stack = stackNameOf(args.urn);
    if (stack === undefined || !new RegExp(productionStackPattern).test(stack)) {
      args.notApplicable(`the stack is not a production stack (/${productionStackPattern}/)`);
      return;
    }
    if (!args.opts.protect) {
      reportViolation(
        `VXC must be protected (resource option protect: true) in production stack "${stack}".`,
      );
    }
  }),
};
