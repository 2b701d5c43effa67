// The approver's pure parts, table-driven: its command line, how policy problems name the rule, how a stack's
// ApprovalPolicy outputs become a policy, and the pause between cycles.
import { EXIT } from "../../cli/exit-codes";
import { ApproverService } from "../../cli/approver/approver-service";
import { parseApproverFlags } from "../../cli/approver/flags";
import { UsageError } from "../../cli/errors";
import { ApproverMetrics } from "../../cli/approver/metrics";
import { PolicyTracker, evaluate } from "../../cli/approver/policy-source";
import { policyFromResources } from "../../cli/approver/provider-stack";
import { pluginTypeToken, typeToken } from "../../provider/kinds/kinds";
import { main } from "../../cli/main";
import { parseOrphansArgs } from "../../cli/orphans";

describe("approver flags", () => {
  it.each([
    [
      ["--rules", "r.yaml"],
      { rulesFile: "r.yaml", once: false, intervalMs: 5000, policyRefreshMs: 30_000, maxBackoffMs: 60_000 },
    ],
    [
      ["--stack", "prod", "--cwd", "/p", "--policy", "main"],
      { stack: "prod", cwd: "/p", policyName: "main" },
    ],
    [["--rules", "r", "--once", "--interval", "500ms"], { once: true, intervalMs: 500 }],
    [
      ["--rules", "r", "--interval", "2m", "--max-backoff", "90"],
      { intervalMs: 120_000, maxBackoffMs: 90_000 },
    ],
    [["--rules", "r", "--listen", "9464"], { listen: { host: "127.0.0.1", port: 9464 } }],
    [["--rules", "r", "--listen", "0.0.0.0:9464"], { listen: { host: "0.0.0.0", port: 9464 } }],
    [["--rules", "r", "--listen", "[::1]:0"], { listen: { host: "::1", port: 0 } }],
    [["--rules", "r", "--lock-url", "postgres://db/approver"], { lockUrl: "postgres://db/approver" }],
  ])("%j parses", (argv, expected) => {
    expect(parseApproverFlags(argv, {})).toMatchObject(expected);
  });

  it("reads the lock URL from the environment when no flag gives it", () => {
    expect(
      parseApproverFlags(["--rules", "r"], { MEGAPORT_MX_APPROVER_LOCK_URL: "postgresql://db/x" }).lockUrl,
    ).toBe("postgresql://db/x");
  });

  it.each([
    [[], "exactly one of --rules"],
    [["--rules", "r", "--stack", "s"], "exactly one of --rules"],
    [["--rules", "r", "--cwd", "/p"], "--cwd and --policy go with --stack"],
    [["--rules", "r", "--interval", "soon"], '--interval "soon" is not a duration'],
    [["--rules", "r", "--interval", "5ms"], "at least 10ms"],
    [["--rules", "r", "--listen", "host:port"], "is not [host:]port"],
    [["--rules", "r", "--lock-url", "mysql://db"], "postgres:// or postgresql://"],
    [["--rules", "r", "--verbose"], "Unknown option '--verbose'"],
    [["--rules", "r", "extra"], "extra"],
  ])("%j is a usage error saying %s", (argv, message) => {
    expect(() => parseApproverFlags(argv, {})).toThrow(UsageError);
    expect(() => parseApproverFlags(argv, {})).toThrow(message);
  });

  it("answers --help without a policy source", () => {
    expect(parseApproverFlags(["--help"], {}).help).toBe(true);
  });

  it("makes the same UsageError as every other command, with its stable code", () => {
    for (const parse of [
      () => parseApproverFlags(["--verbose"], {}),
      () => parseOrphansArgs(["--verbose"]),
    ]) {
      expect(parse).toThrow(UsageError);
      expect(parse).toThrow(expect.objectContaining({ code: "MX_USAGE", name: "UsageError" }));
    }
  });
});

describe("the megaport-mx command table", () => {
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    out = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    err = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    [["--help"], EXIT.OK, "approver"],
    [[], EXIT.USAGE, "Usage: megaport-mx <command>"],
    [["approver", "--help"], EXIT.OK, "--lock-url"],
  ])("%j exits %i and prints %s", async (argv, code, text) => {
    expect(await main(argv)).toBe(code);
    expect(out.mock.calls.join("")).toContain(text);
  });

  it("an unknown command exits 64 naming it", async () => {
    expect(await main(["orphanz"])).toBe(EXIT.USAGE);
    expect(err.mock.calls.join("")).toContain('unknown command "orphanz"');
  });
});

