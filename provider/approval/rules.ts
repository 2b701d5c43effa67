/**
 * The approval rules engine: the shape of an approval policy, the checks that find mistakes in one, the
 * decision for one connection request, and the list of requests waiting on us in `GET /v2/products` data.
 *
 * Shared by the ApprovalPolicy resource (`check` validates, `pulumi up` settles the backlog), the long-running
 * approver command and tests, so it must stay PURE: it must never do I/O, read the clock, keep state between
 * calls or throw for a request it cannot decide (an unknown fact simply fails to match a rule that needs it).
 */
import { z } from "zod";
import { MegaportError, type MegaportErrorCode } from "../client/errors";

// ---------------------------------------------------------------------------------------------------------
// Constants (each feeds the schema, the doc text and the problem messages)
// ---------------------------------------------------------------------------------------------------------

/** The kinds of Marketplace request a provider approves (`vxcApproval.type`, megaport-api.md 9.1). */
export const REQUEST_TYPES = ["NEW", "SPEED_CHANGE"] as const;
/** What a rule does with a request it matches. */
export const RULE_ACTIONS = ["accept", "deny", "manual"] as const;
/** Whether a request must, or must not, have been made with a service key. */
export const SERVICE_KEY_CONDITIONS = ["required", "forbidden"] as const;
/** Usable 802.1Q VLAN ids on a Megaport service end (1 is reserved; 0 and -1 mean auto and untagged). */
export const VLAN_MIN = 2;
export const VLAN_MAX = 4093;
/** The longest denial reason we send; the customer sees it in the Portal and in email. */
export const REASON_MAX_LENGTH = 200;
/** The rule name a decision carries when no rule matched and `defaultAction` applied. */
export const DEFAULT_RULE_NAME = "default";

export type RequestType = (typeof REQUEST_TYPES)[number];
export type RuleAction = (typeof RULE_ACTIONS)[number];

// ---------------------------------------------------------------------------------------------------------
// Schema (strict: an unknown key is a typo, and a typo in an approval policy must not pass silently)
// ---------------------------------------------------------------------------------------------------------

/** An inclusive range of speeds in Mbps. */
export const RateLimitRangeSchema = z.strictObject({
  /** Smallest matching speed in Mbps, inclusive. Positive integer. Default: no lower bound. */
  min: z.number().int().positive().optional(),
  /** Largest matching speed in Mbps, inclusive. Positive integer. Default: no upper bound. */
  max: z.number().int().positive().optional(),
});

/** An inclusive range of VLAN ids. */
export const VlanRangeSchema = z.strictObject({
  /** Smallest matching VLAN, inclusive. Integer 2–4093. Default: no lower bound. */
  min: z.number().int().optional(),
  /** Largest matching VLAN, inclusive. Integer 2–4093. Default: no upper bound. */
  max: z.number().int().optional(),
});

/**
 * What a request must look like for a rule to apply. Every given field must match (AND); a field left out
 * matches anything. A field that needs a fact the request does not carry (no VLAN asked for, speed change
 * without a new speed, unknown service-key use) does not match, so the request falls through to later rules.
 */
export const RuleMatchSchema = z.strictObject({
  /** Request kinds: "NEW" (a new connection) and/or "SPEED_CHANGE" (a rate-limit change). Default: both. */
  requestTypes: z.array(z.enum(REQUEST_TYPES)).optional(),
  /**
   * Requesting companies, each a company UID or a company name (names compare case-insensitively).
   * Default: any company.
   */
  companies: z.array(z.string().min(1)).optional(),
  /** Target ports: UIDs of our own ports (the VXC's B-end). Default: any of our ports. */
  ports: z.array(z.string().min(1)).optional(),
  /**
   * Speed in Mbps, inclusive: the VXC's `rateLimit` for "NEW", the requested `newSpeed` for "SPEED_CHANGE".
   * Default: any speed.
   */
  rateLimit: RateLimitRangeSchema.optional(),
  /** The B-end (our side) VLAN the customer asked for, inclusive, 2–4093. Default: any VLAN or none. */
  vlan: VlanRangeSchema.optional(),
  /**
   * "required": only requests made with one of our service keys; "forbidden": only requests made without.
   * Default: either.
   */
  serviceKey: z.enum(SERVICE_KEY_CONDITIONS).optional(),
});

