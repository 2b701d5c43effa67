// What validatePolicy finds in a policy: one row per problem, with the policy that has it and the problem
// (path, severity, words of the reason) it must report; then the policies that must pass clean.
import { MegaportError } from "../../../provider/client/errors";
import {
  type PolicyProblem,
  PolicyValidationError,
  parsePolicy,
  validatePolicy,
} from "../../../provider/approval/rules";

const GLOBEX = "1f0c4a6e-0000-4000-8000-00000000a001";
const INITECH = "1f0c4a6e-0000-4000-8000-00000000a002";
const SYD_RED = "5a1e0d2c-0000-4000-8000-00000000b001";
const SYD_BLUE = "5a1e0d2c-0000-4000-8000-00000000b002";
const OUR_PORTS = [SYD_RED, SYD_BLUE];

interface ProblemRow {
  name: string;
  policy: unknown;
  options?: { knownPortUids?: string[] };
  expected: { path: string; severity: PolicyProblem["severity"]; reason: string };
}

const accept = (name: string, match: object, extra: object = {}) => ({
  name,
  match,
  action: "accept",
  ...extra,
});
const deny = (name: string, match: object, extra: object = {}) => ({
  name,
  match,
  action: "deny",
  reason: "Sorry, not at this port",
  ...extra,
});

