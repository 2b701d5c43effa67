/**
 * Fault injection (EXTENSION): make the simulator misbehave the ways the real API and networks do, so the
 * client's retries and error handling are exercised. Rules come from config or PUT /_sim/faults; each fires
 * with a probability (`rate`, default 1) and/or for a number of matching requests (`count`), optionally only
 * for paths starting with `path` (or matching it as a regex when it starts with "^") and one method.
 *
 * Kinds: `status` (answer 429 with Retry-After, or 500/502/503/504, without doing the work), `latency` (wait
 * `latencyMs` first), `drop` (destroy the socket without answering), `token-expiry` (the caller's token is
 * expired on the spot, so the request gets 401).
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

export const FaultRuleSchema = z.object({
  kind: z.enum(["status", "latency", "drop", "token-expiry"]),
  status: z
    .union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)])
    .optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  rate: z.number().min(0).max(1).optional(),
  count: z.number().int().min(0).optional(),
  path: z
    .string()
    .refine((p) => !p.startsWith("^") || isRegex(p), "must be a path prefix or a valid regular expression")
    .optional(),
  method: z.string().optional(),
});
export type FaultRule = z.output<typeof FaultRuleSchema>;

export const RateLimitSchema = z.union([
  z.literal(false),
  z.object({ maxRequests: z.number().int().min(1), windowMs: z.number().int().min(1) }),
]);

/** Body of PUT /_sim/faults and the `faults` option. */
export const FaultConfigSchema = z.object({
  rules: z.array(FaultRuleSchema).optional(),
  rateLimit: RateLimitSchema.optional(),
  /** Expire every token issued so far, now. */
  expireTokensNow: z.boolean().optional(),
});
export type FaultConfig = z.input<typeof FaultConfigSchema>;

export interface FiredFaults {
  latencyMs: number;
  drop: boolean;
  status: FaultRule | null;
  expireToken: boolean;
}

export class Faults {
  private rules: FaultRule[] = [];

  constructor(
    rules: FaultRule[] = [],
    private readonly random: () => number = Math.random,
  ) {
    this.replace(rules);
  }

  replace(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Decide which rules fire for this request, using up counts. */
  fire(method: string, path: string): FiredFaults {
    const fired: FiredFaults = { latencyMs: 0, drop: false, status: null, expireToken: false };
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (
        rule.path &&
        !(rule.path.startsWith("^") ? new RegExp(rule.path).test(path) : path.startsWith(rule.path))
      ) {
        continue;
      }
      if (rule.count !== undefined && rule.count <= 0) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (rule.count !== undefined) rule.count--;
      if (rule.kind === "latency") fired.latencyMs += rule.latencyMs ?? 1000;
      else if (rule.kind === "drop") fired.drop = true;
      else if (rule.kind === "token-expiry") fired.expireToken = true;
      else if (!fired.status) fired.status = rule;
    }
    this.rules = this.rules.filter((r) => r.count === undefined || r.count > 0);
    return fired;
  }
}

export type { RateLimitConfig };
