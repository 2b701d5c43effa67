// VxcConnection's B-end lookup against a real simulator: a provider named alone gives its port nearest the A-end
// (by the seeded locations' coordinates), narrowed by diversity zone, location (id or name) or port name; each
// lookup that finds nothing names the field and lists what there is to choose from. One create shows the lookup
// used for a real order. Initech is made a public provider here, with its one port in Sydney.
import { ValidationError } from "../../../provider/client/errors";
import { MegaportClient } from "../../../provider/client/megaport-client";
import type { Location } from "../../../provider/client/schemas/locations";
import { resolveBEnd } from "../../../provider/kinds/vxc-connection/vxc-b-end";
import { provider } from "../../../provider/resources/vxc-connection";
import type { VxcConnectionInputs } from "../../../provider/kinds/vxc-connection/vxc-connection-schema";
import { hiddenInputs } from "../../support/hidden-inputs";
import { startTestSimulator, type Simulator } from "../../support/simulator";
import { SEED } from "../../../simulator/seed";
import { clearProviderEnv, clientFor, pointProviderAt } from "../../support/simulator-clients";

type SeedPort = (typeof SEED.ports)[keyof typeof SEED.ports];
const ACME_PORTS = Object.values(SEED.ports).filter((p) => p.company === "acme" && p.marketplaceVisibility);
const GLOBEX_PORTS = Object.values(SEED.ports).filter((p) => p.company === "globex");

const savedEnv = { ...process.env };
const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
let sim: Simulator;
let globex: MegaportClient;
let locations: Location[];

beforeAll(async () => {
  sim = await startTestSimulator({
    // Initech as a second Marketplace provider, with a single port (its seeded profile is PRIVATE, which keeps its
    // ports off the partner list).
    seed: (state) => {
      const initech = state.companies.find((c) => c.companyUid === SEED.companies.initech.uid)!;
      initech.marketplaceProfile!.profileVisibility = "PUBLIC";
    },
  });
  globex = clientFor(sim, SEED.apiKeys.globexAdmin);
  locations = await globex.listLocations();
});

afterAll(async () => {
  process.env = savedEnv;
  log.mockRestore();
  await globex?.close();
  await sim?.close();
});

