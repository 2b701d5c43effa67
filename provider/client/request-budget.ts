// The one request budget of a process: Megaport allows 500 requests per rolling 5 minutes per source IP
// (docs/megaport-api.md §4.3), and every call (orders, lookups, the watcher's polls, the approver) draws on it.
// - Never over: at most `limit` requests admitted in any `windowMs` (450 per 5 minutes by default, leaving room for a
//   person's CLI on the same IP).
// - Spread, not burst: a token bucket of `burst` tokens refilled at limit/window, so a burst of work cannot spend the
//   whole window in its first seconds and leave the next five minutes dark.
// - With priorities: a waiting poll goes before a waiting order, and an order before a lookup; the last `reserve`
//   requests of the window (and a few tokens of the bucket) are kept for polls, so a waiting VXC is always looked at.
// One instance per process, shared by every copy of this module through a Symbol.for global. Must never: drop a
// request (over the limit it queues), let a lower priority pass a higher one, or hold the process open when idle.

import { ValidationError } from "./errors";
import { throwIfAborted } from "./abort";

/** What a request is for, most urgent first. */
export const REQUEST_PRIORITIES = ["poll", "order", "lookup"] as const;
export type RequestPriority = (typeof REQUEST_PRIORITIES)[number];

/** What the transport waits on before each request. */
export interface RateLimiter {
  /**
   * Resolves when one more request of this priority may be sent; rejects with AbortedError if `signal` fires first.
   * `during` names the waiting call in that error.
   */
  acquire(signal?: AbortSignal, during?: string, priority?: RequestPriority): Promise<void>;
}

