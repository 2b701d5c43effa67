// NotificationSubscription: which of the six email groups of the Marketplace guide (Security, Ordering, Financial,
// People, Company, Services) one user of the company receives. check → diff → create → read → update → delete;
// helpers at the bottom.
//
// The preferences endpoint is GET/PUT /v2/notificationPreferences (docs/megaport-api.md §5.7, §11; known from the old
// Java client). Setting ANOTHER user's preferences (`?employeeId=`) is our simulator's EXTENSION: the real API
// only has the calling user's own, so against the real API this works only for the API key's own user.
// Only Company Admin, Technical Admin and Technical Contact users may subscribe (Marketplace guide, "Who Can
// Receive the Notifications?"). The resource owns the six groups for its user: one resource per user.
// Never logs credentials.
import type * as pulumi from "@pulumi/pulumi";
import { isNotFound, MegaportError, ValidationError } from "../../client/errors";
import type { MegaportClient } from "../../client/megaport-client";
import type { NotificationPreferences } from "../../client/schemas/notification-preferences";
import { escapeHidden } from "../../client/schemas/scalars";
import { SUBSCRIBER_POSITIONS, type User } from "../../client/schemas/users";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { checkFailure, checkInputs } from "../check-inputs";
import { diffInputs, toDiffResult } from "../diff-inputs";
import type { KindImplementation } from "../kind-implementation";
import {
  NOTIFICATION_GROUPS,
  NotificationSubscriptionInputsSchema,
  SUBSCRIPTION_INPUTS,
  type NotificationGroup,
  type NotificationSubscriptionInputs,
  type NotificationSubscriptionOutputs,
} from "./notification-subscription-schema";
import type { HiddenInputs } from "../hidden-inputs";
import { ImportRefusedError } from "../resource-errors";
import { inputsFromOutputs, plain } from "../plain-state";
import { clientIfConfigured, getClient, previewRead } from "../../config/provider-config";

type Inputs = NotificationSubscriptionInputs & Partial<HiddenInputs> & { __provider?: string };
type Outputs = NotificationSubscriptionOutputs & Partial<HiddenInputs> & { __provider?: string };

