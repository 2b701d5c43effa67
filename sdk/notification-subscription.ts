// NotificationSubscription: which of the six Marketplace email groups (Security, Ordering, Financial, People,
// Company, Services) one user of your company receives. Only Company Admin, Technical Admin and Technical Contact
// users may subscribe. Setting another user's preferences is the simulator's EXTENSION: the real API only sets
// the API key's own user's. Type token pulumi-nodejs:dynamic/megaport:NotificationSubscription.
import * as pulumi from "@pulumi/pulumi";
import type {
  NotificationGroup,
  NotificationSubscriptionArgsShape,
} from "../provider/resources/notification-subscription";
import { hiddenProps, outputPlaceholders } from "./hidden-props";
import type { Inputify } from "./input-types";
import { providerShim } from "./provider-shim";

export type NotificationSubscriptionArgs = Inputify<NotificationSubscriptionArgsShape>;

const notificationSubscriptionProvider = providerShim(
  "megaport-mx/dist/provider/resources/notification-subscription",
);

const OUTPUTS = ["employeeId", "personUid", "email", "position", "subscribedGroups"] as const;

export class NotificationSubscription extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/megaport:NotificationSubscription";

  /** True when `obj` is a NotificationSubscription (also across copies of this package). */
  static override isInstance(obj: unknown): obj is NotificationSubscription {
    return (
      (obj as { __pulumiType?: string } | undefined)?.__pulumiType === NotificationSubscription.__pulumiType
    );
  }

  /** The user as you named them (email, employeeId or personUid). A different user replaces the resource. */
  declare readonly user: pulumi.Output<string | number>;
  /** The groups you asked for, in the API's spelling (SECURITY, ORDERING, …). Changes update in place. */
  declare readonly groups: pulumi.Output<NotificationGroup[]>;
  /** The user's employee id (the resource id is its decimal string). */
  declare readonly employeeId: pulumi.Output<number>;
  /** The user's person UID. */
  declare readonly personUid: pulumi.Output<string | null>;
  /** The user's email address. */
  declare readonly email: pulumi.Output<string | null>;
  /** The user's role, e.g. "Technical Contact". */
  declare readonly position: pulumi.Output<string | null>;
  /** The groups among the six that Megaport reports the user subscribed to. */
  declare readonly subscribedGroups: pulumi.Output<NotificationGroup[]>;

  constructor(name: string, args: NotificationSubscriptionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      notificationSubscriptionProvider,
      name,
      { ...args, ...hiddenProps(name, opts), ...outputPlaceholders(OUTPUTS) },
      opts,
      "megaport",
      "NotificationSubscription",
    );
  }
}
