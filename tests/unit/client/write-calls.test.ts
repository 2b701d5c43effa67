// Every write keeps its own retry rule, honours its caller's AbortSignal and waits in the request budget's
// "order" queue. One row per write method, so a change to how writes are sent cannot quietly retry an order
// that may have reached Megaport, or stop retrying a change that is safe to repeat.

import { AbortedError, UnreadableAnswerError } from "../../../provider/client/errors";
import type { MegaportClient } from "../../../provider/client/megaport-client";
import type { RequestPriority } from "../../../provider/client/request-budget";
import { useHarness } from "./helpers/client-harness";

const h = useHarness();

const ORDER_ITEM = {
  productUid: "globex-syd-red",
  associatedVxcs: [
    {
      productName: "globex-to-acme",
      rateLimit: 500,
      term: 12 as const,
      aEnd: { vlan: 101 },
      bEnd: { productUid: "acme-syd-red" },
    },
  ],
};

type Write = (client: MegaportClient, signal?: AbortSignal) => Promise<unknown>;

/** [method, method and path, call, whether a 503 is retried] */
const WRITES: readonly [string, string, string, Write, boolean][] = [
  [
    "updatePort",
    "PUT",
    "/v2/product/megaport/port-1",
    (c, signal) => c.updatePort("port-1", { marketplaceVisibility: true }, { signal }),
    true,
  ],
  [
    "updateVxc",
    "PUT",
    "/v3/product/vxc/vxc-1",
    (c, signal) => c.updateVxc("vxc-1", { rateLimit: 1000 }, { signal }),
    true,
  ],
  [
    "approveVxcOrder",
    "PUT",
    "/v2/order/vxc/approval-1",
    (c, signal) => c.approveVxcOrder("approval-1", { isApproved: true }, { signal }),
    true,
  ],
  [
    "setResourceTags",
    "PUT",
    "/v2/product/vxc-1/tags",
    (c, signal) => c.setResourceTags("vxc-1", { owner: "netops" }, { signal }),
    true,
  ],
  [
    "updateServiceKey",
    "PUT",
    "/v2/service/key",
    (c, signal) =>
      c.updateServiceKey(
        { key: "e19de6a6-5354-4240-b382-70aa4352dc20", productUid: "port-1", active: false },
        { signal },
      ),
    true,
  ],
  [
    "updateUser",
    "PUT",
    "/v2/employee/9012",
    (c, signal) => c.updateUser(9012, { position: "Technical Admin" }, { signal }),
    true,
  ],
  [
    "setNotificationPreferences",
    "PUT",
    "/v2/notificationPreferences",
    (c, signal) => c.setNotificationPreferences({ destinations: { EMAIL: [] } }, { signal }),
    true,
  ],
  [
    "setMarketplaceProfile",
    "PUT",
    "/v2/marketplace/profile",
    (c, signal) => c.setMarketplaceProfile({ companyBio: "Fast pipes." }, { signal }),
    true,
  ],
  [
    "validateVxcOrder",
    "POST",
    "/v3/networkdesign/validate",
    (c, signal) => c.validateVxcOrder([ORDER_ITEM], { signal }),
    true,
  ],
  [
    "priceVxc",
    "POST",
    "/v4/pricebook/product",
    (c, signal) => c.priceVxc({ aLocationId: 3, bLocationId: 50, speed: 100, term: 12 }, { signal }),
    true,
  ],
  [
    "approveOrderApproval",
    "POST",
    "/v3/order_approvals/u-1/approve",
    (c, signal) => c.approveOrderApproval("u-1", { signal }),
    true,
  ],
  [
    "rejectOrderApproval",
    "POST",
    "/v3/order_approvals/u-1/reject",
    (c, signal) => c.rejectOrderApproval("u-1", { signal }),
    true,
  ],
  [
    "withdrawOrderApproval",
    "POST",
    "/v3/order_approvals/u-1/withdraw",
    (c, signal) => c.withdrawOrderApproval("u-1", { signal }),
    true,
  ],
  ["lockProduct", "POST", "/v2/product/p-1/lock", (c, signal) => c.lockProduct("p-1", { signal }), true],
  [
    "unlockProduct",
    "DELETE",
    "/v2/product/p-1/lock",
    (c, signal) => c.unlockProduct("p-1", { signal }),
    true,
  ],
  [
    "cancelProduct",
    "POST",
    "/v3/product/vxc-1/action/CANCEL_NOW",
    (c, signal) => c.cancelProduct("vxc-1", "CANCEL_NOW", { signal }),
    false,
  ],
  ["buyVxc", "POST", "/v4/networkdesign/buy", (c, signal) => c.buyVxc([ORDER_ITEM], { signal }), false],
  [
    "createServiceKey",
    "POST",
    "/v2/service/key",
    (c, signal) =>
      c.createServiceKey(
        { productUid: "port-1", singleUse: true, vlan: 3, maxSpeed: 500, active: true },
        { signal },
      ),
    false,
  ],
];

const UNAVAILABLE = { status: 503, json: { message: "Service Unavailable" } };

describe("write calls", () => {
  test.each(WRITES)(
    "%s (%s %s) answered 503 is retried only when repeating it is safe",
    async (_, method, path, write, retried) => {
      h.server.on(method, path, UNAVAILABLE, UNAVAILABLE);
      const err = await h.failure(write(h.client({ retry: { maxRetries: 1 } })));
      expect(err).toMatchObject({ code: "MX_API", status: 503, method, path });
      expect(h.server.apiRequests(method, path)).toHaveLength(retried ? 2 : 1);
    },
  );

  test.each(WRITES)(
    "%s (%s %s) answered 200 with a proxy's HTML page is retried only when repeating it is safe",
    async (_, method, path, write, retried) => {
      const html = { status: 200, text: "<html>Bad Gateway</html>" };
      h.server.on(method, path, html, html);
      const err = await h.failure(write(h.client({ retry: { maxRetries: 1 } })));
      expect(err).toBeInstanceOf(UnreadableAnswerError);
      expect(err).toMatchObject({ code: "MX_UNREADABLE_ANSWER", method, path, mayHaveActed: !retried });
      expect(h.server.apiRequests(method, path)).toHaveLength(retried ? 2 : 1);
    },
  );

  test.each(WRITES)(
    "%s (%s %s) with an already aborted signal sends nothing",
    async (_, method, path, write) => {
      const controller = new AbortController();
      controller.abort();
      const err = await h.failure(write(h.client(), controller.signal));
      expect(err).toBeInstanceOf(AbortedError);
      expect(err).toMatchObject({ code: "MX_ABORTED", during: `${method} ${path}` });
      expect(h.server.apiRequests()).toHaveLength(0);
    },
  );

  test.each(WRITES)(
    "%s (%s %s) waits in the request budget's order queue",
    async (_, method, path, write) => {
      const priorities: (RequestPriority | undefined)[] = [];
      h.server.on(method, path, UNAVAILABLE);
      await h.failure(
        write(
          h.client({
            retry: { maxRetries: 0 },
            rateLimiter: { acquire: async (_signal, _during, priority) => void priorities.push(priority) },
          }),
        ),
      );
      expect(priorities).toEqual(["order"]);
    },
  );
});
