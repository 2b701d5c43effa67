// Company accounts through the client against the simulator: users, email notification preferences (the
// caller's own and, as our EXTENSION, another user's with ?employeeId=) and the Marketplace profile (an
// EXTENSION shape, docs/contracts.md): the company's own, another company's when PUBLIC (404 when PRIVATE), and
// the list of PUBLIC profiles plus the caller's own.
import { randomUUID } from "node:crypto";
import { NotFoundError, type MegaportClient, type NotificationPreferences } from "../../provider/client";
import { ContractWorld, SEED, thrownBy } from "./contract-world";

const U = SEED.users;
const ACME_USERS = [
  U.acmeCompanyAdmin,
  U.acmeTechnicalAdmin,
  U.acmeTechnicalContact,
  U.acmeFinance,
  U.acmeReadOnly,
];

let world: ContractWorld;
let acme: MegaportClient;
let globex: MegaportClient;

beforeAll(async () => {
  world = await ContractWorld.start();
  acme = world.client("acmeAdmin");
  globex = world.client("globexAdmin");
});
afterAll(() => world.close());

const subscribed = (prefs: NotificationPreferences) =>
  (prefs.destinations.EMAIL ?? [])
    .filter((g) => g.subscribed)
    .map((g) => g.messageGroup)
    .sort();

describe("users", () => {
  it("listUsers returns the company's five users, one per role", async () => {
    const users = await acme.listUsers();
    expect(users.map((u) => u.email).sort()).toEqual(ACME_USERS.map((u) => u.email).sort());
    expect(users.map((u) => u.position).sort()).toEqual(ACME_USERS.map((u) => u.position).sort());
    for (const user of users) expect(user.companyId).toBe(SEED.companies.acme.companyId);
  });

  it("getUser reads one user by employee id", async () => {
    const user = await acme.getUser(U.acmeTechnicalContact.employeeId);
    expect(user).toMatchObject({
      email: "techcontact@acme.example",
      position: "Technical Contact",
      personUid: U.acmeTechnicalContact.personUid,
      firstName: U.acmeTechnicalContact.firstName,
      active: true,
    });
  });

  it("one id names a user: the list's personId is what getUser takes and answers as partyId", async () => {
    for (const listed of await acme.listUsers()) {
      expect(listed.personId).toEqual(expect.any(Number));
      const read = await acme.getUser(listed.personId as number);
      expect(read).toMatchObject({
        partyId: listed.personId,
        personId: listed.personId,
        email: listed.email,
      });
    }
    const contact = (await acme.listUsers()).find((u) => u.email === "techcontact@acme.example");
    expect(contact?.personId).toBe(U.acmeTechnicalContact.employeeId);
    expect(contact?.partyId).toBe(U.acmeTechnicalContact.employeeId);
  });

  it("updateUser changes a user, and getUser reads the change back", async () => {
    await expect(
      acme.updateUser(U.acmeTechnicalContact.employeeId, { phone: "+61 2 5550 1234", lastName: "Renamed" }),
    ).resolves.toBe(undefined);
    expect(await acme.getUser(U.acmeTechnicalContact.employeeId)).toMatchObject({
      phone: "+61 2 5550 1234",
      lastName: "Renamed",
    });
  });
});

describe("notification preferences", () => {
  it("a Company Admin key reads its user's own subscriptions: all six Portal groups", async () => {
    expect(subscribed(await acme.getNotificationPreferences())).toEqual(
      ["COMPANY", "FINANCIAL", "ORDERING", "PEOPLE", "SECURITY", "SERVICES"].sort(),
    );
  });

  it("setting its own preferences returns them and they read back", async () => {
    const set = await globex.setNotificationPreferences({
      destinations: { EMAIL: [{ messageGroup: "FINANCIAL", subscribed: false }] },
    });
    expect(subscribed(set)).not.toContain("FINANCIAL");
    expect(subscribed(set)).toContain("ORDERING");
    expect(subscribed(await globex.getNotificationPreferences())).not.toContain("FINANCIAL");
  });

  it("EXTENSION: ?employeeId= reads and sets another user's subscriptions", async () => {
    const techAdmin = U.acmeTechnicalAdmin.employeeId;
    expect(subscribed(await acme.getNotificationPreferences({ employeeId: techAdmin }))).toEqual([
      "ORDERING",
      "SERVICES",
    ]);
    const set = await acme.setNotificationPreferences(
      { destinations: { EMAIL: [{ messageGroup: "COMPANY", subscribed: true }] } },
      { employeeId: techAdmin },
    );
    expect(subscribed(set)).toEqual(["COMPANY", "ORDERING", "SERVICES"]);
    expect(subscribed(await acme.getNotificationPreferences({ employeeId: techAdmin }))).toEqual([
      "COMPANY",
      "ORDERING",
      "SERVICES",
    ]);
    // The admin's own preferences are untouched.
    expect(subscribed(await acme.getNotificationPreferences())).toContain("FINANCIAL");
  });
});

