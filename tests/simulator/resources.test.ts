import { LocationListSchema } from "../../provider/client/schemas/locations";
import {
  MarketplaceProfileListSchema,
  MarketplaceProfileSchema,
} from "../../provider/client/schemas/marketplace-profile";
import { NotificationPreferencesSchema } from "../../provider/client/schemas/notification-preferences";
import { PartnerPortListSchema } from "../../provider/client/schemas/partner-ports";
import {
  AnyProductSchema,
  PortUpdateResultSchema,
  ProductListSchema,
} from "../../provider/client/schemas/products";
import { ResourceTagsDataSchema } from "../../provider/client/schemas/resource-tags";
import { ServiceKeySchema } from "../../provider/client/schemas/service-keys";
import { UserListSchema, UserSchema } from "../../provider/client/schemas/users";
import { BuyResultSchema, ValidateResultSchema } from "../../provider/client/schemas/vxc-order";
import type { Simulator } from "../../simulator/server";
import {
  ApiAs,
  getVxc,
  orderVxc,
  orderVxcUid,
  SEED,
  waitForStatus,
  type Json,
} from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

const P = SEED.ports;
const U = SEED.users;

describe("the rest of the API, parsed with the client's own schemas", () => {
  let sim: Simulator;
  let acme: ApiAs;
  let globex: ApiAs;

  beforeAll(async () => {
    sim = await startTestSimulator();
    acme = new ApiAs(sim, "acmeAdmin");
    globex = new ApiAs(sim, "globexAdmin");
  });
  afterAll(() => sim.close());

  it("lists locations with coordinates, metro and diversity zones", async () => {
    const res = await globex.get("/v3/locations");
    expect(res.body.message).toBe("List public locations");
    const locations = LocationListSchema.parse(res.body.data);
    expect(locations.map((l) => l.id)).toEqual([3, 4, 50]);
    expect(locations[0]).toMatchObject({
      metro: "Sydney",
      latitude: expect.any(Number),
      longitude: expect.any(Number),
    });
    expect(locations[0].diversityZones?.red?.megaportSpeedMbps).toContain(10000);
  });

  it("lists the marketplace-visible ports of companies with a PUBLIC profile as partner ports", async () => {
    const res = await globex.get("/v2/dropdowns/partner/megaports");
    const ports = PartnerPortListSchema.parse(res.body.data);
    const uids = ports.map((p) => p.productUid).sort();
    // Initech's port is marketplace-visible, but Initech's profile is PRIVATE.
    expect(uids).toEqual([P.acmeSydRed.uid, P.acmeSydBlue.uid, P.acmeMelRed.uid, P.acmeSydAuto.uid].sort());
    expect(ports.find((p) => p.productUid === P.acmeSydRed.uid)).toMatchObject({
      companyName: "Acme Networks",
      title: "Acme Sydney Red",
      diversityZone: "red",
      connectType: "DEFAULT",
      vxcPermitted: true,
      locationId: 3,
    });
  });

  it("a PRIVATE profile keeps the company's ports out of the partner list, not out of reach", async () => {
    const initech = new ApiAs(sim, "initechAdmin");
    const listed = async () =>
      (await globex.get("/v2/dropdowns/partner/megaports")).body.data.map((p: Json) => p.productUid);
    expect(await listed()).not.toContain(P.initechSyd.uid);
    // Its own company does not see it listed either: the list is the same for every caller.
    expect(
      (await initech.get("/v2/dropdowns/partner/megaports")).body.data.map((p: Json) => p.productUid),
    ).not.toContain(P.initechSyd.uid);
    // Still orderable by UID: the request waits for Initech like any other.
    const uid = await orderVxcUid(globex, { from: P.globexSydBlue.uid, to: P.initechSyd.uid });
    expect((await getVxc(globex, uid)).vxcApproval).toMatchObject({
      status: "PENDING_EXTERNAL",
      message: "Initech",
    });
    await globex.post(`/v3/product/${uid}/action/CANCEL_NOW`);
    // Publishing the profile lists the port; making it PRIVATE again hides it.
    await initech.put("/v2/marketplace/profile", { profileVisibility: "PUBLIC" });
    expect(await listed()).toContain(P.initechSyd.uid);
    await initech.put("/v2/marketplace/profile", { profileVisibility: "PRIVATE" });
    expect(await listed()).not.toContain(P.initechSyd.uid);
  });

  it("serves products, VXCs, orders and validations the client parses", async () => {
    const validate = await globex.post("/v3/networkdesign/validate", [
      {
        productUid: P.globexSydRed.uid,
        associatedVxcs: [
          { productName: "q", rateLimit: 10, term: 1, aEnd: {}, bEnd: { productUid: P.acmeSydRed.uid } },
        ],
      },
    ]);
    ValidateResultSchema.parse(validate.body.data);
    const buy = await orderVxc(globex, { from: P.globexSydRed.uid, to: P.acmeSydRed.uid });
    const [item] = BuyResultSchema.parse(buy.body.data);
    const products = ProductListSchema.parse((await globex.get("/v2/products")).body.data);
    const vxc = products
      .flatMap((p) => p.associatedVxcs ?? [])
      .find((v) => v.productUid === item.vxcJTechnicalServiceUid);
    expect(vxc?.vxcApproval?.status).toBe("PENDING_EXTERNAL");
    const one = AnyProductSchema.parse(
      (await globex.get(`/v2/product/${item.vxcJTechnicalServiceUid}`)).body.data,
    );
    expect(one.productType).toBe("VXC");
    const port = AnyProductSchema.parse((await globex.get(`/v2/product/${P.globexSydRed.uid}`)).body.data);
    expect(port).toMatchObject({
      productType: "MEGAPORT",
      maxVxcSpeed: 10000,
      locationDetail: { metro: "Sydney" },
    });
    // A decommissioned VXC's vll is [] (the real API's quirk) and still parses.
    await globex.post(`/v3/product/${item.vxcJTechnicalServiceUid}/action/CANCEL_NOW`);
    const gone = await waitForStatus(globex, item.vxcJTechnicalServiceUid, "DECOMMISSIONED");
    expect(gone.resources.vll).toEqual([]);
    expect(AnyProductSchema.parse(gone)).toMatchObject({ provisioningStatus: "DECOMMISSIONED" });
  });

  it("restores a CANCELLED VXC with UN_CANCEL, and cancels at the end of term with CANCEL", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexSydBlue.uid, to: P.acmeSydAuto.uid, term: 12 });
    const live = await waitForStatus(globex, uid, "LIVE");
    expect(live.contractEndDate).toBeGreaterThan(live.contractStartDate);
    const cancel = await globex.post(`/v3/product/${uid}/action/CANCEL`);
    expect(cancel.body.message).toBe(`Action [CANCEL Service ${uid}] has been done.`);
    const cancelled = await getVxc(globex, uid);
    expect(cancelled).toMatchObject({ provisioningStatus: "CANCELLED", terminateDate: live.contractEndDate });
    const restore = await globex.post(`/v3/product/${uid}/action/UN_CANCEL`);
    expect(restore.body.message).toBe(`Action [UN_CANCEL Service ${uid}] has been done.`);
    expect((await getVxc(globex, uid)).provisioningStatus).toBe("LIVE");
    expect((await globex.post(`/v3/product/${uid}/action/UN_CANCEL`)).status).toBe(400);
    // Only the ordering company cancels.
    expect((await acme.post(`/v3/product/${uid}/action/CANCEL_NOW`)).status).toBe(403);
  });

  it("?safeDelete=true refuses to cancel a port with attached VXCs, incoming ones too", async () => {
    // Acme's port has Globex's VXC on it: Acme's safe delete is refused and names it.
    const uid = await orderVxcUid(globex, { from: P.globexSydBlue.uid, to: P.acmeSydAuto.uid, name: "held" });
    const refused = await acme.post(`/v3/product/${P.acmeSydAuto.uid}/action/CANCEL_NOW?safeDelete=true`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      message: expect.stringMatching(
        new RegExp(
          `^Service ${P.acmeSydAuto.uid} cannot be deleted safely: it still has \\d+ attached services?: `,
        ),
      ),
      terms: expect.any(String),
      data: null,
      trace_id: refused.headers.get("trace-id"),
    });
    expect(refused.body.message).toContain(`VXC "held" (${uid})`);
    expect(refused.body.message).toMatch(/Cancel them first, or cancel without safeDelete\.$/);
    // CANCEL (end of term) is refused the same way, and nothing changed.
    expect((await acme.post(`/v3/product/${P.acmeSydAuto.uid}/action/CANCEL?safeDelete=TRUE`)).status).toBe(
      400,
    );
    expect((await acme.get(`/v2/product/${P.acmeSydAuto.uid}`)).body.data.provisioningStatus).toBe("LIVE");
    expect((await getVxc(globex, uid)).provisioningStatus).not.toMatch(/^CANCELLED/);
    // A bad value is a 400; safeDelete on a VXC (nothing attached to it) cancels it.
    const bad = await acme.post(`/v3/product/${P.acmeSydAuto.uid}/action/CANCEL_NOW?safeDelete=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Invalid safeDelete "yes": it must be true or false');
    expect((await globex.post(`/v3/product/${uid}/action/CANCEL_NOW?safeDelete=true`)).status).toBe(200);
    expect((await getVxc(globex, uid)).provisioningStatus).toBe("CANCELLED");
  });

  it("takes a port's VXCs with it when the port is cancelled (CANCELLED_PARENT)", async () => {
    const initech = new ApiAs(sim, "initechAdmin");
    const uid = await orderVxcUid(initech, { from: P.initechSyd.uid, to: P.acmeSydAuto.uid });
    await waitForStatus(initech, uid, "LIVE");
    // safeDelete=false is the same as leaving it out.
    expect(
      (await initech.post(`/v3/product/${P.initechSyd.uid}/action/CANCEL_NOW?safeDelete=false`)).status,
    ).toBe(200);
    expect((await getVxc(initech, uid)).provisioningStatus).toBe("CANCELLED_PARENT");
    await waitForStatus(initech, uid, "DECOMMISSIONED");
    expect((await initech.get(`/v2/product/${P.initechSyd.uid}`)).body.data.provisioningStatus).toBe(
      "DECOMMISSIONED",
    );
    expect((await orderVxc(initech, { from: P.initechSyd.uid, to: P.acmeSydAuto.uid })).status).toBe(400);
  });

  it("keeps resource tags per product, changed only by the owner", async () => {
    const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydAuto.uid });
    const put = await globex.put(`/v2/product/${uid}/tags`, {
      resourceTags: [{ key: "mx:id", value: "stack/vxc" }],
    });
    expect(put.status).toBe(200);
    const got = ResourceTagsDataSchema.parse((await globex.get(`/v2/product/${uid}/tags`)).body.data);
    expect(got.resourceTags).toEqual([{ key: "mx:id", value: "stack/vxc" }]);
    expect((await acme.put(`/v2/product/${uid}/tags`, { resourceTags: [] })).status).toBe(403);
    const dup = await globex.put(`/v2/product/${uid}/tags`, {
      resourceTags: [
        { key: "a", value: "1" },
        { key: "a", value: "2" },
      ],
    });
    expect(dup.status).toBe(400);
  });

  it("keeps order tags given at buy time", async () => {
    const res = await globex.post("/v4/networkdesign/buy", {
      networkDesign: [
        {
          productUid: P.globexSydRed.uid,
          associatedVxcs: [
            {
              productName: "tagged",
              rateLimit: 10,
              term: 1,
              aEnd: {},
              bEnd: { productUid: P.acmeSydAuto.uid },
              resourceTags: [{ key: "k", value: "v" }],
            },
          ],
        },
      ],
      discountCodes: [],
    });
    const uid = res.body.data[0].vxcJTechnicalServiceUid;
    expect((await globex.get(`/v2/product/${uid}/tags`)).body.data.resourceTags).toEqual([
      { key: "k", value: "v" },
    ]);
  });

  it("changes a port's name and marketplace visibility, which the partner list follows", async () => {
    const res = await acme.put(`/v2/product/megaport/${P.acmeMelRed.uid}`, {
      name: "Acme Melbourne",
      marketplaceVisibility: false,
    });
    expect(res.body.message).toBe(`Product [${P.acmeMelRed.uid}] has been updated`);
    expect(PortUpdateResultSchema.parse(res.body.data)).toMatchObject({
      name: "Acme Melbourne",
      marketplaceVisibility: false,
    });
    const partners = (await globex.get("/v2/dropdowns/partner/megaports")).body.data.map(
      (p: Json) => p.productUid,
    );
    expect(partners).not.toContain(P.acmeMelRed.uid);
    // A private port takes no new orders without a key; existing ones are unaffected.
    expect((await orderVxc(globex, { from: P.globexMelRed.uid, to: P.acmeMelRed.uid })).status).toBe(400);
    expect((await globex.put(`/v2/product/megaport/${P.acmeMelRed.uid}`, { name: "mine now" })).status).toBe(
      400,
    );
    await acme.put(`/v2/product/megaport/${P.acmeMelRed.uid}`, { marketplaceVisibility: true });
  });

  it("answers VLAN availability on the caller's own ports", async () => {
    await orderVxcUid(globex, { from: P.globexSydBlue.uid, to: P.acmeSydAuto.uid, aVlan: 3000 });
    expect((await globex.get(`/v2/product/port/${P.globexSydBlue.uid}/vlan?vlan=3000`)).body.data).toEqual(
      [],
    );
    expect((await globex.get(`/v2/product/port/${P.globexSydBlue.uid}/vlan?vlan=3001`)).body.data).toEqual([
      3001,
    ]);
    expect((await acme.get(`/v2/product/port/${P.globexSydBlue.uid}/vlan?vlan=3001`)).status).toBe(400);
  });

  describe("users", () => {
    it("lists the company's five users in every role", async () => {
      const res = await acme.get("/v2/employment");
      const users = UserListSchema.parse(res.body.data);
      expect(users.map((u) => u.position).sort()).toEqual(
        ["Company Admin", "Finance", "Read Only", "Technical Admin", "Technical Contact"].sort(),
      );
      expect(users.every((u) => u.companyName === "Acme Networks Pty Ltd")).toBe(true);
    });

    it("gets and updates a user of the caller's company only", async () => {
      const id = U.acmeTechnicalContact.employeeId;
      const got = UserSchema.parse((await acme.get(`/v2/employee/${id}`)).body.data);
      expect(got.email).toBe(U.acmeTechnicalContact.email);
      const put = await acme.put(`/v2/employee/${id}`, {
        phone: "+61299990000",
        position: "Technical Admin",
      });
      expect(put.status).toBe(200);
      expect(put.body.data).toMatchObject({ phone: "+61299990000", position: "Technical Admin" });
      await acme.put(`/v2/employee/${id}`, { position: "Technical Contact" });
      expect((await globex.get(`/v2/employee/${id}`)).status).toBe(404);
      expect((await globex.put(`/v2/employee/${id}`, { firstName: "Mallory" })).status).toBe(404);
      expect((await acme.put(`/v2/employee/${id}`, { position: "Emperor" })).status).toBe(400);
    });
  });

  describe("notification preferences", () => {
    it("reads the calling key's user's preferences: six groups", async () => {
      const res = await acme.get("/v2/notificationPreferences");
      const prefs = NotificationPreferencesSchema.parse(res.body.data);
      expect(prefs.destinations.EMAIL?.map((g) => g.messageGroup)).toEqual([
        "SECURITY",
        "ORDERING",
        "FINANCIAL",
        "PEOPLE",
        "COMPANY",
        "SERVICES",
      ]);
      expect(res.body.data.employeeId).toBe(U.acmeCompanyAdmin.employeeId);
    });

    it("reads and sets another user's with ?employeeId= (Company Admin, own company only)", async () => {
      const id = U.acmeTechnicalAdmin.employeeId;
      const set = await acme.put(`/v2/notificationPreferences?employeeId=${id}`, {
        destinations: {
          EMAIL: [
            { messageGroup: "COMPANY", subscribed: true },
            { messageGroup: "SYSTEM", subscribed: true },
          ],
        },
      });
      expect(set.status).toBe(200);
      const subscribed = set.body.data.destinations.EMAIL.filter((g: Json) => g.subscribed).map(
        (g: Json) => g.messageGroup,
      );
      expect(subscribed).toEqual(["ORDERING", "COMPANY", "SERVICES"]);
      expect((await globex.get(`/v2/notificationPreferences?employeeId=${id}`)).status).toBe(404);
      const readOnly = new ApiAs(sim, "acmeReadOnly");
      expect((await readOnly.get(`/v2/notificationPreferences?employeeId=${id}`)).status).toBe(403);
      expect((await readOnly.get("/v2/notificationPreferences")).status).toBe(200);
    });
  });

  describe("marketplace profiles (extension)", () => {
    it("reads and updates the company's own profile; the trading name follows", async () => {
      const got = MarketplaceProfileSchema.parse((await acme.get("/v2/marketplace/profile")).body.data);
      expect(got).toMatchObject({
        companyUid: SEED.companies.acme.uid,
        companyName: "Acme Networks",
        profileVisibility: "PUBLIC",
      });
      const put = await acme.put("/v2/marketplace/profile", {
        companyName: "Acme Networks Global",
        companyBio: "Now global.",
        services: ["Transit", "Firewall", "DDoS scrubbing"],
      });
      expect(put.status).toBe(200);
      expect(put.body.data).toMatchObject({
        companyName: "Acme Networks Global",
        services: ["Transit", "Firewall", "DDoS scrubbing"],
      });
      const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeSydBlue.uid });
      expect((await getVxc(globex, uid)).vxcApproval.message).toBe("Acme Networks Global");
      await acme.put("/v2/marketplace/profile", { companyName: "Acme Networks" });
    });

    it("starts a company without a profile as PRIVATE and empty", async () => {
      const got = (await globex.get("/v2/marketplace/profile")).body.data;
      expect(got).toMatchObject({
        companyName: "Globex Corporation",
        profileVisibility: "PRIVATE",
        services: [],
      });
    });

    it("lists PUBLIC profiles only, plus the caller's own PRIVATE one", async () => {
      const list = MarketplaceProfileListSchema.parse(
        (await globex.get("/v2/marketplace/profiles")).body.data,
      );
      expect(list.map((p) => p.companyUid)).toEqual([SEED.companies.acme.uid]);
      const initech = new ApiAs(sim, "initechAdmin");
      const own = MarketplaceProfileListSchema.parse(
        (await initech.get("/v2/marketplace/profiles")).body.data,
      );
      expect(own.map((p) => p.companyUid).sort()).toEqual(
        [SEED.companies.acme.uid, SEED.companies.initech.uid].sort(),
      );
    });

    it("reads another company's PUBLIC profile by its UID", async () => {
      const res = await globex.get(`/v2/marketplace/profile/${SEED.companies.acme.uid}`);
      expect(res.status).toBe(200);
      expect(MarketplaceProfileSchema.parse(res.body.data)).toMatchObject({
        companyUid: SEED.companies.acme.uid,
        companyName: "Acme Networks",
        profileVisibility: "PUBLIC",
      });
      // Any role may read it, Read Only too.
      const readOnly = new ApiAs(sim, "globexReadOnly");
      expect((await readOnly.get(`/v2/marketplace/profile/${SEED.companies.acme.uid}`)).status).toBe(200);
    });

    it("answers 404 in the real error shape for a PRIVATE profile, no profile or no such company", async () => {
      const initechUid = SEED.companies.initech.uid;
      const globexUid = SEED.companies.globex.uid;
      for (const [api, uid] of [
        [globex, initechUid],
        [acme, initechUid],
        [acme, globexUid],
        [acme, "00000000-0000-4000-8000-000000000000"],
      ] as const) {
        const res = await api.get(`/v2/marketplace/profile/${uid}`);
        expect(res.status).toBe(404);
        expect(res.body).toEqual({
          message: `Marketplace profile for company ${uid} not found`,
          terms: expect.any(String),
          data: null,
          trace_id: res.headers.get("trace-id"),
        });
      }
      // Its own company reads the PRIVATE profile.
      const initech = new ApiAs(sim, "initechAdmin");
      const own = await initech.get(`/v2/marketplace/profile/${initechUid}`);
      expect(own.status).toBe(200);
      expect(own.body.data).toMatchObject({ companyUid: initechUid, profileVisibility: "PRIVATE" });
      // A profile made PUBLIC becomes readable, and PRIVATE again hides it.
      await initech.put("/v2/marketplace/profile", { profileVisibility: "PUBLIC" });
      expect((await globex.get(`/v2/marketplace/profile/${initechUid}`)).status).toBe(200);
      await initech.put("/v2/marketplace/profile", { profileVisibility: "PRIVATE" });
      expect((await globex.get(`/v2/marketplace/profile/${initechUid}`)).status).toBe(404);
    });

    it.each([
      [{ contactEmail: "not-an-email" }, /contactEmail/],
      [{ website: "ftp://x" }, /website/],
      [{ companyBio: "word ".repeat(201) }, /200 words/],
    ])("refuses %j", async (body, message) => {
      const res = await acme.put("/v2/marketplace/profile", body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    });
  });

  it("parses service keys", async () => {
    const res = await acme.post("/v2/service/key", { productUid: P.acmeSydRed.uid, maxSpeed: 100 });
    expect(ServiceKeySchema.parse(res.body.data).productDto?.productUid).toBe(P.acmeSydRed.uid);
  });
});
