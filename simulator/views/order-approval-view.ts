/**
 * A request as GET /v3/order_approvals lists it (megaportgo order_approvals.go OrderApproval; the shape of
 * order_approvals_test.go). Our mapping of a Marketplace request onto it: `type` NEW_ORDER or SPEED_CHANGE,
 * `serviceId` the VXC's productId, `referenceId` "ORD-<vxcOrderId>-<id>", `acctName` the requesting company's
 * trading name, `detail.productRequest` the VXC (UID, name, rate and asked-for speed, both ends).
 */
import type { Store } from "../store";
import type { OrderApprovalRecord } from "../state";
import type { OrderApprovalWire } from "./wire-types";

export function orderApprovalView(store: Store, record: OrderApprovalRecord): OrderApprovalWire {
  const vxc = store.vxc(record.vxcUid);
  const approver = store.company(record.approverCompanyUid);
  const requester = store.company(record.requesterCompanyUid);
  const asker = store.state.users.find((u) => u.personUid === record.requestedBy);
  const type = record.type === "NEW" ? "NEW_ORDER" : "SPEED_CHANGE";
  return {
    uid: record.uid,
    id: record.id,
    referenceId: `ORD-${vxc.vxcOrderId}-${record.id}`,
    status: record.status,
    type,
    active: record.status === "PENDING",
    acctName: requester.tradingName,
    acctRef: null,
    approverCompanyId: approver.companyId,
    requesterCompanyId: requester.companyId,
    serviceId: vxc.productId,
    comment: record.comment,
    createDate: record.requestedAt,
    detail: {
      type,
      origin: "megaport-simulator",
      userName: asker?.email ?? null,
      requesterCompanyId: requester.companyId,
      productRequest: [
        {
          productUid: vxc.productUid,
          productName: vxc.productName,
          productType: "VXC",
          rateLimit: vxc.rateLimit,
          newSpeed: record.newSpeed,
          aEnd: { productUid: vxc.aEnd.productUid, vlan: vxc.aEnd.vlan },
          bEnd: { productUid: vxc.bEnd.productUid, vlan: vxc.bEnd.vlan },
        },
      ],
    },
  };
}
