// MarketplaceProfile: check names the field and the fix for each bad input, diff updates every field in place and
// ignores hidden keys, and create/read/update/delete against a real simulator keep the profile and the listed
// ports' visibility in step with what the program declares (and refresh shows what the portal changed).
import { MegaportClient } from "../../../provider/client/megaport-client";
import { provider } from "../../../provider/resources/marketplace-profile";
import {
  type MarketplaceProfileOutputs,
  MAX_BIO_WORDS,
} from "../../../provider/kinds/marketplace-profile/marketplace-profile-schema";
import { hiddenInputs } from "../../support/hidden-inputs";
import { startTestSimulator, type Simulator } from "../../support/simulator";
import { SEED } from "../../../simulator/seed";
import { clientFor, pointProviderAt } from "../../support/simulator-clients";
import { failureAt } from "../../support/check-failures";

const ACME = SEED.companies.acme.uid;
const SYD_RED = SEED.ports.acmeSydRed.uid;
const SYD_BLUE = SEED.ports.acmeSydBlue.uid;
const GLOBEX_PORT = SEED.ports.globexSydRed.uid;
const HIDDEN = hiddenInputs();

const happy = () => ({
  companyName: "Acme Networks",
  companyBio: "Managed firewalls and transit.",
  contactEmail: "sales@acme.example",
  website: "https://acme.example",
  visibility: "public",
  services: ["Managed Firewall"],
  listedPorts: [SYD_RED],
});

describe("MarketplaceProfile check", () => {
  const rows: { name: string; change: Record<string, unknown>; property: string; message: string }[] = [
    {
      name: "a missing company name",
      change: { companyName: undefined },
      property: "companyName",
      message: "companyName is required: set it to a string",
    },
    {
      name: "a blank company name",
      change: { companyName: "   " },
      property: "companyName",
      message: "must not be empty",
    },
    {
      name: "a bio over 200 words",
      change: { companyBio: "word ".repeat(MAX_BIO_WORDS + 1) },
      property: "companyBio",
      message: `companyBio has ${MAX_BIO_WORDS + 1} words; the Marketplace shows at most ${MAX_BIO_WORDS}`,
    },
    {
      name: "a contact email that is not one",
      change: { contactEmail: "sales at acme" },
      property: "contactEmail",
      message: "contactEmail must be an email address",
    },
    {
      name: "a website without a scheme",
      change: { website: "acme.example" },
      property: "website",
      message: "website must be an http(s) URL",
    },
    {
      name: "a website that is not http(s)",
      change: { website: "ftp://acme.example" },
      property: "website",
      message: "website must be an http(s) URL",
    },
    {
      name: "an unknown visibility",
      change: { visibility: "hidden" },
      property: "visibility",
      message: 'visibility must be "public" or "private"',
    },
    {
      name: "the API's spelling of visibility",
      change: { visibility: "PUBLIC" },
      property: "visibility",
      message: 'visibility must be "public" or "private"',
    },
    {
      name: "an empty service name",
      change: { services: ["ok", " "] },
      property: "services[1]",
      message: "must not be empty",
    },
    {
      name: "a listed port that is not a UID",
      change: { listedPorts: ["Acme Sydney Red"] },
      property: "listedPorts[0]",
      message: "must be a Megaport product UID",
    },
    {
      name: "a port listed twice",
      change: { listedPorts: [SYD_RED, SYD_RED.toUpperCase()] },
      property: "listedPorts[1]",
      message: "list each port once",
    },
    {
      name: "a misspelt key",
      change: { visiblity: "public" },
      property: "visiblity",
      message: 'unknown field "visiblity": remove it or correct its spelling',
    },
  ];

  it.each(rows)("rejects $name, naming property '$property'", async ({ change, property, message }) => {
    const result = await provider.check({} as never, { ...happy(), ...change } as never);
    expect(result.inputs).toBeUndefined();
    expect(result.failures).toEqual([failureAt(property, message)]);
  });

  it("fills in the defaults and keeps the hidden inputs", async () => {
    const result = await provider.check(
      {} as never,
      {
        companyName: " Acme ",
        contactEmail: "sales@acme.example",
        ...HIDDEN,
      } as never,
    );
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({
      companyName: "Acme",
      contactEmail: "sales@acme.example",
      visibility: "public",
      services: [],
      listedPorts: [],
      ...HIDDEN,
    });
  });
});

