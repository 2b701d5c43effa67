// Every VXC carries a cost centre, so its invoice line can be charged back. On by default: any non-blank cost
// centre passes; a platform team can demand its own format with a pattern.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchemaWithDefaults, readConfig } from "../policy-config";
import { validateVxcConnection } from "../resource-props";

export interface CostCentreConfig {
  /** A regular expression (JavaScript syntax) every costCentre must match. */
  costCentrePattern: string;
}

export const COST_CENTRE_DEFAULTS: CostCentreConfig = { costCentrePattern: "\\S" };

export const vxcCostCentre: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-cost-centre",
  description: "Checks that every VXC has a cost centre in the required format.",
  enforcementLevel: "mandatory",
  severity: "low",
  remediationSteps: "Set costCentre to the cost centre the VXC is charged to.",
  configSchema: configSchemaWithDefaults(COST_CENTRE_DEFAULTS, {
    costCentrePattern: {
      type: "string",
      minLength: 1,
      description:
        'A regular expression every costCentre must match, e.g. "^NET-[0-9]{3}$". Default: any non-blank text.',
    },
  }),
  validateResource: validateVxcConnection((vxc, args, reportViolation) => {
    const { costCentrePattern } = readConfig(args, COST_CENTRE_DEFAULTS);
    if (vxc.costCentre === undefined || vxc.costCentre.trim() === "") {
      reportViolation("VXC must have a costCentre.");
    } else if (!new RegExp(costCentrePattern).test(vxc.costCentre)) {
      reportViolation(`VXC must have a costCentre matching /${costCentrePattern}/.`);
    }
  }),
};
