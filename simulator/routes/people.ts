/**
 * Users (GET /v2/employment, GET/PUT /v2/employee/{id}) and notification preferences
 * (GET/PUT /v2/notificationPreferences, with the `?employeeId=` EXTENSION for Company Admins).
 */
import { z } from "zod";
import { envelope } from "../envelope";
import { badRequest } from "../errors";
import {
  companyUser,
  companyUsers,
  preferencesSubject,
  setSubscriptions,
  updateUser,
} from "../domain/people";
import { parseBody, type Route } from "../router";
import {
  MESSAGE_GROUPS,
  SUBSCRIBABLE_MESSAGE_GROUPS,
  type SubscribableMessageGroup,
} from "../../provider/client/schemas/notification-preferences";
import { preferencesView, userView } from "../views/account-view";
import { optional } from "./body-schemas";

const UserUpdateBody = z.object({
  firstName: optional(z.string().min(1).max(100)),
  lastName: optional(z.string().min(1).max(100)),
  email: optional(z.string()),
  phone: optional(z.string().max(30)),
  position: optional(z.string()),
  active: optional(z.boolean()),
  notificationEnabled: optional(z.boolean()),
  newsletter: optional(z.boolean()),
  promotions: optional(z.boolean()),
});

const PreferencesBody = z.object({
  destinations: z.object({
    EMAIL: z.array(
      z.object({
        // Every group the API knows is accepted; those users cannot subscribe to (SYSTEM, API, XERO) have
        // no emails here and are left out.
        messageGroup: z.enum(MESSAGE_GROUPS),
        subscribed: z.boolean(),
        details: optional(z.array(z.unknown())),
      }),
    ),
  }),
});

function employeeIdParam(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw badRequest(`Invalid employeeId ${raw}`);
  return id;
}

export const peopleRoutes: Route[] = [
  {
    method: "GET",
    path: "/v2/employment",
    auth: true,
    handler: ({ store, caller }) => {
      const users = companyUsers(store, caller);
      return {
        body: envelope(
          `Found ${users.length} employments`,
          users.map((u) => userView(store, u)),
        ),
      };
    },
  },
  {
    method: "GET",
    path: "/v2/employee/:id",
    auth: true,
    handler: ({ store, caller, params }) => {
      const user = companyUser(store, caller, employeeIdParam(params.id) ?? 0);
      return { body: envelope(`Found employee ${user.employeeId}`, userView(store, user)) };
    },
  },
  {
    method: "PUT",
    path: "/v2/employee/:id",
    auth: true,
    change: true,
    handler: ({ store, caller, params, body }) => {
      const user = updateUser(
        store,
        caller,
        employeeIdParam(params.id) ?? 0,
        parseBody(UserUpdateBody, body),
      );
      return { body: envelope(`Employee ${user.employeeId} updated`, userView(store, user)) };
    },
  },
  {
    method: "GET",
    path: "/v2/notificationPreferences",
    auth: true,
    handler: ({ store, caller, query }) => {
      const user = preferencesSubject(store, caller, employeeIdParam(query.get("employeeId")));
      return { body: envelope("Notification preferences", preferencesView(user)) };
    },
  },
  {
    method: "PUT",
    path: "/v2/notificationPreferences",
    auth: true,
    change: true,
    handler: ({ store, caller, query, body }) => {
      const input = parseBody(PreferencesBody, body);
      const user = preferencesSubject(store, caller, employeeIdParam(query.get("employeeId")));
      const known = input.destinations.EMAIL.filter(
        (g): g is typeof g & { messageGroup: SubscribableMessageGroup } =>
          (SUBSCRIBABLE_MESSAGE_GROUPS as readonly string[]).includes(g.messageGroup),
      );
      setSubscriptions(store, caller, user, known);
      return { body: envelope("Notification preferences updated", preferencesView(user)) };
    },
  },
];
