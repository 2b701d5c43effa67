// What a policy sees of each megaport-mx resource, and typed ways to validate one kind. Resources are matched by
// their own type tokens (the SDK classes' static `__pulumiType`, e.g. pulumi-nodejs:dynamic/megaport:VxcConnection),
// so a policy is skipped as "not applicable" for every other type without being called.
//
// Props are the inputs after the provider's `check` (defaults filled in, group names upper-cased), with secrets
// in plain text and unknown values (during preview) that throw when read. So policies read only the fields they
// judge, never spread, stringify or print props: `serviceKey` is a secret.
import {
  type ReportViolation,
  type ResourceValidation,
  type ResourceValidationArgs,
  type PolicyResource,
  validateResourceOfType,
} from "@pulumi/policy";
import type { ApprovalPolicyInput } from "../provider/approval/policy-schema";
import type { NotificationSubscriptionInputs } from "../provider/kinds/notification-subscription/notification-subscription-schema";
import type { VxcConnectionInputs } from "../provider/kinds/vxc-connection/vxc-connection-schema";
import { ApprovalPolicy } from "../sdk/approval-policy";
import { NotificationSubscription } from "../sdk/notification-subscription";
import { VxcConnection } from "../sdk/vxc-connection";

/** A VxcConnection's inputs as a policy reads them. */
export type VxcProps = VxcConnectionInputs;

/** An ApprovalPolicy's inputs as a policy reads them. */
export type ApprovalPolicyProps = ApprovalPolicyInput;

/** A NotificationSubscription's inputs as a policy reads them. */
export type NotificationSubscriptionProps = NotificationSubscriptionInputs;

export const VXC_CONNECTION_TYPE = VxcConnection.__pulumiType;
export const APPROVAL_POLICY_TYPE = ApprovalPolicy.__pulumiType;
export const NOTIFICATION_SUBSCRIPTION_TYPE = NotificationSubscription.__pulumiType;

type Validate<P> = (props: P, args: ResourceValidationArgs, reportViolation: ReportViolation) => void;

/** Validates VxcConnection resources only. */
export function validateVxcConnection(validate: Validate<VxcProps>): ResourceValidation {
  return validateResourceOfType(VxcConnection, (_, args, report) =>
    validate(args.props as VxcProps, args, report),
  );
}

/** Validates ApprovalPolicy resources only. */
export function validateApprovalPolicy(validate: Validate<ApprovalPolicyProps>): ResourceValidation {
  return validateResourceOfType(ApprovalPolicy, (_, args, report) =>
    validate(args.props as ApprovalPolicyProps, args, report),
  );
}

/** The stack's VxcConnections. */
export function vxcConnectionsIn(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((resource) => resource.type === VXC_CONNECTION_TYPE);
}

/** The stack's NotificationSubscriptions. */
export function notificationSubscriptionsIn(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((resource) => resource.type === NOTIFICATION_SUBSCRIPTION_TYPE);
}
