// POST /v4/pricebook/product: the price of a product configuration (docs/megaport-api.md §5.1; megaportgo
// pricing_types.go, product.go GetProductPricing, product_test.go TestGetProductPricing*). The client prices
// VXCs only. Must never: send a request the API would price as something else (productType is set here).

import { z } from "zod";
import { termSchema } from "./scalars";

/** `chargeReason` of a price element (megaportgo PriceBookChargeReason). */
export const CHARGE_REASONS = ["CORE", "CORE_SURCHARGE", "ADD_ON_CHARGE"] as const;
/** `frequency` of a price element. */
export const PRICE_FREQUENCIES = ["ONCE", "MONTHLY", "YEARLY"] as const;
/** `discountReason` of a discount element. */
export const DISCOUNT_REASONS = ["TERM", "WHOLESALE", "PARTNER", "PARTNER_MANAGED", "RESELLER"] as const;

/** Body of a VXC price request; the client adds `productType: "VXC"`. */
export const VxcPriceRequestSchema = z.strictObject({
  /** Location id of the A-end (a `Location.id`). */
  aLocationId: z.number().int().positive({ error: "must be a location id" }),
  /** Location id of the B-end. */
  bLocationId: z.number().int().positive({ error: "must be a location id" }),
  /** Rate limit in Mbps. */
  speed: z.number().int().positive({ error: "must be a positive number of Mbps" }),
  /** Contract term in months: 1, 12, 24, 36, 48 or 60 (the API's default when left out). */
  term: termSchema.optional(),
  /** ISO currency code, e.g. "AUD"; the company's billing currency when left out. */
  currency: z.string().length(3, { error: "must be a 3-letter currency code" }).optional(),
  /** A-end product type, e.g. "MEGAPORT". */
  aEndProductType: z.string().optional(),
  /** B-end connect type for cloud ends, e.g. "AWS"; "DEFAULT" or left out for a port. */
  connectType: z.string().optional(),
  /** An existing VXC, to price a change of it. */
  productUid: z.string().optional(),
});
export type VxcPriceRequest = z.input<typeof VxcPriceRequestSchema>;

const PriceElementSchema = z.looseObject({
  /** One of CHARGE_REASONS. */
  chargeReason: z.string().nullish(),
  /** One of PRICE_FREQUENCIES. */
  frequency: z.string().nullish(),
  amount: z.number().nullish(),
  addOnType: z.string().nullish(),
});

const DiscountElementSchema = z.looseObject({
  /** One of DISCOUNT_REASONS. */
  discountReason: z.string().nullish(),
  amount: z.number().nullish(),
  discountDetails: z.unknown().optional(),
});

/** A price book answer: what the product costs per month, made of price elements less discounts. */
export const PriceBookSchema = z.looseObject({
  productType: z.string().nullish(),
  /** ISO currency code of every amount. */
  currency: z.string(),
  /** What is paid per month, after discounts. */
  monthlyRate: z.number(),
  /** The list price per month, before discounts. */
  monthlyRackRate: z.number().nullish(),
  prices: z.array(PriceElementSchema).nullish(),
  discounts: z.array(DiscountElementSchema).nullish(),
});
export type PriceBook = z.output<typeof PriceBookSchema>;
