// Locking services through the client (POST / DELETE /v2/product/{uid}/lock): the answer is the service with
// `locked` set; a locked service refuses changes and cancellation until it is unlocked, and a locked VXC keeps
// its port from being cancelled (docs/megaport-api.md §5.2, §7.2; Megaport's locking docs, simulator/README.md).
import { ApiError, ForbiddenError, isVxc, type MegaportClient } from "../../provider/client";
import { ContractWorld, SEED, thrownBy } from "./contract-world";

const P = SEED.ports;

let world: ContractWorld;
let acme: MegaportClient;
let globex: MegaportClient;

beforeAll(async () => {
  world = await ContractWorld.start();
  acme = world.client("acmeAdmin");
  globex = world.client("globexAdmin");
});
afterAll(() => world.close());

async function refusal(act: () => Promise<unknown>): Promise<ApiError> {
  const err = await thrownBy(act);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("a locked port", () => {
  afterAll(() => acme.unlockProduct(P.acmeMelRed.uid));

  it("lockProduct answers the port with locked true, and reads back so; locking again is harmless", async () => {
    expect(await acme.getProduct(P.acmeMelRed.uid)).toMatchObject({ locked: false });
    const locked = await acme.lockProduct(P.acmeMelRed.uid);
    expect(isVxc(locked)).toBe(false);
    expect(locked).toMatchObject({ productUid: P.acmeMelRed.uid, locked: true });
    expect(await acme.getProduct(P.acmeMelRed.uid)).toMatchObject({ locked: true });
    expect(await acme.lockProduct(P.acmeMelRed.uid)).toMatchObject({ locked: true });
  });

  it("refuses a change and a cancellation while locked, naming the lock", async () => {
    const change = await refusal(() => acme.updatePort(P.acmeMelRed.uid, { name: "renamed" }));
    expect(change.status).toBe(400);
    expect(change.megaportMessage).toMatch(/^Service 5e3a5486-.* is locked: a Company Admin must unlock it/);
    const cancel = await refusal(() => acme.cancelProduct(P.acmeMelRed.uid, "CANCEL_NOW"));
    expect(cancel.megaportMessage).toMatch(/is locked/);
    expect(await acme.getProduct(P.acmeMelRed.uid)).toMatchObject({
      productName: "Acme Melbourne Red",
      provisioningStatus: "LIVE",
    });
  });

  it("still takes new VXCs, which are not locked themselves", async () => {
    const uid = await world.order("globexAdmin", { from: P.globexMelRed.uid, to: P.acmeMelRed.uid });
    expect(await globex.getVxc(uid)).toMatchObject({ locked: false });
    await globex.cancelProduct(uid, "CANCEL_NOW");
  });

  it("unlockProduct answers locked false and changes work again", async () => {
    expect(await acme.unlockProduct(P.acmeMelRed.uid)).toMatchObject({ locked: false });
    expect(await acme.unlockProduct(P.acmeMelRed.uid)).toMatchObject({ locked: false });
    await acme.updatePort(P.acmeMelRed.uid, { costCentre: "after unlock" });
    expect(await acme.getProduct(P.acmeMelRed.uid)).toMatchObject({ costCentre: "after unlock" });
  });
});

describe("a locked VXC", () => {
  let uid: string;

  beforeAll(async () => {
    uid = (await world.liveGlobexToAcme({ to: P.acmeSydBlue.uid, name: "locked vxc" })).productUid as string;
  });

  it("is locked by the company that ordered it and answers as a VXC", async () => {
    const locked = await globex.lockProduct(uid);
    expect(isVxc(locked)).toBe(true);
    expect(locked).toMatchObject({ productUid: uid, locked: true });
    // The provider sees it locked too, and may not unlock it.
    expect(await acme.getProduct(uid)).toMatchObject({ locked: true });
    expect(await thrownBy(() => acme.unlockProduct(uid))).toBeInstanceOf(ForbiddenError);
  });

  it("refuses rate, name and tag changes and cancellation", async () => {
    for (const act of [
      () => globex.updateVxc(uid, { rateLimit: 50 }),
      () => globex.updateVxc(uid, { name: "new name" }),
      () => globex.setResourceTags(uid, { team: "x" }),
      () => globex.cancelProduct(uid, "CANCEL_NOW"),
      () => acme.updateVxc(uid, { bEndVlan: 3333 }),
    ]) {
      expect((await refusal(act)).megaportMessage).toMatch(/is locked/);
    }
    expect(await globex.getVxc(uid)).toMatchObject({ provisioningStatus: "LIVE", productName: "locked vxc" });
  });

  it("keeps its B-end port from being cancelled, naming it", async () => {
    const err = await refusal(() => acme.cancelProduct(P.acmeSydBlue.uid, "CANCEL_NOW"));
    expect(err.megaportMessage).toMatch(
      /cannot be cancelled: it has locked services attached: VXC "locked vxc"/,
    );
    expect(await acme.getProduct(P.acmeSydBlue.uid)).toMatchObject({ provisioningStatus: "LIVE" });
  });

  it("can be cancelled once unlocked", async () => {
    await globex.unlockProduct(uid);
    await globex.cancelProduct(uid, "CANCEL_NOW");
    expect((await globex.getVxc(uid)).provisioningStatus).toBe("CANCELLED");
  });
});

describe("who may lock what", () => {
  it("a VXC that has never been LIVE cannot be locked", async () => {
    const pending = await world.order("globexAdmin", { from: P.globexSydRed.uid, to: P.acmeSydRed.uid });
    const err = await refusal(() => globex.lockProduct(pending));
    expect(err.megaportMessage).toBe(`Service ${pending} can only be locked once it is LIVE`);
    await globex.cancelProduct(pending, "CANCEL_NOW");
  });

  it("a Read Only key may not lock", async () => {
    expect(await thrownBy(() => world.client("acmeReadOnly").lockProduct(P.acmeSydRed.uid))).toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("another company's port is not found", async () => {
    const err = await refusal(() => globex.lockProduct(P.acmeSydRed.uid));
    expect(err.megaportMessage).toBe(`Could not find a service with UID ${P.acmeSydRed.uid}`);
  });
});
