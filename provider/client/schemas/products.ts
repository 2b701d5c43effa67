// Products as GET /v2/products and GET /v2/product/{uid} return them: ports, MCRs and MVEs with their
// nested VXCs, and VXCs themselves (docs/megaport-api.md §6.1, §6.2; megaportgo port_types.go, vxc_types.go,
// the recorded staging dump). Also the port update body and answer (§5.2). Must never: fail on the
// documented quirks (vll [], csp_connection object-or-array, all-null vxcApproval, vxcpermitted spelling,
// productType case) or on fields a decommissioned product leaves out.

import { z } from "zod";
import {
  costCentreSchema,
  epochMs,
  foldVxcPermitted,
  openEnum,
  PROVISIONING_STATUSES,
  productTypeSchema,
  vxcPermittedFields,
  DISTANCE_BANDS,
} from "./scalars";
import { CONNECT_TYPES } from "./partner-ports";

/**
 * `vxcApproval.status` values: APPROVED, PENDING_INTERNAL and PENDING_EXTERNAL from the old Java enum and TF
 * PR #402 (docs/megaport-api.md §9.1, §9.1a); REJECTED, EXPIRED and WITHDRAWN are how our simulator reports a denial,
 * a 60-day silence or a request its customer withdrew (docs/contracts.md), not recorded from the real API.
 */
export const VXC_APPROVAL_STATUSES = [
  "APPROVED",
  "PENDING_INTERNAL",
  "PENDING_EXTERNAL",
  "REJECTED",
  "EXPIRED",
  "WITHDRAWN",
] as const;
export type VxcApprovalStatus = (typeof VXC_APPROVAL_STATUSES)[number];

/** `vxcApproval.type` values: a new connection or a speed change. */
export const VXC_APPROVAL_TYPES = ["NEW", "SPEED_CHANGE"] as const;
export type VxcApprovalType = (typeof VXC_APPROVAL_TYPES)[number];

const provisioningStatus = openEnum(PROVISIONING_STATUSES);

export const LocationDetailSchema = z.looseObject({
  name: z.string().nullish(),
  city: z.string().nullish(),
  metro: z.string().nullish(),
  country: z.string().nullish(),
});

/**
 * A VXC's pending approval. Every member is null when nothing is pending (recorded dump, TestGetVXC).
 * PENDING_INTERNAL: the viewing company must approve; PENDING_EXTERNAL: the other company must.
 */
export const VxcApprovalSchema = z.looseObject({
  /** One of VXC_APPROVAL_STATUSES, or null. */
  status: openEnum(VXC_APPROVAL_STATUSES).nullish(),
  /** Free text; carries the approver's trading name. */
  message: z.string().nullish(),
  /** The approval (order) UID for PUT /v2/order/vxc/{uid}. */
  uid: z.string().nullish(),
  /** One of VXC_APPROVAL_TYPES, or null. */
  type: openEnum(VXC_APPROVAL_TYPES).nullish(),
  /** Requested rate limit (Mbps) of a SPEED_CHANGE. */
  newSpeed: z.number().nullish(),
});
export type VxcApproval = z.output<typeof VxcApprovalSchema>;

/** One end of a VXC. */
export const VxcEndSchema = z.looseObject({
  /** UID of the company that owns this end. */
  ownerUid: z.string().nullish(),
  /** That company's name. Not in megaportgo's VXC type: read when present (the approval rules use it). */
  ownerName: z.string().nullish(),
  /** UID of the port, MCR or MVE at this end. */
  productUid: z.string().nullish(),
  productName: z.string().nullish(),
  locationId: z.number().nullish(),
  location: z.string().nullish(),
  locationDetail: LocationDetailSchema.nullish(),
  /** VLAN in use at this end (null for untagged or not yet assigned). */
  vlan: z.number().nullish(),
  innerVlan: z.number().nullish(),
  vNicIndex: z.number().nullish(),
  secondaryName: z.string().nullish(),
});
export type VxcEnd = z.output<typeof VxcEndSchema>;

export const VllSchema = z.looseObject({
  a_vlan: z.number().nullish(),
  b_vlan: z.number().nullish(),
  rate_limit_mbps: z.number().nullish(),
  resource_name: z.string().nullish(),
  resource_type: z.string().nullish(),
  /** 0/1 in the recorded dump. */
  up: z.union([z.number(), z.boolean()]).nullish(),
  shutdown: z.boolean().nullish(),
});
export type Vll = z.output<typeof VllSchema>;