const problemRows: ProblemRow[] = [
  // Shadowing
  {
    name: "a rule inside an earlier rule's match can never match",
    policy: {
      rules: [
        accept("globex", { companies: [GLOBEX] }),
        deny("globex-small", { companies: [GLOBEX], rateLimit: { max: 1000 } }),
      ],
    },
    expected: { path: "rules[1]", severity: "error", reason: 'Rule "globex-small" can never match' },
  },
  {
    name: "any rule after a match-everything rule can never match",
    policy: { rules: [accept("all", {}), accept("globex", { companies: [GLOBEX] })] },
    expected: { path: "rules[1]", severity: "error", reason: 'matched first by rule "all" (rules[0])' },
  },
  {
    name: "a rule listing both request types shadows a later rule with no request types",
    policy: { rules: [accept("both", { requestTypes: ["NEW", "SPEED_CHANGE"] }), accept("any", {})] },
    expected: { path: "rules[1]", severity: "error", reason: "can never match" },
  },
  {
    name: "a wider rate-limit range shadows a narrower one later",
    policy: {
      rules: [
        accept("upto-10g", { rateLimit: { max: 10000 } }),
        deny("100m-1g", { rateLimit: { min: 100, max: 1000 } }),
      ],
    },
    expected: { path: "rules[1]", severity: "error", reason: "can never match" },
  },
  {
    name: "a company list shadows a later rule naming a subset of its companies, whatever the case",
    policy: {
      rules: [
        accept("partners", { companies: ["Globex Corporation", "Initech"] }),
        accept("globex", { companies: ["globex corporation"] }),
      ],
    },
    expected: { path: "rules[1]", severity: "error", reason: "can never match" },
  },
  {
    name: "a later rule overlapping an earlier one with another action is a warning",
    policy: { rules: [deny("initech", { companies: [INITECH] }), accept("everyone", {})] },
    expected: { path: "rules[1]", severity: "warning", reason: 'requests matching both are decided "deny"' },
  },
  {
    name: "overlapping rate-limit ranges with different actions are a warning",
    policy: {
      rules: [accept("small", { rateLimit: { max: 1000 } }), deny("large", { rateLimit: { min: 500 } })],
    },
    expected: {
      path: "rules[1]",
      severity: "warning",
      reason: 'Rule "large" (deny) overlaps rule "small" (accept)',
    },
  },

  // Ranges
  {
    name: "a rate-limit range whose min is above its max matches nothing",
    policy: { rules: [accept("r", { rateLimit: { min: 2000, max: 1000 } })] },
    expected: {
      path: "rules[0].match.rateLimit",
      severity: "error",
      reason: "min (2000) is above its max (1000)",
    },
  },
  {
    name: "a VLAN range whose min is above its max matches nothing",
    policy: { rules: [accept("r", { vlan: { min: 300, max: 200 } })] },
    expected: { path: "rules[0].match.vlan", severity: "error", reason: "min (300) is above its max (200)" },
  },
  {
    name: "a range with neither min nor max is reported",
    policy: { rules: [accept("r", { rateLimit: {} })] },
    expected: { path: "rules[0].match.rateLimit", severity: "error", reason: "neither min nor max" },
  },

  // VLANs
  {
    name: "a VLAN range starting at the reserved VLAN 1 is out of range",
    policy: { rules: [accept("r", { vlan: { min: 1, max: 100 } })] },
    expected: {
      path: "rules[0].match.vlan.min",
      severity: "error",
      reason: "VLAN 1, outside the usable range 2–4093",
    },
  },
  {
    name: "a VLAN range ending at 4094 is out of range",
    policy: { rules: [accept("r", { vlan: { min: 100, max: 4094 } })] },
    expected: { path: "rules[0].match.vlan.max", severity: "error", reason: "VLAN 4094" },
  },
  {
    name: "a bEndVlan above 4093 is out of range",
    policy: { rules: [accept("r", {}, { bEndVlan: 4094 })] },
    expected: { path: "rules[0].bEndVlan", severity: "error", reason: "VLAN 4094" },
  },
  {
    name: "a bEndVlan of 0 (auto-assign) is out of range",
    policy: { rules: [accept("r", {}, { bEndVlan: 0 })] },
    expected: { path: "rules[0].bEndVlan", severity: "error", reason: "VLAN 0" },
  },
  {
    name: "a bEndVlan on a rule that does not accept is reported",
    policy: { rules: [deny("r", {}, { bEndVlan: 100 })] },
    expected: { path: "rules[0].bEndVlan", severity: "error", reason: 'its action is "deny"' },
  },

  // Reasons
  {
    name: "a deny without a reason is reported",
    policy: { rules: [{ name: "r", match: {}, action: "deny" }] },
    expected: { path: "rules[0].reason", severity: "error", reason: "without a reason" },
  },
  {
    name: "a deny with a blank reason is reported",
    policy: { rules: [deny("r", {}, { reason: "   " })] },
    expected: { path: "rules[0].reason", severity: "error", reason: "without a reason" },
  },
  {
    name: "a reason over 200 characters is reported",
    policy: { rules: [deny("r", {}, { reason: "x".repeat(201) })] },
    expected: { path: "rules[0].reason", severity: "error", reason: "201 characters" },
  },
  {
    name: "a deny default without a default reason is reported",
    policy: { defaultAction: "deny" },
    expected: {
      path: "defaultReason",
      severity: "error",
      reason: "the default denies requests without a reason",
    },
  },

  // Ports
  {
    name: "a port that is not one of ours is reported",
    policy: { rules: [accept("r", { ports: [SYD_RED, "0000dead-0000-4000-8000-000000000000"] })] },
    options: { knownPortUids: OUR_PORTS },
    expected: { path: "rules[0].match.ports[1]", severity: "error", reason: "not one of your ports" },
  },

  // Names
  {
    name: "two rules with the same name are reported at the second",
    policy: {
      rules: [accept("globex", { companies: [GLOBEX] }), accept("globex", { companies: [INITECH] })],
    },
    expected: { path: "rules[1].name", severity: "error", reason: "already used by rules[0]" },
  },
  {
    name: "rule names that differ only in case count as the same name",
    policy: {
      rules: [accept("Globex", { companies: [GLOBEX] }), accept("globex", { companies: [INITECH] })],
    },
    expected: { path: "rules[1].name", severity: "error", reason: "already used" },
  },
  {
    name: 'a rule named "default" is reported, as decisions by the default use that name',
    policy: { rules: [accept("default", {})] },
    expected: { path: "rules[0].name", severity: "error", reason: "reserved" },
  },

  // Empty lists
  {
    name: "an empty requestTypes list matches nothing",
    policy: { rules: [accept("r", { requestTypes: [] })] },
    expected: { path: "rules[0].match.requestTypes", severity: "error", reason: "empty requestTypes list" },
  },
  {
    name: "an empty companies list matches nothing",
    policy: { rules: [accept("r", { companies: [] })] },
    expected: { path: "rules[0].match.companies", severity: "error", reason: "empty companies list" },
  },
  {
    name: "an empty ports list matches nothing",
    policy: { rules: [accept("r", { ports: [] })] },
    expected: { path: "rules[0].match.ports", severity: "error", reason: "empty ports list" },
  },

  // Shape (zod)
  {
    name: "an unknown key in a match is reported at its path",
    policy: { rules: [accept("r", { port: [SYD_RED] })] },
    expected: { path: "rules[0].match.port", severity: "error", reason: 'Unknown key "port"' },
  },
  {
    name: "an unknown top-level key is reported",
    policy: { rules: [], default: "accept" },
    expected: { path: "default", severity: "error", reason: 'Unknown key "default"' },
  },
  {
    name: "an action outside accept, deny and manual is reported",
    policy: { rules: [{ name: "r", match: {}, action: "approve" }] },
    expected: { path: "rules[0].action", severity: "error", reason: "" },
  },
  {
    name: "a rule without a name is reported",
    policy: { rules: [{ match: {}, action: "accept" }] },
    expected: { path: "rules[0].name", severity: "error", reason: "" },
  },
  {
    name: "a fractional speed is reported",
    policy: { rules: [accept("r", { rateLimit: { min: 100.5 } })] },
    expected: { path: "rules[0].match.rateLimit.min", severity: "error", reason: "" },
  },
  {
    // The VXC's own rate-limit rule (provider/client/schemas/scalars.ts), in the VXC's words.
    name: "a speed of 0 is reported as a VXC's rate limit would be",
    policy: { rules: [accept("r", { rateLimit: { max: 0 } })] },
    expected: { path: "rules[0].match.rateLimit.max", severity: "error", reason: "must be at least 1 Mbps" },
  },
  {
    name: "something that is not an object is reported at the policy itself",
    policy: "accept everything",
    expected: { path: "(policy)", severity: "error", reason: "" },
  },
];

