// The client's write side for VXCs against the simulator: pricing and ordering, the provider's answer through
// both the current PUT /v3/product/vxc/{uid} isApproved and the legacy PUT /v2/order/vxc/{approvalUid},
// who may change which end (403 "Only B end owner can change B VLAN"), cancelling to DECOMMISSIONED (and
// safeDelete refusing a port with attached VXCs), resource tags, and VLAN availability on a port.
import { ApiError, ForbiddenError, type MegaportClient } from "../../provider/client";
import { ContractWorld, SEED, thrownBy, vxcOrder } from "./contract-world";

const P = SEED.ports;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let world: ContractWorld;
let globex: MegaportClient;
let acme: MegaportClient;

beforeAll(async () => {
  world = await ContractWorld.start();
  globex = world.client("globexAdmin");
  acme = world.client("acmeAdmin");
});
afterAll(() => world.close());

/** A Globex order to Acme's Sydney Red port, left waiting for Acme's answer. */
const pendingOrder = (name: string, extra: { aVlan?: number; rateLimit?: number } = {}) =>
  world.order("globexAdmin", { from: P.globexSydRed.uid, to: P.acmeSydRed.uid, name, ...extra });

describe("ordering", () => {
  it("validateVxcOrder prices the order without creating anything", async () => {
    const before = (await globex.getProduct(P.globexMelRed.uid)) as { associatedVxcs?: unknown[] };
    const [item, ...rest] = await globex.validateVxcOrder(
      vxcOrder({ from: P.globexMelRed.uid, to: P.acmeMelRed.uid, rateLimit: 500 }),
    );
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ productUid: P.globexMelRed.uid, productType: "VXC" });
    expect(item.price?.monthlyRate).toBeGreaterThan(0);
    expect(item.price?.currency).toMatch(/^[A-Z]{3}$/);
    const after = (await globex.getProduct(P.globexMelRed.uid)) as { associatedVxcs?: unknown[] };
    expect(after.associatedVxcs).toHaveLength(before.associatedVxcs?.length ?? 0);
  });

  it("validateVxcOrder refuses a VLAN already taken, in the real API's words", async () => {
    await world.order("globexAdmin", { from: P.globexMelRed.uid, to: P.acmeMelRed.uid, aVlan: 3900 });
    const err = await thrownBy(() =>
      globex.validateVxcOrder(vxcOrder({ from: P.globexMelRed.uid, to: P.acmeMelRed.uid, aVlan: 3900 })),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).megaportMessage).toBe(
      `VLAN 3900 not available on MEGAPORT service ${P.globexMelRed.productId}`,
    );
  });

  it("buyVxc returns the new VXC's UID, which waits for the provider as PENDING_EXTERNAL", async () => {
    const [uid, ...rest] = await globex.buyVxc(
      vxcOrder({ from: P.globexSydRed.uid, to: P.acmeSydRed.uid, name: "bought", rateLimit: 300 }),
    );
    expect(rest).toEqual([]);
    expect(uid).toMatch(UUID);
    const vxc = await globex.getVxc(uid);
    expect(vxc).toMatchObject({ productUid: uid, productName: "bought", rateLimit: 300 });
    expect(vxc.provisioningStatus).toBe("DEPLOYABLE");
    expect(vxc.vxcApproval).toMatchObject({
      status: "PENDING_EXTERNAL",
      type: "NEW",
      message: "Acme Networks",
    });
    expect(vxc.vxcApproval?.uid).toMatch(UUID);
    // The provider sees the same request as its own to answer.
    expect((await acme.getVxc(uid)).vxcApproval?.status).toBe("PENDING_INTERNAL");
  });

  it("buyVxc returns one UID per ordered VXC, in order", async () => {
    const [item] = vxcOrder({ from: P.globexSydBlue.uid, to: P.acmeSydAuto.uid, name: "first" });
    const second = { ...item.associatedVxcs[0], productName: "second" };
    const uids = await globex.buyVxc([{ ...item, associatedVxcs: [...item.associatedVxcs, second] }]);
    expect(uids).toHaveLength(2);
    const names = await Promise.all(uids.map(async (uid) => (await globex.getVxc(uid)).productName));
    expect(names).toEqual(["first", "second"]);
  });
});

