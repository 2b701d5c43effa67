/**
 * EXTENSION: the /_sim admin endpoints tests and demos use to drive the simulator. No token is needed; the
 * server only answers them on loopback. They never exist on the real API.
 *
 *   POST /_sim/clock/advance {ms}   move simulated time forward, then run what fell due
 *   POST /_sim/tick                 run due lifecycle transitions now
 *   GET  /_sim/outbox               every email sent (?companyUid=, ?to=, ?event= filter)
 *   GET  /_sim/faults, PUT /_sim/faults   read or replace fault rules, the rate limit, token revocation
 *   GET  /_sim/requests             request counts (?recent=n entries, ?reset=true); DELETE resets them
 *   GET  /_sim/vxcs                 every VXC of every company, with LIVE / DECOMMISSIONED wall times
 */
import { z } from "zod";
import { envelope } from "../envelope";
import { expireTokens } from "../domain/tokens";
import { FaultConfigSchema, type Faults } from "../faults";
import { runDueTransitions } from "../lifecycle";
import type { SlidingWindowLimiter } from "../rate-limit";
import { DEFAULT_RECENT_CAPACITY, type RequestLog } from "../request-log";
import { parseBody, type Route } from "../router";
import { badRequest } from "../errors";
import { adminVxcView } from "../views/admin-view";

export interface AdminDeps {
  faults: Faults;
  limiter: SlidingWindowLimiter;
  requests: RequestLog;
}

const AdvanceBody = z.object({ ms: z.number().int().min(0) });

// EXTENSION: /_sim/* never exists on the real API.
export function adminRoutes({ faults, limiter, requests }: AdminDeps): Route[] {
  const faultState = () => ({
    rules: faults.list(),
    rateLimit: limiter.config,
    revokeTokensEveryMs: faults.revokeTokensEveryMs(),
  });
  return [
    {
      method: "POST",
      path: "/_sim/clock/advance",
      auth: false,
      handler: ({ store, body }) => {
        const { ms } = parseBody(AdvanceBody, body);
        store.clock.advance(ms);
        store.markChanged();
        const transitions = runDueTransitions(store);
        return { body: envelope(`Clock advanced by ${ms} ms`, { now: store.now(), transitions }) };
      },
    },
    {
      method: "POST",
      path: "/_sim/tick",
      auth: false,
      handler: ({ store }) => {
        const transitions = runDueTransitions(store);
        return { body: envelope(`${transitions} transitions applied`, { now: store.now(), transitions }) };
      },
    },
    {
      method: "GET",
      path: "/_sim/outbox",
      auth: false,
      handler: ({ store, query }) => {
        const companyUid = query.get("companyUid");
        const to = query.get("to");
        const event = query.get("event");
        const emails = store.state.outbox.filter(
          (e) =>
            (companyUid === null || e.companyUid === companyUid) &&
            (to === null || e.to.toLowerCase() === to.toLowerCase()) &&
            (event === null || e.event === event),
        );
        return { body: envelope(`Found ${emails.length} emails`, emails) };
      },
    },
    {
      method: "GET",
      path: "/_sim/faults",
      auth: false,
      handler: () => ({ body: envelope("Faults", faultState()) }),
    },
    {
      method: "PUT",
      path: "/_sim/faults",
      auth: false,
      handler: ({ store, body }) => {
        const config = parseBody(FaultConfigSchema, body);
        if (config.rules !== undefined) faults.replace(config.rules);
        if (config.rateLimit !== undefined) {
          limiter.config = config.rateLimit;
          limiter.reset();
        }
        if (config.revokeTokensEveryMs !== undefined) faults.revokeTokensEvery(config.revokeTokensEveryMs);
        const expired = config.expireTokensNow ? expireTokens(store) : 0;
        return {
          body: envelope(`Faults updated${expired ? `; ${expired} tokens expired` : ""}`, faultState()),
        };
      },
    },
    {
      method: "GET",
      path: "/_sim/requests",
      auth: false,
      handler: ({ query }) => {
        const recent = recentParam(query.get("recent"));
        const snapshot = requests.snapshot(recent);
        if (/^true$/i.test(query.get("reset") ?? "")) requests.reset();
        return { body: envelope(`${snapshot.total} API requests`, snapshot) };
      },
    },
    {
      method: "DELETE",
      path: "/_sim/requests",
      auth: false,
      handler: () => {
        requests.reset();
        return { body: envelope("Request counts reset", requests.snapshot()) };
      },
    },
    {
      method: "GET",
      path: "/_sim/vxcs",
      auth: false,
      handler: ({ store }) => {
        const vxcs = store.state.vxcs.map(adminVxcView);
        return { body: envelope(`Found ${vxcs.length} VXCs`, vxcs) };
      },
    },
  ];
}

/** `?recent=`: how many of the latest request entries to include (0 when absent; `all` for every kept one). */
function recentParam(raw: string | null): number {
  if (raw === null) return 0;
  if (raw === "all") return DEFAULT_RECENT_CAPACITY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`Invalid recent "${raw}": a count, or "all"`);
  return n;
}
