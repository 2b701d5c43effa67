// Where the resource kinds, the approver and the orphan sweep get their Megaport client: stack config handed to an
// adapter's `configure` (or read by a command from its stack), or the environment. One client per distinct endpoint and key in the provider process, so every resource shares one token,
// one connection pool and one rate limiter.
// Never logs, returns or puts in an error message the secret key (nor the access key: it names the account), and
// never sends credentials to the simulator default unless they are the simulator's own seeded keys.
import { ENVIRONMENT_NAMES } from "../client/environments";
import { MegaportClient } from "../client/megaport-client";
import { MegaportError, ValidationError } from "../client/errors";
import type { RetryOptions } from "../client/retry";
import { isSimulatorSeedKey } from "../client/simulator-keys";
import { configKey, DYNAMIC_CONFIG_NAMESPACE } from "../client/config-key";

/** The environments a user may name: Megaport's, and the simulator, the embedded default. */
export const ENVIRONMENTS = [...ENVIRONMENT_NAMES, "simulator"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Where `npm run simulator` listens by default. */
export const SIMULATOR_BASE_URL = "http://127.0.0.1:4010";

/**
 * The settings every adapter reads, by name (`megaport:<name>` for the dynamic resources, `megaport-mx:<name>` for the
 * plugin, whose schema lists them: scripts/plugin-schema.ts), each also a MEGAPORT_* variable.
 */
export const SETTING_NAMES = ["accessKey", "secretKey", "environment", "baseUrl", "tokenUrl"] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** What `configure` saw; `undefined` until the engine calls it. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let stackConfig: ConfigSource | undefined;
const clients = new Map<string, MegaportClient>();

let problem: MegaportError | undefined;

/**
 * Called by an adapter with the stack config its engine passed (provider/dynamic/dynamic-provider.ts). The settings
 * are checked here, and a problem is kept for the adapter's `check` to report (provider/dynamic/engine-facing.ts), so
 * missing or unsafe credentials stop `pulumi preview` before any request is made.
 */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  stackConfig = req.config;
  try {
    resolveSettings();
    problem = undefined;
  } catch (err) {
    if (!(err instanceof MegaportError)) throw err;
    problem = err;
  }
}

/** What is wrong with the settings `configure` saw, if anything. */
export function settingsProblem(): MegaportError | undefined {
  return problem;
}

/**
 * The settings problem as the check failure every adapter reports on each resource, so `pulumi preview` stops before
 * any request; none when the settings are sound.
 */
export function settingsFailures(): { property: string; reason: string }[] {
  return problem ? [{ property: "", reason: problem.message }] : [];
}

export interface ResolvedSettings {
  accessKey: string;
  secretKey: string;
  environment: Environment;
  baseUrl?: string;
  tokenUrl?: string;
  /** True when nothing named an environment or URL and the simulator was chosen by default. */
  defaulted?: boolean;
}

/**
 * Stack config first (`megaport:*`), then MEGAPORT_* environment variables. `config` defaults to what the engine
 * handed `configure`; commands that read a stack themselves (megaport-mx orphans) pass its config.
 */
export function resolveSettings(
  env: NodeJS.ProcessEnv = process.env,
  config: ConfigSource | undefined = stackConfig,
): ResolvedSettings {
  const fromConfig = (key: string) => config?.get(`${DYNAMIC_CONFIG_NAMESPACE}:${key}`) || undefined;
  const accessKey = fromConfig("accessKey") ?? env.MEGAPORT_ACCESS_KEY;
  const secretKey = fromConfig("secretKey") ?? env.MEGAPORT_SECRET_KEY;
  const baseUrl = fromConfig("baseUrl") ?? env.MEGAPORT_BASE_URL;
  const tokenUrl = fromConfig("tokenUrl") ?? env.MEGAPORT_TOKEN_URL;
  const namedEnvironment = fromConfig("environment") ?? env.MEGAPORT_ENVIRONMENT;
  const environmentText = namedEnvironment ?? (baseUrl ? undefined : "simulator");

  if (!accessKey || !secretKey) {
    const missing = [!accessKey && "accessKey", !secretKey && "secretKey"].filter(Boolean).join(" and ");
    throw new ValidationError({
      fieldPath: configKey(missing.split(" ")[0]),
      reason: `Megaport credentials are not set (missing ${missing})`,
      fix:
        `run \`pulumi config set --secret ${configKey("accessKey")} <key>\` and ` +
        `\`pulumi config set --secret ${configKey("secretKey")} <secret>\`, ` +
        "or export MEGAPORT_ACCESS_KEY and MEGAPORT_SECRET_KEY",
    });
  }
  let environment: Environment = "simulator";
  if (environmentText !== undefined) {
    if (!(ENVIRONMENTS as readonly string[]).includes(environmentText)) {
      throw new ValidationError({
        fieldPath: configKey("environment"),
        reason: `unknown environment "${environmentText}"`,
        fix: `use one of ${ENVIRONMENTS.join(", ")}, or set ${configKey("baseUrl")} and ${configKey("tokenUrl")}`,
      });
    }
    environment = environmentText as Environment;
  }
  if (baseUrl && !tokenUrl) {
    throw new ValidationError({
      fieldPath: configKey("tokenUrl"),
      reason: `${configKey("baseUrl")} is set without ${configKey("tokenUrl")}`,
      fix: `set ${configKey("tokenUrl")} to the OAuth2 token URL that goes with the base URL`,
    });
  }
  if (!baseUrl && environment === "simulator") {
    if (namedEnvironment === undefined && !isSimulatorSeedKey(accessKey, secretKey)) {
      // These may be real keys: the simulator default is a plain-HTTP local port anyone could be listening on.
      throw new ValidationError({
        fieldPath: configKey("environment"),
        reason:
          "no Megaport environment is named, and these credentials are not the simulator's seeded keys, so they " +
          `will not be sent to the simulator default (${SIMULATOR_BASE_URL})`,
        fix:
          `run \`pulumi config set ${configKey("environment")} production\` (or staging), or \`simulator\` to use a ` +
          `local simulator on purpose, or set ${configKey("baseUrl")} and ${configKey("tokenUrl")}; the environment variable ` +
          "MEGAPORT_ENVIRONMENT works too",
      });
    }
    return {
      accessKey,
      secretKey,
      environment,
      baseUrl: SIMULATOR_BASE_URL,
      tokenUrl: `${SIMULATOR_BASE_URL}/oauth2/token`,
      defaulted: namedEnvironment === undefined,
    };
  }
  return { accessKey, secretKey, environment, baseUrl, tokenUrl };
}

