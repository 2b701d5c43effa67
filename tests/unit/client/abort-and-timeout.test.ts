// Every call can be cancelled with an AbortSignal, and no attempt waits longer than requestTimeoutMs.

import { sleep } from "../../../provider/client/abort";
import { AbortedError, TimeoutError } from "../../../provider/client/errors";
import { RequestBudget } from "../../../provider/client/request-budget";
import { eventually } from "../../support/eventually";
import { envelope } from "./helpers/test-server";
import { useHarness } from "./helpers/client-harness";

const h = useHarness();

describe("abort and timeouts", () => {
  test("aborting cancels a request in flight with AbortedError carrying the signal's reason", async () => {
    h.server.on("GET", "/v2/products", "hang");
    const controller = new AbortController();
    const reason = new Error("pulumi cancelled");
    const pending = h.failure(h.client().listProducts({ signal: controller.signal }));
    await until(() => h.server.apiRequests().length === 1, "the request to reach the server");
    const started = Date.now();
    controller.abort(reason);
    const err = await pending;
    expect(err).toBeInstanceOf(AbortedError);
    expect(err).toMatchObject({ code: "MX_ABORTED", during: "GET /v2/products" });
    expect(err.cause).toBe(reason);
    expect(Date.now() - started).toBeLessThan(500);
  });

  test("an already aborted signal sends nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await h.failure(h.client().getVxc("some-uid", { signal: controller.signal }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(h.server.requests).toHaveLength(0);
  });

  test("aborting during a retry backoff stops the retries", async () => {
    h.server.on("GET", "/v2/products", { status: 503, json: {} });
    const controller = new AbortController();
    let backingOff = false;
    const backoff = (ms: number, signal?: AbortSignal) => {
      backingOff = true;
      return sleep(ms, signal, "a retry backoff");
    };
    const client = h.client({ retry: { baseDelayMs: 10_000, maxDelayMs: 10_000, sleep: backoff } });
    const pending = h.failure(client.listProducts({ signal: controller.signal }));
    await until(() => backingOff, "the first retry backoff");
    controller.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(AbortedError);
    expect(h.server.apiRequests()).toHaveLength(1);
  });

  test("an abort names the call that was waiting", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const limiter = new RequestBudget({ limit: 1, windowMs: 60_000, reserve: 0 });
    const client = h.client({ rateLimiter: limiter });
    await client.listProducts();
    const controller = new AbortController();
    const pending = h.failure(client.listProducts({ signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({ during: "GET /v2/products (waiting for the request budget)" });
  });

  test("aborting while waiting for the request budget never sends the request", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const limiter = new RequestBudget({ limit: 1, windowMs: 60_000, reserve: 0 });
    const client = h.client({ rateLimiter: limiter });
    await client.listProducts();
    const controller = new AbortController();
    const pending = h.failure(client.listProducts({ signal: controller.signal }));
    await until(() => limiter.queued === 1, "the call to wait for the request budget");
    controller.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(AbortedError);
    expect(h.server.apiRequests()).toHaveLength(1);
  });

  test("one caller aborting does not cancel the token request other callers share", async () => {
    // The token endpoint answers only once the impatient caller has given up.
    let answerToken: () => void = () => undefined;
    const tokenAnswered = new Promise<void>((resolve) => (answerToken = resolve));
    h.server.on("POST", "/oauth2/token", async (req, server) => {
      await tokenAnswered;
      return server.issueToken(req);
    });
    h.server.on("GET", "/v2/products", envelope([]));
    const client = h.client();
    const controller = new AbortController();
    const impatient = h.failure(client.listProducts({ signal: controller.signal }));
    const patient = client.listProducts();
    await until(() => h.server.tokenRequests().length === 1, "the token request to reach the server");
    controller.abort();
    expect(await impatient).toBeInstanceOf(AbortedError);
    answerToken();
    await expect(patient).resolves.toEqual([]);
    expect(h.server.tokenRequests()).toHaveLength(1);
  });

  test("a response slower than requestTimeoutMs fails with TimeoutError saying what and how long", async () => {
    h.server.on("GET", "/v2/products", "hang");
    const err = await h.failure(h.client({ requestTimeoutMs: 100, retry: { maxRetries: 0 } }).listProducts());
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ code: "MX_TIMEOUT", waitedMs: 100 });
    expect((err as TimeoutError).waitedFor).toContain("GET /v2/products");
    expect((err as TimeoutError).whoMustAct).toContain("requestTimeoutMs");
  });

  test("a timed-out GET is retried", async () => {
    h.server.on("GET", "/v2/products", "hang", envelope([]));
    await expect(h.client({ requestTimeoutMs: 100 }).listProducts()).resolves.toEqual([]);
    expect(h.server.apiRequests()).toHaveLength(2);
  });

  test("a timed-out buy is not retried and tells the user to check before ordering again", async () => {
    h.server.on("POST", "/v4/networkdesign/buy", "hang");
    const err = await h.failure(
      h.client({ requestTimeoutMs: 100 }).buyVxc([
        {
          productUid: "a",
          associatedVxcs: [{ productName: "v", rateLimit: 50, term: 1, aEnd: {}, bEnd: { productUid: "b" } }],
        },
      ]),
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).whoMustAct).toMatch(/may have reached Megaport/);
    expect(h.server.apiRequests()).toHaveLength(1);
  });
});

function until(condition: () => boolean, what: string): Promise<unknown> {
  return eventually(condition, 5000, what, { intervalMs: 5 });
}
