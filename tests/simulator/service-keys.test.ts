import type { Simulator } from "../../simulator/server";
import { ApiAs, getVxc, orderVxc, SEED, simPost, waitForStatus } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

const P = SEED.ports;
const DAY = 24 * 3600 * 1000;

describe("service keys", () => {
  let sim: Simulator;
  let acme: ApiAs;
  let globex: ApiAs;

  beforeAll(async () => {
    sim = await startTestSimulator();
    acme = new ApiAs(sim, "acmeAdmin");
    globex = new ApiAs(sim, "globexAdmin");
  });
  afterAll(() => sim.close());

  async function createKey(body: Record<string, unknown>) {
    const res = await acme.post("/v2/service/key", { productUid: P.acmeSydRed.uid, ...body });
    if (res.status !== 200) throw new Error(`key: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  const orderWithKey = (key: string, extra: Record<string, unknown> = {}) =>
    orderVxc(globex, { from: P.globexSydRed.uid, serviceKey: key, rateLimit: 100, ...extra });

  it("creates a key with the real message and the product it is for", async () => {
    const res = await acme.post("/v2/service/key", {
      productUid: P.acmeSydRed.uid,
      singleUse: true,
      vlan: 3,
      maxSpeed: 500,
      preApproved: true,
      description: "for globex",
      validFor: { start: Date.now() - DAY, end: Date.now() + 30 * DAY },
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe(`New service key [${res.body.data.key}] generated`);
    expect(res.body.data).toMatchObject({
      productUid: P.acmeSydRed.uid,
      productId: P.acmeSydRed.productId,
      singleUse: true,
      vlan: 3,
      maxSpeed: 500,
      preApproved: true,
      active: true,
      valid: true,
      expired: false,
      companyUid: SEED.companies.acme.uid,
      productDto: { productUid: P.acmeSydRed.uid, vxcpermitted: true },
    });
    expect(res.body.data.productDto).not.toHaveProperty("vxcPermitted");
  });

  it("requires a VLAN for a single-use key", async () => {
    const res = await acme.post("/v2/service/key", { productUid: P.acmeSydRed.uid, singleUse: true });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("A single-use service key needs a VLAN");
  });

  it("consumes a single-use key: the first order gets the key's VLAN, the second is refused", async () => {
    const key = await createKey({ singleUse: true, vlan: 811 });
    const first = await orderWithKey(key.key);
    expect(first.status).toBe(200);
    const uid = first.body.data[0].vxcJTechnicalServiceUid;
    const vxc = await getVxc(globex, uid);
    expect(vxc.bEnd).toMatchObject({ productUid: P.acmeSydRed.uid, vlan: 811 });
    expect(vxc.vxcApproval.status).toBe("PENDING_EXTERNAL");

    const again = await orderWithKey(key.key);
    expect(again.status).toBe(400);
    expect(again.body.message).toBe(`Service key ${key.key} has already been used`);
    const listed = await acme.get(`/v2/service/key?key=${key.key}`);
    expect(listed.body.data).toMatchObject({ valid: false, lastUsed: expect.any(Number) });
  });

  it("lets a multi-use key connect several VXCs", async () => {
    const key = await createKey({ singleUse: false });
    expect((await orderWithKey(key.key)).status).toBe(200);
    expect((await orderWithKey(key.key)).status).toBe(200);
  });

  it("refuses a key outside its validFor window", async () => {
    const expired = await createKey({ validFor: { start: Date.now() - 10 * DAY, end: Date.now() - DAY } });
    expect(expired.expired).toBe(true);
    const res = await orderWithKey(expired.key);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`Service key ${expired.key} has expired`);

    const future = await createKey({ validFor: { start: Date.now() + 2 * DAY, end: Date.now() + 10 * DAY } });
    expect((await orderWithKey(future.key)).body.message).toMatch(/is not valid until/);
  });

  it("expires a key when simulated time passes its end", async () => {
    const key = await createKey({ validFor: { start: Date.now() - DAY, end: Date.now() + 5 * DAY } });
    await simPost(sim, "/_sim/clock/advance", { ms: 6 * DAY });
    expect((await orderWithKey(key.key)).body.message).toBe(`Service key ${key.key} has expired`);
  });

  it("refuses an inactive key, and works again once reactivated", async () => {
    const key = await createKey({ active: false });
    const res = await orderWithKey(key.key);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`Service key ${key.key} is not active`);
    const update = await acme.put("/v2/service/key", { key: key.key, active: true });
    expect(update.body.message).toBe(`Service key [${key.key}] updated`);
    expect((await orderWithKey(key.key)).status).toBe(200);
  });

  it("enforces maxSpeed on the order and on later increases", async () => {
    const key = await createKey({ maxSpeed: 200, preApproved: true });
    const tooFast = await orderWithKey(key.key, { rateLimit: 300 });
    expect(tooFast.status).toBe(400);
    expect(tooFast.body.message).toBe(
      "Rate limit 300 Mbps exceeds the service key's maximum speed of 200 Mbps",
    );
    const ok = await orderWithKey(key.key, { rateLimit: 200 });
    const uid = ok.body.data[0].vxcJTechnicalServiceUid;
    await waitForStatus(globex, uid, "LIVE");
    const raise = await globex.put(`/v3/product/vxc/${uid}`, { rateLimit: 250 });
    expect(raise.status).toBe(400);
    expect(raise.body.message).toMatch(/maximum speed of 200 Mbps/);
  });

  it("skips the provider's approval with a preApproved key", async () => {
    const key = await createKey({ preApproved: true, singleUse: true, vlan: 812 });
    const res = await orderWithKey(key.key);
    expect(res.body.data[0].fullyApproved).toBe(true);
    const uid = res.body.data[0].vxcJTechnicalServiceUid;
    expect((await getVxc(globex, uid)).vxcApproval.status).toBeNull();
    await waitForStatus(globex, uid, "LIVE");
  });

  it("reaches a private port with a key", async () => {
    // Globex's ports are not marketplace-visible; Globex gives Initech a key.
    const key = (await globex.post("/v2/service/key", { productUid: P.globexSydBlue.uid, preApproved: true }))
      .body.data;
    const initech = new ApiAs(sim, "initechAdmin");
    const res = await orderVxc(initech, { from: P.initechSyd.uid, serviceKey: key.key });
    expect(res.status).toBe(200);
  });

  it("lists keys by product and keeps them to their company", async () => {
    const list = await acme.get(`/v2/service/key?productIdOrUid=${P.acmeSydRed.uid}`);
    expect(list.body.message).toMatch(/^Found \[\d+\] service keys for company \[1153\]$/);
    expect(list.body.data.length).toBeGreaterThan(3);
    const byId = await acme.get(`/v2/service/key?productIdOrUid=${P.acmeSydRed.productId}`);
    expect(byId.body.data.length).toBe(list.body.data.length);
    const key = list.body.data[0].key;
    expect((await globex.get(`/v2/service/key?key=${key}`)).status).toBe(400);
    expect((await globex.put("/v2/service/key", { key, active: false })).status).toBe(400);
    expect((await globex.post("/v2/service/key", { productUid: P.acmeSydRed.uid })).status).toBe(400);
  });

  it("lists the caller's own company's keys with ?companyIdOrUid=, and refuses another company's", async () => {
    const all = await acme.get("/v2/service/key?productIdOrUid=" + P.acmeSydRed.uid);
    for (const company of [SEED.companies.acme.uid, SEED.companies.acme.uid.toUpperCase(), "1153"]) {
      const res = await acme.get(`/v2/service/key?companyIdOrUid=${company}`);
      expect(res.status).toBe(200);
      expect(res.body.message).toBe(`Found [${res.body.data.length}] service keys for company [1153]`);
      expect(res.body.data.length).toBeGreaterThanOrEqual(all.body.data.length);
      for (const key of res.body.data) expect(key.companyUid).toBe(SEED.companies.acme.uid);
    }
    const both = await acme.get(`/v2/service/key?companyIdOrUid=1153&productIdOrUid=${P.acmeSydRed.uid}`);
    expect(both.body.data.length).toBe(all.body.data.length);
    for (const company of [SEED.companies.acme.uid, "1153", "9999", ""]) {
      const res = await globex.get(`/v2/service/key?companyIdOrUid=${company}`);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        message: `Permission denied: you can only list the service keys of your own company, not ${company}`,
        terms: expect.any(String),
        data: null,
        trace_id: res.headers.get("trace-id"),
      });
    }
  });

  it("has no DELETE", async () => {
    const res = await acme.call("DELETE", "/v2/service/key");
    expect(res.status).toBe(405);
  });
});
