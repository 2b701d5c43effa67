/**
 * The approver's loop: a cycle every `intervalMs` (policy refresh, leader check, one listing, decisions and
 * answers), longer pauses while the API keeps failing, and a clean stop. One JSON line per decision and per event
 * worth knowing; metrics for each. Process wiring (flags, signals, the HTTP port) is command.ts's.
 *
 * Must never end the loop because of an API error (it backs off and tries again), never answer without a valid
 * policy for the key's own company, and never leave a timer running after `run` returns.
 */
import {
  LeftForPersonMemory,
  answerOnce,
  runApprovalCycle,
  type AnswerApi,
  type CycleEvent,
} from "../../provider/approval/approver-cycle";
import type { ApprovalPolicy } from "../../provider/approval/rules";
import type { PendingRequestSource } from "../../provider/approval/request-source";
import { EXIT, type ExitCode } from "../exit-codes";
import type { Health } from "./health-server";
import {
  codeOf,
  decisionFields,
  decisionOutcome,
  messageOf,
  undecidableFields,
  type JsonLog,
} from "./json-log";
import type { ApproverMetrics, CycleResultLabel } from "./metrics";
import { describeProblems, type PolicyTracker } from "./policy-source";

/** What the loop needs of a leader lock (leader-lock.ts's LeaderLock fits). */
export interface LeaderElection {
  tryLead(): Promise<boolean>;
  assertLeader(): Promise<void>;
}

export interface ApproverServiceOptions {
  policy: PolicyTracker;
  source: PendingRequestSource;
  api: AnswerApi;
  /** The company the API key acts for: a policy that guards another company is refused. */
  companyUid: string;
  log: JsonLog;
  metrics: ApproverMetrics;
  intervalMs: number;
  maxBackoffMs: number;
  lock?: LeaderElection;
  now?: () => number;
  random?: () => number;
}

/** What one cycle came to. */
export interface CycleReport {
  result: CycleResultLabel;
  /** Accepted, denied, or found already answered. */
  decided: number;
  /** Left for a person this cycle (reported or not). */
  leftForPerson: number;
  /** Answers that failed; those requests stay pending. */
  failed: number;
  /** Requests waiting at the listing. */
  pending: number;
}

export class ApproverService {
  private readonly memory = new LeftForPersonMemory();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly startedAt: number;
  private failuresInARow = 0;
  private lastCycle: { endedAt: number; report: CycleReport } | undefined;
  private running = false;
  private stopped = false;
  private policyRefused: string | undefined;
  private standingBy = false;

  constructor(private readonly options: ApproverServiceOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.startedAt = this.now();
    options.metrics.leader.set(options.lock ? 0 : 1);
  }

  /** One cycle; never rejects. `signal` aborts in-flight API calls (a second SIGTERM). */
  async runCycle(signal?: AbortSignal): Promise<CycleReport> {
    const { metrics, log } = this.options;
    const endTimer = metrics.cycleDuration.startTimer();
    let report: CycleReport;
    try {
      report = await this.cycle(signal);
    } catch (error) {
      // Only an API listing (or a broken injected function) gets here: count it, log it, back off.
      metrics.apiErrors.inc({ code: codeOf(error) });
      log("cycle-failed", {
        error: messageOf(error),
        errorCode: codeOf(error),
        failuresInARow: this.failuresInARow + 1,
      });
      report = { result: "failed", decided: 0, leftForPerson: 0, failed: 0, pending: 0 };
    }
    endTimer();
    this.failuresInARow = report.result === "failed" ? this.failuresInARow + 1 : 0;
    metrics.cycles.inc({ result: report.result });
    metrics.lastCycleTimestamp.set(this.now() / 1000);
    this.lastCycle = { endedAt: this.now(), report };
    return report;
  }

