/**
 * Service keys: POST, GET (?key=, or a list with ?productIdOrUid= and/or ?companyIdOrUid=) and PUT /v2/service/key.
 * There is no DELETE.
 */
import { z } from "zod";
import { envelope } from "../envelope";
import { createServiceKey, listServiceKeys, ownServiceKey, updateServiceKey } from "../domain/service-keys";
import { parseBody, type Route } from "../router";
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
      if (key !== null) {
        const record = ownServiceKey(store, caller, key);
        return { body: envelope(`Found service key [${record.key}]`, serviceKeyView(store, record)) };
      }
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
];
