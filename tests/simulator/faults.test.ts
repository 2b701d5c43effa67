import * as http from "node:http";
import { SimulatedClock } from "../../simulator/clock";
import type { Simulator } from "../../simulator/server";
import { ApiAs, simPut, type Json } from "../support/simulator-http";
import { startTestSimulator, startTestSimulator as start } from "../support/simulator";

describe("fault injection", () => {
  let sim: Simulator;
  let api: ApiAs;

  beforeAll(async () => {
    sim = await startTestSimulator();
    api = new ApiAs(sim, "globexAdmin");
    await api.accessToken();
  });
  afterEach(() => simPut(sim, "/_sim/faults", { rules: [] }));
  afterAll(() => sim.close());

  it.each([
    [429, { "retry-after": "7" }],
    [500, {}],
    [502, {}],
    [503, {}],
    [504, {}],
  ])(
    "answers %s in the envelope for a counted number of requests, then recovers",
    async (status, headers) => {
      await simPut(sim, "/_sim/faults", {
        rules: [{ kind: "status", status, count: 2, retryAfterSeconds: 7 }],
      });
      for (let i = 0; i < 2; i++) {
        const res = await api.get("/v2/products");
        expect(res.status).toBe(status);
        expect(res.body).toMatchObject({ message: expect.any(String), terms: expect.any(String) });
        expect(res.headers.get("trace-id")).toBeTruthy();
        for (const [name, value] of Object.entries(headers)) expect(res.headers.get(name)).toBe(value);
      }
      expect((await api.get("/v2/products")).status).toBe(200);
    },
  );

  it("applies a path filter", async () => {
    await simPut(sim, "/_sim/faults", { rules: [{ kind: "status", status: 503, path: "/v3/locations" }] });
    expect((await api.get("/v3/locations")).status).toBe(503);
    expect((await api.get("/v2/products")).status).toBe(200);
  });

  it("fires by rate", async () => {
    const seeded = await start({
      faults: { rules: [{ kind: "status", status: 500, rate: 0.5, path: "/v2/products" }] },
      random: seq([0.9, 0.1, 0.6, 0.4]),
    });
    try {
      const a = new ApiAs(seeded, "globexAdmin");
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await a.get("/v2/products")).status);
      expect(statuses).toEqual([200, 500, 200, 500]);
    } finally {
      await seeded.close();
    }
  });

  it("adds latency: the answer waits latencyMs on the simulator's clock", async () => {
    // Wall time passes only through the clock's wait, so the request's duration is exactly the latency.
    const wall = { now: T0 };
    const waits: number[] = [];
    const timed = await start({
      clock: new SimulatedClock({
        wall: () => wall.now,
        wait: async (ms) => {
          waits.push(ms);
          wall.now += ms;
        },
      }),
      ticker: false,
      faults: { rules: [{ kind: "latency", latencyMs: 300, count: 1, path: "/v2/products" }] },
    });
    try {
      const a = new ApiAs(timed, "globexAdmin");
      expect((await a.get("/v2/products")).status).toBe(200);
      expect((await a.get("/v2/products")).status).toBe(200);
      expect(waits).toEqual([300]);
      const log = (await (await fetch(`${timed.url}/_sim/requests?recent=2`)).json()) as Json;
      expect(log.data.recent.map((r: Json) => [r.fault, r.durationMs])).toEqual([
        ["latency", 300],
        [null, 0],
      ]);
    } finally {
      await timed.close();
    }
  });

  it("drops the connection without an answer", async () => {
    await simPut(sim, "/_sim/faults", { rules: [{ kind: "drop", count: 1 }] });
    await expect(rawGet(`${sim.url}/v2/products`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await api.get("/v2/products")).status).toBe(200);
  });

  it("expires the caller's token early (401), and a fresh token works", async () => {
    await simPut(sim, "/_sim/faults", { rules: [{ kind: "token-expiry", count: 1 }] });
    expect((await api.get("/v2/products")).status).toBe(401);
    expect((await api.get("/v2/products")).status).toBe(401);
    const fresh = new ApiAs(sim, "globexAdmin");
    expect((await fresh.get("/v2/products")).status).toBe(200);
    api = fresh;
  });

  it("takes fault rules from config and reports them", async () => {
    const configured = await start({
      faults: { rules: [{ kind: "status", status: 502, count: 1, path: "/v2/products" }] },
    });
    try {
      const before = (await (await fetch(`${configured.url}/_sim/faults`)).json()) as Json;
      expect(before.data.rules).toEqual([{ kind: "status", status: 502, count: 1, path: "/v2/products" }]);
      expect((await new ApiAs(configured, "acmeAdmin").get("/v2/products")).status).toBe(502);
      const after = (await (await fetch(`${configured.url}/_sim/faults`)).json()) as Json;
      expect(after.data.rules).toEqual([]);
    } finally {
      await configured.close();
    }
  });

  it("rejects a malformed fault rule", async () => {
    const res = await simPut(sim, "/_sim/faults", { rules: [{ kind: "explode" }] });
    expect(res.status).toBe(400);
  });

  it("fires on the nth matching request only, then the rule is gone", async () => {
    await simPut(sim, "/_sim/faults", {
      rules: [{ kind: "status", status: 503, path: "/v2/products", method: "GET", nth: 2 }],
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get("/v2/products")).status);
    // Another path or method does not count towards nth.
    expect((await api.get("/v3/locations")).status).toBe(200);
    expect(statuses).toEqual([200, 503, 200, 200]);
    const after = (await (await fetch(`${sim.url}/_sim/faults`)).json()) as Json;
    expect(after.data.rules).toEqual([]);
  });

  it("fires on every nth matching request", async () => {
    await simPut(sim, "/_sim/faults", { rules: [{ kind: "status", status: 500, every: 3 }] });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await api.get("/v2/products")).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500, 200]);
  });

  it("expires the token on the nth request to a path: a token revoked between two calls", async () => {
    await simPut(sim, "/_sim/faults", { rules: [{ kind: "token-expiry", path: "/v2/employment", nth: 1 }] });
    expect((await api.get("/v2/products")).status).toBe(200);
    expect((await api.get("/v2/employment")).status).toBe(401);
    expect((await api.get("/v2/products")).status).toBe(401);
    const fresh = new ApiAs(sim, "globexAdmin");
    expect((await fresh.get("/v2/employment")).status).toBe(200);
    api = fresh;
  });

  it("logs which fault shaped each answer, with its route", async () => {
    await fetch(`${sim.url}/_sim/requests`, { method: "DELETE" });
    await simPut(sim, "/_sim/faults", {
      rules: [{ kind: "status", status: 502, after: true, path: "/v2/products", nth: 1 }],
    });
    await api.get("/v2/products");
    const log = (await (await fetch(`${sim.url}/_sim/requests?recent=5`)).json()) as Json;
    expect(log.data.recent).toEqual([
      expect.objectContaining({
        method: "GET",
        route: "/v2/products",
        status: 502,
        fault: "status 502 (after)",
      }),
    ]);
  });

  it.each([
    [{ kind: "status", nth: 1, rate: 0.5 }],
    [{ kind: "status", nth: 1, every: 2 }],
    [{ kind: "status", nth: 0 }],
    [{ kind: "status", every: 0 }],
  ])("refuses a rule that chooses requests two ways or counts from 0: %j", async (rule) => {
    expect((await simPut(sim, "/_sim/faults", { rules: [rule] })).status).toBe(400);
  });
});

