/**
 * Marketplace connection requests and speed changes waiting for the B-end owner (docs/megaport-api.md §9.1, §9.1a).
 *
 * A request is opened when a customer orders a VXC to another company's port (unless the port auto-approves or
 * a pre-approved service key was used) or raises the rate limit of such a VXC. The provider accepts or denies
 * it; a new VXC then deploys or FAILs, a speed change applies or is dropped. Either way the customer is told
 * by email, and a denial's reason stays readable in `vxcApproval.message`.
 */
import { randomUUID } from "node:crypto";
import { forbidden, refused } from "../domain-error";
import type { Store } from "../store";
import type { VxcApprovalType } from "../../provider/client/schemas/products";
import type { ApprovalDecision, PendingApproval, VxcRecord } from "../state";
import { assertMayApprove, assertMayChange, type Caller } from "./caller";
import { assertNotLocked } from "./product-locks";
import { sendVxcEmail } from "./emails";
import { logApprovalClosed, logApprovalOpened } from "./order-approval-log";
import { failOrder, scheduleDeployment, startCancellation } from "./transitions";
import { claimVlan } from "./vlans";
import { canSeeVxc, vxcParties } from "./vxc-parties";

/** Open a request on `vxc` for its B-end owner; `requestedBy` is the personUid of whoever asked. */
export function openApproval(
  store: Store,
  vxc: VxcRecord,
  type: VxcApprovalType,
  newSpeed: number,
  requestedBy: string | null,
): void {
  const { aOwnerUid, bOwnerUid } = vxcParties(store, vxc);
  const now = store.now();
  vxc.approval = {
    uid: randomUUID(),
    type,
    newSpeed,
    approverCompanyUid: bOwnerUid,
    requesterCompanyUid: aOwnerUid,
    requestedAt: now,
    expiresAt: now + store.timings.approvalExpiryMs,
  };
  logApprovalOpened(store, vxc, vxc.approval, requestedBy);
  store.markChanged();
  if (type === "NEW") {
    sendVxcEmail(store, "CONNECTION_REQUEST", vxc);
    sendVxcEmail(store, "CONNECTION_REQUEST_SUBMITTED", vxc);
  } else {
    sendVxcEmail(store, "SPEED_CHANGE_REQUEST", vxc, { newSpeed });
    sendVxcEmail(store, "SPEED_CHANGE_SUBMITTED", vxc, { newSpeed });
  }
}

export interface Decision {
  approved: boolean;
  /** VLAN the provider wants on its (B) end; 0 or absent keeps the current one. */
  vlan?: number;
  /** Why the provider denied; shown to the customer. */
  reason?: string;
}

/** Accept or deny the pending request on `vxc` on behalf of `caller`, who must own the B-end. */
export function decideApproval(store: Store, caller: Caller, vxc: VxcRecord, decision: Decision): void {
  const approval = vxc.approval;
  if (!approval) {
    // The same answer again (a client retrying after a lost response) changes nothing and succeeds.
    if (repeatsLastDecision(store, caller, vxc, decision.approved)) return;
    throw refused(`VXC ${vxc.productUid} has no pending approval to accept or deny`);
  }
  if (approval.approverCompanyUid !== caller.companyUid) {
    throw forbidden("Only B end owner can approve or deny this VXC");
  }
  assertMayApprove(caller);
  assertNotLocked(vxc);
  const provider = store.company(approval.approverCompanyUid).tradingName;
  if (
    decision.approved &&
    decision.vlan !== undefined &&
    decision.vlan !== 0 &&
    decision.vlan !== vxc.bEnd.vlan
  ) {
    vxc.bEnd.vlan = claimVlan(store, vxc.bEnd.productUid, decision.vlan, "vlan", {
      exceptVxcUid: vxc.productUid,
    });
  }
  const now = store.now();
  const reason = decision.reason?.trim() || (decision.approved ? "" : `Denied by ${provider}`);
  closeRequest(store, vxc, approval, decision.approved ? "APPROVED" : "REJECTED", reason, now);
  if (approval.type === "NEW") {
    if (decision.approved) {
      scheduleDeployment(store, vxc, now);
      sendVxcEmail(store, "CONNECTION_REQUEST_ACCEPTED", vxc);
    } else {
      failOrder(store, vxc);
      sendVxcEmail(store, "CONNECTION_REQUEST_DENIED", vxc, { reason });
    }
  } else if (decision.approved) {
    vxc.rateLimit = approval.newSpeed;
    sendVxcEmail(store, "SPEED_CHANGE_ACCEPTED", vxc);
  } else {
    sendVxcEmail(store, "SPEED_CHANGE_DENIED", vxc, { reason, newSpeed: approval.newSpeed });
  }
}

