// The process-wide sliding-window limiter that keeps us under Megaport's 500 requests per 5 minutes.

import { AbortedError } from "../../../provider/client/errors";
import {
  DEFAULT_RATE_LIMIT,
  sharedRateLimiter,
  SlidingWindowRateLimiter,
} from "../../../provider/client/rate-limiter";
import { envelope } from "./helpers/test-server";
import { useHarness } from "./helpers/client-harness";

const h = useHarness();

describe("rate limiter", () => {
  test("requests beyond the window's limit queue until the oldest leaves the window, in order", async () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 2, windowMs: 150 });
    const started = Date.now();
    const admittedAt: number[] = [];
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        await limiter.acquire();
        admittedAt[i] = Date.now() - started;
        order.push(i);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
    expect(admittedAt[1]).toBeLessThan(50);
    expect(admittedAt[2]).toBeGreaterThanOrEqual(145);
    expect(admittedAt[3]).toBeGreaterThanOrEqual(145);
  });

  test("a client's calls wait for the limiter instead of going over", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const limiter = new SlidingWindowRateLimiter({ limit: 2, windowMs: 200 });
    const client = h.client({ rateLimiter: limiter });
    const started = Date.now();
    await Promise.all([client.listProducts(), client.listProducts(), client.listProducts()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(h.server.apiRequests()).toHaveLength(3);
  });

  test("a queued caller that aborts leaves the queue with AbortedError and the others go on", async () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 100 });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    expect(limiter.queued).toBe(2);
    controller.abort(new Error("user cancelled"));
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    expect(limiter.queued).toBe(1);
    await expect(next).resolves.toBeUndefined();
  });

  test("every client without its own limiter shares the one process-wide limiter", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const shared = sharedRateLimiter();
    shared.configure({ limit: 2, windowMs: 200 });
    shared.reset();
    try {
      const first = h.client({ rateLimiter: undefined });
      const second = h.client({ rateLimiter: undefined });
      const started = Date.now();
      await Promise.all([first.listProducts(), second.listProducts(), first.listProducts()]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    } finally {
      shared.configure(DEFAULT_RATE_LIMIT);
      shared.reset();
    }
  });

  test("the shared limiter is the same object in a second copy of the module", () => {
    let copy: typeof import("../../../provider/client/rate-limiter") | undefined;
    jest.isolateModules(() => {
      copy = require("../../../provider/client/rate-limiter");
    });
    expect(copy!.SlidingWindowRateLimiter).not.toBe(SlidingWindowRateLimiter);
    expect(copy!.sharedRateLimiter()).toBe(sharedRateLimiter());
  });

  test("the default stays under Megaport's 500 requests per 5 minutes", () => {
    expect(DEFAULT_RATE_LIMIT.limit).toBeLessThan(500);
    expect(DEFAULT_RATE_LIMIT.windowMs).toBe(300_000);
  });

  test("a limit below one is refused", () => {
    expect(() => new SlidingWindowRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(/rateLimiter.limit/);
  });
});