describe("the rate limit of 500 requests per 5 minutes per IP", () => {
  it("uses Megaport's numbers by default: 500 admitted, the 501st gets 429 with Retry-After", async () => {
    const sim = await start({ faults: {} });
    try {
      const faults = (await (await fetch(`${sim.url}/_sim/faults`)).json()) as Json;
      expect(faults.data.rateLimit).toEqual({ maxRequests: 500, windowMs: 300_000 });
      const statuses = await Promise.all(
        Array.from({ length: 500 }, () => fetch(`${sim.url}/v2/products`).then((r) => r.status)),
      );
      expect(statuses.every((s) => s === 401)).toBe(true); // admitted (no token), not limited
      const limited = await fetch(`${sim.url}/v2/products`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as Json).message).toMatch(/500 requests per 5 minutes/);
      // The admin endpoints and the portal are not counted.
      expect((await fetch(`${sim.url}/_sim/outbox`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it("admits requests again once the (configurable) window has passed", async () => {
    // The window follows the wall clock, injected here so the test moves it instead of sleeping.
    const wall = { now: T0 };
    const sim = await start({
      clock: new SimulatedClock({ wall: () => wall.now }),
      ticker: false,
      faults: { rateLimit: { maxRequests: 5, windowMs: 300 } },
    });
    try {
      const api = new ApiAs(sim, "acmeAdmin");
      await api.accessToken(); // the token endpoint is another host on the real API: not counted
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await api.get("/v3/locations")).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      wall.now = T0 + 299;
      expect((await api.get("/v3/locations")).status).toBe(429);
      wall.now = T0 + 300;
      expect((await api.get("/v3/locations")).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it("can be changed at run time through PUT /_sim/faults", async () => {
    const sim = await start({ faults: { rateLimit: false } });
    try {
      await simPut(sim, "/_sim/faults", { rateLimit: { maxRequests: 2, windowMs: 60_000 } });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${sim.url}/v2/products`)).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await sim.close();
    }
  });
});

/** Where an injected wall clock starts. */
const T0 = 1_800_000_000_000;

/** A deterministic stand-in for Math.random. */
function seq(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

/** GET with node:http so a destroyed socket surfaces as an error, not a retry. */
function rawGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
  });
}
