// The client's read side against the simulator: locations, the Marketplace's partner ports (and how a port's
// marketplaceVisibility and its company's profile visibility move it in and out of that list), products, and how an unknown UID fails: the real
// API's 400 "Could not find a service with UID <uid>", which the client types as NotFoundError.
import { randomUUID } from "node:crypto";
import {
  ApiError,
  isNotFound,
  isVxc,
  NotFoundError,
  ValidationError,
  type MegaportClient,
} from "../../provider/client";
import { ContractWorld, SEED, thrownBy, vxcOrder } from "./contract-world";

const P = SEED.ports;
const ACME_PORTS = [P.acmeSydRed, P.acmeSydBlue, P.acmeMelRed, P.acmeSydAuto];
const GLOBEX_PORTS = [P.globexSydRed, P.globexSydBlue, P.globexMelRed];

let world: ContractWorld;
let globex: MegaportClient;
let acme: MegaportClient;

beforeAll(async () => {
  world = await ContractWorld.start();
  globex = world.client("globexAdmin");
  acme = world.client("acmeAdmin");
});
afterAll(() => world.close());

describe("locations", () => {
  it("lists the seeded data centres with their coordinates", async () => {
    const locations = await globex.listLocations();
    expect(locations.map((l) => l.id).sort((a, b) => a - b)).toEqual([3, 4, 50]);
    const sy1 = locations.find((l) => l.id === SEED.locations.equinixSy1);
    expect(sy1).toMatchObject({ name: "Equinix SY1", metro: "Sydney", market: "AU", status: "Active" });
    for (const location of locations) {
      expect(typeof location.latitude).toBe("number");
      expect(typeof location.longitude).toBe("number");
      expect(location.latitude).toBeLessThan(0); // all seeded sites are in Australia
      expect(location.longitude).toBeGreaterThan(100);
    }
  });

  it("filters by locationStatuses as a repeated query parameter", async () => {
    expect(await globex.listLocations({ locationStatuses: ["Active"] })).toHaveLength(3);
    expect(await globex.listLocations({ locationStatuses: ["Expired"] })).toEqual([]);
  });
});

describe("network regions", () => {
  it("lists the seeded country under region MP1 with its market code and site count", async () => {
    expect(await globex.listNetworkRegions()).toEqual([
      {
        networkRegion: "MP1",
        countries: [{ code: "AUS", name: "Australia", prefix: "AU", siteCount: 3 }],
      },
    ]);
  });

  it("listMarketCodes gives the market code every location carries", async () => {
    const codes = await globex.listMarketCodes();
    expect(codes).toEqual(["AU"]);
    for (const location of await globex.listLocations()) expect(codes).toContain(location.market);
  });
});

describe("public endpoints (Megaport's CLI calls them without logging in)", () => {
  it.each(["/v3/locations", "/v2/networkRegions"])("GET %s answers without a token", async (path) => {
    const res = await world.raw("globexAdmin", path, { token: false });
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.headers.get("trace-id")).toMatch(/\S/);
  });

  it("a stale token is not looked at there, but is refused elsewhere", async () => {
    expect((await world.raw("globexAdmin", "/v3/locations", { token: "expired-token" })).status).toBe(200);
    expect((await world.raw("globexAdmin", "/v2/products", { token: "expired-token" })).status).toBe(401);
  });
});