  /** Cycles until `stop` fires; the cycle under way finishes first. `hardStop` also aborts its API calls. */
  async run(stop: AbortSignal, hardStop?: AbortSignal): Promise<void> {
    this.running = true;
    try {
      while (!stop.aborted) {
        await this.runCycle(hardStop);
        if (stop.aborted) break;
        await sleep(this.nextDelayMs(), stop);
      }
    } finally {
      this.running = false;
      this.stopped = true;
    }
  }

  /** One cycle as `--once` runs it, and the exit code that says what happened. */
  async runOnce(signal?: AbortSignal): Promise<{ report: CycleReport; exitCode: ExitCode }> {
    const report = await this.runCycle(signal);
    const exitCode =
      report.result === "failed" || report.result === "no-policy" || report.failed > 0
        ? EXIT.FAILED
        : report.leftForPerson > 0
          ? EXIT.LEFT_FOR_PERSON
          : EXIT.OK;
    this.options.log("once-finished", { ...report, exitCode });
    return { report, exitCode };
  }

  /** The pause before the next cycle: the interval, doubling per failed cycle up to maxBackoffMs, ±20 % jitter. */
  nextDelayMs(): number {
    const { intervalMs, maxBackoffMs } = this.options;
    if (this.failuresInARow === 0) return intervalMs;
    const base = Math.min(maxBackoffMs, intervalMs * 2 ** this.failuresInARow);
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }

  /**
   * For /healthz: running, and a cycle ended recently enough (a wedged loop is unhealthy), by a valid policy for
   * our company (without one it cycles but answers nothing: degraded, with the reason).
   */
  health(): Health {
    const { intervalMs, maxBackoffMs } = this.options;
    const staleAfterMs = Math.max(5 * 60_000, 3 * (maxBackoffMs + intervalMs));
    const lastActivity = this.lastCycle?.endedAt ?? this.startedAt;
    const policy = this.options.policy.current;
    const unhealthy = this.stopped
      ? "the loop has stopped"
      : this.now() - lastActivity > staleAfterMs
        ? `no cycle has finished for ${Math.round((this.now() - lastActivity) / 1000)}s`
        : undefined;
    const degraded = this.policyProblem();
    const status = unhealthy ? "unhealthy" : degraded ? "degraded" : "ok";
    return {
      healthy: status === "ok",
      status,
      ...(status === "ok" ? {} : { reason: unhealthy ?? degraded }),
      running: this.running,
      lastCycle: this.lastCycle
        ? { endedAt: new Date(this.lastCycle.endedAt).toISOString(), ...this.lastCycle.report }
        : null,
      failuresInARow: this.failuresInARow,
      policy: policy
        ? { status: this.policyRefused ? "refused" : policy.status, version: policy.version }
        : null,
      policySource: this.options.policy.description,
    };
  }

  /** Why no request can be answered now, or undefined when a valid policy for our company is in force. */
  private policyProblem(): string | undefined {
    const { policy: tracker } = this.options;
    const state = tracker.current;
    const none = "; nothing is answered, every request waits for a person";
    if (!state) return `no policy could be read yet from ${tracker.description}${none}`;
    if (state.status === "invalid") {
      const [first, ...more] = describeProblems(state.problems);
      const others = more.length > 0 ? ` (and ${more.length} more)` : "";
      return `the policy from ${tracker.description} is invalid: ${first}${others}${none} until it is fixed`;
    }
    return this.policyRefused ? `${this.policyRefused}${none}` : undefined;
  }

  // -------------------------------------------------------------------------------------------------------

