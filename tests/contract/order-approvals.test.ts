// The approval queue through the client (GET /v3/order_approvals, POST …/{uid}/approve|reject|withdraw) over the
// simulator's Marketplace requests: who sees which request, that approving and rejecting here do exactly what
// PUT /v3/product/vxc/{uid} with isApproved does (state, VLAN, reason and emails), that only the requester
// withdraws, paging with the Pagination-* headers, and expiry. How sure we are that the real API ties the two is
// in simulator/README.md ("Order approvals").
import {
  ApiError,
  ForbiddenError,
  NotFoundError,
  type MegaportClient,
  type OrderApproval,
} from "../../provider/client";
import { ContractWorld, SEED, thrownBy, type Json } from "./contract-world";

const P = SEED.ports;
const C = SEED.companies;
const DAY = 86_400_000;

let world: ContractWorld;
let acme: MegaportClient;
let globex: MegaportClient;

beforeAll(async () => {
  world = await ContractWorld.start();
  acme = world.client("acmeAdmin");
  globex = world.client("globexAdmin");
});
afterAll(() => world.close());

/** A connection request from Globex to an Acme port; returns the VXC's UID and the request's UID. */
async function request(name: string, to: string = P.acmeSydRed.uid) {
  const uid = await world.order("globexAdmin", { from: P.globexSydRed.uid, to, name });
  const approvalUid = (await globex.getVxc(uid)).vxcApproval?.uid as string;
  return { uid, approvalUid };
}

async function listed(client: MegaportClient, approvalUid: string): Promise<OrderApproval | undefined> {
  const page = await client.listOrderApprovals({ pageSize: 1000 });
  return page.orderApprovals.find((r) => r.uid === approvalUid);
}

/** The events of the emails about one VXC, with who got them, in order. */
async function emailsAbout(vxcUid: string): Promise<string[]> {
  const res = await fetch(`${world.sim.url}/_sim/outbox`);
  const outbox = ((await res.json()) as Json).data as Json[];
  return outbox.filter((e) => e.productUid === vxcUid).map((e) => `${e.event} → ${e.to}`);
}

describe("listing", () => {
  it("a connection request is listed for the provider and the customer, not for a bystander", async () => {
    const { uid, approvalUid } = await request("listed request");
    const vxc = await globex.getVxc(uid);
    const forAcme = await listed(acme, approvalUid);
    expect(forAcme).toEqual({
      uid: approvalUid,
      id: expect.any(Number),
      referenceId: expect.stringMatching(/^ORD-\d+-\d+$/),
      status: "PENDING",
      type: "NEW_ORDER",
      active: true,
      acctName: "Globex Corporation",
      acctRef: null,
      approverCompanyId: C.acme.companyId,
      requesterCompanyId: C.globex.companyId,
      serviceId: vxc.productId,
      comment: "",
      createDate: vxc.createDate,
      detail: expect.objectContaining({
        type: "NEW_ORDER",
        userName: "admin@globex.example",
        requesterCompanyId: C.globex.companyId,
        productRequest: [expect.objectContaining({ productUid: uid, productName: "listed request" })],
      }),
    });
    expect(await listed(globex, approvalUid)).toEqual(forAcme);
    expect(await listed(world.client("initechAdmin"), approvalUid)).toBeUndefined();
  });

  it("listPendingOrderApprovals gives the company the requests it must answer, not the ones it made", async () => {
    const { approvalUid } = await request("pending for acme");
    expect((await acme.listPendingOrderApprovals()).map((r) => r.uid)).toContain(approvalUid);
    expect((await globex.listPendingOrderApprovals()).map((r) => r.uid)).not.toContain(approvalUid);
    expect(
      (await globex.listPendingOrderApprovals({ companyId: C.acme.companyId })).map((r) => r.uid),
    ).toContain(approvalUid);
  });

  it("pages with the Pagination-* headers and filters by status and service", async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await request(`paged ${i}`, P.acmeMelRed.uid));
    const first = await acme.listOrderApprovals({ status: "PENDING", pageSize: 2, pageNumber: 1 });
    expect(first.orderApprovals).toHaveLength(2);
    expect(first).toMatchObject({ page: 1, limit: 2 });
    expect(first.totalCount).toBeGreaterThanOrEqual(5);
    expect(first.totalPages).toBe(Math.ceil(first.totalCount / 2));
    const all: string[] = [];
    for (let page = 1; page <= first.totalPages; page++) {
      const got = await acme.listOrderApprovals({ status: "PENDING", pageSize: 2, pageNumber: page });
      all.push(...got.orderApprovals.map((r) => r.uid));
    }
    expect(new Set(all).size).toBe(first.totalCount);
    for (const { approvalUid } of made) expect(all).toContain(approvalUid);
    // Newest first by default; ASC reverses it.
    const desc = (await acme.listOrderApprovals({ pageSize: 1000 })).orderApprovals.map((r) => r.id);
    const asc = (await acme.listOrderApprovals({ pageSize: 1000, direction: "ASC" })).orderApprovals.map(
      (r) => r.id,
    );
    expect(asc).toEqual([...desc].reverse());

    const one = await globex.getVxc(made[2].uid);
    const byService = await acme.listOrderApprovals({ serviceIds: [one.productId as number] });
    expect(byService.orderApprovals.map((r) => r.uid)).toEqual([made[2].approvalUid]);
    expect((await acme.listOrderApprovals({ status: "EXPIRED" })).orderApprovals).toEqual([]);
  });
});

