// The recorded shapes of real answers (tests/fixtures, README there says where each comes from) against what
// the simulator serves for the same call in the same situation: every key a recording has must be served,
// recursively, with the same JSON type (shape.ts). Keys the simulator does not serve are listed below with a
// reason each, split into gaps that are legitimate (the simulator models no such thing) and gaps found by this
// suite and reported (the real API has them and the simulator should too). Both lists must be exact: a new
// gap fails, and so does a listed gap that has been closed, so the lists cannot go stale.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ContractWorld, SEED, buyBody, type Json } from "./contract-world";
import { shapeMismatches } from "./shape";

const P = SEED.ports;
const FIXTURES = join(__dirname, "..", "fixtures");
const DAY = 86_400_000;

const fixture = (name: string): Json => JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));

interface Recording {
  name: string;
  fixture: string;
  /** The part of the fixture compared (the whole file unless said). */
  recorded: (fixture: Json) => unknown;
  /** Key of `served` filled in beforeAll. */
  served: keyof typeof served;
  /** Keys the simulator legitimately lacks: path → why. */
  legitimateGaps: Record<string, string>;
  /** Keys the real API sends that the simulator should, but does not yet: path → what is missing. Reported. */
  reportedGaps: Record<string, string>;
}

const NO_CSP = "the simulator has no cloud on-ramp (CSP) ports, so no VXC of it has a csp_connection";

const recordings: Recording[] = [
  {
    name: "the token answer",
    fixture: "token-response.json",
    recorded: (f) => f,
    served: "token",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "a VXC waiting for the provider, as the customer reads it",
    fixture: "vxc-with-approval.json",
    recorded: (f) => f,
    served: "pendingVxc",
    legitimateGaps: { "data.resources.csp_connection": NO_CSP },
    reportedGaps: {},
  },
  {
    name: "the provider's products with a live incoming VXC",
    fixture: "products-with-vll-quirk.json",
    recorded: (f) => f,
    served: "acmeProducts",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "a decommissioned VXC with the empty vll quirk",
    fixture: "products-with-vll-quirk.json",
    recorded: (f) => f.data[0].associatedVxcs[1],
    served: "decommissionedVxc",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "the buy answer for a Marketplace order still waiting for the provider",
    fixture: "buy-vxc-response.json",
    recorded: (f) => f,
    served: "buy",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "a new service key with its productDto",
    fixture: "service-key.json",
    recorded: (f) => f,
    served: "serviceKey",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "the partner port list",
    fixture: "partner-ports.json",
    recorded: (f) => f,
    served: "partnerPorts",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "the network regions",
    fixture: "network-regions.json",
    recorded: (f) => f,
    served: "networkRegions",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "one user",
    fixture: "employee.json",
    recorded: (f) => f,
    served: "employee",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "a port just locked",
    fixture: "product-lock.json",
    recorded: (f) => f,
    served: "lockedPort",
    legitimateGaps: {
      // The port answer everywhere else spells the flag vxcPermitted (the recorded /v2/products dump does).
      "data.vxcpermitted": "the simulator spells it vxcPermitted outside service keys' productDto",
      ...Object.fromEntries(
        ["description", "id", "name"].map((key) => [
          `data.resources.interface.${key}`,
          "only in megaportgo's hand-written mock, zero-valued; the recorded /v2/products dump's interface has none",
        ]),
      ),
    },
    reportedGaps: {},
  },
  {
    name: "a VXC price with a term discount",
    fixture: "pricebook-vxc.json",
    recorded: (f) => f,
    served: "pricebook",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "the approval queue with a pending connection request",
    fixture: "order-approvals.json",
    recorded: (f) => f,
    served: "orderApprovals",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "the company's users, none with a companyId",
    fixture: "employment-without-company-id.json",
    recorded: (f) => f,
    served: "employment",
    legitimateGaps: {},
    reportedGaps: {},
  },
  {
    name: "an MCR's VXC to a cloud, its MCR end a VROUTER csp_connection",
    fixture: "products-with-vrouter.json",
    recorded: (f) => f.data[0].associatedVxcs[0],
    served: "liveVxc",
    legitimateGaps: {
      "resources.csp_connection": `${NO_CSP}, and no MCR, whose end of a VXC is the VROUTER one`,
    },
    reportedGaps: {
      "resources.vll.a_inner_vlan": "the vll's A-end inner VLAN; the simulator's vll carries no inner VLANs",
      "resources.vll.ainnerVlan": "the same inner VLAN in its second spelling, as recorded",
    },
  },
  {
    name: "an approval queue answer",
    fixture: "order-approval-action.json",
    recorded: (f) => f,
    served: "orderApprovalAction",
    legitimateGaps: {},
    reportedGaps: {},
  },
];