  private async cycle(signal?: AbortSignal): Promise<CycleReport> {
    const { metrics, log, lock } = this.options;
    const idle = (result: CycleResultLabel): CycleReport => ({
      result,
      decided: 0,
      leftForPerson: 0,
      failed: 0,
      pending: 0,
    });

    const policy = await this.policyInForce();
    if (!policy) return idle("no-policy");
    if (lock && !(await lock.tryLead())) {
      if (!this.standingBy)
        log("standby", {
          note: "another replica holds the approver lock (or PostgreSQL is unreachable); answering nothing",
        });
      this.standingBy = true;
      return idle("standby");
    }
    this.standingBy = false;

    const answers = answerOnce({
      api: this.options.api,
      signal,
      beforeAnswer: lock ? () => lock.assertLeader() : undefined,
    });
    const result = await runApprovalCycle({
      policy,
      source: this.options.source,
      answers,
      memory: this.memory,
      signal,
      onEvent: (event) => this.report(event),
    });
    const { summary } = result;
    const answered = summary.accepted.length + summary.denied.length + summary.alreadyAnswered.length;
    metrics.pendingRequests.set(result.pending - answered);
    if (summary.failed.length > 0) {
      log("cycle-failed", {
        error: `${summary.failed.length} answer(s) failed; those requests stay pending and are tried again`,
        errorCode: codeOf(summary.failed[0].error),
        failuresInARow: this.failuresInARow + 1,
      });
    }
    return {
      result: summary.failed.length > 0 ? "failed" : "ok",
      decided: answered,
      leftForPerson: summary.manual.length + result.undecidable.length,
      failed: summary.failed.length,
      pending: result.pending,
    };
  }

  /** Refreshes the policy when due and says what changed; the valid policy for our company, or nothing. */
  private async policyInForce(): Promise<ApprovalPolicy | undefined> {
    const { policy: tracker, metrics, log, companyUid } = this.options;
    const change = await tracker.refresh(this.now());
    if (change.kind === "read-failed") {
      metrics.policyReloads.inc({ result: "read-failed" });
      log("policy-read-failed", {
        source: tracker.description,
        error: messageOf(change.error),
        errorCode: codeOf(change.error),
        keeping: change.keeping?.version ?? null,
      });
    } else if (change.kind === "invalid" && change.state.status === "invalid") {
      metrics.policyReloads.inc({ result: "invalid" });
      log("policy-invalid", {
        source: tracker.description,
        version: change.state.version,
        problems: describeProblems(change.state.problems),
        note: "nothing is answered until the policy is fixed; requests wait for a person",
      });
    } else if (change.kind === "loaded" && change.state.status === "ok") {
      const state = change.state;
      this.policyRefused =
        state.companyUid && state.companyUid !== companyUid
          ? `the policy guards company ${state.companyUid}, but the API key acts for company ${companyUid}`
          : undefined;
      metrics.policyReloads.inc({ result: this.policyRefused ? "invalid" : "loaded" });
      if (this.policyRefused) {
        log("policy-invalid", {
          source: tracker.description,
          version: state.version,
          problems: [
            `${this.policyRefused}. Fix: use the provider stack's own API key, or the right --stack.`,
          ],
          note: "nothing is answered until this is fixed; requests wait for a person",
        });
      } else {
        log(change.first ? "policy-loaded" : "policy-changed", {
          source: tracker.description,
          version: state.version,
          rules: state.policy.rules.map((rule) => rule.name),
          defaultAction: state.policy.defaultAction,
          warnings: state.warnings.length > 0 ? describeProblems(state.warnings) : undefined,
        });
      }
    }
    const state = tracker.current;
    const usable = state?.status === "ok" && !this.policyRefused ? state.policy : undefined;
    metrics.policyLoaded.set(usable ? 1 : 0);
    return usable;
  }

  private report(event: CycleEvent): void {
    const { log, metrics } = this.options;
    if (event.kind === "undecidable") {
      log("decision", undecidableFields(event.undecidable));
      metrics.countDecision("manual", "left-for-person");
      return;
    }
    const { settled } = event;
    if (settled.outcome === "failed") metrics.apiErrors.inc({ code: codeOf(settled.error) });
    if (!event.firstReport) return;
    log("decision", decisionFields(settled));
    metrics.countDecision(settled.decision.action, decisionOutcome(settled));
  }
}

/** Resolves after `ms`, or at once when `signal` fires; never leaves its timer behind. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