describe("approving and rejecting do what PUT /v3/product/vxc/{uid} isApproved does", () => {
  it("approve: the VXC deploys on the given B-end VLAN, the customer gets the same emails", async () => {
    const viaQueue = await request("approved via queue");
    const viaPut = await request("approved via PUT");
    await acme.approveOrderApproval(viaQueue.approvalUid, { comments: "welcome", vlan: 2345 });
    await acme.updateVxc(viaPut.uid, { isApproved: true, bEndVlan: 2346 });
    await world.advanceClock(1000);
    for (const [{ uid }, vlan] of [
      [viaQueue, 2345],
      [viaPut, 2346],
    ] as const) {
      expect(await globex.getVxc(uid)).toMatchObject({
        provisioningStatus: "LIVE",
        bEnd: expect.objectContaining({ vlan }),
        vxcApproval: { status: null, message: null, uid: null, type: null, newSpeed: null },
      });
    }
    expect(await emailsAbout(viaQueue.uid)).toEqual(await emailsAbout(viaPut.uid));
    expect(await emailsAbout(viaQueue.uid)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CONNECTION_REQUEST_ACCEPTED → .*@globex\.example$/)]),
    );
    expect(await listed(acme, viaQueue.approvalUid)).toMatchObject({
      status: "APPROVED",
      active: false,
      comment: "welcome",
    });
    expect(await listed(acme, viaPut.approvalUid)).toMatchObject({ status: "APPROVED", active: false });
  });

  it("reject: the VXC fails with the reason the customer reads, and the same emails", async () => {
    const viaQueue = await request("rejected via queue");
    const viaPut = await request("rejected via PUT");
    await acme.rejectOrderApproval(viaQueue.approvalUid, { comments: "no capacity in SYD" });
    await acme.updateVxc(viaPut.uid, { isApproved: false, reason: "no capacity in SYD" });
    for (const { uid } of [viaQueue, viaPut]) {
      expect(await globex.getVxc(uid)).toMatchObject({
        provisioningStatus: "FAILED",
        vxcApproval: expect.objectContaining({ status: "REJECTED", message: "no capacity in SYD" }),
      });
    }
    expect(await emailsAbout(viaQueue.uid)).toEqual(await emailsAbout(viaPut.uid));
    expect(await listed(globex, viaQueue.approvalUid)).toMatchObject({
      status: "REJECTED",
      comment: "no capacity in SYD",
    });
  });

  it("a speed change is listed as SPEED_CHANGE with the asked-for rate, and approving applies it", async () => {
    const live = await world.liveGlobexToAcme({ name: "speed change via queue", rateLimit: 100 });
    await globex.updateVxc(live.productUid as string, { rateLimit: 300 });
    const approvalUid = (await globex.getVxc(live.productUid as string)).vxcApproval?.uid as string;
    expect(await listed(acme, approvalUid)).toMatchObject({
      type: "SPEED_CHANGE",
      status: "PENDING",
      detail: { productRequest: [expect.objectContaining({ rateLimit: 100, newSpeed: 300 })] },
    });
    await acme.approveOrderApproval(approvalUid);
    expect((await globex.getVxc(live.productUid as string)).rateLimit).toBe(300);
    expect(await emailsAbout(live.productUid as string)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SPEED_CHANGE_ACCEPTED → /)]),
    );
  });

  it("the same answer twice is harmless; the other answer after it is a 400", async () => {
    const { approvalUid } = await request("answered twice");
    await acme.approveOrderApproval(approvalUid);
    await expect(acme.approveOrderApproval(approvalUid)).resolves.toBeUndefined();
    const err = await thrownBy(() => acme.rejectOrderApproval(approvalUid, { comments: "changed my mind" }));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).megaportMessage).toBe(`Order approval ${approvalUid} is already APPROVED`);
  });
});

