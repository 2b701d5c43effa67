/**
 * The log behind GET /v3/order_approvals: one record per connection request or speed change, opened when the
 * request is and closed with whatever ended it (an answer, a withdrawal, expiry, or the service going away),
 * whichever path did it: PUT /v3/product/vxc/{uid}, PUT /v2/order/vxc/{uid}, /v3/order_approvals, the portal or
 * the lifecycle. Knows nothing of HTTP.
 */
import type { Store } from "../store";
import type { OrderApprovalRecord, OrderApprovalStatus, PendingApproval, VxcRecord } from "../state";

export function logApprovalOpened(
  store: Store,
  vxc: VxcRecord,
  approval: PendingApproval,
  requestedBy: string | null,
): OrderApprovalRecord {
  const record: OrderApprovalRecord = {
    uid: approval.uid,
    id: store.state.nextOrderApprovalId++,
    vxcUid: vxc.productUid,
    type: approval.type,
    newSpeed: approval.newSpeed,
    approverCompanyUid: approval.approverCompanyUid,
    requesterCompanyUid: approval.requesterCompanyUid,
    requestedBy,
    requestedAt: approval.requestedAt,
    status: "PENDING",
    comment: "",
    decidedAt: null,
  };
  store.state.orderApprovals.push(record);
  store.markChanged();
  return record;
}

export function findOrderApproval(store: Store, uid: string): OrderApprovalRecord | undefined {
  return store.state.orderApprovals.find((r) => r.uid === uid);
}

/** Close the request `uid` if it is still pending (a request is only ever closed once). */
export function logApprovalClosed(
  store: Store,
  uid: string,
  status: Exclude<OrderApprovalStatus, "PENDING">,
  comment: string,
): void {
  const record = findOrderApproval(store, uid);
  if (!record || record.status !== "PENDING") return;
  record.status = status;
  record.comment = comment;
  record.decidedAt = store.now();
  store.markChanged();
}

/**
 * State files written before the log existed: start it, and give every request still pending a record so the
 * list shows it.
 */
export function backfillOrderApprovals(state: {
  orderApprovals?: OrderApprovalRecord[];
  nextOrderApprovalId?: number;
  vxcs: VxcRecord[];
}): void {
  if (state.orderApprovals && state.nextOrderApprovalId !== undefined) return;
  state.orderApprovals = [];
  state.nextOrderApprovalId = 5001;
  for (const vxc of state.vxcs) {
    const approval = vxc.approval;
    if (!approval) continue;
    state.orderApprovals.push({
      uid: approval.uid,
      id: state.nextOrderApprovalId++,
      vxcUid: vxc.productUid,
      type: approval.type,
      newSpeed: approval.newSpeed,
      approverCompanyUid: approval.approverCompanyUid,
      requesterCompanyUid: approval.requesterCompanyUid,
      requestedBy: null,
      requestedAt: approval.requestedAt,
      status: "PENDING",
      comment: "",
      decidedAt: null,
    });
  }
}
