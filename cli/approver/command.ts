/**
 * `megaport-mx approver`: wires the flags, the policy source, the credentials (resolved exactly as the provider
 * does, provider/config/provider-config.ts), the API client, the optional leader lock and HTTP port to the
 * loop (approver-service.ts), and turns SIGTERM/SIGINT into a clean stop.
 *
 * Must never print credentials or the lock URL, never start answering with a policy that has errors, and never
 * exit with a timer, a socket or a server left open (a second signal aborts in-flight calls instead of waiting).
 */
import { productScanSource } from "../../provider/approval/request-source";
import { ownCompanyUid } from "../../provider/approval/own-company";
import { ValidationError } from "../../provider/client/errors";
import type { MegaportClient } from "../../provider/client/megaport-client";
import type { RetryOptions } from "../../provider/client/retry";
import {
  SIMULATOR_BASE_URL,
  clientFor,
  configure,
  resolveSettings,
} from "../../provider/config/provider-config";
import { UsageError } from "../errors";
import { EXIT } from "../exit-codes";
import { ApproverService } from "./approver-service";
import { APPROVER_HELP, type ApproverFlags, parseApproverFlags } from "./flags";
import { startHealthServer, type HealthServer } from "./health-server";
import { codeOf, jsonLog, messageOf, type JsonLog } from "./json-log";
import { LeaderLock } from "./leader-lock";
import { ApproverMetrics } from "./metrics";
import { PolicyTracker, describeProblems, evaluate, type PolicySource } from "./policy-source";
import { openStack, stackConfig, stackPolicySource } from "./provider-stack";
import { rulesFileSource } from "./rules-file";

const APPROVER_RETRY: RetryOptions = { maxRetries: 3, maxBackoffMs: 4000 };