/**
 * The requesting company takes its request back. A connection request goes with its VXC, as if the customer
 * had cancelled it now (CANCELLED, then DECOMMISSIONED; its VLANs are free again); a speed change just closes
 * and the rate stays. No email: the Marketplace guide has none for this.
 */
export function withdrawApproval(store: Store, caller: Caller, vxc: VxcRecord, comment: string): void {
  const approval = vxc.approval;
  if (!approval) throw refused(`VXC ${vxc.productUid} has no pending request to withdraw`);
  if (approval.requesterCompanyUid !== caller.companyUid) {
    throw forbidden("Only the company that made the request can withdraw it");
  }
  assertMayChange(caller);
  const now = store.now();
  const reason = comment || `Withdrawn by ${store.company(approval.requesterCompanyUid).tradingName}`;
  closeRequest(store, vxc, approval, "WITHDRAWN", reason, now, comment);
  if (approval.type === "NEW")
    startCancellation(store, vxc, "CANCELLED", now + store.timings.cancelledMs, now);
}

/**
 * Nobody answered in time (60 days, `approvalExpiryMs`): the lifecycle calls this when the request's expiry
 * falls due. A connection request FAILs its VXC; a speed change just closes and the rate stays.
 */
export function expireApproval(store: Store, vxc: VxcRecord): void {
  const approval = vxc.approval;
  if (!approval) return;
  const provider = store.company(approval.approverCompanyUid).tradingName;
  const reason = `Request expired: ${provider} did not answer within 60 days`;
  closeRequest(store, vxc, approval, "EXPIRED", reason, approval.expiresAt);
  if (approval.type === "NEW") {
    failOrder(store, vxc);
    sendVxcEmail(store, "CONNECTION_REQUEST_EXPIRED", vxc);
  } else {
    sendVxcEmail(store, "SPEED_CHANGE_EXPIRED", vxc, { newSpeed: approval.newSpeed });
  }
  store.markChanged();
}

/**
 * End the pending request on `vxc`: it is kept as the VXC's last decision (the customer reads the reason in
 * `vxcApproval`) and closed in the approval queue with `queueComment` (the reason unless said otherwise).
 */
function closeRequest(
  store: Store,
  vxc: VxcRecord,
  approval: PendingApproval,
  outcome: ApprovalDecision["outcome"],
  reason: string,
  decidedAt: number,
  queueComment: string = reason,
): void {
  vxc.approval = null;
  vxc.lastDecision = {
    uid: approval.uid,
    type: approval.type,
    newSpeed: approval.newSpeed,
    outcome,
    reason,
    decidedAt,
  };
  logApprovalClosed(store, approval.uid, outcome, queueComment);
  store.markChanged();
}

function repeatsLastDecision(store: Store, caller: Caller, vxc: VxcRecord, approved: boolean): boolean {
  const last = vxc.lastDecision;
  return (
    last !== null &&
    vxcParties(store, vxc).bOwnerUid === caller.companyUid &&
    last.outcome === (approved ? "APPROVED" : "REJECTED")
  );
}

/** The VXC whose pending request has this approval UID, if the caller's company is the one that must act. */
export function vxcByApprovalUid(store: Store, caller: Caller, approvalUid: string): VxcRecord {
  const vxc =
    store.state.vxcs.find((v) => v.approval?.uid === approvalUid) ??
    store.state.vxcs.find((v) => v.approval === null && v.lastDecision?.uid === approvalUid);
  const approver = vxc?.approval?.approverCompanyUid ?? (vxc ? vxcParties(store, vxc).bOwnerUid : undefined);
  if (!vxc || !canSeeVxc(store, caller.companyUid, vxc) || approver !== caller.companyUid) {
    throw refused(`Could not find a pending VXC order with UID ${approvalUid}`);
  }
  return vxc;
}

/** Requests the company must answer, oldest first (the portal's Approvals list). */
export function pendingApprovalsFor(store: Store, companyUid: string): VxcRecord[] {
  return store.state.vxcs
    .filter((v) => v.approval?.approverCompanyUid === companyUid)
    .sort((a, b) => (a.approval?.requestedAt ?? 0) - (b.approval?.requestedAt ?? 0));
}
