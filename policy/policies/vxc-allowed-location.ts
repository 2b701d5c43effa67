// VXCs land only at the locations the platform team allows (the B-end, the provider's side). A VXC that names its
// provider but no location would go to the provider's port nearest the A-end, wherever that is, so it must name
// one. A VXC to a bare port UID or with a service key cannot be judged at preview (see vxc-target.ts).
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchemaWithDefaults, listed, listIncludes, readConfig } from "../policy-config";
import { validateVxcConnection } from "../resource-props";
import { unjudgeableReason, vxcTarget } from "../vxc-target";

export interface AllowedLocationConfig {
  /** Megaport location ids or exact location names (any case) a VXC's B-end may be at. Empty: any. */
  allowedLocations: (string | number)[];
}

export const ALLOWED_LOCATION_DEFAULTS: AllowedLocationConfig = { allowedLocations: [] };

export const vxcAllowedLocation: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-allowed-location",
  description: "Checks that VXCs go to providers' ports at allowed locations.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set bEnd.location to one of the allowed locations (its Megaport location id or exact name), or ask the platform team to allow the location.",
  configSchema: configSchemaWithDefaults(ALLOWED_LOCATION_DEFAULTS, {
    allowedLocations: {
      type: "array",
      items: { type: ["string", "integer"] },
      description:
        "Megaport location ids or exact location names (case-insensitive) for VXC B-ends. Empty: the policy does not apply.",
    },
  }),
  validateResource: validateVxcConnection((vxc, args, reportViolation) => {
    const { allowedLocations } = readConfig(args, ALLOWED_LOCATION_DEFAULTS);
    if (allowedLocations.length === 0) {
      args.notApplicable("no allowedLocations are configured");
      return;
    }
    const target = vxcTarget(vxc);
    if (target.by !== "provider") {
      args.notApplicable(`${unjudgeableReason(target)}, so its location cannot be checked at preview`);
      return;
    }
    if (target.location === undefined) {
      reportViolation(
        `VXC must name its B-end location (bEnd.location: ${listed(allowedLocations)}); without one Megaport picks the provider's port nearest the A-end, wherever it is.`,
      );
    } else if (!listIncludes(allowedLocations, target.location)) {
      reportViolation(
        `VXC must go to an allowed location (${listed(allowedLocations)}); bEnd.location names another.`,
      );
    }
  }),
};
