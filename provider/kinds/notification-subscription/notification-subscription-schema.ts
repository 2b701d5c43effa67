// The NotificationSubscription's inputs and outputs: one zod schema each gives the check, the TypeScript types, the
// SDK's args and outputs, and the reference page.
import { z } from "zod";
import {
  SUBSCRIBABLE_MESSAGE_GROUPS,
  type SubscribableMessageGroup,
} from "../../client/schemas/notification-preferences";
import { truncate } from "../../client/errors";
import { freeText } from "../../client/schemas/scalars";
import { inputFields } from "../input-fields";

/** The six groups a user can choose, in the API's `messageGroup` spelling and the Portal's order. */
export const NOTIFICATION_GROUPS = SUBSCRIBABLE_MESSAGE_GROUPS;
export type NotificationGroup = SubscribableMessageGroup;

/** The groups as the Portal names them ("Security"); users may write any case. */
const GROUP_LIST = NOTIFICATION_GROUPS.map((g) => g[0] + g.slice(1).toLowerCase()).join(", ");
const toGroup = (name: string) => name.trim().toUpperCase() as NotificationGroup;
const isGroup = (name: string) => (NOTIFICATION_GROUPS as readonly string[]).includes(toGroup(name));
/** The longest user we take: an email address is at most 254 characters (RFC 5321), the ids are shorter. */
export const MAX_USER_LENGTH = 254;

export const NotificationSubscriptionInputsSchema = z.strictObject({
  /**
   * The user: their email address (any case), their employeeId (a number, or digits in a string), or their
   * personUid; at most 254 characters. The user must belong to the company and have a role that may subscribe
   * (Company Admin, Technical Admin, Technical Contact): `pulumi preview` checks both. A change to a different user
   * replaces the resource; naming the same user another way does not.
   */
  user: z.union(
    [
      freeText(z.string())
        .trim()
        .min(1, { error: "user must not be empty: give an email, employeeId or personUid" })
        .max(MAX_USER_LENGTH, {
          error: `user must be at most ${MAX_USER_LENGTH} characters: give an email, employeeId or personUid`,
        }),
      z
        .number()
        .int({ error: "user as an employeeId must be a positive whole number" })
        .positive({ error: "user as an employeeId must be a positive whole number" }),
    ],
    { error: "user must be the user's email, employeeId or personUid" },
  ),
  /**
   * The groups the user receives, by name in any case (at most six names): Security, Ordering, Financial, People,
   * Company, Services.
   * Stored in the API's spelling (SECURITY, …). The other groups of the six are turned off for this user;
   * groups outside the six are left alone. Updates in place.
   */
  groups: z
    .array(
      z
        .string({ error: `each group must be a name: ${GROUP_LIST}` })
        .refine(isGroup, {
          // Quoted as JSON and cut short: a hostile name must not bring line breaks or a megabyte into the message.
          error: (issue) =>
            `unknown group ${truncate(JSON.stringify(issue.input), 40)}: use one of ${GROUP_LIST}`,
        })
        .transform(toGroup),
      { error: `groups must be a list of group names: ${GROUP_LIST}` },
    )
    .min(1, {
      error: `groups must name at least one of ${GROUP_LIST}`,
    })
    .max(NOTIFICATION_GROUPS.length, {
      error: `groups must list at most ${NOTIFICATION_GROUPS.length} names, one per group: ${GROUP_LIST}`,
    })
    // One canonical order, so a reordered or re-cased list is no diff.
    .transform((groups) => NOTIFICATION_GROUPS.filter((g) => groups.includes(g))),
});

export type NotificationSubscriptionInputs = z.output<typeof NotificationSubscriptionInputsSchema>;
/** What users write (the SDK's args, before Pulumi's Input wrapping). */
export type NotificationSubscriptionArgsShape = z.input<typeof NotificationSubscriptionInputsSchema>;

/** What Megaport holds beside the inputs: the outputs the SDK declares, each documented here once. */
export const NotificationSubscriptionComputedSchema = z.object({
  /** The user's employee id (the resource id is its decimal string). */
  employeeId: z.number(),
  /** The user's person UID. */
  personUid: z.string().nullable(),
  /** The user's email address. */
  email: z.string().nullable(),
  /** The user's role, e.g. "Technical Contact". */
  position: z.string().nullable(),
  /** The groups among the six the API reports the user subscribed to, in the API's spelling. */
  subscribedGroups: z.array(z.enum(NOTIFICATION_GROUPS)),
  /**
   * The groups among the six the user received before this resource first set them: destroying the resource gives
   * them back (a user who had none is left with none). Null in state written before it was recorded; destroy then
   * turns off the groups the resource declared.
   */
  groupsBefore: z.array(z.enum(NOTIFICATION_GROUPS)).nullable(),
});
export type NotificationSubscriptionComputed = z.output<typeof NotificationSubscriptionComputedSchema>;

export type NotificationSubscriptionOutputs = NotificationSubscriptionInputs &
  NotificationSubscriptionComputed;

/** A different user is a different subscription; the same user named another way, and groups, update in place. */
export const SUBSCRIPTION_INPUTS = inputFields<
  typeof NotificationSubscriptionInputsSchema,
  Partial<NotificationSubscriptionOutputs>
>(NotificationSubscriptionInputsSchema, {
  user: {
    change: "replaces",
    identifies: false,
    if: {
      test: (olds, news) => !namesSameUser(olds, news.user),
      otherwise: "updates",
      description:
        "replaces the resource when it names another user; naming the same user another way (email instead of " +
        "employeeId) updates in place",
    },
  },
  groups: "updates",
});

/** True when `user` (as written now) names the person the state already holds. */
function namesSameUser(
  olds: Partial<NotificationSubscriptionOutputs>,
  user: string | number | undefined,
): boolean {
  if (user === undefined || olds.employeeId === undefined) return false;
  const key = String(user).trim().toLowerCase();
  return [olds.employeeId, olds.email, olds.personUid]
    .filter((v) => v !== null && v !== undefined)
    .some((v) => String(v).toLowerCase() === key);
}
