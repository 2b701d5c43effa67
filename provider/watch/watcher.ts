/**
 * One watcher per provider process follows every VXC that some resource waits on (approval, LIVE, a speed
 * change) with ONE `GET /v2/products` per tick, instead of one poll per resource: a hundred waits cost about
 * the API calls of one, well under Megaport's 500 requests per 5 minutes. VXCs have no list endpoint of their
 * own; they come nested in products' `associatedVxcs` (docs/megaport-api.md §14.14), so that is where we look,
 * with a few `getProduct` lookups per tick for any VXC the listing does not show.
 *
 * Ticks start fast, back off while nothing watched changes, and stop when nothing is watched. It must never
 * leave a timer running once every watch has settled, never keep a process alive on its own (timers are
 * unref'd unless asked otherwise), never let one resource's callback break another's wait, and never read
 * the real clock when one is injected.
 */
import type { Vxc } from "../client/schemas/products";
import { WatchAbortedError, WatchFailedError, WatchTimeoutError } from "./watch-errors";
import { formatDuration } from "../client/format-duration";

export { formatDuration } from "../client/format-duration";

// ---------------------------------------------------------------------------------------------------------
// Shapes (narrow on purpose: the client's VXC type and the tests' fakes fit them)
// ---------------------------------------------------------------------------------------------------------

/** The VXC fields the watcher itself reads; `until` sees the whole object the API returned. */
export type WatchableVxc = Partial<
  Pick<Vxc, "productUid" | "productName" | "provisioningStatus" | "rateLimit" | "vxcApproval">
>;

/** A product as `GET /v2/products` lists it; only its nested VXCs matter here. */
export interface ProductWithVxcs<V> {
  associatedVxcs?: readonly V[] | null;
}

/** Where VXC snapshots come from: the MegaportClient itself fits. */
export interface WatchSource<V extends WatchableVxc> {
  /** One listing of all our products, with their VXCs nested. Called at most once per tick. */
  listProducts(): Promise<readonly ProductWithVxcs<V>[]>;
  /**
   * One product by UID, for a watched VXC the listing lacks. Typed loosely so the client's `getProduct`
   * (any product kind) fits: the answer is used only if it is an object whose `productUid` is the UID asked.
   */
  getProduct?(uid: string): Promise<unknown>;
}

/** The injected clock; tests pass a fake one so hours of waiting run in milliseconds. */
export interface WatchClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What `until` says about a snapshot. */
export type WatchVerdict = "done" | "fail" | "continue";

/** How soon a watched VXC is likely to change (see VxcWatcherOptions.pace). */
export type WatchPace = "imminent" | "working" | "waiting";

/** What a progress callback is told besides the elapsed time and the last snapshot. */
export interface WatchProgress {
  /** What is waited for, as given to `watch`. */
  waitingFor: string;
  /** A ready line for people: "waiting for VXC abc to be LIVE (3m12s)". */
  message: string;
  /** Whether the VXC has been seen at all yet. */
  found: boolean;
  /** API calls that failed since this watch began; they are retried on the next tick. */
  transientErrors: number;
  /** The most recent failure, if the latest attempt failed. */
  lastError?: unknown;
  /** Looks in a row that failed, up to now (0 when the latest one worked). */
  failuresInARow: number;
  /** How long the looks have been failing, when the latest one failed. */
  failingForMs?: number;
  /** How long ago the VXC was last seen, when it has been. */
  lastSeenAgoMs?: number;
}

export interface WatchOptions<V> {
  /** Judges each snapshot: "done" resolves the watch, "fail" rejects it, "continue" keeps waiting. */
  until: (vxc: V) => WatchVerdict;
  /** How long to wait, in milliseconds from the call to `watch`. `Infinity` waits for ever. */
  deadlineMs: number;
  /** Aborting rejects the watch with WatchAbortedError. */
  signal?: AbortSignal;
  /**
   * The operation was cancelled (the provider process's cancellation): the watch ends as its deadline would, with
   * WatchTimeoutError whose `stoppedBy` is the signal's reason, so the caller keeps what exists as it does then.
   */
  stop?: AbortSignal;
  /** Called every `progressIntervalMs` while waiting. Errors it throws are ignored. */
  onProgress?: (elapsedMs: number, vxc: V | undefined, progress: WatchProgress) => void;
  /** What is waited for, in words, for progress lines and errors. Default: "VXC <uid>". */
  waitingFor?: string;
  /** Why a "fail" verdict failed, in words, for the error. Default: the VXC's last state. */
  describeFailure?: (vxc: V) => string;
  /** Who can move the VXC on from its last state, for the timeout error. Default: read from its approval. */
  whoMustAct?: (vxc: V) => string | undefined;
}

