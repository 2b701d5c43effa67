/**
 * Finds the mistakes in an approval policy as a user wrote it, each named by path with a fix: shape errors,
 * bad ranges and VLANs, missing or long reasons, duplicate names, empty lists, unknown ports, rules that can
 * never match (errors) and rules partly decided by an earlier one (warnings). Used by the ApprovalPolicy
 * resource's `check`. Pure: it must never do I/O, and never stop at the first problem when it can list more.
 */
import { z } from "zod";
import { MegaportError, type MegaportErrorCode } from "../client/errors";
import { issueMessage, valueAt } from "../client/zod-issues";
import {
  type ApprovalPolicy,
  type ApprovalRule,
  ApprovalPolicySchema,
  DEFAULT_RULE_NAME,
  REASON_MAX_LENGTH,
} from "./policy-schema";
import { VLAN } from "../client/schemas/scalars";
import { companyFindings, type KnownCompany } from "./company-names";
import { matchCovers, matchesOverlap, normalize } from "./rule-match";

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
  /**
   * The companies we know of: those with a VXC or a request on our ports (UID and legal name), and the Marketplace
   * profiles we can see (UID and trading name). When given, each company a rule names is looked up
   * (company-names.ts): an entry that is only a known company's trading name is an error (it would never match
   * it), one that matches nothing known a warning (most likely a misspelling), one that matches a note.
   */
  knownCompanies?: readonly KnownCompany[];
  /** Told, for the log, which company each entry of each rule matches and which it does not. */
  onNote?: (path: string, line: string) => void;
}

/**
 * Finds every problem in a policy as the user wrote it: shape errors first (then nothing else is checked,
 * as the rest needs a well-formed policy), otherwise field and cross-rule problems, in rule order.
 */
export function validatePolicy(input: unknown, options: ValidatePolicyOptions = {}): PolicyProblem[] {
  const parsed = ApprovalPolicySchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.flatMap((issue) => problemsFromIssue(issue, input));
  const policy = parsed.data;
  const problems: PolicyProblem[] = [];
  const knownPorts = options.knownPortUids ? new Set(options.knownPortUids.map(normalize)) : undefined;

  policy.rules.forEach((rule, index) => {
    problems.push(...ruleProblems(rule, `rules[${index}]`, knownPorts));
    if (options.knownCompanies) {
      for (const finding of companyFindings(rule, `rules[${index}]`, options.knownCompanies)) {
        if (finding.severity === "note") options.onNote?.(finding.path, finding.reason);
        else problems.push(finding as PolicyProblem);
      }
    }
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

/** An approval policy has errors; `problems` lists each with its path and fix. */
export class PolicyValidationError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_POLICY_INVALID";
  readonly problems: readonly Pick<PolicyProblem, "path" | "reason" | "fix">[];

  constructor(problems: readonly Pick<PolicyProblem, "path" | "reason" | "fix">[]) {
    const lines = problems.map((problem) => `  ${problem.path}: ${problem.reason} Fix: ${problem.fix}`);
    super(`The approval policy has ${problems.length} problem(s):\n${lines.join("\n")}`);
    this.problems = problems;
  }
}

/** Parses a policy and throws a `PolicyValidationError` if it has any error-severity problem. */
export function parsePolicy(input: unknown, options: ValidatePolicyOptions = {}): ApprovalPolicy {
  const errors = validatePolicy(input, options).filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new PolicyValidationError(errors);
  return ApprovalPolicySchema.parse(input);
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
    `${label} uses VLAN ${vlan}, outside the usable range ${VLAN.min}–${VLAN.max}.`,
    `Use a VLAN from ${VLAN.min} to ${VLAN.max} (1 is reserved; 0 and -1 mean auto-assigned and untagged).`,
  );
}

const isUsableVlan = (vlan: number): boolean => vlan >= VLAN.min && vlan <= VLAN.max;

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
function problemsFromIssue(issue: z.core.$ZodIssue, input: unknown): PolicyProblem[] {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) =>
      error(
        formatPath([...issue.path, key]),
        `Unknown key "${key}".`,
        "Remove it or correct its spelling; see the ApprovalPolicy reference page for the allowed keys.",
      ),
    );
  }
  const fix =
    issue.code === "invalid_value"
      ? `Use one of: ${issue.values.map((value) => String(value)).join(", ")}.`
      : issue.code === "invalid_type" && valueAt(input, issue.path) === undefined
        ? `Add ${path}.`
        : "Correct this value; see the ApprovalPolicy reference page.";
  return [error(path, `${path} ${issueMessage(issue, input)}.`, fix)];
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