export const CspConnectionSchema = z.looseObject({
  connectType: openEnum(CONNECT_TYPES).nullish(),
  resource_name: z.string().nullish(),
  resource_type: z.string().nullish(),
  name: z.string().nullish(),
  bandwidth: z.number().nullish(),
  bandwidths: z.array(z.number()).nullish(),
  ownerAccount: z.string().nullish(),
  connectionId: z.string().nullish(),
});
export type CspConnection = z.output<typeof CspConnectionSchema>;

export const VxcResourcesSchema = z.looseObject({
  // Decommissioned VXCs send "vll": [] instead of an object (megaportgo vxc_types.go custom unmarshaler,
  // vxc_test.go TestDecomissionedVXCMarshal). An empty array becomes null.
  vll: z
    .union([
      VllSchema,
      z
        .array(z.unknown())
        .max(0)
        .transform(() => null),
    ])
    .nullish(),
  // csp_connection is an object for one CSP end and an array of them otherwise (megaportgo vxc_types.go).
  // Always an array in the output.
  csp_connection: z
    .union([CspConnectionSchema, z.array(CspConnectionSchema)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .nullish(),
  virtual_router: z.unknown().optional(),
  interface: z.unknown().optional(),
});
export type VxcResources = z.output<typeof VxcResourcesSchema>;

const VxcObject = z.looseObject({
  productId: z.number().nullish(),
  /** The VXC's UID. */
  productUid: z.string(),
  /** The VXC's name. */
  productName: z.string().nullish(),
  /** "VXC" (any case in, upper case out). */
  productType: productTypeSchema.nullish(),
  nServiceId: z.number().nullish(),
  /** Bandwidth in Mbps. */
  rateLimit: z.number().nullish(),
  /** One of DISTANCE_BANDS. */
  distanceBand: openEnum(DISTANCE_BANDS).nullish(),
  /** One of PROVISIONING_STATUSES. A decommissioned VXC may leave it out. */
  provisioningStatus: provisioningStatus.nullish(),
  usageAlgorithm: z.string().nullish(),
  createdBy: z.string().nullish(),
  createDate: epochMs.nullish(),
  liveDate: epochMs.nullish(),
  terminateDate: epochMs.nullish(),
  contractStartDate: epochMs.nullish(),
  contractEndDate: epochMs.nullish(),
  contractTermMonths: z.number().nullish(),
  costCentre: z.string().nullish(),
  companyUid: z.string().nullish(),
  companyName: z.string().nullish(),
  locked: z.boolean().nullish(),
  adminLocked: z.boolean().nullish(),
  cancelable: z.boolean().nullish(),
  shutdown: z.boolean().nullish(),
  up: z.union([z.boolean(), z.number()]).nullish(),
  attributeTags: z.record(z.string(), z.unknown()).nullish(),
  dealUid: z.string().nullish(),
  ...vxcPermittedFields,
  /** The ordering (A) end. */
  aEnd: VxcEndSchema.nullish(),
  /** The far (B) end: for a Marketplace connection, the provider's port. */
  bEnd: VxcEndSchema.nullish(),
  resources: VxcResourcesSchema.nullish(),
  /** Pending approval of a Marketplace connection or speed change; all-null when none. */
  vxcApproval: VxcApprovalSchema.nullish(),
  /**
   * Whether (or with which key) the VXC was ordered with a service key. Not in megaportgo's VXC type: read when
   * present (an approval rule's `serviceKey` condition needs it, and leaves the request for a person without it).
   */
  serviceKey: z.union([z.string(), z.boolean()]).nullish(),
});

/** A VXC (GET /v2/product/{vxcUid}, and each of a port's `associatedVxcs`). */
export const VxcSchema = VxcObject.transform(foldVxcPermitted);
export type Vxc = z.output<typeof VxcSchema>;

const ProductObject = z.looseObject({
  productId: z.number().nullish(),
  /** The product's UID. */
  productUid: z.string(),
  productName: z.string().nullish(),
  secondaryName: z.string().nullish(),
  /** "MEGAPORT", "MCR2", "MVE", … (any case in, upper case out). */
  productType: productTypeSchema.nullish(),
  /** One of PROVISIONING_STATUSES. */
  provisioningStatus: provisioningStatus.nullish(),
  /** Port speed in Mbps. */
  portSpeed: z.number().nullish(),
  maxVxcSpeed: z.number().nullish(),
  locationId: z.number().nullish(),
  locationDetail: LocationDetailSchema.nullish(),
  /** "red", "blue" or null. */
  diversityZone: z.string().nullish(),
  market: z.string().nullish(),
  createDate: epochMs.nullish(),
  createdBy: z.string().nullish(),
  liveDate: epochMs.nullish(),
  terminateDate: epochMs.nullish(),
  contractStartDate: epochMs.nullish(),
  contractEndDate: epochMs.nullish(),
  contractTermMonths: z.number().nullish(),
  costCentre: z.string().nullish(),
  usageAlgorithm: z.string().nullish(),
  /** Whether the port is listed on the Megaport Marketplace. */
  marketplaceVisibility: z.boolean().nullish(),
  ...vxcPermittedFields,
  /** Whether incoming Marketplace connections are accepted without the provider's approval. Read-only. */
  vxcAutoApproval: z.boolean().nullish(),
  virtual: z.boolean().nullish(),
  buyoutPort: z.boolean().nullish(),
  locked: z.boolean().nullish(),
  adminLocked: z.boolean().nullish(),
  cancelable: z.boolean().nullish(),
  up: z.union([z.boolean(), z.number()]).nullish(),
  lagPrimary: z.boolean().nullish(),
  lagId: z.number().nullish(),
  aggregationId: z.number().nullish(),
  companyUid: z.string().nullish(),
  companyName: z.string().nullish(),
  attributeTags: z.record(z.string(), z.unknown()).nullish(),
  resources: z.unknown().optional(),
  /** VXCs on this product, in both directions: a provider sees incoming connections here. */
  associatedVxcs: z.array(VxcSchema).nullish(),
  associatedIxs: z.array(z.unknown()).nullish(),
});

/** A port, MCR or MVE (items of GET /v2/products). */
export const ProductSchema = ProductObject.transform(foldVxcPermitted);
export type Product = z.output<typeof ProductSchema>;

export const ProductListSchema = z.array(ProductSchema);

/**
 * Whatever GET /v2/product/{uid} returns: a VXC when `productType` says so, else a port/MCR/MVE.
 */
export const AnyProductSchema = z.union([
  VxcObject.refine((p) => typeof p.productType === "string" && p.productType === "VXC", {
    error: 'productType is not "VXC"',
  }).transform(foldVxcPermitted),
  ProductSchema,
]);
export type AnyProduct = z.output<typeof AnyProductSchema>;

/** True when a product from getProduct is a VXC. */
export function isVxc(product: AnyProduct): product is Vxc {
  return product.productType === "VXC";
}

/** Body of PUT /v2/product/megaport/{uid} as this client sends it (megaportgo ModifyProduct). */
export const PortUpdateSchema = z
  .strictObject({
    /** New port name. */
    name: z.string().min(1, { error: "must not be empty" }).optional(),
    /** Cost centre for invoices, up to 255 characters. */
    costCentre: costCentreSchema.optional(),
    /** true lists the port on the Megaport Marketplace; false hides it (service keys still reach it). */
    marketplaceVisibility: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, {
    error: "must change at least one of name, costCentre, marketplaceVisibility",
  });
export type PortUpdate = z.input<typeof PortUpdateSchema>;

/** The service record PUT /v2/product/{type}/{uid} answers with (port_test.go TestModifyPort). */
export const PortUpdateResultSchema = z
  .looseObject({
    serviceName: z.string().nullish(),
    name: z.string().nullish(),
    technicalServiceUid: z.string().nullish(),
    provisioningStatus: provisioningStatus.nullish(),
    marketplaceVisibility: z.boolean().nullish(),
    ...vxcPermittedFields,
    vxcAutoApproval: z.boolean().nullish(),
    rateLimit: z.number().nullish(),
    contractTermMonths: z.number().nullish(),
    costCentre: z.string().nullish(),
  })
  .transform(foldVxcPermitted);
export type PortUpdateResult = z.output<typeof PortUpdateResultSchema>;

/** data of GET /v2/product/port/{uid}/vlan?vlan=N: the free VLANs (contains N when N is free). */
export const VlanAvailabilitySchema = z.array(z.number());

/** `action` of POST /v3/product/{uid}/action/{action}. */
export const PRODUCT_ACTIONS = ["CANCEL", "CANCEL_NOW", "UN_CANCEL"] as const;
export type ProductAction = (typeof PRODUCT_ACTIONS)[number];
