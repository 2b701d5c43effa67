/**
 * The order approval queue: GET /v3/order_approvals (paged, with Pagination-* headers) and
 * POST /v3/order_approvals/{uid}/approve|reject|withdraw (megaportgo order_approvals.go), served over the
 * simulator's Marketplace requests (domain/order-approvals.ts).
 */
import { z } from "zod";
import { envelope, TERMS_V3 } from "../envelope";
import { badRequest } from "../errors";
import {
  answerOrderApproval,
  isOrderApprovalStatus,
  listOrderApprovals,
  ORDER_APPROVAL_ACTIONS,
  ORDER_APPROVAL_SORTS,
  type OrderApprovalAction,
  type OrderApprovalQuery,
  type OrderApprovalSort,
} from "../domain/order-approvals";
import { parseBody, type Route } from "../router";
import { orderApprovalView } from "../views/order-approval-view";
import { int, optional } from "./body-schemas";

/** Our page size when none is asked for (the real API's default is not recorded). */
export const DEFAULT_ORDER_APPROVAL_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 1000;

const ActionBody = z.object({
  comments: optional(z.string().max(1000)),
  // EXTENSION: approve only: the B-end VLAN, as `vlan` on PUT /v2/order/vxc/{uid}.
  vlan: optional(int()),
});

const DONE: Record<OrderApprovalAction, string> = {
  approve: "Order request approved successfully",
  reject: "Order request rejected successfully",
  withdraw: "Order request withdrawn successfully",
};

function positiveQuery(query: URLSearchParams, name: string, fallback: number, max = Infinity): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw badRequest(
      `Invalid ${name} "${raw}": a whole number from 1${max === Infinity ? "" : ` to ${max}`}`,
    );
  }
  return n;
}

function readQuery(query: URLSearchParams): OrderApprovalQuery {
  const status = query.get("status") ?? undefined;
  if (status !== undefined && !isOrderApprovalStatus(status)) throw badRequest(`Invalid status "${status}"`);
  const ids = query.get("serviceIds");
  const serviceIds =
    ids === null
      ? undefined
      : ids.split(",").map((id) => {
          const n = Number(id.trim());
          if (!Number.isInteger(n) || n < 1)
            throw badRequest(`Invalid serviceIds "${ids}": numeric service ids`);
          return n;
        });
  const sort = query.get("sort") ?? "createDate";
  if (!(ORDER_APPROVAL_SORTS as readonly string[]).includes(sort)) {
    throw badRequest(`Invalid sort "${sort}": one of ${ORDER_APPROVAL_SORTS.join(", ")}`);
  }
  const direction = (query.get("direction") ?? "DESC").toUpperCase();
  if (direction !== "ASC" && direction !== "DESC") throw badRequest(`Invalid direction "${direction}"`);
  return {
    status,
    serviceIds,
    pageNumber: positiveQuery(query, "pageNumber", 1),
    pageSize: positiveQuery(query, "pageSize", DEFAULT_ORDER_APPROVAL_PAGE_SIZE, MAX_PAGE_SIZE),
    sort: sort as OrderApprovalSort,
    direction,
  };
}

export const orderApprovalRoutes: Route[] = [
  {
    method: "GET",
    path: "/v3/order_approvals",
    auth: true,
    handler: ({ store, caller, query }) => {
      const asked = readQuery(query);
      const page = listOrderApprovals(store, caller, asked);
      return {
        body: envelope(
          "Success",
          page.records.map((r) => orderApprovalView(store, r)),
          TERMS_V3,
        ),
        headers: {
          "Pagination-Total-Count": String(page.totalCount),
          "Pagination-Page": String(asked.pageNumber),
          "Pagination-Limit": String(asked.pageSize),
          "Pagination-Total-Page": String(page.totalPages),
        },
      };
    },
  },
  ...ORDER_APPROVAL_ACTIONS.map((action): Route => ({
    method: "POST",
    path: `/v3/order_approvals/:uid/${action}`,
    auth: true,
    change: true,
    handler: ({ store, caller, params, body }) => {
      const input = parseBody(ActionBody, body);
      if (input.vlan !== undefined && action !== "approve") {
        throw badRequest(`vlan is only taken when approving, not on ${action}`);
      }
      answerOrderApproval(store, caller, params.uid, action, input);
      return { body: envelope("Success", DONE[action], TERMS_V3) };
    },
  })),
];
