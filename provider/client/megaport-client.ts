// MegaportClient: the typed methods the resources, the watcher and the approver call, each with its real
// path and method (docs/megaport-api.md §5) and a zod schema for its answer (schemas/<area>.ts). Request bodies
// are checked strictly before anything is sent. Must never: send a request the schemas reject, throw an
// error that is not a redacted MegaportError, or hold credentials anywhere but the transport.

import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import { checkEmployeeId, checkInput, checkUid, optionalEmployeeId } from "./check-input";
import { SchemaMismatchError, ValidationError } from "./errors";
import { resolveEndpoints, type EnvironmentName } from "./environments";
import { sharedRequestBudget, type RateLimiter, type RequestPriority } from "./request-budget";
import { resolveRetryPolicy, type RetryOptions } from "./retry";
import { filterPartnerPorts, type PartnerPortCriteria } from "./partner-port-filter";
import { Transport, type ApiCall, type HttpMethod } from "./transport";
import { userAgent } from "./user-agent";
import { envelope, MessageOnlyEnvelopeSchema } from "./schemas/envelope";
import {
  LocationListSchema,
  NetworkRegionListSchema,
  PUBLIC_NETWORK_REGION,
  type Location,
  type LocationStatus,
  type NetworkRegion,
} from "./schemas/locations";
import { PartnerPortListSchema, type PartnerPort } from "./schemas/partner-ports";
import {
  AnyProductSchema,
  PortUpdateResultSchema,
  PortUpdateSchema,
  PRODUCT_ACTIONS,
  ProductListSchema,
  VlanAvailabilitySchema,
  VxcSchema,
  type AnyProduct,
  type PortUpdate,
  type PortUpdateResult,
  type Product,
  type ProductAction,
  type Vxc,
  type VxcApprovalStatus,
} from "./schemas/products";
import {
  BuyResultSchema,
  type BuyResultItem,
  ValidateResultSchema,
  VxcOrderSchema,
  type ValidateResultItem,
  type VxcOrderItem,
} from "./schemas/vxc-order";
import {
  VxcOrderApprovalSchema,
  VxcUpdateSchema,
  type VxcOrderApproval,
  type VxcUpdate,
} from "./schemas/vxc-update";
import { ResourceTagsBodySchema, ResourceTagsDataSchema, type ResourceTag } from "./schemas/resource-tags";
import {
  ServiceKeyCreateSchema,
  ServiceKeyListSchema,
  ServiceKeySchema,
  ServiceKeyUpdateSchema,
  type ServiceKey,
  type ServiceKeyCreate,
  type ServiceKeyUpdate,
} from "./schemas/service-keys";
import { UserListSchema, UserSchema, UserUpdateSchema, type User, type UserUpdate } from "./schemas/users";
import {
  NotificationPreferencesBodySchema,
  NotificationPreferencesSchema,
  type NotificationPreferences,
  type NotificationPreferencesBody,
} from "./schemas/notification-preferences";
import {
  MarketplaceProfileListSchema,
  MarketplaceProfileSchema,
  MarketplaceProfileUpdateSchema,
  type MarketplaceProfile,
  type MarketplaceProfileUpdate,
} from "./schemas/marketplace-profile";
import {
  OrderApprovalActionSchema,
  OrderApprovalApproveSchema,
  OrderApprovalListSchema,
  OrderApprovalQuerySchema,
  type OrderApproval,
  type OrderApprovalAction,
  type OrderApprovalApprove,
  type OrderApprovalPage,
  type OrderApprovalQuery,
} from "./schemas/order-approvals";
import {
  PriceBookSchema,
  VxcPriceRequestSchema,
  type PriceBook,
  type VxcPriceRequest,
} from "./schemas/pricing";
import { vlanSchema } from "./schemas/scalars";

