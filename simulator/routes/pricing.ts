/**
 * POST /v4/pricebook/product: the price of a product configuration (megaportgo product.go GetProductPricing).
 * The body is the request for one product type plus `productType`; `?companyId=` / `?companyUid=` (a partner
 * pricing for a managed company) are accepted and not used. Prices come from the simulator's own price book
 * (domain/pricing.ts), the same validate quotes.
 */
import { z } from "zod";
import { envelope } from "../envelope";
import { badRequest } from "../errors";
import { priceVxc } from "../domain/pricing";
import { parseBody, type Route } from "../router";
import { priceBookView } from "../views/order-view";
import { int, optional } from "./body-schemas";

const PriceBookBody = z.looseObject({
  productType: z.string(),
  aLocationId: optional(int()),
  bLocationId: optional(int()),
  speed: optional(int()),
  term: optional(int()),
  currency: optional(z.string()),
});

export const pricingRoutes: Route[] = [
  {
    method: "POST",
    path: "/v4/pricebook/product",
    auth: true,
    // Pricing changes nothing, so a Read Only key may ask.
    handler: ({ store, body }) => {
      const input = parseBody(PriceBookBody, body);
      // EXTENSION: (limitation) the simulator sells and prices VXCs only.
      if (input.productType.toUpperCase() !== "VXC") {
        throw badRequest(`The simulator prices VXCs only, not ${input.productType}`);
      }
      if (input.aLocationId === undefined || input.bLocationId === undefined) {
        throw badRequest("A VXC price needs aLocationId and bLocationId");
      }
      if (input.speed === undefined) throw badRequest("A VXC price needs speed");
      const quote = priceVxc(store, {
        aLocationId: input.aLocationId,
        bLocationId: input.bLocationId,
        speed: input.speed,
        term: input.term,
        currency: input.currency,
      });
      return { body: envelope("OK", priceBookView(quote)) };
    },
  },
];
