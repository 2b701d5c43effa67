// Ordering VXCs: the order item body (docs/megaport-api.md §6.3; megaportgo vxc_types.go VXCOrder), the
// POST /v3/networkdesign/validate answer and the POST /v4/networkdesign/buy request and answer (§5.2,
// §6.4; vxc_test.go TestBuyVXC). Must never: let a malformed order reach the buy endpoint (items are
// validated strictly before sending), or lose the new VXC's UID (vxcJTechnicalServiceUid).

import { z } from "zod";
import {
  costCentreSchema,
  DIVERSITY_ZONES,
  epochMs,
  foldVxcPermitted,
  openEnum,
  PROVISIONING_STATUSES,
  rateLimitSchema,
  termSchema,
  uidSchema,
  vlanSchema,
  vxcNameSchema,
  vxcPermittedFields,
} from "./scalars";

/**
 * Partner configuration of a VXC end: CSP ends need `connectType` and provider fields; MCR A-ends carry
 * `connectType: "VROUTER"` with interfaces. A plain Marketplace VXC needs none. Passed through as given.
 */
export const PartnerConfigSchema = z.looseObject({
  connectType: z.string().min(1, { error: "must not be empty" }),
});

export const VxcOrderEndSchema = z.strictObject({
  /** A-end: optional (the item's productUid is the A-end). B-end: the far port's UID, unless a serviceKey is used. */
  productUid: uidSchema.optional(),
  /** VLAN: 0 = Megaport picks, -1 = untagged, else 2–4093. */
  vlan: vlanSchema.optional(),
  innerVlan: vlanSchema.optional(),
  vNicIndex: z.number().int().min(0).optional(),
  diversityZone: z.enum(DIVERSITY_ZONES).optional(),
  partnerConfig: PartnerConfigSchema.optional(),
});

export const VxcOrderConfigSchema = z.strictObject({
  /** VXC name, 1–64 characters (CLI rule). */
  productName: vxcNameSchema,
  /** Bandwidth in Mbps. */
  rateLimit: rateLimitSchema,
  /** Contract term in months: 1, 12, 24, 36, 48 or 60. */
  term: termSchema,
  shutdown: z.boolean().optional(),
  promoCode: z.string().optional(),
  /** A provider's service key: connects to the key's port (and skips approval when the key is pre-approved). */
  serviceKey: z.string().optional(),
  costCentre: costCentreSchema.optional(),
  aEnd: VxcOrderEndSchema,
  bEnd: VxcOrderEndSchema,
  resourceTags: z.array(z.strictObject({ key: z.string().min(1), value: z.string() })).optional(),
});

/** One item of a VXC order: the A-end product and the VXCs to create on it. */
export const VxcOrderItemSchema = z.strictObject({
  /** UID of the A-end port, MCR or MVE. */
  productUid: uidSchema,
  associatedVxcs: z.array(VxcOrderConfigSchema).min(1, { error: "must hold at least one VXC" }),
});
export type VxcOrderItem = z.input<typeof VxcOrderItemSchema>;

export const VxcOrderSchema = z.array(VxcOrderItemSchema).min(1, { error: "must hold at least one item" });

/** Body of POST /v4/networkdesign/buy (megaportgo commit 170e3b1, April 2026). */
export const BuyRequestSchema = z.strictObject({
  networkDesign: VxcOrderSchema,
  discountCodes: z.array(z.string()),
});
export type BuyRequest = z.input<typeof BuyRequestSchema>;

/** The price validate quotes for one ordered service (nat_gateway_test.go; Java ServiceLineItemDto). */
export const OrderPriceSchema = z.looseObject({
  /** What is paid per month, in `currency`, after discounts. */
  monthlyRate: z.number().nullish(),
  monthlySetup: z.number().nullish(),
  hourlyRate: z.number().nullish(),
  dailyRate: z.number().nullish(),
  mbpsRate: z.number().nullish(),
  longHaulMbpsRate: z.number().nullish(),
  fixedRecurringCharge: z.number().nullish(),
  /** The list price per month, before discounts. */
  monthlyRackRate: z.number().nullish(),
  /** ISO currency code of the amounts, e.g. "AUD". */
  currency: z.string().nullish(),
});
export type OrderPrice = z.output<typeof OrderPriceSchema>;

/**
 * One item of the validate answer, one per ordered service in order: its price, or why it cannot be ordered.
 */
export const ValidateResultItemSchema = z.looseObject({
  productUid: z.string().nullish(),
  productType: z.string().nullish(),
  price: OrderPriceSchema.nullish(),
  error: z.unknown().optional(),
});
export type ValidateResultItem = z.output<typeof ValidateResultItemSchema>;

export const ValidateResultSchema = z.array(ValidateResultItemSchema);

/** The `vxc` record nested in a buy answer item. */
const OrderedVxcSchema = z
  .looseObject({
    serviceName: z.string().nullish(),
    name: z.string().nullish(),
    technicalServiceUid: z.string().nullish(),
    productType: z.string().nullish(),
    provisioningStatus: openEnum(PROVISIONING_STATUSES).nullish(),
    marketplaceVisibility: z.boolean().nullish(),
    ...vxcPermittedFields,
    vxcAutoApproval: z.boolean().nullish(),
    contractTermMonths: z.number().nullish(),
    rateLimit: z.number().nullish(),
    createDate: epochMs.nullish(),
  })
  .transform(foldVxcPermitted);

/**
 * One item of the buy answer per created VXC. "payer" is the ordering (A) side, "nonPayer" the B-end
 * owner; an unapproved Marketplace connection has a nonPayerStatus other than APPROVED and
 * fullyApproved false (inferred, docs/megaport-api.md §6.4).
 */
export const BuyResultItemSchema = z.looseObject({
  /** The new VXC's UID. */
  vxcJTechnicalServiceUid: z.string().min(1),
  vxcJTechnicalServiceId: z.number().nullish(),
  vxcOrderId: z.number().nullish(),
  createDate: epochMs.nullish(),
  serviceName: z.string().nullish(),
  speed: z.number().nullish(),
  distanceBand: z.string().nullish(),
  orderType: z.string().nullish(),
  payerStatus: z.string().nullish(),
  nonPayerStatus: z.string().nullish(),
  payerCompanyName: z.string().nullish(),
  nonPayerCompanyName: z.string().nullish(),
  payerVlanId: z.number().nullish(),
  nonPayerVlanId: z.number().nullish(),
  fullyApproved: z.boolean().nullish(),
  costCentre: z.string().nullish(),
  serviceKey: z.string().nullish(),
  connectType: z.string().nullish(),
  vxc: OrderedVxcSchema.nullish(),
});
export type BuyResultItem = z.output<typeof BuyResultItemSchema>;

export const BuyResultSchema = z.array(BuyResultItemSchema);
