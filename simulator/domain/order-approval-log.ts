/**
 * The log behind GET /v3/order_approvals: one record per connection request or speed change, opened when the
 * request is and closed with whatever ended it (an answer, a withdrawal, expiry, or the service going away),
 * whichever path did it: PUT /v3/product/vxc/{uid}, PUT /v2/order/vxc/{uid}, /v3/order_approvals, the portal or
 * the lifecycle. Knows nothing of HTTP.
 */
import type { Store } from "../store";
import type { OrderApprovalStatus } from "../../provider/client/schemas/order-approvals";
import {
  openedOrderApproval,
  type OrderApprovalRecord,
  type PendingApproval,
  type VxcRecord,
} from "../state";

export function logApprovalOpened(
  store: Store,
  vxc: VxcRecord,
  approval: PendingApproval,
  requestedBy: string | null,
): OrderApprovalRecord {
  const record = openedOrderApproval(
    store.state.nextOrderApprovalId++,
    vxc.productUid,
    approval,
    requestedBy,
  );
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
