// VxcConnection: check names the field for each bad input (and never echoes a service key), diff says which changes
// replace and which update in place, and create/read/update/delete against a real simulator order, adopt, refresh,
// rename and cancel VXCs the way Globex (the customer) would. The real-CLI stories (approval, speed changes,
// deadlines, kill and resume, refresh) live in tests/e2e/vxc-connection.test.ts; B-end lookups in
// vxc-connection-b-end.test.ts. Providers are called directly: never serialized inside jest.
import { RateLimitedError, TimeoutError, ValidationError } from "../../../provider/client/errors";
import { PartialFailure, RequestDeniedError } from "../../../provider/kinds/resource-errors";
import { MegaportClient } from "../../../provider/client/megaport-client";
import type { Vxc } from "../../../provider/client/schemas/products";
import { IDEMPOTENCY_TAG } from "../../../provider/kinds/hidden-inputs";
import { provider } from "../../../provider/resources/vxc-connection";
import type { VxcConnectionOutputs } from "../../../provider/kinds/vxc-connection/vxc-connection-schema";
import { SEED } from "../../../simulator/seed";
import { clearProviderEnv, clientFor, pointProviderAt } from "../../support/simulator-clients";
import { orderTag } from "../../../provider/kinds/vxc-connection/vxc-order-tag";
import { apiTrouble } from "../../../provider/kinds/vxc-connection/vxc-wait";
import { LISTING_AGES } from "../../../provider/kinds/shared-listings";
import { failureAt } from "../../support/check-failures";
import { eventually } from "../../support/eventually";
import { hiddenInputs, SHORT_TIMEOUTS } from "../../support/hidden-inputs";
import { startTestSimulator, type Simulator } from "../../support/simulator";

const GLOBEX_SYD_RED = SEED.ports.globexSydRed.uid;
const GLOBEX_SYD_BLUE = SEED.ports.globexSydBlue.uid;
const ACME_SYD_RED = SEED.ports.acmeSydRed.uid;
const ACME_SYD_BLUE = SEED.ports.acmeSydBlue.uid;
const ACME_AUTO = SEED.ports.acmeSydAuto.uid;
const SOME_UID = "0f0e0d0c-0b0a-4909-8807-060504030201";
const A_SERVICE_KEY = "5ec2e7a1-bead-4bad-9ead-c0ffee000001";

const hidden = (resourceName: string) => hiddenInputs(resourceName, SHORT_TIMEOUTS);

/** Globex's Sydney port to Acme's auto-approving port: LIVE with nobody at Acme acting. */
const toAuto = (resourceName: string, overrides: Record<string, unknown> = {}) => ({
  name: `Globex ${resourceName}`,
  rateLimit: 100,
  aEnd: { productUid: GLOBEX_SYD_RED },
  bEnd: { productUid: ACME_AUTO },
  ...overrides,
  ...hidden(resourceName),
});

const savedEnv = { ...process.env };
const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
afterAll(() => {
  process.env = savedEnv;
  log.mockRestore();
});