export interface MegaportClientOptions {
  /** API key (client id). */
  accessKey: string;
  /** API key secret. Never logged, never in an error. */
  secretKey: string;
  /** Megaport environment; `baseUrl` + `tokenUrl` override it. Keys are per environment. */
  environment?: EnvironmentName;
  /** API base URL (the simulator's `url`). */
  baseUrl?: string;
  /** OAuth2 token URL (the simulator's `tokenUrl`). */
  tokenUrl?: string;
  /** Allow http:// to a non-loopback host (credentials travel unencrypted). */
  allowInsecureHttp?: boolean;
  /** Product token put before "megaport-mx/<version>" in User-Agent. */
  userAgent?: string;
  /** Deadline for one HTTP attempt (response headers and body), ms. Default 60000. */
  requestTimeoutMs?: number;
  /** Deadline for opening a connection (TCP + TLS), ms. Default 10000. */
  connectTimeoutMs?: number;
  /** Retry policy: 6 retries, 1 s doubling to 8 s (Retry-After honoured up to 30 s); the CLI's 3 give up inside a fault burst. */
  retry?: RetryOptions;
  /** Defaults to the process-wide request budget shared by every client (sharedRequestBudget()). */
  rateLimiter?: RateLimiter;
  /** Debug hook: one redacted line per attempt (method, path, status, duration, Trace-Id) and per retry. */
  log?: (line: string) => void;
  /** Clock (ms), for tests of token expiry. */
  now?: () => number;
}

/** Every method takes an AbortSignal, and a priority in the request budget's queue. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Default: "lookup" for reads, "order" for changes. The watcher's polls go first ("poll"). */
  priority?: RequestPriority;
}

export { filterPartnerPorts, type PartnerPortCriteria };

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const encode = encodeURIComponent;

/**
 * What the write helpers read of a caller's CallOptions: the signal only. A write waits in the request
 * budget's "order" queue (the transport's default for anything but a GET) whatever priority is passed.
 */
type WriteOptions = Pick<CallOptions, "signal">;

/** `vxcApproval.status` of a request the viewing company must answer (docs/megaport-api.md §9.1a). */
const PENDING_ON_THE_VIEWER: VxcApprovalStatus = "PENDING_INTERNAL";

/** How many pages listPendingOrderApprovals reads at most (a guard against a server that never ends). */
const MAX_PAGES = 1000;

/** A Pagination-* header as a number; 0 when absent (megaportgo treats a non-number as an error). */
function paginationHeader(headers: IncomingHttpHeaders, name: string): number {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === "") return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new SchemaMismatchError({
      method: "GET",
      path: "/v3/order_approvals",
      fieldPath: name,
      reason: `the ${name} header is "${value}", not a whole number`,
    });
  }
  return n;
}

export class MegaportClient {
  private readonly transport: Transport;
  /** The caller's companyId once learnt (listPendingOrderApprovals). */
  private companyId: Promise<number | undefined> | undefined;

  constructor(options: MegaportClientOptions) {
    for (const field of ["accessKey", "secretKey"] as const) {
      if (typeof options[field] !== "string" || options[field].trim() === "") {
        throw new ValidationError({
          fieldPath: field,
          reason: "is empty",
          fix: "give the API key's access key and secret (Portal > Tools > API Key Generator)",
        });
      }
    }
    this.transport = new Transport({
      endpoints: resolveEndpoints(options),
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      userAgent: userAgent(options.userAgent),
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      retry: resolveRetryPolicy(options.retry),
      rateLimiter: options.rateLimiter ?? sharedRequestBudget(),
      log: options.log,
      now: options.now ?? Date.now,
    });
  }

  /** Closes the connection pool. Later calls fail. */
  close(): Promise<void> {
    return this.transport.close();
  }

  // ── Locations ────────────────────────────────────────────────────────────────────────────────────

  /** GET /v3/locations, optionally only locations in the given statuses. */
  async listLocations(
    options: CallOptions & { locationStatuses?: readonly LocationStatus[] } = {},
  ): Promise<Location[]> {
    const res = await this.get("/v3/locations", envelope(LocationListSchema), options, {
      locationStatuses: options.locationStatuses,
    });
    return res.data;
  }