/** One rule: when a request matches, take the action. Rules are tried in order; the first match wins. */
export const ApprovalRuleSchema = z.strictObject({
  /** A unique name for the rule, shown in decisions and logs. Required. "default" is reserved. */
  name: z.string().trim().min(1),
  /** Which requests the rule applies to. `{}` matches every request. */
  match: RuleMatchSchema,
  /**
   * "accept" approves the request, "deny" rejects it with `reason`, "manual" leaves it for a person in the
   * Portal's Approvals page.
   */
  action: z.enum(RULE_ACTIONS),
  /** Why: shown to the customer when denying (required for "deny"). At most 200 characters. */
  reason: z.string().optional(),
  /** The VLAN (2–4093) to assign on our end when accepting. Only with "accept". Default: the customer's. */
  bEndVlan: z.number().int().optional(),
});

/** An approval policy: ordered rules, then a default for requests no rule matches. */
export const ApprovalPolicySchema = z.strictObject({
  /** The rules, tried in order; the first whose match fits the request decides. Default: none. */
  rules: z.array(ApprovalRuleSchema).default([]),
  /** What to do when no rule matches: "accept", "deny" or "manual". Default: "manual". */
  defaultAction: z.enum(RULE_ACTIONS).default("manual"),
  /** Why, shown to the customer when `defaultAction` is "deny" (then required). At most 200 characters. */
  defaultReason: z.string().optional(),
});

export type RateLimitRange = z.output<typeof RateLimitRangeSchema>;
export type VlanRange = z.output<typeof VlanRangeSchema>;
export type RuleMatch = z.output<typeof RuleMatchSchema>;
export type ApprovalRule = z.output<typeof ApprovalRuleSchema>;
/** A parsed policy (defaults filled in). */
export type ApprovalPolicy = z.output<typeof ApprovalPolicySchema>;
/** A policy as a user writes it (defaults optional). */
export type ApprovalPolicyInput = z.input<typeof ApprovalPolicySchema>;

// ---------------------------------------------------------------------------------------------------------
// Requests and decisions
// ---------------------------------------------------------------------------------------------------------

/** One connection request or speed change waiting on our decision. */
export interface ApprovalRequest {
  /** The VXC's product UID. */
  vxcUid: string;
  /** `vxcApproval.uid`: the order UID the legacy accept/deny endpoint takes. */
  approvalUid: string;
  type: RequestType;
  /** The company asking (the VXC's A-end owner). */
  requestingCompanyUid: string;
  /** Its name, when the API showed one. */
  requestingCompanyName?: string;
  /** Our port the VXC lands on (its B-end). */
  targetPortUid: string;
  /** The VXC's current rate limit in Mbps. */
  rateLimit: number;
  /** For "SPEED_CHANGE": the requested rate limit in Mbps. */
  newSpeed?: number;
  /** The B-end VLAN the customer asked for, when one was given. */
  bEndVlan?: number;
  /** Whether the order used a service key; undefined when the API does not say. */
  serviceKey?: boolean;
  /** The VXC's name, for log lines. */
  vxcName?: string;
}

/** What to do with one request, and which rule said so. */
export interface ApprovalDecision {
  action: RuleAction;
  /** The deciding rule's name, or "default" when none matched. */
  ruleName: string;
  /** The reason to show the customer (always present for "deny" in a valid policy). */
  reason?: string;
  /** The VLAN to assign on our end when accepting, if the rule sets one. */
  bEndVlan?: number;
}

/** Decides one request: the first rule whose match fits wins; otherwise the policy's default applies. */
export function decide(policy: ApprovalPolicy, request: ApprovalRequest): ApprovalDecision {
  for (const rule of policy.rules) {
    if (ruleMatches(rule.match, request)) {
      return withoutUndefined({
        action: rule.action,
        ruleName: rule.name,
        reason: rule.reason,
        bEndVlan: rule.action === "accept" ? rule.bEndVlan : undefined,
      });
    }
  }
  return withoutUndefined({
    action: policy.defaultAction,
    ruleName: DEFAULT_RULE_NAME,
    reason: policy.defaultReason,
  });
}

/** True when every field the match gives fits the request. */
export function ruleMatches(match: RuleMatch, request: ApprovalRequest): boolean {
  return DIMENSIONS.every((dimension) => dimension.matches(match, request));
}

// ---------------------------------------------------------------------------------------------------------
// Match dimensions: one row per match field, used by `decide` and by the shadowing checks alike, so the two
// can never disagree about what a field means.
// ---------------------------------------------------------------------------------------------------------