describe("VxcConnection check", () => {
  const good = () => ({
    name: "Globex to Acme",
    rateLimit: 100,
    aEnd: { productUid: GLOBEX_SYD_RED, vlan: 100 },
    bEnd: { productUid: ACME_SYD_RED, vlan: 300 },
  });
  // Rows with the same input and field as tests/reliability/invalid-inputs.test.ts live only there (it checks every
  // kind's messages name the field and the fix); these check the exact words where that table has no row.
  const rows: { name: string; inputs: Record<string, unknown>; property: string; message: string }[] = [
    {
      name: "a fractional rate limit",
      inputs: { ...good(), rateLimit: 100.5 },
      property: "rateLimit",
      message: "rateLimit must be a whole number of Mbps",
    },
    {
      name: "a rate limit above any port",
      inputs: { ...good(), rateLimit: 100_001 },
      property: "rateLimit",
      message: "rateLimit must be at most 100000 Mbps",
    },
    ...[1, 4094, -2].map((vlan) => ({
      name: `B-end VLAN ${vlan}`,
      inputs: { ...good(), bEnd: { productUid: ACME_SYD_RED, vlan } },
      property: "bEnd.vlan",
      message: "bEnd.vlan must be 2–4093, or 0 to let Megaport choose, or -1 for untagged",
    })),
    {
      name: "a B-end VLAN alone",
      inputs: { ...good(), bEnd: { vlan: 300 } },
      property: "bEnd",
      message: "say where the VXC goes",
    },
    {
      name: "a provider name and a service key",
      inputs: { ...good(), bEnd: { providerName: "Acme Networks" }, serviceKey: A_SERVICE_KEY },
      property: "bEnd",
      message: "(got bEnd.providerName and serviceKey)",
    },
    {
      name: "a port name without a provider name",
      inputs: { ...good(), bEnd: { productUid: ACME_SYD_RED, portName: "Acme Sydney Red" } },
      property: "bEnd.providerName",
      message: "only apply with bEnd.providerName: set it",
    },
    {
      name: "an A-end that is not a UID",
      inputs: { ...good(), aEnd: { productUid: "globex-syd-red" } },
      property: "aEnd.productUid",
      message: 'aEnd.productUid must be a Megaport product UID such as "a1b2c3d4-…"',
    },
    {
      name: "a B-end that is not a UID",
      inputs: { ...good(), bEnd: { productUid: "55465685-0cdb-46c8-8bee" } },
      property: "bEnd.productUid",
      message: "bEnd.productUid must be a Megaport product UID",
    },
    {
      name: "an adoptUid that is not a UID",
      inputs: { ...good(), adoptUid: 42 },
      property: "adoptUid",
      message: "adoptUid must be a product UID string",
    },
    {
      name: "an unknown readyWhen",
      inputs: { ...good(), readyWhen: "DEPLOYABLE" },
      property: "readyWhen",
      message: "readyWhen must be CONFIGURED or LIVE",
    },
    // Strict objects: a misspelt key is an error, not silently ignored. Zod reports it on the parent path.
    {
      name: "an unknown top-level key",
      inputs: { ...good(), rate_limit: 100 },
      property: "rate_limit",
      message: 'unknown field "rate_limit": remove it or correct its spelling',
    },
  ];

  it.each(rows)("rejects $name at property '$property'", async ({ inputs, property, message }) => {
    const result = await provider.check({} as never, { ...inputs, ...hidden("check") } as never);
    expect(result.inputs).toBeUndefined();
    expect(result.failures).toEqual([failureAt(property, message)]);
  });

  it("reports a bad service key on property '' with the field named, and never echoes the key", async () => {
    const key = "not-a-key-but-still-secret-4f1b";
    const result = await provider.check(
      {} as never,
      { ...good(), bEnd: undefined, serviceKey: key, ...hidden("check") } as never,
    );
    expect(result.failures).toEqual([
      { property: "", reason: "serviceKey must be the 36-character key the provider gave you" },
    ]);
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it("reports a service key given with a B-end port without naming the key's value", async () => {
    const result = await provider.check(
      {} as never,
      { ...good(), serviceKey: A_SERVICE_KEY, ...hidden("check") } as never,
    );
    expect(result.failures).toEqual([
      { property: "bEnd", reason: expect.stringContaining("(got bEnd.productUid and serviceKey)") },
    ]);
    expect(JSON.stringify(result)).not.toContain(A_SERVICE_KEY);
  });

  const goodRows: { name: string; inputs: Record<string, unknown> }[] = [
    { name: "a B-end port UID", inputs: good() },
    {
      name: "a provider lookup with every option",
      inputs: {
        ...good(),
        bEnd: {
          providerName: "Acme Networks",
          location: "Equinix SY1",
          portName: "Acme Sydney Red",
          vlan: 0,
        },
      },
    },
    {
      name: "a provider lookup by location id in the same zone",
      inputs: { ...good(), bEnd: { providerName: "Acme Networks", location: 3, sameDiversityZone: true } },
    },
    {
      name: "a service key and every optional field",
      inputs: {
        ...good(),
        aEnd: { productUid: GLOBEX_SYD_RED, vlan: -1 },
        bEnd: { vlan: 0 },
        serviceKey: A_SERVICE_KEY,
        term: 12,
        costCentre: "c".repeat(255),
        readyWhen: "CONFIGURED",
        adoptUid: SOME_UID,
        name: "n".repeat(64),
        rateLimit: 100_000,
      },
    },
    { name: "no service key and no B-end VLAN", inputs: { ...good(), bEnd: { productUid: ACME_SYD_RED } } },
  ];

  it.each(goodRows)("accepts $name and keeps the hidden inputs", async ({ inputs }) => {
    const result = await provider.check({} as never, { ...inputs, ...hidden("good") } as never);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ ...inputs, ...hidden("good") });
  });
});