  /** GET /v2/networkRegions: the countries Megaport serves per network region, with their market codes. */
  async listNetworkRegions(options: CallOptions = {}): Promise<NetworkRegion[]> {
    return (await this.get("/v2/networkRegions", envelope(NetworkRegionListSchema), options)).data;
  }

  /**
   * The market codes of the public network region MP1 (each country's `prefix`, what locations carry in
   * `market`), as megaportgo's ListMarketCodes reads them.
   */
  async listMarketCodes(options: CallOptions = {}): Promise<string[]> {
    const regions = await this.listNetworkRegions(options);
    const mp1 = regions.find((r) => r.networkRegion === PUBLIC_NETWORK_REGION);
    return (mp1?.countries ?? []).map((c) => c.prefix);
  }

  // ── Partner ports (the Marketplace) ─────────────────────────────────────────────────────────────

  /** GET /v2/dropdowns/partner/megaports: every port open to other companies' VXCs (CSPs and providers). */
  async listPartnerPorts(options: CallOptions = {}): Promise<PartnerPort[]> {
    return (await this.get("/v2/dropdowns/partner/megaports", envelope(PartnerPortListSchema), options)).data;
  }

  /**
   * Partner ports matching `criteria`, filtered client-side as megaportgo does (the endpoint has no
   * server-side filters we can rely on), keeping only ports with vxcPermitted. Empty when none match.
   */
  async findPartnerPorts(criteria: PartnerPortCriteria, options: CallOptions = {}): Promise<PartnerPort[]> {
    return filterPartnerPorts(await this.listPartnerPorts(options), criteria);
  }

  // ── Products ─────────────────────────────────────────────────────────────────────────────────────

  /** GET /v2/products: the company's ports, MCRs and MVEs with their VXCs (incl. decommissioned ones). */
  async listProducts(options: CallOptions = {}): Promise<Product[]> {
    return (await this.get("/v2/products", envelope(ProductListSchema), options)).data;
  }

  /** GET /v2/product/{uid}: any product. Use isVxc() to tell a VXC from a port. */
  async getProduct(uid: string, options: CallOptions = {}): Promise<AnyProduct> {
    return (
      await this.get(`/v2/product/${encode(checkUid(uid, "uid"))}`, envelope(AnyProductSchema), options)
    ).data;
  }

  /** GET /v2/product/{uid} for a VXC, with aEnd, bEnd, resources and vxcApproval. */
  async getVxc(uid: string, options: CallOptions = {}): Promise<Vxc> {
    const vxc = (await this.get(`/v2/product/${encode(checkUid(uid, "uid"))}`, envelope(VxcSchema), options))
      .data;
    if (vxc.productType && vxc.productType !== "VXC") {
      throw new ValidationError({
        fieldPath: "uid",
        reason: `${uid} is a ${vxc.productType}, not a VXC`,
        fix: "pass the UID of a VXC (getProduct reads any product)",
      });
    }
    return vxc;
  }

  /** PUT /v2/product/megaport/{uid}: rename a port, set its cost centre or Marketplace visibility. */
  async updatePort(uid: string, update: PortUpdate, options: CallOptions = {}): Promise<PortUpdateResult> {
    const body = checkInput(PortUpdateSchema, update, "update");
    const res = await this.put(
      `/v2/product/megaport/${encode(checkUid(uid, "uid"))}`,
      body,
      envelope(PortUpdateResultSchema.nullish()),
      options,
    );
    return res.data ?? {};
  }

  /** POST /v3/product/{uid}/action/{action}: CANCEL (end of term), CANCEL_NOW, or UN_CANCEL. */
  async cancelProduct(
    uid: string,
    action: ProductAction,
    options: CallOptions & { safeDelete?: boolean } = {},
  ): Promise<void> {
    if (!PRODUCT_ACTIONS.includes(action)) {
      throw new ValidationError({
        fieldPath: "action",
        reason: `"${String(action)}" is not a product action`,
        fix: `use one of ${PRODUCT_ACTIONS.join(", ")}`,
      });
    }
    await this.send("POST", `/v3/product/${encode(checkUid(uid, "uid"))}/action/${action}`, {
      query: { safeDelete: options.safeDelete },
      schema: MessageOnlyEnvelopeSchema,
      // Cancelling twice is refused by the API rather than harmless, so it is not retried blindly.
      safety: "unsafe",
      signal: options.signal,
    });
  }