interface Dimension {
  key: keyof RuleMatch;
  /** Does the request fit this field of the match (an absent field fits everything)? */
  matches(match: RuleMatch, request: ApprovalRequest): boolean;
  /** Does every request fitting `inner` on this field also fit `outer`? */
  covers(outer: RuleMatch, inner: RuleMatch): boolean;
  /** Can some request fit both on this field? */
  overlaps(a: RuleMatch, b: RuleMatch): boolean;
}

const normalize = (value: string): string => value.trim().toLowerCase();

/** Set-valued fields: absent means "any"; present means "one of these" (compared case-insensitively). */
function setDimension(
  key: "requestTypes" | "companies" | "ports",
  requestValues: (request: ApprovalRequest) => (string | undefined)[],
  universe?: readonly string[],
): Dimension {
  const setOf = (match: RuleMatch): Set<string> | undefined => {
    const list = match[key];
    if (list === undefined) return undefined;
    const set = new Set(list.map(normalize));
    // A list naming every possible value is the same as no list at all.
    if (universe && universe.every((value) => set.has(normalize(value)))) return undefined;
    return set;
  };
  return {
    key,
    matches(match, request) {
      const set = setOf(match);
      if (set === undefined) return true;
      return requestValues(request).some((value) => value !== undefined && set.has(normalize(value)));
    },
    covers(outer, inner) {
      const outerSet = setOf(outer);
      if (outerSet === undefined) return true;
      const innerSet = setOf(inner);
      if (innerSet === undefined) return false;
      return [...innerSet].every((value) => outerSet.has(value));
    },
    overlaps(a, b) {
      const setA = setOf(a);
      const setB = setOf(b);
      if (setA === undefined || setB === undefined) return true;
      return [...setA].some((value) => setB.has(value));
    },
  };
}

/**
 * Range fields: absent means "anything, even unknown"; present means "known, and within [min, max]".
 * An unknown value (no VLAN asked for, no new speed given) fails a present range.
 */
function rangeDimension(
  key: "rateLimit" | "vlan",
  requestValue: (request: ApprovalRequest) => number | undefined,
): Dimension {
  const bounds = (range: { min?: number; max?: number }): [number, number] => [
    range.min ?? Number.NEGATIVE_INFINITY,
    range.max ?? Number.POSITIVE_INFINITY,
  ];
  return {
    key,
    matches(match, request) {
      const range = match[key];
      if (range === undefined) return true;
      const value = requestValue(request);
      if (value === undefined) return false;
      const [min, max] = bounds(range);
      return value >= min && value <= max;
    },
    covers(outer, inner) {
      const outerRange = outer[key];
      if (outerRange === undefined) return true;
      const innerRange = inner[key];
      if (innerRange === undefined) return false;
      const [outerMin, outerMax] = bounds(outerRange);
      const [innerMin, innerMax] = bounds(innerRange);
      // An empty inner range (min > max) matches nothing, so anything covers it.
      return innerMin > innerMax || (outerMin <= innerMin && outerMax >= innerMax);
    },
    overlaps(a, b) {
      const rangeA = a[key];
      const rangeB = b[key];
      if (rangeA === undefined || rangeB === undefined) return true;
      const [minA, maxA] = bounds(rangeA);
      const [minB, maxB] = bounds(rangeB);
      return Math.max(minA, minB) <= Math.min(maxA, maxB);
    },
  };
}

const serviceKeyDimension: Dimension = {
  key: "serviceKey",
  matches(match, request) {
    if (match.serviceKey === undefined) return true;
    // Unknown service-key use matches neither condition: never accept or deny on a fact we do not have.
    if (request.serviceKey === undefined) return false;
    return match.serviceKey === "required" ? request.serviceKey : !request.serviceKey;
  },
  covers: (outer, inner) => outer.serviceKey === undefined || outer.serviceKey === inner.serviceKey,
  overlaps: (a, b) =>
    a.serviceKey === undefined || b.serviceKey === undefined || a.serviceKey === b.serviceKey,
};

/** The speed a request asks for: the current rate for a new VXC, the requested one for a speed change. */
export function requestedSpeed(request: ApprovalRequest): number | undefined {
  return request.type === "SPEED_CHANGE" ? request.newSpeed : request.rateLimit;
}