describe("marketplace profile (EXTENSION shape)", () => {
  it("getMarketplaceProfile reads the company's own profile", async () => {
    expect(await acme.getMarketplaceProfile()).toEqual({
      companyUid: SEED.companies.acme.uid,
      companyName: "Acme Networks",
      companyBio: expect.stringContaining("managed firewalls"),
      contactEmail: "sales@acme.example",
      website: "https://acme.example",
      profileVisibility: "PUBLIC",
      services: ["Managed Firewall", "Internet Transit"],
    });
  });

  it("setMarketplaceProfile changes only the fields given", async () => {
    const updated = await acme.setMarketplaceProfile({
      companyBio: "Transit and firewalls, now in Melbourne.",
    });
    expect(updated).toMatchObject({
      companyBio: "Transit and firewalls, now in Melbourne.",
      contactEmail: "sales@acme.example",
      profileVisibility: "PUBLIC",
      services: ["Managed Firewall", "Internet Transit"],
    });
    expect((await acme.getMarketplaceProfile()).companyBio).toBe("Transit and firewalls, now in Melbourne.");
  });

  it("listMarketplaceProfiles shows PUBLIC profiles only, including one a company just published", async () => {
    const before = (await globex.listMarketplaceProfiles()).map((p) => p.companyUid);
    expect(before).toContain(SEED.companies.acme.uid);
    expect(before).not.toContain(SEED.companies.initech.uid); // PRIVATE
    expect(before).not.toContain(SEED.companies.globex.uid); // no profile yet

    await globex.setMarketplaceProfile({ profileVisibility: "PUBLIC", services: ["Widgets"] });
    const after = await globex.listMarketplaceProfiles();
    expect(after.find((p) => p.companyUid === SEED.companies.globex.uid)).toMatchObject({
      companyName: "Globex Corporation",
      services: ["Widgets"],
    });
  });

  it("getMarketplaceProfile({ companyUid }) reads another company's PUBLIC profile", async () => {
    const profile = await globex.getMarketplaceProfile({ companyUid: SEED.companies.acme.uid });
    expect(profile).toMatchObject({
      companyUid: SEED.companies.acme.uid,
      companyName: "Acme Networks",
      profileVisibility: "PUBLIC",
    });
  });

  it("another company's PRIVATE profile is a 404 NotFoundError in the real error shape", async () => {
    const err = await thrownBy(() =>
      globex.getMarketplaceProfile({ companyUid: SEED.companies.initech.uid }),
    );
    expect(err).toBeInstanceOf(NotFoundError);
    const api = err as NotFoundError;
    expect(api.status).toBe(404);
    expect(api.megaportMessage).toBe(
      `Marketplace profile for company ${SEED.companies.initech.uid} not found`,
    );
    expect(api.traceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an unknown company answers the same 404", async () => {
    const companyUid = randomUUID();
    const err = await thrownBy(() => acme.getMarketplaceProfile({ companyUid }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).megaportMessage).toBe(
      `Marketplace profile for company ${companyUid} not found`,
    );
  });

  it("a company reads its own PRIVATE profile by UID, and lists it beside the PUBLIC ones", async () => {
    const initech = world.client("initechAdmin");
    expect(await initech.getMarketplaceProfile({ companyUid: SEED.companies.initech.uid })).toMatchObject({
      companyUid: SEED.companies.initech.uid,
      profileVisibility: "PRIVATE",
    });
    const listed = (await initech.listMarketplaceProfiles()).map((p) => p.companyUid);
    expect(listed).toContain(SEED.companies.initech.uid);
    expect(listed).toContain(SEED.companies.acme.uid);
    // Nobody else sees it listed.
    expect((await acme.listMarketplaceProfiles()).map((p) => p.companyUid)).not.toContain(
      SEED.companies.initech.uid,
    );
  });
});
