// ApprovalPolicy: check reports every policy problem on its rule path with the fix (warnings only printed), diff
// updates in place and ignores hidden keys, and create/read/update/delete against a real simulator settle the
// requests Globex sends to Acme's ports: accepted, denied with a reason Globex can read, or left for a person.
import { MegaportClient } from "../../../provider/client/megaport-client";
import { provider } from "../../../provider/resources/approval-policy";
import type { ApprovalPolicyOutputs } from "../../../provider/kinds/approval-policy/approval-policy-schema";
import { hiddenInputs } from "../../support/hidden-inputs";
import { startTestSimulator, type Simulator } from "../../support/simulator";
import { SEED } from "../../../simulator/seed";
import { clearProviderEnv, clientFor, pointProviderAt } from "../../support/simulator-clients";
import { failureAt } from "../../support/check-failures";

const ACME = SEED.companies.acme.uid;
const SYD_RED = SEED.ports.acmeSydRed.uid;
const SYD_BLUE = SEED.ports.acmeSydBlue.uid;
const MEL_RED = SEED.ports.acmeMelRed.uid;
const HIDDEN = hiddenInputs();
const BLUE_IS_FULL = "Sydney Blue is full; please order to Acme Sydney Red instead.";

const savedEnv = { ...process.env };
const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
afterAll(() => {
  process.env = savedEnv;
  log.mockRestore();
});

/** Red is accepted, Blue is denied with a reason, anything else waits for a person. */
const policy = () => ({
  rules: [
    { name: "sydney-red", match: { ports: [SYD_RED] }, action: "accept" as const },
    { name: "sydney-blue-full", match: { ports: [SYD_BLUE] }, action: "deny" as const, reason: BLUE_IS_FULL },
  ],
  defaultAction: "manual" as const,
});

describe("ApprovalPolicy check", () => {
  beforeAll(() => clearProviderEnv());

  const rows: { name: string; inputs: Record<string, unknown>; property: string; message: string }[] = [
    {
      name: "a deny rule without a reason",
      inputs: { rules: [{ name: "no", match: {}, action: "deny" }] },
      property: "rules[0].reason",
      message:
        'rule "no" denies requests without a reason; the customer would not know why. Fix: Add a reason',
    },
    {
      name: "an unknown action",
      inputs: { rules: [{ name: "maybe", match: {}, action: "maybe" }] },
      property: "rules[0].action",
      message: "Fix: Use one of: accept, deny, manual.",
    },
    {
      name: "a misspelt key in a match",
      inputs: { rules: [{ name: "typo", match: { port: [SYD_RED] }, action: "accept" }] },
      property: "rules[0].match.port",
      message: 'Unknown key "port". Fix: Remove it or correct its spelling',
    },
    {
      name: "a rule the one before it always wins",
      inputs: {
        rules: [
          { name: "all", match: {}, action: "accept" },
          { name: "red", match: { ports: [SYD_RED] }, action: "accept" },
        ],
      },
      property: "rules[1]",
      message: 'Rule "red" can never match',
    },
    {
      name: "a speed range upside down",
      inputs: { rules: [{ name: "odd", match: { rateLimit: { min: 1000, max: 100 } }, action: "accept" }] },
      property: "rules[0].match.rateLimit",
      message: "min (1000) is above its max (100)",
    },
    {
      name: "a VLAN assigned on a deny",
      inputs: { rules: [{ name: "v", match: {}, action: "deny", reason: "No.", bEndVlan: 100 }] },
      property: "rules[0].bEndVlan",
      message: "a VLAN is only assigned when accepting",
    },
    {
      name: "a default deny without a reason",
      inputs: { defaultAction: "deny" },
      property: "defaultReason",
      message: "the default denies requests without a reason",
    },
    {
      name: "settleBacklog that is not a boolean",
      inputs: { settleBacklog: "yes" },
      property: "settleBacklog",
      message: "settleBacklog must be true or false",
    },
    {
      name: "a misspelt top-level key",
      inputs: { rule: [] },
      property: "rule",
      message: 'Unknown key "rule"',
    },
  ];

  it.each(rows)("rejects $name at $property, with the fix", async ({ inputs, property, message }) => {
    const result = await provider.check({} as never, { ...inputs, ...HIDDEN } as never);
    expect(result.inputs).toBeUndefined();
    expect(result.failures).toEqual([failureAt(property, message)]);
  });

  it("fills in the defaults and keeps the hidden inputs", async () => {
    const result = await provider.check({} as never, HIDDEN as never);
    expect(result).toEqual({
      inputs: { rules: [], defaultAction: "manual", settleBacklog: true, ...HIDDEN },
    });
  });

  it("prints overlap warnings without failing", async () => {
    log.mockClear();
    const result = await provider.check(
      {} as never,
      {
        rules: [
          { name: "deny-initech", match: { companies: ["Initech"] }, action: "deny", reason: "Not today." },
          { name: "small", match: { rateLimit: { max: 1000 } }, action: "accept" },
        ],
        ...HIDDEN,
      } as never,
    );
    expect(result.failures).toBeUndefined();
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/^ApprovalPolicy warning at rules\[1\]: Rule "small" \(accept\) overlaps/),
    );
  });

  it("skips the port check when there are no credentials", async () => {
    const result = await provider.check({} as never, { rules: [policy().rules[0]], ...HIDDEN } as never);
    expect(result.failures).toBeUndefined();
  });
});

