/**
 * The wire shapes the views build, taken from the client's zod schemas (provider/client/schemas) as their
 * `z.input` types: what the client parses is exactly what the simulator is typed to serve, and no shape is
 * declared twice. The schemas are loose objects, so simulator-only fields (marked EXTENSION) still fit.
 */
import type { z } from "zod";
import type { MarketplaceProfileSchema } from "../../provider/client/schemas/marketplace-profile";
import type { NotificationPreferencesSchema } from "../../provider/client/schemas/notification-preferences";
import type {
  LocationDetailSchema,
  PortUpdateResultSchema,
  ProductSchema,
  VxcApprovalSchema,
  VxcEndSchema,
  VxcSchema,
} from "../../provider/client/schemas/products";
import type { OrderApprovalSchema } from "../../provider/client/schemas/order-approvals";
import type { PriceBookSchema } from "../../provider/client/schemas/pricing";
import type { ServiceKeySchema } from "../../provider/client/schemas/service-keys";
import type { TokenResponseSchema } from "../../provider/client/schemas/token";
import type { UserSchema } from "../../provider/client/schemas/users";
import type { BuyResultItemSchema, ValidateResultItemSchema } from "../../provider/client/schemas/vxc-order";

export type LocationDetailWire = z.input<typeof LocationDetailSchema>;
export type VxcApprovalWire = z.input<typeof VxcApprovalSchema>;
export type VxcEndWire = z.input<typeof VxcEndSchema>;
export type VxcWire = z.input<typeof VxcSchema>;
export type PortWire = z.input<typeof ProductSchema>;
export type PortUpdateResultWire = z.input<typeof PortUpdateResultSchema>;
export type ServiceKeyWire = z.input<typeof ServiceKeySchema>;
export type UserWire = z.input<typeof UserSchema>;
export type NotificationPreferencesWire = z.input<typeof NotificationPreferencesSchema>;
export type MarketplaceProfileWire = z.input<typeof MarketplaceProfileSchema>;
export type BuyResultWire = z.input<typeof BuyResultItemSchema>;
export type ValidateResultWire = z.input<typeof ValidateResultItemSchema>;
export type PriceBookWire = z.input<typeof PriceBookSchema>;
export type OrderApprovalWire = z.input<typeof OrderApprovalSchema>;
export type TokenWire = z.input<typeof TokenResponseSchema>;
