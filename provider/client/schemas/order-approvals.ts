// The order approval queue: GET /v3/order_approvals and POST /v3/order_approvals/{uid}/approve|reject|withdraw
// (docs/megaport-api.md §5.5, §9.2; megaportgo order_approvals.go, order_approvals_test.go). The list is paged with
// Pagination-* response headers. Must never: hide a request whose status or type the API added since
// (both are open enums), or send an action body with a field the API does not take (bodies are strict).

import { z } from "zod";
import { epochMs, openEnum, vlanSchema } from "./scalars";

/** `status` of a request. */
export const ORDER_APPROVAL_STATUSES = [
  "PENDING",
  "APPROVED",
  "REJECTED",
  "FAILED",
  "WITHDRAWN",
  "EXPIRED",
] as const;
export type OrderApprovalStatus = (typeof ORDER_APPROVAL_STATUSES)[number];

/** `type` of a request: a new connection, a term change or a speed change. */
export const ORDER_APPROVAL_TYPES = ["NEW_ORDER", "TERM_CHANGE", "SPEED_CHANGE"] as const;
export type OrderApprovalType = (typeof ORDER_APPROVAL_TYPES)[number];

const ProductRequestSchema = z.looseObject({
  /** The service the request is about (the simulator sends the VXC's UID). */
  productUid: z.string().nullish(),
  productName: z.string().nullish(),
  productType: z.string().nullish(),
  rateLimit: z.number().nullish(),
  newSpeed: z.number().nullish(),
});

/** Free-form in megaportgo (json.RawMessage); these are the members its fixture shows. */
const OrderApprovalDetailSchema = z.looseObject({
  type: z.string().nullish(),
  origin: z.string().nullish(),
  /** Who asked: the requesting user's login. */
  userName: z.string().nullish(),
  requesterCompanyId: z.number().nullish(),
  productRequest: z.array(ProductRequestSchema).nullish(),
});

export const OrderApprovalSchema = z.looseObject({
  /** The request's UID, used in the action paths. */
  uid: z.string(),
  id: z.number().nullish(),
  /** Human reference, e.g. "ORD-54321-45". */
  referenceId: z.string().nullish(),
  /** One of ORDER_APPROVAL_STATUSES. */
  status: openEnum(ORDER_APPROVAL_STATUSES),
  /** One of ORDER_APPROVAL_TYPES. */
  type: openEnum(ORDER_APPROVAL_TYPES).nullish(),
  /** true while it waits for an answer. */
  active: z.boolean().nullish(),
  acctName: z.string().nullish(),
  acctRef: z.string().nullish(),
  /** The company that must answer (numeric `companyId`). */
  approverCompanyId: z.number().nullish(),
  /** The company that asked. */
  requesterCompanyId: z.number().nullish(),
  /** Numeric id of the service the request is about (a product's `productId`). */
  serviceId: z.number().nullish(),
  comment: z.string().nullish(),
  createDate: epochMs.nullish(),
  detail: OrderApprovalDetailSchema.nullish(),
});
export type OrderApproval = z.output<typeof OrderApprovalSchema>;

export const OrderApprovalListSchema = z.array(OrderApprovalSchema);

/** Query of GET /v3/order_approvals (every field optional; the API's defaults apply). */
export const OrderApprovalQuerySchema = z.strictObject({
  /** Only requests in this status. */
  status: z.enum(ORDER_APPROVAL_STATUSES).optional(),
  /** Only requests about these services (numeric productIds), sent comma-separated. */
  serviceIds: z.array(z.number().int().positive()).optional(),
  /** 1-based page number. */
  pageNumber: z.number().int().positive().optional(),
  pageSize: z.number().int().positive().optional(),
  /** Field to sort by, e.g. "createDate". */
  sort: z.string().min(1).optional(),
  /** Sort direction; the API's default is DESC. */
  direction: z.enum(["ASC", "DESC"]).optional(),
});
export type OrderApprovalQuery = z.input<typeof OrderApprovalQuerySchema>;

/** Body of approve, reject and withdraw (megaportgo OrderApprovalActionRequest). */
export const OrderApprovalActionSchema = z.strictObject({
  /** Why: shown to the other company (on a rejection, the reason the customer reads). */
  comments: z.string().max(1000).optional(),
});
export type OrderApprovalAction = z.input<typeof OrderApprovalActionSchema>;

/** Body of approve: `comments`, and (EXTENSION, simulator) the B-end VLAN to use, as legacy approvals take. */
export const OrderApprovalApproveSchema = OrderApprovalActionSchema.extend({
  /** EXTENSION (simulator): the provider-side (B-end) VLAN; not in megaportgo's body. */
  vlan: vlanSchema.optional(),
});
export type OrderApprovalApprove = z.input<typeof OrderApprovalApproveSchema>;

/** One page of requests with the Pagination-* headers' numbers (0 where the API sent none). */
export interface OrderApprovalPage {
  orderApprovals: OrderApproval[];
  totalCount: number;
  page: number;
  limit: number;
  totalPages: number;
}