describe("ApprovalPolicy diff", () => {
  const olds = {
    ...policy(),
    settleBacklog: true,
    ...HIDDEN,
    companyUid: ACME,
    lastSettlement: null,
    pendingRequests: 0,
    decidableRequests: 0,
  } as ApprovalPolicyOutputs;
  const news = () => ({ ...policy(), settleBacklog: true, ...HIDDEN });
  const rows: { name: string; change: (n: ReturnType<typeof news>) => object; changes: boolean }[] = [
    { name: "nothing changed", change: (n) => n, changes: false },
    {
      name: "only hidden keys changed",
      change: (n) => ({ ...n, __idempotencyKey: "x", __provider: "new" }),
      changes: false,
    },
    {
      name: "a rule's action",
      change: (n) => ({ ...n, rules: [{ ...n.rules[0], action: "manual" }, n.rules[1]] }),
      changes: true,
    },
    { name: "the rule order", change: (n) => ({ ...n, rules: [n.rules[1], n.rules[0]] }), changes: true },
    {
      name: "the default action",
      change: (n) => ({ ...n, defaultAction: "deny", defaultReason: "No." }),
      changes: true,
    },
    { name: "settleBacklog", change: (n) => ({ ...n, settleBacklog: false }), changes: true },
  ];

  it.each(rows)("$name: changes=$changes, never a replace", async ({ change, changes }) => {
    expect(await provider.diff("id", olds, change(news()) as never)).toEqual({ changes, replaces: [] });
  });

  it("requests the rules would answer, found by refresh, make the next up an update that settles them", async () => {
    const refreshed = { ...olds, pendingRequests: 2, decidableRequests: 1 };
    expect(await provider.diff("id", refreshed, news() as never)).toEqual({ changes: true, replaces: [] });
    expect(await provider.diff("id", refreshed, { ...news(), settleBacklog: false } as never)).toEqual({
      changes: true, // settleBacklog itself changed
      replaces: [],
    });
    const onlyManual = { ...olds, pendingRequests: 2, decidableRequests: 0 };
    expect(await provider.diff("id", onlyManual, news() as never)).toEqual({ changes: false, replaces: [] });
  });
});

