// Company users: GET /v2/employment, GET/PUT /v2/employee/{employeeId} (docs/megaport-api.md §5.6, §12;
// megaportgo user_management_types.go). Must never: let a role name through that Megaport does not know
// (an update with a misspelt position would fail on the server with a vaguer message).

import { z } from "zod";
import { openEnum } from "./scalars";

/** Role names ("position") in Megaport's words. API keys carry only Company Admin or Read Only. */
export const USER_POSITIONS = [
  "Company Admin",
  "Technical Admin",
  "Technical Contact",
  "Finance",
  "Financial Contact",
  "Read Only",
] as const;
export type UserPosition = (typeof USER_POSITIONS)[number];

/** Roles that may subscribe to notification emails (Marketplace guide: "Who Can Receive the Notifications?"). */
export const SUBSCRIBER_POSITIONS = [
  "Company Admin",
  "Technical Admin",
  "Technical Contact",
] as const satisfies readonly UserPosition[];

const UserEmailSchema = z.looseObject({
  emailAddressId: z.number().nullish(),
  email: z.string().nullish(),
  primary: z.boolean().nullish(),
  badEmail: z.boolean().nullish(),
});

/**
 * A user. GET /v2/employee/{id} has `partyId`; list items have `personId`. They are one id, the one
 * /v2/employee/{id} takes (megaportgo user_management_test.go: POST answers employeeId 9012, GET
 * /v2/employee/9012 answers partyId 9012, activity shows personId 9012).
 */
export const UserSchema = z.looseObject({
  /** The user's id, used in /v2/employee/{employeeId}. */
  partyId: z.number().nullish(),
  /** The same id as `partyId`, as GET /v2/employment lists it. */
  personId: z.number().nullish(),
  uid: z.string().nullish(),
  personUid: z.string().nullish(),
  employmentId: z.number().nullish(),
  companyId: z.number().nullish(),
  companyName: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  name: z.string().nullish(),
  salutation: z.string().nullish(),
  /** One of USER_POSITIONS. */
  position: openEnum(USER_POSITIONS).nullish(),
  positionId: z.number().nullish(),
  email: z.string().nullish(),
  emails: z.array(UserEmailSchema).nullish(),
  phone: z.string().nullish(),
  mobile: z.string().nullish(),
  username: z.string().nullish(),
  /** false once deactivated. */
  active: z.boolean().nullish(),
  /** camelCase role ids, e.g. "companyAdmin". */
  securityRoles: z.array(z.string()).nullish(),
  featureFlags: z.array(z.string()).nullish(),
  requireTotp: z.boolean().nullish(),
  mfaEnabled: z.boolean().nullish(),
  confirmationPending: z.boolean().nullish(),
  /** Invited but never logged in: may be deleted, and refuses updates. */
  invitationPending: z.boolean().nullish(),
  /** Receives email notifications at all. */
  notificationEnabled: z.boolean().nullish(),
  receivesChildNotifications: z.boolean().nullish(),
  newsletter: z.boolean().nullish(),
  promotions: z.boolean().nullish(),
  channelManager: z.boolean().nullish(),
  employmentType: z.string().nullish(),
  salesforceId: z.string().nullish(),
});
export type User = z.output<typeof UserSchema>;

export const UserListSchema = z.array(UserSchema);

/** Body of PUT /v2/employee/{employeeId}; `active: false` deactivates. */
export const UserUpdateSchema = z
  .strictObject({
    firstName: z.string().min(1).optional(),
    lastName: z.string().min(1).optional(),
    phone: z.string().optional(),
    email: z.email({ error: "must be an email address" }).optional(),
    /** One of USER_POSITIONS. */
    position: z.enum(USER_POSITIONS, { error: `must be one of ${USER_POSITIONS.join(", ")}` }).optional(),
    securityRoles: z.array(z.string()).optional(),
    active: z.boolean().optional(),
    notificationEnabled: z.boolean().optional(),
    newsletter: z.boolean().optional(),
    promotions: z.boolean().optional(),
    channelManager: z.boolean().optional(),
    companyId: z.number().int().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { error: "must change at least one field" });
export type UserUpdate = z.input<typeof UserUpdateSchema>;
