// Fault rules the reliability suite needs beyond "fail this request": an answer lost after the work was done
// and saved (`after: true`), 429 windows laid out in (wall-clock) time rather than by count, and every token
// revoked on a schedule. Wall time is injected, so no assertion depends on how fast the machine is.
import * as http from "node:http";
import { SimulatedClock } from "../../simulator/clock";
import type { Simulator } from "../../simulator/server";
import { ApiAs, SEED, simPut, type Json } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

const P = SEED.ports;
const T0 = 1_800_000_000_000;

/** A simulator whose wall clock moves only when the test says so. */
async function startWithWall(options: Parameters<typeof startTestSimulator>[0] = {}) {
  const wall = { now: T0 };
  const sim = await startTestSimulator({
    clock: new SimulatedClock({ wall: () => wall.now }),
    ticker: false,
    ...options,
  });
  return { sim, wall };
}

function buyBody(name: string) {
  return {
    networkDesign: [
      {
        productUid: P.globexSydRed.uid,
        associatedVxcs: [
          { productName: name, rateLimit: 100, term: 1, aEnd: {}, bEnd: { productUid: P.acmeSydAuto.uid } },
        ],
      },
    ],
    discountCodes: [],
  };
}

async function vxcsNamed(sim: Simulator, name: string): Promise<Json[]> {
  const all = (await (await fetch(`${sim.url}/_sim/vxcs`)).json()) as Json;
  return all.data.filter((v: Json) => v.productName === name);
}

