/**
 * Settles the backlog of connection requests and speed changes waiting on us: one product listing, one
 * decision per request (rules.ts), then accept or deny through the functions the caller injects.
 *
 * Used by the ApprovalPolicy resource at `pulumi up` (settlePendingRequests: the listing and the answers) and
 * by the approver command (settleRequests: the answers, for requests it listed through its own source). It
 * must never act on a policy with errors, never touch a request the policy leaves to a person ("manual"), and
 * never let one failed answer stop the others. It knows nothing of HTTP: the caller passes the client's
 * methods in.
 */
import { escapeHidden } from "../client/schemas/scalars";
import {
  type ApprovalDecision,
  type ApprovalPolicy,
  type ApprovalRequest,
  type ProductWithVxcs,
  PolicyValidationError,
  decide,
  pendingRequestsFrom,
  validatePolicy,
} from "./rules";

/**
 * What an accept or deny did. "already-answered": the request was no longer waiting when the answer was due
 * (a person, another approver or an earlier run answered it), so nothing was sent or the API refused a second
 * answer; it counts as settled, not failed. Resolving with nothing means "applied".
 */
export type AnswerResult = "applied" | "already-answered";

/** Accepts or denies one request; resolves when Megaport has the answer (or it was already answered). */
export type AnswerRequest = (
  request: ApprovalRequest,
  decision: ApprovalDecision,
) => Promise<AnswerResult | void>;

export interface SettleRequestsOptions {
  /** The parsed policy to apply. */
  policy: ApprovalPolicy;
  /** Accepts one request (e.g. `approveVxcOrder(req.approvalUid, { isApproved: true, vlan })`). */
  approve: AnswerRequest;
  /** Denies one request with `decision.reason`. */
  deny: AnswerRequest;
  /** Receives one line per request handled or skipped. Never given credentials: it sees only UIDs and names. */
  log?: (line: string) => void;
  /** Told about each request as soon as it is settled, in order (the approver logs one JSON line per call). */
  onSettled?: (settled: SettledOutcome) => void;
}

export interface SettlePendingRequestsOptions extends SettleRequestsOptions {
  /** Lists our products (the client's `listProducts`); called exactly once. */
  listProducts: () => Promise<readonly ProductWithVxcs[]>;
  /** Our company's UID: requests are the VXCs pending on it. */
  ownCompanyUid: string;
}

export interface SettledRequest {
  request: ApprovalRequest;
  decision: ApprovalDecision;
}

export interface FailedRequest extends SettledRequest {
  /** What approve or deny threw. */
  error: unknown;
}

/** What happened to each request waiting on us. */
export interface SettleSummary {
  accepted: SettledRequest[];
  denied: SettledRequest[];
  /** Left for a person in the Portal, by a "manual" rule or default. */
  manual: SettledRequest[];
  /** No longer waiting when the answer was due (answered meanwhile); nothing more to do. */
  alreadyAnswered: SettledRequest[];
  /** approve or deny threw; the request is still pending and the next run tries again. */
  failed: FailedRequest[];
}

/** How one request was settled, as `onSettled` is told. */
export type SettledOutcome =
  | (SettledRequest & { outcome: "accepted" | "denied" | "manual" | "already-answered" })
  | (FailedRequest & { outcome: "failed" });

/**
 * Lists the requests waiting on us once, then decides and answers them (settleRequests). A failure listing
 * products rejects before anything is answered; a failure answering one request is recorded and the rest go on.
 */
export async function settlePendingRequests(options: SettlePendingRequestsOptions): Promise<SettleSummary> {
  const { listProducts, ownCompanyUid } = options;
  const log = options.log ?? (() => undefined);
  // Checked before listing, so an invalid policy costs no request.
  assertPolicyUsable(options.policy);
  const products = await listProducts();
  const requests = pendingRequestsFrom(products, ownCompanyUid, {
    onSkipped: (vxcUid, why) => log(`left VXC ${vxcUid} for a person: ${why}`),
  });
  return settleRequests(requests, options);
}

/**
 * Decides every given request and answers the accepted and denied ones, one at a time (the API allows
 * 500 requests per 5 minutes, and answers to one provider need no parallelism). A failure answering one
 * request is recorded and the rest go on.
 */
export async function settleRequests(
  requests: readonly ApprovalRequest[],
  options: SettleRequestsOptions,
): Promise<SettleSummary> {
  const { policy, approve, deny } = options;
  const log = options.log ?? (() => undefined);
  const tell = (settled: SettledOutcome) => {
    try {
      options.onSettled?.(settled);
    } catch {
      // A broken logger must not stop the answers, nor make an answered request look failed.
    }
  };
  assertPolicyUsable(policy);
  const summary: SettleSummary = { accepted: [], denied: [], manual: [], alreadyAnswered: [], failed: [] };

  for (const request of requests) {
    const decision = decide(policy, request);
    const what = describeRequest(request);
    if (decision.action === "manual") {
      summary.manual.push({ request, decision });
      log(`left ${what} for a person (rule "${decision.ruleName}")`);
      tell({ request, decision, outcome: "manual" });
      continue;
    }
    try {
      const answer = decision.action === "accept" ? approve : deny;
      const result = (await answer(request, decision)) ?? "applied";
      if (result === "already-answered") {
        summary.alreadyAnswered.push({ request, decision });
        log(
          `${what} was already answered; nothing sent (rule "${decision.ruleName}" would ${decision.action})`,
        );
        tell({ request, decision, outcome: "already-answered" });
      } else if (decision.action === "accept") {
        summary.accepted.push({ request, decision });
        log(`accepted ${what} (rule "${decision.ruleName}")`);
        tell({ request, decision, outcome: "accepted" });
      } else {
        summary.denied.push({ request, decision });
        log(`denied ${what} (rule "${decision.ruleName}"): ${decision.reason ?? ""}`);
        tell({ request, decision, outcome: "denied" });
      }
    } catch (error) {
      summary.failed.push({ request, decision, error });
      log(`could not ${decision.action} ${what}: ${messageOf(error)}; it stays pending`);
      tell({ request, decision, error, outcome: "failed" });
    }
  }
  return summary;
}

/**
 * The resource validates in `check`, but the approver may be handed a policy from elsewhere: an invalid one
 * (say, a deny with no reason) must not answer customers.
 */
function assertPolicyUsable(policy: ApprovalPolicy): void {
  const errors = validatePolicy(policy).filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new PolicyValidationError(errors);
}

/** "speed change to 1000 Mbps on VXC <uid> (<name>) from Globex Corporation" */
export function describeRequest(request: ApprovalRequest): string {
  const kind =
    request.type === "SPEED_CHANGE"
      ? `speed change to ${request.newSpeed ?? "?"} Mbps`
      : `new connection at ${request.rateLimit} Mbps`;
  // The VXC's and the company's names are the requester's to choose: a line break or a bidi override in them must
  // not forge or reorder a line of our log.
  const name = request.vxcName ? ` (${escapeHidden(request.vxcName)})` : "";
  const from = escapeHidden(request.requestingCompanyName ?? request.requestingCompanyUid);
  return `${kind} on VXC ${request.vxcUid}${name} from ${from}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
