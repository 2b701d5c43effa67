// A stack of one of the bench's programs (bench/programs/*) through Automation API and the real CLI, as the
// end-to-end harness makes them (tests/support/pulumi-stack.ts): a file backend, a passphrase, its own PULUMI_HOME, no
// update checks or plugin downloads, the program copied into a temp dir with node_modules linked to the repo's.
// Times `up`, `preview` and `destroy`, and notes when each resource's create returned (engine events). Must never:
// set MEGAPORT_MX_* (the provider's own cadence is what is measured).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type EngineEvent, type Stack } from "@pulumi/pulumi/automation";
import { isolatedPulumiEnv, pulumiCliRoot, REPO_ROOT } from "../scripts/pulumi-cli-root";

export const PASSPHRASE = "megaport-mx-bench-passphrase";

export interface BenchStack {
  stack: Stack;
  /** The stack's own copy of the program: the dynamic provider's cwd. */
  workDir: string;
  cliVersion: string;
  cleanup(): Promise<void>;
}

/** When a resource's create (or its failure) reached the bench, and the id it returned. */
export interface CreateReturn {
  urn: string;
  id: string | undefined;
  failed: boolean;
  /** Epoch ms: when the event arrived, clamped into the whole second the engine stamped on it. */
  at: number;
}

export interface UpResult {
  wallMs: number;
  creates: CreateReturn[];
  outputs: Record<string, unknown>;
  succeeded: boolean;
  /** The CLI's error, when `up` failed. */
  error?: string;
}

/**
 * Where a bench stack's program comes from: a directory under bench/programs (a Node.js program, dynamic resources),
 * or the text of a Pulumi.yaml (bench/yaml-programs.ts) run by the YAML language host, with the megaport-mx plugin
 * and the no-op plugin on PATH.
 */
export type BenchProgram = { dir: string } | { yaml: string };

/** A fresh stack of `program` on a backend of its own. */
export async function createBenchStack(
  program: BenchProgram,
  stackName: string,
  config: Record<string, { value: string; secret?: boolean }>,
): Promise<BenchStack> {
  const root = pulumiCliRoot();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `megaport-mx-bench-${stackName}-`));
  const backendDir = path.join(tmpDir, "backend");
  const pulumiHome = path.join(tmpDir, "home");
  fs.mkdirSync(backendDir);
  fs.mkdirSync(pulumiHome);
  const workDir = path.join(tmpDir, "program");
  const yaml = "yaml" in program;
  if (yaml) {
    fs.mkdirSync(workDir);
    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), program.yaml);
  } else {
    fs.cpSync(path.join(REPO_ROOT, "bench/programs", program.dir), workDir, { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(workDir, "node_modules"), "dir");
  }
  const pulumiCommand = await PulumiCommand.get({ root });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir },
    {
      pulumiCommand,
      pulumiHome,
      envVars: withNoopPlugin(
        isolatedPulumiEnv({
          home: pulumiHome,
          backendUrl: `file://${backendDir}`,
          passphrase: PASSPHRASE,
          yamlHost: yaml,
          plugin: yaml,
        }),
        yaml,
      ),
    },
  );
  await stack.setAllConfig(config);
  return {
    stack,
    workDir,
    cliVersion: pulumiCommand.version?.toString() ?? "unknown",
    async cleanup() {
      await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

/** With `on`, bench/plugin-bin (pulumi-resource-megaport-bench-noop, bench/noop-plugin.ts) first on PATH. */
function withNoopPlugin(env: Record<string, string>, on: boolean): Record<string, string> {
  if (!on) return env;
  return { ...env, PATH: [path.join(REPO_ROOT, "bench/plugin-bin"), env.PATH].join(path.delimiter) };
}

/**
 * `pulumi up --parallel <parallel>`. The CLI's default is 4 × the CPU count (8 on a 2-CPU machine), which would
 * make N VXCs wait N/8 provisioning delays one after another: the bench lets every create run at once, as a
 * user with many VXCs would ask for.
 */
export async function timedUp(bench: BenchStack, parallel: number): Promise<UpResult> {
  const creates: CreateReturn[] = [];
  const onEvent = (event: EngineEvent) => {
    const done = event.resOutputsEvent ?? event.resOpFailedEvent;
    if (!done || done.metadata.op !== "create" || done.metadata.type === "pulumi:pulumi:Stack") return;
    if (done.metadata.type.startsWith("pulumi:providers:")) return;
    creates.push({
      urn: done.metadata.urn,
      id: done.metadata.new?.id,
      failed: Boolean(event.resOpFailedEvent),
      at: clampToSecond(Date.now(), event.timestamp),
    });
  };
  const started = performance.now();
  try {
    const up = await bench.stack.up({ parallel, onEvent });
    const outputs = Object.fromEntries(Object.entries(up.outputs).map(([key, out]) => [key, out.value]));
    return { wallMs: performance.now() - started, creates, outputs, succeeded: true };
  } catch (err) {
    return {
      wallMs: performance.now() - started,
      creates,
      outputs: {},
      succeeded: false,
      error: (err as Error).message,
    };
  }
}

/** `pulumi preview` of a stack that is up and unchanged; throws if it would change anything. */
export async function timedPreview(bench: BenchStack, parallel: number): Promise<number> {
  const started = performance.now();
  const preview = await bench.stack.preview({ parallel });
  const wallMs = performance.now() - started;
  const changes = Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
  if (changes.length > 0) {
    throw new Error(`preview of an unchanged stack wants changes: ${JSON.stringify(preview.changeSummary)}`);
  }
  return wallMs;
}

export async function timedDestroy(
  bench: BenchStack,
  parallel: number,
): Promise<{ wallMs: number; succeeded: boolean; error?: string }> {
  const started = performance.now();
  try {
    await bench.stack.destroy({ parallel });
    return { wallMs: performance.now() - started, succeeded: true };
  } catch (err) {
    return { wallMs: performance.now() - started, succeeded: false, error: (err as Error).message };
  }
}

/**
 * The engine stamps events in whole seconds; Automation API tails the event log (polling every 200 ms), so an
 * event arrives a little after it was emitted. Emitted within [second, second + 1) and no later than its arrival:
 * the arrival time, pulled back into that second when it arrived after the second ended.
 */
export function clampToSecond(arrivedMs: number, engineSeconds: number): number {
  if (!Number.isFinite(engineSeconds) || engineSeconds <= 0) return arrivedMs;
  return Math.min(Math.max(arrivedMs, engineSeconds * 1000), engineSeconds * 1000 + 999);
}

export function resourceNameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
