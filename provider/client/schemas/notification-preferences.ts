// Email notification preferences: GET/PUT /v2/notificationPreferences (docs/megaport-api.md §5.7, §11; the old
// Java client's dto/notifications). `?employeeId=` to read or set another user's preferences is OUR
// EXTENSION (docs/contracts.md), served by the simulator; the real API only knows the caller's own.
// Must never: send a message group Megaport does not know.

import { z } from "zod";
import { openEnum } from "./scalars";

/**
 * The six groups a user can subscribe to (the Portal's notification settings, in its order); the others are
 * not offered to users.
 */
export const SUBSCRIBABLE_MESSAGE_GROUPS = [
  "SECURITY",
  "ORDERING",
  "FINANCIAL",
  "PEOPLE",
  "COMPANY",
  "SERVICES",
] as const;
export type SubscribableMessageGroup = (typeof SUBSCRIBABLE_MESSAGE_GROUPS)[number];

/** Message groups (Java enum MessageGroup): the six, between SYSTEM and API, XERO. People and Security mail is always sent in the Portal. */
export const MESSAGE_GROUPS = ["SYSTEM", ...SUBSCRIBABLE_MESSAGE_GROUPS, "API", "XERO"] as const;
export type MessageGroup = (typeof MESSAGE_GROUPS)[number];

/** Destinations; only EMAIL is supported. */
export const MESSAGE_DESTINATIONS = ["EMAIL"] as const;

export const MessageGroupPreferenceSchema = z.looseObject({
  /** One of MESSAGE_GROUPS. */
  messageGroup: openEnum(MESSAGE_GROUPS),
  /** Whether the user gets this group's emails. */
  subscribed: z.boolean(),
  /** Per-message details (strings in the Java DTO). */
  details: z.array(z.unknown()).nullish(),
});
export type MessageGroupPreference = z.output<typeof MessageGroupPreferenceSchema>;

/** data of GET/PUT /v2/notificationPreferences. */
export const NotificationPreferencesSchema = z.looseObject({
  destinations: z.looseObject({
    EMAIL: z.array(MessageGroupPreferenceSchema).nullish(),
  }),
});
export type NotificationPreferences = z.output<typeof NotificationPreferencesSchema>;

/** Body of PUT /v2/notificationPreferences. */
export const NotificationPreferencesBodySchema = z.strictObject({
  destinations: z.strictObject({
    EMAIL: z.array(
      z.strictObject({
        messageGroup: z.enum(MESSAGE_GROUPS, { error: `must be one of ${MESSAGE_GROUPS.join(", ")}` }),
        subscribed: z.boolean(),
        details: z.array(z.string()).optional(),
      }),
    ),
  }),
});
export type NotificationPreferencesBody = z.input<typeof NotificationPreferencesBodySchema>;