const DIMENSIONS: readonly Dimension[] = [
  setDimension("requestTypes", (request) => [request.type], REQUEST_TYPES),
  // Names are not unique keys, but providers think in names; a UID entry is the precise form.
  setDimension("companies", (request) => [request.requestingCompanyUid, request.requestingCompanyName]),
  setDimension("ports", (request) => [request.targetPortUid]),
  rangeDimension("rateLimit", requestedSpeed),
  rangeDimension("vlan", (request) => request.bEndVlan),
  serviceKeyDimension,
];

/** Every request matching `inner` also matches `outer`. */
export function matchCovers(outer: RuleMatch, inner: RuleMatch): boolean {
  return DIMENSIONS.every((dimension) => dimension.covers(outer, inner));
}

/** Some request could match both. (A company given by UID in one and by name in the other is not related.) */
export function matchesOverlap(a: RuleMatch, b: RuleMatch): boolean {
  return DIMENSIONS.every((dimension) => dimension.overlaps(a, b));
}

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

/** One thing wrong (or suspicious) in a policy, named by path, with what to do about it. */
export interface PolicyProblem {
  /** Where, e.g. "rules[2].match.rateLimit". */
  path: string;
  /** What is wrong, in words a person can act on. */
  reason: string;
  /** How to fix it. */
  fix: string;
  /** "error" stops `pulumi up`; "warning" is reported and allowed. */
  severity: "error" | "warning";
}

export interface ValidatePolicyOptions {
  /** Our ports' UIDs; when given, a rule naming any other port is a problem. */
  knownPortUids?: readonly string[];
}

/**
 * Finds every problem in a policy as the user wrote it: shape errors first (then nothing else is checked,
 * as the rest needs a well-formed policy), otherwise field and cross-rule problems, in rule order.
 */
export function validatePolicy(input: unknown, options: ValidatePolicyOptions = {}): PolicyProblem[] {
  const parsed = ApprovalPolicySchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.flatMap(problemsFromIssue);
  const policy = parsed.data;
  const problems: PolicyProblem[] = [];
  const knownPorts = options.knownPortUids ? new Set(options.knownPortUids.map(normalize)) : undefined;

  policy.rules.forEach((rule, index) => {
    problems.push(...ruleProblems(rule, `rules[${index}]`, knownPorts));
  });
  problems.push(...duplicateNameProblems(policy.rules));
  problems.push(...shadowingProblems(policy.rules));
  if (policy.defaultAction === "deny") {
    problems.push(...reasonProblems(policy.defaultReason, "defaultReason", "the default"));
  } else if (policy.defaultReason !== undefined && policy.defaultReason.length > REASON_MAX_LENGTH) {
    problems.push(reasonTooLong("defaultReason", policy.defaultReason));
  }
  return problems;
}

/** Parses a policy and throws a `PolicyValidationError` if it has any error-severity problem. */
export function parsePolicy(input: unknown, options: ValidatePolicyOptions = {}): ApprovalPolicy {
  const errors = validatePolicy(input, options).filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new PolicyValidationError(errors);
  return ApprovalPolicySchema.parse(input);
}

/** An approval policy has errors; `problems` lists each with its path and fix. */
export class PolicyValidationError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_POLICY_INVALID";
  readonly problems: readonly PolicyProblem[];

  constructor(problems: readonly PolicyProblem[]) {
    const lines = problems.map((problem) => `  ${problem.path}: ${problem.reason} Fix: ${problem.fix}`);
    super(`The approval policy has ${problems.length} problem(s):\n${lines.join("\n")}`);
    this.problems = problems;
  }
}