describe("partner ports", () => {
  it("lists Acme's marketplace-visible ports and none of Globex's private ones", async () => {
    const ports = await globex.listPartnerPorts();
    const uids = ports.map((p) => p.productUid);
    for (const port of ACME_PORTS) expect(uids).toContain(port.uid);
    for (const port of GLOBEX_PORTS) expect(uids).not.toContain(port.uid);
    expect(ports.find((p) => p.productUid === P.acmeSydBlue.uid)).toMatchObject({
      companyUid: SEED.companies.acme.uid,
      companyName: "Acme Networks",
      title: "Acme Sydney Blue",
      locationId: 3,
      diversityZone: "blue",
      vxcPermitted: true,
      connectType: "DEFAULT",
      speed: 10000,
      maxVxcSpeed: 10000,
    });
  });

  const finds: {
    name: string;
    criteria: Parameters<MegaportClient["findPartnerPorts"]>[0];
    uids: string[];
  }[] = [
    {
      name: "a company name (any case) finds all of its ports",
      criteria: { companyName: "acme networks" },
      uids: ACME_PORTS.map((p) => p.uid),
    },
    {
      name: "company, location and diversity zone together find the one port",
      criteria: { companyName: "Acme Networks", locationId: 3, diversityZone: "blue" },
      uids: [P.acmeSydBlue.uid],
    },
    {
      name: "a port name matches exactly by default",
      criteria: { productName: "Acme Sydney Instant" },
      uids: [P.acmeSydAuto.uid],
    },
    {
      name: '"contains" matches part of the port name',
      criteria: { companyName: "Acme Networks", productName: "sydney", match: "contains" },
      uids: [P.acmeSydRed.uid, P.acmeSydBlue.uid, P.acmeSydAuto.uid],
    },
    {
      name: "a company whose ports are all private finds nothing",
      criteria: { companyName: "Globex Corporation" },
      uids: [],
    },
    {
      name: "a company whose profile is PRIVATE finds nothing, though its port is marketplace-visible",
      criteria: { companyName: "Initech" },
      uids: [],
    },
  ];

  it.each(finds)("findPartnerPorts: $name", async ({ criteria, uids }) => {
    const found = await globex.findPartnerPorts(criteria);
    expect(found.map((p) => p.productUid).sort()).toEqual([...uids].sort());
  });

  it("a port set to marketplaceVisibility false leaves the partner list, and returns when set back", async () => {
    const hidden = await acme.updatePort(P.acmeMelRed.uid, {
      marketplaceVisibility: false,
      costCentre: "CC-MEL",
    });
    expect(hidden).toMatchObject({ marketplaceVisibility: false, technicalServiceUid: P.acmeMelRed.uid });
    expect(await acme.getProduct(P.acmeMelRed.uid)).toMatchObject({
      marketplaceVisibility: false,
      costCentre: "CC-MEL",
    });
    expect((await globex.listPartnerPorts()).map((p) => p.productUid)).not.toContain(P.acmeMelRed.uid);

    const shown = await acme.updatePort(P.acmeMelRed.uid, { marketplaceVisibility: true });
    expect(shown.marketplaceVisibility).toBe(true);
    expect((await globex.listPartnerPorts()).map((p) => p.productUid)).toContain(P.acmeMelRed.uid);
  });
});

describe("a company with a PRIVATE Marketplace profile (docs/megaport-api.md §8)", () => {
  it("its ports are not listed as partner ports, but can still be ordered to by UID", async () => {
    expect((await globex.listPartnerPorts()).map((p) => p.productUid)).not.toContain(P.initechSyd.uid);
    const [uid] = await globex.buyVxc(
      vxcOrder({ from: P.globexSydRed.uid, to: P.initechSyd.uid, name: "to a private profile" }),
    );
    expect((await globex.getVxc(uid)).bEnd?.productUid).toBe(P.initechSyd.uid);
    await globex.cancelProduct(uid, "CANCEL_NOW");
  });

  it("publishing the profile lists its marketplace-visible port; PRIVATE again hides it", async () => {
    const initech = world.client("initechAdmin");
    await initech.setMarketplaceProfile({ profileVisibility: "PUBLIC" });
    expect(await globex.findPartnerPorts({ companyName: "Initech" })).toEqual([
      expect.objectContaining({ productUid: P.initechSyd.uid, companyUid: SEED.companies.initech.uid }),
    ]);
    await initech.setMarketplaceProfile({ profileVisibility: "PRIVATE" });
    expect(await globex.findPartnerPorts({ companyName: "Initech" })).toEqual([]);
  });
});

