// Retry policy (after the official CLI's internal/utils/retry.go, docs/megaport-api.md §4.3): which failures are
// retried, how long to wait (exponential backoff with jitter, or Retry-After), and how often. Must never:
// retry an order (POST /v4/networkdesign/buy) unless it provably did not reach Megaport: there is no
// idempotency key, so a retried order that had arrived would buy twice.

import { sleep as abortableSleep } from "./abort";

/**
 * How a request may be retried.
 * - "idempotent": GET, PUT and side-effect-free POSTs (validate). Retried on 429/500/502/503/504, on any
 *   network failure or timeout, and on a 2xx answer whose body is not JSON (cut off, a proxy's HTML page).
 * - "unsafe": an order or another POST with side effects. Retried only on 429 (Megaport refused it before
 *   acting) and on failures that happen before a request is sent (refused connection, DNS, connect timeout).
 */
export type RetrySafety = "idempotent" | "unsafe";

export interface RetryOptions {
  /** Retries after the first attempt. Default 6: about half a minute of backoff, enough to ride out a burst of
   * faults or a restart on the far side, while an order still never repeats (only 429 and never-sent retry it). */
  maxRetries?: number;
  /** First backoff delay in ms; doubles each retry up to maxBackoffMs. Default 1000. */
  baseDelayMs?: number;
  /** Cap for one backoff delay, in ms. Default 8000. */
  maxBackoffMs?: number;
  /** Cap for a Retry-After Megaport asks for, in ms. Default 30000. */
  maxDelayMs?: number;
  /** Random source in [0, 1) for jitter. Tests pass a constant. */
  random?: () => number;
  /** How to wait. Tests pass a recorder that does not really wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: Readonly<Omit<RetryPolicy, "random" | "sleep">> = {
  maxRetries: 6,
  baseDelayMs: 1000,
  maxBackoffMs: 8000,
  maxDelayMs: 30_000,
};

export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxRetries: Math.max(0, options.maxRetries ?? DEFAULT_RETRY.maxRetries),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
    maxBackoffMs: Math.max(0, options.maxBackoffMs ?? options.maxDelayMs ?? DEFAULT_RETRY.maxBackoffMs),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms, signal) => abortableSleep(ms, signal, "a retry backoff")),
  };
}

/**
 * Statuses that mean "try again later". A 500 is retried too, because a read or an idempotent write cannot do harm
 * twice, and Megaport's 500s are as often passing as not. 5xx may come after the backend acted, so never for unsafe
 * calls: those find out what happened instead (an order is looked up by its tag).
 */
export function isRetryableStatus(status: number, safety: RetrySafety): boolean {
  if (status === 429) return true;
  return safety === "idempotent" && (status === 500 || status === 502 || status === 503 || status === 504);
}

// Failures that happen before any byte of the request leaves: the server cannot have acted on it.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/** The system/undici code of a transport error, looking through AggregateError and `cause`. */
export function transportErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const inner = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.length > 0) {
      e = inner[0];
      continue;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True only when the request provably did not reach the server. */
export function provablyNotSent(err: unknown): boolean {
  const code = transportErrorCode(err);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

export function isRetryableTransportError(err: unknown, safety: RetrySafety): boolean {
  return safety === "idempotent" || provablyNotSent(err);
}

/** Backoff before retry number `retryIndex` (0-based): base·2^n capped, plus 10–25 % jitter as the CLI does. */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy): number {
  const capped = Math.min(policy.maxBackoffMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.round(capped * (1 + 0.1 + 0.15 * policy.random()));
}

/** The delay before the next attempt: Retry-After when Megaport sent it (capped), else backoff. */
export function retryDelayMs(
  retryIndex: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  return backoffDelayMs(retryIndex, policy);
}

/**
 * Parses Retry-After: delay-seconds or an HTTP date (RFC 9110 §10.2.3). We found no evidence Megaport
 * sends it (docs/megaport-api.md §2.3), but the CLI honours it and the simulator's fault injection does.
 */
export function parseRetryAfterMs(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === "") return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
