// Service keys through the client against the simulator: create, list (by product UID or numeric id, and by
// the caller's own company; another company's is a 403), get and update, and what ordering with a key does: a
// single-use key fixes the provider's VLAN, skips approval when pre-approved, and is consumed; a deactivated key
// is refused; a key reaches a port that is not listed.
import { ApiError, ForbiddenError, type MegaportClient, type ServiceKey } from "../../provider/client";
import { ContractWorld, SEED, thrownBy } from "./contract-world";

const P = SEED.ports;
const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let world: ContractWorld;
let acme: MegaportClient;
let globex: MegaportClient;
let singleUse: ServiceKey;

beforeAll(async () => {
  world = await ContractWorld.start();
  acme = world.client("acmeAdmin");
  globex = world.client("globexAdmin");
  singleUse = await acme.createServiceKey({
    productUid: P.acmeSydRed.uid,
    singleUse: true,
    vlan: 300,
    maxSpeed: 500,
    preApproved: true,
    description: "Globex onboarding, single use",
    validFor: { start: Date.now() - DAY, end: Date.now() + 30 * DAY },
  });
});
afterAll(() => world.close());

const orderWithKey = (key: string, rateLimit = 100) =>
  world.order("globexAdmin", { from: P.globexSydRed.uid, serviceKey: key, rateLimit });

it("createServiceKey returns the key with its port, limits and validity", () => {
  expect(singleUse.key).toMatch(UUID);
  expect(singleUse).toMatchObject({
    productUid: P.acmeSydRed.uid,
    productId: P.acmeSydRed.productId,
    companyUid: SEED.companies.acme.uid,
    companyId: SEED.companies.acme.companyId,
    description: "Globex onboarding, single use",
    vlan: 300,
    maxSpeed: 500,
    preApproved: true,
    singleUse: true,
    active: true,
    valid: true,
    expired: false,
    lastUsed: null,
  });
  // Served as `vxcpermitted`, as the real productDto spells it; the client folds it into vxcPermitted.
  expect(singleUse.productDto).toMatchObject({ productUid: P.acmeSydRed.uid, vxcPermitted: true });
  expect(typeof singleUse.validFor?.start).toBe("number");
});

it("listServiceKeys finds the key by the port's UID and by its numeric id, and not under another port", async () => {
  const byUid = await acme.listServiceKeys({ productIdOrUid: P.acmeSydRed.uid });
  expect(byUid.map((k) => k.key)).toContain(singleUse.key);
  const byId = await acme.listServiceKeys({ productIdOrUid: P.acmeSydRed.productId });
  expect(byId.map((k) => k.key)).toContain(singleUse.key);
  const other = await acme.listServiceKeys({ productIdOrUid: P.acmeSydBlue.uid });
  expect(other.map((k) => k.key)).not.toContain(singleUse.key);
});

it("listServiceKeys({ companyIdOrUid }) lists the company's own keys, by UID or numeric id", async () => {
  const blue = await acme.createServiceKey({
    productUid: P.acmeSydBlue.uid,
    description: "blue, for listing",
  });
  for (const companyIdOrUid of [SEED.companies.acme.uid, SEED.companies.acme.companyId]) {
    const keys = (await acme.listServiceKeys({ companyIdOrUid })).map((k) => k.key);
    expect(keys).toEqual(expect.arrayContaining([singleUse.key, blue.key]));
  }
  // With a product too, only that product's keys.
  const red = await acme.listServiceKeys({
    companyIdOrUid: SEED.companies.acme.uid,
    productIdOrUid: P.acmeSydRed.uid,
  });
  expect(red.map((k) => k.key)).toContain(singleUse.key);
  expect(red.map((k) => k.key)).not.toContain(blue.key);
  // Globex has made none.
  expect(await globex.listServiceKeys({ companyIdOrUid: SEED.companies.globex.uid })).toEqual([]);
});

it("listServiceKeys({ companyIdOrUid }) of another company is a 403 ForbiddenError", async () => {
  for (const companyIdOrUid of [SEED.companies.acme.uid, SEED.companies.acme.companyId]) {
    const err = await thrownBy(() => globex.listServiceKeys({ companyIdOrUid }));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).status).toBe(403);
    expect((err as ForbiddenError).megaportMessage).toBe(
      `Permission denied: you can only list the service keys of your own company, not ${companyIdOrUid}`,
    );
  }
});