/** POST with node:http so a destroyed socket surfaces as an error instead of a retry. */
function rawPost(url: string, token: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

describe("faults that fire after the handler ran (the lost answer)", () => {
  let sim: Simulator;
  let globex: ApiAs;

  beforeAll(async () => {
    sim = await startTestSimulator();
    globex = new ApiAs(sim, "globexAdmin");
  });
  afterEach(() => simPut(sim, "/_sim/faults", { rules: [] }));
  afterAll(() => sim.close());

  it("a lost buy answer (503 after) still created the order, exactly once", async () => {
    await simPut(sim, "/_sim/faults", {
      rules: [
        { kind: "status", status: 503, after: true, count: 1, method: "POST", path: "/v4/networkdesign/buy" },
      ],
    });
    const lost = await globex.post("/v4/networkdesign/buy", buyBody("lost answer 503"));
    expect(lost.status).toBe(503);
    expect(lost.body.message).toBe("Service Unavailable");
    expect(await vxcsNamed(sim, "lost answer 503")).toHaveLength(1);
    // The customer can find the order it was not told about.
    const products = (await globex.get("/v2/products")).body.data as Json[];
    const listed = products
      .flatMap((p) => p.associatedVxcs)
      .filter((v) => v.productName === "lost answer 503");
    expect(listed).toHaveLength(1);
  });

  it("a dropped buy answer (drop after) still created the order, exactly once", async () => {
    await simPut(sim, "/_sim/faults", {
      rules: [{ kind: "drop", after: true, count: 1, method: "POST", path: "/v4/networkdesign/buy" }],
    });
    await expect(
      rawPost(`${sim.url}/v4/networkdesign/buy`, await globex.accessToken(), buyBody("lost answer drop")),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await vxcsNamed(sim, "lost answer drop")).toHaveLength(1);
    expect((await globex.get("/v2/products")).status).toBe(200);
  });

  it("a 429 after the handler carries Retry-After, and the change it hides was made", async () => {
    await simPut(sim, "/_sim/faults", {
      rules: [{ kind: "status", status: 429, after: true, count: 1, retryAfterSeconds: 3, method: "POST" }],
    });
    const res = await globex.post("/v4/networkdesign/buy", buyBody("lost answer 429"));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await vxcsNamed(sim, "lost answer 429")).toHaveLength(1);
  });

  it("a refused request stays refused underneath: nothing is created, the client hears the injected status", async () => {
    await simPut(sim, "/_sim/faults", {
      rules: [{ kind: "status", status: 502, after: true, count: 1, method: "POST" }],
    });
    const body = buyBody("refused underneath");
    body.networkDesign[0].associatedVxcs[0].rateLimit = 99_999;
    expect((await globex.post("/v4/networkdesign/buy", body)).status).toBe(502);
    expect(await vxcsNamed(sim, "refused underneath")).toHaveLength(0);
  });

  it.each([
    [{ kind: "latency", latencyMs: 10, after: true }, /after is only for status and drop rules/],
    [{ kind: "status", status: 503, periodMs: 1000 }, /periodMs and burstMs go together/],
    [{ kind: "status", status: 503, periodMs: 1000, burstMs: 2000 }, /burstMs must not be longer/],
    [{ kind: "status", status: 503, fromMs: 500, untilMs: 500 }, /untilMs must be after fromMs/],
  ])("refuses the rule %j", async (rule, message) => {
    const res = await simPut(sim, "/_sim/faults", { rules: [rule] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(message);
  });
});

describe("429 windows in time", () => {
  it("answers 429 for burstMs out of every periodMs, with Retry-After = seconds left in the burst", async () => {
    const { sim, wall } = await startWithWall({
      faults: {
        rateLimit: false,
        rules: [{ kind: "status", status: 429, periodMs: 10_000, burstMs: 4_000, path: "/v2/products" }],
      },
    });
    try {
      const api = new ApiAs(sim, "acmeAdmin");
      const at = async (elapsed: number) => {
        wall.now = T0 + elapsed;
        const res = await api.get("/v2/products");
        return [res.status, res.headers.get("retry-after")];
      };
      expect(await at(0)).toEqual([429, "4"]);
      expect(await at(1_500)).toEqual([429, "3"]);
      expect(await at(3_999)).toEqual([429, "1"]);
      expect(await at(4_000)).toEqual([200, null]);
      expect(await at(9_999)).toEqual([200, null]);
      expect(await at(10_000)).toEqual([429, "4"]);
      expect(await at(23_000)).toEqual([429, "1"]);
      // Other paths are untouched.
      wall.now = T0;
      expect((await api.get("/v3/locations")).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it("answers 429 from fromMs until untilMs after the rules were set, then never again", async () => {
    const { sim, wall } = await startWithWall({ faults: { rateLimit: false } });
    try {
      const api = new ApiAs(sim, "acmeAdmin");
      await api.accessToken();
      await simPut(sim, "/_sim/faults", {
        rules: [{ kind: "status", status: 429, fromMs: 1_000, untilMs: 3_000 }],
      });
      const at = async (elapsed: number) => {
        wall.now = T0 + elapsed;
        const res = await api.get("/v2/products");
        return [res.status, res.headers.get("retry-after")];
      };
      expect(await at(999)).toEqual([200, null]);
      expect(await at(1_000)).toEqual([429, "2"]);
      expect(await at(2_500)).toEqual([429, "1"]);
      expect(await at(3_000)).toEqual([200, null]);
      expect(await at(60_000)).toEqual([200, null]);
    } finally {
      await sim.close();
    }
  });

  it("an explicit retryAfterSeconds wins over the window's own count", async () => {
    const { sim } = await startWithWall({
      faults: {
        rules: [
          { kind: "status", status: 429, fromMs: 0, untilMs: 60_000, retryAfterSeconds: 2, path: "/v2/" },
        ],
      },
    });
    try {
      const res = await new ApiAs(sim, "acmeAdmin").get("/v2/products");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("2");
    } finally {
      await sim.close();
    }
  });
});

describe("tokens revoked on a schedule (revokeTokensEveryMs)", () => {
  it("expires every token issued before each boundary, so its next use is a 401; newer tokens work", async () => {
    const { sim, wall } = await startWithWall({ faults: { rateLimit: false, revokeTokensEveryMs: 30_000 } });
    try {
      const first = new ApiAs(sim, "globexAdmin");
      expect((await first.get("/v2/products")).status).toBe(200);
      wall.now = T0 + 29_000;
      const late = new ApiAs(sim, "acmeAdmin");
      expect((await late.get("/v2/products")).status).toBe(200);
      expect((await first.get("/v2/products")).status).toBe(200);

      wall.now = T0 + 30_000;
      const expired = await first.get("/v2/products");
      expect(expired.status).toBe(401);
      expect((await late.get("/v2/products")).status).toBe(401);

      const fresh = new ApiAs(sim, "globexAdmin");
      expect((await fresh.get("/v2/products")).status).toBe(200);
      wall.now = T0 + 59_999;
      expect((await fresh.get("/v2/products")).status).toBe(200);
      wall.now = T0 + 60_000;
      expect((await fresh.get("/v2/products")).status).toBe(401);
    } finally {
      await sim.close();
    }
  });

  it("is set and cleared through PUT /_sim/faults and reported by GET /_sim/faults", async () => {
    const { sim, wall } = await startWithWall();
    try {
      expect((await simPut(sim, "/_sim/faults", { revokeTokensEveryMs: 5_000 })).body.data).toMatchObject({
        revokeTokensEveryMs: 5_000,
      });
      const api = new ApiAs(sim, "acmeAdmin");
      expect((await api.get("/v2/products")).status).toBe(200);
      wall.now = T0 + 5_000;
      expect((await api.get("/v2/products")).status).toBe(401);

      const off = await simPut(sim, "/_sim/faults", { revokeTokensEveryMs: false });
      expect(off.body.data.revokeTokensEveryMs).toBe(false);
      const kept = new ApiAs(sim, "acmeAdmin");
      expect((await kept.get("/v2/products")).status).toBe(200);
      wall.now = T0 + 50_000;
      expect((await kept.get("/v2/products")).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
