/**
 * One cycle of the continuous approver: list what waits on us (through the request-source seam), decide each
 * request by the rules (rules.ts, via backlog.ts's settleRequests) and answer the accepted and denied ones so that
 * each answer is applied at most once, however many approvers run and wherever one dies:
 *
 * - the VXC is re-read just before answering, and a request that no longer waits (a person, another approver or
 *   an earlier run answered it) is reported "already-answered" and nothing is sent;
 * - the answer names the request, not the VXC (`PUT /v2/order/vxc/{vxcApproval.uid}`), so an answer that is
 *   late or repeated can never land on a newer request on the same VXC;
 * - the API takes a repeated identical answer as a no-op and refuses a different one (400); a refused answer is
 *   re-read, and if the request was answered meanwhile it is "already-answered", not a failure.
 *
 * No process concerns here (flags, signals, timers, logs, metrics): the command passes functions in and turns
 * the events into log lines. Must never answer a request the rules leave to a person, and never report a request
 * for a person more than once while it keeps waiting.
 */
import { ApiError } from "../client/errors";
import {
  type AnswerRequest,
  type AnswerResult,
  type SettleSummary,
  type SettledOutcome,
  settleRequests,
} from "./backlog";
import type { ApprovalDecision, ApprovalPolicy, ApprovalRequest } from "./policy-schema";
import { PENDING_ON_US } from "./pending-requests";
import type { PendingRequestSource, UndecidableRequest } from "./request-source";

// ---------------------------------------------------------------------------------------------------------
// Answering once
// ---------------------------------------------------------------------------------------------------------

/** The VXC fields the re-read looks at (the client's `Vxc` fits). */
export interface VxcApprovalSnapshot {
  vxcApproval?: { status?: string | null; uid?: string | null } | null;
}

/** What answering needs of the API (the MegaportClient fits). */
export interface AnswerApi {
  /** `GET /v2/product/{uid}`: the VXC as our company sees it now. */
  getVxc(uid: string, options?: { signal?: AbortSignal }): Promise<VxcApprovalSnapshot>;
  /** `PUT /v2/order/vxc/{approvalUid}`: accept or deny that one request. */
  approveVxcOrder(
    approvalUid: string,
    decision: { isApproved: boolean; vlan?: number; reason?: string },
    options?: { signal?: AbortSignal },
  ): Promise<void>;
}

export interface AnswerOnceOptions {
  api: AnswerApi;
  /**
   * Called before each answer; throws when this approver may not answer now (it lost its leader lease). The
   * request then fails for this cycle and stays pending.
   */
  beforeAnswer?: () => Promise<void>;
  signal?: AbortSignal;
}

/** True while the VXC still shows this very request waiting on us. */
export function stillWaitingOnUs(vxc: VxcApprovalSnapshot, request: ApprovalRequest): boolean {
  return vxc.vxcApproval?.status === PENDING_ON_US && vxc.vxcApproval.uid === request.approvalUid;
}

/** The approve and deny functions settleRequests calls, each re-reading before it answers. */
export function answerOnce(options: AnswerOnceOptions): { approve: AnswerRequest; deny: AnswerRequest } {
  const { api, signal } = options;
  const answer =
    (isApproved: boolean) =>
    async (request: ApprovalRequest, decision: ApprovalDecision): Promise<AnswerResult> => {
      await options.beforeAnswer?.();
      if (!stillWaitingOnUs(await api.getVxc(request.vxcUid, { signal }), request)) return "already-answered";
      const body = isApproved
        ? { isApproved, ...(decision.bEndVlan !== undefined ? { vlan: decision.bEndVlan } : {}) }
        : { isApproved, ...(decision.reason ? { reason: decision.reason } : {}) };
      try {
        await api.approveVxcOrder(request.approvalUid, body, { signal });
        return "applied";
      } catch (error) {
        // 400: "no pending approval" or a different answer already given; the re-read tells which.
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          const now = await api.getVxc(request.vxcUid, { signal }).catch(() => undefined);
          if (now && !stillWaitingOnUs(now, request)) return "already-answered";
        }
        throw error;
      }
    };
  return { approve: answer(true), deny: answer(false) };
}

// ---------------------------------------------------------------------------------------------------------
// Saying "left for a person" once
// ---------------------------------------------------------------------------------------------------------

/**
 * Remembers which requests were reported as left for a person, so each is reported once while it waits, not
 * every cycle. Keyed by the request (its approval UID) and why, so a policy change that leaves it for another
 * reason is reported again. Forgets requests that no longer wait, so memory stays bounded.
 */
export class LeftForPersonMemory {
  private readonly reported = new Set<string>();

  /** True the first time this request is reported for this reason. */
  firstTime(requestKey: string, why: string): boolean {
    const key = `${requestKey}\u0000${why}`;
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }

  /** Forget every request not among those still waiting. */
  keepOnly(waitingKeys: ReadonlySet<string>): void {
    for (const key of this.reported) {
      if (!waitingKeys.has(key.slice(0, key.indexOf("\u0000")))) this.reported.delete(key);
    }
  }

  get size(): number {
    return this.reported.size;
  }
}

// ---------------------------------------------------------------------------------------------------------
// One cycle
// ---------------------------------------------------------------------------------------------------------

/** What the cycle tells the command, as it happens. */
export type CycleEvent =
  /** A request was settled; `firstReport` is false for a "manual" request already reported earlier. */
  | { kind: "settled"; settled: SettledOutcome; firstReport: boolean }
  /** A VXC pending on us that no rule can be applied to (reported once while it waits). */
  | { kind: "undecidable"; undecidable: UndecidableRequest };

export interface CycleOptions {
  policy: ApprovalPolicy;
  source: PendingRequestSource;
  answers: { approve: AnswerRequest; deny: AnswerRequest };
  memory: LeftForPersonMemory;
  onEvent: (event: CycleEvent) => void;
  signal?: AbortSignal;
}

/** What one cycle did. `summary` counts every request, including the ones reported in earlier cycles. */
export interface CycleResult {
  summary: SettleSummary;
  undecidable: UndecidableRequest[];
  /** Requests waiting on us at the listing. */
  pending: number;
}

/** Lists once, then settles every request; rejects only when the listing fails (nothing is answered then). */
export async function runApprovalCycle(options: CycleOptions): Promise<CycleResult> {
  const { policy, source, answers, memory, onEvent } = options;
  const listing = await source.listPending({ signal: options.signal });
  const waiting = new Set([
    ...listing.requests.map((r) => r.approvalUid),
    ...listing.undecidable.map((u) => `vxc:${u.vxcUid}`),
  ]);
  memory.keepOnly(waiting);

  for (const undecidable of listing.undecidable) {
    if (memory.firstTime(`vxc:${undecidable.vxcUid}`, undecidable.why)) {
      onEvent({ kind: "undecidable", undecidable });
    }
  }
  const summary = await settleRequests(listing.requests, {
    policy,
    ...answers,
    onSettled: (settled) => {
      const firstReport =
        settled.outcome !== "manual" ||
        memory.firstTime(settled.request.approvalUid, settled.decision.ruleName);
      onEvent({ kind: "settled", settled, firstReport });
    },
  });
  return {
    summary,
    undecidable: listing.undecidable,
    pending: listing.requests.length + listing.undecidable.length,
  };
}
