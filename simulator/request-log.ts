/**
 * EXTENSION: a count of the requests the simulator answered, for the reliability suite and the benchmark
 * (GET /_sim/requests). API requests are counted by route template ("GET /v2/product/{uid}") and by status;
 * token requests are counted apart, because Megaport's request limit does not count the token host; admin
 * and portal requests are not counted at all. A request that got no answer (a dropped socket) counts under
 * the status "dropped". The most recent entries are kept in a fixed-size ring, so recording stays O(1) and
 * memory stays bounded however long the simulator runs. Must never: keep query strings or bodies (they may
 * hold service keys or credentials).
 */

export type RecordedStatus = number | "dropped";

export interface RequestEntry {
  /** Wall-clock epoch ms the request arrived. */
  at: number;
  method: string;
  /** The route template, e.g. "/v2/product/{uid}", or the path as sent when no route matched. */
  route: string;
  status: RecordedStatus;
  durationMs: number;
  /** What fault, if any, shaped the answer. */
  fault: string | null;
}

interface Counts {
  total: number;
  byStatus: Map<string, number>;
}

function newCounts(): Counts {
  return { total: 0, byStatus: new Map() };
}

function count(counts: Counts, status: RecordedStatus): void {
  counts.total++;
  const key = String(status);
  counts.byStatus.set(key, (counts.byStatus.get(key) ?? 0) + 1);
}

const plain = (counts: Counts) => ({ total: counts.total, byStatus: Object.fromEntries(counts.byStatus) });

export const DEFAULT_RECENT_CAPACITY = 1000;

export class RequestLog {
  private api = newCounts();
  private token = newCounts();
  private byRoute = new Map<string, Counts>();
  private recent: RequestEntry[] = [];
  private next = 0;
  private since: number;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly capacity = DEFAULT_RECENT_CAPACITY,
  ) {
    this.since = now();
  }

  record(entry: RequestEntry, kind: "api" | "token"): void {
    if (kind === "token") count(this.token, entry.status);
    else {
      count(this.api, entry.status);
      const key = `${entry.method} ${entry.route}`;
      let counts = this.byRoute.get(key);
      if (!counts) this.byRoute.set(key, (counts = newCounts()));
      count(counts, entry.status);
    }
    if (this.capacity === 0) return;
    if (this.recent.length < this.capacity) this.recent.push(entry);
    else this.recent[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The counts, and the last `recent` entries (oldest first). */
  snapshot(recent = 0) {
    return {
      since: this.since,
      total: this.api.total,
      byStatus: plain(this.api).byStatus,
      byRoute: Object.fromEntries([...this.byRoute].map(([route, counts]) => [route, plain(counts)])),
      token: plain(this.token),
      recent: this.lastEntries(recent),
    };
  }

  reset(): void {
    this.api = newCounts();
    this.token = newCounts();
    this.byRoute = new Map();
    this.recent = [];
    this.next = 0;
    this.since = this.now();
  }

  private lastEntries(n: number): RequestEntry[] {
    const ordered =
      this.recent.length < this.capacity
        ? this.recent
        : [...this.recent.slice(this.next), ...this.recent.slice(0, this.next)];
    return n <= 0 ? [] : ordered.slice(-n);
  }
}

/** "/v2/product/:uid" → "/v2/product/{uid}": the way Megaport's docs write path parameters. */
export function routeTemplate(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, "{$1}");
}
