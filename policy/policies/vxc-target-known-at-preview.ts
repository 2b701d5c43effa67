// The allowed-provider and allowed-location policies can only judge a VXC that names its provider. A VXC to a bare
// port UID or with a service key reaches a provider Megaport resolves when the order is made, after the preview:
// this policy says so out loud instead of letting such a VXC pass unseen. Advisory by default; a team that allows
// only vetted providers sets it to mandatory, and a team with no allow-lists may set it to disabled.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateVxcConnection } from "../resource-props";
import { unjudgeableReason, vxcTarget } from "../vxc-target";

export const vxcTargetKnownAtPreview: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-target-known-at-preview",
  description: "Checks that a VXC's provider and location can be judged at preview.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Name the provider with bEnd.providerName (and bEnd.location, bEnd.portName) instead of a port UID, or review the service key's provider by hand.",
  validateResource: validateVxcConnection((vxc, args, reportViolation) => {
    const reason = unjudgeableReason(vxcTarget(vxc));
    if (reason === undefined) {
      args.notApplicable("the VXC names its provider");
      return;
    }
    reportViolation(
      `VXC must name its provider (bEnd.providerName) for the allowed-provider and allowed-location policies to check it: ${reason}.`,
    );
  }),
};
