// The errors a watch (watcher.ts) rejects with: timed out, failed (the VXC reached a state it cannot come back
// from, or the API refused us for good), or aborted. Messages name VXC UIDs, states and durations only. Codes are
// registered in provider/client/errors.ts with the rest.
import { AbortedError, MegaportError, TimeoutError, type MegaportErrorCode } from "../client/errors";
import { formatDuration } from "../client/format-duration";

/** The facts every watch error carries. */
export interface WatchErrorFacts {
  /** The VXC watched. */
  vxcUid: string;
  /** What we waited for, in words ("VXC abc to be approved and LIVE"). */
  waitingFor: string;
  /** How long we waited, in milliseconds. */
  waitedMs: number;
  /** The last snapshot of the VXC we saw, if any. */
  lastSeen?: unknown;
  /** How many listings or lookups failed while we waited. */
  transientErrors?: number;
}

/** The deadline passed, or the operation was cancelled, before the VXC was ready. `cause` is the last API failure, if the last try failed. */
export class WatchTimeoutError extends TimeoutError {
  static override readonly code: MegaportErrorCode = "MX_WATCH_TIMEOUT";
  readonly vxcUid: string;
  readonly waitingFor: string;
  readonly lastSeen: unknown;
  readonly transientErrors: number;

  /**
   * `lastState` is the VXC's last state in words; `whoMustAct` who can move it on (default: Megaport); `stoppedBy`
   * why it stopped before the deadline (the operation was cancelled).
   */
  constructor(
    facts: WatchErrorFacts & { lastState?: string; whoMustAct?: string; stoppedBy?: string },
    options?: { cause?: unknown },
  ) {
    super({
      waitedFor: facts.waitingFor,
      waitedMs: facts.waitedMs,
      whoMustAct: facts.whoMustAct ?? "Megaport must finish provisioning the VXC",
      stoppedBy: facts.stoppedBy,
      cause: options?.cause,
    });
    if (facts.lastState) this.message += ` Last seen: ${facts.lastState}.`;
    this.vxcUid = facts.vxcUid;
    this.waitingFor = facts.waitingFor;
    this.lastSeen = facts.lastSeen;
    this.transientErrors = facts.transientErrors ?? 0;
    if (this.transientErrors > 0) {
      const last = options?.cause instanceof Error ? ` (last: ${options.cause.message})` : "";
      this.message += ` ${this.transientErrors} call(s) to the Megaport API failed meanwhile${last}.`;
    }
  }
}

/** The VXC reached a state it cannot come back from (e.g. FAILED after a denial), or the API refused us. */
export class WatchFailedError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_WATCH_FAILED";
  readonly vxcUid: string;
  readonly waitingFor: string;
  readonly waitedMs: number;
  readonly lastSeen: unknown;
  /** Why the wait failed, in words. */
  readonly why: string;

  constructor(facts: WatchErrorFacts & { why: string }, options?: { cause?: unknown }) {
    super(
      `Stopped waiting for ${facts.waitingFor} after ${formatDuration(facts.waitedMs)}: ${facts.why}.`,
      options,
    );
    this.vxcUid = facts.vxcUid;
    this.waitingFor = facts.waitingFor;
    this.waitedMs = facts.waitedMs;
    this.lastSeen = facts.lastSeen;
    this.why = facts.why;
  }
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class WatchAbortedError extends AbortedError {
  static override readonly code: MegaportErrorCode = "MX_WATCH_ABORTED";
  readonly vxcUid: string;
  readonly waitingFor: string;
  readonly waitedMs: number;
  readonly lastSeen: unknown;

  constructor(facts: WatchErrorFacts, options?: { cause?: unknown }) {
    super({
      during: `Waiting for ${facts.waitingFor} (${formatDuration(facts.waitedMs)} in)`,
      cause: options?.cause,
    });
    this.vxcUid = facts.vxcUid;
    this.waitingFor = facts.waitingFor;
    this.waitedMs = facts.waitedMs;
    this.lastSeen = facts.lastSeen;
  }
}

/** The errors a watch rejects with. */
export type WatchError = WatchTimeoutError | WatchFailedError | WatchAbortedError;
