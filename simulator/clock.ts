/**
 * The injectable clock: simulated time is wall time plus an offset that tests (and POST /_sim/clock/advance)
 * can move forward, so 60 days pass in a millisecond. Time never goes backwards. Waiting (a latency fault) goes
 * through the clock too, so a test that injects wall time also decides how a wait passes.
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
  /** Resolve once `ms` of wall time have passed (how an injected latency holds an answer back). */
  wait(ms: number): Promise<void>;
}

export interface SimulatedClockOptions {
  /** Source of wall time; tests inject a fake one. */
  wall?: () => number;
  /** How `ms` of wall time pass; a test with a fake `wall` moves it forward here. Default: a timer. */
  wait?: (ms: number) => Promise<void>;
  offsetMs?: number;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SimulatedClock implements Clock {
  private readonly wall: () => number;
  private readonly waitFor: (ms: number) => Promise<void>;
  private offset: number;

  constructor(options: SimulatedClockOptions = {}) {
    this.wall = options.wall ?? Date.now;
    this.waitFor = options.wait ?? timer;
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

  wait(ms: number): Promise<void> {
    return this.waitFor(ms);
  }

  /** Restore a persisted offset; only ever moves forward. */
  restoreOffset(offsetMs: number): void {
    if (offsetMs > this.offset) this.offset = offsetMs;
  }
}
