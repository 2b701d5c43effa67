/**
 * /v3/order_approvals over the simulator's Marketplace requests (docs/megaport-api.md §5.5, §9.2): the requests a
 * company may see (it must answer them, or it made them), paged and filtered as megaportgo asks; approve and
 * reject do exactly what accepting or denying through PUT /v3/product/vxc/{uid} does (decideApproval: the same
 * rules, state changes and emails); withdraw is the requester's. How sure we are that the real API ties its
 * approval queue to Marketplace VXC requests at all is in simulator/README.md ("Order approvals").
 */
import { forbidden, notFound, refused } from "../domain-error";
import type { Store } from "../store";
import {
  ORDER_APPROVAL_STATUSES,
  type OrderApprovalStatus,
} from "../../provider/client/schemas/order-approvals";
import type { OrderApprovalRecord } from "../state";
import { decideApproval, withdrawApproval } from "./approvals";
import type { Caller } from "./caller";
import { findOrderApproval } from "./order-approval-log";

export const ORDER_APPROVAL_SORTS = ["createDate", "id", "status", "type"] as const;
export type OrderApprovalSort = (typeof ORDER_APPROVAL_SORTS)[number];

export interface OrderApprovalQuery {
  status?: OrderApprovalStatus;
  /** Numeric service ids (the VXC's productId). */
  serviceIds?: number[];
  /** 1-based. */
  pageNumber: number;
  pageSize: number;
  sort: OrderApprovalSort;
  direction: "ASC" | "DESC";
}

export interface OrderApprovalPage {
  records: OrderApprovalRecord[];
  totalCount: number;
  totalPages: number;
}

/** Whether the caller's company must answer the request or made it. */
function canSee(caller: Caller, record: OrderApprovalRecord): boolean {
  return record.approverCompanyUid === caller.companyUid || record.requesterCompanyUid === caller.companyUid;
}

export function listOrderApprovals(
  store: Store,
  caller: Caller,
  query: OrderApprovalQuery,
): OrderApprovalPage {
  const serviceIds = query.serviceIds && new Set(query.serviceIds);
  const matching = store.state.orderApprovals.filter(
    (r) =>
      canSee(caller, r) &&
      (query.status === undefined || r.status === query.status) &&
      (serviceIds === undefined || serviceIds.has(store.vxc(r.vxcUid).productId)),
  );
  const key = (r: OrderApprovalRecord): number | string =>
    query.sort === "createDate" ? r.requestedAt : query.sort === "id" ? r.id : r[query.sort];
  const sign = query.direction === "ASC" ? 1 : -1;
  matching.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -1 : x > y ? 1 : a.id - b.id) * sign;
  });
  const start = (query.pageNumber - 1) * query.pageSize;
  return {
    records: matching.slice(start, start + query.pageSize),
    totalCount: matching.length,
    totalPages: Math.ceil(matching.length / query.pageSize),
  };
}

export const ORDER_APPROVAL_ACTIONS = ["approve", "reject", "withdraw"] as const;
export type OrderApprovalAction = (typeof ORDER_APPROVAL_ACTIONS)[number];

/** What each action leaves a request as: repeating it is a no-op, like answering PUT isApproved twice. */
const RESULT: Record<OrderApprovalAction, OrderApprovalStatus> = {
  approve: "APPROVED",
  reject: "REJECTED",
  withdraw: "WITHDRAWN",
};

export interface OrderApprovalAnswer {
  comments?: string;
  /** EXTENSION: approve only, the B-end VLAN to use (as `vlan` on PUT /v2/order/vxc/{uid}). */
  vlan?: number;
}

export function answerOrderApproval(
  store: Store,
  caller: Caller,
  uid: string,
  action: OrderApprovalAction,
  answer: OrderApprovalAnswer,
): OrderApprovalRecord {
  const record = findOrderApproval(store, uid);
  if (!record || !canSee(caller, record)) throw notFound(`Order approval ${uid} not found`);
  if (action === "withdraw") {
    if (record.requesterCompanyUid !== caller.companyUid) {
      throw forbidden("Only the company that made the request can withdraw it");
    }
  } else if (record.approverCompanyUid !== caller.companyUid) {
    throw forbidden(`Only the approving company can ${action} this request`);
  }
  if (record.status !== "PENDING") {
    if (record.status === RESULT[action]) return record;
    throw refused(`Order approval ${uid} is already ${record.status}`);
  }
  const vxc = store.vxc(record.vxcUid);
  const comments = answer.comments?.trim() ?? "";
  if (action === "withdraw") withdrawApproval(store, caller, vxc, comments);
  else {
    decideApproval(store, caller, vxc, {
      approved: action === "approve",
      vlan: action === "approve" ? answer.vlan : undefined,
      reason: comments || undefined,
    });
  }
  return record;
}

export function isOrderApprovalStatus(value: string): value is OrderApprovalStatus {
  return (ORDER_APPROVAL_STATUSES as readonly string[]).includes(value);
}