export const notificationSubscription = {
  /**
   * The inputs' shape, then, with credentials at hand, what one read-only listing of the company's users tells at
   * preview: that the user belongs to the company and has a role that may subscribe. Otherwise `up` would fail
   * only when it reached this resource, after the rest of the program was created.
   */
  async check(_olds: Inputs, news: Inputs) {
    const result = checkInputs(NotificationSubscriptionInputsSchema, news as Record<string, unknown>);
    const user = (result.inputs as Inputs | undefined)?.user;
    // Unknown at preview when it comes from another resource's output: create checks it then.
    if (user === undefined || user === unknownValue) return result;
    const client = clientIfConfigured();
    if (!client) return result;
    let users: readonly User[];
    try {
      users = await client.listUsers(previewRead());
    } catch (err) {
      console.log(
        `NotificationSubscription: could not list the company's users to check "${String(user)}" at preview ` +
          `(${err instanceof Error ? err.message : String(err)}); create checks it`,
      );
      return result;
    }
    try {
      subscriberAmong(users, user);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return { failures: [checkFailure("user", `user: ${err.reason}. Fix: ${err.fix}`, news)] };
    }
    return result;
  },

  async diff(id: string, olds: Outputs, news: Inputs) {
    return toDiffResult(diffInputs(SUBSCRIPTION_INPUTS, olds, news, id));
  },

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const { outs, before } = await subscribe(getClient(), inputs, undefined);
    return { id: String(outs.employeeId), outs: { ...outs, groupsBefore: before } };
  },

  async read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    const client = getClient();
    const employeeId = Number(id);
    let user: User;
    let prefs: NotificationPreferences;
    try {
      user = await client.getUser(employeeId);
      prefs = await client.getNotificationPreferences({ employeeId });
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    const subscribedGroups = subscribedAmongSix(prefs);
    // Refresh shows groups changed in the portal as drift in `groups`.
    const current: Outputs = {
      ...props,
      ...userFacts(user, employeeId),
      groups: subscribedGroups,
      subscribedGroups,
    };
    return {
      id,
      props: plain(current),
      inputs: inputsFromOutputs(NotificationSubscriptionInputsSchema, current),
    };
  },

  /**
   * `pulumi import` by the user's email, employeeId or personUid (as `user` takes them): the user's subscription as
   * it is, named by email in the generated code. The id the stack keeps is the employeeId, as a create's.
   */
  async import(id: string): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    const client = getClient();
    let user: User;
    try {
      user = subscriberAmong(await client.listUsers(), id);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      throw new ImportRefusedError({
        what: "NotificationSubscription",
        id,
        reason: err.reason,
        fix: err.fix,
      });
    }
    const facts = userFacts(user, undefined);
    const read = await notificationSubscription.read(String(facts.employeeId), {
      user: facts.email ?? facts.employeeId,
      groupsBefore: null,
    } as Outputs);
    return {
      ...read,
      inputs: { user: facts.email ?? facts.employeeId, groups: read.props?.groups ?? [] } as Outputs,
    };
  },

  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const { outs } = await subscribe(getClient(), news, Number(id));
    return { outs: { ...outs, groupsBefore: olds.groupsBefore ?? null } };
  },

  /**
   * Gives the user back the groups they had before this resource first set them (groupsBefore); the groups
   * outside the six were never touched. State from before groupsBefore was recorded has null: then the groups
   * this resource declared are turned off, as earlier releases did.
   */

  async delete(id: string, props: Outputs) {
    const client = getClient();
    const employeeId = Number(id);
    let prefs: NotificationPreferences;
    try {
      prefs = await client.getNotificationPreferences({ employeeId });
    } catch (err) {
      if (isNotFound(err)) return; // the user is gone, and their subscriptions with them
      throw err;
    }
    const before = props.groupsBefore;
    const ours = new Set<string>(props.groups ?? []);
    const body = preferencesBody(prefs, (group, subscribed) =>
      before ? before.includes(group) : subscribed && !ours.has(group),
    );
    if (!body.changed) return;
    try {
      await client.setNotificationPreferences(body.prefs, { employeeId });
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    console.log(
      before
        ? `NotificationSubscription ${props.email ?? id}: back to the groups before: ${before.join(", ") || "none"}`
        : `NotificationSubscription ${props.email ?? id}: unsubscribed from ${[...ours].join(", ")}`,
    );
  },
} satisfies KindImplementation;

/**
 * Find the user, check their role may subscribe, and set exactly `inputs.groups` among the six. On update,
 * `expectedEmployeeId` must be the user found (diff replaces on a different user, so anything else is a bug
 * or a user whose email moved to another person).
 */
async function subscribe(client: MegaportClient, inputs: Inputs, expectedEmployeeId: number | undefined) {
  const user = subscriberAmong(await client.listUsers(), inputs.user);
  const facts = userFacts(user, employeeIdOf(user));
  if (!facts.employeeId) {
    throw new MegaportError(
      `Megaport listed ${describeUser(user)} without an employee id, so their preferences cannot be set; ` +
        "report this with the user's email",
    );
  }
  if (expectedEmployeeId !== undefined && facts.employeeId !== expectedEmployeeId) {
    throw new ValidationError({
      fieldPath: "user",
      reason: `"${inputs.user}" is now employee ${facts.employeeId}, not ${expectedEmployeeId} as when subscribed`,
      fix: "name the user by employeeId, or replace the resource (pulumi up --replace <urn>)",
    });
  }
  const employeeId = facts.employeeId;
  const wanted = new Set<string>(inputs.groups);
  const current = await client.getNotificationPreferences({ employeeId });
  const body = preferencesBody(current, (group) => wanted.has(group));
  const saved = body.changed ? await client.setNotificationPreferences(body.prefs, { employeeId }) : current;
  const subscribedGroups = subscribedAmongSix(saved);
  console.log(
    `NotificationSubscription ${describeUser(user)}: ${subscribedGroups.length ? subscribedGroups.join(", ") : "no groups"}`,
  );
  return {
    outs: plain({ ...inputs, ...facts, subscribedGroups } as Outputs),
    before: subscribedAmongSix(current),
  };
}

/**
 * The user `wanted` names among the company's users, when their role may subscribe; otherwise a ValidationError
 * naming the user, their role and the roles that may. Check (at preview) and create both ask this.
 */