  /**
   * POST /v2/product/{uid}/lock: lock a service against change and cancellation (Company Admin). Answers the
   * service, now `locked: true`. A locked VXC also keeps its port from being cancelled.
   */
  async lockProduct(uid: string, options: CallOptions = {}): Promise<AnyProduct> {
    return this.setLock("POST", uid, options);
  }

  /** DELETE /v2/product/{uid}/lock: unlock a service (Company Admin). Answers the service, `locked: false`. */
  async unlockProduct(uid: string, options: CallOptions = {}): Promise<AnyProduct> {
    return this.setLock("DELETE", uid, options);
  }

  // ── VXC orders and changes ───────────────────────────────────────────────────────────────────────

  /** POST /v3/networkdesign/validate with a bare array of order items: prices, or why it cannot be ordered. */
  async validateVxcOrder(
    items: readonly VxcOrderItem[],
    options: CallOptions = {},
  ): Promise<ValidateResultItem[]> {
    const body = checkInput(VxcOrderSchema, items, "items");
    // Real answers are enveloped (nat_gateway_test); a mock answered a bare [] (ix_test): accept both.
    const res = await this.send("POST", "/v3/networkdesign/validate", {
      body,
      schema: envelope(ValidateResultSchema.nullish()).or(ValidateResultSchema),
      // Validation changes nothing, so it is retried like a GET.
      safety: "idempotent",
      signal: options.signal,
    });
    return Array.isArray(res) ? res : (res.data ?? []);
  }

  /**
   * POST /v4/pricebook/product for a VXC: its monthly price between two locations at a speed and term, without
   * ordering anything (the same price validateVxcOrder quotes for an order with those ends).
   */
  async priceVxc(request: VxcPriceRequest, options: CallOptions = {}): Promise<PriceBook> {
    const body = checkInput(VxcPriceRequestSchema, request, "request");
    const res = await this.send("POST", "/v4/pricebook/product", {
      body: { ...body, productType: "VXC" },
      schema: envelope(PriceBookSchema),
      // A price question changes nothing, so it is retried like a GET.
      safety: "idempotent",
      signal: options.signal,
    });
    return res.data;
  }

  /**
   * POST /v4/networkdesign/buy {networkDesign, discountCodes}: orders the VXCs and returns their new UIDs
   * (vxcJTechnicalServiceUid), in order. Retried only when Megaport provably did not get it (429, refused
   * connection): the API has no idempotency key, so any other retry could buy twice.
   */
  async buyVxc(items: readonly VxcOrderItem[], options: CallOptions = {}): Promise<string[]> {
    const networkDesign = checkInput(VxcOrderSchema, items, "items");
    const res = await this.send("POST", "/v4/networkdesign/buy", {
      body: { networkDesign, discountCodes: [] },
      schema: envelope(BuyResultSchema),
      safety: "unsafe",
      signal: options.signal,
    });
    const ordered = networkDesign.reduce((n, item) => n + item.associatedVxcs.length, 0);
    if (res.data.length !== ordered) {
      throw new SchemaMismatchError({
        method: "POST",
        path: "/v4/networkdesign/buy",
        fieldPath: "data",
        reason: `the order was accepted, but ${res.data.length} VXC(s) came back for ${ordered} ordered; check listProducts() before ordering again`,
      });
    }
    return inOrderedOrder(
      networkDesign.flatMap((item) => item.associatedVxcs.map((vxc) => vxc.productName)),
      res.data,
    );
  }

  /** PUT /v3/product/vxc/{uid}: name, rate limit, VLANs, term, cost centre, or the provider's isApproved. */
  async updateVxc(uid: string, update: VxcUpdate, options: CallOptions = {}): Promise<Vxc> {
    const body = checkInput(VxcUpdateSchema, update, "update");
    const res = await this.put(
      `/v3/product/vxc/${encode(checkUid(uid, "uid"))}`,
      body,
      envelope(VxcSchema),
      options,
    );
    return res.data;
  }