describe("validatePolicy", () => {
  it.each(problemRows)("$name", ({ policy, options, expected }) => {
    const problems = validatePolicy(policy, options);
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: expected.path,
        severity: expected.severity,
        reason: expect.stringContaining(expected.reason),
        fix: expect.stringMatching(/\S/),
      }),
    );
  });

  it("suggests the allowed values for an unknown action", () => {
    const [problem] = validatePolicy({ rules: [{ name: "r", match: {}, action: "approve" }] });
    expect(problem.fix).toBe("Use one of: accept, deny, manual.");
  });

  const cleanPolicies: { name: string; policy: unknown; options?: { knownPortUids?: string[] } }[] = [
    { name: "an empty policy", policy: {} },
    {
      name: "overlapping rules that take the same action, and a deny default with its reason",
      policy: {
        rules: [
          accept("globex-any", { companies: [GLOBEX] }),
          accept("small-elsewhere", { rateLimit: { max: 1000 } }),
        ],
        defaultAction: "deny",
        defaultReason: "Ask us first",
      },
    },
    {
      name: "rules with disjoint rate-limit ranges and different actions",
      policy: {
        rules: [accept("small", { rateLimit: { max: 1000 } }), deny("large", { rateLimit: { min: 1001 } })],
      },
    },
    {
      name: "rules with opposite service-key conditions and different actions",
      policy: {
        rules: [accept("key", { serviceKey: "required" }), deny("no-key", { serviceKey: "forbidden" })],
      },
    },
    {
      name: "rules for different request types with different actions",
      policy: {
        rules: [accept("new", { requestTypes: ["NEW"] }), deny("speed", { requestTypes: ["SPEED_CHANGE"] })],
      },
    },
    {
      name: "ports known to us, named in any letter case",
      policy: { rules: [accept("r", { ports: [SYD_RED.toUpperCase()] })] },
      options: { knownPortUids: OUR_PORTS },
    },
    {
      name: "ports not checked when no known ports are given",
      policy: { rules: [accept("r", { ports: ["0000dead-0000-4000-8000-000000000000"] })] },
    },
    {
      name: "VLANs at both ends of the usable range",
      policy: { rules: [accept("r", { vlan: { min: 2, max: 4093 } }, { bEndVlan: 4093 })] },
    },
    {
      name: "a deny reason of exactly 200 characters",
      policy: { rules: [deny("r", {}, { reason: "x".repeat(200) })] },
    },
  ];

  it.each(cleanPolicies)("finds nothing wrong with $name", ({ policy, options }) => {
    expect(validatePolicy(policy, options)).toEqual([]);
  });

  it("reports a shadowed rule once, not also as an overlap", () => {
    const problems = validatePolicy({ rules: [accept("all", {}), deny("globex", { companies: [GLOBEX] })] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: "rules[1]", severity: "error" });
  });
});

