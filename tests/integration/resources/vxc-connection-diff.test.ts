// VxcConnection diff: which changes replace the VXC and which update it in place, what never shows as a change,
// when a replacement deletes first (or is refused), and a lookup that now finds another company refused. The
// simulator answers the provider lookups a replacement checks.
import { ValidationError } from "../../../provider/client/errors";
import { provider } from "../../../provider/resources/vxc-connection";
import type { VxcConnectionOutputs } from "../../../provider/kinds/vxc-connection/vxc-connection-schema";
import { SEED } from "../../../simulator/seed";
import { clearProviderEnv, pointProviderAt } from "../../support/simulator-clients";
import { startTestSimulator, type Simulator } from "../../support/simulator";
import {
  A_SERVICE_KEY,
  ACME_SYD_BLUE,
  ACME_SYD_RED,
  captureLog,
  GLOBEX_SYD_BLUE,
  GLOBEX_SYD_RED,
  hidden,
  SOME_UID,
} from "./vxc-world";

captureLog();

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
