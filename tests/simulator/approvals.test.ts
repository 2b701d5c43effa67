import { SimulatedClock } from "../../simulator/clock";
import type { Simulator } from "../../simulator/server";
import {
  ApiAs,
  getVxc,
  orderVxc,
  orderVxcUid,
  SEED,
  simPost,
  waitForStatus,
} from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

const P = SEED.ports;

describe("Marketplace connection requests", () => {
  let sim: Simulator;
  let globex: ApiAs;
  let acme: ApiAs;
  let initech: ApiAs;

  beforeAll(async () => {
    sim = await startTestSimulator();
    globex = new ApiAs(sim, "globexAdmin");
    acme = new ApiAs(sim, "acmeAdmin");
    initech = new ApiAs(sim, "initechAdmin");
  });
  afterAll(() => sim.close());

  /** The VXC as listed under the viewer's port in GET /v2/products. */
  async function listedUnder(api: ApiAs, portUid: string, vxcUid: string) {
    const products = (await api.get("/v2/products")).body.data;
    const port = products.find((p: { productUid: string }) => p.productUid === portUid);
    return port?.associatedVxcs.find((v: { productUid: string }) => v.productUid === vxcUid);
  }

  it("holds an order to another company's port as DEPLOYABLE with a request pending from both sides", async () => {
    const res = await orderVxc(globex, {
      from: P.globexSydRed.uid,
      to: P.acmeSydRed.uid,
      name: "globex to acme",
      aVlan: 101,
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatch(/^VXC \[.+\] created\.$/);
    const order = res.body.data[0];
    expect(order).toMatchObject({
      fullyApproved: false,
      nonPayerStatus: "PENDING",
      payerVlanId: 101,
      orderType: "NEW",
    });
    const uid = order.vxcJTechnicalServiceUid;

    const customerView = await getVxc(globex, uid);
    expect(customerView.provisioningStatus).toBe("DEPLOYABLE");
    expect(customerView.vxcApproval).toEqual({
      status: "PENDING_EXTERNAL",
      message: "Acme Networks",
      uid: expect.any(String),
      type: "NEW",
      newSpeed: 100,
    });
    const providerView = await listedUnder(acme, P.acmeSydRed.uid, uid);
    expect(providerView.vxcApproval).toMatchObject({
      status: "PENDING_INTERNAL",
      message: "Acme Networks",
      uid: customerView.vxcApproval.uid,
    });
    expect(await listedUnder(globex, P.globexSydRed.uid, uid)).toMatchObject({
      provisioningStatus: "DEPLOYABLE",
    });

    // Nothing moves while it waits.
    await simPost(sim, "/_sim/clock/advance", { ms: 24 * 3600 * 1000 });
    expect((await getVxc(globex, uid)).provisioningStatus).toBe("DEPLOYABLE");
  });

  it("goes DEPLOYABLE → CONFIGURED → LIVE once the provider accepts with isApproved", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydRed.uid, aVlan: 102 });
    const res = await acme.put(`/v3/product/vxc/${uid}`, { isApproved: true });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe(`Product [${uid}] has been updated`);
    expect(res.body.data.vxcApproval.status).toBeNull();
    const live = await waitForStatus(globex, uid, "LIVE");
    expect(live.liveDate).toEqual(expect.any(Number));
    expect(live.vxcApproval).toEqual({ status: null, message: null, uid: null, type: null, newSpeed: null });
    expect(live.resources.vll).toMatchObject({ a_vlan: 102, rate_limit_mbps: 100 });
  });

  it("passes through CONFIGURED on the way to LIVE (clock advanced step by step)", async () => {
    // Wall time stands still, so only the advances below move the lifecycle (a slow machine cannot skip a step).
    const frozenWall = Date.now();
    const paused = await startTestSimulator({
      ticker: false,
      clock: new SimulatedClock({ wall: () => frozenWall }),
    });
    try {
      const g = new ApiAs(paused, "globexAdmin");
      const a = new ApiAs(paused, "acmeAdmin");
      const uid = await orderVxcUid(g, { from: P.globexSydRed.uid, to: P.acmeSydRed.uid });
      await a.put(`/v3/product/vxc/${uid}`, { isApproved: true });
      const states = [(await getVxc(g, uid)).provisioningStatus];
      for (let i = 0; i < 3; i++) {
        await simPost(paused, "/_sim/clock/advance", { ms: 50 });
        states.push((await getVxc(g, uid)).provisioningStatus);
      }
      expect(states).toEqual(["DEPLOYABLE", "CONFIGURED", "LIVE", "LIVE"]);
    } finally {
      await paused.close();
    }
  });

  it("lets the provider set a different B-end VLAN (and inner VLAN) when accepting", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydBlue.uid, bVlan: 300 });
    expect((await getVxc(globex, uid)).bEnd.vlan).toBe(300);
    const res = await acme.put(`/v3/product/vxc/${uid}`, {
      isApproved: true,
      bEndVlan: 777,
      bEndInnerVlan: 78,
    });
    expect(res.status).toBe(200);
    const live = await waitForStatus(globex, uid, "LIVE");
    expect(live.bEnd.vlan).toBe(777);
    expect(live.bEnd.innerVlan).toBe(78);
    expect(live.resources.vll.b_vlan).toBe(777);
  });

  it("accepts through the legacy PUT /v2/order/vxc/{approvalUid} with a VLAN", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexMelRed.uid, to: P.acmeMelRed.uid });
    const approvalUid = (await getVxc(globex, uid)).vxcApproval.uid;
    const res = await acme.put(`/v2/order/vxc/${approvalUid}`, { isApproved: true, vlan: 555 });
    expect(res.status).toBe(200);
    const live = await waitForStatus(globex, uid, "LIVE");
    expect(live.bEnd.vlan).toBe(555);
  });

  it("answers a repeated acceptance (a retry after a lost response) without changing anything", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexSydBlue.uid, to: P.acmeMelRed.uid });
    const approvalUid = (await getVxc(globex, uid)).vxcApproval.uid;
    expect((await acme.put(`/v2/order/vxc/${approvalUid}`, { isApproved: true })).status).toBe(200);
    expect((await acme.put(`/v2/order/vxc/${approvalUid}`, { isApproved: true })).status).toBe(200);
    expect((await acme.put(`/v3/product/vxc/${uid}`, { isApproved: true })).status).toBe(200);
    const changedMind = await acme.put(`/v3/product/vxc/${uid}`, { isApproved: false });
    expect(changedMind.status).toBe(400);
    expect(changedMind.body.message).toBe(`VXC ${uid} has no pending approval to accept or deny`);
    await waitForStatus(globex, uid, "LIVE");
  });

  it("moves a denied order to FAILED with the provider's reason visible to the customer", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydRed.uid, aVlan: 150 });
    const res = await acme.put(`/v3/product/vxc/${uid}`, {
      isApproved: false,
      reason: "No capacity in SY1 until March",
    });
    expect(res.status).toBe(200);
    const failed = await getVxc(globex, uid);
    expect(failed.provisioningStatus).toBe("FAILED");
    expect(failed.vxcApproval).toMatchObject({
      status: "REJECTED",
      message: "No capacity in SY1 until March",
      type: "NEW",
    });
    // A failed order holds no VLAN: the customer can order again on the same one.
    expect(
      (await orderVxc(globex, { from: P.globexSydRed.uid, to: P.acmeSydAuto.uid, aVlan: 150 })).status,
    ).toBe(200);
  });

  it("denies through the legacy endpoint too, with a default reason naming the provider", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydRed.uid });
    const approvalUid = (await getVxc(globex, uid)).vxcApproval.uid;
    expect((await acme.put(`/v2/order/vxc/${approvalUid}`, { isApproved: false })).status).toBe(200);
    expect((await getVxc(globex, uid)).vxcApproval).toMatchObject({
      status: "REJECTED",
      message: "Denied by Acme Networks",
    });
  });

  it("fails an order left unanswered for 60 simulated days", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydBlue.uid });
    await simPost(sim, "/_sim/clock/advance", { ms: 59 * 24 * 3600 * 1000 });
    expect((await getVxc(globex, uid)).provisioningStatus).toBe("DEPLOYABLE");
    await simPost(sim, "/_sim/clock/advance", { ms: 1 * 24 * 3600 * 1000 + 1 });
    const failed = await getVxc(globex, uid);
    expect(failed.provisioningStatus).toBe("FAILED");
    expect(failed.vxcApproval).toMatchObject({
      status: "EXPIRED",
      message: expect.stringMatching(/60 days/),
    });
  });

  it("deploys at once to a port with vxcAutoApproval", async () => {
    const res = await orderVxc(globex, { from: P.globexSydRed.uid, to: P.acmeSydAuto.uid });
    expect(res.body.data[0]).toMatchObject({ fullyApproved: true, nonPayerStatus: "APPROVED" });
    const uid = res.body.data[0].vxcJTechnicalServiceUid;
    expect((await getVxc(globex, uid)).vxcApproval.status).toBeNull();
    await waitForStatus(globex, uid, "LIVE");
  });

  it("deploys at once between two ports of the same company", async () => {
    const uid = await orderVxcUid(acme, { from: P.acmeSydRed.uid, to: P.acmeMelRed.uid });
    await waitForStatus(acme, uid, "LIVE");
  });

  it.each([
    ["rateLimit", { rateLimit: 200 }],
    ["aEndVlan", { aEndVlan: 999 }],
    ["aEndInnerVlan", { aEndInnerVlan: 999 }],
    ["shutdown", { shutdown: true }],
  ])("refuses a network change (%s) to a VXC with a pending approval", async (_field, change) => {
    const uid = await orderVxcUid(globex, { from: P.globexSydBlue.uid, to: P.acmeSydRed.uid });
    const res = await globex.put(`/v3/product/vxc/${uid}`, change);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(
      /pending connection request awaiting Acme Networks; network changes .* are refused/,
    );
    // Name changes are not network changes.
    expect((await globex.put(`/v3/product/vxc/${uid}`, { name: "renamed while pending" })).status).toBe(200);
  });

  describe("speed changes", () => {
    let uid: string;

    beforeEach(async () => {
      uid = await orderVxcUid(globex, { from: P.globexSydBlue.uid, to: P.acmeSydBlue.uid, rateLimit: 500 });
      await acme.put(`/v3/product/vxc/${uid}`, { isApproved: true });
      await waitForStatus(globex, uid, "LIVE");
    });

    it("turns an increase into a SPEED_CHANGE request and changes the rate only when accepted", async () => {
      const res = await globex.put(`/v3/product/vxc/${uid}`, { rateLimit: 1000 });
      expect(res.status).toBe(200);
      expect(res.body.data.rateLimit).toBe(500);
      expect(res.body.data.vxcApproval).toMatchObject({
        status: "PENDING_EXTERNAL",
        type: "SPEED_CHANGE",
        newSpeed: 1000,
      });
      const provider = await acme.get(`/v2/product/${uid}`);
      expect(provider.body.data.vxcApproval).toMatchObject({
        status: "PENDING_INTERNAL",
        type: "SPEED_CHANGE",
        newSpeed: 1000,
      });
      expect(provider.body.data.provisioningStatus).toBe("LIVE");

      expect((await acme.put(`/v3/product/vxc/${uid}`, { isApproved: true })).status).toBe(200);
      const after = await getVxc(globex, uid);
      expect(after.rateLimit).toBe(1000);
      expect(after.vxcApproval.status).toBeNull();
    });

    it("applies a decrease at once", async () => {
      const res = await globex.put(`/v3/product/vxc/${uid}`, { rateLimit: 200 });
      expect(res.body.data.rateLimit).toBe(200);
      expect(res.body.data.vxcApproval.status).toBeNull();
    });

    it("keeps the old rate when the provider rejects an increase", async () => {
      await globex.put(`/v3/product/vxc/${uid}`, { rateLimit: 2000 });
      const approvalUid = (await getVxc(globex, uid)).vxcApproval.uid;
      expect(
        (
          await acme.put(`/v2/order/vxc/${approvalUid}`, {
            isApproved: false,
            reason: "Contract caps you at 500",
          })
        ).status,
      ).toBe(200);
      const after = await getVxc(globex, uid);
      expect(after.rateLimit).toBe(500);
      expect(after.provisioningStatus).toBe("LIVE");
      expect(after.vxcApproval).toMatchObject({
        status: "REJECTED",
        type: "SPEED_CHANGE",
        newSpeed: 2000,
        message: "Contract caps you at 500",
      });
    });

    it("refuses another rate change while a speed change is pending", async () => {
      await globex.put(`/v3/product/vxc/${uid}`, { rateLimit: 1000 });
      const res = await globex.put(`/v3/product/vxc/${uid}`, { rateLimit: 100 });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/pending speed change/);
    });
  });

  describe("who may change what", () => {
    let uid: string;

    beforeAll(async () => {
      uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydAuto.uid, bVlan: 40 });
      await waitForStatus(globex, uid, "LIVE");
    });

    it("refuses the customer changing the B-end VLAN with the real API's text", async () => {
      const res = await globex.put(`/v3/product/vxc/${uid}`, { bEndVlan: 41 });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe("Only B end owner can change B VLAN");
    });

    it("lets the provider change the B-end VLAN and refuses it the A-end fields", async () => {
      expect((await acme.put(`/v3/product/vxc/${uid}`, { bEndVlan: 41 })).body.data.bEnd.vlan).toBe(41);
      const res = await acme.put(`/v3/product/vxc/${uid}`, { rateLimit: 10 });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe("Only A end owner can change rateLimit");
    });

    it("applies inner VLANs, each end's by its owner, and shows them on aEnd/bEnd.innerVlan", async () => {
      const set = await globex.put(`/v3/product/vxc/${uid}`, { aEndInnerVlan: 300 });
      expect(set.status).toBe(200);
      expect(set.body.data.aEnd.innerVlan).toBe(300);
      expect(set.body.data.bEnd.innerVlan).toBeNull();
      const refused = await globex.put(`/v3/product/vxc/${uid}`, { bEndInnerVlan: 301 });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe("Only B end owner can change B inner VLAN");
      expect((await acme.put(`/v3/product/vxc/${uid}`, { aEndInnerVlan: 5 })).status).toBe(403);
      expect(
        (await acme.put(`/v3/product/vxc/${uid}`, { bEndInnerVlan: 301 })).body.data.bEnd.innerVlan,
      ).toBe(301);
      // Both read back, from either side, and the VXC stays LIVE.
      for (const api of [globex, acme]) {
        const vxc = await getVxc(api, uid);
        expect(vxc).toMatchObject({
          provisioningStatus: "LIVE",
          aEnd: { innerVlan: 300 },
          bEnd: { innerVlan: 301 },
        });
      }
      // 0 removes one; out of range is a 400; an untagged end cannot carry one.
      expect(
        (await globex.put(`/v3/product/vxc/${uid}`, { aEndInnerVlan: 0 })).body.data.aEnd.innerVlan,
      ).toBeNull();
      const bad = await globex.put(`/v3/product/vxc/${uid}`, { aEndInnerVlan: 4094 });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^Invalid aEndInnerVlan 4094: /);
      const untagged = await acme.put(`/v3/product/vxc/${uid}`, { bEndVlan: -1 });
      expect(untagged.status).toBe(400);
      expect(untagged.body.message).toMatch(/untagged end \(VLAN -1\) cannot have an inner VLAN/);
      expect((await getVxc(acme, uid)).bEnd).toMatchObject({ vlan: 41, innerVlan: 301 });
    });

    it("keeps inner VLANs given at order time", async () => {
      const res = await globex.post("/v4/networkdesign/buy", {
        networkDesign: [
          {
            productUid: P.globexSydRed.uid,
            associatedVxcs: [
              {
                productName: "qinq",
                rateLimit: 100,
                term: 1,
                aEnd: { vlan: 0, innerVlan: 120 },
                bEnd: { productUid: P.acmeSydAuto.uid, vlan: 0, innerVlan: 121 },
              },
            ],
          },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.data[0]).toMatchObject({ payerInnerVlanId: 120, nonPayerInnerVlanId: 121 });
      const vxc = await getVxc(globex, res.body.data[0].vxcJTechnicalServiceUid);
      expect(vxc).toMatchObject({ aEnd: { innerVlan: 120 }, bEnd: { innerVlan: 121 } });
    });

    it("refuses the customer answering its own request", async () => {
      const pending = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydRed.uid });
      const res = await globex.put(`/v3/product/vxc/${pending}`, { isApproved: true });
      expect(res.status).toBe(403);
    });
  });

  describe("isolation between companies", () => {
    let uid: string;

    beforeAll(async () => {
      uid = await orderVxcUid(globex, {
        from: P.globexSydRed.uid,
        to: P.acmeSydRed.uid,
        name: "private to globex and acme",
      });
    });

    it("hides a VXC from a company at neither end, exactly as an unknown UID", async () => {
      const res = await initech.get(`/v2/product/${uid}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(`Could not find a service with UID ${uid}`);
    });

    it("does not let a third company approve, by either endpoint", async () => {
      const approvalUid = (await getVxc(globex, uid)).vxcApproval.uid;
      expect((await initech.put(`/v3/product/vxc/${uid}`, { isApproved: true })).status).toBe(400);
      expect((await initech.put(`/v2/order/vxc/${approvalUid}`, { isApproved: true })).status).toBe(400);
      expect((await getVxc(globex, uid)).vxcApproval.status).toBe("PENDING_EXTERNAL");
    });

    it("lists only the caller's own ports in GET /v2/products", async () => {
      const list = await initech.get("/v2/products");
      expect(list.body.message).toBe("Found 1 Products");
      expect(list.body.data.map((p: { productUid: string }) => p.productUid)).toEqual([P.initechSyd.uid]);
      const globexPorts = (await globex.get("/v2/products")).body.data.map(
        (p: { companyUid: string }) => p.companyUid,
      );
      expect(new Set(globexPorts)).toEqual(new Set([SEED.companies.globex.uid]));
    });

    it("hides other companies' ports from GET /v2/product/{uid}", async () => {
      const res = await initech.get(`/v2/product/${P.globexSydRed.uid}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(`Could not find a service with UID ${P.globexSydRed.uid}`);
    });

    it("shows the incoming VXC under the provider's port", async () => {
      expect(await listedUnder(acme, P.acmeSydRed.uid, uid)).toMatchObject({
        aEnd: { ownerUid: SEED.companies.globex.uid },
        bEnd: { ownerUid: SEED.companies.acme.uid },
      });
    });
  });

  describe("order validation", () => {
    it.each([
      [
        "a VLAN above 4093",
        { aVlan: 4094 },
        /VLAN must be 0 \(auto-assign\), -1 \(untagged\) or between 2 and 4093/,
      ],
      ["VLAN 1", { aVlan: 1 }, /Invalid aEnd.vlan 1/],
      [
        "a rate over the port's maxVxcSpeed",
        { to: P.acmeSydAuto.uid, rateLimit: 1001 },
        /exceeds the maximum VXC speed of 1000 Mbps/,
      ],
      ["a term of 6 months", { term: 6 }, /term must be one of 1, 12, 24, 36, 48, 60/],
      ["an empty name", { name: "" }, /name must be 1 to 64 characters/],
      ["a 65-character name", { name: "x".repeat(65) }, /name must be 1 to 64 characters/],
      [
        "an unknown B-end",
        { to: "00000000-0000-4000-8000-000000000000" },
        /^Could not find a service with UID 00000000-0000-4000-8000-000000000000$/,
      ],
      ["someone else's A-end", { from: P.acmeSydRed.uid }, /^Could not find a service with UID /],
      [
        "a private port without a service key",
        { to: P.globexSydBlue.uid, from: P.initechSyd.uid },
        /does not accept connections without a service key/,
      ],
    ])("refuses %s", async (_case, change, message) => {
      const api = "from" in change && change.from === P.initechSyd.uid ? initech : globex;
      const res = await orderVxc(api, { from: P.globexSydRed.uid, to: P.acmeSydRed.uid, ...change });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
      expect(res.body.terms).toMatch(/Acceptable Use Policy/);
    });

    it("refuses a VLAN already used on the port, and frees it once the VXC is cancelled", async () => {
      const uid = await orderVxcUid(globex, { from: P.globexMelRed.uid, to: P.acmeSydAuto.uid, aVlan: 2001 });
      const clash = await orderVxc(globex, { from: P.globexMelRed.uid, to: P.acmeSydAuto.uid, aVlan: 2001 });
      expect(clash.status).toBe(400);
      expect(clash.body.message).toBe(
        `VLAN 2001 not available on MEGAPORT service ${P.globexMelRed.productId}`,
      );
      const vlanCheck = await globex.get(`/v2/product/port/${P.globexMelRed.uid}/vlan?vlan=2001`);
      expect(vlanCheck.body.data).toEqual([]);

      const cancel = await globex.post(`/v3/product/${uid}/action/CANCEL_NOW`);
      expect(cancel.body.message).toBe(`Action [CANCEL_NOW Service ${uid}] has been done.`);
      expect((await getVxc(globex, uid)).provisioningStatus).toBe("CANCELLED");
      expect((await globex.get(`/v2/product/port/${P.globexMelRed.uid}/vlan?vlan=2001`)).body.data).toEqual([
        2001,
      ]);
      expect(
        (await orderVxc(globex, { from: P.globexMelRed.uid, to: P.acmeSydAuto.uid, aVlan: 2001 })).status,
      ).toBe(200);
      const gone = await waitForStatus(globex, uid, "DECOMMISSIONED");
      expect(gone.resources.vll).toEqual([]);
      // Still listed under the port.
      const port = (await globex.get(`/v2/product/${P.globexMelRed.uid}`)).body.data;
      expect(port.associatedVxcs.some((v: { productUid: string }) => v.productUid === uid)).toBe(true);
    });

    it("refuses a rate change above maxVxcSpeed on an existing VXC", async () => {
      const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydAuto.uid });
      const res = await globex.put(`/v3/product/vxc/${uid}`, { rateLimit: 5000 });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/exceeds the maximum VXC speed of 1000 Mbps/);
    });

    it("validates an order without buying it (bare array, prices)", async () => {
      const before = sim.store.state.vxcs.length;
      const res = await globex.post("/v3/networkdesign/validate", [
        {
          productUid: P.globexSydRed.uid,
          associatedVxcs: [
            { productName: "quote", rateLimit: 100, term: 12, bEnd: { productUid: P.acmeSydRed.uid } },
          ],
        },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.data[0]).toMatchObject({
        productType: "VXC",
        price: { currency: "AUD", monthlyRate: expect.any(Number) },
      });
      expect(sim.store.state.vxcs.length).toBe(before);
    });

    it("buys with the bare-array POST /v3/networkdesign/buy", async () => {
      const res = await globex.post("/v3/networkdesign/buy", [
        {
          productUid: P.globexSydRed.uid,
          associatedVxcs: [
            { productName: "v3 order", rateLimit: 50, term: 1, bEnd: { productUid: P.acmeSydAuto.uid } },
          ],
        },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.data[0].vxcJTechnicalServiceUid).toEqual(expect.any(String));
    });

    it("answers 400 with the exact text for unknown UIDs on every product endpoint", async () => {
      const uid = "11111111-2222-4333-8444-555555555555";
      for (const [method, path, body] of [
        ["GET", `/v2/product/${uid}`, undefined],
        ["PUT", `/v3/product/vxc/${uid}`, { name: "x" }],
        ["POST", `/v3/product/${uid}/action/CANCEL_NOW`, undefined],
        ["GET", `/v2/product/${uid}/tags`, undefined],
        ["PUT", `/v2/product/megaport/${uid}`, { name: "x" }],
      ] as const) {
        const res = await globex.call(method, path, body);
        expect(res.status).toBe(400);
        expect(res.body.message).toBe(`Could not find a service with UID ${uid}`);
      }
    });
  });
});
