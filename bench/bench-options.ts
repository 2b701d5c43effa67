// The command line of `npm run bench` (bench/run.ts), parsed without side effects so it can be tested. Throws an
// Error a person can act on, with the usage.
import * as path from "node:path";
import { ADAPTERS, type Adapter, type BenchSettings } from "./bench-result";

export const USAGE = [
  "usage: npm run bench -- [--n 10,100,500] [--adapters dynamic,plugin] [--delay 65] [--configured-delay 15] [--cancel-delay 30]",
  "                        [--pollers 10,30|none] [--poller-cap 600] [--parallel n] [--preview-runs 2]",
  "                        [--out bench/results] [--smoke]",
  "  --n               numbers of VXCs, one run each (1000 if the machine holds it)",
  "  --adapters        megaport-mx's rows: the dynamic resources, the provider plugin (from a YAML program), or both",
  "  --delay           D: seconds from order to LIVE on the simulator (auto-approving B-end)",
  "  --configured-delay  of which CONFIGURED → LIVE (default 15 s, or D / 4 when D is under 60 s)",
  "  --cancel-delay    seconds from CANCEL_NOW to DECOMMISSIONED",
  "  --pollers         periods (s) of the naive per-VXC pollers run beside megaport-mx; none for none",
  "  --poller-cap      stop a poller after this many seconds and report what it had",
  "  --parallel        pulumi --parallel (default N: every create at once)",
  "  --preview-runs    no-change previews of each stack; the fastest counts",
  "  --out             where the JSON and SVG go",
  "  --smoke           N = 20, D = 5 s, cancel 3 s, pollers 10,30 capped at 45 s, one preview (CI)",
].join("\n");

export interface BenchOptions extends BenchSettings {
  out: string;
  help: boolean;
}

const SMOKE: Partial<BenchOptions> = {
  ns: [20],
  delaySeconds: 5,
  cancelDelaySeconds: 3,
  pollers: [10, 30],
  pollerCapSeconds: 45,
  previewRuns: 1,
};

export function parseBenchArgs(argv: readonly string[], repoRoot: string): BenchOptions {
  const given: Partial<BenchOptions> = {};
  let configured: number | undefined;
  let smoke = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--n":
        given.ns = numbers(flag, value(), 1);
        break;
      case "--adapters":
        given.adapters = adapters(flag, value());
        break;
      case "--delay":
        given.delaySeconds = number(flag, value(), 1);
        break;
      case "--configured-delay":
        configured = number(flag, value(), 0);
        break;
      case "--cancel-delay":
        given.cancelDelaySeconds = number(flag, value(), 0);
        break;
      case "--pollers": {
        const v = value();
        given.pollers = v === "none" ? [] : numbers(flag, v, 1);
        break;
      }
      case "--poller-cap":
        given.pollerCapSeconds = number(flag, value(), 1);
        break;
      case "--parallel":
        given.parallel = number(flag, value(), 1);
        break;
      case "--preview-runs":
        given.previewRuns = number(flag, value(), 1);
        break;
      case "--out":
        given.out = path.resolve(value());
        break;
      case "--smoke":
        smoke = true;
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  const options: BenchOptions = {
    ns: [10, 100, 500],
    adapters: [...ADAPTERS],
    delaySeconds: 65,
    configuredSeconds: 0,
    cancelDelaySeconds: 30,
    pollers: [10, 30],
    pollerCapSeconds: 600,
    parallel: null,
    previewRuns: 2,
    rateLimitMbps: 10,
    out: path.join(repoRoot, "bench/results"),
    ...(smoke ? SMOKE : {}),
    ...given,
    smoke,
    help,
  };
  if (configured !== undefined && configured > options.delaySeconds) {
    throw new Error(
      `--configured-delay (${configured} s) is part of --delay (${options.delaySeconds} s): at most that`,
    );
  }
  options.configuredSeconds = configured ?? Math.min(15, options.delaySeconds / 4);
  return options;
}

function number(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${flag} must be a number ≥ ${min}, not "${raw}"`);
  return n;
}

function numbers(flag: string, raw: string, min: number): number[] {
  const list = raw.split(",").map((part) => number(flag, part.trim(), min));
  if (list.some((n) => !Number.isInteger(n))) throw new Error(`${flag} takes whole numbers, not "${raw}"`);
  return list;
}

function adapters(flag: string, raw: string): Adapter[] {
  const list = raw.split(",").map((part) => part.trim());
  const unknown = list.filter((a) => !(ADAPTERS as readonly string[]).includes(a));
  if (unknown.length || list.length === 0)
    throw new Error(`${flag} takes ${ADAPTERS.join(", ")} (comma-separated), not "${raw}"`);
  return [...new Set(list as Adapter[])];
}
