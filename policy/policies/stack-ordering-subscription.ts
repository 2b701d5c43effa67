// A stack that orders VXCs subscribes at least one person to the Ordering emails: approvals, denials and speed
// changes arrive there, and an order nobody hears about waits unanswered. Mandatory: it costs one resource.
import type { StackValidationPolicy } from "@pulumi/policy";
import type { NotificationGroup } from "../../provider/kinds/notification-subscription/notification-subscription-schema";
import {
  type NotificationSubscriptionProps,
  notificationSubscriptionsIn,
  vxcConnectionsIn,
} from "../resource-props";

/** The group, in the API's spelling that `check` stores. */
const ORDERING: NotificationGroup = "ORDERING";

export const stackOrderingSubscription: StackValidationPolicy = {
  name: "megaport-stack-ordering-subscription",
  description: "Checks that a stack that orders VXCs subscribes someone to Ordering emails.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Add a NotificationSubscription for a Company Admin, Technical Admin or Technical Contact with groups including "Ordering".',
  validateStack: (args, reportViolation) => {
    if (vxcConnectionsIn(args.resources).length === 0) {
      args.notApplicable("the stack orders no VXCs");
      return;
    }
    const subscribed = notificationSubscriptionsIn(args.resources).some((resource) =>
      ((resource.props as NotificationSubscriptionProps).groups ?? []).some(
        (group) => String(group).trim().toUpperCase() === ORDERING,
      ),
    );
    if (!subscribed) {
      reportViolation(
        'A stack that orders VXCs must subscribe at least one person to Ordering emails (a NotificationSubscription whose groups include "Ordering").',
      );
    }
  },
};
