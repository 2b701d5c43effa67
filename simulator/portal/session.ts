/**
 * Portal log-in sessions: a random id in an HttpOnly, SameSite=Strict cookie, kept in the state so a restart
 * does not log anyone out. Passwords are compared in constant time and never logged.
 */
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { sameSecret } from "../domain/tokens";
import type { Store } from "../store";
import type { UserRecord } from "../state";

export const SESSION_COOKIE = "mx_portal_session";
const SESSION_MS = 12 * 60 * 60 * 1000;

function cookies(headers: IncomingHttpHeaders): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) map.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return map;
}

export function sessionUser(store: Store, headers: IncomingHttpHeaders): UserRecord | undefined {
  const id = cookies(headers).get(SESSION_COOKIE);
  if (!id) return undefined;
  const session = store.state.portalSessions.find((s) => s.sessionId === id);
  if (!session || session.expiresAt <= store.clock.wallNow()) return undefined;
  const user = store.user(session.employeeId);
  return user?.active ? user : undefined;
}

/** Start a session for the user with this email and password; returns the Set-Cookie value. */
export function logIn(store: Store, email: string, password: string): string | undefined {
  const user = store.state.users.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
  if (!user || !user.active || !sameSecret(user.password, password)) return undefined;
  const now = store.clock.wallNow();
  const sessionId = randomBytes(24).toString("base64url");
  store.state.portalSessions = store.state.portalSessions.filter((s) => s.expiresAt > now);
  store.state.portalSessions.push({ sessionId, employeeId: user.employeeId, expiresAt: now + SESSION_MS });
  store.markChanged();
  return `${SESSION_COOKIE}=${sessionId}; Path=/portal; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}`;
}

export function logOut(store: Store, headers: IncomingHttpHeaders): string {
  const id = cookies(headers).get(SESSION_COOKIE);
  if (id) {
    store.state.portalSessions = store.state.portalSessions.filter((s) => s.sessionId !== id);
    store.markChanged();
  }
  return `${SESSION_COOKIE}=; Path=/portal; HttpOnly; SameSite=Strict; Max-Age=0`;
}