describe("changing a VXC", () => {
  it("the customer renames it, sets its cost centre and moves its A-end VLAN", async () => {
    const { productUid } = await world.liveGlobexToAcme({ name: "before", aVlan: 1200 });
    const updated = await globex.updateVxc(productUid, { name: "after", costCentre: "CC-7", aEndVlan: 1201 });
    expect(updated).toMatchObject({ productName: "after", costCentre: "CC-7" });
    expect(updated.aEnd?.vlan).toBe(1201);
    const read = await globex.getVxc(productUid);
    expect(read).toMatchObject({ productName: "after", costCentre: "CC-7", provisioningStatus: "LIVE" });
    expect(read.aEnd?.vlan).toBe(1201);
    expect(read.resources?.vll?.a_vlan).toBe(1201);
  });

  it("updateVxc applies inner VLANs, each end's by its owner, visible on aEnd/bEnd.innerVlan", async () => {
    const { productUid } = await world.liveGlobexToAcme();
    const customerSet = await globex.updateVxc(productUid, { aEndInnerVlan: 210 });
    expect(customerSet.aEnd?.innerVlan).toBe(210);
    const err = await thrownBy(() => globex.updateVxc(productUid, { bEndInnerVlan: 211 }));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).megaportMessage).toBe("Only B end owner can change B inner VLAN");
    const providerSet = await acme.updateVxc(productUid, { bEndInnerVlan: 211 });
    expect(providerSet.bEnd?.innerVlan).toBe(211);
    const read = await globex.getVxc(productUid);
    expect(read.aEnd?.innerVlan).toBe(210);
    expect(read.bEnd?.innerVlan).toBe(211);
    expect(read.provisioningStatus).toBe("LIVE");
  });

  it("the provider accepts a connection request with isApproved, and the VXC goes LIVE", async () => {
    const uid = await pendingOrder("accept me");
    const answered = await acme.updateVxc(uid, { isApproved: true });
    expect(answered.vxcApproval?.status ?? null).toBeNull();
    await world.advanceClock(1000);
    expect((await globex.getVxc(uid)).provisioningStatus).toBe("LIVE");
  });

  it("the customer changing the B-end VLAN is a 403 ForbiddenError with the real text and a Trace-Id", async () => {
    const { productUid } = await world.liveGlobexToAcme();
    const err = await thrownBy(() => globex.updateVxc(productUid, { bEndVlan: 2345 }));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toBeInstanceOf(ApiError);
    const api = err as ForbiddenError;
    expect(api.code).toBe("MX_FORBIDDEN");
    expect(api.status).toBe(403);
    expect(api.megaportMessage).toBe("Only B end owner can change B VLAN");
    expect(api.traceId).toMatch(UUID);
    expect(api.message).toContain(`Trace-Id ${api.traceId}`);
    expect(api.endpoint).toBe(`PUT /v3/product/vxc/${productUid}`);
  });

  it("the provider may change the B-end VLAN", async () => {
    const { productUid } = await world.liveGlobexToAcme();
    const updated = await acme.updateVxc(productUid, { bEndVlan: 2346 });
    expect(updated.bEnd?.vlan).toBe(2346);
  });

  it("a network change while the request is pending is refused with 400", async () => {
    const uid = await pendingOrder("still pending");
    const err = await thrownBy(() => globex.updateVxc(uid, { aEndVlan: 1300 }));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).megaportMessage).toContain("pending connection request awaiting Acme Networks");
  });
});

describe("approveVxcOrder (legacy PUT /v2/order/vxc/{approvalUid})", () => {
  it("accepts with the provider's VLAN, and the VXC deploys on it", async () => {
    const uid = await pendingOrder("legacy accept");
    const approvalUid = (await acme.getVxc(uid)).vxcApproval?.uid;
    expect(approvalUid).toMatch(UUID);
    await expect(acme.approveVxcOrder(approvalUid as string, { isApproved: true, vlan: 777 })).resolves.toBe(
      undefined,
    );
    await world.advanceClock(1000);
    const vxc = await globex.getVxc(uid);
    expect(vxc.provisioningStatus).toBe("LIVE");
    expect(vxc.bEnd?.vlan).toBe(777);
    expect(vxc.vxcApproval?.status ?? null).toBeNull();
  });

  it("denies with a reason: the new VXC FAILs and the customer reads the reason", async () => {
    const uid = await pendingOrder("legacy deny");
    const approvalUid = (await acme.getVxc(uid)).vxcApproval?.uid as string;
    await acme.approveVxcOrder(approvalUid, { isApproved: false, reason: "No capacity in SY1" });
    const vxc = await globex.getVxc(uid);
    expect(vxc.provisioningStatus).toBe("FAILED");
    expect(vxc.vxcApproval).toMatchObject({ status: "REJECTED", message: "No capacity in SY1" });
  });

  it("answers a speed change: the rate changes only once accepted", async () => {
    const { productUid } = await world.liveGlobexToAcme({ rateLimit: 100 });
    const asked = await globex.updateVxc(productUid, { rateLimit: 400 });
    expect(asked.rateLimit).toBe(100);
    expect(asked.vxcApproval).toMatchObject({
      status: "PENDING_EXTERNAL",
      type: "SPEED_CHANGE",
      newSpeed: 400,
    });
    await acme.approveVxcOrder(asked.vxcApproval?.uid as string, { isApproved: true });
    expect((await globex.getVxc(productUid)).rateLimit).toBe(400);
  });
});