it("getServiceKey reads one key, and updateServiceKey changes it", async () => {
  const multi = await acme.createServiceKey({ productUid: P.acmeSydBlue.uid, maxSpeed: 1000 });
  expect(await acme.getServiceKey(multi.key)).toMatchObject({
    key: multi.key,
    singleUse: false,
    vlan: null,
    maxSpeed: 1000,
  });
  const updated = await acme.updateServiceKey({
    key: multi.key,
    productUid: P.acmeSydBlue.uid,
    description: "renamed",
    maxSpeed: 400,
  });
  expect(updated).toMatchObject({ key: multi.key, description: "renamed", maxSpeed: 400 });
  expect(await acme.getServiceKey(multi.key)).toMatchObject({ description: "renamed", maxSpeed: 400 });
});

it("a pre-approved single-use key connects on its VLAN without approval, and is then consumed", async () => {
  const uid = await orderWithKey(singleUse.key);
  const vxc = await globex.getVxc(uid);
  expect(vxc.bEnd).toMatchObject({ productUid: P.acmeSydRed.uid, vlan: 300 });
  expect(vxc.vxcApproval?.status ?? null).toBeNull();

  const used = await acme.getServiceKey(singleUse.key);
  expect(typeof used.lastUsed).toBe("number");
  expect(used.valid).toBe(false);

  const err = await thrownBy(() => orderWithKey(singleUse.key));
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(400);
  expect((err as ApiError).megaportMessage).toBe(`Service key ${singleUse.key} has already been used`);
});

it("a deactivated key is refused", async () => {
  const key = await acme.createServiceKey({ productUid: P.acmeSydBlue.uid });
  const off = await acme.updateServiceKey({ key: key.key, productUid: P.acmeSydBlue.uid, active: false });
  expect(off).toMatchObject({ active: false, valid: false });
  const err = await thrownBy(() => orderWithKey(key.key));
  expect((err as ApiError).megaportMessage).toBe(`Service key ${key.key} is not active`);
});

it("a key reaches a port that is not on the Marketplace, and without preApproved the owner must accept", async () => {
  const key = await globex.createServiceKey({ productUid: P.globexSydBlue.uid });
  const uid = await world.order("initechAdmin", { from: P.initechSyd.uid, serviceKey: key.key });
  const vxc = await globex.getVxc(uid);
  expect(vxc.bEnd?.productUid).toBe(P.globexSydBlue.uid);
  expect(vxc.vxcApproval).toMatchObject({ status: "PENDING_INTERNAL", type: "NEW" });
});

describe("as megaportgo sends it", () => {
  it("answers the escaped one-key lookup GET /v2/service/key%3Fkey=<key> like ?key=", async () => {
    const key = await acme.createServiceKey({ productUid: P.acmeSydBlue.uid, description: "escaped lookup" });
    const escaped = await world.raw("acmeAdmin", `/v2/service/key%3Fkey=${key.key}`);
    expect(escaped.status).toBe(200);
    expect(escaped.body.message).toBe(`Found service key [${key.key}]`);
    const plain = await world.raw("acmeAdmin", `/v2/service/key?key=${key.key}`);
    expect(escaped.body.data).toEqual(plain.body.data);
    // Another company's key is not theirs to read either way, and other paths below /v2/service/ are unknown.
    expect((await world.raw("globexAdmin", `/v2/service/key%3Fkey=${key.key}`)).status).toBe(400);
    expect((await world.raw("acmeAdmin", "/v2/service/keys")).status).toBe(404);
  });

  it("takes maxSpeed 0 (megaportgo's unset) as no limit of the key's own", async () => {
    const created = await world.raw("acmeAdmin", "/v2/service/key", {
      method: "POST",
      body: { productUid: P.acmeSydAuto.uid, singleUse: false, maxSpeed: 0, active: true },
    });
    expect(created.status).toBe(200);
    expect(created.body.data.maxSpeed).toBeNull();
    // A VXC may use the port's whole maximum VXC speed.
    const uid = await world.order("globexAdmin", {
      from: P.globexSydBlue.uid,
      serviceKey: created.body.data.key,
      rateLimit: P.acmeSydAuto.maxVxcSpeed,
    });
    expect((await globex.getVxc(uid)).rateLimit).toBe(P.acmeSydAuto.maxVxcSpeed);
    const updated = await world.raw("acmeAdmin", "/v2/service/key", {
      method: "PUT",
      body: { key: created.body.data.key, maxSpeed: 0, singleUse: false, active: true },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data.maxSpeed).toBeNull();
  });
});