/** Ordering by distance only: a flat-earth approximation is plenty between Sydney and Melbourne. */
function distanceBetween(a: SeedPort, b: SeedPort): number {
  const at = (p: SeedPort) => locations.find((l) => l.id === p.locationId)!;
  const [x, y] = [at(a), at(b)];
  const dLat = x.latitude! - y.latitude!;
  const dLon = (x.longitude! - y.longitude!) * Math.cos((x.latitude! * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

/** The Acme port the lookup should pick: nearest to the A-end (in its zone if asked), then by name. */
function expectedPort(aEnd: SeedPort, sameZone: boolean): SeedPort {
  return ACME_PORTS.filter((p) => !sameZone || p.diversityZone === aEnd.diversityZone).sort(
    (p, q) => distanceBetween(aEnd, p) - distanceBetween(aEnd, q) || p.name.localeCompare(q.name),
  )[0];
}

const lookup = (aEnd: SeedPort, bEnd: NonNullable<VxcConnectionInputs["bEnd"]>): VxcConnectionInputs => ({
  name: "lookup",
  rateLimit: 100,
  aEnd: { productUid: aEnd.uid },
  bEnd,
});

async function lookupError(aEnd: SeedPort, bEnd: NonNullable<VxcConnectionInputs["bEnd"]>) {
  const error = await resolveBEnd(globex, lookup(aEnd, bEnd)).then(
    (found) => new Error(`found ${found.portName}`),
    (err: Error) => err,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("B-end lookup by provider name", () => {
  const rows = GLOBEX_PORTS.flatMap((aEnd) => [
    { aEnd, sameDiversityZone: false },
    { aEnd, sameDiversityZone: true },
  ]);

  it.each(rows)(
    "from $aEnd.name (sameDiversityZone $sameDiversityZone) picks Acme's nearest port",
    async ({ aEnd, sameDiversityZone }) => {
      const want = expectedPort(aEnd, sameDiversityZone);
      const found = await resolveBEnd(
        globex,
        lookup(aEnd, { providerName: "acme networks", ...(sameDiversityZone ? { sameDiversityZone } : {}) }),
      );
      expect(found).toEqual({
        productUid: want.uid,
        portName: want.name,
        companyName: "Acme Networks",
        companyUid: SEED.companies.acme.uid,
      });
      if (sameDiversityZone) expect(want.diversityZone).toBe(aEnd.diversityZone);
    },
  );

  it("the seeded world makes these picks differ, so the table above proves distance and zone both matter", () => {
    const picks = new Set(
      rows.map(({ aEnd, sameDiversityZone }) => expectedPort(aEnd, sameDiversityZone).name),
    );
    expect(picks).toEqual(
      new Set(["Acme Sydney Blue", "Acme Sydney Red", "Acme Sydney Instant", "Acme Melbourne Red"]),
    );
  });

  it("a location by name overrides nearness: Melbourne from a Sydney A-end", async () => {
    const found = await resolveBEnd(
      globex,
      lookup(SEED.ports.globexSydRed, { providerName: "Acme Networks", location: "nextdc m1" }),
    );
    expect(found.productUid).toBe(SEED.ports.acmeMelRed.uid);
  });

  it("a location by id picks among the provider's ports there, in the A-end's zone when asked", async () => {
    const sy1 = SEED.locations.equinixSy1;
    const fromRed = (sameDiversityZone: boolean) =>
      resolveBEnd(
        globex,
        lookup(SEED.ports.globexSydRed, { providerName: "Acme Networks", location: sy1, sameDiversityZone }),
      );
    expect((await fromRed(true)).productUid).toBe(SEED.ports.acmeSydRed.uid);
    // Both SY1 ports are as near; the name decides.
    expect((await fromRed(false)).productUid).toBe(SEED.ports.acmeSydBlue.uid);
    const instant = await resolveBEnd(
      globex,
      lookup(SEED.ports.globexMelRed, {
        providerName: "Acme Networks",
        location: SEED.locations.globalSwitchSydney,
      }),
    );
    expect(instant.productUid).toBe(SEED.ports.acmeSydAuto.uid);
  });

  it("a port name picks that port wherever it is, ignoring case", async () => {
    const found = await resolveBEnd(
      globex,
      lookup(SEED.ports.globexMelRed, { providerName: "Acme Networks", portName: "ACME SYDNEY RED" }),
    );
    expect(found.productUid).toBe(SEED.ports.acmeSydRed.uid);
  });
});

describe("B-end lookups that find nothing", () => {
  it("an unknown provider names bEnd.providerName and lists the Marketplace providers", async () => {
    const error = await lookupError(SEED.ports.globexSydRed, { providerName: "Acme Network" });
    expect(error.fieldPath).toBe("bEnd.providerName");
    expect(error.message).toBe(
      'Invalid bEnd.providerName: no Marketplace provider named "Acme Network" has ports open to VXCs. ' +
        "Fix: use the provider's name as listed on the Marketplace (for example Acme Networks, Initech), or give bEnd.productUid",
    );
  });

  it("a customer whose ports are not on the Marketplace is not a provider", async () => {
    const error = await lookupError(SEED.ports.globexSydRed, { providerName: "Globex Corporation" });
    expect(error.fieldPath).toBe("bEnd.providerName");
  });

  it("a location where the provider has no port names bEnd.location and lists its locations", async () => {
    const byId = await lookupError(SEED.ports.globexSydRed, {
      providerName: "Initech",
      location: SEED.locations.nextdcM1,
    });
    expect(byId.fieldPath).toBe("bEnd.location");
    expect(byId.message).toBe(
      "Invalid bEnd.location: Initech has no port at 50. Fix: use one of its locations: Equinix SY1 (3)",
    );
    const byName = await lookupError(SEED.ports.globexSydRed, {
      providerName: "Acme Networks",
      location: "Atlantis",
    });
    expect(byName.message).toContain('Acme Networks has no port at "Atlantis"');
    expect(byName.fix).toBe(
      "use one of its locations: Equinix SY1 (3), NEXTDC M1 (50), Global Switch Sydney West (4)",
    );
  });

  it("an unknown port name names bEnd.portName and lists the provider's ports", async () => {
    const error = await lookupError(SEED.ports.globexSydRed, {
      providerName: "Acme Networks",
      portName: "Acme Green",
    });
    expect(error.fieldPath).toBe("bEnd.portName");
    expect(error.reason).toBe('Acme Networks has no port named "Acme Green"');
    expect(error.fix).toBe(
      'use one of: "Acme Sydney Red", "Acme Sydney Blue", "Acme Melbourne Red", "Acme Sydney Instant"',
    );
    const there = await lookupError(SEED.ports.globexSydRed, {
      providerName: "Acme Networks",
      location: 3,
      portName: "Acme Melbourne Red",
    });
    expect(there.reason).toBe('Acme Networks has no port named "Acme Melbourne Red" there');
    expect(there.fix).toBe('use one of: "Acme Sydney Red", "Acme Sydney Blue"');
  });

  it.each([
    {
      name: "the one port left at a location",
      bEnd: { providerName: "Acme Networks", location: SEED.locations.nextdcM1, sameDiversityZone: true },
      choices: '"Acme Melbourne Red" (red)',
    },
    {
      name: "a provider's only port",
      bEnd: { providerName: "Initech", sameDiversityZone: true },
      choices: '"Initech Sydney" (red)',
    },
  ])(
    "sameDiversityZone refuses $name in another zone, naming bEnd.sameDiversityZone and the ports there are",
    async ({ bEnd, choices }) => {
      const error = await lookupError(SEED.ports.globexSydBlue, bEnd);
      expect(error.fieldPath).toBe("bEnd.sameDiversityZone");
      expect(error.reason).toMatch(/has no port in the blue diversity zone$/);
      expect(error.fix).toContain(choices);
    },
  );
});

describe("a create that looks its B-end up", () => {
  beforeAll(() => {
    pointProviderAt(sim, SEED.apiKeys.globexAdmin, {
      MEGAPORT_MX_POLL_INTERVAL_MS: "50",
      MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "200",
    });
  });
  afterAll(() => clearProviderEnv());

  it("orders to the nearest port, says which in its outputs, and keeps the lookup as the input", async () => {
    const inputs = {
      name: "Globex Ultimo to Acme",
      rateLimit: 100,
      aEnd: { productUid: SEED.ports.globexSydBlue.uid },
      bEnd: { providerName: "Acme Networks" },
      ...hiddenInputs("lookup", { createMs: 10_000 }),
    };
    const { id, outs } = await provider.create(inputs);
    expect(outs).toMatchObject({
      ...inputs,
      provisioningStatus: "LIVE",
      chosenBEndProductUid: SEED.ports.acmeSydAuto.uid,
      chosenBEndPortName: "Acme Sydney Instant",
      providerCompanyName: "Acme Networks",
      providerCompanyUid: SEED.companies.acme.uid,
    });
    expect((await globex.getVxc(id)).bEnd?.productUid).toBe(SEED.ports.acmeSydAuto.uid);
    expect(log.mock.calls.flat().join("\n")).toContain(
      `ordered ${id} to Acme Networks's port Acme Sydney Instant`,
    );
  });
});

describe("an impostor trading under the provider's name", () => {
  // Initech renames itself "Acme Networks" and makes its profile public: its Sydney port now sits on the partner
  // list under the name the README's own example looks up.
  let impostorSim: Simulator;
  let client: MegaportClient;
  beforeAll(async () => {
    impostorSim = await startTestSimulator({
      seed: (state) => {
        const initech = state.companies.find((c) => c.companyUid === SEED.companies.initech.uid)!;
        initech.tradingName = "Acme Networks";
        initech.marketplaceProfile!.profileVisibility = "PUBLIC";
      },
    });
    client = clientFor(impostorSim, SEED.apiKeys.globexAdmin);
  });
  afterAll(async () => {
    await client.close();
    await impostorSim.close();
  });

  const inRedZone = (bEnd: NonNullable<VxcConnectionInputs["bEnd"]>) =>
    lookup(SEED.ports.globexSydRed, { sameDiversityZone: true, ...bEnd });

  it("a name that finds the ports of two companies fails, naming each with its UID", async () => {
    const error = await resolveBEnd(client, inRedZone({ providerName: "Acme Networks" })).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ fieldPath: "bEnd.providerCompanyUid" });
    const { reason, fix } = error as ValidationError;
    expect(reason).toContain(`"Acme Networks" names the ports of 2 companies`);
    expect(reason).toContain(SEED.companies.acme.uid);
    expect(reason).toContain(SEED.companies.initech.uid);
    expect(fix).toContain("set bEnd.providerCompanyUid");
  });

  it("providerCompanyUid picks the real provider's port", async () => {
    const found = await resolveBEnd(
      client,
      inRedZone({ providerName: "Acme Networks", providerCompanyUid: SEED.companies.acme.uid }),
    );
    expect(found).toMatchObject({ companyUid: SEED.companies.acme.uid });
    expect(ACME_PORTS.map((p) => p.uid)).toContain(found.productUid);
  });

  it("a providerCompanyUid that has no open ports fails naming the field", async () => {
    const error = await resolveBEnd(
      client,
      inRedZone({ providerName: "Acme Networks", providerCompanyUid: SEED.companies.globex.uid }),
    ).catch((e: Error) => e);
    expect(error).toMatchObject({ fieldPath: "bEnd.providerCompanyUid" });
    expect((error as ValidationError).reason).toContain(`company UID ${SEED.companies.globex.uid}`);
  });
});