export interface VxcWatcherOptions<V> {
  /** Default: the real clock, with unref'd timers. */
  clock?: WatchClock;
  /** The first delay, and the delay after anything changes, in ms. Default 1000. */
  fastIntervalMs?: number;
  /** The longest delay between ticks while every watch waits on people, in ms. Default 15000. */
  maxIntervalMs?: number;
  /**
   * The longest delay while some watched VXC is being worked on by Megaport itself ("working"), in ms: it may change
   * any moment without anyone acting. Default: maxIntervalMs.
   */
  workingMaxIntervalMs?: number;
  /**
   * What each watched VXC's last snapshot says about how soon it will change: "imminent" (the next state is a
   * moment away: tick at the fast interval), "working" (Megaport is at it: back off up to workingMaxIntervalMs) or
   * "waiting" (a person must act: back off up to maxIntervalMs). A VXC not seen yet counts as "working".
   * Default: every VXC "working".
   */
  pace?: (vxc: V) => WatchPace;
  /** The shortest delay the request budget allows now, in ms, checked at every tick. Default: none. */
  minIntervalMs?: () => number;
  /** How much the delay grows after a tick where nothing changed. Default 1.5. */
  backoffFactor?: number;
  /** How often each watch's `onProgress` is called, in ms. Default 10000. */
  progressIntervalMs?: number;
  /** At most this many `getProduct` lookups per tick for VXCs missing from the listing. Default 3. */
  maxLookupsPerTick?: number;
  /** Errors that will not go away by retrying (bad credentials): they fail every watch at once. Default: none. */
  isPermanentError?: (error: unknown) => boolean;
  /** What counts as a change, for the backoff. Default: status, approval, rate limit and name. */
  fingerprint?: (vxc: V) => string;
  /**
   * Keep the process alive while something is watched. Default false: in the provider the gRPC server
   * keeps the process up, and a forgotten watch must not stop it exiting. Scripts awaiting a watch with
   * nothing else pending need true.
   */
  keepProcessAlive?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// The watcher
// ---------------------------------------------------------------------------------------------------------

interface WatchEntry<V> {
  vxcUid: string;
  options: WatchOptions<V>;
  waitingFor: string;
  startedAt: number;
  lastSeen?: V;
  lastSeenAt?: number;
  transientErrors: number;
  lastError?: unknown;
  failuresInARow: number;
  failingSince?: number;
  deadlineTimer?: unknown;
  progressTimer?: unknown;
  onAbort?: () => void;
  onStop?: () => void;
  resolve: (vxc: V) => void;
  reject: (error: Error) => void;
}

/** Counters for logs and tests. */
export interface WatcherStats {
  listCalls: number;
  lookupCalls: number;
  transientErrors: number;
}

export class VxcWatcher<V extends WatchableVxc = WatchableVxc> {
  private readonly clock: WatchClock;
  private readonly fastIntervalMs: number;
  private readonly maxIntervalMs: number;
  private readonly workingMaxIntervalMs: number;
  private readonly pace: (vxc: V) => WatchPace;
  private readonly minIntervalMs: () => number;
  private readonly backoffFactor: number;
  private readonly progressIntervalMs: number;
  private readonly maxLookupsPerTick: number;
  private readonly isPermanentError: (error: unknown) => boolean;
  private readonly fingerprint: (vxc: V) => string;

  private readonly watches = new Set<WatchEntry<V>>();
  /** Last fingerprint seen per watched VXC, to tell a change from a repeat. */
  private readonly fingerprints = new Map<string, string>();
  /** When each missing VXC was last looked up, so lookups take turns. */
  private readonly lastLookupAt = new Map<string, number>();
  private tickTimer: unknown;
  private tickDueAt: number | undefined;
  private ticking = false;
  private resetRequested = false;
  private intervalMs: number;
  private readonly counters: WatcherStats = { listCalls: 0, lookupCalls: 0, transientErrors: 0 };

