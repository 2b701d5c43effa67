// VxcConnection create, read, update, delete, adopt and refresh against a simulator order, the way Globex (the
// customer) would: ordering once (also when an answer is lost), service keys, adopting what the portal made and
// refusing what is not ours, drift shown by read, a denied order cancelled, holders kept through updates and forced
// replaces, and speed changes re-quoted. Moves: vxc-connection-move.test.ts; two stacks: -identity.test.ts; the
// real-CLI stories: tests/e2e/vxc-connection.test.ts. Providers are called directly: never serialized inside jest.
import { ValidationError } from "../../../provider/client/errors";
import { RequestDeniedError } from "../../../provider/kinds/resource-errors";
import { IDEMPOTENCY_TAG } from "../../../provider/kinds/hidden-inputs";
import { provider } from "../../../provider/resources/vxc-connection";
import type { VxcConnectionOutputs } from "../../../provider/kinds/vxc-connection/vxc-connection-schema";
import { orderTag } from "../../../provider/kinds/vxc-connection/vxc-order-tag";
import { SEED } from "../../../simulator/seed";
import type { MegaportClient } from "../../../provider/client/megaport-client";
import { eventually } from "../../support/eventually";
import type { Simulator } from "../../support/simulator";
import {
  ACME_AUTO,
  ACME_SYD_BLUE,
  ACME_SYD_RED,
  captureLog,
  GLOBEX_SYD_BLUE,
  GLOBEX_SYD_RED,
  SOME_UID,
  startVxcWorld,
  toAuto,
  type VxcWorld,
} from "./vxc-world";

const { log, logged } = captureLog();