const served = {
  token: undefined as unknown,
  pendingVxc: undefined as unknown,
  acmeProducts: undefined as unknown,
  decommissionedVxc: undefined as unknown,
  buy: undefined as unknown,
  serviceKey: undefined as unknown,
  partnerPorts: undefined as unknown,
  networkRegions: undefined as unknown,
  employee: undefined as unknown,
  lockedPort: undefined as unknown,
  pricebook: undefined as unknown,
  orderApprovals: undefined as unknown,
  orderApprovalAction: undefined as unknown,
  employment: undefined as unknown,
  liveVxc: undefined as unknown,
};

let world: ContractWorld;

beforeAll(async () => {
  world = await ContractWorld.start();
  const ok = async (res: Promise<{ status: number; body: Json }>) => {
    const { status, body } = await res;
    if (status !== 200) throw new Error(`setup call failed: HTTP ${status} ${JSON.stringify(body)}`);
    return body;
  };

  served.token = (await world.tokenResponse("globexAdmin")).body;

  // Acme Sydney Red's first VXC: incoming from Globex, accepted and LIVE, like the recorded port's first one.
  await world.liveGlobexToAcme({ to: P.acmeSydRed.uid });
  served.acmeProducts = await ok(world.raw("acmeAdmin", "/v2/products"));
  served.liveVxc = (served.acmeProducts as Json).data[0].associatedVxcs[0];

  const pending = await world.order("globexAdmin", { from: P.globexSydBlue.uid, to: P.acmeSydBlue.uid });
  served.pendingVxc = await ok(world.raw("globexAdmin", `/v2/product/${pending}`));

  const gone = (await world.liveGlobexToAcme({ to: P.acmeSydBlue.uid })).productUid;
  await world.client("globexAdmin").cancelProduct(gone, "CANCEL_NOW");
  await world.advanceClock(1000);
  served.decommissionedVxc = (await ok(world.raw("globexAdmin", `/v2/product/${gone}`))).data;

  served.buy = await ok(
    world.raw("globexAdmin", "/v4/networkdesign/buy", {
      method: "POST",
      body: buyBody({
        from: P.globexMelRed.uid,
        to: P.acmeMelRed.uid,
        name: "globex-to-acme",
        rateLimit: 500,
      }),
    }),
  );

  served.serviceKey = await ok(
    world.raw("acmeAdmin", "/v2/service/key", {
      method: "POST",
      body: {
        productUid: P.acmeSydRed.uid,
        singleUse: true,
        vlan: 300,
        maxSpeed: 500,
        preApproved: true,
        description: "Globex onboarding, single use",
        validFor: { start: Date.now(), end: Date.now() + 30 * DAY },
      },
    }),
  );

  served.partnerPorts = await ok(world.raw("globexAdmin", "/v2/dropdowns/partner/megaports"));
  served.networkRegions = await ok(world.raw("globexAdmin", "/v2/networkRegions", { token: false }));
  served.lockedPort = await ok(
    world.raw("acmeAdmin", `/v2/product/${P.acmeMelRed.uid}/lock`, { method: "POST" }),
  );
  await ok(world.raw("acmeAdmin", `/v2/product/${P.acmeMelRed.uid}/lock`, { method: "DELETE" }));
  served.pricebook = await ok(
    world.raw("globexAdmin", "/v4/pricebook/product", {
      method: "POST",
      body: { productType: "VXC", aLocationId: 3, bLocationId: 50, speed: 1000, term: 12 },
    }),
  );
  // A fresh request from Globex to Acme, listed, then approved through the queue.
  const queued = await world.order("globexAdmin", { from: P.globexSydRed.uid, to: P.acmeSydBlue.uid });
  const queuedApproval = (await world.client("globexAdmin").getVxc(queued)).vxcApproval?.uid;
  served.orderApprovals = await ok(world.raw("acmeAdmin", "/v3/order_approvals?status=PENDING&pageSize=1"));
  served.orderApprovalAction = await ok(
    world.raw("acmeAdmin", `/v3/order_approvals/${queuedApproval}/approve`, {
      method: "POST",
      body: { comments: "welcome" },
    }),
  );
  served.employment = await ok(world.raw("acmeAdmin", "/v2/employment"));
  served.employee = await ok(
    world.raw("acmeAdmin", `/v2/employee/${SEED.users.acmeTechnicalAdmin.employeeId}`),
  );
});
afterAll(() => world.close());