  constructor(
    private readonly source: WatchSource<V>,
    options: VxcWatcherOptions<V> = {},
  ) {
    this.clock = options.clock ?? realClock(options.keepProcessAlive ?? false);
    this.fastIntervalMs = options.fastIntervalMs ?? 1000;
    this.maxIntervalMs = options.maxIntervalMs ?? 15000;
    this.workingMaxIntervalMs = Math.min(
      this.maxIntervalMs,
      options.workingMaxIntervalMs ?? this.maxIntervalMs,
    );
    this.pace = options.pace ?? (() => "working");
    this.minIntervalMs = options.minIntervalMs ?? (() => 0);
    this.backoffFactor = options.backoffFactor ?? 1.5;
    this.progressIntervalMs = options.progressIntervalMs ?? 10000;
    this.maxLookupsPerTick = options.maxLookupsPerTick ?? 3;
    this.isPermanentError = options.isPermanentError ?? (() => false);
    this.fingerprint = options.fingerprint ?? defaultFingerprint;
    this.intervalMs = this.fastIntervalMs;
  }

  /** How many watches are waiting. */
  get size(): number {
    return this.watches.size;
  }

  /** Calls made so far. */
  stats(): WatcherStats {
    return { ...this.counters };
  }

  /**
   * Waits until `until` says "done" for a snapshot of the VXC, and resolves with that snapshot. Rejects with
   * WatchFailedError ("fail", or a permanent API error), WatchTimeoutError (deadline) or WatchAbortedError.
   */
  watch(vxcUid: string, options: WatchOptions<V>): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const entry: WatchEntry<V> = {
        vxcUid,
        options,
        waitingFor: options.waitingFor ?? `VXC ${vxcUid}`,
        startedAt: this.clock.now(),
        transientErrors: 0,
        failuresInARow: 0,
        resolve,
        reject,
      };
      if (options.signal?.aborted) {
        reject(new WatchAbortedError(this.facts(entry), { cause: options.signal.reason }));
        return;
      }
      this.armDeadline(entry, entry.startedAt + nonNegative(options.deadlineMs));
      if (options.onProgress) this.scheduleProgress(entry);
      if (options.signal) {
        const signal = options.signal;
        entry.onAbort = () =>
          this.reject(entry, new WatchAbortedError(this.facts(entry), { cause: signal.reason }));
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      this.watches.add(entry);
      const stop = options.stop;
      if (stop?.aborted) {
        this.timeOut(entry, String(stop.reason));
        return;
      }
      if (stop) {
        entry.onStop = () => this.timeOut(entry, String(stop.reason));
        stop.addEventListener("abort", entry.onStop, { once: true });
      }
      this.hurry();
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Ticks
  // -------------------------------------------------------------------------------------------------------

  /** Something new to look at: the next tick comes within the fast interval, and the backoff starts over. */
  private hurry(): void {
    this.intervalMs = this.fastIntervalMs;
    if (this.ticking) {
      this.resetRequested = true;
      return;
    }
    const dueBy = this.clock.now() + this.fastIntervalMs;
    if (this.tickTimer !== undefined && this.tickDueAt !== undefined && this.tickDueAt <= dueBy) return;
    this.scheduleTick(this.fastIntervalMs);
  }

  private scheduleTick(delayMs: number): void {
    this.cancelTick();
    this.tickDueAt = this.clock.now() + delayMs;
    this.tickTimer = this.clock.setTimeout(() => void this.tick(), delayMs);
  }

  private cancelTick(): void {
    if (this.tickTimer !== undefined) this.clock.clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
    this.tickDueAt = undefined;
  }

  private async tick(): Promise<void> {
    this.tickTimer = undefined;
    this.tickDueAt = undefined;
    if (this.watches.size === 0) return;
    this.ticking = true;
    let changed = false;
    try {
      changed = await this.look();
    } catch (error) {
      // Only an injected function (a fingerprint, say) can throw here; count it and look again next tick.
      this.recordTransientError(error, () => true);
    } finally {
      this.ticking = false;
      this.scheduleNext(changed);
    }
  }

  /** One listing (plus a few lookups), then every watch judged against it. Returns whether anything changed. */
  private async look(): Promise<boolean> {
    const watched = new Set([...this.watches].map((entry) => entry.vxcUid));
    let products: readonly ProductWithVxcs<V>[];
    try {
      this.counters.listCalls += 1;
      products = await this.source.listProducts();
    } catch (error) {
      if (this.isPermanentError(error)) {
        for (const entry of [...this.watches]) {
          this.reject(
            entry,
            new WatchFailedError(
              { ...this.facts(entry), why: `the API refused: ${messageOf(error)}` },
              { cause: error },
            ),
          );
        }
        return true;
      }
      this.recordTransientError(error, () => true);
      return false;
    }

    // The listing worked: earlier failures are history (lookups below may record new ones).
    for (const entry of this.watches) {
      entry.lastError = undefined;
      entry.failuresInARow = 0;
      entry.failingSince = undefined;
    }
    const found = new Map<string, V>();
    for (const product of products) {
      for (const vxc of product.associatedVxcs ?? []) {
        if (vxc.productUid && watched.has(vxc.productUid)) found.set(vxc.productUid, vxc);
      }
    }
    await this.lookUpMissing(watched, found);
    return this.judge(found);
  }

  /** `getProduct` for a few of the watched VXCs the listing lacks, least recently looked-up first. */
  private async lookUpMissing(watched: Set<string>, found: Map<string, V>): Promise<void> {
    const getProduct = this.source.getProduct?.bind(this.source);
    if (!getProduct || this.maxLookupsPerTick <= 0) return;
    const missing = [...watched]
      .filter((uid) => !found.has(uid))
      .sort((a, b) => (this.lastLookupAt.get(a) ?? -1) - (this.lastLookupAt.get(b) ?? -1))
      .slice(0, this.maxLookupsPerTick);
    await Promise.all(
      missing.map(async (uid) => {
        this.lastLookupAt.set(uid, this.clock.now());
        this.counters.lookupCalls += 1;
        try {
          const product = await getProduct(uid);
          if (isProductWithUid(product, uid)) found.set(uid, product as V);
        } catch (error) {
          // A lookup that fails (even "not found": a VXC ordered a moment ago may not show yet) is retried.
          this.recordTransientError(error, (entry) => entry.vxcUid === uid);
        }
      }),
    );
  }

  /** Records each snapshot, asks each watch's `until`, and settles the ones that are done or failed. */
  private judge(found: Map<string, V>): boolean {
    let changed = false;
    for (const [uid, vxc] of found) {
      const print = this.fingerprint(vxc);
      const previous = this.fingerprints.get(uid);
      if (previous !== undefined && previous !== print) changed = true;
      this.fingerprints.set(uid, print);
    }
    for (const entry of [...this.watches]) {
      const vxc = found.get(entry.vxcUid);
      if (vxc === undefined) continue;
      entry.lastSeen = vxc;
      entry.lastSeenAt = this.clock.now();
      let verdict: WatchVerdict;
      try {
        verdict = entry.options.until(vxc);
      } catch (error) {
        this.reject(
          entry,
          new WatchFailedError(
            { ...this.facts(entry), why: `checking it threw: ${messageOf(error)}` },
            { cause: error },
          ),
        );
        changed = true;
        continue;
      }
      if (verdict === "done") {
        this.settle(entry);
        entry.resolve(vxc);
        changed = true;
      } else if (verdict === "fail") {
        const why =
          entry.options.describeFailure?.(vxc) ?? `it reached ${describeVxcState(vxc) || "a failed state"}`;
        this.reject(entry, new WatchFailedError({ ...this.facts(entry), why }));
        changed = true;
      }
    }
    return changed;
  }

  private recordTransientError(error: unknown, applies: (entry: WatchEntry<V>) => boolean): void {
    this.counters.transientErrors += 1;
    for (const entry of this.watches) {
      if (!applies(entry)) continue;
      entry.transientErrors += 1;
      entry.lastError = error;
      entry.failuresInARow += 1;
      entry.failingSince ??= this.clock.now();
    }
  }

  /**
   * Fast after a change, a new watch, or while some VXC's next state is imminent; otherwise a longer pause, up to the
   * most urgent watch's ceiling (Megaport at work, or people to act); never faster than the request budget allows;
   * none when idle.
   */
  private scheduleNext(changed: boolean): void {
    if (this.watches.size === 0) {
      this.intervalMs = this.fastIntervalMs;
      this.resetRequested = false;
      return;
    }
    const pace = this.mostUrgentPace();
    if (changed || this.resetRequested || pace === "imminent") {
      this.intervalMs = this.fastIntervalMs;
    } else {
      const ceiling = pace === "working" ? this.workingMaxIntervalMs : this.maxIntervalMs;
      this.intervalMs = Math.min(ceiling, Math.round(this.intervalMs * this.backoffFactor));
    }
    this.resetRequested = false;
    this.scheduleTick(Math.max(this.intervalMs, this.minIntervalMs()));
  }

  private mostUrgentPace(): WatchPace {
    let most: WatchPace = "waiting";
    for (const entry of this.watches) {
      const pace = entry.lastSeen === undefined ? "working" : this.pace(entry.lastSeen);
      if (pace === "imminent") return pace;
      if (pace === "working") most = pace;
    }
    return most;
  }

  // -------------------------------------------------------------------------------------------------------
  // Settling one watch
  // -------------------------------------------------------------------------------------------------------

  /**
   * Node fires a timer of more than 2^31-1 ms (about 24.8 days) after 1 ms instead, so a long deadline is
   * reached in steps. An infinite deadline sets no timer at all.
   */
  private armDeadline(entry: WatchEntry<V>, deadlineAt: number): void {
    if (deadlineAt === Number.POSITIVE_INFINITY) return;
    const remaining = deadlineAt - this.clock.now();
    entry.deadlineTimer = this.clock.setTimeout(
      () => {
        entry.deadlineTimer = undefined;
        if (this.clock.now() < deadlineAt) this.armDeadline(entry, deadlineAt);
        else this.timeOut(entry);
      },
      Math.min(Math.max(0, remaining), MAX_TIMER_MS),
    );
  }

  private timeOut(entry: WatchEntry<V>, stoppedBy?: string): void {
    const lastSeen = entry.lastSeen;
    this.reject(
      entry,
      new WatchTimeoutError(
        {
          ...this.facts(entry),
          stoppedBy,
          lastState: lastSeen ? describeVxcState(lastSeen) || undefined : "not found yet",
          whoMustAct: lastSeen
            ? (entry.options.whoMustAct?.(lastSeen) ?? whoMustAct(lastSeen))
            : "check that the VXC exists: it never appeared in Megaport's product list",
        },
        entry.lastError === undefined ? undefined : { cause: entry.lastError },
      ),
    );
  }

  private reject(entry: WatchEntry<V>, error: Error): void {
    if (!this.watches.has(entry)) return;
    this.settle(entry);
    entry.reject(error);
  }

  /** Takes a watch out: its timers, its abort listener, and the tick if it was the last one. */
  private settle(entry: WatchEntry<V>): void {
    this.watches.delete(entry);
    if (entry.deadlineTimer !== undefined) this.clock.clearTimeout(entry.deadlineTimer);
    if (entry.progressTimer !== undefined) this.clock.clearTimeout(entry.progressTimer);
    entry.deadlineTimer = undefined;
    entry.progressTimer = undefined;
    if (entry.onAbort) entry.options.signal?.removeEventListener("abort", entry.onAbort);
    if (entry.onStop) entry.options.stop?.removeEventListener("abort", entry.onStop);
    if (![...this.watches].some((other) => other.vxcUid === entry.vxcUid)) {
      this.fingerprints.delete(entry.vxcUid);
      this.lastLookupAt.delete(entry.vxcUid);
    }
    if (this.watches.size === 0) this.cancelTick();
  }

  private scheduleProgress(entry: WatchEntry<V>): void {
    entry.progressTimer = this.clock.setTimeout(() => {
      entry.progressTimer = undefined;
      if (!this.watches.has(entry)) return;
      const now = this.clock.now();
      const elapsedMs = now - entry.startedAt;
      const progress: WatchProgress = {
        waitingFor: entry.waitingFor,
        message: `waiting for ${entry.waitingFor} (${formatDuration(elapsedMs)})`,
        found: entry.lastSeen !== undefined,
        transientErrors: entry.transientErrors,
        failuresInARow: entry.failuresInARow,
        ...(entry.lastError === undefined ? {} : { lastError: entry.lastError }),
        ...(entry.failingSince === undefined ? {} : { failingForMs: now - entry.failingSince }),
        ...(entry.lastSeenAt === undefined ? {} : { lastSeenAgoMs: now - entry.lastSeenAt }),
      };
      try {
        entry.options.onProgress?.(elapsedMs, entry.lastSeen, progress);
      } catch {
        // A progress line is a courtesy; a broken logger must not end the wait.
      }
      if (this.watches.has(entry)) this.scheduleProgress(entry);
    }, this.progressIntervalMs);
  }

  private facts(entry: WatchEntry<V>) {
    return {
      vxcUid: entry.vxcUid,
      waitingFor: entry.waitingFor,
      waitedMs: this.clock.now() - entry.startedAt,
      lastSeen: entry.lastSeen,
      transientErrors: entry.transientErrors,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The process-wide watcher
// ---------------------------------------------------------------------------------------------------------

// Keyed by the source (the process-wide MegaportClient), so every resource in the process shares one
// watcher, and a test or a second configuration with another client gets its own.
const sharedWatchers = new WeakMap<object, VxcWatcher<WatchableVxc>>();

/**
 * The watcher shared by every resource using this source. Pass the client object itself (not a fresh
 * wrapper per call), or each caller gets a watcher of its own. `options` apply only on first creation.
 */
export function getVxcWatcher<V extends WatchableVxc>(
  source: WatchSource<V>,
  options?: VxcWatcherOptions<V>,
): VxcWatcher<V> {
  let watcher = sharedWatchers.get(source) as VxcWatcher<V> | undefined;
  if (!watcher) {
    watcher = new VxcWatcher(source, options);
    sharedWatchers.set(source, watcher as unknown as VxcWatcher<WatchableVxc>);
  }
  return watcher;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

/** The longest delay Node's setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** NaN and negative durations mean "now". */
function nonNegative(ms: number): number {
  return Number.isNaN(ms) || ms < 0 ? 0 : ms;
}

function realClock(keepProcessAlive: boolean): WatchClock {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => {
      const handle = setTimeout(callback, ms);
      if (!keepProcessAlive) handle.unref();
      return handle;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

/** The parts of a VXC whose change means "something is happening": worth looking again soon. */
function defaultFingerprint(vxc: WatchableVxc): string {
  return JSON.stringify([
    vxc.provisioningStatus ?? null,
    vxc.vxcApproval?.status ?? null,
    vxc.vxcApproval?.type ?? null,
    vxc.vxcApproval?.newSpeed ?? null,
    vxc.rateLimit ?? null,
    vxc.productName ?? null,
  ]);
}

/** "DEPLOYABLE; new-connection request PENDING_EXTERNAL" */
export function describeVxcState(vxc: WatchableVxc): string {
  const parts: string[] = [];
  if (vxc.provisioningStatus) parts.push(vxc.provisioningStatus);
  const approval = vxc.vxcApproval;
  if (approval?.status) {
    const kind =
      approval.type === "SPEED_CHANGE"
        ? "speed-change request"
        : approval.type
          ? "new-connection request"
          : "request";
    parts.push(`${kind} ${approval.status}`);
  }
  return parts.join("; ");
}

/** Who can move a waiting VXC on, read from its approval status (docs/megaport-api.md §9.1a), when nobody is named. */
export function whoMustAct(vxc: WatchableVxc): string | undefined {
  switch (vxc.vxcApproval?.status) {
    case "PENDING_EXTERNAL":
      return "the company at the other end must accept the request in the Megaport Portal";
    case "PENDING_INTERNAL":
      return "your company must accept the request in the Megaport Portal (or with an approval policy)";
    default:
      return undefined;
  }
}

function isProductWithUid(value: unknown, uid: string): boolean {
  return (
    typeof value === "object" && value !== null && (value as { productUid?: unknown }).productUid === uid
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
