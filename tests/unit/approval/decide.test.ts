// The approval rules engine's decisions: one row per case, each a request against a policy and the decision
// the policy must reach.
import {
  type ApprovalDecision,
  type ApprovalPolicyInput,
  type ApprovalRequest,
  ApprovalPolicySchema,
  decide,
} from "../../../provider/approval/rules";

const GLOBEX = "1f0c4a6e-0000-4000-8000-00000000a001";
const INITECH = "1f0c4a6e-0000-4000-8000-00000000a002";
const SYD_RED = "5a1e0d2c-0000-4000-8000-00000000b001";
const SYD_BLUE = "5a1e0d2c-0000-4000-8000-00000000b002";

/** A new 500 Mbps connection from Globex to our Sydney red port, VLAN 100, no service key. */
function request(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    vxcUid: "9e3d6b7a-0000-4000-8000-00000000c001",
    approvalUid: "7c2b1a90-0000-4000-8000-00000000d001",
    type: "NEW",
    requestingCompanyUid: GLOBEX,
    requestingCompanyName: "Globex Corporation",
    targetPortUid: SYD_RED,
    rateLimit: 500,
    bEndVlan: 100,
    serviceKey: false,
    ...overrides,
  };
}

const speedChange = (newSpeed: number | undefined, overrides: Partial<ApprovalRequest> = {}) =>
  request({ type: "SPEED_CHANGE", rateLimit: 500, newSpeed, ...overrides });

/** A policy with one rule "r" of the given match that accepts, and the default left to "manual". */
const onlyRule = (
  match: NonNullable<ApprovalPolicyInput["rules"]>[number]["match"],
): ApprovalPolicyInput => ({
  rules: [{ name: "r", match, action: "accept" }],
});

const ACCEPTED_BY_R: ApprovalDecision = { action: "accept", ruleName: "r" };
const LEFT_BY_DEFAULT: ApprovalDecision = { action: "manual", ruleName: "default" };

interface Row {
  name: string;
  policy: ApprovalPolicyInput;
  request: ApprovalRequest;
  expected: ApprovalDecision;
}

