// Retries after the Megaport CLI's policy (docs/megaport-api.md §4.3): 429/502/503/504 and network errors for
// idempotent calls, with backoff or Retry-After; an order only when it provably did not reach Megaport.

import { sleep as abortableSleep } from "../../../provider/client/abort";
import { cancelThisProcess, resetCancellationForTests } from "../../../provider/client/cancellation";
import { ApiError, NetworkError, RateLimitedError } from "../../../provider/client/errors";
import {
  backoffDelayMs,
  isRetryableStatus,
  parseRetryAfterMs,
  resolveRetryPolicy,
} from "../../../provider/client/retry";
import type { VxcOrderItem } from "../../../provider/client/schemas/vxc-order";
import { envelope } from "./helpers/test-server";
import { useHarness } from "./helpers/client-harness";
import { eventually } from "../../support/eventually";
import { freePort } from "../../support/free-port";

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
        bEnd: { productUid: "b-end-port-uid" },
      },
    ],
  },
];
const BOUGHT = envelope([{ vxcJTechnicalServiceUid: "new-vxc-uid" }], "VXC [new-vxc-uid] created.");

/** A sleep that records the delays asked for and does not wait. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

describe("retries", () => {
  test("a 429 with Retry-After in seconds waits that long before the retry", async () => {
    const { delays, sleep } = recordingSleep();
    h.server.on(
      "GET",
      "/v2/products",
      { status: 429, headers: { "Retry-After": "2" }, json: { message: "Too many" } },
      envelope([]),
    );
    await h.client({ retry: { maxDelayMs: 30_000, sleep } }).listProducts();
    expect(delays).toEqual([2000]);
    expect(h.server.apiRequests()).toHaveLength(2);
  });

  test("a 429 with Retry-After as an HTTP date waits until that date", async () => {
    const { delays, sleep } = recordingSleep();
    const now = Date.parse("2026-01-01T00:00:00Z");
    const later = new Date(now + 5000).toUTCString();
    h.server.on("GET", "/v2/products", { status: 429, headers: { "Retry-After": later } }, envelope([]));
    await h.client({ retry: { maxDelayMs: 30_000, sleep }, now: () => now }).listProducts();
    expect(delays).toEqual([5000]);
  });

  test("a Retry-After longer than the cap waits only the cap", async () => {
    const { delays, sleep } = recordingSleep();
    h.server.on("GET", "/v2/products", { status: 429, headers: { "Retry-After": "3600" } }, envelope([]));
    await h.client({ retry: { maxDelayMs: 30_000, sleep } }).listProducts();
    expect(delays).toEqual([30_000]);
  });

  test.each([502, 503, 504])("HTTP %i on a GET is retried until it succeeds", async (status) => {
    h.server.on(
      "GET",
      "/v2/products",
      { status, text: "<html>Bad Gateway</html>" },
      { status, json: {} },
      envelope([]),
    );
    await expect(h.client().listProducts()).resolves.toEqual([]);
    expect(h.server.apiRequests()).toHaveLength(3);
  });

  test("backoff doubles from the base delay with 10–25 % jitter and stops at the cap", async () => {
    const { delays, sleep } = recordingSleep();
    h.server.on("GET", "/v2/products", { status: 503, json: {} });
    await h.failure(
      h
        .client({ retry: { baseDelayMs: 1000, maxDelayMs: 3000, maxRetries: 4, random: () => 0, sleep } })
        .listProducts(),
    );
    expect(delays).toEqual([1100, 2200, 3300, 3300]);
    const high = resolveRetryPolicy({ baseDelayMs: 1000, random: () => 0.999999 });
    expect(backoffDelayMs(0, high)).toBe(1250);
  });

  test("429s beyond the retry budget fail with RateLimitedError carrying status, Retry-After and Trace-Id", async () => {
    h.server.on("GET", "/v2/products", {
      status: 429,
      headers: { "Retry-After": "1", "Trace-Id": "trace-429" },
      json: { message: "Rate limit exceeded" },
    });
    const err = await h.failure(h.client({ retry: { maxRetries: 2, maxDelayMs: 1 } }).listProducts());
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err).toMatchObject({
      code: "MX_RATE_LIMITED",
      status: 429,
      retryAfterMs: 1000,
      traceId: "trace-429",
      megaportMessage: "Rate limit exceeded",
    });
    expect(err.message).toContain("500 requests per 5 minutes");
    expect(h.server.apiRequests()).toHaveLength(3);
  });

  test("503s beyond the retry budget fail with ApiError carrying status and Trace-Id", async () => {
    h.server.on("GET", "/v2/products", {
      status: 503,
      headers: { "Trace-Id": "trace-503" },
      json: { message: "Service Unavailable" },
    });
    const err = await h.failure(h.client({ retry: { maxRetries: 1 } }).listProducts());
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: "MX_API",
      status: 503,
      traceId: "trace-503",
      method: "GET",
      path: "/v2/products",
    });
    expect(err.message).toContain("Trace-Id trace-503");
    expect(h.server.apiRequests()).toHaveLength(2);
  });

  test("a buy answered with 503 is not retried: it may have been placed", async () => {
    h.server.on(
      "POST",
      "/v4/networkdesign/buy",
      { status: 503, json: { message: "Service Unavailable" } },
      BOUGHT,
    );
    const err = await h.failure(h.client().buyVxc(ORDER));
    expect(err).toMatchObject({ code: "MX_API", status: 503 });
    expect(h.server.apiRequests("POST", "/v4/networkdesign/buy")).toHaveLength(1);
  });

  test("a buy answered with 429 is retried: Megaport refused it before acting", async () => {
    h.server.on(
      "POST",
      "/v4/networkdesign/buy",
      { status: 429, json: { message: "Too many requests" } },
      BOUGHT,
    );
    await expect(h.client().buyVxc(ORDER)).resolves.toEqual(["new-vxc-uid"]);
    expect(h.server.apiRequests("POST", "/v4/networkdesign/buy")).toHaveLength(2);
  });

  test("a buy whose connection drops after sending is not retried and says the order may exist", async () => {
    h.server.on("POST", "/v4/networkdesign/buy", "destroy", BOUGHT);
    const err = await h.failure(h.client().buyVxc(ORDER));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ code: "MX_NETWORK", mayHaveReachedServer: true });
    expect(err.message).toMatch(/may have reached Megaport/);
    expect(h.server.apiRequests("POST", "/v4/networkdesign/buy")).toHaveLength(1);
  });

  test("a buy whose connection is refused is retried, because nothing was sent", async () => {
    const closedPort = await freePort();
    const err = await h.failure(
      h
        .client({
          baseUrl: `http://127.0.0.1:${closedPort}`,
          tokenUrl: h.server.tokenUrl,
          retry: { maxRetries: 2, baseDelayMs: 1, random: () => 0 },
        })
        .buyVxc(ORDER),
    );
    expect(err).toMatchObject({
      code: "MX_NETWORK",
      systemCode: "ECONNREFUSED",
      mayHaveReachedServer: false,
    });
    const attempts = h.logLines.filter((l) => l.includes("POST /v4/networkdesign/buy failed"));
    expect(attempts).toHaveLength(3);
  });

  test("an unreachable API makes one round of attempts, not token retries inside each call's retries", async () => {
    const closedPort = await freePort();
    const err = await h.failure(
      h
        .client({
          baseUrl: `http://127.0.0.1:${closedPort}`,
          tokenUrl: `http://127.0.0.1:${closedPort}/oauth2/token`,
          retry: { maxRetries: 3, baseDelayMs: 1, random: () => 0 },
        })
        .listProducts(),
    );
    const connects = h.logLines.filter((l) => / failed after \d+ms/.test(l));
    expect(connects).toHaveLength(4);
    expect(err).toMatchObject({ code: "MX_NETWORK", systemCode: "ECONNREFUSED", attempts: 4 });
    expect(err.message).toContain(
      `POST /oauth2/token to 127.0.0.1:${closedPort} failed on the network (ECONNREFUSED) after 4 attempts`,
    );
    expect(err.message).toContain("Nothing is listening there: start the simulator");
  });

  test("an HTTP 500 on a read is retried and succeeds", async () => {
    h.server.on(
      "GET",
      "/v2/products",
      { status: 500, json: { message: "Internal Server Error" } },
      envelope([]),
    );
    await expect(h.client().listProducts()).resolves.toEqual([]);
    expect(h.server.apiRequests()).toHaveLength(2);
  });

  test("an HTTP 500 on a buy is not retried: the order may exist", async () => {
    h.server.on("POST", "/v4/networkdesign/buy", { status: 500, json: { message: "boom" } }, BOUGHT);
    const err = await h.failure(h.client().buyVxc(ORDER));
    expect(err).toMatchObject({ code: "MX_API", status: 500 });
    expect(h.server.apiRequests("POST", "/v4/networkdesign/buy")).toHaveLength(1);
  });

  test("a GET whose connection drops is retried and succeeds", async () => {
    h.server.on("GET", "/v2/products", "destroy", envelope([]));
    await expect(h.client().listProducts()).resolves.toEqual([]);
    expect(h.server.apiRequests()).toHaveLength(2);
  });

  test("a 400 is never retried", async () => {
    h.server.on("GET", "/v2/products", { status: 400, json: { message: "Bad request" } });
    await h.failure(h.client().listProducts());
    expect(h.server.apiRequests()).toHaveLength(1);
  });

  test.each([
    [429, "idempotent", true],
    [429, "unsafe", true],
    [503, "idempotent", true],
    [503, "unsafe", false],
    [502, "unsafe", false],
    [500, "idempotent", true],
    [500, "unsafe", false],
    [404, "idempotent", false],
  ] as const)("HTTP %i on an %s call is retried: %s", (status, safety, expected) => {
    expect(isRetryableStatus(status, safety)).toBe(expected);
  });

  test.each([
    ["120", 120_000],
    ["0", 0],
    ["1.5", 1500],
    ["Thu, 01 Jan 2026 00:00:10 GMT", 10_000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
  ])("Retry-After %j means %p ms", (header, expected) => {
    expect(parseRetryAfterMs(header, Date.parse("2026-01-01T00:00:00Z"))).toBe(expected);
  });
});

describe("retries once the provider process is cancelled", () => {
  afterEach(() => resetCancellationForTests());

  test("a back-off ends at once: the call fails as aborted instead of waiting out its retries", async () => {
    h.server.on("GET", "/v2/products", { status: 503, json: {} });
    // A minute's back-off per retry, waited for real: only the cancel can end it within the test.
    const listing = h.failure(
      h
        .client({ retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, maxRetries: 6, sleep: abortableSleep } })
        .listProducts(),
    );
    await eventually(() => h.server.apiRequests().length > 0, 5000, "the first attempt");
    const at = Date.now();
    cancelThisProcess("SIGTERM to the provider process");
    const error = await listing;
    expect(error).toMatchObject({ code: "MX_ABORTED" });
    expect(Date.now() - at).toBeLessThan(1000);
    expect(h.server.apiRequests()).toHaveLength(1);
  });
});
