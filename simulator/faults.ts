/**
 * Fault injection (EXTENSION): make the simulator misbehave the ways the real API and networks do, so the
 * client's retries and error handling are exercised. Rules come from config or PUT /_sim/faults; each fires
 * with a probability (`rate`, default 1) and/or for a number of matching requests (`count`), or deterministically
 * on the `nth` matching request or on `every` Nth one (a rate cannot be trusted to fire when a run makes a handful
 * of requests), optionally only for paths starting with `path` (or matching it as a regex when it starts with "^")
 * and one method, and optionally only inside a time window measured from when the rules were set.
 *
 * Kinds: `status` (answer 429 with Retry-After, or 500/502/503/504, without doing the work), `latency` (wait
 * `latencyMs` first), `drop` (destroy the socket without answering), `token-expiry` (the caller's token is
 * expired on the spot, so the request gets 401). With `after: true` a `status` or `drop` rule fires after the
 * request was handled and its change saved: the answer is lost, not the work ("the lost answer").
 *
 * Time windows follow the wall clock, as the rate limit does (a client measures Retry-After on its own clock).
 */
// EXTENSION: fault injection exists only in the simulator.
import { z } from "zod";
import type { RateLimitConfig } from "./rate-limit";

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const ms = () => z.number().int().min(0);

export const FaultRuleSchema = z
  .object({
    kind: z.enum(["status", "latency", "drop", "token-expiry"]),
    status: z
      .union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)])
      .optional(),
    /** Retry-After of a 429; default: the seconds left in the rule's window, else 1. */
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    rate: z.number().min(0).max(1).optional(),
    count: z.number().int().min(0).optional(),
    /** Fire on the nth matching request only (1 = the first), e.g. the first buy. */
    nth: z.number().int().min(1).optional(),
    /** Fire on every Nth matching request (3 = the third, sixth, …). */
    every: z.number().int().min(1).optional(),
    path: z
      .string()
      .refine((p) => !p.startsWith("^") || isRegex(p), "must be a path prefix or a valid regular expression")
      .optional(),
    method: z.string().optional(),
    /** `status` and `drop` only: handle the request and save its change first, then lose the answer. */
    after: z.boolean().optional(),
    /** Fire only during the first `burstMs` of every `periodMs` (both from when the rules were set). */
    periodMs: z.number().int().min(1).optional(),
    burstMs: ms().optional(),
    /** Fire only from `fromMs` until `untilMs` after the rules were set. */
    fromMs: ms().optional(),
    untilMs: ms().optional(),
  })
  .refine((r) => !r.after || r.kind === "status" || r.kind === "drop", {
    message: "after is only for status and drop rules",
    path: ["after"],
  })
  .refine((r) => [r.nth, r.every, r.rate].filter((v) => v !== undefined).length <= 1, {
    message: "nth, every and rate are different ways to choose requests: give one",
    path: ["nth"],
  })
  .refine((r) => (r.periodMs === undefined) === (r.burstMs === undefined), {
    message: "periodMs and burstMs go together",
    path: ["burstMs"],
  })
  .refine((r) => r.periodMs === undefined || (r.burstMs ?? 0) <= r.periodMs, {
    message: "burstMs must not be longer than periodMs",
    path: ["burstMs"],
  })
  .refine((r) => r.untilMs === undefined || r.untilMs > (r.fromMs ?? 0), {
    message: "untilMs must be after fromMs",
    path: ["untilMs"],
  });
export type FaultRule = z.output<typeof FaultRuleSchema>;

export const RateLimitSchema = z.union([
  z.literal(false),
  z.object({ maxRequests: z.number().int().min(1), windowMs: z.number().int().min(1) }),
]);

/** Body of PUT /_sim/faults and the `faults` option. Fields left out keep their current setting. */
export const FaultConfigSchema = z.object({
  rules: z.array(FaultRuleSchema).optional(),
  rateLimit: RateLimitSchema.optional(),
  /** Expire every token issued so far, now. */
  expireTokensNow: z.boolean().optional(),
  /** Expire every issued token once per period (from when it was set), e.g. 30000; false turns it off. */
  revokeTokensEveryMs: z.union([z.literal(false), z.number().int().min(1)]).optional(),
});
export type FaultConfig = z.input<typeof FaultConfigSchema>;

/** A status answer a rule chose, with the Retry-After it carries (429 only). */
export interface FiredStatus {
  status: NonNullable<FaultRule["status"]>;
  retryAfterSeconds: number | null;
}