describe("cancelProduct", () => {
  it("CANCEL_NOW makes a VXC CANCELLED, then DECOMMISSIONED with an empty vll", async () => {
    const { productUid } = await world.liveGlobexToAcme();
    await expect(globex.cancelProduct(productUid, "CANCEL_NOW")).resolves.toBe(undefined);
    expect((await globex.getVxc(productUid)).provisioningStatus).toBe("CANCELLED");
    await world.advanceClock(1000);
    const vxc = await globex.getVxc(productUid);
    expect(vxc.provisioningStatus).toBe("DECOMMISSIONED");
    // The API's "vll": [] on a decommissioned VXC, normalised by the client to null.
    expect(vxc.resources?.vll).toBeNull();
    expect(typeof vxc.terminateDate).toBe("number");
  });

  it("CANCEL then UN_CANCEL restores a LIVE VXC", async () => {
    const { productUid } = await world.liveGlobexToAcme();
    await globex.cancelProduct(productUid, "CANCEL");
    expect((await globex.getVxc(productUid)).provisioningStatus).toBe("CANCELLED");
    await globex.cancelProduct(productUid, "UN_CANCEL");
    expect((await globex.getVxc(productUid)).provisioningStatus).toBe("LIVE");
  });

  it("safeDelete refuses to cancel a port that still has VXCs, naming them; without them it cancels", async () => {
    const initech = world.client("initechAdmin");
    const uid = await world.order("initechAdmin", {
      from: P.initechSyd.uid,
      to: P.acmeSydAuto.uid,
      name: "initech uplink",
    });
    const err = await thrownBy(() =>
      initech.cancelProduct(P.initechSyd.uid, "CANCEL_NOW", { safeDelete: true }),
    );
    expect(err).toBeInstanceOf(ApiError);
    const api = err as ApiError;
    expect(api.status).toBe(400);
    expect(api.megaportMessage).toContain(`VXC "initech uplink" (${uid})`);
    expect(api.traceId).toMatch(UUID);
    expect((await initech.getProduct(P.initechSyd.uid)).provisioningStatus).toBe("LIVE");
    expect((await initech.getVxc(uid)).provisioningStatus).not.toMatch(/^CANCELLED/);

    // Once the VXC is cancelled nothing is attached, and the safe delete goes through.
    await initech.cancelProduct(uid, "CANCEL_NOW");
    await expect(initech.cancelProduct(P.initechSyd.uid, "CANCEL_NOW", { safeDelete: true })).resolves.toBe(
      undefined,
    );
    expect((await initech.getProduct(P.initechSyd.uid)).provisioningStatus).toBe("CANCELLED");
  });
});

describe("resource tags", () => {
  it("reads the tags given at order time, then replaces and clears them", async () => {
    const [item] = vxcOrder({ from: P.globexSydBlue.uid, to: P.acmeSydAuto.uid, name: "tagged" });
    item.associatedVxcs[0].resourceTags = [{ key: "env", value: "prod" }];
    const [uid] = await globex.buyVxc([item]);
    expect(await globex.getResourceTags(uid)).toEqual([{ key: "env", value: "prod" }]);

    await globex.setResourceTags(uid, { team: "network", env: "dev" });
    expect(await globex.getResourceTags(uid)).toEqual([
      { key: "team", value: "network" },
      { key: "env", value: "dev" },
    ]);

    await globex.setResourceTags(uid, [{ key: "only", value: "this" }]);
    expect(await globex.getResourceTags(uid)).toEqual([{ key: "only", value: "this" }]);
    await globex.setResourceTags(uid, []);
    expect(await globex.getResourceTags(uid)).toEqual([]);
  });
});

describe("VLAN availability", () => {
  it("a VLAN is available until a VXC takes it, and again once that VXC is decommissioned", async () => {
    const port = P.globexSydBlue.uid;
    expect(await globex.isPortVlanAvailable(port, 3001)).toBe(true);
    const uid = await world.order("globexAdmin", { from: port, to: P.acmeSydAuto.uid, aVlan: 3001 });
    expect(await globex.isPortVlanAvailable(port, 3001)).toBe(false);
    expect(await globex.isPortVlanAvailable(port, 3002)).toBe(true);
    await globex.cancelProduct(uid, "CANCEL_NOW");
    await world.advanceClock(1000);
    expect(await globex.isPortVlanAvailable(port, 3001)).toBe(true);
  });
});