describe("VxcConnection against the simulator", () => {
  let world: VxcWorld;
  let sim: Simulator;
  let globex: MegaportClient;
  let acme: MegaportClient;
  beforeAll(async () => {
    world = await startVxcWorld();
    ({ sim, globex, acme } = world);
  });
  afterAll(() => world?.close());
  const aliveNamed = (name: string) => world.aliveNamed(name);
  const orderDirectly = (name: string, extra?: { serviceKey?: string }) => world.orderDirectly(name, extra);

  it("creates a VXC to an auto-approving port, waits until LIVE, and returns the inputs with what Megaport assigned", async () => {
    const inputs = toAuto("auto", { aEnd: { productUid: GLOBEX_SYD_RED, vlan: 0 }, costCentre: "NET-1" });
    const { id, outs } = await provider.create(inputs);

    expect(outs).toEqual({
      ...inputs,
      __holder: expect.stringMatching(/^[0-9a-f-]{36}$/),
      vxcUid: id,
      provisioningStatus: "LIVE",
      approvalStatus: null,
      pendingRateLimit: null,
      assignedAEndVlan: expect.any(Number),
      assignedBEndVlan: expect.any(Number),
      chosenBEndProductUid: ACME_AUTO,
      chosenBEndPortName: "Acme Sydney Instant",
      providerCompanyName: "Acme Networks",
      providerCompanyUid: SEED.companies.acme.uid,
      quotedMonthlyRate: expect.any(Number),
      quotedCurrency: "AUD",
    });
    expect(outs!.assignedAEndVlan).toBeGreaterThanOrEqual(2);
    // The quote is the one validate gives for this order, with no request of its own.
    const [quote] = await globex.validateVxcOrder([
      {
        productUid: GLOBEX_SYD_RED,
        associatedVxcs: [
          { productName: "q", rateLimit: 100, term: 1, aEnd: { vlan: 0 }, bEnd: { productUid: ACME_AUTO } },
        ],
      },
    ]);
    expect(outs!.quotedMonthlyRate).toBe(quote.price?.monthlyRate);
    const vxc = await globex.getVxc(id);
    expect(vxc).toMatchObject({ productName: "Globex auto", costCentre: "NET-1", rateLimit: 100 });
    expect(await globex.getResourceTags(id)).toContainEqual({
      key: IDEMPOTENCY_TAG,
      value: orderTag(inputs as never),
    });
  });

  it("creating twice with the same idempotency key returns the same VXC and orders only once", async () => {
    const inputs = toAuto("twice");
    const first = await provider.create(inputs);
    log.mockClear();
    const second = await provider.create(inputs);

    expect(second.id).toBe(first.id);
    // The same VXC, now held by the second create (its own holder nonce); adopted, not ordered, so no quote.
    expect(second.outs).toEqual({
      ...first.outs,
      __holder: expect.any(String),
      quotedMonthlyRate: null,
      quotedCurrency: null,
    });
    expect((second.outs as unknown as Record<string, unknown>).__holder).not.toBe(
      (first.outs as unknown as Record<string, unknown>).__holder,
    );
    expect(logged()).toContain(`adopting existing ${first.id} instead of ordering`);
    expect((await aliveNamed("Globex twice")).map((v) => v.productUid)).toEqual([first.id]);
  });

  it("orders with a multi-use pre-approved service key: LIVE at once, and the B-end is the key's port", async () => {
    const key = await acme.createServiceKey({
      productUid: ACME_SYD_RED,
      singleUse: false,
      preApproved: true,
      description: "Globex, any VLAN",
    });
    log.mockClear();
    const { id, outs } = await provider.create(toAuto("by-key", { bEnd: undefined, serviceKey: key.key }));

    expect(outs).toMatchObject({
      provisioningStatus: "LIVE",
      approvalStatus: null,
      chosenBEndProductUid: ACME_SYD_RED,
      serviceKey: key.key,
    });
    expect((await globex.getVxc(id)).bEnd?.productUid).toBe(ACME_SYD_RED);
    expect(logged()).not.toContain(key.key);
  });

  it("orders with a single-use key that fixes the B-end VLAN, and a second order with it fails without showing the key", async () => {
    const key = await acme.createServiceKey({
      productUid: ACME_SYD_BLUE,
      singleUse: true,
      vlan: 777,
      preApproved: true,
      description: "Globex, once",
    });
    const { outs } = await provider.create(toAuto("single-use", { bEnd: { vlan: 0 }, serviceKey: key.key }));
    expect(outs).toMatchObject({
      provisioningStatus: "LIVE",
      chosenBEndProductUid: ACME_SYD_BLUE,
      assignedBEndVlan: 777,
    });

    log.mockClear();
    const error = await provider
      .create(toAuto("single-use-again", { bEnd: undefined, serviceKey: key.key }))
      .then(
        () => new Error("the second order succeeded"),
        (err: Error) => err,
      );
    expect(error.message).toMatch(/already been used/);
    expect(error.message).not.toContain(key.key);
    expect(logged()).not.toContain(key.key);
    expect(await aliveNamed("Globex single-use-again")).toHaveLength(0);
  });

  it("adopts a VXC made outside Pulumi instead of ordering, and tags it so later creates find it", async () => {
    const uid = await orderDirectly("Made in the portal");
    const inputs = toAuto("adopted", { name: "Made in the portal", adoptUid: uid });
    log.mockClear();
    const { id, outs } = await provider.create(inputs);

    expect(id).toBe(uid);
    expect(outs).toMatchObject({ vxcUid: uid, provisioningStatus: "LIVE", chosenBEndProductUid: ACME_AUTO });
    expect(logged()).toContain(`adopting existing ${uid}`);
    expect(await globex.getResourceTags(uid)).toContainEqual({
      key: IDEMPOTENCY_TAG,
      value: orderTag(inputs as never),
    });
    expect(await aliveNamed("Made in the portal")).toHaveLength(1);
  });

  it("adopts a VXC that was ordered with a service key when the program names that key", async () => {
    const key = await acme.createServiceKey({
      productUid: ACME_SYD_BLUE,
      singleUse: false,
      preApproved: true,
    });
    const uid = await orderDirectly("Portal order by key", { serviceKey: key.key });
    const { id, outs } = await provider.create(
      toAuto("adopted-by-key", {
        name: "Portal order by key",
        bEnd: undefined,
        serviceKey: key.key,
        adoptUid: uid,
      }),
    );
    expect(id).toBe(uid);
    expect(outs).toMatchObject({ chosenBEndProductUid: ACME_SYD_BLUE, provisioningStatus: "LIVE" });
  });

  it("refuses to adopt a VXC whose ends differ from the program's, naming each difference", async () => {
    const uid = await orderDirectly("Elsewhere");
    const error = await provider
      .create(
        toAuto("adopt-mismatch", {
          aEnd: { productUid: GLOBEX_SYD_BLUE },
          bEnd: { productUid: ACME_SYD_RED },
          adoptUid: uid,
        }),
      )
      .then(
        () => new Error("adopted"),
        (err: Error) => err,
      );
    expect(error.message).toContain(`Invalid adoptUid: VXC ${uid} cannot be adopted`);
    expect(error.message).toContain(`its A-end is ${GLOBEX_SYD_RED}, not aEnd.productUid ${GLOBEX_SYD_BLUE}`);
    expect(error.message).toContain(`its B-end is ${ACME_AUTO}, not ${ACME_SYD_RED}`);
    expect(await globex.getResourceTags(uid)).toEqual([]);
  });

  it("refuses to adopt a VXC that does not exist or is already decommissioned", async () => {
    await expect(provider.create(toAuto("adopt-unknown", { adoptUid: SOME_UID }))).rejects.toThrow(
      `Invalid adoptUid: there is no VXC ${SOME_UID} visible to this API key`,
    );
    const uid = await orderDirectly("Gone already");
    await globex.cancelProduct(uid, "CANCEL_NOW");
    await eventually(
      async () => (await globex.getVxc(uid)).provisioningStatus === "DECOMMISSIONED",
      5_000,
      "DECOMMISSIONED",
    );
    await expect(provider.create(toAuto("adopt-gone", { adoptUid: uid }))).rejects.toThrow(
      `VXC ${uid} cannot be adopted: it is DECOMMISSIONED`,
    );
  });

  it("read shows a rename and a cost centre set outside Pulumi, as outputs and as the new inputs", async () => {
    const inputs = toAuto("read-drift");
    const { id, outs } = await provider.create(inputs);
    await globex.updateVxc(id, { name: "Renamed in the portal", costCentre: "FIN-9" });

    const read = await provider.read(id, outs as VxcConnectionOutputs);
    expect(read.id).toBe(id);
    expect(read.props).toEqual({ ...outs, name: "Renamed in the portal", costCentre: "FIN-9" });
    expect(read.inputs).toEqual({
      ...inputs,
      __holder: (outs as unknown as Record<string, unknown>).__holder,
      name: "Renamed in the portal",
      costCentre: "FIN-9",
    });
  });

  it("read says the VXC is gone when it was decommissioned or never existed", async () => {
    const { id, outs } = await provider.create(toAuto("read-gone"));
    await globex.cancelProduct(id, "CANCEL_NOW");
    await eventually(
      async () => (await globex.getVxc(id)).provisioningStatus === "DECOMMISSIONED",
      5_000,
      "DECOMMISSIONED",
    );
    expect(await provider.read(id, outs as VxcConnectionOutputs)).toEqual({});
    expect(await provider.read(SOME_UID, outs as VxcConnectionOutputs)).toEqual({});
  });

  it("update renames and changes the cost centre in place and returns the full outputs", async () => {
    const { id, outs } = await provider.create(toAuto("update", { costCentre: "NET-1" }));
    const news = { ...toAuto("update"), name: "Globex renamed", costCentre: "NET-2" };

    const updated = await provider.update(id, outs as VxcConnectionOutputs, news);
    expect(updated.outs).toEqual({ ...outs, name: "Globex renamed", costCentre: "NET-2" });
    expect(await globex.getVxc(id)).toMatchObject({
      productUid: id,
      productName: "Globex renamed",
      costCentre: "NET-2",
      provisioningStatus: "LIVE",
    });
  });

  it("delete cancels the VXC and returns once it is DECOMMISSIONED; deleting it again succeeds", async () => {
    const { id, outs } = await provider.create(toAuto("delete"));
    await provider.delete(id, outs as VxcConnectionOutputs);
    expect((await globex.getVxc(id)).provisioningStatus).toBe("DECOMMISSIONED");
    await expect(provider.delete(id, outs as VxcConnectionOutputs)).resolves.toBeUndefined();
    await expect(provider.delete(SOME_UID, outs as VxcConnectionOutputs)).resolves.toBeUndefined();
  });

  it("a denied order fails the create with Acme's reason and cancels the FAILED VXC", async () => {
    const reason = "Sydney Red is reserved for contracted customers";
    const created = provider.create(toAuto("denied", { bEnd: { productUid: ACME_SYD_RED } })).then(
      () => new Error("the create succeeded"),
      (err: Error) => err,
    );
    const pending = await eventually(
      async () => {
        for (const product of await acme.listProducts()) {
          const vxc = (product.associatedVxcs ?? []).find(
            (v) => v.productName === "Globex denied" && v.vxcApproval?.status === "PENDING_INTERNAL",
          );
          if (vxc) return vxc;
        }
        return undefined;
      },
      5_000,
      "Acme to see the request",
    );
    await acme.updateVxc(pending.productUid, { isApproved: false, reason });

    const error = await created;
    expect(error).toBeInstanceOf(RequestDeniedError);
    expect(error.message).toBe(
      `Acme Networks denied the connection request for VXC "Globex denied" (${pending.productUid}): "${reason}". ` +
        "The FAILED order was cancelled; nothing is kept or billed. Change the request, or agree it with Acme " +
        "Networks, before the next `pulumi up` orders again.",
    );
    expect(error.message).not.toMatch(/Stopped waiting|Gave up/);
    const status = (await globex.getVxc(pending.productUid)).provisioningStatus;
    expect(["CANCELLED", "DECOMMISSIONED"]).toContain(status);
  });

  it("a forced replace with equal inputs adopts the VXC, and the replaced resource's delete leaves it LIVE", async () => {
    const inputs = toAuto("forced");
    const first = await provider.create(inputs);
    // `pulumi up --replace`: the engine creates anew with the same inputs (and no sign that it is a replace) ...
    log.mockClear();
    const replacement = await provider.create(inputs);
    expect(replacement.id).toBe(first.id);
    expect(logged()).toContain(`adopting existing ${first.id}`);
    // ... then deletes the resource it replaced, whose holder is no longer the VXC's.
    await provider.delete(first.id, first.outs as VxcConnectionOutputs);
    expect(logged()).toContain("not cancelled: the resource that replaced this one holds it now");
    expect((await globex.getVxc(first.id)).provisioningStatus).toBe("LIVE");
    // The resource that holds it still deletes it.
    await provider.delete(replacement.id, replacement.outs as VxcConnectionOutputs);
    expect((await globex.getVxc(first.id)).provisioningStatus).toBe("DECOMMISSIONED");
  });

  it("an update keeps the holder, so a later delete still cancels the VXC", async () => {
    const inputs = toAuto("held-through-update");
    const { id, outs } = await provider.create(inputs);
    const updated = await provider.update(id, outs as VxcConnectionOutputs, {
      ...inputs,
      name: "Globex renamed held",
    });
    expect(updated.outs).toMatchObject({ __holder: (outs as unknown as Record<string, unknown>).__holder });
    await provider.delete(id, updated.outs as VxcConnectionOutputs);
    expect((await globex.getVxc(id)).provisioningStatus).toBe("DECOMMISSIONED");
  });

  it("an order tags the VXC with its idempotency key, its stack and its resource", async () => {
    const owner = { project: "vxc-unit", stack: "test", resource: "Team$net/tagged" };
    const { id } = await provider.create({ ...toAuto("tagged"), __owner: owner } as never);
    const tags = Object.fromEntries((await globex.getResourceTags(id)).map((t) => [t.key, t.value]));
    expect(tags).toEqual({
      "megaport-mx:idempotency-key": expect.stringMatching(/^[0-9a-f]{32}\.[0-9a-f]{16}$/),
      "megaport-mx:holder": expect.stringMatching(/^[0-9a-f-]{36}$/),
      "megaport-mx:stack": "vxc-unit/test",
      "megaport-mx:resource": "Team$net/tagged",
    });
  });

  it("an order refused with a 502 before Megaport acted is placed again: exactly one VXC", async () => {
    sim.faults.replace([
      { kind: "status", status: 502, path: "/v4/networkdesign/buy", method: "POST", count: 1 },
    ]);
    try {
      const { id } = await provider.create(toAuto("lost-before"));
      expect(logged()).toContain("Megaport holds no order with its tag: ordering again");
      expect((await aliveNamed("Globex lost-before")).map((v) => v.productUid)).toEqual([id]);
    } finally {
      sim.faults.replace([]);
    }
  });

  it.each([
    ["a dropped connection", { kind: "drop" as const }],
    ["a 502", { kind: "status" as const, status: 502 as const }],
  ])(
    "an order whose answer is lost (%s) after Megaport placed it is found by its tag: one VXC",
    async (_, fault) => {
      sim.faults.replace([
        { ...fault, after: true, path: "/v4/networkdesign/buy", method: "POST", count: 1 },
      ]);
      try {
        const name = `lost-after-${fault.kind}`;
        const { id } = await provider.create(toAuto(name));
        expect(logged()).toContain(`the answer to its order was lost`);
        expect(logged()).toContain(`found the order by its tag: ${id}`);
        expect((await aliveNamed(`Globex ${name}`)).map((v) => v.productUid)).toEqual([id]);
      } finally {
        sim.faults.replace([]);
      }
    },
  );

  it("a create retried after a rename in the Portal still finds its order by the provider's ports", async () => {
    const inputs = toAuto("renamed-lookup", {
      bEnd: { providerName: "Acme Networks", portName: "Acme Sydney Instant" },
    });
    const first = await provider.create(inputs);
    await globex.updateVxc(first.id, { name: "Renamed in the portal" });
    const again = await provider.create(inputs);
    expect(again.id).toBe(first.id);
  });

  it("adopting a VXC found again brings it in line with the program (a rename made meanwhile is undone)", async () => {
    const inputs = toAuto("in-line");
    const first = await provider.create(inputs);
    await globex.updateVxc(first.id, { name: "Renamed meanwhile" });
    const again = await provider.create(inputs);
    expect(again.id).toBe(first.id);
    expect((await globex.getVxc(first.id)).productName).toBe("Globex in-line");
    expect(again.outs?.name).toBe("Globex in-line");
  });

  it("refuses to adopt a VXC another Pulumi resource manages, naming the conflict", async () => {
    const other = await provider.create(toAuto("owned-elsewhere"));
    const error = await provider.create(toAuto("thief", { adoptUid: other.id })).catch((err: Error) => err);
    expect(String((error as Error).message)).toMatch(/already managed by another Pulumi resource/);
  });

  it("refresh keeps a CANCELLED VXC in state (it may be billed and restored), and update says what to do", async () => {
    const { id, outs } = await provider.create(toAuto("cancelled-later"));
    await globex.cancelProduct(id, "CANCEL");
    const read = await provider.read(id, outs as VxcConnectionOutputs);
    expect(read.id).toBe(id);
    expect(read.props?.provisioningStatus).toBe("CANCELLED");
    const error = await provider
      .update(id, outs as VxcConnectionOutputs, { ...toAuto("cancelled-later"), name: "Globex renamed" })
      .catch((err: Error) => err);
    expect(String((error as Error).message)).toMatch(
      /is CANCELLED.*UN_CANCEL.*next `pulumi up` then orders a new one/s,
    );
  });

  it("a different rate limit while a speed change waits fails on rateLimit and says how to go on", async () => {
    const inputs = toAuto("speed-wait", { bEnd: { productUid: ACME_SYD_RED, vlan: 371 } });
    const created = provider.create(inputs);
    const uid = await eventually(
      async () =>
        (await aliveNamed("Globex speed-wait"))[0]?.vxcApproval?.status
          ? (await aliveNamed("Globex speed-wait"))[0].productUid
          : undefined,
      5_000,
      "the request",
    );
    await acme.updateVxc(uid, { isApproved: true });
    const { outs } = await created;
    await globex.updateVxc(uid, { rateLimit: 500 }); // a speed change now waits for Acme
    const error = await provider
      .update(uid, outs as VxcConnectionOutputs, { ...inputs, rateLimit: 300 })
      .catch((err: Error) => err);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldPath).toBe("rateLimit");
    expect((error as Error).message).toMatch(
      /speed change to 500 Mbps still waiting for Acme Networks.*set rateLimit to 500/s,
    );
  });

  it("after a denied speed increase, refresh clears pendingRateLimit and the stack counts the VXC as done", async () => {
    const inputs = toAuto("speed-denied", { bEnd: { productUid: ACME_SYD_RED, vlan: 372 } });
    const created = provider.create(inputs);
    const uid = await eventually(
      async () => (await aliveNamed("Globex speed-denied"))[0]?.productUid,
      5_000,
      "the order",
    );
    await eventually(
      async () => (await globex.getVxc(uid)).vxcApproval?.status === "PENDING_EXTERNAL",
      5_000,
      "the request",
    );
    await acme.updateVxc(uid, { isApproved: true });
    const { outs } = await created;
    const faster = { ...inputs, rateLimit: 1500 };
    const updating = provider.update(uid, outs as VxcConnectionOutputs, faster).catch((err: Error) => err);
    await eventually(
      async () => (await globex.getVxc(uid)).vxcApproval?.newSpeed === 1500,
      5_000,
      "the speed change",
    );
    await acme.updateVxc(uid, { isApproved: false });
    expect(await updating).toBeInstanceOf(RequestDeniedError);

    const read = await provider.read(uid, outs as VxcConnectionOutputs);
    expect(read.props).toMatchObject({ rateLimit: 100, approvalStatus: "REJECTED", pendingRateLimit: null });
    // The answered request is no unfinished order: the program at the old rate has nothing to do.
    const diff = await provider.diff(uid, read.props as VxcConnectionOutputs, inputs);
    expect(diff.changes).toBe(false);
  });

  it("an accepted speed change re-quotes the VXC with the price book: quotedMonthlyRate is its price at the new rate", async () => {
    const inputs = toAuto("requoted", { rateLimit: 500 });
    const { id, outs } = await provider.create(inputs);
    const priceAt = async (speed: number, term = 1) =>
      (
        await globex.priceVxc({
          aLocationId: SEED.ports.globexSydRed.locationId,
          bLocationId: SEED.ports.acmeSydAuto.locationId,
          speed,
          term: term as 1,
        })
      ).monthlyRate;
    expect(outs!.quotedMonthlyRate).toBe(await priceAt(500));

    const faster = await provider.update(id, outs as VxcConnectionOutputs, { ...inputs, rateLimit: 800 });
    expect(faster.outs).toMatchObject({ rateLimit: 800, quotedCurrency: "AUD" });
    expect(faster.outs!.quotedMonthlyRate).toBe(await priceAt(800));
    expect(faster.outs!.quotedMonthlyRate).not.toBe(outs!.quotedMonthlyRate);

    const longer = await provider.update(id, faster.outs as VxcConnectionOutputs, {
      ...inputs,
      rateLimit: 800,
      term: 12,
    });
    expect(longer.outs!.quotedMonthlyRate).toBe(await priceAt(800, 12));

    // A rename alone asks for no price.
    const priced = () => sim.requests.snapshot().byRoute["POST /v4/pricebook/product"]?.total ?? 0;
    const before = priced();
    const renamed = await provider.update(id, longer.outs as VxcConnectionOutputs, {
      ...inputs,
      rateLimit: 800,
      term: 12,
      name: "Globex requoted again",
    });
    expect(renamed.outs!.quotedMonthlyRate).toBe(longer.outs!.quotedMonthlyRate);
    expect(priced()).toBe(before);
  });
});