describe("MarketplaceProfile diff", () => {
  const olds = {
    ...happy(),
    ...HIDDEN,
    companyUid: ACME,
    portVisibility: [],
  } as unknown as MarketplaceProfileOutputs;
  const rows: { name: string; change: Record<string, unknown>; changes: boolean }[] = [
    { name: "nothing changed", change: {}, changes: false },
    {
      name: "only hidden keys changed",
      change: { __idempotencyKey: "other", __provider: "new code" },
      changes: false,
    },
    { name: "the company name", change: { companyName: "Acme Pty" }, changes: true },
    { name: "the bio", change: { companyBio: "New bio." }, changes: true },
    { name: "the website removed", change: { website: undefined }, changes: true },
    { name: "the visibility", change: { visibility: "private" }, changes: true },
    { name: "the services", change: { services: ["Managed Firewall", "Transit"] }, changes: true },
    { name: "the listed ports", change: { listedPorts: [SYD_RED, SYD_BLUE] }, changes: true },
  ];

  it.each(rows)("$name: changes=$changes, never a replace", async ({ change, changes }) => {
    const result = await provider.diff(ACME, olds, { ...happy(), ...HIDDEN, ...change } as never);
    expect(result).toEqual({ changes, replaces: [] });
  });
});

describe("MarketplaceProfile against the simulator", () => {
  let sim: Simulator;
  let portal: MegaportClient;
  const savedEnv = { ...process.env };
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);

  beforeAll(async () => {
    sim = await startTestSimulator({
      // Sydney Red starts off the Marketplace, so create has to list it.
      seed: (state) => {
        state.ports.find((p) => p.productUid === SYD_RED)!.marketplaceVisibility = false;
      },
    });
    const key = SEED.apiKeys.acmeAdmin;
    pointProviderAt(sim, key);
    // A second client stands in for a person editing the profile in the portal.
    portal = clientFor(sim, key);
  });

  afterAll(async () => {
    process.env = savedEnv;
    log.mockRestore();
    await sim?.close();
  });

  const visibility = async (uid: string) =>
    (await portal.listProducts()).find((p) => p.productUid === uid)?.marketplaceVisibility;

  it("create saves the profile, lists the ports and answers with the company UID and the ports' visibility", async () => {
    const inputs = { ...happy(), visibility: "public" as const, ...HIDDEN };
    const { id, outs } = await provider.create(inputs);
    expect(id).toBe(ACME);
    expect(outs).toMatchObject({
      ...happy(),
      companyUid: ACME,
      portVisibility: [{ productUid: SYD_RED, productName: "Acme Sydney Red", marketplaceVisibility: true }],
      __provider: "shim",
    });
    expect(await visibility(SYD_RED)).toBe(true);
    expect(await portal.getMarketplaceProfile()).toMatchObject({
      companyName: "Acme Networks",
      companyBio: "Managed firewalls and transit.",
      profileVisibility: "PUBLIC",
      services: ["Managed Firewall"],
    });
  });

  it("read shows the changes made in the portal, in props and in inputs", async () => {
    const { outs } = await provider.create({ ...happy(), visibility: "public", ...HIDDEN });
    await portal.setMarketplaceProfile({ companyBio: "Edited in the portal.", profileVisibility: "PRIVATE" });
    await portal.updatePort(SYD_RED, { marketplaceVisibility: false });

    const read = await provider.read(ACME, outs as MarketplaceProfileOutputs);
    expect(read.id).toBe(ACME);
    expect(read.props).toMatchObject({
      companyBio: "Edited in the portal.",
      visibility: "private",
      listedPorts: [],
      portVisibility: [{ productUid: SYD_RED, marketplaceVisibility: false }],
    });
    expect(read.inputs).toEqual({
      ...happy(),
      companyBio: "Edited in the portal.",
      visibility: "private",
      listedPorts: [],
      ...HIDDEN,
    });
    // The next `pulumi up` sees the drift as an in-place update.
    const diff = await provider.diff(ACME, read.props!, { ...happy(), visibility: "public", ...HIDDEN });
    expect(diff).toEqual({ changes: true, replaces: [] });
  });

  it("read of a profile whose visibility Megaport reports as a value we do not know keeps the stack's, and says so", async () => {
    const { outs } = await provider.create({ ...happy(), visibility: "private", ...HIDDEN });
    // A value the API may add (the client's rule: responses never reject one).
    sim.store.company(ACME).marketplaceProfile!.profileVisibility = "PARTNERS_ONLY" as "PUBLIC";
    try {
      const read = await provider.read(ACME, outs as MarketplaceProfileOutputs);
      expect(read.props).toMatchObject({ visibility: "private" });
      expect(log.mock.calls.flat().join("\n")).toContain(
        'Megaport reports profileVisibility "PARTNERS_ONLY"; the stack keeps "private"',
      );
    } finally {
      sim.store.company(ACME).marketplaceProfile!.profileVisibility = "PRIVATE";
    }
  });

  it("update lists new ports, unlists dropped ones and leaves ports it never listed alone", async () => {
    const { outs: olds } = await provider.create({
      ...happy(),
      listedPorts: [SYD_RED],
      visibility: "public",
      ...HIDDEN,
    });
    const melBefore = await visibility(SEED.ports.acmeMelRed.uid);
    await portal.updatePort(SYD_BLUE, { marketplaceVisibility: false });

    const { outs } = await provider.update(ACME, olds as MarketplaceProfileOutputs, {
      ...happy(),
      companyName: "Acme Networks Australia",
      listedPorts: [SYD_BLUE],
      visibility: "public",
      ...HIDDEN,
    });
    expect(outs).toMatchObject({
      companyName: "Acme Networks Australia",
      listedPorts: [SYD_BLUE],
      portVisibility: [{ productUid: SYD_BLUE, marketplaceVisibility: true }],
    });
    expect(await visibility(SYD_BLUE)).toBe(true);
    expect(await visibility(SYD_RED)).toBe(false);
    expect(await visibility(SEED.ports.acmeMelRed.uid)).toBe(melBefore);
  });

  it("clears a website the program no longer declares, so refresh shows no drift", async () => {
    const { outs: olds } = await provider.create({ ...happy(), visibility: "public", ...HIDDEN });
    const { website: _dropped, ...withoutWebsite } = happy();
    const { outs } = await provider.update(ACME, olds as MarketplaceProfileOutputs, {
      ...withoutWebsite,
      visibility: "public",
      ...HIDDEN,
    });
    expect(outs).not.toHaveProperty("website");
    expect((await portal.getMarketplaceProfile()).website ?? "").toBe("");
    const refreshed = await provider.read(ACME, outs as MarketplaceProfileOutputs);
    expect(refreshed.props).not.toHaveProperty("website");
  });

  it("create refuses another company's port before changing anything", async () => {
    const before = await portal.getMarketplaceProfile();
    await expect(
      provider.create({
        ...happy(),
        companyName: "Renamed",
        listedPorts: [GLOBEX_PORT],
        visibility: "public",
        ...HIDDEN,
      }),
    ).rejects.toMatchObject({
      code: "MX_VALIDATION",
      fieldPath: "listedPorts[0]",
      message: expect.stringContaining(`port ${GLOBEX_PORT} is not a product of your company`),
    });
    expect((await portal.getMarketplaceProfile()).companyName).toBe(before.companyName);
  });

  it("delete makes the profile private and unlists the listed ports, and can run twice", async () => {
    const { outs } = await provider.create({
      ...happy(),
      listedPorts: [SYD_RED, SYD_BLUE],
      visibility: "public",
      ...HIDDEN,
    });
    await provider.delete(ACME, outs as MarketplaceProfileOutputs);
    expect((await portal.getMarketplaceProfile()).profileVisibility).toBe("PRIVATE");
    expect(await visibility(SYD_RED)).toBe(false);
    expect(await visibility(SYD_BLUE)).toBe(false);
    await expect(provider.delete(ACME, outs as MarketplaceProfileOutputs)).resolves.toBeUndefined();
  });
});
