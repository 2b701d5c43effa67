/**
 * Ordering: POST /v3/networkdesign/validate (bare array), POST /v4/networkdesign/buy ({ networkDesign: [...] })
 * and POST /v3/networkdesign/buy (bare array, the pre-April-2026 form).
 */
import { z } from "zod";
import { envelope } from "../envelope";
import type { DomainError } from "../domain-error";
import { buyOrder, planOrder, refusedItem, type OrderItemInput } from "../domain/vxc-orders";
import type { Route } from "../router";
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

/**
 * Parse an order body; in an order of several VXCs a malformed one is named by item index and productName,
 * as the domain names a refused one (vxc-orders.ts).
 */
function parseOrder<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw namingTheItem(result.error, body) ?? result.error;
}

function namingTheItem(error: z.ZodError, body: unknown): DomainError | null {
  const items: unknown = Array.isArray(body)
    ? body
    : (body as { networkDesign?: unknown } | null)?.networkDesign;
  if (!Array.isArray(items)) return null;
  const vxcsOf = (item: unknown): unknown[] => {
    const vxcs = (item as { associatedVxcs?: unknown } | null)?.associatedVxcs;
    return Array.isArray(vxcs) ? vxcs : [];
  };
  if (items.reduce((n: number, item) => n + vxcsOf(item).length, 0) <= 1) return null;
  const issue = error.issues[0];
  const path = issue.path;
  const at = Array.isArray(body) ? 0 : 1;
  const itemIndex = path[at];
  if (typeof itemIndex !== "number") return null;
  const vxcAt = path[at + 2];
  const vxcIndex = path[at + 1] === "associatedVxcs" && typeof vxcAt === "number" ? vxcAt : null;
  const vxcs = vxcsOf(items[itemIndex]);
  const named = vxcIndex === null ? null : (vxcs[vxcIndex] as { productName?: unknown } | null);
  const productName = typeof named?.productName === "string" ? named.productName : null;
  const reason = `Validation failed: ${path.join(".")}: ${issue.message}`;
  return refusedItem("refused", reason, { itemIndex, vxcIndex, vxcsInItem: vxcs.length, productName });
}

/** POST /v4|v3/networkdesign/buy: the same order in either body. */
function buyRoute(path: string, items: (body: unknown) => OrderItemInput[]): Route {
  return {
    method: "POST",
    path,
    auth: true,
    change: true,
    handler: ({ store, caller, body }) => {
      const vxcs = buyOrder(store, caller, items(body));
      return {
        body: envelope(
          `VXC [${vxcs.map((v) => v.productUid).join(", ")}] created.`,
          vxcs.map((v) => buyView(store, v)),
        ),
      };
    },
  };
}

export const orderRoutes: Route[] = [
  {
    method: "POST",
    path: "/v3/networkdesign/validate",
    auth: true,
    // Validating changes nothing, so a Read Only key may price an order it could not place.
    handler: ({ store, caller, body }) => {
      const plans = planOrder(store, caller, toInput(parseOrder(BareOrder, body)));
      return {
        body: envelope(
          "Validation passed",
          plans.map((plan) => validateView(store, plan)),
        ),
      };
    },
  },
  buyRoute("/v4/networkdesign/buy", (body) => toInput(parseOrder(V4Order, body).networkDesign)),
  buyRoute("/v3/networkdesign/buy", (body) => toInput(parseOrder(BareOrder, body))),
];