function subscriberAmong(users: readonly User[], wanted: string | number): User {
  const user = findUser(users, wanted);
  const position = user.position ?? null;
  if (!(SUBSCRIBER_POSITIONS as readonly string[]).includes(position ?? "")) {
    throw new ValidationError({
      fieldPath: "user",
      reason:
        `${describeUser(user)} ${position ? `has the ${position} role` : "has no role"}, and only ` +
        `${listOr(SUBSCRIBER_POSITIONS)} users can subscribe to notifications`,
      fix: "choose a user in one of those roles, or change this user's role in the Portal (Company > Users)",
    });
  }
  return user;
}

/** By employeeId (number or digits), email (any case) or personUid (any case). */
function findUser(users: readonly User[], wanted: string | number): User {
  const key = String(wanted).trim().toLowerCase();
  const user = users.find((u) => identifiersOf(u).includes(key));
  if (!user) {
    throw new ValidationError({
      fieldPath: "user",
      reason: `no user "${wanted}" in this company (a user of another company cannot be subscribed by this one)`,
      fix: "give the email, employeeId or personUid of one of the company's users (Portal: Company > Users)",
    });
  }
  return user;
}

function identifiersOf(user: User): string[] {
  const emails = [user.email, ...(user.emails ?? []).map((e) => e.email)];
  return [employeeIdOf(user), user.personUid, user.uid, ...emails]
    .filter((v): v is string | number => v !== null && v !== undefined && v !== "")
    .map((v) => String(v).toLowerCase());
}

/**
 * The id /v2/employee/{id} and ?employeeId= take. The simulator sends it as `employeeId` (as POST /v2/employment
 * answers); the client's user schema documents `partyId` as that id (megaportgo), so that is the fallback.
 */
export function employeeIdOf(user: User): number | undefined {
  if (typeof user.employeeId === "number") return user.employeeId;
  return user.partyId ?? undefined;
}

function userFacts(user: User, fallbackEmployeeId: number | undefined) {
  return {
    employeeId: employeeIdOf(user) ?? fallbackEmployeeId ?? 0,
    personUid: user.personUid ?? user.uid ?? null,
    email: user.email ?? null,
    position: user.position ?? null,
  };
}

/** A user as messages name them; the names come from the Portal, so their hidden characters show escaped. */
function describeUser(user: User): string {
  const name = user.name ?? [user.firstName, user.lastName].filter(Boolean).join(" ");
  return escapeHidden(`${name || "user"} (${user.email ?? `employee ${employeeIdOf(user)}`})`);
}

export function subscribedAmongSix(prefs: NotificationPreferences): NotificationGroup[] {
  const on = new Set(
    (prefs.destinations.EMAIL ?? []).filter((p) => p.subscribed).map((p) => String(p.messageGroup)),
  );
  return NOTIFICATION_GROUPS.filter((g) => on.has(g));
}

/**
 * The PUT body: every group the API listed, the six set by `subscribe(group, current)`, the others as they are
 * (the Java client's PUT replaces the whole list, so nothing may be left out). Groups of the six that the API
 * did not list are added when they must be on.
 */
function preferencesBody(
  prefs: NotificationPreferences,
  subscribe: (group: NotificationGroup, current: boolean) => boolean,
) {
  const entries = prefs.destinations.EMAIL ?? [];
  let changed = false;
  const listed = new Set<string>();
  const email = entries.map((entry) => {
    const group = String(entry.messageGroup);
    listed.add(group);
    const subscribed = (NOTIFICATION_GROUPS as readonly string[]).includes(group)
      ? subscribe(group as NotificationGroup, entry.subscribed)
      : entry.subscribed;
    if (subscribed !== entry.subscribed) changed = true;
    return { messageGroup: group, subscribed, details: (entry.details ?? []).map(String) };
  });
  for (const group of NOTIFICATION_GROUPS) {
    if (!listed.has(group) && subscribe(group, false)) {
      email.push({ messageGroup: group, subscribed: true, details: [] });
      changed = true;
    }
  }
  return {
    changed,
    prefs: { destinations: { EMAIL: email } } as Parameters<MegaportClient["setNotificationPreferences"]>[0],
  };
}

/** "A, B or C". */
function listOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