describe("withdrawing and who may do what", () => {
  it("the customer withdraws its request: the VXC is cancelled and the request reads WITHDRAWN", async () => {
    const { uid, approvalUid } = await request("withdrawn");
    expect(await thrownBy(() => acme.withdrawOrderApproval(approvalUid))).toBeInstanceOf(ForbiddenError);
    await globex.withdrawOrderApproval(approvalUid, { comments: "ordered by mistake" });
    expect(await globex.getVxc(uid)).toMatchObject({
      provisioningStatus: "CANCELLED",
      vxcApproval: expect.objectContaining({ status: "WITHDRAWN", message: "ordered by mistake" }),
    });
    expect(await listed(acme, approvalUid)).toMatchObject({
      status: "WITHDRAWN",
      comment: "ordered by mistake",
    });
    const late = await thrownBy(() => acme.approveOrderApproval(approvalUid));
    expect((late as ApiError).megaportMessage).toBe(`Order approval ${approvalUid} is already WITHDRAWN`);
    await world.advanceClock(1000);
    expect((await globex.getVxc(uid)).provisioningStatus).toBe("DECOMMISSIONED");
  });

  it("the customer may not answer its own request, a Read Only key may not answer, a stranger finds nothing", async () => {
    const { approvalUid } = await request("guarded");
    expect(await thrownBy(() => globex.approveOrderApproval(approvalUid))).toBeInstanceOf(ForbiddenError);
    expect(
      await thrownBy(() => world.client("acmeReadOnly").approveOrderApproval(approvalUid)),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await thrownBy(() => world.client("initechAdmin").rejectOrderApproval(approvalUid)),
    ).toBeInstanceOf(NotFoundError);
    expect((await listed(acme, approvalUid))?.status).toBe("PENDING");
  });

  it("cancelling a waiting VXC withdraws its request", async () => {
    const { uid, approvalUid } = await request("cancelled while waiting");
    await globex.cancelProduct(uid, "CANCEL_NOW");
    expect((await listed(acme, approvalUid))?.status).toBe("WITHDRAWN");
  });

  it("vlan is taken on approve only", async () => {
    const res = await world.raw("acmeAdmin", "/v3/order_approvals/whatever/reject", {
      method: "POST",
      body: { vlan: 100 },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("vlan is only taken when approving, not on reject");
  });
});

describe("expiry", () => {
  it("a request unanswered for 60 days reads EXPIRED", async () => {
    const own = await ContractWorld.start();
    try {
      const uid = await own.order("globexAdmin", { from: P.globexSydRed.uid, to: P.acmeSydRed.uid });
      const approvalUid = (await own.client("globexAdmin").getVxc(uid)).vxcApproval?.uid as string;
      await own.advanceClock(61 * DAY);
      const page = await own.client("acmeAdmin").listOrderApprovals({ status: "EXPIRED" });
      expect(page.orderApprovals.map((r) => [r.uid, r.active])).toEqual([[approvalUid, false]]);
    } finally {
      await own.close();
    }
  });
});