/** A client for these settings; `product` names the tool in User-Agent. */
export function clientFor(
  settings: ResolvedSettings,
  product = "megaport-mx-pulumi",
  retry?: RetryOptions,
): MegaportClient {
  return new MegaportClient({
    accessKey: settings.accessKey,
    secretKey: settings.secretKey,
    userAgent: `${product}/${packageVersion()}`,
    ...clientLocation(settings),
    ...(retry ? { retry } : {}),
  });
}

/** The process-wide client for the configured endpoint and key. */
export function getClient(): MegaportClient {
  const settings = resolveSettings();
  const cacheKey = [settings.environment, settings.baseUrl, settings.tokenUrl, settings.accessKey].join("|");
  let client = clients.get(cacheKey);
  if (!client) {
    client = clientFor(settings);
    clients.set(cacheKey, client);
    if (settings.defaulted) {
      // Said once per provider process, so nobody mistakes the simulator for Megaport.
      console.log(
        `megaport-mx: no ${configKey("environment")} or ${configKey("baseUrl")} set: using the simulator at ` +
          `${SIMULATOR_BASE_URL}. Set ${configKey("environment")} to production or staging for the real Megaport API.`,
      );
    }
  }
  return client;
}

/**
 * The client, or undefined when no credentials are configured: a check that reads the API at preview is then
 * skipped rather than failing a preview on a machine without credentials (create reads the same facts anyway).
 */
export function clientIfConfigured(): MegaportClient | undefined {
  try {
    return getClient();
  } catch (err) {
    if (err instanceof MegaportError && err.code === "MX_VALIDATION") return undefined;
    throw err;
  }
}

/**
 * How long a check at preview waits for the API before it goes on without what it wanted to read (create reads the
 * same facts, and fails with the real error): a preview on a machine that cannot reach the API must not stall for
 * the client's full retry schedule. MEGAPORT_MX_PREVIEW_READ_MS changes it.
 */
export const PREVIEW_READ_MS = envNumber("MEGAPORT_MX_PREVIEW_READ_MS", 10_000);

/** Call options for a read made at preview: it gives up after PREVIEW_READ_MS. */
export function previewRead(): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(PREVIEW_READ_MS) };
}

/** A tuning knob from the environment: a positive number, else `fallback`. */
export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Where a MegaportClient for these settings talks to: explicit URLs (the simulator), else the named environment. */
export function clientLocation(
  settings: ResolvedSettings,
): { baseUrl: string; tokenUrl: string } | { environment: Exclude<Environment, "simulator"> } {
  return settings.baseUrl && settings.tokenUrl
    ? { baseUrl: settings.baseUrl, tokenUrl: settings.tokenUrl }
    : { environment: settings.environment as Exclude<Environment, "simulator"> };
}

/** This package's version, for User-Agent strings ("unknown" when package.json cannot be read). */
export function packageVersion(): string {
  try {
    // dist/provider/config → the package root; provider/config (tests) → the same.
    const fs = require("node:fs") as typeof import("node:fs");
    const path = require("node:path") as typeof import("node:path");
    const candidates = [
      path.join(__dirname, "../../../package.json"),
      path.join(__dirname, "../../package.json"),
    ];
    const file = candidates.find(
      (c) => fs.existsSync(c) && JSON.parse(fs.readFileSync(c, "utf8")).name === "megaport-mx",
    );
    return file ? (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version : "unknown";
  } catch {
    return "unknown";
  }
}