function ruleProblems(
  rule: ApprovalRule,
  path: string,
  knownPorts: Set<string> | undefined,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const { match } = rule;
  const label = `rule "${rule.name}"`;

  if (rule.name.toLowerCase() === DEFAULT_RULE_NAME) {
    problems.push(
      error(
        `${path}.name`,
        `"${DEFAULT_RULE_NAME}" is reserved for decisions made by defaultAction.`,
        "Give the rule another name.",
      ),
    );
  }
  for (const key of ["requestTypes", "companies", "ports"] as const) {
    if (match[key]?.length === 0) {
      problems.push(
        error(
          `${path}.match.${key}`,
          `${label} has an empty ${key} list, which matches no request.`,
          `List at least one value, or leave ${key} out to match any.`,
        ),
      );
    }
  }
  if (knownPorts && match.ports) {
    match.ports.forEach((port, portIndex) => {
      if (!knownPorts.has(normalize(port))) {
        problems.push(
          error(
            `${path}.match.ports[${portIndex}]`,
            `${label} names port "${port}", which is not one of your ports.`,
            "Use the UID of one of your own ports (see `GET /v2/products`), or remove it.",
          ),
        );
      }
    });
  }
  problems.push(...rangeProblems(match.rateLimit, `${path}.match.rateLimit`, label, "speed"));
  problems.push(...rangeProblems(match.vlan, `${path}.match.vlan`, label, "VLAN"));
  for (const bound of ["min", "max"] as const) {
    const vlan = match.vlan?.[bound];
    if (vlan !== undefined && !isUsableVlan(vlan)) {
      problems.push(vlanOutOfRange(`${path}.match.vlan.${bound}`, label, vlan));
    }
  }
  if (rule.bEndVlan !== undefined) {
    if (!isUsableVlan(rule.bEndVlan)) {
      problems.push(vlanOutOfRange(`${path}.bEndVlan`, label, rule.bEndVlan));
    }
    if (rule.action !== "accept") {
      problems.push(
        error(
          `${path}.bEndVlan`,
          `${label} sets bEndVlan but its action is "${rule.action}"; a VLAN is only assigned when accepting.`,
          'Remove bEndVlan, or change the action to "accept".',
        ),
      );
    }
  }
  if (rule.action === "deny") {
    problems.push(...reasonProblems(rule.reason, `${path}.reason`, label));
  } else if (rule.reason !== undefined && rule.reason.length > REASON_MAX_LENGTH) {
    problems.push(reasonTooLong(`${path}.reason`, rule.reason));
  }
  return problems;
}

function rangeProblems(
  range: { min?: number; max?: number } | undefined,
  path: string,
  label: string,
  what: string,
): PolicyProblem[] {
  if (range === undefined) return [];
  if (range.min === undefined && range.max === undefined) {
    return [
      error(
        path,
        `${label} has a ${what} range with neither min nor max.`,
        `Give min, max or both, or leave the range out to match any ${what}.`,
      ),
    ];
  }
  if (range.min !== undefined && range.max !== undefined && range.min > range.max) {
    return [
      error(
        path,
        `${label} has a ${what} range whose min (${range.min}) is above its max (${range.max}), so it matches nothing.`,
        "Swap min and max, or correct one of them (both bounds are inclusive).",
      ),
    ];
  }
  return [];
}

function reasonProblems(reason: string | undefined, path: string, label: string): PolicyProblem[] {
  if (reason === undefined || reason.trim() === "") {
    return [
      error(
        path,
        `${label} denies requests without a reason; the customer would not know why.`,
        `Add a reason (at most ${REASON_MAX_LENGTH} characters) telling the customer why, and what to do instead.`,
      ),
    ];
  }
  return reason.length > REASON_MAX_LENGTH ? [reasonTooLong(path, reason)] : [];
}

function reasonTooLong(path: string, reason: string): PolicyProblem {
  return error(
    path,
    `The reason is ${reason.length} characters; Megaport shows at most ${REASON_MAX_LENGTH}.`,
    `Shorten it to ${REASON_MAX_LENGTH} characters or fewer.`,
  );
}

function vlanOutOfRange(path: string, label: string, vlan: number): PolicyProblem {
  return error(
    path,
    `${label} uses VLAN ${vlan}, outside the usable range ${VLAN_MIN}–${VLAN_MAX}.`,
    `Use a VLAN from ${VLAN_MIN} to ${VLAN_MAX} (1 is reserved; 0 and -1 mean auto-assigned and untagged).`,
  );
}

const isUsableVlan = (vlan: number): boolean => vlan >= VLAN_MIN && vlan <= VLAN_MAX;

function duplicateNameProblems(rules: readonly ApprovalRule[]): PolicyProblem[] {
  const firstIndexByName = new Map<string, number>();
  const problems: PolicyProblem[] = [];
  rules.forEach((rule, index) => {
    // Case-insensitive: "Globex" and "globex" in one policy would read as the same rule in every log line.
    const key = normalize(rule.name);
    const first = firstIndexByName.get(key);
    if (first === undefined) {
      firstIndexByName.set(key, index);
      return;
    }
    problems.push(
      error(
        `rules[${index}].name`,
        `Rule name "${rule.name}" is already used by rules[${first}]; decisions would not say which rule decided.`,
        "Give each rule a unique name.",
      ),
    );
  });
  return problems;
}