export interface FiredFaults {
  latencyMs: number;
  /** Destroy the socket instead of handling the request. */
  drop: boolean;
  /** Answer this instead of handling the request. */
  status: FiredStatus | null;
  expireToken: boolean;
  /** Handle and save the request, then destroy the socket instead of answering. */
  dropAfter: boolean;
  /** Handle and save the request, then answer this instead. */
  statusAfter: FiredStatus | null;
}

interface InstalledRule {
  rule: FaultRule;
  /** Wall-clock ms the rule was set: the origin of its time window. */
  since: number;
  /** Requests that matched its method, path and window so far (what nth and every count). */
  matched: number;
}

export class Faults {
  private rules: InstalledRule[] = [];
  private revocation: { everyMs: number; since: number; lastPeriod: number } | null = null;

  constructor(
    rules: FaultRule[] = [],
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {
    this.replace(rules);
  }

  replace(rules: FaultRule[]): void {
    const since = this.now();
    this.rules = rules.map((rule) => ({ rule: { ...rule }, since, matched: 0 }));
  }

  list(): FaultRule[] {
    return this.rules.map(({ rule }) => ({ ...rule }));
  }

  /** Start (or, with false, stop) expiring every token once per `everyMs`. */
  revokeTokensEvery(everyMs: number | false): void {
    this.revocation = everyMs === false ? null : { everyMs, since: this.now(), lastPeriod: 0 };
  }

  revokeTokensEveryMs(): number | false {
    return this.revocation?.everyMs ?? false;
  }

  /**
   * True once per period boundary passed since the last call: the caller then expires every token issued so
   * far. Called before every request and on every tick, so a token issued after a boundary is never caught
   * by it.
   */
  tokenRevocationDue(): boolean {
    const r = this.revocation;
    if (!r) return false;
    const period = Math.floor((this.now() - r.since) / r.everyMs);
    if (period <= r.lastPeriod) return false;
    r.lastPeriod = period;
    return true;
  }

  /** Decide which rules fire for this request, using up counts. */
  fire(method: string, path: string): FiredFaults {
    const fired: FiredFaults = {
      latencyMs: 0,
      drop: false,
      status: null,
      expireToken: false,
      dropAfter: false,
      statusAfter: null,
    };
    const now = this.now();
    for (const installed of this.rules) {
      const { rule } = installed;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (
        rule.path &&
        !(rule.path.startsWith("^") ? new RegExp(rule.path).test(path) : path.startsWith(rule.path))
      ) {
        continue;
      }
      const windowLeftMs = msLeftInWindow(rule, now - installed.since);
      if (windowLeftMs === null) continue;
      if (rule.count !== undefined && rule.count <= 0) continue;
      installed.matched += 1;
      if (rule.nth !== undefined && installed.matched !== rule.nth) continue;
      if (rule.every !== undefined && installed.matched % rule.every !== 0) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (rule.count !== undefined) rule.count--;
      if (rule.kind === "latency") fired.latencyMs += rule.latencyMs ?? 1000;
      else if (rule.kind === "token-expiry") fired.expireToken = true;
      else if (rule.kind === "drop") {
        if (rule.after) fired.dropAfter = true;
        else fired.drop = true;
      } else {
        const status = firedStatus(rule, windowLeftMs);
        if (rule.after) fired.statusAfter ??= status;
        else fired.status ??= status;
      }
    }
    this.rules = this.rules.filter(
      ({ rule, matched }) =>
        (rule.count === undefined || rule.count > 0) && (rule.nth === undefined || matched < rule.nth),
    );
    return fired;
  }
}

/**
 * How long the rule's time window stays open at `elapsedMs` after it was set (Infinity without a window), or
 * null when it is closed now.
 */
function msLeftInWindow(rule: FaultRule, elapsedMs: number): number | null {
  let left = Infinity;
  if (rule.fromMs !== undefined && elapsedMs < rule.fromMs) return null;
  if (rule.untilMs !== undefined) {
    if (elapsedMs >= rule.untilMs) return null;
    left = rule.untilMs - elapsedMs;
  }
  if (rule.periodMs !== undefined && rule.burstMs !== undefined) {
    const phase = elapsedMs % rule.periodMs;
    if (phase >= rule.burstMs) return null;
    left = Math.min(left, rule.burstMs - phase);
  }
  return left;
}

function firedStatus(rule: FaultRule, windowLeftMs: number): FiredStatus {
  const status = rule.status ?? 500;
  if (status !== 429) return { status, retryAfterSeconds: null };
  const retryAfterSeconds =
    rule.retryAfterSeconds ??
    (Number.isFinite(windowLeftMs) ? Math.max(1, Math.ceil(windowLeftMs / 1000)) : 1);
  return { status, retryAfterSeconds };
}

export type { RateLimitConfig };
