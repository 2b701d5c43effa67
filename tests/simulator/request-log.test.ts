// GET /_sim/requests: what the simulator answered, counted by route template and by status, with token
// requests apart (Megaport's limit does not count the token host) and admin calls not at all; the latest
// entries on request; DELETE (or ?reset=true) starts the count again. RequestLog itself stays O(1) per
// request with a bounded ring of recent entries.
import * as http from "node:http";
import { RequestLog, routeTemplate, type RequestEntry } from "../../simulator/request-log";
import type { Simulator } from "../../simulator/server";
import { ApiAs, SEED, simPut, type Json } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

const P = SEED.ports;

async function counts(sim: Simulator, query = ""): Promise<Json> {
  const res = await fetch(`${sim.url}/_sim/requests${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).data;
}

describe("GET /_sim/requests", () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startTestSimulator({ faults: { rateLimit: { maxRequests: 6, windowMs: 3_600_000 } } });
  });
  afterEach(() => sim.close());

  it("counts API requests by route template and status, and token requests apart", async () => {
    const api = new ApiAs(sim, "acmeAdmin");
    await api.get("/v2/products");
    await api.get(`/v2/product/${P.acmeSydRed.uid}`);
    await api.get(`/v2/product/${P.acmeSydBlue.uid}`);
    await api.get("/v2/product/00000000-0000-4000-8000-000000000000");
    await api.get("/v9/nothing-here");
    await fetch(`${sim.url}/_sim/outbox`); // admin: not counted

    const data = await counts(sim);
    expect(data.total).toBe(5);
    expect(data.byStatus).toEqual({ 200: 3, 400: 1, 404: 1 });
    expect(data.byRoute).toEqual({
      "GET /v2/products": { total: 1, byStatus: { 200: 1 } },
      "GET /v2/product/{uid}": { total: 3, byStatus: { 200: 2, 400: 1 } },
      "GET (no endpoint)": { total: 1, byStatus: { 404: 1 } },
    });
    expect(data.token).toEqual({ total: 1, byStatus: { 200: 1 } });
    expect(data.recent).toEqual([]);
  });

  it("counts the rate limit's 429s and dropped answers, and lists recent entries with what shaped them", async () => {
    const api = new ApiAs(sim, "globexAdmin");
    await simPut(sim, "/_sim/faults", { rules: [{ kind: "drop", count: 1, path: "/v3/locations" }] });
    await expect(rawGet(`${sim.url}/v3/locations`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    for (let i = 0; i < 6; i++) await api.get("/v2/products");

    const data = await counts(sim, "?recent=3");
    expect(data.total).toBe(7);
    expect(data.byStatus).toEqual({ 200: 5, 429: 1, dropped: 1 });
    expect(data.byRoute["GET /v3/locations"]).toEqual({ total: 1, byStatus: { dropped: 1 } });
    expect(data.recent).toHaveLength(3);
    const last = data.recent[2];
    expect(last).toMatchObject({ method: "GET", route: "/v2/products", status: 429, fault: "rate-limit" });
    expect(typeof last.at).toBe("number");
    expect(typeof last.durationMs).toBe("number");
    const all = await counts(sim, "?recent=all");
    expect(all.recent[0]).toMatchObject({ route: "/v3/locations", status: "dropped", fault: "drop" });
  });

  it("resets with DELETE, or after reading with ?reset=true", async () => {
    const api = new ApiAs(sim, "acmeAdmin");
    await api.get("/v2/products");
    const deleted = await fetch(`${sim.url}/_sim/requests`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect((await counts(sim)).total).toBe(0);

    await api.get("/v2/products");
    expect((await counts(sim, "?reset=true")).total).toBe(1);
    const after = await counts(sim);
    expect(after.total).toBe(0);
    expect(after.token.total).toBe(0);
  });

  it("refuses a malformed ?recent=", async () => {
    expect((await fetch(`${sim.url}/_sim/requests?recent=-1`)).status).toBe(400);
  });
});

describe("RequestLog", () => {
  const entry = (i: number, status: RequestEntry["status"] = 200): RequestEntry => ({
    at: i,
    method: "GET",
    route: "/v2/products",
    status,
    durationMs: 0,
    fault: null,
  });

  it("keeps counting every request while only the latest `capacity` entries are kept, oldest first", () => {
    const log = new RequestLog(() => 0, 1000);
    for (let i = 0; i < 25_000; i++) log.record(entry(i, i % 10 === 0 ? 429 : 200), "api");
    const snapshot = log.snapshot(1000);
    expect(snapshot.total).toBe(25_000);
    expect(snapshot.byStatus).toEqual({ 200: 22_500, 429: 2_500 });
    expect(snapshot.recent).toHaveLength(1000);
    expect(snapshot.recent[0].at).toBe(24_000);
    expect(snapshot.recent[999].at).toBe(24_999);
    expect(log.snapshot(2).recent.map((e) => e.at)).toEqual([24_998, 24_999]);
  });

  it("writes route parameters the way Megaport's docs do", () => {
    expect(routeTemplate("/v3/order_approvals/:uid/approve")).toBe("/v3/order_approvals/{uid}/approve");
  });
});

function rawGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
  });
}
