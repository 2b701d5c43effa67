// What a policy sees of each megaport-mx resource, and typed ways to validate one kind. Resources are matched by
// either adapter's type token (kinds.ts typeTokens: pulumi-nodejs:dynamic/megaport:VxcConnection from the dynamic
// resources, megaport-mx:index:VxcConnection from the provider plugin, whatever the program's language), so a VXC
// meets the same rules both ways, and a policy is skipped as "not applicable" for every other type without being
// called.
//
// Props are the inputs after the provider's `check` (defaults filled in, group names upper-cased), with secrets
// in plain text and unknown values (during preview) that throw when read. So policies read only the fields they
// judge, never spread, stringify or print props: `serviceKey` is a secret.
import type {
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  PolicyResource,
} from "@pulumi/policy";
import type { ApprovalPolicyInput } from "../provider/approval/policy-schema";
import type { NotificationSubscriptionInputs } from "../provider/kinds/notification-subscription/notification-subscription-schema";
import type { VxcConnectionInputs } from "../provider/kinds/vxc-connection/vxc-connection-schema";
import { kindOfType, type KindName, typeTokens } from "../provider/kinds/kinds";

/** A VxcConnection's inputs as a policy reads them. */
export type VxcProps = VxcConnectionInputs;

/** An ApprovalPolicy's inputs as a policy reads them. */
export type ApprovalPolicyProps = ApprovalPolicyInput;

/** A NotificationSubscription's inputs as a policy reads them. */
export type NotificationSubscriptionProps = NotificationSubscriptionInputs;

type Validate<P> = (props: P, args: ResourceValidationArgs, reportViolation: ReportViolation) => void;

/** Validates the kind's resources, through either adapter, only. */
function validateKind<P>(kind: KindName, validate: Validate<P>): ResourceValidation {
  return (args, reportViolation) => {
    if (kindOfType(args.type) === kind) return validate(args.props as P, args, reportViolation);
    const types = typeTokens(kind).map((type) => `'${type}'`);
    args.notApplicable(`Policy only applies to resources of type ${types.join(" or ")}`);
  };
}

/** Validates VxcConnection resources only. */
export function validateVxcConnection(validate: Validate<VxcProps>): ResourceValidation {
  return validateKind("VxcConnection", validate);
}

/** Validates ApprovalPolicy resources only. */
export function validateApprovalPolicy(validate: Validate<ApprovalPolicyProps>): ResourceValidation {
  return validateKind("ApprovalPolicy", validate);
}

/** The stack's VxcConnections, through either adapter. */
export function vxcConnectionsIn(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((resource) => kindOfType(resource.type) === "VxcConnection");
}

/** The stack's NotificationSubscriptions, through either adapter. */
export function notificationSubscriptionsIn(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((resource) => kindOfType(resource.type) === "NotificationSubscription");
}
