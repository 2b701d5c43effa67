// The process-wide request budget that keeps us under Megaport's 500 requests per 5 minutes: never over the window,
// paced rather than burst, polls before orders before lookups, and the last requests of the window kept for polls.
import { AbortedError } from "../../../provider/client/errors";
import {
  DEFAULT_RATE_LIMIT,
  RequestBudget,
  sharedRequestBudget,
} from "../../../provider/client/request-budget";
import { envelope } from "./helpers/test-server";
import { useHarness } from "./helpers/client-harness";

const h = useHarness();

/** A clock the test moves by hand, and a way to let queued promises settle. */
function manualClock() {
  let now = 1_000_000;
  return {
    now: () => now,
    advance: async (ms: number) => {
      now += ms;
      jest.advanceTimersByTime(ms);
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe("request budget", () => {
  test("requests beyond the window's limit queue until the oldest leaves the window, in order", async () => {
    const budget = new RequestBudget({ limit: 2, windowMs: 150, burst: 2, reserve: 0 });
    const started = Date.now();
    const admittedAt: number[] = [];
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        await budget.acquire();
        admittedAt[i] = Date.now() - started;
        order.push(i);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
    expect(admittedAt[1]).toBeLessThan(50);
    expect(admittedAt[2]).toBeGreaterThanOrEqual(145);
    expect(admittedAt[3]).toBeGreaterThanOrEqual(145);
  });

  describe("with a clock of its own", () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    test("a burst goes at once, then requests are paced at limit per window instead of spending the window", async () => {
      const clock = manualClock();
      // 60 per minute: one a second once the burst of 10 is spent.
      const budget = new RequestBudget({
        limit: 60,
        windowMs: 60_000,
        burst: 10,
        reserve: 0,
        now: clock.now,
      });
      let admitted = 0;
      for (let i = 0; i < 20; i++) void budget.acquire().then(() => (admitted += 1));
      await clock.advance(0);
      expect(admitted).toBe(10);
      await clock.advance(1_001);
      expect(admitted).toBe(11);
      await clock.advance(5_000);
      expect(admitted).toBe(16);
      expect(budget.used).toBe(16);
    });

    test("a waiting poll goes before waiting orders and lookups, an order before a lookup", async () => {
      const clock = manualClock();
      const budget = new RequestBudget({
        limit: 100,
        windowMs: 100_000,
        burst: 1,
        reserve: 0,
        now: clock.now,
      });
      await budget.acquire(); // the bucket is empty now: everyone else waits for the next token
      const served: string[] = [];
      for (const priority of ["lookup", "order", "lookup", "poll", "order"] as const) {
        void budget.acquire(undefined, undefined, priority).then(() => served.push(priority));
      }
      for (let i = 0; i < 5; i++) await clock.advance(1_001);
      expect(served).toEqual(["poll", "order", "order", "lookup", "lookup"]);
      expect(budget.admittedByPriority()).toEqual({ poll: 1, order: 2, lookup: 3 });
    });

    test("the last requests of the window are kept for polls: a lookup waits, a poll goes", async () => {
      const clock = manualClock();
      const budget = new RequestBudget({
        limit: 10,
        windowMs: 60_000,
        burst: 10,
        reserve: 2,
        now: clock.now,
      });
      for (let i = 0; i < 8; i++) await budget.acquire(undefined, undefined, "order");
      let lookup = false;
      void budget.acquire(undefined, undefined, "lookup").then(() => (lookup = true));
      await clock.advance(0);
      expect(lookup).toBe(false);
      await budget.acquire(undefined, undefined, "poll");
      await budget.acquire(undefined, undefined, "poll");
      expect(budget.used).toBe(10);
      await clock.advance(60_001); // the window has moved on
      expect(lookup).toBe(true);
    });

    test("the poll interval floor grows as the window fills, so polls alone never use more than half what is left", () => {
      const clock = manualClock();
      const budget = new RequestBudget({
        limit: 100,
        windowMs: 100_000,
        burst: 100,
        reserve: 0,
        now: clock.now,
      });
      expect(budget.pollIntervalFloorMs()).toBe(2_000);
      for (let i = 0; i < 90; i++) void budget.acquire();
      expect(budget.remaining).toBe(10);
      expect(budget.pollIntervalFloorMs()).toBe(20_000);
    });
  });

  test("a client's calls wait for the budget instead of going over", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const budget = new RequestBudget({ limit: 2, windowMs: 200, burst: 2, reserve: 0 });
    const client = h.client({ rateLimiter: budget });
    const started = Date.now();
    await Promise.all([client.listProducts(), client.listProducts(), client.listProducts()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(h.server.apiRequests()).toHaveLength(3);
  });

  test("a client's call carries its priority to the budget: the watcher's polls go first", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const budget = new RequestBudget({ limit: 1000, windowMs: 1000, burst: 1000, reserve: 0 });
    const client = h.client({ rateLimiter: budget });
    await client.listProducts({ priority: "poll" });
    await client.listProducts();
    expect(budget.admittedByPriority()).toMatchObject({ poll: 1, lookup: 1 });
  });

  test("a queued caller that aborts leaves the queue with AbortedError and the others go on", async () => {
    const budget = new RequestBudget({ limit: 1, windowMs: 100, burst: 1, reserve: 0 });
    await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire(controller.signal);
    const next = budget.acquire();
    expect(budget.queued).toBe(2);
    controller.abort(new Error("user cancelled"));
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    expect(budget.queued).toBe(1);
    await expect(next).resolves.toBeUndefined();
  });

  test("every client without its own budget shares the one process-wide budget", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const shared = sharedRequestBudget();
    shared.configure({ limit: 2, windowMs: 200, burst: 2, reserve: 0 });
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

  test("the shared budget is the same object in a second copy of the module", () => {
    let copy: typeof import("../../../provider/client/request-budget") | undefined;
    jest.isolateModules(() => {
      copy = require("../../../provider/client/request-budget");
    });
    expect(copy!.RequestBudget).not.toBe(RequestBudget);
    expect(copy!.sharedRequestBudget()).toBe(sharedRequestBudget());
  });

  test("the default stays under Megaport's 500 requests per 5 minutes", () => {
    expect(DEFAULT_RATE_LIMIT.limit).toBeLessThan(500);
    expect(DEFAULT_RATE_LIMIT.windowMs).toBe(300_000);
  });

  test("a limit below one is refused", () => {
    expect(() => new RequestBudget({ limit: 0, windowMs: 1000 })).toThrow(/rateLimiter.limit/);
  });
});
