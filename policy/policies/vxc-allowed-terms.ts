// Contract terms commit spend, so platform teams may allow only some. An unset term is Megaport's default, 1 month.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { VALID_TERMS } from "../../provider/client/schemas/scalars";
import { configSchemaWithDefaults, readConfig } from "../policy-config";
import { validateVxcConnection } from "../resource-props";

/** The term Megaport applies when a VXC gives none, in months. */
const DEFAULT_TERM_MONTHS = 1;

export interface AllowedTermsConfig {
  /** Contract terms in months a VXC may have. Empty: any term. */
  allowedTerms: number[];
}

export const ALLOWED_TERMS_DEFAULTS: AllowedTermsConfig = { allowedTerms: [] };

export const vxcAllowedTerms: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-allowed-terms",
  description: "Checks that VXCs have an allowed contract term.",
  enforcementLevel: "mandatory",
  severity: "low",
  remediationSteps: "Set term to one of the allowed contract terms.",
  configSchema: configSchemaWithDefaults(ALLOWED_TERMS_DEFAULTS, {
    allowedTerms: {
      type: "array",
      items: { type: "integer", enum: [...VALID_TERMS] },
      description: `Contract terms in months (${VALID_TERMS.join(", ")}) a VXC may have. Empty: the policy does not apply.`,
    },
  }),
  validateResource: validateVxcConnection((vxc, args, reportViolation) => {
    const { allowedTerms } = readConfig(args, ALLOWED_TERMS_DEFAULTS);
    if (allowedTerms.length === 0) {
      args.notApplicable("no allowedTerms are configured");
      return;
    }
    if (!allowedTerms.includes(vxc.term ?? DEFAULT_TERM_MONTHS)) {
      reportViolation(
        `VXC must have a term of ${allowedTerms.join(", ")} months${vxc.term === undefined ? ` (unset means ${DEFAULT_TERM_MONTHS})` : ""}.`,
      );
    }
  }),
};
