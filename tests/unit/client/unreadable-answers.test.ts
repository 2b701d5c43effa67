// Answers whose body is not JSON at all (cut off, a proxy's HTML page, empty where JSON is due) are faults on the
// way, not a change of the API: an idempotent call retries them under the same retry policy, an order is never
// retried blindly (the caller settles it as a lost answer), and the error never repeats the body. JSON of the wrong
// shape stays the "API may have changed" error: that is a real contract break.

import { SchemaMismatchError, UnreadableAnswerError } from "../../../provider/client/errors";
import type { MegaportClient } from "../../../provider/client/megaport-client";
import type { VxcOrderItem } from "../../../provider/client/schemas/vxc-order";
import { envelope, type Reply } from "./helpers/test-server";
import { useHarness } from "./helpers/client-harness";

const h = useHarness();

const ORDER: VxcOrderItem[] = [
  {
    productUid: "a-end-port-uid",
    associatedVxcs: [
      {
        productName: "to-acme",
        rateLimit: 100,
        term: 12,
        aEnd: { vlan: 100 },
        bEnd: { productUid: "b-end" },
      },
    ],
  },
];

const TAGS = envelope({ resourceTags: [{ key: "k", value: "v" }] });
const CUT_OFF: Reply = {
  status: 200,
  headers: { "content-type": "application/json" },
  text: '{"message":"OK","data":{"resourceTags":[{"key":"k","val',
};
const HTML: Reply = { status: 200, text: "<html><body>Bad Gateway (from the load balancer)</body></html>" };
const EMPTY: Reply = { status: 200, headers: { "content-type": "application/json" }, text: "" };

/** [what came back, the reply, how the error describes it] */
const GARBLED: readonly [string, Reply, string][] = [
  ["JSON cut off", CUT_OFF, "JSON cut off"],
  ["a proxy's HTML page", HTML, "an HTML page"],
  ["an empty body", EMPTY, "empty"],
  ["plain text", { status: 200, text: "upstream connect error" }, "not JSON"],
];

type Read = [string, string, (c: MegaportClient) => Promise<unknown>, Reply];
/** Idempotent calls: reads, and the side-effect-free POST validate. */
const READS: readonly Read[] = [
  ["GET", "/v2/product/vxc-1/tags", (c) => c.getResourceTags("vxc-1"), TAGS],
  ["GET", "/v2/products", (c) => c.listProducts(), envelope([])],
  ["POST", "/v3/networkdesign/validate", (c) => c.validateVxcOrder(ORDER), envelope([])],
];

describe("answers that cannot be read", () => {
  describe.each(READS)("%s %s", (method, path, call, good) => {
    test.each(GARBLED)("answered with %s, then properly: retried, and succeeds", async (_, garbled) => {
      h.server.on(method, path, garbled, good);
      await expect(call(h.client())).resolves.toBeDefined();
      expect(h.server.apiRequests(method, path)).toHaveLength(2);
    });
  });

  test.each(GARBLED)(
    "a read answered with %s on every try fails with MX_UNREADABLE_ANSWER once the retries run out",
    async (_, garbled, described) => {
      h.server.on("GET", "/v2/product/vxc-1/tags", garbled);
      const err = await h.failure(h.client({ retry: { maxRetries: 2 } }).getResourceTags("vxc-1"));
      expect(err).toBeInstanceOf(UnreadableAnswerError);
      expect(err).toMatchObject({
        code: "MX_UNREADABLE_ANSWER",
        method: "GET",
        path: "/v2/product/vxc-1/tags",
        status: 200,
        body: described,
        attempts: 3,
        mayHaveActed: false,
      });
      expect(err.message).toContain("GET /v2/product/vxc-1/tags");
      expect(err.message).toContain("on each of 3 attempts");
      expect(err.message).toMatch(/proxy or load balancer/);
      expect(err.message).not.toContain("may have changed");
      expect(h.server.apiRequests()).toHaveLength(3);
    },
  );

  test("the body is never copied into the error or the log (it may hold anything)", async () => {
    h.server.on("GET", "/v2/products", (req) => ({
      status: 200,
      text: `<html>session ${req.headers.authorization ?? ""} cookie=s3cr3t-cookie</html>`,
    }));
    const err = await h.failure(h.client({ retry: { maxRetries: 1 } }).listProducts());
    expect(err).toMatchObject({ code: "MX_UNREADABLE_ANSWER" });
    const everything = [err.message, err.stack ?? "", String(err.cause), ...h.logLines].join("\n");
    expect(everything).not.toContain("s3cr3t-cookie");
    expect(everything).not.toContain("session");
  });

  test("JSON of the wrong shape is still the API-may-have-changed error, and is not retried", async () => {
    h.server.on("GET", "/v2/product/vxc-1/tags", envelope({ resourceTags: "not a list" }), TAGS);
    const err = await h.failure(h.client().getResourceTags("vxc-1"));
    expect(err).toBeInstanceOf(SchemaMismatchError);
    expect(err).toMatchObject({ code: "MX_SCHEMA_MISMATCH", fieldPath: "data.resourceTags" });
    expect(err.message).toContain("may have changed");
    expect(h.server.apiRequests()).toHaveLength(1);
  });

  test.each(GARBLED)(
    "an order answered with %s is not sent again: it may have been placed",
    async (_, garbled, described) => {
      h.server.on("POST", "/v4/networkdesign/buy", garbled, envelope([{ vxcJTechnicalServiceUid: "v-1" }]));
      const err = await h.failure(h.client().buyVxc(ORDER));
      expect(err).toMatchObject({ code: "MX_UNREADABLE_ANSWER", body: described, mayHaveActed: true });
      expect(err.message).toMatch(/may have reached Megaport/);
      expect(h.server.apiRequests("POST", "/v4/networkdesign/buy")).toHaveLength(1);
    },
  );

  test("each retry waits its turn in the request budget and backs off as the retry policy says", async () => {
    const acquired: (string | undefined)[] = [];
    const delays: number[] = [];
    h.server.on("GET", "/v2/products", HTML, CUT_OFF, envelope([]));
    const client = h.client({
      retry: {
        baseDelayMs: 1000,
        maxBackoffMs: 8000,
        random: () => 0,
        sleep: async (ms) => void delays.push(ms),
      },
      rateLimiter: { acquire: async (_signal, _during, priority) => void acquired.push(priority) },
    });
    await expect(client.listProducts()).resolves.toEqual([]);
    expect(acquired).toEqual(["lookup", "lookup", "lookup"]);
    expect(delays).toEqual([1100, 2200]);
  });

  test("a token answer that cannot be read is asked for again", async () => {
    h.server.on("POST", "/oauth2/token", HTML, (req, server) => server.issueToken(req));
    h.server.on("GET", "/v2/products", envelope([]));
    await expect(h.client().listProducts()).resolves.toEqual([]);
    expect(h.server.tokenRequests()).toHaveLength(2);
  });
});
