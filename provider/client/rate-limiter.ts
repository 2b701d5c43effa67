// The client-side rate limiter: a sliding window that keeps this process under Megaport's limit of 500
// requests per rolling 5 minutes per source IP (megaport-api.md §4.3). One instance is shared by every
// client in the process (and by every copy of this module, through a Symbol.for global), because the
// limit is per IP, not per client. Must never: drop a request (over the limit it queues, first in first
// out) or hold the process open when nothing is queued.

import { ValidationError } from "./errors";
import { throwIfAborted } from "./abort";

export interface RateLimiter {
  /**
   * Resolves when one more request may be sent; rejects with AbortedError if `signal` fires first.
   * `during` names the waiting call in that error.
   */
  acquire(signal?: AbortSignal, during?: string): Promise<void>;
}

export interface SlidingWindowOptions {
  /** Requests allowed in any window. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Megaport's documented limit. */
export const MEGAPORT_RATE_LIMIT = { limit: 500, windowMs: 5 * 60_000 } as const;

// Below Megaport's 500 so the watcher, the approver and a person's CLI on the same IP still fit.
export const DEFAULT_RATE_LIMIT = { limit: 450, windowMs: 5 * 60_000 } as const;

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class SlidingWindowRateLimiter implements RateLimiter {
  private limit = 0;
  private windowMs = 0;
  private now: () => number = Date.now;
  /** Times (ms) at which requests were admitted, oldest first. */
  private readonly admitted: number[] = [];
  private readonly waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: SlidingWindowOptions) {
    this.configure(options);
  }

  /** Changes the limit or window (tests shrink the shared limiter, then restore DEFAULT_RATE_LIMIT). */
  configure(options: Partial<SlidingWindowOptions>): void {
    const limit = options.limit ?? this.limit;
    const windowMs = options.windowMs ?? this.windowMs;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new ValidationError({
        fieldPath: "rateLimiter.limit",
        reason: `${limit} is not a positive integer`,
        fix: "use 1 or more",
      });
    }
    if (!(windowMs > 0)) {
      throw new ValidationError({
        fieldPath: "rateLimiter.windowMs",
        reason: `${windowMs} is not positive`,
        fix: "use a window in ms above 0",
      });
    }
    this.limit = limit;
    this.windowMs = windowMs;
    if (options.now) this.now = options.now;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.drain();
  }

  /** Forgets past requests and fails nothing (tests start each case with an empty window). */
  reset(): void {
    this.admitted.length = 0;
    this.drain();
  }

  /** Requests admitted in the current window. */
  get used(): number {
    this.prune(this.now());
    return this.admitted.length;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  acquire(signal?: AbortSignal, during = "waiting for the client rate limiter"): Promise<void> {
    throwIfAborted(signal, during);
    if (this.waiting.length === 0 && this.tryAdmit()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          try {
            throwIfAborted(signal, during);
          } catch (err) {
            reject(err);
          }
          if (this.waiting.length === 0 && this.timer) {
            clearTimeout(this.timer);
            this.timer = undefined;
          }
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.waiting.push(waiter);
      this.schedule();
    });
  }

  private prune(now: number): void {
    while (this.admitted.length > 0 && this.admitted[0]! <= now - this.windowMs) this.admitted.shift();
  }

  private tryAdmit(): boolean {
    const now = this.now();
    this.prune(now);
    if (this.admitted.length >= this.limit) return false;
    this.admitted.push(now);
    return true;
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.tryAdmit()) {
      const waiter = this.waiting.shift()!;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.waiting.length === 0 || this.admitted.length === 0) return;
    const delay = Math.max(0, this.admitted[0]! + this.windowMs - this.now()) + 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, delay);
  }
}

const SHARED = Symbol.for("megaport-mx.rateLimiter.shared");

/** The process-wide limiter every client uses unless given its own. */
export function sharedRateLimiter(): SlidingWindowRateLimiter {
  const holder = globalThis as { [SHARED]?: SlidingWindowRateLimiter };
  return (holder[SHARED] ??= new SlidingWindowRateLimiter(DEFAULT_RATE_LIMIT));
}
