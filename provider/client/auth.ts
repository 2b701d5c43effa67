// OAuth2 client credentials against Megaport's token endpoint (docs/megaport-api.md §2.1): how the token
// request looks (Basic auth, grant_type in the query string with an empty body, as megaportgo sends it),
// how long a token is trusted, and one shared in-flight request for all concurrent callers. Must never:
// log or put in an error the secret key, the Basic header value or a token; let one caller's abort cancel
// the token request other callers are waiting on.

import { raceWithAbort } from "./abort";

export const GRANT_TYPE = "client_credentials";

/** `Authorization` value for the token endpoint: Basic base64(accessKey:secretKey). */
export function basicAuthorization(accessKey: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${accessKey}:${secretKey}`, "utf8").toString("base64")}`;
}

/** The token URL with grant_type=client_credentials in its query string (megaportgo client.go Authorize). */
export function tokenRequestUrl(tokenUrl: string): URL {
  const url = new URL(tokenUrl);
  url.searchParams.set("grant_type", GRANT_TYPE);
  return url;
}

// Renew a little before expiry so a token never dies mid-request: 10 % of its lifetime, at most a minute
// (API keys are configured for 5 minutes to 24 hours, docs/megaport-api.md §2.1).
const MAX_REFRESH_MARGIN_MS = 60_000;

/** When a token issued at `issuedAt` with `expires_in` seconds should be replaced. */
export function tokenRefreshAt(issuedAt: number, expiresInSeconds: number): number {
  const lifetimeMs = expiresInSeconds * 1000;
  return issuedAt + lifetimeMs - Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 10);
}

export interface IssuedToken {
  accessToken: string;
  /** `expires_in` from the token response, seconds. */
  expiresInSeconds: number;
}

interface CachedToken {
  value: string;
  refreshAt: number;
}

/** One token request shared by the callers waiting for it. */
interface SharedRequest {
  promise: Promise<CachedToken>;
  /** Stops the request once every caller waiting for it has given up. */
  controller: AbortController;
  waiting: number;
}

/**
 * Caches one bearer token until shortly before it expires; concurrent callers share one token request.
 * `fetchToken` does the HTTP exchange (the transport owns connections, retries and error mapping).
 */
export class TokenCache {
  private current: CachedToken | undefined;
  private inflight: SharedRequest | undefined;

  constructor(
    private readonly fetchToken: (signal: AbortSignal) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid bearer token, from the cache or from one shared token request. */
  async getToken(signal?: AbortSignal, during = "getting a Megaport access token"): Promise<string> {
    const cached = this.current;
    if (cached && this.now() < cached.refreshAt) return cached.value;
    if (!this.inflight) {
      const started = this.now();
      const controller = new AbortController();
      const promise = this.fetchToken(controller.signal).then((issued) => {
        const token = {
          value: issued.accessToken,
          refreshAt: tokenRefreshAt(started, issued.expiresInSeconds),
        };
        this.current = token;
        return token;
      });
      const shared: SharedRequest = { promise, controller, waiting: 0 };
      // Settled, it is no longer shared; abandoned (below), nobody is left to see its rejection.
      promise.then(
        () => this.forget(shared),
        () => this.forget(shared),
      );
      this.inflight = shared;
    }
    const shared = this.inflight;
    shared.waiting++;
    try {
      // Each caller may give up on its own; the shared request carries on for the others.
      return (await raceWithAbort(shared.promise, signal, during)).value;
    } finally {
      shared.waiting--;
      // The last caller gave up: the request would go on through its retries for nobody.
      if (shared.waiting === 0 && signal?.aborted && this.inflight === shared) {
        this.forget(shared);
        shared.controller.abort(signal.reason);
      }
    }
  }

  private forget(shared: SharedRequest): void {
    if (this.inflight === shared) this.inflight = undefined;
  }

  /**
   * Forgets `token` after the API refused it (401), so the next getToken fetches a new one. A token that
   * was already replaced (another caller saw the 401 first) is left alone, so one 401 storm costs one
   * token request.
   */
  invalidate(token: string): void {
    if (this.current?.value === token) this.current = undefined;
  }
}