describe("policy problems", () => {
  it.each([
    [
      { rules: [{ name: "big", match: { rateLimit: { min: 10, max: 1 } }, action: "accept" }] },
      'rules[0] ("big").match.rateLimit',
    ],
    [{ rules: [{ name: "no-reason", match: {}, action: "deny" }] }, 'rules[0] ("no-reason").reason'],
    [{ rules: [{ name: "typo", match: { port: [] }, action: "accept" }] }, 'rules[0] ("typo").match.port'],
    [{ rules: [{ match: {}, action: "accept" }] }, "rules[0].name"],
    [{ defaultAction: "deny" }, "defaultReason"],
    [{ rules: [], settleBacklog: true }, "settleBacklog"],
  ])("%j is refused at %s", (input, path) => {
    const state = evaluate({ version: "v", input });
    expect(state.status).toBe("invalid");
    expect(state.status === "invalid" && state.problems.map((p) => p.path)).toContain(path);
  });

  it("keeps warnings (an overlap with another action) without refusing the policy", () => {
    const state = evaluate({
      version: "v",
      input: {
        rules: [
          { name: "deny-big", match: { rateLimit: { min: 1001 } }, action: "deny", reason: "too fast" },
          { name: "globex", match: { companies: ["Globex"] }, action: "accept" },
        ],
      },
    });
    expect(state).toMatchObject({
      status: "ok",
      warnings: [expect.objectContaining({ path: 'rules[1] ("globex")' })],
    });
  });

  it("tells a changed policy from an unchanged one, and keeps the last good one when the source cannot be read", async () => {
    const reads: (() => Promise<{ version: string; input: unknown }>)[] = [
      async () => ({ version: "1", input: { defaultAction: "manual" } }),
      async () => ({ version: "1", input: { defaultAction: "manual" } }),
      async () => {
        throw new Error("backend down");
      },
      async () => ({ version: "2", input: { defaultAction: "accept" } }),
    ];
    const tracker = new PolicyTracker({ description: "test", due: () => true, read: () => reads.shift()!() });
    expect(await tracker.refresh(0)).toMatchObject({ kind: "loaded", first: true });
    expect(await tracker.refresh(1)).toEqual({ kind: "unchanged" });
    expect(await tracker.refresh(2)).toMatchObject({ kind: "read-failed", keeping: { version: "1" } });
    expect(tracker.current).toMatchObject({ status: "ok", version: "1" });
    expect(await tracker.refresh(3)).toMatchObject({ kind: "loaded", first: false, state: { version: "2" } });
  });
});

describe("a stack's ApprovalPolicy", () => {
  const APPROVAL_POLICY_TYPE = typeToken("ApprovalPolicy");
  const policy = (name: string, outputs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    urn: `urn:pulumi:prod::provider::${APPROVAL_POLICY_TYPE}::${name}`,
    type: APPROVAL_POLICY_TYPE,
    outputs: { __provider: "serialized code", settleBacklog: true, pendingRequests: 3, ...outputs },
    ...extra,
  });
  const rules = [{ name: "all", match: {}, action: "accept" }];

  it("keeps only the rules engine's fields and the company", () => {
    const read = policyFromResources(
      [policy("policy", { rules, defaultAction: "manual", companyUid: "c-1" })],
      "prod",
    );
    expect(read).toMatchObject({ input: { rules, defaultAction: "manual" }, companyUid: "c-1" });
    expect(evaluate(read).status).toBe("ok");
  });

  it.each([
    [[], undefined, 'stack "prod" has no ApprovalPolicy resource'],
    [
      [policy("a", { rules }), policy("b", { rules })],
      undefined,
      'has 2 ApprovalPolicy resources ("a", "b")',
    ],
    [[policy("a", { rules })], "b", 'has no ApprovalPolicy named "b" (it has: "a")'],
    [[policy("a", { rules }, { delete: true })], undefined, "has no ApprovalPolicy resource"],
  ])("refuses %j with --policy %s: %s", (resources, name, reason) => {
    const read = policyFromResources(resources, "prod", name);
    expect(read.problems?.[0].reason).toContain(reason);
    expect(evaluate(read).status).toBe("invalid");
  });

  it("reads one declared through the provider plugin (megaport-mx:index:ApprovalPolicy) as the dynamic one", () => {
    const type = pluginTypeToken("ApprovalPolicy");
    const fromPlugin = { urn: `urn:pulumi:prod::provider::${type}::policy`, type };
    const read = policyFromResources(
      [{ ...fromPlugin, outputs: { rules, defaultAction: "manual", companyUid: "c-1" } }],
      "prod",
    );
    expect(read).toMatchObject({ input: { rules, defaultAction: "manual" }, companyUid: "c-1" });
    expect(evaluate(read).status).toBe("ok");
    // One of each is two policies, whichever adapter declared them.
    const both = policyFromResources([policy("a", { rules }), { ...fromPlugin, outputs: { rules } }], "prod");
    expect(both.problems?.[0].reason).toContain('has 2 ApprovalPolicy resources ("a", "policy")');
  });

  it("picks the named one among several", () => {
    const read = policyFromResources(
      [policy("a", { rules }), policy("b", { defaultAction: "accept" })],
      "prod",
      "b",
    );
    expect(read.input).toEqual({ defaultAction: "accept" });
  });
});

describe("the pause between cycles", () => {
  const service = (random: number) =>
    new ApproverService({
      policy: new PolicyTracker({
        description: "test",
        due: () => false,
        read: async () => ({ version: "1", input: {} }),
      }),
      source: {
        listPending: async () => {
          throw new Error("down");
        },
      },
      api: { getVxc: async () => ({}), approveVxcOrder: async () => undefined },
      companyUid: "c",
      log: () => undefined,
      metrics: new ApproverMetrics({ processMetrics: false }),
      intervalMs: 1000,
      maxBackoffMs: 10_000,
      random: () => random,
    });

  it("doubles per failed cycle, with jitter, up to --max-backoff, and a failure never throws", async () => {
    const approver = service(0.5);
    expect(approver.nextDelayMs()).toBe(1000);
    const delays: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      expect(await approver.runCycle()).toMatchObject({ result: "failed" });
      delays.push(approver.nextDelayMs());
    }
    expect(delays).toEqual([2000, 4000, 8000, 10_000, 10_000]);
    expect(service(0).nextDelayMs()).toBe(1000);
  });
});
