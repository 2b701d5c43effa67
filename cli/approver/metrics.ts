/**
 * The approver's Prometheus metrics (prom-client), on a registry of its own so two approvers in one process (the
 * tests) never share counters. Names start `megaport_mx_approver_`; Node's process metrics (`process_*`,
 * `nodejs_*`) come with them. Labels are closed sets (never a UID, a company or a message), so series stay few.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { DecisionOutcome } from "./json-log";

export type CycleResultLabel = "ok" | "failed" | "standby" | "no-policy";

export class ApproverMetrics {
  readonly registry = new Registry();

  /** One per decision line: decision = accept | deny | manual; outcome = applied | already-answered | failed | left-for-person. */
  readonly decisions = new Counter({
    name: "megaport_mx_approver_decisions_total",
    help: "Requests handled, by what the rules decided and what came of it (each left-for-person request counts once).",
    labelNames: ["decision", "outcome"] as const,
    registers: [this.registry],
  });

  readonly cycles = new Counter({
    name: "megaport_mx_approver_cycles_total",
    help: "Approver cycles, by result: ok, failed (an API call failed), standby (another replica leads), no-policy.",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  readonly cycleDuration = new Histogram({
    name: "megaport_mx_approver_cycle_duration_seconds",
    help: "How long one cycle took: listing, re-reads and answers.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly pendingRequests = new Gauge({
    name: "megaport_mx_approver_pending_requests",
    help: "Requests still waiting on the company after the last cycle: left for a person, or failed to answer.",
    registers: [this.registry],
  });

  readonly apiErrors = new Counter({
    name: "megaport_mx_approver_api_errors_total",
    help: "Failed Megaport API calls, after the client's own retries, by stable error code (MX_…).",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });

  readonly policyLoaded = new Gauge({
    name: "megaport_mx_approver_policy_loaded",
    help: "1 while a valid policy is in force; 0 while it is missing or invalid (nothing is answered then).",
    registers: [this.registry],
  });

  readonly policyReloads = new Counter({
    name: "megaport_mx_approver_policy_reloads_total",
    help: "Policy changes seen (rules file or stack), by result: loaded, invalid, read-failed.",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  readonly leader = new Gauge({
    name: "megaport_mx_approver_leader",
    help: "1 while this replica holds the lock and answers; 0 on standby. Always 1 without --lock-url.",
    registers: [this.registry],
  });

  readonly lastCycleTimestamp = new Gauge({
    name: "megaport_mx_approver_last_cycle_timestamp_seconds",
    help: "When the last cycle ended (Unix time), whatever its result.",
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  countDecision(decision: string, outcome: DecisionOutcome): void {
    this.decisions.inc({ decision, outcome });
  }
}