it("every recorded fixture has a row here", () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
  expect([...new Set(recordings.map((r) => r.fixture))].sort()).toEqual(files.sort());
});

it("the situations match the recordings (same status and approval as recorded)", () => {
  const s = served as Json;
  expect(s.pendingVxc.data.vxcApproval.status).toBe("PENDING_EXTERNAL");
  expect(s.pendingVxc.data.provisioningStatus).toBe("DEPLOYABLE");
  const firstPort = s.acmeProducts.data[0];
  expect(firstPort.productUid).toBe(P.acmeSydRed.uid);
  expect(firstPort.associatedVxcs[0]).toMatchObject({ provisioningStatus: "LIVE" });
  expect(firstPort.associatedVxcs[0].aEnd.ownerUid).toBe(SEED.companies.globex.uid);
  expect(s.decommissionedVxc).toMatchObject({ provisioningStatus: "DECOMMISSIONED", resources: { vll: [] } });
  expect(s.buy.data[0]).toMatchObject({
    nonPayerStatus: "PENDING",
    fullyApproved: false,
    payerMegaPortName: P.globexMelRed.name,
    nonPayerMegaPortName: P.acmeMelRed.name,
    payerInnerVlanId: null,
    nonPayerInnerVlanId: null,
    attributeTags: {},
    vxc: { productType: "VXC", createDate: s.buy.data[0].createDate },
  });
  expect(s.serviceKey.data.productDto.productUid).toBe(P.acmeSydRed.uid);
  // The real productDto spells the flag vxcpermitted (docs/megaport-api.md §3); only that spelling is served there.
  expect(s.serviceKey.data.productDto.vxcpermitted).toBe(true);
  expect(s.serviceKey.data.productDto).not.toHaveProperty("vxcPermitted");
  expect(s.acmeProducts.data[0].vxcPermitted).toBe(true);
  expect(s.acmeProducts.data[0]).not.toHaveProperty("vxcpermitted");
  expect(s.partnerPorts.data[0].companyName).toBe("Acme Networks");
});

describe("the simulator serves every recorded key with the recorded JSON type", () => {
  it.each(recordings)("$name ($fixture)", (row) => {
    const mismatches = shapeMismatches(row.recorded(fixture(row.fixture)), served[row.served]);
    const listed = [...Object.keys(row.legitimateGaps), ...Object.keys(row.reportedGaps)];
    expect(mismatches.map((m) => `${m.path}: ${m.problem}`).sort()).toEqual(
      listed.map((path) => `${path}: missing`).sort(),
    );
  });
});