export async function runApproverCommand(argv: string[]): Promise<number> {
  let flags: ApproverFlags;
  try {
    flags = parseApproverFlags(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(
      `megaport-mx approver: ${error.message}\nRun \`megaport-mx approver --help\` for the flags.\n`,
    );
    return EXIT.USAGE;
  }
  if (flags.help) {
    process.stdout.write(`${APPROVER_HELP}\n`);
    return EXIT.OK;
  }

  const log = jsonLog();
  const stops = stopSignals(log);
  const closers: (() => Promise<void>)[] = [];
  try {
    return await approve(flags, log, stops, closers);
  } catch (error) {
    // Startup failures a person must fix: say what and how, once, in both forms.
    log("fatal", { error: messageOf(error), errorCode: codeOf(error) });
    process.stderr.write(`megaport-mx approver: ${messageOf(error)}\n`);
    return EXIT.FAILED;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    stops.dispose();
    log("stopped", {});
  }
}

async function approve(
  flags: ApproverFlags,
  log: JsonLog,
  stops: StopSignals,
  closers: (() => Promise<void>)[],
): Promise<number> {
  // 1. The policy: refuse to start on one with errors (a running approver pauses on them instead).
  let source: PolicySource;
  let config: { get(key: string): string | undefined } | undefined;
  if (flags.stack !== undefined) {
    const stack = await openStack({ stackName: flags.stack, workDir: flags.cwd });
    config = await stackConfig(stack);
    source = stackPolicySource(stack, { policyName: flags.policyName, refreshMs: flags.policyRefreshMs });
  } else {
    source = rulesFileSource(flags.rulesFile!);
  }
  const initial = evaluate(await source.read());
  if (initial.status === "invalid") {
    const lines = describeProblems(initial.problems);
    log("policy-invalid", { source: source.description, version: initial.version, problems: lines });
    process.stderr.write(
      `megaport-mx approver: the policy from ${source.description} has ${lines.length} problem(s):\n` +
        `${lines.map((line) => `  ${line}`).join("\n")}\nNothing was answered.\n`,
    );
    return EXIT.FAILED;
  }

  // 2. Credentials and endpoint, as the provider resolves them: the stack's megaport:* config, else MEGAPORT_*.
  if (config) await configure({ config });
  const settings = resolveSettings();
  if (settings.defaulted) {
    log("warning", {
      message:
        `no megaport:environment or megaport:baseUrl set: using the simulator at ${SIMULATOR_BASE_URL}. ` +
        "Set megaport:environment (or MEGAPORT_ENVIRONMENT) to production or staging for the real Megaport API.",
    });
  }
  // The service loop retries a failed cycle with its own backoff, so one call gives up sooner than in `pulumi up`
  // (about 7 s rather than half a minute) and a cycle's failure is logged while the API is still down.
  const client = clientFor(settings, "megaport-mx-approver", APPROVER_RETRY);
  closers.push(() => client.close());

  // 3. Whose requests: the key's company (retried while the API fails, unless --once).
  const companyUid = await companyOf(client, flags, log, stops);
  if (companyUid === undefined) return EXIT.OK; // stopped while waiting for the API
  if (initial.companyUid && initial.companyUid !== companyUid) {
    throw new ValidationError({
      fieldPath: "megaport:accessKey",
      reason: `the policy from ${source.description} guards company ${initial.companyUid}, but the API key acts for company ${companyUid}`,
      fix: "use the provider stack's own API key, or the right --stack",
    });
  }

  // 4. Metrics, the optional lock and port, the loop.
  const metrics = new ApproverMetrics();
  let lock: LeaderLock | undefined;
  if (flags.lockUrl) {
    lock = new LeaderLock({
      url: flags.lockUrl,
      companyUid,
      onChange: (leader, why) => {
        metrics.leader.set(leader ? 1 : 0);
        log("leader", { leader, why });
      },
    });
    closers.push(() => lock!.close());
  }
  const service = new ApproverService({
    policy: new PolicyTracker(source),
    source: productScanSource(client, companyUid),
    api: client,
    companyUid,
    log,
    metrics,
    intervalMs: flags.intervalMs,
    maxBackoffMs: flags.maxBackoffMs,
    lock,
  });
  let server: HealthServer | undefined;
  if (flags.listen) {
    server = await startHealthServer({
      ...flags.listen,
      registry: metrics.registry,
      health: () => service.health(),
    });
    closers.push(() => server!.close());
  }
  log("started", {
    mode: flags.once ? "once" : "service",
    companyUid,
    policySource: source.description,
    endpoint: settings.baseUrl ?? settings.environment,
    intervalMs: flags.intervalMs,
    listen: server?.url,
    lock: lock ? "postgres advisory lock" : undefined,
  });

  if (flags.once) return (await service.runOnce(stops.hard)).exitCode;
  await service.run(stops.soft, stops.hard);
  return EXIT.OK;
}

/** The key's company; in service mode retried with backoff until it answers or a stop signal comes. */
async function companyOf(
  client: MegaportClient,
  flags: ApproverFlags,
  log: JsonLog,
  stops: StopSignals,
): Promise<string | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ownCompanyUid({
        listProducts: () => client.listProducts({ signal: stops.hard }),
        listUsers: () => client.listUsers({ signal: stops.hard }),
      });
    } catch (error) {
      if (flags.once || stops.soft.aborted) throw error;
      const delayMs = Math.min(flags.maxBackoffMs, flags.intervalMs * 2 ** attempt);
      log("startup-retry", {
        error: messageOf(error),
        errorCode: codeOf(error),
        attempt,
        retryInMs: delayMs,
      });
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          stops.soft.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, delayMs);
        stops.soft.addEventListener("abort", done, { once: true });
      });
      if (stops.soft.aborted) return undefined;
    }
  }
}

interface StopSignals {
  /** The first SIGTERM/SIGINT: finish the cycle under way, then stop. */
  soft: AbortSignal;
  /** The second: abort the calls under way too. */
  hard: AbortSignal;
  dispose(): void;
}

function stopSignals(log: JsonLog): StopSignals {
  const soft = new AbortController();
  const hard = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!soft.signal.aborted) {
      log("stopping", { signal, note: "finishing the cycle under way; send it again to stop at once" });
      soft.abort(signal);
    } else if (!hard.signal.aborted) {
      log("stopping", { signal, note: "aborting the calls under way" });
      hard.abort(signal);
    }
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return {
    soft: soft.signal,
    hard: hard.signal,
    dispose() {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
    },
  };
}
