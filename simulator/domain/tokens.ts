/**
 * OAuth2 client credentials: API keys trade their access/secret key pair for a bearer token whose lifetime is
 * set per key. Tokens expire on the wall clock (clients measure `expires_in` with their own clock), or early
 * when a fault expires them. Secrets are compared in constant time and never logged or echoed.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { unauthenticated } from "../domain-error";
import type { Store } from "../store";
import type { ApiKeyRecord } from "../state";
import type { Caller } from "./caller";

/** Compare two secrets (keys, passwords) in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface IssuedToken {
  accessToken: string;
  lifetimeSeconds: number;
}

/** A token for the key with this access key and secret, or null when there is no such key or the secret is wrong. */
export function issueToken(store: Store, accessKey: string, secretKey: string): IssuedToken | null {
  const key = store.state.apiKeys.find((k) => k.accessKey === accessKey);
  if (!key || !sameSecret(key.secretKey, secretKey)) return null;
  const now = store.clock.wallNow();
  // Drop expired tokens so the state file does not grow without bound.
  store.state.tokens = store.state.tokens.filter((t) => t.expiresAt > now);
  const accessToken = randomBytes(32).toString("base64url");
  store.state.tokens.push({ accessToken, accessKey, expiresAt: now + key.tokenLifetimeSeconds * 1000 });
  store.markChanged();
  return { accessToken, lifetimeSeconds: key.tokenLifetimeSeconds };
}

/** The caller behind an access token, or `unauthenticated`. */
export function authenticate(
  store: Store,
  accessToken: string,
): { caller: Caller; key: ApiKeyRecord; token: string } {
  const token = store.state.tokens.find((t) => t.accessToken === accessToken);
  if (!token || token.expiresAt <= store.clock.wallNow()) {
    throw unauthenticated(
      "The access token is invalid or has expired; request a new one from the token endpoint",
    );
  }
  const key = store.state.apiKeys.find((k) => k.accessKey === token.accessKey);
  const user = key ? store.user(key.employeeId) : undefined;
  if (!key || !user || !user.active) {
    throw unauthenticated("The API key behind this token was suspended because its user is no longer active");
  }
  return {
    caller: {
      companyUid: key.companyUid,
      role: key.role,
      employeeId: user.employeeId,
      personUid: user.personUid,
    },
    key,
    token: token.accessToken,
  };
}

/** Fault injection: make one token, or every token, expired as of now. */
export function expireTokens(store: Store, accessToken?: string): number {
  const now = store.clock.wallNow();
  let count = 0;
  for (const token of store.state.tokens) {
    if ((accessToken === undefined || token.accessToken === accessToken) && token.expiresAt > now) {
      token.expiresAt = now;
      count++;
    }
  }
  if (count > 0) store.markChanged();
  return count;
}
