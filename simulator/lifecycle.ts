/**
 * Time-driven states. Services carry their next transition (`next: { status, at }` in simulated ms) and
 * pending approvals carry their expiry; `runDueTransitions` applies everything that is due, in time order,
 * so advancing the clock by an hour walks an order all the way from DEPLOYABLE to LIVE.
 *
 *   order/accept → DEPLOYABLE ─deployableMs→ CONFIGURED ─configuredMs→ LIVE
 *   CANCEL_NOW   → CANCELLED ─cancelledMs→ DECOMMISSIONED (still listed)
 *   unanswered request ─60 days→ FAILED (NEW) or closed (SPEED_CHANGE)
 */
import type { Store } from "./store";
import type { PortRecord, ProvisioningStatus, VxcRecord } from "./state";
import { sendVxcEmail } from "./domain/emails";
import { logApprovalClosed } from "./domain/order-approval-log";

/** Add calendar months to an epoch-ms date (contract end dates). */
export function addMonths(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** Start deployment: DEPLOYABLE now, CONFIGURED after the configured delay. */
export function scheduleDeployment(store: Store, vxc: VxcRecord, from: number): void {
  vxc.provisioningStatus = "DEPLOYABLE";
  vxc.next = { status: "CONFIGURED", at: from + store.timings.deployableMs };
  store.markChanged();
}

function applyVxcTransition(store: Store, vxc: VxcRecord, status: ProvisioningStatus, at: number): void {
  vxc.provisioningStatus = status;
  vxc.next = null;
  if (status === "CONFIGURED") {
    vxc.next = { status: "LIVE", at: at + store.timings.configuredMs };
  } else if (status === "LIVE") {
    vxc.liveAtWallMs = store.clock.wallNow();
    vxc.liveDate = at;
    vxc.contractStartDate = at;
    vxc.contractEndDate = addMonths(at, vxc.contractTermMonths);
    sendVxcEmail(store, "VXC_LIVE", vxc);
  } else if (status === "DECOMMISSIONED") {
    vxc.decommissionedAtWallMs = store.clock.wallNow();
  }
  store.markChanged();
}

function applyPortTransition(store: Store, port: PortRecord, status: ProvisioningStatus): void {
  port.provisioningStatus = status;
  port.next = null;
  store.markChanged();
}

function expireApproval(store: Store, vxc: VxcRecord): void {
  const approval = vxc.approval;
  if (!approval) return;
  const provider = store.company(approval.approverCompanyUid).tradingName;
  vxc.approval = null;
  vxc.lastDecision = {
    uid: approval.uid,
    type: approval.type,
    newSpeed: approval.newSpeed,
    outcome: "EXPIRED",
    reason: `Request expired: ${provider} did not answer within 60 days`,
    decidedAt: approval.expiresAt,
  };
  logApprovalClosed(store, approval.uid, "EXPIRED", vxc.lastDecision.reason);
  if (approval.type === "NEW") {
    vxc.provisioningStatus = "FAILED";
    vxc.next = null;
    sendVxcEmail(store, "CONNECTION_REQUEST_EXPIRED", vxc);
  } else {
    sendVxcEmail(store, "SPEED_CHANGE_EXPIRED", vxc, { newSpeed: approval.newSpeed });
  }
  store.markChanged();
}

type Due =
  | { at: number; kind: "vxc"; vxc: VxcRecord; status: ProvisioningStatus }
  | { at: number; kind: "port"; port: PortRecord; status: ProvisioningStatus }
  | { at: number; kind: "expiry"; vxc: VxcRecord };

function nextDue(store: Store, now: number): Due | null {
  let best: Due | null = null;
  const consider = (due: Due) => {
    if (due.at <= now && (best === null || due.at < best.at)) best = due;
  };
  for (const vxc of store.state.vxcs) {
    if (vxc.next) consider({ at: vxc.next.at, kind: "vxc", vxc, status: vxc.next.status });
    if (vxc.approval) consider({ at: vxc.approval.expiresAt, kind: "expiry", vxc });
  }
  for (const port of store.state.ports) {
    if (port.next) consider({ at: port.next.at, kind: "port", port, status: port.next.status });
  }
  return best;
}

/** Apply every transition due at the current simulated time; returns how many ran. */
export function runDueTransitions(store: Store): number {
  const now = store.now();
  let count = 0;
  // Each transition may schedule the next one, so keep going until nothing is due (bounded for safety).
  for (let due = nextDue(store, now); due !== null && count < 100_000; due = nextDue(store, now)) {
    if (due.kind === "vxc") applyVxcTransition(store, due.vxc, due.status, due.at);
    else if (due.kind === "port") applyPortTransition(store, due.port, due.status);
    else expireApproval(store, due.vxc);
    count++;
  }
  return count;
}
