/**
 * Company users (GET /v2/employment, GET/PUT /v2/employee/{id}) and their email notification preferences
 * (GET/PUT /v2/notificationPreferences). A company sees and changes only its own users. Changing a user or
 * another user's preferences takes a Company Admin; only roles that may subscribe can be subscribed.
 */
import { forbidden, notFound, refused } from "../domain-error";
import type { Store } from "../store";
import {
  SUBSCRIBABLE_MESSAGE_GROUPS,
  type SubscribableMessageGroup,
} from "../../provider/client/schemas/notification-preferences";
import { USER_POSITIONS, type UserPosition } from "../../provider/client/schemas/users";
import type { UserRecord } from "../state";
import { assertCompanyAdmin, assertMayChange, SUBSCRIBER_POSITIONS, type Caller } from "./caller";

export function companyUsers(store: Store, caller: Caller): UserRecord[] {
  return store.state.users.filter((u) => u.companyUid === caller.companyUid);
}

export function companyUser(store: Store, caller: Caller, employeeId: number): UserRecord {
  const user = store.user(employeeId);
  if (!user || user.companyUid !== caller.companyUid) throw notFound(`Employee ${employeeId} not found`);
  return user;
}

export interface UserUpdateInput {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  position?: string;
  active?: boolean;
  notificationEnabled?: boolean;
  newsletter?: boolean;
  promotions?: boolean;
}

export function updateUser(
  store: Store,
  caller: Caller,
  employeeId: number,
  input: UserUpdateInput,
): UserRecord {
  const user = companyUser(store, caller, employeeId);
  if (caller.employeeId !== employeeId || input.position !== undefined || input.active !== undefined) {
    assertCompanyAdmin(caller, "change another user, a position or whether a user is active");
  } else {
    assertMayChange(caller);
  }
  if (input.position !== undefined && !(USER_POSITIONS as readonly string[]).includes(input.position)) {
    throw refused(`Invalid position "${input.position}": one of ${USER_POSITIONS.join(", ")}`);
  }
  if (input.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(input.email)) {
    throw refused(`Invalid email "${input.email}"`);
  }
  if (input.email !== undefined && store.state.users.some((u) => u.email === input.email && u !== user)) {
    throw refused(`Email ${input.email} is already in use`);
  }
  for (const key of [
    "firstName",
    "lastName",
    "email",
    "phone",
    "active",
    "notificationEnabled",
    "newsletter",
    "promotions",
  ] as const) {
    if (input[key] !== undefined) (user as unknown as Record<string, unknown>)[key] = input[key];
  }
  if (input.position !== undefined) {
    user.position = input.position as UserPosition;
    if (!SUBSCRIBER_POSITIONS.includes(user.position)) user.subscriptions = [];
  }
  store.markChanged();
  return user;
}

/** Whose preferences a call is about: the caller's own, or (extension, Company Admin only) another user's. */
export function preferencesSubject(store: Store, caller: Caller, employeeId: number | undefined): UserRecord {
  if (employeeId === undefined || employeeId === caller.employeeId) {
    const self = store.user(caller.employeeId);
    if (!self) throw notFound(`Employee ${caller.employeeId} not found`);
    return self;
  }
  // EXTENSION: ?employeeId= reads or sets another user's preferences; the real API only has the caller's own.
  if (caller.role !== "Company Admin") {
    throw forbidden(
      "Permission denied: only a Company Admin can read or change another user's notification preferences",
    );
  }
  return companyUser(store, caller, employeeId);
}

export function setSubscriptions(
  store: Store,
  caller: Caller,
  user: UserRecord,
  changes: ReadonlyArray<{ messageGroup: SubscribableMessageGroup; subscribed: boolean }>,
): UserRecord {
  assertMayChange(caller);
  const next = new Set(user.subscriptions);
  for (const change of changes) {
    if (change.subscribed) next.add(change.messageGroup);
    else next.delete(change.messageGroup);
  }
  // EXTENSION: (rule) the guide says only these roles can subscribe; the real API's answer is not recorded.
  if (next.size > 0 && !SUBSCRIBER_POSITIONS.includes(user.position)) {
    throw refused(
      `A ${user.position} user cannot subscribe to notifications; only ${SUBSCRIBER_POSITIONS.join(", ")} users can`,
    );
  }
  user.subscriptions = SUBSCRIBABLE_MESSAGE_GROUPS.filter((g) => next.has(g));
  store.markChanged();
  return user;
}
