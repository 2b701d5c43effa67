/**
 * Megaport's documented limit: 500 requests per rolling 5-minute window per source IP (docs troubleshooting/api).
 * A sliding window of request times per IP; only admitted requests count, so a client that backs off recovers.
 * The window and count are configurable so tests can hit the limit quickly.
 */

export interface RateLimitConfig {
  maxRequests: number;
  windowMs: number;
}

export const MEGAPORT_RATE_LIMIT: RateLimitConfig = { maxRequests: 500, windowMs: 5 * 60 * 1000 };

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    public config: RateLimitConfig | false,
    private readonly now: () => number,
  ) {}

  /** Admit a request from `client`, or say how many seconds until one would be admitted. */
  admit(client: string): { admitted: true } | { admitted: false; retryAfterSeconds: number } {
    if (this.config === false) return { admitted: true };
    const now = this.now();
    const since = now - this.config.windowMs;
    const times = (this.hits.get(client) ?? []).filter((t) => t > since);
    if (times.length >= this.config.maxRequests) {
      this.hits.set(client, times);
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0] - since) / 1000)) };
    }
    times.push(now);
    this.hits.set(client, times);
    return { admitted: true };
  }

  reset(): void {
    this.hits.clear();
  }
}