  /**
   * PUT /v2/order/vxc/{approvalUid}: the provider accepts or denies a pending connection request or speed
   * change (legacy endpoint, old Java client and megaport.js; `approvalUid` is the VXC's vxcApproval.uid).
   */
  async approveVxcOrder(
    approvalUid: string,
    decision: VxcOrderApproval,
    options: CallOptions = {},
  ): Promise<void> {
    const body = checkInput(VxcOrderApprovalSchema, decision, "decision");
    await this.put(
      `/v2/order/vxc/${encode(checkUid(approvalUid, "approvalUid"))}`,
      body,
      MessageOnlyEnvelopeSchema,
      options,
    );
  }

  // ── Order approvals (the approval queue) ────────────────────────────────────────────────────────

  /**
   * GET /v3/order_approvals: one page of the approval requests the company must answer or has made (status,
   * serviceIds, page, sort and direction as the API takes them), with the Pagination-* header totals.
   */
  async listOrderApprovals(options: CallOptions & OrderApprovalQuery = {}): Promise<OrderApprovalPage> {
    const { signal, ...asked } = options;
    const query = checkInput(OrderApprovalQuerySchema, asked, "query");
    const { body, headers } = await this.transport.callWithHeaders({
      method: "GET",
      path: "/v3/order_approvals",
      query: { ...query, serviceIds: query.serviceIds?.join(",") },
      schema: envelope(OrderApprovalListSchema.nullish()),
      safety: "idempotent",
      signal,
    });
    const header = (name: string) => paginationHeader(headers, name);
    return {
      orderApprovals: body.data ?? [],
      totalCount: header("pagination-total-count"),
      page: header("pagination-page"),
      limit: header("pagination-limit"),
      totalPages: header("pagination-total-page"),
    };
  }