describe("VxcConnection diff", () => {
  // A replacement that looks its provider up by name checks the lookup still finds the company the VXC goes to.
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
    pointProviderAt(sim, SEED.apiKeys.globexAdmin);
  });
  afterAll(async () => {
    clearProviderEnv();
    await sim.close();
  });

  /** The id of the VXC the resource holds. */
  const HELD = "1a2b3c4d-5e6f-4a0b-8c1d-2e3f4a5b6c7d";
  const inputs = () => ({
    name: "Globex to Acme",
    rateLimit: 100,
    aEnd: { productUid: GLOBEX_SYD_RED, vlan: 100 },
    bEnd: { productUid: ACME_SYD_RED, vlan: 300 } as Record<string, unknown>,
    ...hidden("diff"),
  });
  type Inputs = ReturnType<typeof inputs> & Record<string, unknown>;
  /** What state holds after a create: the inputs plus what Megaport assigned. */
  const olds = (base: Record<string, unknown> = inputs()) =>
    ({
      ...base,
      vxcUid: HELD,
      provisioningStatus: "LIVE",
      approvalStatus: null,
      pendingRateLimit: null,
      assignedAEndVlan: 100,
      assignedBEndVlan: 812, // Acme assigned another VLAN than the 300 asked for
      chosenBEndProductUid: ACME_SYD_RED,
      chosenBEndPortName: "Acme Sydney Red",
      providerCompanyName: "Acme Networks",
      providerCompanyUid: SEED.companies.acme.uid,
    }) as unknown as VxcConnectionOutputs;

  const rows: { name: string; change: (n: Inputs) => object; changes: boolean; replaces: string[] }[] = [
    { name: "nothing changed: no diff", change: (n) => n, changes: false, replaces: [] },
    {
      name: "only hidden keys and __provider changed: no diff",
      change: (n) => ({
        ...n,
        __idempotencyKey: "other",
        __provider: "new code",
      }),
      changes: false,
      replaces: [],
    },
    {
      name: "new customTimeouts: an in-place update, so later deletes use them",
      change: (n) => ({ ...n, __timeouts: { deleteMs: 7_200_000 } }),
      changes: true,
      replaces: [],
    },
    {
      name: "a new name updates in place",
      change: (n) => ({ ...n, name: "Renamed" }),
      changes: true,
      replaces: [],
    },
    {
      name: "a new rate limit updates in place",
      change: (n) => ({ ...n, rateLimit: 500 }),
      changes: true,
      replaces: [],
    },
    {
      name: "a new A-end VLAN updates in place",
      change: (n) => ({ ...n, aEnd: { ...n.aEnd, vlan: 101 } }),
      changes: true,
      replaces: [],
    },
    { name: "a new term updates in place", change: (n) => ({ ...n, term: 12 }), changes: true, replaces: [] },
    {
      name: "a new cost centre updates in place",
      change: (n) => ({ ...n, costCentre: "NET-42" }),
      changes: true,
      replaces: [],
    },
    {
      name: "a new readyWhen updates in place",
      change: (n) => ({ ...n, readyWhen: "CONFIGURED" }),
      changes: true,
      replaces: [],
    },
    {
      name: "a new A-end port replaces the VXC (delete-first: the fixed B-end VLAN stays on the same port)",
      change: (n) => ({
        ...n,
        aEnd: { ...n.aEnd, productUid: GLOBEX_SYD_BLUE },
        moveStrategy: "delete-first",
      }),
      changes: true,
      replaces: ["aEnd"],
    },
    {
      name: "a new B-end port replaces the VXC",
      change: (n) => ({ ...n, bEnd: { ...n.bEnd, productUid: ACME_SYD_BLUE } }),
      changes: true,
      replaces: ["bEnd"],
    },
    {
      name: "a provider lookup instead of a port UID replaces the VXC",
      change: (n) => ({ ...n, bEnd: { providerName: "Acme Networks", vlan: 300 } }),
      changes: true,
      replaces: ["bEnd"],
    },
    {
      name: "a new B-end VLAN replaces the VXC (only the provider may change it)",
      change: (n) => ({ ...n, bEnd: { ...n.bEnd, vlan: 301 } }),
      changes: true,
      replaces: ["bEnd"],
    },
    {
      name: "a service key instead of a port UID replaces the VXC",
      change: (n) => ({ ...n, bEnd: undefined, serviceKey: A_SERVICE_KEY }),
      changes: true,
      replaces: ["bEnd", "serviceKey"],
    },
    {
      name: "adoptUid naming another VXC replaces the VXC",
      change: (n) => ({ ...n, adoptUid: SOME_UID }),
      changes: true,
      replaces: ["adoptUid"],
    },
    // Adding adoptUid for the VXC already held, or removing it once adopted, must not order a new VXC and cancel
    // the adopted one.
    {
      name: "adoptUid added for the VXC already held changes nothing",
      change: (n) => ({ ...n, adoptUid: HELD }),
      changes: false,
      replaces: [],
    },
    {
      name: "a new name with a new B-end port replaces the VXC",
      change: (n) => ({ ...n, name: "Moved", bEnd: { ...n.bEnd, productUid: ACME_SYD_BLUE } }),
      changes: true,
      replaces: ["bEnd"],
    },
  ];

  it.each(rows)("$name (changes=$changes, replaces=$replaces)", async ({ change, changes, replaces }) => {
    const result = await provider.diff(HELD, olds(), change(inputs()) as never);
    expect(result).toMatchObject({ changes, replaces });
  });

  it("removing adoptUid once the VXC is adopted changes nothing", async () => {
    const adopted = olds({ ...inputs(), adoptUid: HELD });
    expect(await provider.diff(HELD, adopted, inputs() as never)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await provider.diff(HELD, adopted, { ...inputs(), adoptUid: SOME_UID } as never)).toMatchObject({
      changes: true,
      replaces: ["adoptUid"],
    });
  });

  const lookup = (bEnd: Record<string, unknown>) => ({ ...inputs(), bEnd });
  const lookupRows: { name: string; from: Record<string, unknown>; to: Record<string, unknown> }[] = [
    { name: "providerName", from: { providerName: "Acme Networks" }, to: { providerName: "ACME NETWORKS" } },
    {
      name: "location",
      from: { providerName: "Acme Networks", location: 3 },
      to: { providerName: "Acme Networks", location: 50 },
    },
    {
      name: "portName",
      from: { providerName: "Acme Networks", portName: "Acme Sydney Red" },
      to: { providerName: "Acme Networks", portName: "Acme Sydney Blue" },
    },
    {
      name: "sameDiversityZone",
      from: { providerName: "Acme Networks" },
      to: { providerName: "Acme Networks", sameDiversityZone: true },
    },
    {
      name: "serviceKey",
      from: { vlan: 0, key: A_SERVICE_KEY },
      to: { vlan: 0, key: "5ec2e7a1-bead-4bad-9ead-c0ffee000002" },
    },
  ];

  it.each(lookupRows)("changing the B-end lookup's $name replaces the VXC", async ({ from, to }) => {
    const withKey = (b: Record<string, unknown>) => {
      const { key, ...bEnd } = b;
      return key ? { ...lookup(bEnd), serviceKey: key } : lookup(bEnd);
    };
    const result = await provider.diff(HELD, olds(withKey(from)), withKey(to) as never);
    expect(result.changes).toBe(true);
    expect(result.replaces).toEqual([from.key ? "serviceKey" : "bEnd"]);
  });

  it("a replacement whose provider name now finds another company is refused, naming both companies", async () => {
    const elsewhere = "7a7a7a7a-0000-4000-8000-000000000001";
    const held = {
      ...olds(lookup({ providerName: "Acme Networks", location: 3 })),
      providerCompanyUid: elsewhere,
    };
    const moved = lookup({ providerName: "Acme Networks", location: 50 });
    const failure = await provider.diff(HELD, held as never, moved as never).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ValidationError);
    expect(failure).toMatchObject({ fieldPath: "bEnd.providerName" });
    const message = (failure as Error).message;
    expect(message).toContain(SEED.companies.acme.uid);
    expect(message).toContain(elsewhere);
    expect(message).toContain(`set bEnd.providerCompanyUid to "${elsewhere}"`);
  });

  it("pinning the company the VXC already goes to changes nothing; pinning another replaces", async () => {
    const held = olds(lookup({ providerName: "Acme Networks" }));
    const pinned = (uid: string) => lookup({ providerName: "Acme Networks", providerCompanyUid: uid });
    expect(await provider.diff(HELD, held, pinned(SEED.companies.acme.uid) as never)).toMatchObject({
      changes: false,
      replaces: [],
    });
    expect(
      await provider
        .diff(HELD, held, pinned("7a7a7a7a-0000-4000-8000-000000000001") as never)
        .catch((e) => e),
    ).toMatchObject({ fieldPath: "bEnd.providerCompanyUid" });
  });

  it("what Megaport assigned or looked up never shows as a diff", async () => {
    const refreshed = {
      ...olds(lookup({ providerName: "Acme Networks", vlan: 0 })),
      assignedAEndVlan: 2044,
      assignedBEndVlan: 999,
      chosenBEndProductUid: ACME_SYD_BLUE, // a nearer port appeared since: we keep the one chosen at create
    } as unknown as VxcConnectionOutputs;
    const result = await provider.diff(
      HELD,
      refreshed,
      lookup({ providerName: "Acme Networks", vlan: 0 }) as never,
    );
    expect(result).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it.each([
    [
      "still waiting for the provider",
      { provisioningStatus: "DEPLOYABLE", approvalStatus: "PENDING_EXTERNAL" },
    ],
    ["accepted but not LIVE yet", { provisioningStatus: "CONFIGURED", approvalStatus: null }],
  ])("a VXC the stack holds that is %s is a change, so the next up resumes the wait", async (_, state) => {
    const unfinished = { ...olds(), ...state } as unknown as VxcConnectionOutputs;
    expect(await provider.diff(HELD, unfinished, inputs() as never)).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("a VXC that is CONFIGURED counts as done when readyWhen asks for CONFIGURED", async () => {
    const configured = { ...olds(), readyWhen: "CONFIGURED", provisioningStatus: "CONFIGURED" };
    const news = { ...inputs(), readyWhen: "CONFIGURED" };
    expect(await provider.diff(HELD, configured as never, news as never)).toMatchObject({ changes: false });
  });

  it("a speed change waiting on the provider does not count as an unfinished order", async () => {
    const waiting = {
      ...olds(),
      approvalStatus: "PENDING_EXTERNAL",
      pendingRateLimit: 500,
    } as unknown as VxcConnectionOutputs;
    expect(await provider.diff(HELD, waiting, inputs() as never)).toMatchObject({ changes: false });
  });

  it("absent, undefined and null optional inputs are the same", async () => {
    const base = { ...inputs(), term: undefined, costCentre: null, aEnd: { productUid: GLOBEX_SYD_RED } };
    const news = { ...inputs(), aEnd: { productUid: GLOBEX_SYD_RED, vlan: undefined } };
    expect(await provider.diff(HELD, olds(base), news as never)).toMatchObject({ changes: false });
  });

  // A replacement is created before the old VXC is deleted. One that needs the A-end VLAN the old one holds on the
  // same port (the API refuses "VLAN 100 not available", "Untagged VLAN not available") is a move: make-before-break
  // through a free VLAN (vxc-move.ts). One that needs the fixed B-end VLAN the old one holds on the same B-end port
  // cannot be (only the provider changes a B-end VLAN): refused, unless moveStrategy opts in to delete-first.
  const dbrRows: {
    name: string;
    from: Record<string, unknown>;
    to: (n: Inputs) => object;
    deleteFirst: boolean | "refused";
  }[] = [
    {
      name: "the B-end port changes while the A-end port and explicit VLAN 100 stay (a move)",
      from: {},
      to: (n) => ({ ...n, bEnd: { ...n.bEnd, productUid: ACME_SYD_BLUE } }),
      deleteFirst: false,
    },
    {
      name: "the B-end port changes while the A-end port and explicit VLAN 100 stay, with moveStrategy delete-first",
      from: {},
      to: (n) => ({ ...n, bEnd: { ...n.bEnd, productUid: ACME_SYD_BLUE }, moveStrategy: "delete-first" }),
      deleteFirst: true,
    },
    {
      name: "the B-end port changes while the A-end port stays untagged (-1) (a move)",
      from: { aEnd: { productUid: GLOBEX_SYD_RED, vlan: -1 } },
      to: (n) => ({ ...n, aEnd: { ...n.aEnd, vlan: -1 }, bEnd: { ...n.bEnd, productUid: ACME_SYD_BLUE } }),
      deleteFirst: false,
    },
    {
      name: "the B-end port changes and the A-end VLAN is Megaport's choice (0)",
      from: { aEnd: { productUid: GLOBEX_SYD_RED, vlan: 0 } },
      to: (n) => ({ ...n, aEnd: { ...n.aEnd, vlan: 0 }, bEnd: { ...n.bEnd, productUid: ACME_SYD_BLUE } }),
      deleteFirst: false,
    },
    {
      name: "the B-end port changes and the A-end VLAN is not given",
      from: { aEnd: { productUid: GLOBEX_SYD_RED } },
      to: (n) => ({
        ...n,
        aEnd: { productUid: GLOBEX_SYD_RED },
        bEnd: { ...n.bEnd, productUid: ACME_SYD_BLUE },
      }),
      deleteFirst: false,
    },
    {
      name: "the B-end port and the A-end VLAN both change",
      from: {},
      to: (n) => ({ ...n, aEnd: { ...n.aEnd, vlan: 101 }, bEnd: { ...n.bEnd, productUid: ACME_SYD_BLUE } }),
      deleteFirst: false,
    },
    {
      name: "the A-end port, the B-end port and the B-end VLAN all change",
      from: {},
      to: (n) => ({
        ...n,
        aEnd: { ...n.aEnd, productUid: GLOBEX_SYD_BLUE },
        bEnd: { productUid: ACME_SYD_BLUE, vlan: 301 },
      }),
      deleteFirst: false,
    },
    {
      name: "the A-end port changes while the B-end port and explicit B-end VLAN 300 stay",
      from: {},
      to: (n) => ({ ...n, aEnd: { ...n.aEnd, productUid: GLOBEX_SYD_BLUE } }),
      deleteFirst: "refused",
    },
    {
      name: "the A-end port changes while the B-end port and explicit B-end VLAN 300 stay, with moveStrategy delete-first",
      from: {},
      to: (n) => ({ ...n, aEnd: { ...n.aEnd, productUid: GLOBEX_SYD_BLUE }, moveStrategy: "delete-first" }),
      deleteFirst: true,
    },
    {
      name: "the A-end port changes, the B-end port stays and its VLAN is the provider's choice",
      from: { bEnd: { productUid: ACME_SYD_RED, vlan: 0 } },
      to: (n) => ({
        ...n,
        aEnd: { ...n.aEnd, productUid: GLOBEX_SYD_BLUE },
        bEnd: { productUid: ACME_SYD_RED, vlan: 0 },
      }),
      deleteFirst: false,
    },
    {
      name: "only the name changes (no replace)",
      from: {},
      to: (n) => ({ ...n, name: "Renamed" }),
      deleteFirst: false,
    },
  ];

  it.each(dbrRows)("deleteBeforeReplace is $deleteFirst when $name", async ({ from, to, deleteFirst }) => {
    const result = provider.diff(HELD, olds({ ...inputs(), ...from }), to({ ...inputs(), ...from }) as never);
    if (deleteFirst === "refused") {
      await expect(result).rejects.toMatchObject({ fieldPath: "bEnd.vlan" });
      await expect(result).rejects.toThrow(/moveStrategy to "delete-first"/);
    } else {
      expect((await result).deleteBeforeReplace).toBe(deleteFirst);
    }
  });
});

describe("VxcConnection without credentials", () => {
  beforeAll(() => clearProviderEnv());

  it("create fails with one error naming megaport:accessKey and megaport:secretKey and how to set them", async () => {
    const error = await provider.create(toAuto("no-credentials")).then(
      () => new Error("create succeeded"),
      (err: Error) => err,
    );
    expect(error.message).toBe(
      "Invalid megaport:accessKey: Megaport credentials are not set (missing accessKey and secretKey). " +
        "Fix: run `pulumi config set --secret megaport:accessKey <key>` and `pulumi config set --secret megaport:secretKey <secret>`, " +
        "or export MEGAPORT_ACCESS_KEY and MEGAPORT_SECRET_KEY",
    );
  });

  it("with only one of the two keys set, the error names the missing one and never shows the other", async () => {
    process.env.MEGAPORT_SECRET_KEY = "s3cret-value-that-must-not-leak";
    try {
      const error = await provider.create(toAuto("half-credentials")).catch((err: Error) => err);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain("missing accessKey)");
      expect((error as Error).message).not.toContain("s3cret-value-that-must-not-leak");
    } finally {
      delete process.env.MEGAPORT_SECRET_KEY;
    }
    process.env.MEGAPORT_ACCESS_KEY = "access-key-naming-the-account";
    try {
      const error = await provider.read(SOME_UID, {} as never).catch((err: Error) => err);
      expect((error as Error).message).toContain("Invalid megaport:secretKey");
      expect((error as Error).message).not.toContain("access-key-naming-the-account");
    } finally {
      delete process.env.MEGAPORT_ACCESS_KEY;
    }
  });

  it("check needs no credentials", async () => {
    expect((await provider.check({} as never, toAuto("check-only") as never)).failures).toBeUndefined();
  });
});

describe("VxcConnection against the simulator", () => {
  let sim: Simulator;
  let globex: MegaportClient;
  let acme: MegaportClient;

  beforeAll(async () => {
    sim = await startTestSimulator();
    // The test's own clients skip the process-wide rate limiter, which is left to the provider's client.
    const client = (key: { accessKey: string; secretKey: string }) => clientFor(sim, key);
    globex = client(SEED.apiKeys.globexAdmin);
    acme = client(SEED.apiKeys.acmeAdmin);
    pointProviderAt(sim, SEED.apiKeys.globexAdmin, {
      // Read once, when the provider's watcher is made: quick ticks that never back off far.
      MEGAPORT_MX_POLL_INTERVAL_MS: "50",
      MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "200",
    });
  });

  afterAll(async () => {
    clearProviderEnv();
    await globex?.close();
    await acme?.close();
    await sim?.close();
  });

  /** Globex's VXCs with this name that are not gone. */
  async function aliveNamed(name: string): Promise<Vxc[]> {
    const seen = new Map<string, Vxc>();
    for (const product of await globex.listProducts()) {
      for (const vxc of product.associatedVxcs ?? []) seen.set(vxc.productUid, vxc);
    }
    return [...seen.values()].filter(
      (v) =>
        v.productName === name &&
        !["DECOMMISSIONED", "CANCELLED", "FAILED"].includes(v.provisioningStatus ?? ""),
    );
  }

  /** Globex orders straight through the API (the portal's way), to the auto-approving port; resolves once LIVE. */
  async function orderDirectly(name: string, extra: { serviceKey?: string } = {}): Promise<string> {
    const [uid] = await globex.buyVxc([
      {
        productUid: GLOBEX_SYD_RED,
        associatedVxcs: [
          {
            productName: name,
            rateLimit: 50,
            term: 1,
            aEnd: { vlan: 0 },
            bEnd: extra.serviceKey ? { vlan: 0 } : { productUid: ACME_AUTO, vlan: 0 },
            ...extra,
          },
        ],
      },
    ]);
    await eventually(
      async () => (await globex.getVxc(uid)).provisioningStatus === "LIVE",
      5_000,
      `${name} LIVE`,
    );
    return uid;
  }

  const logged = () => log.mock.calls.map((args) => args.map(String).join(" ")).join("\n");

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

  it("a replacement asking for a VLAN the old VXC holds on the same port would be refused: an A-end one moves, a B-end one is refused unless delete-first", async () => {
    const inputs = toAuto("vlan-clash", {
      aEnd: { productUid: GLOBEX_SYD_RED, vlan: -1 },
      bEnd: { productUid: ACME_AUTO, vlan: 345 },
    });
    const { outs } = await provider.create(inputs);
    const replacement = (
      aEnd: { productUid: string; vlan: number },
      bEnd: { productUid: string; vlan: number },
    ) =>
      globex.validateVxcOrder([
        {
          productUid: aEnd.productUid,
          associatedVxcs: [{ productName: "replacement", rateLimit: 100, term: 1, aEnd, bEnd }],
        },
      ]);
    const diff = (news: Record<string, unknown>) =>
      provider.diff(outs!.vxcUid, outs as VxcConnectionOutputs, { ...inputs, ...news });

    // Same A-end port, still untagged, another B-end port: a move through a free VLAN, said at preview.
    await expect(
      replacement({ productUid: GLOBEX_SYD_RED, vlan: -1 }, { productUid: ACME_SYD_RED, vlan: 0 }),
    ).rejects.toThrow(/Untagged VLAN not available/);
    log.mockClear();
    expect((await diff({ bEnd: { productUid: ACME_SYD_RED, vlan: 345 } })).deleteBeforeReplace).toBe(false);
    expect(logged()).toContain("moves: the old VXC stays LIVE until the new one is");

    // Another A-end port, the same B-end port and VLAN: only Acme could move that VLAN.
    await expect(
      replacement({ productUid: GLOBEX_SYD_BLUE, vlan: 0 }, { productUid: ACME_AUTO, vlan: 345 }),
    ).rejects.toThrow(/VLAN 345 not available/);
    await expect(diff({ aEnd: { productUid: GLOBEX_SYD_BLUE, vlan: -1 } })).rejects.toThrow(
      /Invalid bEnd\.vlan: .*cannot be replaced make-before-break.*moveStrategy to "delete-first"/,
    );
    const optedIn = await diff({
      aEnd: { productUid: GLOBEX_SYD_BLUE, vlan: -1 },
      moveStrategy: "delete-first",
    });
    expect(optedIn).toMatchObject({ replaces: ["aEnd"], deleteBeforeReplace: true });

    // A change of moveStrategy alone changes nothing on Megaport: an update that records it.
    expect(await diff({ moveStrategy: "delete-first" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("a move orders on a free VLAN, cancels the old VXC only once the new one is LIVE, then takes the declared VLAN; the old resource's delete does nothing", async () => {
    const before = toAuto("move", {
      aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2400 },
      bEnd: { productUid: ACME_AUTO, vlan: 371 },
    });
    const old = await provider.create(before);
    const after = { ...before, bEnd: { productUid: ACME_AUTO, vlan: 372 } };
    log.mockClear();
    const moved = await provider.create(after);
    expect(moved.id).not.toBe(old.id);
    const now = await globex.getVxc(moved.id);
    expect(now).toMatchObject({ provisioningStatus: "LIVE", aEnd: { vlan: 2400 }, bEnd: { vlan: 372 } });
    expect(moved.outs).toMatchObject({ aEnd: { vlan: 2400 }, assignedAEndVlan: 2400, vxcUid: moved.id });
    expect((await globex.getVxc(old.id)).provisioningStatus).toBe("DECOMMISSIONED");
    expect(logged()).toMatch(
      new RegExp(`the new VXC ${moved.id} is LIVE on A-end VLAN \\d+; cancelling the old one ${old.id}`),
    );
    await provider.delete(old.id, old.outs as VxcConnectionOutputs);
    expect((await globex.getVxc(moved.id)).provisioningStatus).toBe("LIVE");

    // Stopped after the cancel, before the VLAN moved: the next create finds the new VXC by its tag and moves it.
    await globex.updateVxc(moved.id, { aEndVlan: 3999 });
    const resumed = await provider.create(after);
    expect(resumed.id).toBe(moved.id);
    expect((await globex.getVxc(moved.id)).aEnd?.vlan).toBe(2400);
  });

  it("a move whose deadline passes is a plain error, not a partial failure: the old VXC stays LIVE, and the next create resumes waiting for the same order", async () => {
    const before = toAuto("move-deadline", { aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2430 } });
    const old = await provider.create(before);
    const after = { ...before, bEnd: { productUid: ACME_SYD_RED } };
    const shortly = { ...after, __timeouts: { createMs: 1_500, updateMs: 1_500, deleteMs: 10_000 } };
    const error = await provider.create(shortly).then(
      () => new Error("the create succeeded"),
      (err: Error) => err,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(PartialFailure);
    expect(error.message).toContain(`The old VXC ${old.id} stays LIVE and in the stack`);
    expect(error.message).toContain("the next `pulumi up` resumes waiting for it without ordering again");
    expect((await globex.getVxc(old.id)).provisioningStatus).toBe("LIVE");

    const pending = await eventually(
      async () =>
        [...(await acme.listProducts())]
          .flatMap((p) => p.associatedVxcs ?? [])
          .find(
            (v) => v.productName === "Globex move-deadline" && v.vxcApproval?.status === "PENDING_INTERNAL",
          ),
      5_000,
      "Acme to see the request",
    );
    await acme.updateVxc(pending.productUid, { isApproved: true });
    const resumed = await provider.create(after);
    expect(resumed.id).toBe(pending.productUid);
    expect(await globex.getVxc(resumed.id)).toMatchObject({
      provisioningStatus: "LIVE",
      aEnd: { vlan: 2430 },
    });
    expect((await globex.getVxc(old.id)).provisioningStatus).toBe("DECOMMISSIONED");
  });

  it("two moves on one port at once each order on a VLAN of their own", async () => {
    const vlans = [2420, 2421];
    const at = (vlan: number, bVlan: number) =>
      toAuto(`pair-${vlan}`, {
        aEnd: { productUid: GLOBEX_SYD_RED, vlan },
        bEnd: { productUid: ACME_AUTO, vlan: bVlan },
      });
    const olds = await Promise.all(vlans.map((vlan) => provider.create(at(vlan, vlan - 2000))));
    const moved = await Promise.all(vlans.map((vlan) => provider.create(at(vlan, vlan - 1900))));
    for (const [i, { id }] of moved.entries()) {
      expect(await globex.getVxc(id)).toMatchObject({ provisioningStatus: "LIVE", aEnd: { vlan: vlans[i] } });
      expect((await globex.getVxc(olds[i].id)).provisioningStatus).toBe("DECOMMISSIONED");
    }
  });

  it("a VXC of another resource on the declared VLAN is never cancelled: the order is refused by the API instead", async () => {
    const theirs = await provider.create(
      toAuto("theirs", { aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2410 } }),
    );
    const mine = provider.create(toAuto("mine", { aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2410 } }));
    await expect(mine).rejects.toThrow(/VLAN 2410 not available/);
    expect((await globex.getVxc(theirs.id)).provisioningStatus).toBe("LIVE");
  });

  it("a replacement of a LIVE VXC (same resource, another B-end VLAN) orders a new VXC instead of adopting the old one", async () => {
    const old = toAuto("replaced", { bEnd: { productUid: ACME_AUTO, vlan: 361 } });
    const first = await provider.create(old);
    const replacement = await provider.create({ ...old, bEnd: { productUid: ACME_AUTO, vlan: 362 } });
    expect(replacement.id).not.toBe(first.id);
    expect((await globex.getVxc(replacement.id)).bEnd?.vlan).toBe(362);
    await provider.delete(first.id, first.outs as VxcConnectionOutputs);
    expect((await globex.getVxc(replacement.id)).provisioningStatus).toBe("LIVE");
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

  describe("two stacks with the same names and other identities (a second backend)", () => {
    const ours = "6a1d0c3e-0000-4000-8000-00000000000a";
    const theirs = "6a1d0c3e-0000-4000-8000-00000000000b";
    // Each test its own resource name, so no test finds another's orders.
    const as = (resource: string, stackId: string | undefined, overrides: Record<string, unknown> = {}) =>
      ({
        ...toAuto(resource, overrides),
        __owner: { project: "vxc-unit", stack: "test", resource },
        ...(stackId ? { __stackId: stackId } : {}),
      }) as never;
    /**
     * The order another provider process placed (another stack's `up`, or the release before identities): this
     * resource's order tag, its names, and that stack's identity if it had one.
     */
    async function placedElsewhere(resource: string, stackId: string | undefined): Promise<string> {
      const [uid] = await globex.buyVxc([
        {
          productUid: GLOBEX_SYD_RED,
          associatedVxcs: [
            {
              productName: `Globex ${resource}`,
              rateLimit: 100,
              term: 1,
              aEnd: { vlan: 0 },
              bEnd: { productUid: ACME_AUTO, vlan: 0 },
              resourceTags: [
                { key: IDEMPOTENCY_TAG, value: orderTag(as(resource, undefined))! },
                { key: "megaport-mx:holder", value: "elsewhere" },
                { key: "megaport-mx:stack", value: "vxc-unit/test" },
                { key: "megaport-mx:resource", value: resource },
                ...(stackId ? [{ key: "megaport-mx:stack-id", value: stackId }] : []),
              ],
            },
          ],
        },
      ]);
      await eventually(async () => (await globex.getVxc(uid)).provisioningStatus === "LIVE", 5_000, "LIVE");
      return uid;
    }

    // Orders another process placed are older than the listing this provider process shares (at most
    // LISTING_AGES.productsMs old): place them first, and wait until any listing it may share is newer.
    const elsewhere: Record<string, string> = {};
    beforeAll(async () => {
      elsewhere.found = await placedElsewhere("same-found", theirs);
      elsewhere.legacy = await placedElsewhere("same-legacy", undefined);
      const placedAt = Date.now();
      await eventually(
        async () => Date.now() - placedAt > LISTING_AGES.productsMs,
        LISTING_AGES.productsMs + 1_000,
        "the provider's shared listing to be newer than the orders",
      );
    });

    it("an order carries the stack's identity", async () => {
      const first = await provider.create(as("same-tagged", theirs));
      expect(await globex.getResourceTags(first.id)).toContainEqual({
        key: "megaport-mx:stack-id",
        value: theirs,
      });
      await provider.delete(first.id, first.outs as VxcConnectionOutputs);
    });

    it("a create finding the other stack's order by its tag orders its own instead of taking it", async () => {
      const theirUid = elsewhere.found;
      const second = await provider.create(as("same-found", ours));
      expect(second.id).not.toBe(theirUid);
      await provider.delete(second.id, second.outs as VxcConnectionOutputs);
      expect((await globex.getVxc(theirUid)).provisioningStatus).toBe("LIVE");
      await globex.cancelProduct(theirUid, "CANCEL_NOW");
    });

    it("adoptUid of the other stack's VXC is refused, naming the UID and its holder", async () => {
      const first = await provider.create(as("same-adopted", theirs));
      const error = await provider
        .create(as("same-adopted", ours, { adoptUid: first.id }))
        .catch((err: Error) => err);
      expect(String((error as Error).message)).toContain(
        `VXC ${first.id} is held by another stack (stack vxc-unit/test, resource "same-adopted", stack identity ${theirs})`,
      );
      await provider.delete(first.id, first.outs as VxcConnectionOutputs);
    });

    it("delete never cancels a VXC whose tags name another identity", async () => {
      const first = await provider.create(as("same-deleted", theirs));
      const props = { ...(first.outs as Record<string, unknown>), __stackId: ours } as never;
      log.mockClear();
      await provider.delete(first.id, props);
      expect(logged()).toContain("not cancelled: its tags name another stack identity");
      expect((await globex.getVxc(first.id)).provisioningStatus).toBe("LIVE");
      await provider.delete(first.id, first.outs as VxcConnectionOutputs);
      expect((await globex.getVxc(first.id)).provisioningStatus).toBe("DECOMMISSIONED");
    });

    it("a move never cancels the other stack's VXC holding the declared VLAN, though its order tag names the same resource", async () => {
      const at = (bVlan: number) =>
        as("same-moved", theirs, {
          aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2440 },
          bEnd: { productUid: ACME_AUTO, vlan: bVlan },
        }) as Record<string, unknown>;
      const theirsLive = await provider.create(at(381) as never);
      const ourMove = { ...at(382), __stackId: ours } as never;
      const error = await provider.create(ourMove).catch((err: Error) => err);
      expect(String((error as Error).message)).toMatch(/VLAN 2440 not available/);
      expect((await globex.getVxc(theirsLive.id)).provisioningStatus).toBe("LIVE");
      await provider.delete(theirsLive.id, theirsLive.outs as VxcConnectionOutputs);
    });

    it("an order of the release before identities (no identity tag) is adopted by its tag and given the identity", async () => {
      const legacy = elsewhere.legacy;
      const resumed = await provider.create(as("same-legacy", ours));
      expect(resumed.id).toBe(legacy);
      expect(await globex.getResourceTags(legacy)).toContainEqual({
        key: "megaport-mx:stack-id",
        value: ours,
      });
      await provider.delete(resumed.id, resumed.outs as VxcConnectionOutputs);
    });
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

describe("progress lines while the API fails", () => {
  const base = { waitingFor: "x", message: "x", found: true, transientErrors: 0, failuresInARow: 0 };

  it("add nothing while the looks work", () => {
    expect(apiTrouble(base)).toBe("");
  });

  it("say how long the API has failed, how, and how old the state shown is", () => {
    const error = new RateLimitedError({
      status: 429,
      method: "GET",
      path: "/v2/products",
      megaportMessage: "Too Many Requests",
    });
    expect(
      apiTrouble({
        ...base,
        failuresInARow: 12,
        failingForMs: 130_000,
        lastSeenAgoMs: 135_000,
        lastError: error,
      }),
    ).toBe(
      " — the Megaport API has failed the last 12 looks for 2m10s (HTTP 429 Too Many Requests); retrying; state as last seen 2m15s ago",
    );
  });
});
