/**
 * The command line of `npm run simulator` (cli.ts), parsed without side effects so it can be tested: the
 * port, the state file, lifecycle durations (a named set, JSON, or one flag per duration), SMTP, and fault
 * rules (the body of PUT /_sim/faults, inline or from a file). Must never: start anything or exit.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { FaultConfigSchema, type FaultConfig } from "./faults";
import { PartialTimingsSchema, TIMINGS, type Timings, type TimingsName } from "./timings";

export const USAGE = [
  "usage: simulator [--port 4010] [--state file.json] [--smtp host:port]",
  "                 [--timings demo|test|'{\"deployableMs\":…}'] [--deployable-ms n] [--configured-ms n]",
  "                 [--cancelled-ms n] [--tick-ms n] [--approval-expiry-ms n]",
  "                 [--faults file.json|'{\"rules\":[…]}'] [--no-rate-limit]",
].join("\n");

export interface CliOptions {
  port: number;
  state?: string;
  /** What the banner prints: the named set, plus "custom" when durations were changed. */
  timingsLabel: string;
  timings: Timings;
  smtp?: string;
  faults: FaultConfig;
  help: boolean;
}

const DURATION_FLAGS: Record<string, keyof Timings> = {
  "--deployable-ms": "deployableMs",
  "--configured-ms": "configuredMs",
  "--cancelled-ms": "cancelledMs",
  "--tick-ms": "tickMs",
  "--approval-expiry-ms": "approvalExpiryMs",
};

/** Parse argv (without node and the script); throws an Error whose message a person can act on. */
export function parseCliArgs(
  argv: readonly string[],
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): CliOptions {
  let base: TimingsName = "demo";
  const overrides: Partial<Timings> = {};
  let faults: FaultConfig = {};
  let noRateLimit = false;
  const options: Omit<CliOptions, "timings" | "timingsLabel" | "faults"> = { port: 4010, help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--port") options.port = Number(value());
    else if (flag === "--state") options.state = value();
    else if (flag === "--smtp") options.smtp = value();
    else if (flag === "--timings") {
      const t = value();
      if (t.trim().startsWith("{")) Object.assign(overrides, parseJson(PartialTimingsSchema, t, "--timings"));
      else if (t in TIMINGS) base = t as TimingsName;
      else throw new Error(`--timings must be one of ${Object.keys(TIMINGS).join(", ")}, or a JSON object`);
    } else if (flag in DURATION_FLAGS) {
      const raw = value();
      const ms = Number(raw);
      if (!Number.isInteger(ms) || ms < 0)
        throw new Error(`${flag} must be a whole number of ms, not "${raw}"`);
      overrides[DURATION_FLAGS[flag]] = ms;
    } else if (flag === "--faults") {
      const v = value();
      const text = v.trim().startsWith("{") ? v : readFaultsFile(readFile, v);
      faults = parseJson(FaultConfigSchema, text, "--faults");
    } else if (flag === "--no-rate-limit") noRateLimit = true;
    else if (flag === "--help" || flag === "-h") options.help = true;
    else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error("--port must be a port number");
  }
  const timings = { ...TIMINGS[base], ...overrides };
  if (timings.tickMs < 1) throw new Error("--tick-ms must be at least 1");
  const custom = Object.keys(overrides).length > 0;
  return {
    ...options,
    timings,
    timingsLabel: custom ? `${base}, custom: ${JSON.stringify(overrides)}` : base,
    faults: noRateLimit ? { ...faults, rateLimit: false } : faults,
  };
}

function readFaultsFile(readFile: (path: string) => string, path: string): string {
  try {
    return readFile(path);
  } catch (err) {
    throw new Error(`--faults: cannot read ${path}: ${(err as Error).message}`);
  }
}

function parseJson<T extends z.ZodType>(schema: T, text: string, flag: string): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${flag}: not valid JSON: ${(err as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`${flag}: ${issue.path.join(".") || "value"}: ${issue.message}`);
}