  /**
   * Every PENDING request the company must answer (approverCompanyId is its companyId), all pages read first.
   * `companyId` defaults to the caller's company, learnt once from GET /v2/employment. When no user there carries
   * a companyId (megaportgo's recorded answers carry none), the requests kept are those whose VXC (`serviceId`)
   * our own listing shows PENDING_INTERNAL: waiting on us (docs/megaport-api.md §9.1a).
   */
  async listPendingOrderApprovals(
    options: CallOptions & { companyId?: number; pageSize?: number } = {},
  ): Promise<OrderApproval[]> {
    const companyId = options.companyId ?? (await this.ownCompanyId(options));
    const pageSize = options.pageSize ?? 100;
    const pending: OrderApproval[] = [];
    for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
      const page = await this.listOrderApprovals({
        status: "PENDING",
        pageNumber,
        pageSize,
        signal: options.signal,
      });
      pending.push(...page.orderApprovals);
      const last =
        page.totalPages > 0 ? pageNumber >= page.totalPages : page.orderApprovals.length < pageSize;
      if (last || page.orderApprovals.length === 0) break;
    }
    if (companyId !== undefined) return pending.filter((r) => r.approverCompanyId === companyId);
    if (pending.length === 0) return [];
    const waitingOnUs = new Set<number>();
    for (const product of await this.listProducts({ signal: options.signal })) {
      for (const vxc of product.associatedVxcs ?? []) {
        if (vxc.vxcApproval?.status === PENDING_ON_THE_VIEWER && typeof vxc.productId === "number") {
          waitingOnUs.add(vxc.productId);
        }
      }
    }
    return pending.filter((r) => typeof r.serviceId === "number" && waitingOnUs.has(r.serviceId));
  }

  /**
   * POST /v3/order_approvals/{uid}/approve: accept a request (the provider). `vlan` (the B-end VLAN to use) is
   * OUR EXTENSION, served by the simulator only. Answering the same way twice is harmless in the simulator.
   */
  async approveOrderApproval(uid: string, options: CallOptions & OrderApprovalApprove = {}): Promise<void> {
    const { signal, ...answer } = options;
    await this.answerOrderApproval(
      uid,
      "approve",
      checkInput(OrderApprovalApproveSchema, answer, "answer"),
      signal,
    );
  }

  /** POST /v3/order_approvals/{uid}/reject: deny a request; `comments` is the reason the requester reads. */
  async rejectOrderApproval(uid: string, options: CallOptions & OrderApprovalAction = {}): Promise<void> {
    const { signal, ...answer } = options;
    await this.answerOrderApproval(
      uid,
      "reject",
      checkInput(OrderApprovalActionSchema, answer, "answer"),
      signal,
    );
  }

  /** POST /v3/order_approvals/{uid}/withdraw: the requesting company takes its request back. */
  async withdrawOrderApproval(uid: string, options: CallOptions & OrderApprovalAction = {}): Promise<void> {
    const { signal, ...answer } = options;
    await this.answerOrderApproval(
      uid,
      "withdraw",
      checkInput(OrderApprovalActionSchema, answer, "answer"),
      signal,
    );
  }

  // ── Resource tags ────────────────────────────────────────────────────────────────────────────────

  /** GET /v2/product/{uid}/tags. */
  async getResourceTags(uid: string, options: CallOptions = {}): Promise<ResourceTag[]> {
    const res = await this.get(
      `/v2/product/${encode(checkUid(uid, "uid"))}/tags`,
      envelope(ResourceTagsDataSchema.nullish()),
      options,
    );
    return res.data?.resourceTags ?? [];
  }

  /** PUT /v2/product/{uid}/tags: replaces all tags with `tags` (a list or a key → value record). */
  async setResourceTags(
    uid: string,
    tags: readonly ResourceTag[] | Readonly<Record<string, string>>,
    options: CallOptions = {},
  ): Promise<void> {
    const list = Array.isArray(tags)
      ? (tags as readonly ResourceTag[]).map(({ key, value }) => ({ key, value }))
      : Object.entries(tags).map(([key, value]) => ({ key, value }));
    const body = checkInput(ResourceTagsBodySchema, { resourceTags: list }, "tags");
    await this.put(
      `/v2/product/${encode(checkUid(uid, "uid"))}/tags`,
      body,
      MessageOnlyEnvelopeSchema,
      options,
    );
  }

  // ── VLANs ────────────────────────────────────────────────────────────────────────────────────────

  /** GET /v2/product/port/{uid}/vlan?vlan=N: whether VLAN N is free on the port. */
  async isPortVlanAvailable(portUid: string, vlan: number, options: CallOptions = {}): Promise<boolean> {
    checkInput(vlanSchema, vlan, "vlan");
    const res = await this.get(
      `/v2/product/port/${encode(checkUid(portUid, "portUid"))}/vlan`,
      envelope(VlanAvailabilitySchema),
      options,
      {
        vlan,
      },
    );
    return res.data.includes(vlan);
  }

  // ── Service keys ─────────────────────────────────────────────────────────────────────────────────

  /** POST /v2/service/key: a new key on one of your ports. Not retried on 5xx (it would make two keys). */
  async createServiceKey(body: ServiceKeyCreate, options: CallOptions = {}): Promise<ServiceKey> {
    const checked = checkInput(ServiceKeyCreateSchema, body, "body");
    const res = await this.send("POST", "/v2/service/key", {
      body: checked,
      schema: envelope(ServiceKeySchema),
      safety: "unsafe",
      signal: options.signal,
    });
    return res.data;
  }

  /** GET /v2/service/key?productIdOrUid=…: keys of one product (or of the company with companyIdOrUid). */
  async listServiceKeys(
    options: CallOptions & { productIdOrUid?: string | number; companyIdOrUid?: string | number } = {},
  ): Promise<ServiceKey[]> {
    const res = await this.get("/v2/service/key", envelope(ServiceKeyListSchema), options, {
      productIdOrUid: options.productIdOrUid,
      companyIdOrUid: options.companyIdOrUid,
    });
    return res.data;
  }

  /** GET /v2/service/key?key=…: one key. (megaportgo escapes the "?" into the path; we send a real query.) */
  async getServiceKey(key: string, options: CallOptions = {}): Promise<ServiceKey> {
    const res = await this.get("/v2/service/key", envelope(ServiceKeySchema), options, {
      key: checkUid(key, "key"),
    });
    return res.data;
  }

  /** PUT /v2/service/key: change a key (identified by `key` in the body); `active: false` retires it. */
  async updateServiceKey(body: ServiceKeyUpdate, options: CallOptions = {}): Promise<ServiceKey> {
    const checked = checkInput(ServiceKeyUpdateSchema, body, "body");
    const res = await this.put("/v2/service/key", checked, envelope(ServiceKeySchema), options);
    return res.data;
  }

  // ── Users ────────────────────────────────────────────────────────────────────────────────────────

  /** GET /v2/employment: the company's users. */
  async listUsers(options: CallOptions = {}): Promise<User[]> {
    return (await this.get("/v2/employment", envelope(UserListSchema), options)).data;
  }

  /** GET /v2/employee/{employeeId}: the id is the user's `personId` in listUsers() (= `partyId`). */
  async getUser(employeeId: number, options: CallOptions = {}): Promise<User> {
    return (await this.get(`/v2/employee/${checkEmployeeId(employeeId)}`, envelope(UserSchema), options))
      .data;
  }

  /** PUT /v2/employee/{employeeId}: change a user; `active: false` deactivates. */
  async updateUser(employeeId: number, update: UserUpdate, options: CallOptions = {}): Promise<void> {
    const body = checkInput(UserUpdateSchema, update, "update");
    await this.put(`/v2/employee/${checkEmployeeId(employeeId)}`, body, MessageOnlyEnvelopeSchema, options);
  }

  // ── Notification preferences ─────────────────────────────────────────────────────────────────────

  /**
   * GET /v2/notificationPreferences: the caller's email subscriptions per message group.
   * `employeeId` (another user's) is OUR EXTENSION, served by the simulator only.
   */
  async getNotificationPreferences(
    options: CallOptions & { employeeId?: number } = {},
  ): Promise<NotificationPreferences> {
    const res = await this.get(
      "/v2/notificationPreferences",
      envelope(NotificationPreferencesSchema),
      options,
      {
        employeeId: optionalEmployeeId(options.employeeId),
      },
    );
    return res.data;
  }

  /** PUT /v2/notificationPreferences: replaces them. `employeeId` is OUR EXTENSION (simulator only). */
  async setNotificationPreferences(
    prefs: NotificationPreferencesBody,
    options: CallOptions & { employeeId?: number } = {},
  ): Promise<NotificationPreferences> {
    const body = checkInput(NotificationPreferencesBodySchema, prefs, "prefs");
    const res = await this.put(
      "/v2/notificationPreferences",
      body,
      envelope(NotificationPreferencesSchema.nullish()),
      options,
      { employeeId: optionalEmployeeId(options.employeeId) },
    );
    return res.data ?? NotificationPreferencesSchema.parse(body);
  }

  // ── Marketplace profile (EXTENSION: shape in docs/contracts.md) ─────────────────────────────────

  /** GET /v2/marketplace/profile (own) or /v2/marketplace/profile/{companyUid}. */
  async getMarketplaceProfile(
    options: CallOptions & { companyUid?: string } = {},
  ): Promise<MarketplaceProfile> {
    const path =
      options.companyUid === undefined
        ? "/v2/marketplace/profile"
        : `/v2/marketplace/profile/${encode(checkUid(options.companyUid, "companyUid"))}`;
    return (await this.get(path, envelope(MarketplaceProfileSchema), options)).data;
  }

  /** PUT /v2/marketplace/profile: create or update the company's own profile (Company Admin only). */
  async setMarketplaceProfile(
    profile: MarketplaceProfileUpdate,
    options: CallOptions = {},
  ): Promise<MarketplaceProfile> {
    const body = checkInput(MarketplaceProfileUpdateSchema, profile, "profile");
    const res = await this.put("/v2/marketplace/profile", body, envelope(MarketplaceProfileSchema), options);
    return res.data;
  }

  /** GET /v2/marketplace/profiles: every visible provider profile. */
  async listMarketplaceProfiles(options: CallOptions = {}): Promise<MarketplaceProfile[]> {
    return (await this.get("/v2/marketplace/profiles", envelope(MarketplaceProfileListSchema), options)).data;
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────────────────────────

  private async answerOrderApproval(
    uid: string,
    action: "approve" | "reject" | "withdraw",
    body: object,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    await this.send("POST", `/v3/order_approvals/${encode(checkUid(uid, "uid"))}/${action}`, {
      body,
      schema: MessageOnlyEnvelopeSchema,
      // The same answer twice leaves the request as the first left it (the simulator answers 200 again).
      safety: "idempotent",
      signal,
    });
  }

  /**
   * The caller's numeric companyId, from its company's users (there is no "who am I" endpoint,
   * docs/megaport-api.md §12), or undefined when none of them carries one. Only a found id is kept.
   */
  private async ownCompanyId(options: CallOptions): Promise<number | undefined> {
    this.companyId ??= (async () => {
      const users = await this.listUsers(options);
      return users.find((u) => typeof u.companyId === "number")?.companyId ?? undefined;
    })();
    try {
      const found = await this.companyId;
      if (found === undefined) this.companyId = undefined;
      return found;
    } catch (err) {
      this.companyId = undefined;
      throw err;
    }
  }

  private async setLock(method: "POST" | "DELETE", uid: string, options: CallOptions): Promise<AnyProduct> {
    const res = await this.send(method, `/v2/product/${encode(checkUid(uid, "uid"))}/lock`, {
      schema: envelope(AnyProductSchema),
      // Locking twice leaves it locked (and unlocking twice unlocked), so a retry is harmless.
      safety: "idempotent",
      signal: options.signal,
    });
    return res.data;
  }

  /**
   * Every PUT this client sends sets a state (fields, tags, preferences, a profile, an approval's answer)
   * rather than adding one, so sending it twice leaves what sending it once did: it is retried like a GET.
   */
  private put<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options: WriteOptions,
    query?: ApiCall<S>["query"],
  ): Promise<z.output<S>> {
    return this.send("PUT", path, { query, body, schema, safety: "idempotent", signal: options.signal });
  }

  private get<S extends z.ZodType>(
    path: string,
    schema: S,
    options: CallOptions,
    query?: ApiCall<S>["query"],
  ): Promise<z.output<S>> {
    const { signal, priority } = options;
    return this.send("GET", path, { query, schema, safety: "idempotent", signal, priority });
  }

  private send<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    call: Omit<ApiCall<S>, "method" | "path">,
  ): Promise<z.output<S>> {
    return this.transport.call({ method, path, ...call });
  }
}

/**
 * The new VXCs' UIDs in the order the VXCs were ordered. That the buy answer keeps the order's order is our guess
 * (Megaport's own clients order one VXC per call; docs/megaport-api.md §6.4), so where every answer item names its
 * VXC (`serviceName`) and the names are those ordered, the names decide and position only breaks a tie between
 * VXCs of one name (the order desk never puts two in one buy). An answer without names is taken in order.
 */
export function inOrderedOrder(orderedNames: readonly string[], answer: readonly BuyResultItem[]): string[] {
  const byName = new Map<string, string[]>();
  for (const item of answer) {
    if (item.serviceName == null) return answer.map((i) => i.vxcJTechnicalServiceUid);
    byName.set(item.serviceName, [...(byName.get(item.serviceName) ?? []), item.vxcJTechnicalServiceUid]);
  }
  const uids = orderedNames.map((name) => byName.get(name)?.shift());
  if (uids.some((uid) => uid === undefined)) {
    // Names the order did not send (Megaport may tidy a name): the names prove nothing, position is all there is.
    return answer.map((i) => i.vxcJTechnicalServiceUid);
  }
  return uids as string[];
}
