/**
 * The approver's command line: flags, their defaults and the help text, parsed with node:util's parseArgs. Must
 * never read a credential from a flag (they come from stack config or MEGAPORT_* variables, as for the provider),
 * and never accept two policy sources at once.
 */
import { parseArgs } from "node:util";
import { UsageError } from "../errors";

export interface ApproverFlags {
  /** A rules file (YAML or JSON), re-read when it changes. */
  rulesFile?: string;
  /** A provider stack whose ApprovalPolicy outputs are the rules, and whose config holds the credentials. */
  stack?: string;
  /** The stack's program directory (Pulumi.yaml). Default: the current directory. */
  cwd: string;
  /** Which ApprovalPolicy resource of the stack, by name, when it has several. */
  policyName?: string;
  /** Run one cycle and exit with a code that says what happened. */
  once: boolean;
  /** Pause between cycles, ms. */
  intervalMs: number;
  /** How often the stack is read again for a changed policy, ms. */
  policyRefreshMs: number;
  /** Longest pause after failures, ms. */
  maxBackoffMs: number;
  /** Where /healthz and /metrics are served. */
  listen?: { host: string; port: number };
  /** PostgreSQL URL for leader election between replicas. */
  lockUrl?: string;
  help: boolean;
}

export const DEFAULTS = {
  intervalMs: 5_000,
  policyRefreshMs: 30_000,
  maxBackoffMs: 60_000,
  listenHost: "127.0.0.1",
} as const;

/** Also read for --lock-url, so a URL with a password need not appear in the process list. */
export const LOCK_URL_ENV = "MEGAPORT_MX_APPROVER_LOCK_URL";

export const APPROVER_HELP = `Usage: megaport-mx approver (--rules <file> | --stack <name> [--cwd <dir>]) [flags]

Answers Marketplace connection requests and speed changes waiting on your company's ports by an approval
policy: accepts, denies with the reason the customer sees, or leaves them for a person in the Portal.
The real Megaport API keeps no rules and sends no webhooks, so this runs as a service (or --once on a schedule).

Policy (one of):
  --rules <file>            YAML or JSON: { rules: [...], defaultAction, defaultReason }, the ApprovalPolicy
                            schema. Re-read when the file changes.
  --stack <name>            Use the ApprovalPolicy outputs of this provider stack (Automation API; the backend
                            and passphrase come from the environment: PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE…).
                            A new \`pulumi up\` is picked up within --policy-refresh.
  --cwd <dir>               The stack's program directory (default: the current directory).
  --policy <name>           The ApprovalPolicy resource's name, when the stack has more than one.

Running:
  --once                    One cycle, then exit: 0 nothing to do or all handled, 2 some left for a person,
                            1 something failed, 64 bad command line.
  --interval <duration>     Pause between cycles (default 5s). Durations: 500ms, 5s, 2m, or seconds.
  --policy-refresh <dur>    How often --stack is read again (default 30s).
  --max-backoff <duration>  Longest pause while the API keeps failing (default 60s).
  --listen [host:]port      Serve GET /healthz and GET /metrics (Prometheus text) there (host default 127.0.0.1).
  --lock-url <postgres-url> Run as one of several replicas: only the holder of a PostgreSQL advisory lock answers.
                            Also read from ${LOCK_URL_ENV}.
  -h, --help                This text.

Credentials and endpoint: the --stack's config (megaport:accessKey, megaport:secretKey, megaport:environment or
megaport:baseUrl + megaport:tokenUrl), else MEGAPORT_ACCESS_KEY, MEGAPORT_SECRET_KEY, MEGAPORT_ENVIRONMENT,
MEGAPORT_BASE_URL, MEGAPORT_TOKEN_URL, exactly as the provider resolves them.

Output: one JSON line per event on stdout; every decision is a line with "event":"decision".
SIGTERM or SIGINT finishes the current cycle and exits 0; a second one stops at once.`;

export function parseApproverFlags(argv: string[], env: NodeJS.ProcessEnv = process.env): ApproverFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        rules: { type: "string" },
        stack: { type: "string" },
        cwd: { type: "string" },
        policy: { type: "string" },
        once: { type: "boolean", default: false },
        interval: { type: "string" },
        "policy-refresh": { type: "string" },
        "max-backoff": { type: "string" },
        listen: { type: "string" },
        "lock-url": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const help = values.help ?? false;
  if (!help && (values.rules === undefined) === (values.stack === undefined)) {
    throw new UsageError("give exactly one of --rules <file> or --stack <name>");
  }
  if (values.rules !== undefined && (values.cwd !== undefined || values.policy !== undefined)) {
    throw new UsageError("--cwd and --policy go with --stack, not with --rules");
  }
  const lockUrl = values["lock-url"] ?? (env[LOCK_URL_ENV] || undefined);
  if (lockUrl !== undefined && !/^postgres(ql)?:\/\//.test(lockUrl)) {
    throw new UsageError("--lock-url must be a postgres:// or postgresql:// URL");
  }
  return {
    rulesFile: values.rules,
    stack: values.stack,
    cwd: values.cwd ?? process.cwd(),
    policyName: values.policy,
    once: values.once ?? false,
    intervalMs: durationFlag("--interval", values.interval, DEFAULTS.intervalMs),
    policyRefreshMs: durationFlag("--policy-refresh", values["policy-refresh"], DEFAULTS.policyRefreshMs),
    maxBackoffMs: durationFlag("--max-backoff", values["max-backoff"], DEFAULTS.maxBackoffMs),
    listen: values.listen === undefined ? undefined : listenFlag(values.listen),
    lockUrl,
    help,
  };
}

/** "500ms", "5s", "2m", or a bare number of seconds. */
export function durationFlag(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const unit = { ms: 1, s: 1000, m: 60_000 } as const;
  const ms = match ? Math.round(Number(match[1]) * unit[(match[2] ?? "s") as keyof typeof unit]) : NaN;
  if (!Number.isFinite(ms) || ms < 10) {
    throw new UsageError(`${flag} "${text}" is not a duration of at least 10ms (examples: 500ms, 5s, 2m)`);
  }
  return ms;
}

function listenFlag(text: string): { host: string; port: number } {
  const match = /^(?:(.+):)?(\d+)$/.exec(text.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65_535) throw new UsageError(`--listen "${text}" is not [host:]port`);
  return { host: match[1]?.replace(/^\[(.*)\]$/, "$1") ?? DEFAULTS.listenHost, port };
}
