/**
 * Service keys: POST, GET (?key=, or a list with ?productIdOrUid= and/or ?companyIdOrUid=) and PUT /v2/service/key.
 * There is no DELETE.
 *
 * megaportgo (and so Megaport's CLI and Terraform provider) builds the one-key lookup with JoinPath, which
 * escapes the "?": it asks for GET /v2/service/key%3Fkey=<key>. The Terraform provider reads every key it
 * creates that way, and its acceptance tests run against Megaport's staging API, so the real API must answer
 * it [I, from V: terraform-provider-megaport service_key_resource.go Create/Read, service_key_resource_test.go].
 * The simulator answers it as GET /v2/service/key?key=<key>.
 */
import { z } from "zod";
import { envelope } from "../envelope";
import { SimError } from "../errors";
import { createServiceKey, listServiceKeys, ownServiceKey, updateServiceKey } from "../domain/service-keys";
import { parseBody, type Route, type RouteContext } from "../router";
import { serviceKeyView } from "../views/service-key-view";
import { int, optional } from "./body-schemas";

const keyFields = {
  productUid: optional(z.string()),
  productId: optional(int()),
  singleUse: optional(z.boolean()),
  maxSpeed: z.number().int().nullish(),
  active: optional(z.boolean()),
  preApproved: z.boolean().nullish(),
  description: optional(z.string().max(255)),
  vlan: z.number().int().nullish(),
  validFor: z.object({ start: z.number().int().nullish(), end: z.number().int().nullish() }).nullish(),
  promoCode: z.string().nullish(),
};

const CreateBody = z.object(keyFields);
const UpdateBody = z.object({ ...keyFields, key: z.string().min(1) });

/** GET /v2/service/key?key=: one of the caller's company's keys. */
function oneKey({ store, caller }: Pick<RouteContext, "store" | "caller">, key: string) {
  const record = ownServiceKey(store, caller, key);
  return { body: envelope(`Found service key [${record.key}]`, serviceKeyView(store, record)) };
}

export const serviceKeyRoutes: Route[] = [
  {
    method: "POST",
    path: "/v2/service/key",
    auth: true,
    change: true,
    handler: ({ store, caller, body }) => {
      const key = createServiceKey(store, caller, parseBody(CreateBody, body));
      return { body: envelope(`New service key [${key.key}] generated`, serviceKeyView(store, key, true)) };
    },
  },
  {
    method: "GET",
    path: "/v2/service/key",
    auth: true,
    handler: ({ store, caller, query }) => {
      const key = query.get("key");
      if (key !== null) return oneKey({ store, caller }, key);
      const keys = listServiceKeys(store, caller, {
        productIdOrUid: query.get("productIdOrUid") ?? undefined,
        companyIdOrUid: query.get("companyIdOrUid") ?? undefined,
      });
      const companyId = store.company(caller.companyUid).companyId;
      return {
        body: envelope(
          `Found [${keys.length}] service keys for company [${companyId}]`,
          keys.map((k) => serviceKeyView(store, k)),
        ),
      };
    },
  },
  {
    method: "PUT",
    path: "/v2/service/key",
    auth: true,
    change: true,
    handler: ({ store, caller, body }) => {
      const key = updateServiceKey(store, caller, parseBody(UpdateBody, body));
      return { body: envelope(`Service key [${key.key}] updated`, serviceKeyView(store, key, true)) };
    },
  },
  {
    // The escaped lookup megaportgo sends (header comment): the path segment decodes to "key?key=<key>".
    method: "GET",
    path: "/v2/service/:escapedLookup",
    auth: true,
    handler: (ctx) => {
      const lookup = ctx.params.escapedLookup;
      const key = lookup.startsWith("key?") ? new URLSearchParams(lookup.slice(4)).get("key") : null;
      if (key === null) throw new SimError(404, `No endpoint GET /v2/service/${encodeURIComponent(lookup)}`);
      return oneKey(ctx, key);
    },
  },
];
