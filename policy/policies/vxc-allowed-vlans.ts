// The A-end VLAN (on the customer's own port or MCR) must fall in the VLAN ranges the network team assigned to
// Megaport. With ranges configured, a VLAN left to Megaport (0 or unset) could land anywhere, so it must be named;
// untagged (-1) is allowed only when configured. The B-end VLAN is the provider's to assign and is not checked.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { VLAN } from "../../provider/client/schemas/scalars";
import { configSchemaWithDefaults, readConfig } from "../policy-config";
import { validateVxcConnection } from "../resource-props";

export interface VlanRange {
  min: number;
  max: number;
}

export interface AllowedVlansConfig {
  /** Inclusive ranges the A-end VLAN must fall in. Empty: any VLAN. */
  allowedVlanRanges: VlanRange[];
  /** Whether an untagged A-end (vlan -1) is allowed when ranges are configured. */
  allowUntagged: boolean;
}

export const ALLOWED_VLANS_DEFAULTS: AllowedVlansConfig = { allowedVlanRanges: [], allowUntagged: false };

const describeRanges = (ranges: readonly VlanRange[]) =>
  ranges.map((r) => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`)).join(", ");

export const vxcAllowedVlans: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-allowed-vlans",
  description: "Checks that VXCs use an A-end VLAN in the allowed ranges.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps: "Set aEnd.vlan to a free VLAN in one of the allowed ranges.",
  configSchema: configSchemaWithDefaults(ALLOWED_VLANS_DEFAULTS, {
    allowedVlanRanges: {
      type: "array",
      items: {
        type: "object",
        properties: {
          min: { type: "integer", minimum: VLAN.min, maximum: VLAN.max },
          max: { type: "integer", minimum: VLAN.min, maximum: VLAN.max },
        },
        required: ["min", "max"],
        additionalProperties: false,
      },
      description: `Inclusive A-end VLAN ranges (${VLAN.min}–${VLAN.max}), e.g. [{"min": 100, "max": 199}]. Empty: the policy does not apply.`,
    },
    allowUntagged: {
      type: "boolean",
      description: "Whether an untagged A-end (aEnd.vlan -1) is allowed when ranges are configured.",
    },
  }),
  validateResource: validateVxcConnection((vxc, args, reportViolation) => {
    const { allowedVlanRanges, allowUntagged } = readConfig(args, ALLOWED_VLANS_DEFAULTS);
    if (allowedVlanRanges.length === 0) {
      args.notApplicable("no allowedVlanRanges are configured");
      return;
    }
    const vlan = vxc.aEnd.vlan ?? 0;
    const ranges = describeRanges(allowedVlanRanges);
    if (vlan === -1) {
      if (!allowUntagged)
        reportViolation(`VXC must use a tagged A-end VLAN in ${ranges}; untagged is not allowed.`);
    } else if (vlan === 0) {
      reportViolation(
        `VXC must name its A-end VLAN (aEnd.vlan in ${ranges}); left to Megaport it could be any free VLAN.`,
      );
    } else if (!allowedVlanRanges.some((r) => vlan >= r.min && vlan <= r.max)) {
      reportViolation(`VXC must use an A-end VLAN (aEnd.vlan) in ${ranges}.`);
    }
  }),
};
