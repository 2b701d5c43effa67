// Peak resident memory of the provider process of one program directory: every ~200 ms, each process whose command
// line names the adapter's provider (dynamic: node …/@pulumi/pulumi/cmd/dynamic-provider, started by the
// pulumi-resource-pulumi-nodejs script; plugin: node …/dist/provider/plugin/main.js or the bench's no-op plugin,
// dist/bench/noop-plugin.js; the engine starts either with the program directory as cwd) and whose cwd is that
// directory. The peak
// is the largest VmHWM (the kernel's own high-water mark, so a spike between two samples still counts) or VmRSS
// read. Linux only; elsewhere it reports null. Must never: look at processes of other programs (the lead's tests
// may be running their own providers on the same machine).
import * as fs from "node:fs";
import type { Adapter } from "./bench-result";

export interface RssPeak {
  /** Largest resident set seen, MiB; null when no provider process was found. */
  peakMiB: number | null;
  /** Distinct provider processes seen. */
  processes: number;
}

export class RssSampler {
  private peakKiB = 0;
  private readonly pids = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly programDir: string;

  private readonly isProvider: (argv: readonly string[]) => boolean;

  constructor(programDir: string, adapter: Adapter = "dynamic") {
    this.programDir = fs.realpathSync(programDir);
    this.isProvider = adapter === "plugin" ? isPlugin : isDynamicProvider;
  }

  start(everyMs = 200): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): RssPeak {
    clearInterval(this.timer);
    this.sample();
    return { peakMiB: this.pids.size ? this.peakKiB / 1024 : null, processes: this.pids.size };
  }

  private sample(): void {
    let entries: string[];
    try {
      entries = fs.readdirSync("/proc");
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      try {
        if (!this.pids.has(pid)) {
          if (!this.isProvider(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"))) continue;
          if (fs.readlinkSync(`/proc/${pid}/cwd`) !== this.programDir) continue;
          this.pids.add(pid);
        }
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        for (const field of ["VmHWM", "VmRSS"]) {
          const kib = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
          this.peakKiB = Math.max(this.peakKiB, kib);
        }
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
  }
}

/** `node …/cmd/dynamic-provider[/index.js] <address>`, not the `node -e "require.resolve(…)"` that finds it. */
export function isDynamicProvider(argv: readonly string[]): boolean {
  return (
    !argv.includes("-e") && argv.some((arg) => /[/\\]cmd[/\\]dynamic-provider([/\\]index\.js)?$/.test(arg))
  );
}

/** `node …/dist/provider/plugin/main.js` (pulumi-resource-megaport-mx) or `node …/dist/bench/noop-plugin.js`. */
export function isPlugin(argv: readonly string[]): boolean {
  return argv.some((arg) =>
    /[/\\]dist[/\\](provider[/\\]plugin[/\\]main|bench[/\\]noop-plugin)\.js$/.test(arg),
  );
}
