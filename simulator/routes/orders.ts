/**
 * Ordering: POST /v3/networkdesign/validate (bare array), POST /v4/networkdesign/buy ({ networkDesign: [...] })
 * and POST /v3/networkdesign/buy (bare array, the pre-April-2026 form).
 */
import { z } from "zod";
import { envelope } from "../envelope";
import { buyOrder, planOrder, type OrderItemInput } from "../domain/vxc-orders";
import { parseBody, type Route } from "../router";
import { buyView, validateView } from "../views/order-view";
import { int, optional, ResourceTagSchema } from "./body-schemas";

const EndSchema = z.object({
  productUid: optional(z.string()),
  vlan: optional(int()),
  innerVlan: optional(int()),
  vNicIndex: optional(int()),
  diversityZone: optional(z.string()),
});

const VxcItemSchema = z.object({
  productName: z.string(),
  rateLimit: int(),
  term: optional(int()),
  shutdown: optional(z.boolean()),
  promoCode: optional(z.string()),
  serviceKey: optional(z.string()),
  costCentre: optional(z.string()),
  aEnd: optional(EndSchema),
  bEnd: optional(EndSchema),
  resourceTags: optional(z.array(ResourceTagSchema)),
});

const OrderItemSchema = z.object({
  productUid: z.string(),
  associatedVxcs: z.array(VxcItemSchema),
});

const BareOrder = z.array(OrderItemSchema);
const V4Order = z.object({ networkDesign: BareOrder, discountCodes: optional(z.array(z.string())) });

function toInput(items: z.output<typeof BareOrder>): OrderItemInput[] {
  return items;
}

export const orderRoutes: Route[] = [
  {
    method: "POST",
    path: "/v3/networkdesign/validate",
    auth: true,
    // Validating changes nothing, so a Read Only key may price an order it could not place.
    handler: ({ store, caller, body }) => {
      const plans = planOrder(store, caller, toInput(parseBody(BareOrder, body)));
      return { body: envelope("Validation passed", plans.map(validateView)) };
    },
  },
  {
    method: "POST",
    path: "/v4/networkdesign/buy",
    auth: true,
    change: true,
    handler: ({ store, caller, body }) => {
      const vxcs = buyOrder(store, caller, toInput(parseBody(V4Order, body).networkDesign));
      return {
        body: envelope(
          `VXC [${vxcs.map((v) => v.productUid).join(", ")}] created.`,
          vxcs.map((v) => buyView(store, v)),
        ),
      };
    },
  },
  {
    method: "POST",
    path: "/v3/networkdesign/buy",
    auth: true,
    change: true,
    handler: ({ store, caller, body }) => {
      const vxcs = buyOrder(store, caller, toInput(parseBody(BareOrder, body)));
      return {
        body: envelope(
          `VXC [${vxcs.map((v) => v.productUid).join(", ")}] created.`,
          vxcs.map((v) => buyView(store, v)),
        ),
      };
    },
  },
];
