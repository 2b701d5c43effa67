/**
 * The injectable clock: simulated time is wall time plus an offset that tests (and POST /_sim/clock/advance)
 * can move forward, so 60 days pass in a millisecond. Time never goes backwards.
 */

export interface Clock {
  /** Simulated epoch ms: what dates in the API and the lifecycle use. */
  now(): number;
  /** Real epoch ms: what token expiry and the rate-limit window use (clients measure those on their own clock). */
  wallNow(): number;
  /** Move simulated time forward by `ms` (must be >= 0). */
  advance(ms: number): void;
  /** Current simulated-minus-wall offset, persisted in the state file. */
  offsetMs(): number;
}

export interface SimulatedClockOptions {
  /** Source of wall time; tests inject a fake one. */
  wall?: () => number;
  offsetMs?: number;
}

export class SimulatedClock implements Clock {
  private readonly wall: () => number;
  private offset: number;

  constructor(options: SimulatedClockOptions = {}) {
    this.wall = options.wall ?? Date.now;
    this.offset = options.offsetMs ?? 0;
  }

  now(): number {
    return this.wall() + this.offset;
  }

  wallNow(): number {
    return this.wall();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.offset += ms;
  }

  offsetMs(): number {
    return this.offset;
  }

  /** Restore a persisted offset; only ever moves forward. */
  restoreOffset(offsetMs: number): void {
    if (offsetMs > this.offset) this.offset = offsetMs;
  }
}
