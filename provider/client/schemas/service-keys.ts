// Service keys: /v2/service/key (docs/megaport-api.md §5.4, §10; megaportgo service_keys.go and
// service_keys_test.go). A provider hands a key to a customer; the key names the port, the top speed and
// (single-use) the VLAN, and may pre-approve the connection. Must never: log or echo a key needlessly (a
// key lets anyone connect to the provider's port); keys cannot be deleted, only deactivated.

import { z } from "zod";
import { epochMs, uidSchema, vlanSchema } from "./scalars";
import { ProductSchema } from "./products";

export const ValidForSchema = z.looseObject({
  /** Start of validity, epoch ms. */
  start: epochMs.nullish(),
  /** End of validity, epoch ms. */
  end: epochMs.nullish(),
});

export const ServiceKeySchema = z.looseObject({
  /** The key itself: a 36-character UUID. */
  key: z.string().min(1),
  createDate: epochMs.nullish(),
  companyId: z.number().nullish(),
  companyUid: z.string().nullish(),
  companyName: z.string().nullish(),
  description: z.string().nullish(),
  productId: z.number().nullish(),
  /** UID of the port the key connects to. */
  productUid: z.string().nullish(),
  productName: z.string().nullish(),
  /** The full product, in create and update answers (its flag is spelled `vxcpermitted`). */
  productDto: ProductSchema.nullish(),
  /** VLAN the customer must use (single-use keys); null for multi-use keys. */
  vlan: z.number().nullish(),
  /** Highest rate limit (Mbps) a VXC made with the key may have. */
  maxSpeed: z.number().nullish(),
  /** Connections made with the key skip the provider's approval; may be null. */
  preApproved: z.boolean().nullish(),
  /** Consumed by the first VXC made with it. */
  singleUse: z.boolean().nullish(),
  lastUsed: epochMs.nullish(),
  active: z.boolean().nullish(),
  validFor: ValidForSchema.nullish(),
  expired: z.boolean().nullish(),
  valid: z.boolean().nullish(),
  promoCode: z.string().nullish(),
});
export type ServiceKey = z.output<typeof ServiceKeySchema>;

export const ServiceKeyListSchema = z.array(ServiceKeySchema);

const serviceKeyFields = {
  /** Port, MCR or MVE UID the key connects to (give this or productId, not both). */
  productUid: uidSchema.optional(),
  /** Numeric product id (give this or productUid, not both). */
  productId: z.number().int().positive().optional(),
  /** true: one VXC may use it, and a VLAN is required. */
  singleUse: z.boolean().optional(),
  /** Highest rate limit in Mbps. */
  maxSpeed: z.number().int().positive().optional(),
  active: z.boolean().optional(),
  /** Connections made with the key skip the provider's approval. */
  preApproved: z.boolean().optional(),
  description: z.string().optional(),
  /** VLAN the customer must use; single-use keys only. */
  vlan: vlanSchema.optional(),
  validFor: z.strictObject({ start: epochMs.optional(), end: epochMs.optional() }).optional(),
};

const oneProductReference = (b: { productUid?: string; productId?: number }) =>
  (b.productUid === undefined) !== (b.productId === undefined);

/** Body of POST /v2/service/key. */
export const ServiceKeyCreateSchema = z
  .strictObject(serviceKeyFields)
  .refine(oneProductReference, {
    error: "give productUid or productId, not both and not neither",
    path: ["productUid"],
  })
  .refine((b) => !b.singleUse || b.vlan !== undefined, {
    error: "a single-use key needs a vlan",
    path: ["vlan"],
  });
export type ServiceKeyCreate = z.input<typeof ServiceKeyCreateSchema>;

/** Body of PUT /v2/service/key: the key to change plus the fields to set. */
export const ServiceKeyUpdateSchema = z
  .strictObject({ key: z.string().min(1, { error: "must not be empty" }), ...serviceKeyFields })
  .refine(oneProductReference, {
    error: "give productUid or productId, not both and not neither",
    path: ["productUid"],
  });
export type ServiceKeyUpdate = z.input<typeof ServiceKeyUpdateSchema>;
