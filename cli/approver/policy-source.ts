/**
 * Where the approver's rules come from (a rules file, or a provider stack's ApprovalPolicy outputs) and how a
 * change is noticed without a restart. Every policy goes through validatePolicy, the ApprovalPolicy resource's own
 * validation, and its problems are told with the rule's name and the field.
 *
 * What happens on a change is decided here once: a new valid policy is used from the next request on; a new
 * INVALID policy (or a stack whose ApprovalPolicy is gone) stops all answers until it is fixed, because acting on
 * the old rules could accept what the new ones were written to deny; a policy that cannot be READ (the backend is
 * unreachable) keeps the last good one, because nothing says it changed. Must never answer by a policy with
 * errors.
 */
import { createHash } from "node:crypto";
import {
  type ApprovalPolicy,
  type PolicyProblem,
  ApprovalPolicySchema,
  validatePolicy,
} from "../../provider/approval/rules";

/** One read of the policy's source. */
export interface PolicyRead {
  /** Changes exactly when the policy's text or values change. */
  version: string;
  /** The policy as written, for validatePolicy; absent when `problems` says why it could not be parsed. */
  input?: unknown;
  /** Problems found before validation (a YAML syntax error, no ApprovalPolicy in the stack). */
  problems?: PolicyProblem[];
  /** The company the policy guards, when the source says (the stack's `companyUid` output). */
  companyUid?: string;
}

export interface PolicySource {
  /** "rules file ./rules.yaml", "stack dev (ApprovalPolicy policy)". */
  readonly description: string;
  /** Reads the source now. Rejects only when it cannot be read at all (then the last good policy stays). */
  read(): Promise<PolicyRead>;
  /** Whether `read` is due (a file is cheap to read every cycle; a stack export is not). */
  due(nowMs: number): boolean;
}

export type PolicyState =
  | { status: "ok"; policy: ApprovalPolicy; version: string; companyUid?: string; warnings: PolicyProblem[] }
  | { status: "invalid"; version: string; problems: PolicyProblem[] };

/** What a refresh found. */
export type PolicyChange =
  | { kind: "unchanged" }
  | { kind: "loaded" | "invalid"; state: PolicyState; first: boolean }
  | { kind: "read-failed"; error: unknown; keeping?: PolicyState };

/** Keeps the policy in force and tells when it changes. */
export class PolicyTracker {
  private state: PolicyState | undefined;

  constructor(private readonly source: PolicySource) {}

  get current(): PolicyState | undefined {
    return this.state;
  }

  get description(): string {
    return this.source.description;
  }

  /** Reads the source when due (always when `force`), and validates what changed. */
  async refresh(nowMs: number, force = false): Promise<PolicyChange> {
    if (!force && this.state !== undefined && !this.source.due(nowMs)) return { kind: "unchanged" };
    let read: PolicyRead;
    try {
      read = await this.source.read();
    } catch (error) {
      return { kind: "read-failed", error, keeping: this.state };
    }
    if (this.state?.version === read.version) return { kind: "unchanged" };
    const first = this.state === undefined;
    this.state = evaluate(read);
    return { kind: this.state.status === "ok" ? "loaded" : "invalid", state: this.state, first };
  }
}

/** Validates a read with the resource's own rules; only error-severity problems stop it. */
export function evaluate(read: PolicyRead): PolicyState {
  if (read.problems && read.problems.length > 0) {
    return { status: "invalid", version: read.version, problems: read.problems };
  }
  const problems = validatePolicy(read.input).map((problem) => namingTheRule(problem, read.input));
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) return { status: "invalid", version: read.version, problems: errors };
  return {
    status: "ok",
    policy: ApprovalPolicySchema.parse(read.input),
    version: read.version,
    companyUid: read.companyUid,
    warnings: problems.filter((problem) => problem.severity === "warning"),
  };
}

/** `rules[2].match.rateLimit` → `rules[2] ("big-from-globex").match.rateLimit`, when the rule has a name. */
export function namingTheRule(problem: PolicyProblem, input: unknown): PolicyProblem {
  const match = /^rules\[(\d+)\]/.exec(problem.path);
  if (!match) return problem;
  const rules = (input as { rules?: unknown } | null)?.rules;
  const rule = Array.isArray(rules) ? (rules[Number(match[1])] as { name?: unknown } | undefined) : undefined;
  const name = typeof rule?.name === "string" && rule.name.trim() !== "" ? rule.name : undefined;
  if (!name) return problem;
  return { ...problem, path: `${match[0]} ("${name}")${problem.path.slice(match[0].length)}` };
}

/** "path: reason Fix: fix", one per line. */
export function describeProblems(problems: readonly PolicyProblem[]): string[] {
  return problems.map((problem) => `${problem.path}: ${problem.reason} Fix: ${problem.fix}`);
}

export function versionOf(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