export interface BudgetOptions {
  /** Requests allowed in any window. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
  /**
   * Requests that may go at once before pacing sets in. Default: two thirds of the limit, so a destroy of a hundred
   * VXCs (a tag read and a cancel each) is not paced, while the rest of the window stays for what comes after.
   */
  burst?: number;
  /** Requests of the window only polls may use. Default: a tenth of the limit (at least 1). */
  reserve?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Megaport's documented limit. */
export const MEGAPORT_RATE_LIMIT = { limit: 500, windowMs: 5 * 60_000 } as const;

// Below Megaport's 500 so the approver and a person's CLI on the same IP still fit.
export const DEFAULT_RATE_LIMIT = { limit: 450, windowMs: 5 * 60_000 } as const;

interface Waiter {
  rank: number;
  seq: number;
  resolve: () => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class RequestBudget implements RateLimiter {
  private limit = 0;
  private windowMs = 0;
  private burst = 0;
  private reserve = 0;
  private now: () => number = Date.now;
  /** Times (ms) at which requests were admitted, oldest first. */
  private readonly admitted: number[] = [];
  private tokens = 0;
  private refilledAt = 0;
  private readonly waiting: Waiter[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly counts: Record<RequestPriority, number> = { poll: 0, order: 0, lookup: 0 };

  /** A budget that never makes anyone wait: for tests' own clients, and for comparisons with clients that have none. */
  static unlimited(): RequestBudget {
    return new RequestBudget({ limit: 1e9, windowMs: 1000, burst: 1e9, reserve: 0 });
  }

  constructor(options: BudgetOptions) {
    this.configure(options);
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Changes the limit, window, burst or reserve (tests shrink the shared budget, then restore the default). */
  configure(options: Partial<BudgetOptions>): void {
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
    this.burst = Math.max(1, Math.min(limit, options.burst ?? Math.ceil((limit * 2) / 3)));
    this.reserve = Math.max(0, Math.min(limit - 1, options.reserve ?? Math.max(1, Math.floor(limit / 10))));
    if (options.now) this.now = options.now;
    this.tokens = Math.min(this.tokens, this.burst);
    this.reschedule();
  }

  /** Forgets past requests and refills the bucket (tests start each case with a full budget). */
  reset(): void {
    this.admitted.length = 0;
    this.tokens = this.burst;
    this.refilledAt = this.now();
    this.reschedule();
  }

  /** Requests admitted in the current window. */
  get used(): number {
    this.prune(this.now());
    return this.admitted.length;
  }

  /** Requests that could still go in the current window (polls may use the reserve too). */
  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  /** Requests waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Requests admitted so far, by priority. */
  admittedByPriority(): Record<RequestPriority, number> {
    return { ...this.counts };
  }

  /**
   * How often polls may come so that, at that pace, they alone would use no more than half of what is left of the
   * window: the watcher slows down on its own before the budget runs out.
   */
  pollIntervalFloorMs(): number {
    const left = this.remaining;
    if (left <= 1) return this.windowMs;
    return Math.ceil(this.windowMs / (left / 2));
  }

  acquire(
    signal?: AbortSignal,
    during = "waiting for the request budget",
    priority: RequestPriority = "lookup",
  ): Promise<void> {
    throwIfAborted(signal, during);
    const rank = REQUEST_PRIORITIES.indexOf(priority);
    if (!this.waiting.some((w) => w.rank <= rank) && this.tryAdmit(rank)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { rank, seq: this.seq++, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          try {
            throwIfAborted(signal, during);
          } catch (err) {
            reject(err);
          }
          this.reschedule();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      // Highest priority first, first come first served within one.
      const at = this.waiting.findIndex((w) => w.rank > rank);
      if (at < 0) this.waiting.push(waiter);
      else this.waiting.splice(at, 0, waiter);
      this.reschedule();
    });
  }

  /** Tokens only a poll may take: a few, so a poll is never paced behind a burst of other work. */
  private tokenReserve(rank: number): number {
    return rank === 0 ? 0 : Math.min(this.reserve, 5, this.burst - 1);
  }

  private prune(now: number): void {
    while (this.admitted.length > 0 && this.admitted[0]! <= now - this.windowMs) this.admitted.shift();
  }

  private refill(now: number): void {
    const rate = this.limit / this.windowMs;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * rate);
    this.refilledAt = now;
  }

  /** Whether a request of this rank may go now; admits it if so. */
  private tryAdmit(rank: number): boolean {
    const now = this.now();
    this.prune(now);
    this.refill(now);
    const keep = rank === 0 ? 0 : this.reserve;
    if (this.limit - this.admitted.length <= keep) return false;
    if (this.tokens < 1 + this.tokenReserve(rank)) return false;
    this.tokens -= 1;
    this.admitted.push(now);
    this.counts[REQUEST_PRIORITIES[rank]!] += 1;
    return true;
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.tryAdmit(this.waiting[0]!.rank)) {
      const waiter = this.waiting.shift()!;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve();
    }
  }

  /** Serves whoever can go now, then sleeps until the first waiter can (a token refills or a slot leaves). */
  private reschedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.drain();
    const first = this.waiting[0];
    if (!first) return;
    const now = this.now();
    const keep = first.rank === 0 ? 0 : this.reserve;
    const tokensNeeded = 1 + this.tokenReserve(first.rank) - this.tokens;
    const tokenWait = tokensNeeded > 0 ? tokensNeeded / (this.limit / this.windowMs) : 0;
    const slotsOver = this.admitted.length - (this.limit - keep - 1);
    const slotWait = slotsOver > 0 ? this.admitted[slotsOver - 1]! + this.windowMs - now : 0;
    const delay = Math.max(1, Math.ceil(Math.max(tokenWait, slotWait)) + 1);
    // Held while someone waits: a script whose only work is a queued request must not exit under it.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reschedule();
    }, delay);
  }
}

const SHARED = Symbol.for("megaport-mx.requestBudget.shared");

/** The process-wide budget every client uses unless given its own. */
export function sharedRequestBudget(): RequestBudget {
  const holder = globalThis as { [SHARED]?: RequestBudget };
  return (holder[SHARED] ??= new RequestBudget(DEFAULT_RATE_LIMIT));
}