describe("parsePolicy", () => {
  it("returns the policy with defaults filled in when it has no errors", () => {
    expect(parsePolicy({ rules: [accept("r", {})] })).toEqual({
      rules: [{ name: "r", match: {}, action: "accept" }],
      defaultAction: "manual",
    });
  });

  it("accepts a policy that has only warnings", () => {
    expect(() =>
      parsePolicy({ rules: [deny("initech", { companies: [INITECH] }), accept("everyone", {})] }),
    ).not.toThrow();
  });

  it("throws a PolicyValidationError listing every error with its path and fix", () => {
    let thrown: unknown;
    try {
      parsePolicy({ rules: [{ name: "r", match: { rateLimit: { min: 2, max: 1 } }, action: "deny" }] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyValidationError);
    expect(thrown).toBeInstanceOf(MegaportError);
    const error = thrown as PolicyValidationError;
    expect(error.code).toBe("MX_POLICY_INVALID");
    expect(error.problems.map((problem) => problem.path)).toEqual([
      "rules[0].match.rateLimit",
      "rules[0].reason",
    ]);
    expect(error.message).toContain("rules[0].reason:");
    expect(error.message).toContain("Fix:");
  });
});

describe("companies a rule names", () => {
  const known = [
    { uid: "195b9779-4ed9-4401-b7df-86df51ba862e", name: "Globex Corporation" },
    { uid: "b52dcdbc-ff2d-4d4f-8726-c65086f6e450", name: "Initech" },
  ];
  const policy = (companies: string[]) => ({
    rules: [{ name: "friends", match: { companies }, action: "accept" }],
  });

  it("a misspelt company gets a warning that suggests the company meant", () => {
    const problems = validatePolicy(policy(["Globx Corporation"]), { knownCompanies: known });
    expect(problems).toEqual([
      {
        path: "rules[0].match.companies[0]",
        reason:
          'Rule "friends" names the company "Globx Corporation", which matches no company with a VXC or request on your ports. Did you mean "Globex Corporation"?',
        fix: expect.stringContaining("Check the spelling: a name is the company's legal name"),
        severity: "warning",
      },
    ]);
  });

  it("a name nothing resembles lists the companies known", () => {
    const [problem] = validatePolicy(policy(["Umbrella"]), { knownCompanies: known });
    expect(problem.reason).toContain("Known: Globex Corporation, Initech.");
  });

  it.each([["globex corporation"], ["INITECH "], ["195B9779-4ED9-4401-B7DF-86DF51BA862E"]])(
    "%j matches a known company: no warning",
    (company) => {
      expect(validatePolicy(policy([company]), { knownCompanies: known })).toEqual([]);
    },
  );

  describe("legal and trading names", () => {
    const initech = {
      uid: "b52dcdbc-ff2d-4d4f-8726-c65086f6e450",
      name: "Initech LLC",
      tradingName: "Initech",
    };
    const copycat = { uid: "0c0c0c0c-0000-4000-8000-000000000001", tradingName: "Globex Corporation" };
    const companies = [known[0], initech, copycat];

    it("a rule naming only a trading name is refused, with the legal name and the UID to write", () => {
      expect(validatePolicy(policy(["initech"]), { knownCompanies: companies })).toEqual([
        {
          path: "rules[0].match.companies[0]",
          severity: "error",
          reason: expect.stringMatching(
            /the Marketplace trading name of Initech LLC \(b52dcdbc-ff2d-4d4f-8726-c65086f6e450\).*never match.*anyone can trade under any name/,
          ),
          fix: 'Write its legal name "Initech LLC" or its UID b52dcdbc-ff2d-4d4f-8726-c65086f6e450.',
        },
      ]);
    });

    it("says which company each entry matches, and which company trading under the same name it does not", () => {
      const notes: [string, string][] = [];
      const problems = validatePolicy(
        policy(["Globex Corporation", "Initech LLC", initech.uid.toUpperCase()]),
        {
          knownCompanies: companies,
          onNote: (path, line) => notes.push([path, line]),
        },
      );
      expect(problems).toEqual([]);
      expect(notes).toEqual([
        [
          "rules[0].match.companies[0]",
          'Rule "friends": "Globex Corporation" matches Globex Corporation (195b9779-4ed9-4401-b7df-86df51ba862e) by legal name. ' +
            "It does not match Globex Corporation (0c0c0c0c-0000-4000-8000-000000000001), which trades under that name: rules never trust a trading name.",
        ],
        [
          "rules[0].match.companies[1]",
          expect.stringContaining("matches Initech LLC (b52dcdbc-ff2d-4d4f-8726-c65086f6e450) by legal name"),
        ],
        [
          "rules[0].match.companies[2]",
          expect.stringContaining("matches Initech LLC (b52dcdbc-ff2d-4d4f-8726-c65086f6e450) by UID"),
        ],
      ]);
    });

    it("a name that starts a known legal name suggests it, even without a profile to say it is a trading name", () => {
      const [problem] = validatePolicy(policy(["Initech"]), {
        knownCompanies: [known[0], { ...initech, tradingName: undefined }],
      });
      expect(problem).toMatchObject({
        severity: "warning",
        reason: expect.stringContaining('Did you mean "Initech LLC"?'),
      });
    });
  });

  it("without known companies (no credentials at preview) nothing is said", () => {
    expect(validatePolicy(policy(["Globx Corp"]))).toEqual([]);
  });
});
