// Every API request of a measured run, in time order, from the simulator's counts (GET /_sim/requests, which is
// not itself counted): what went to which route with which status, and the most requests any 5 minutes of the
// run held (Megaport's limit is 500 per rolling 5 minutes per IP). The simulator keeps only its last 1000 entries,
// so the timeline is read four times a second and the new entries are the last (total − total at the previous
// read); a burst of more than 1000 between two reads leaves a gap, and the 5-minute figure is then unknown.
// Must never: make an API request.
import type { RequestCounts, SimulatorProcess } from "./simulator-process";

const TOKEN_ROUTE = "POST /oauth2/token";
/** The simulator's ring of recent entries (request-log.ts DEFAULT_RECENT_CAPACITY). */
const RING = 1000;

export interface RequestSummary {
  /** API requests (the token endpoint apart, as Megaport counts them). */
  total: number;
  byStatus: Record<string, number>;
  /** `"GET /v2/product/{uid}"` → requests, for seeing where they go. */
  byRoute: Record<string, number>;
  /** 429 answers among `total`. */
  tooMany: number;
  /** Token requests, not counted by Megaport's limit. */
  token: number;
  /** The most API requests that arrived within any 5-minute span; null when the timeline has a gap. */
  peak5MinWindow: number | null;
  /** Arrival times (epoch ms) of API requests, for charts; empty when the timeline has a gap. */
  arrivals: number[];
}

export class RequestTimeline {
  private arrivals: number[] = [];
  private seenApi = 0;
  private seenToken = 0;
  private gap = false;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();
  private latest = { total: 0, tooMany: 0 };
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly sim: SimulatorProcess) {}

  /**
   * Starts the counts afresh and reads the log every `everyMs`; `heartbeat`, if given, hears the counts so far
   * every minute.
   */
  async start(
    everyMs = 250,
    heartbeat?: (soFar: { total: number; tooMany: number; elapsedMs: number }) => void,
  ): Promise<void> {
    await this.sim.resetRequests();
    const started = Date.now();
    if (heartbeat) {
      this.heartbeat = setInterval(
        () => heartbeat({ ...this.latest, elapsedMs: Date.now() - started }),
        60_000,
      );
    }
    this.timer = setInterval(() => {
      this.reading = this.reading.then(() =>
        this.read().then(
          () => undefined,
          () => undefined,
        ),
      );
    }, everyMs);
  }

  /** Stops reading and sums up the run. */
  async stop(): Promise<RequestSummary> {
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    await this.reading;
    const last = await this.read();
    const byRoute: Record<string, number> = {};
    for (const [route, counts] of Object.entries(last.byRoute)) byRoute[route] = counts.total;
    const arrivals = this.gap ? [] : [...this.arrivals].sort((a, b) => a - b);
    return {
      total: last.total,
      byStatus: last.byStatus,
      byRoute,
      tooMany: last.byStatus["429"] ?? 0,
      token: last.token.total,
      peak5MinWindow: this.gap ? null : peakWindow(arrivals, 5 * 60_000),
      arrivals,
    };
  }

  private async read(): Promise<RequestCounts> {
    const counts = await this.sim.requests(RING);
    const fresh = counts.total - this.seenApi + (counts.token.total - this.seenToken);
    if (fresh > counts.recent.length) this.gap = true;
    for (const entry of counts.recent.slice(Math.max(0, counts.recent.length - fresh))) {
      if (`${entry.method} ${entry.route}` !== TOKEN_ROUTE) this.arrivals.push(entry.at);
    }
    this.latest = { total: counts.total, tooMany: counts.byStatus["429"] ?? 0 };
    this.seenApi = counts.total;
    this.seenToken = counts.token.total;
    return counts;
  }
}

/** The most of the sorted `times` that fall within any span of `windowMs`. */
export function peakWindow(times: readonly number[], windowMs: number): number {
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