const rows: Row[] = [
  // Order and defaults
  {
    name: "the first matching rule wins even when a later rule also matches",
    policy: {
      rules: [
        { name: "accept-globex", match: { companies: [GLOBEX] }, action: "accept" },
        { name: "deny-all", match: {}, action: "deny", reason: "Not taking new customers" },
      ],
    },
    request: request(),
    expected: { action: "accept", ruleName: "accept-globex" },
  },
  {
    name: "a rule that does not match is skipped for the next one",
    policy: {
      rules: [
        { name: "accept-initech", match: { companies: [INITECH] }, action: "accept" },
        { name: "deny-all", match: {}, action: "deny", reason: "Not taking new customers" },
      ],
    },
    request: request(),
    expected: { action: "deny", ruleName: "deny-all", reason: "Not taking new customers" },
  },
  {
    name: "a request no rule matches is left for a person by default",
    policy: onlyRule({ companies: [INITECH] }),
    request: request(),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "a policy with no rules applies its default action",
    policy: { defaultAction: "accept" },
    request: request(),
    expected: { action: "accept", ruleName: "default" },
  },
  {
    name: "a deny default carries the default reason",
    policy: { defaultAction: "deny", defaultReason: "Contact sales@acme.example first" },
    request: request(),
    expected: { action: "deny", ruleName: "default", reason: "Contact sales@acme.example first" },
  },
  {
    name: "an empty match matches every request",
    policy: onlyRule({}),
    request: request({ type: "SPEED_CHANGE", newSpeed: 10000, bEndVlan: undefined }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a manual rule leaves the request for a person under the rule's name",
    policy: { rules: [{ name: "big-orders", match: { rateLimit: { min: 10000 } }, action: "manual" }] },
    request: request({ rateLimit: 10000 }),
    expected: { action: "manual", ruleName: "big-orders" },
  },
  {
    name: "an accepting rule hands over the VLAN to assign on our end",
    policy: { rules: [{ name: "r", match: {}, action: "accept", bEndVlan: 2001 }] },
    request: request(),
    expected: { action: "accept", ruleName: "r", bEndVlan: 2001 },
  },
  {
    name: "every field given in a match must fit (they combine with AND)",
    policy: onlyRule({ companies: [GLOBEX], ports: [SYD_BLUE] }),
    request: request({ targetPortUid: SYD_RED }),
    expected: LEFT_BY_DEFAULT,
  },

  // requestTypes
  {
    name: "requestTypes NEW matches a new connection",
    policy: onlyRule({ requestTypes: ["NEW"] }),
    request: request(),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "requestTypes NEW does not match a speed change",
    policy: onlyRule({ requestTypes: ["NEW"] }),
    request: speedChange(1000),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "requestTypes SPEED_CHANGE matches a speed change",
    policy: onlyRule({ requestTypes: ["SPEED_CHANGE"] }),
    request: speedChange(1000),
    expected: ACCEPTED_BY_R,
  },

  // companies
  {
    name: "a company given by UID matches the requesting company's UID",
    policy: onlyRule({ companies: [GLOBEX] }),
    request: request(),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a company UID matches whatever its letter case",
    policy: onlyRule({ companies: [GLOBEX.toUpperCase()] }),
    request: request(),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a company given by name matches case-insensitively",
    policy: onlyRule({ companies: ["globex CORPORATION"] }),
    request: request(),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a company name does not match when the request carries no name",
    policy: onlyRule({ companies: ["Globex Corporation"] }),
    request: request({ requestingCompanyName: undefined }),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "a company UID does not match a company that took that UID as its name",
    policy: onlyRule({ companies: [GLOBEX] }),
    request: request({ requestingCompanyUid: INITECH, requestingCompanyName: GLOBEX }),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "a company given by UID matches whatever name the request carries",
    policy: onlyRule({ companies: [` ${GLOBEX} `] }),
    request: request({ requestingCompanyName: "Globex (renamed)" }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a company's trading name does not match its legal name",
    policy: onlyRule({ companies: ["Globex"] }),
    request: request(),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "another company does not match the list",
    policy: onlyRule({ companies: [INITECH, "Initech"] }),
    request: request(),
    expected: LEFT_BY_DEFAULT,
  },

  // ports
  {
    name: "a listed port matches a request for it",
    policy: onlyRule({ ports: [SYD_BLUE, SYD_RED] }),
    request: request(),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "an unlisted port does not match",
    policy: onlyRule({ ports: [SYD_BLUE] }),
    request: request(),
    expected: LEFT_BY_DEFAULT,
  },

  // rateLimit (inclusive), and the speed a speed change asks for
  {
    name: "a rate limit equal to the range's min matches (inclusive)",
    policy: onlyRule({ rateLimit: { min: 500, max: 1000 } }),
    request: request({ rateLimit: 500 }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a rate limit equal to the range's max matches (inclusive)",
    policy: onlyRule({ rateLimit: { min: 500, max: 1000 } }),
    request: request({ rateLimit: 1000 }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a rate limit just below the range does not match",
    policy: onlyRule({ rateLimit: { min: 500 } }),
    request: request({ rateLimit: 499 }),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "a rate limit just above the range does not match",
    policy: onlyRule({ rateLimit: { max: 1000 } }),
    request: request({ rateLimit: 1001 }),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "a speed change is judged by the new speed, not the current rate limit",
    policy: onlyRule({ rateLimit: { max: 1000 } }),
    request: speedChange(5000, { rateLimit: 500 }),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "a speed change within the range matches though the current rate limit is outside it",
    policy: onlyRule({ rateLimit: { min: 2000, max: 5000 } }),
    request: speedChange(5000, { rateLimit: 500 }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a speed change without a new speed matches no rate-limit range",
    policy: onlyRule({ rateLimit: { max: 100000 } }),
    request: speedChange(undefined),
    expected: LEFT_BY_DEFAULT,
  },

  // vlan (inclusive)
  {
    name: "a requested VLAN on the range's min matches (inclusive)",
    policy: onlyRule({ vlan: { min: 100, max: 199 } }),
    request: request({ bEndVlan: 100 }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a requested VLAN on the range's max matches (inclusive)",
    policy: onlyRule({ vlan: { min: 100, max: 199 } }),
    request: request({ bEndVlan: 199 }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "a requested VLAN outside the range does not match",
    policy: onlyRule({ vlan: { min: 100, max: 199 } }),
    request: request({ bEndVlan: 200 }),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "a request with no VLAN matches no VLAN range",
    policy: onlyRule({ vlan: { min: 2 } }),
    request: request({ bEndVlan: undefined }),
    expected: LEFT_BY_DEFAULT,
  },

  // serviceKey
  {
    name: "serviceKey required matches a request made with a service key",
    policy: onlyRule({ serviceKey: "required" }),
    request: request({ serviceKey: true }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "serviceKey required does not match a request without one",
    policy: onlyRule({ serviceKey: "required" }),
    request: request({ serviceKey: false }),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "serviceKey forbidden matches a request without a service key",
    policy: onlyRule({ serviceKey: "forbidden" }),
    request: request({ serviceKey: false }),
    expected: ACCEPTED_BY_R,
  },
  {
    name: "serviceKey forbidden does not match a request made with one",
    policy: onlyRule({ serviceKey: "forbidden" }),
    request: request({ serviceKey: true }),
    expected: LEFT_BY_DEFAULT,
  },
  {
    name: "a request whose service-key use is unknown matches neither required nor forbidden",
    policy: {
      rules: [
        { name: "with-key", match: { serviceKey: "required" }, action: "accept" },
        {
          name: "without-key",
          match: { serviceKey: "forbidden" },
          action: "deny",
          reason: "Use a service key",
        },
      ],
    },
    request: request({ serviceKey: undefined }),
    expected: LEFT_BY_DEFAULT,
  },
];

describe("decide", () => {
  it.each(rows)("$name", ({ policy, request: req, expected }) => {
    expect(decide(ApprovalPolicySchema.parse(policy), req)).toEqual(expected);
  });

  it("does not hand over a bEndVlan from a rule that does not accept", () => {
    // validatePolicy flags this policy; decide must still never assign a VLAN while denying.
    const policy = ApprovalPolicySchema.parse({
      rules: [{ name: "r", match: {}, action: "deny", reason: "No", bEndVlan: 100 }],
    });
    expect(decide(policy, request())).toEqual({ action: "deny", ruleName: "r", reason: "No" });
  });
});