/**
 * A later rule wholly inside an earlier one never decides anything (error). A later rule that only partly
 * overlaps an earlier one with a different action loses the overlap to the earlier rule; that is often
 * intended ("deny Initech" before "accept up to 1 Gbps") but worth a warning.
 */
function shadowingProblems(rules: readonly ApprovalRule[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  rules.forEach((later, laterIndex) => {
    const earlier = rules.slice(0, laterIndex);
    const shadowIndex = earlier.findIndex((rule) => matchCovers(rule.match, later.match));
    if (shadowIndex >= 0) {
      const shadow = rules[shadowIndex];
      problems.push(
        error(
          `rules[${laterIndex}]`,
          `Rule "${later.name}" can never match: every request it matches is matched first by rule ` +
            `"${shadow.name}" (rules[${shadowIndex}]).`,
          `Move "${later.name}" above "${shadow.name}", narrow the match of "${shadow.name}", or remove "${later.name}".`,
        ),
      );
      return;
    }
    earlier.forEach((rule, index) => {
      if (rule.action === later.action || !matchesOverlap(rule.match, later.match)) return;
      problems.push({
        path: `rules[${laterIndex}]`,
        reason:
          `Rule "${later.name}" (${later.action}) overlaps rule "${rule.name}" (${rule.action}) at rules[${index}], ` +
          `which comes first: requests matching both are decided "${rule.action}".`,
        fix:
          `If that is intended, nothing to do; otherwise move "${later.name}" above "${rule.name}" ` +
          "or narrow one of the two matches.",
        severity: "warning",
      });
    });
  });
  return problems;
}

function error(path: string, reason: string, fix: string): PolicyProblem {
  return { path, reason, fix, severity: "error" };
}

/** Turns a zod issue into problems a person can act on, naming the field as the user wrote it. */
function problemsFromIssue(issue: z.core.$ZodIssue): PolicyProblem[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) =>
        error(
          formatPath([...issue.path, key]),
          `Unknown key "${key}".`,
          "Remove it or correct its spelling; see the ApprovalPolicy documentation for the allowed keys.",
        ),
      );
    case "invalid_value":
      return [
        error(path, issue.message, `Use one of: ${issue.values.map((value) => String(value)).join(", ")}.`),
      ];
    case "invalid_type":
      return [
        error(
          path,
          issue.message,
          issue.input === undefined ? "Add this required field." : `Give a ${issue.expected}.`,
        ),
      ];
    default:
      return [error(path, issue.message, "Correct this value; see the ApprovalPolicy documentation.")];
  }
}

/** ["rules", 2, "match", "rateLimit"] → "rules[2].match.rateLimit". */
function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? "(policy)" : text;
}

// ---------------------------------------------------------------------------------------------------------
// Pending requests in `GET /v2/products` data
// ---------------------------------------------------------------------------------------------------------

/**
 * The few fields of a product we read. Narrow on purpose: any richer product type (the client's zod output)
 * fits, and this module does not depend on the client. The API sends `null` for many absent values.
 */
export interface ProductWithVxcs {
  productUid?: string | null;
  companyUid?: string | null;
  associatedVxcs?: readonly VxcForApproval[] | null;
}

/** The fields of a VXC (megaport-api.md 6.2) that say whether it waits on us, and for what. */
export interface VxcForApproval {
  productUid?: string | null;
  productName?: string | null;
  rateLimit?: number | null;
  provisioningStatus?: string | null;
  companyUid?: string | null;
  companyName?: string | null;
  aEnd?: VxcEndForApproval | null;
  bEnd?: VxcEndForApproval | null;
  vxcApproval?: {
    status?: string | null;
    uid?: string | null;
    type?: string | null;
    newSpeed?: number | null;
    message?: string | null;
  } | null;
  /** Not in megaportgo's VXC type; read when present (the simulator may send it). */
  serviceKey?: string | boolean | null;
}

export interface VxcEndForApproval {
  ownerUid?: string | null;
  /** Not in megaportgo's VXC type; read when present. */
  ownerName?: string | null;
  productUid?: string | null;
  vlan?: number | null;
}

/** The approval status of a request the viewing company must decide (megaport-api.md 9.1, 9.1a). */
export const PENDING_ON_US = "PENDING_INTERNAL";

