// NotificationSubscription: which of the six Marketplace email groups (Security, Ordering, Financial, People,
// Company, Services) one user of your company receives. Only Company Admin, Technical Admin and Technical Contact
// users may subscribe. Setting another user's preferences is the simulator's EXTENSION: the real API only sets
// the API key's own user's.
import type * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../provider/kinds/kinds";
import type {
  NotificationSubscriptionArgsShape,
  NotificationSubscriptionOutputs,
} from "../provider/kinds/notification-subscription/notification-subscription-schema";
import type { Inputify, OutputsOf } from "./input-types";
import { MegaportResource } from "./megaport-resource";

export type NotificationSubscriptionArgs = Inputify<NotificationSubscriptionArgsShape>;

// Every output (user, groups as checked, employeeId, subscribedGroups, …), typed and documented once, on the
// schemas.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface NotificationSubscription extends OutputsOf<NotificationSubscriptionOutputs> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class NotificationSubscription extends MegaportResource {
  static readonly __pulumiType = typeToken("NotificationSubscription");

  /** True when `obj` is a NotificationSubscription (also across copies of this package). */
  static override isInstance(obj: unknown): obj is NotificationSubscription {
    return (
      (obj as { __pulumiType?: string } | undefined)?.__pulumiType === NotificationSubscription.__pulumiType
    );
  }

  constructor(name: string, args: NotificationSubscriptionArgs, opts?: pulumi.CustomResourceOptions) {
    super("NotificationSubscription", name, args, opts);
  }
}