describe("products", () => {
  let vxcUid: string;

  beforeAll(async () => {
    vxcUid = await world.order("globexAdmin", {
      from: P.globexSydBlue.uid,
      to: P.acmeSydAuto.uid,
      name: "catalogue vxc",
      rateLimit: 200,
    });
  });

  it("listProducts returns the company's own ports with the VXCs on them", async () => {
    const products = await globex.listProducts();
    expect(products.map((p) => p.productUid).sort()).toEqual(GLOBEX_PORTS.map((p) => p.uid).sort());
    const blue = products.find((p) => p.productUid === P.globexSydBlue.uid);
    expect(blue).toMatchObject({
      productType: "MEGAPORT",
      productName: "Globex Sydney Blue",
      companyUid: SEED.companies.globex.uid,
      marketplaceVisibility: false,
      locationId: 4,
    });
    expect(blue?.associatedVxcs?.map((v) => v.productUid)).toEqual([vxcUid]);
  });

  it("the provider sees an incoming VXC under its own port", async () => {
    const auto = (await acme.listProducts()).find((p) => p.productUid === P.acmeSydAuto.uid);
    const incoming = auto?.associatedVxcs?.find((v) => v.productUid === vxcUid);
    expect(incoming?.aEnd?.ownerUid).toBe(SEED.companies.globex.uid);
    expect(incoming?.bEnd?.ownerUid).toBe(SEED.companies.acme.uid);
  });

  it("getProduct returns a port for a port UID and a VXC for a VXC UID", async () => {
    const port = await acme.getProduct(P.acmeSydRed.uid);
    expect(isVxc(port)).toBe(false);
    expect(port).toMatchObject({ productUid: P.acmeSydRed.uid, portSpeed: 10000, vxcAutoApproval: false });

    const vxc = await globex.getProduct(vxcUid);
    expect(isVxc(vxc)).toBe(true);
    expect(vxc).toMatchObject({ productName: "catalogue vxc", rateLimit: 200 });
  });

  it("getVxc reads both ends of a VXC", async () => {
    const vxc = await globex.getVxc(vxcUid);
    expect(vxc.aEnd).toMatchObject({ productUid: P.globexSydBlue.uid, ownerUid: SEED.companies.globex.uid });
    expect(vxc.bEnd).toMatchObject({ productUid: P.acmeSydAuto.uid, ownerUid: SEED.companies.acme.uid });
    // The auto-approving port needs no approval: nothing is pending.
    expect(vxc.vxcApproval?.status ?? null).toBeNull();
  });

  it("getVxc on a port UID is a ValidationError naming the uid", async () => {
    const err = await thrownBy(() => acme.getVxc(P.acmeSydRed.uid));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldPath).toBe("uid");
  });
});

describe("an unknown product UID", () => {
  const unknown = randomUUID();
  const calls: { name: string; call: (c: MegaportClient) => Promise<unknown> }[] = [
    { name: "getProduct", call: (c) => c.getProduct(unknown) },
    { name: "getVxc", call: (c) => c.getVxc(unknown) },
    { name: "getResourceTags", call: (c) => c.getResourceTags(unknown) },
    { name: "updateVxc", call: (c) => c.updateVxc(unknown, { name: "x" }) },
    { name: "cancelProduct", call: (c) => c.cancelProduct(unknown, "CANCEL_NOW") },
    { name: "isPortVlanAvailable", call: (c) => c.isPortVlanAvailable(unknown, 100) },
  ];

  it.each(calls)("$name fails with NotFoundError carrying the real API's 400 text", async ({ call }) => {
    const err = await thrownBy(() => call(globex));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(isNotFound(err)).toBe(true);
    const api = err as ApiError;
    expect(api.status).toBe(400);
    expect(api.megaportMessage).toBe(`Could not find a service with UID ${unknown}`);
    expect(api.traceId).toMatch(/\S/);
  });
});