/** States in which a VXC can no longer be approved (9.1a: denied or expired orders move to FAILED). */
const CLOSED_STATES = new Set([
  "CANCELLED",
  "CANCELLED_PARENT",
  "DECOMMISSIONED",
  "DECOMMISSIONING",
  "FAILED",
]);

export interface PendingRequestsOptions {
  /** Told about each VXC pending on us that cannot be decided automatically, and why (left to a person). */
  onSkipped?: (vxcUid: string, why: string) => void;
}

/**
 * The requests waiting on us: walks each of our products' `associatedVxcs` for `vxcApproval.status`
 * "PENDING_INTERNAL" (how Megaport's own Java client found them, megaport-api.md 9.1; there is no listing
 * endpoint). A VXC between two of our ports appears under both, so each VXC is returned once.
 */
export function pendingRequestsFrom(
  products: readonly ProductWithVxcs[],
  ownCompanyUid: string,
  options: PendingRequestsOptions = {},
): ApprovalRequest[] {
  const seen = new Set<string>();
  const requests: ApprovalRequest[] = [];
  for (const product of products) {
    // `GET /v2/products` lists only our products; the check guards against a caller passing other data.
    if (product.companyUid && normalize(product.companyUid) !== normalize(ownCompanyUid)) continue;
    for (const vxc of product.associatedVxcs ?? []) {
      const approval = vxc.vxcApproval;
      if (!vxc.productUid || approval?.status !== PENDING_ON_US || seen.has(vxc.productUid)) continue;
      seen.add(vxc.productUid);
      const result = requestFromVxc(vxc, product);
      if (typeof result === "string") options.onSkipped?.(vxc.productUid, result);
      else requests.push(result);
    }
  }
  return requests;
}

function requestFromVxc(vxc: VxcForApproval, port: ProductWithVxcs): ApprovalRequest | string {
  const approval = vxc.vxcApproval ?? {};
  const vxcUid = vxc.productUid ?? "";
  if (vxc.provisioningStatus && CLOSED_STATES.has(vxc.provisioningStatus.toUpperCase())) {
    return `it is ${vxc.provisioningStatus} and can no longer be approved`;
  }
  const type = requestTypeOf(approval.type);
  if (type === undefined) return `its request type "${approval.type ?? "(none)"}" is not one we decide`;
  if (!approval.uid) return "its vxcApproval has no uid to answer";
  const requestingCompanyUid = vxc.aEnd?.ownerUid ?? vxc.companyUid;
  if (!requestingCompanyUid) return "neither aEnd.ownerUid nor companyUid names the requesting company";
  const targetPortUid = vxc.bEnd?.productUid ?? port.productUid;
  if (!targetPortUid) return "its B-end port is not named";
  // A missing speed must not read as 0 Mbps, which a "max" range would happily match.
  if (typeof vxc.rateLimit !== "number") return "its rateLimit is not given";

  // The VXC's companyName is its owner's; use it only when the owner is the requester.
  const ownerIsRequester = !vxc.companyUid || normalize(vxc.companyUid) === normalize(requestingCompanyUid);
  const requestingCompanyName = vxc.aEnd?.ownerName ?? (ownerIsRequester ? vxc.companyName : undefined);
  // VLAN 0 means "assign one for me" and null means none asked; neither is a requested VLAN.
  const bEndVlan = vxc.bEnd?.vlan ? vxc.bEnd.vlan : undefined;
  const serviceKey =
    typeof vxc.serviceKey === "boolean"
      ? vxc.serviceKey
      : typeof vxc.serviceKey === "string"
        ? vxc.serviceKey.length > 0
        : undefined;

  return withoutUndefined({
    vxcUid,
    approvalUid: approval.uid,
    type,
    requestingCompanyUid,
    requestingCompanyName: requestingCompanyName ?? undefined,
    targetPortUid,
    rateLimit: vxc.rateLimit,
    newSpeed: type === "SPEED_CHANGE" ? (approval.newSpeed ?? undefined) : undefined,
    bEndVlan,
    serviceKey,
    vxcName: vxc.productName ?? undefined,
  });
}

/** "NEW" → NEW; the Java enum says "SPEED_CHANGE", newer code only "a speed change": accept any SPEED form. */
function requestTypeOf(type: string | null | undefined): RequestType | undefined {
  const upper = type?.toUpperCase() ?? "";
  if (upper === "NEW") return "NEW";
  if (upper.includes("SPEED")) return "SPEED_CHANGE";
  return undefined;
}

/** Drops undefined keys so decisions and requests compare and print cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
