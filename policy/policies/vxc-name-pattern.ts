// VXC names (as Megaport shows them in the portal and on invoices) follow the organisation's naming pattern. The
// default only refuses names with leading or trailing spaces; set the team's own pattern in config.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchemaWithDefaults, readConfig } from "../policy-config";
import { validateVxcConnection } from "../resource-props";

export interface NamePatternConfig {
  /** A regular expression (JavaScript syntax) every VXC name must match. */
  namePattern: string;
}

export const NAME_PATTERN_DEFAULTS: NamePatternConfig = { namePattern: "^\\S(.*\\S)?$" };

export const vxcNamePattern: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-name-pattern",
  description: "Checks that VXC names follow the naming pattern.",
  enforcementLevel: "mandatory",
  severity: "low",
  remediationSteps: "Rename the VXC (its name updates in place) to match the naming pattern.",
  configSchema: configSchemaWithDefaults(NAME_PATTERN_DEFAULTS, {
    namePattern: {
      type: "string",
      minLength: 1,
      description:
        'A regular expression every VXC name must match, e.g. "^[a-z]+-to-[a-z]+-(red|blue)$". Default: no leading or trailing spaces.',
    },
  }),
  validateResource: validateVxcConnection((vxc, args, reportViolation) => {
    const { namePattern } = readConfig(args, NAME_PATTERN_DEFAULTS);
    if (!new RegExp(namePattern).test(vxc.name)) {
      reportViolation(`VXC must have a name matching /${namePattern}/.`);
    }
  }),
};
