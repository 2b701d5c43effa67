/**
 * Products: list and get, port changes, cancel actions, locks, resource tags, VLAN availability.
 */
import { z } from "zod";
import { envelope } from "../envelope";
import { badRequest } from "../errors";
import { PRODUCT_ACTIONS, type ProductAction } from "../../provider/client/schemas/products";
import { readTags, replaceTags, runProductAction, updatePort } from "../domain/product-actions";
import { setProductLock } from "../domain/product-locks";
import { freeVlans } from "../domain/vlans";
import { ownPort, visibleProduct } from "../domain/vxc-parties";
import { parseBody, type Route } from "../router";
import { portUpdateView, portView, serviceView } from "../views/product-view";
import { int, optional, ResourceTagSchema } from "./body-schemas";

const PortUpdateBody = z.object({
  name: optional(z.string()),
  costCentre: optional(z.string()),
  marketplaceVisibility: optional(z.boolean()),
  term: optional(int()),
});

const TagsBody = z.object({ resourceTags: z.array(ResourceTagSchema) });

/** An optional boolean query parameter: `true` or `false` (any case); anything else is a 400. */
function booleanQuery(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw badRequest(`Invalid ${name} "${value}": it must be true or false`);
}

/** POST locks, DELETE unlocks; both answer with the service (megaportgo port_test.go TestLockPort). */
function lockRoute(method: "POST" | "DELETE", locked: boolean, message: string): Route {
  return {
    method,
    path: "/v2/product/:uid/lock",
    auth: true,
    change: true,
    handler: ({ store, caller, params }) => {
      const service = setProductLock(store, caller, params.uid, locked);
      return { body: envelope(message, serviceView(store, service, caller.companyUid)) };
    },
  };
}

export const productRoutes: Route[] = [
  {
    method: "GET",
    path: "/v2/products",
    auth: true,
    handler: ({ store, caller }) => {
      const ports = store.state.ports.filter((p) => p.companyUid === caller.companyUid);
      return {
        body: envelope(
          `Found ${ports.length} Products`,
          ports.map((p) => portView(store, p, caller.companyUid)),
        ),
      };
    },
  },
  {
    method: "GET",
    path: "/v2/product/:uid",
    auth: true,
    handler: ({ store, caller, params }) => {
      const product = visibleProduct(store, caller, params.uid);
      return {
        body: envelope(
          `Found Product ${product.record.productUid}`,
          serviceView(store, product, caller.companyUid),
        ),
      };
    },
  },
  {
    method: "PUT",
    path: "/v2/product/megaport/:uid",
    auth: true,
    change: true,
    handler: ({ store, caller, params, body }) => {
      const port = updatePort(store, caller, params.uid, parseBody(PortUpdateBody, body));
      return {
        body: envelope(`Product [${port.productUid}] has been updated`, portUpdateView(store, port)),
      };
    },
  },
  {
    method: "POST",
    path: "/v3/product/:uid/action/:action",
    auth: true,
    change: true,
    handler: ({ store, caller, params, query }) => {
      const action = params.action.toUpperCase();
      if (!(PRODUCT_ACTIONS as readonly string[]).includes(action)) {
        throw badRequest(`Unknown action ${params.action}: one of ${PRODUCT_ACTIONS.join(", ")}`);
      }
      runProductAction(store, caller, params.uid, action as ProductAction, {
        safeDelete: booleanQuery(query, "safeDelete"),
      });
      const uid = visibleProduct(store, caller, params.uid).record.productUid;
      return { body: envelope(`Action [${action} Service ${uid}] has been done.`) };
    },
  },
  lockRoute("POST", true, "Service locked"),
  lockRoute("DELETE", false, "Service unlocked"),
  {
    method: "GET",
    path: "/v2/product/:uid/tags",
    auth: true,
    handler: ({ store, caller, params }) => ({
      body: envelope("Resource tags", { resourceTags: readTags(store, caller, params.uid) }),
    }),
  },
  {
    method: "PUT",
    path: "/v2/product/:uid/tags",
    auth: true,
    change: true,
    handler: ({ store, caller, params, body }) => {
      const tags = replaceTags(store, caller, params.uid, parseBody(TagsBody, body).resourceTags);
      return { body: envelope("Resource tags updated", { resourceTags: tags }) };
    },
  },
  {
    method: "GET",
    path: "/v2/product/port/:uid/vlan",
    auth: true,
    handler: ({ store, caller, params, query }) => {
      const port = ownPort(store, caller, params.uid);
      const free = freeVlans(store, port.productUid);
      const asked = query.get("vlan");
      // EXTENSION: without ?vlan= the simulator lists every free VLAN.
      if (asked === null) return { body: envelope(`Available VLANs on ${port.productUid}`, free) };
      const vlan = Number(asked);
      if (!Number.isInteger(vlan)) throw badRequest(`Invalid vlan ${asked}`);
      return { body: envelope(`Available VLANs on ${port.productUid}`, free.includes(vlan) ? [vlan] : []) };
    },
  },
];