describe("ApprovalPolicy against the simulator", () => {
  let sim: Simulator;
  let globex: MegaportClient;
  let acme: MegaportClient;

  beforeAll(async () => {
    sim = await startTestSimulator();
    const client = (key: { accessKey: string; secretKey: string }) => clientFor(sim, key);
    globex = client(SEED.apiKeys.globexAdmin);
    acme = client(SEED.apiKeys.acmeAdmin);
    pointProviderAt(sim, SEED.apiKeys.acmeAdmin);
  });

  afterAll(async () => {
    clearProviderEnv();
    await sim?.close();
  });

  /** Globex orders a VXC from its Sydney port to one of Acme's ports; it waits for Acme's answer. */
  async function globexOrders(name: string, bEndPortUid: string): Promise<string> {
    const [uid] = await globex.buyVxc([
      {
        productUid: SEED.ports.globexSydRed.uid,
        associatedVxcs: [
          {
            productName: name,
            rateLimit: 100,
            term: 1,
            aEnd: { vlan: 0 },
            bEnd: { productUid: bEndPortUid, vlan: 0 },
          },
        ],
      },
    ]);
    return uid;
  }

  it("check refuses a rule naming a port Acme does not own, once credentials are set", async () => {
    const globexPort = SEED.ports.globexSydRed.uid;
    const result = await provider.check(
      {} as never,
      {
        rules: [{ name: "theirs", match: { ports: [SYD_RED, globexPort] }, action: "accept" }],
        ...HIDDEN,
      } as never,
    );
    expect(result.failures).toEqual([
      failureAt("rules[0].match.ports[1]", `names port "${globexPort}", which is not one of your ports`),
    ]);
  });

  describe("companies a rule names, checked at preview", () => {
    const INITECH = SEED.companies.initech.uid;
    const initech = () => clientFor(sim, SEED.apiKeys.initechAdmin);
    const rule = (companies: string[]) => ({
      rules: [{ name: "friends", match: { companies }, action: "accept" }],
      ...HIDDEN,
    });

    let request: string;
    beforeAll(async () => {
      // Initech (legal name "Initech LLC", trading as "Initech") asks Acme for a connection.
      [request] = await initech().buyVxc([
        {
          productUid: SEED.ports.initechSyd.uid,
          associatedVxcs: [
            {
              productName: "initech to acme",
              rateLimit: 100,
              term: 1,
              aEnd: { vlan: 0 },
              bEnd: { productUid: MEL_RED, vlan: 0 },
            },
          ],
        },
      ]);
    });
    // The later tests count Globex's requests only.
    afterAll(() => acme.updateVxc(request, { isApproved: false }));

    it("a rule naming Initech's trading name is refused, with its legal name and UID to write instead", async () => {
      await initech().setMarketplaceProfile({ profileVisibility: "PUBLIC" });
      const result = await provider.check({} as never, rule(["Initech"]) as never);
      expect(result.failures).toEqual([
        failureAt("rules[0].match.companies[0]", `the Marketplace trading name of Initech LLC (${INITECH})`),
      ]);
      expect(result.failures![0].reason).toContain(
        `Write its legal name "Initech LLC" or its UID ${INITECH}`,
      );
    });

    it("with Initech's profile private, the trading name is still reported: a warning naming the legal name", async () => {
      await initech().setMarketplaceProfile({ profileVisibility: "PRIVATE" });
      log.mockClear();
      const result = await provider.check({} as never, rule(["Initech"]) as never);
      expect(result.failures).toBeUndefined();
      expect(log.mock.calls.map(([line]) => String(line))).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/rules\[0\]\.match\.companies\[0\].*"Initech".*Did you mean "Initech LLC"\?/),
        ]),
      );
    });

    it("says at preview which company each entry matches, by legal name and by UID", async () => {
      log.mockClear();
      const result = await provider.check({} as never, rule(["initech llc", INITECH]) as never);
      expect(result.failures).toBeUndefined();
      const lines = log.mock.calls.map(([line]) => String(line));
      expect(lines).toEqual(
        expect.arrayContaining([
          `ApprovalPolicy rules[0].match.companies[0]: Rule "friends": "initech llc" matches Initech LLC (${INITECH}) by legal name.`,
          `ApprovalPolicy rules[0].match.companies[1]: Rule "friends": "${INITECH}" matches Initech LLC (${INITECH}) by UID.`,
        ]),
      );
    });
  });

  it("create accepts one request and denies another with a reason Globex can read, and leaves the rest", async () => {
    const toRed = await globexOrders("to red", SYD_RED);
    const toBlue = await globexOrders("to blue", SYD_BLUE);
    const toMel = await globexOrders("to melbourne", MEL_RED);
    log.mockClear();

    const { id, outs } = await provider.create({ ...policy(), settleBacklog: true, ...HIDDEN });

    expect(id).toMatch(new RegExp(`^${ACME}/[0-9a-f]{16}$`));
    expect(outs).toMatchObject({
      ...policy(),
      companyUid: ACME,
      pendingRequests: 1,
      lastSettlement: {
        accepted: 1,
        denied: 1,
        manual: 1,
        failed: 0,
        vxcUids: { accepted: [toRed], denied: [toBlue], manual: [toMel], failed: [] },
        errors: [],
      },
    });
    const lines = log.mock.calls.map(([line]) => String(line));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`accepted new connection at 100 Mbps on VXC ${toRed} (to red) from`),
        expect.stringContaining(`denied new connection at 100 Mbps on VXC ${toBlue} (to blue)`),
        expect.stringContaining(`left new connection at 100 Mbps on VXC ${toMel} (to melbourne)`),
      ]),
    );

    const denied = await globex.getVxc(toBlue);
    expect(denied.provisioningStatus).toBe("FAILED");
    expect(denied.vxcApproval).toMatchObject({ status: "REJECTED", message: BLUE_IS_FULL });
    expect((await globex.getVxc(toRed)).vxcApproval?.status ?? null).toBeNull();
    expect((await globex.getVxc(toMel)).vxcApproval?.status).toBe("PENDING_EXTERNAL");

    // The same resource always gets the same id.
    const again = await provider.create({ ...policy(), settleBacklog: true, ...HIDDEN });
    expect(again.id).toBe(id);
  });

  it("read keeps the rules and reports how many requests wait now", async () => {
    const { id, outs } = await provider.create({ ...policy(), settleBacklog: true, ...HIDDEN });
    await globexOrders("later", MEL_RED);
    const read = await provider.read(id, outs as ApprovalPolicyOutputs);
    expect(read.id).toBe(id);
    expect(read.props).toEqual({ ...outs, pendingRequests: outs!.pendingRequests + 1 });
    expect(read.inputs).toEqual({ ...policy(), settleBacklog: true, ...HIDDEN });
  });

  it("update settles by the new rules and returns the full outputs; settleBacklog false answers nothing", async () => {
    const { id, outs: olds } = await provider.create({ ...policy(), settleBacklog: false, ...HIDDEN });
    expect(olds).toMatchObject({ lastSettlement: null });
    const waiting = olds!.pendingRequests;
    expect(waiting).toBeGreaterThan(0);

    const { outs } = await provider.update(id, olds as ApprovalPolicyOutputs, {
      rules: [],
      defaultAction: "accept",
      settleBacklog: true,
      ...HIDDEN,
    });
    expect(outs).toMatchObject({
      rules: [],
      defaultAction: "accept",
      companyUid: ACME,
      pendingRequests: 0,
      lastSettlement: { accepted: waiting, denied: 0, manual: 0, failed: 0 },
    });
  });

  it("fails the update only when every decision failed", async () => {
    const uid = await globexOrders("fails", MEL_RED);
    // 429 with Retry-After 0: the client's retries run out at once, and the accept fails.
    sim.faults.replace([
      { kind: "status", status: 429, retryAfterSeconds: 0, method: "PUT", path: "/v3/product/vxc/" },
    ]);
    try {
      await expect(
        provider.update("id", {} as ApprovalPolicyOutputs, {
          rules: [],
          defaultAction: "accept",
          settleBacklog: true,
          ...HIDDEN,
        }),
      ).rejects.toThrow(
        new RegExp(`could not answer any of the 1 request\\(s\\)[\\s\\S]*VXC ${uid}: Megaport answered PUT`),
      );
    } finally {
      sim.faults.replace([]);
    }
    expect((await acme.getVxc(uid)).vxcApproval?.status).toBe("PENDING_INTERNAL");
  });

  it("delete changes nothing at Megaport and says requests now wait for a person", async () => {
    const before = (await acme.listProducts()).length;
    log.mockClear();
    await provider.delete(`${ACME}/0123456789abcdef`);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("wait for a person"));
    expect((await acme.listProducts()).length).toBe(before);
  });
});
