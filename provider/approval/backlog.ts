/**
 * Settles the backlog of connection requests and speed changes waiting on us: one product listing, one
 * decision per request (rules.ts), then accept or deny through the functions the caller injects.
 *
 * Used by the ApprovalPolicy resource at `pulumi up` and by the approver command. It must never act on a
 * policy with errors, never touch a request the policy leaves to a person ("manual"), and never let one
 * failed answer stop the others. It knows nothing of HTTP: the caller passes the client's methods in.
 */
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

export interface SettlePendingRequestsOptions {
  /** The parsed policy to apply. */
  policy: ApprovalPolicy;
  /** Lists our products (the client's `listProducts`); called exactly once. */
  listProducts: () => Promise<readonly ProductWithVxcs[]>;
  /** Our company's UID: requests are the VXCs pending on it. */
  ownCompanyUid: string;
  /** Accepts one request (e.g. `approveVxcOrder(req.approvalUid, { isApproved: true, vlan })`). */
  approve: (request: ApprovalRequest, decision: ApprovalDecision) => Promise<void>;
  /** Denies one request with `decision.reason`. */
  deny: (request: ApprovalRequest, decision: ApprovalDecision) => Promise<void>;
  /** Receives one line per request handled or skipped. Never given credentials: it sees only UIDs and names. */
  log?: (line: string) => void;
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
  /** approve or deny threw; the request is still pending and the next run tries again. */
  failed: FailedRequest[];
}

/**
 * Decides every pending request and answers the accepted and denied ones, one at a time (the API allows
 * 500 requests per 5 minutes, and answers to one provider need no parallelism). A failure listing products
 * rejects before anything is answered; a failure answering one request is recorded and the rest go on.
 */
export async function settlePendingRequests(options: SettlePendingRequestsOptions): Promise<SettleSummary> {
  const { policy, listProducts, ownCompanyUid, approve, deny } = options;
  const log = options.log ?? (() => undefined);

  // The resource validates in `check`, but the approver may be handed a policy from elsewhere: an invalid
  // one (say, a deny with no reason) must not answer customers.
  const errors = validatePolicy(policy).filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new PolicyValidationError(errors);

  const products = await listProducts();
  const requests = pendingRequestsFrom(products, ownCompanyUid, {
    onSkipped: (vxcUid, why) => log(`left VXC ${vxcUid} for a person: ${why}`),
  });
  const summary: SettleSummary = { accepted: [], denied: [], manual: [], failed: [] };

  for (const request of requests) {
    const decision = decide(policy, request);
    const what = describeRequest(request);
    if (decision.action === "manual") {
      summary.manual.push({ request, decision });
      log(`left ${what} for a person (rule "${decision.ruleName}")`);
      continue;
    }
    try {
      if (decision.action === "accept") {
        await approve(request, decision);
        summary.accepted.push({ request, decision });
        log(`accepted ${what} (rule "${decision.ruleName}")`);
      } else {
        await deny(request, decision);
        summary.denied.push({ request, decision });
        log(`denied ${what} (rule "${decision.ruleName}"): ${decision.reason ?? ""}`);
      }
    } catch (error) {
      summary.failed.push({ request, decision, error });
      log(`could not ${decision.action} ${what}: ${messageOf(error)}; it stays pending`);
    }
  }
  return summary;
}

/** "speed change to 1000 Mbps on VXC <uid> (<name>) from Globex Corporation" */
function describeRequest(request: ApprovalRequest): string {
  const kind =
    request.type === "SPEED_CHANGE"
      ? `speed change to ${request.newSpeed ?? "?"} Mbps`
      : `new connection at ${request.rateLimit} Mbps`;
  const name = request.vxcName ? ` (${request.vxcName})` : "";
  const from = request.requestingCompanyName ?? request.requestingCompanyUid;
  return `${kind} on VXC ${request.vxcUid}${name} from ${from}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
