// The real Pulumi CLI for end-to-end tests: a stack per test on a local file backend with passphrase secrets,
// its own PULUMI_HOME, no update checks and no plugin downloads. Never skips: if the CLI cannot be had, the test
// fails with the toolchain script's message (`npm test` builds it once first, scripts/test-setup.sh).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { isolatedPulumiEnv, pulumiCliRoot, REPO_ROOT } from "../../scripts/pulumi-cli-root";

export { REPO_ROOT, pulumiCliRoot };
export const PASSPHRASE = "megaport-mx-e2e-passphrase";

export interface E2eStack {
  stack: Stack;
  /** Everything the CLI printed during this test, for searching for secrets. */
  output: string[];
  /** Environment the CLI runs with. */
  envVars: Record<string, string>;
  /** The test's own copy of the program. */
  workDir: string;
  tmpDir: string;
  cleanup(): Promise<void>;
}

/** A fresh stack of a real program directory, on a backend of its own. */
export async function createStack(
  programDir: string,
  options: {
    stackName?: string;
    envVars?: Record<string, string>;
    config?: Record<string, string>;
    /** A `runtime: yaml` program: put the YAML language host on the CLI's PATH (scripts/pulumi-yaml.sh). */
    yamlHost?: boolean;
    /** Put the provider plugin (bin/pulumi-resource-megaport-mx, over dist/) on the CLI's PATH. */
    plugin?: boolean;
  } = {},
): Promise<E2eStack> {
  const root = pulumiCliRoot();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-e2e-"));
  const backendDir = path.join(tmpDir, "backend");
  const pulumiHome = path.join(tmpDir, "home");
  fs.mkdirSync(backendDir);
  fs.mkdirSync(pulumiHome);
  const envVars: Record<string, string> = {
    ...isolatedPulumiEnv({
      home: pulumiHome,
      backendUrl: `file://${backendDir}`,
      passphrase: PASSPHRASE,
      yamlHost: options.yamlHost,
      plugin: options.plugin,
    }),
    ...options.envVars,
  };
  const workDir = copyOfProgram(programDir, tmpDir);
  const pulumiCommand = await PulumiCommand.get({ root, skipVersionCheck: false });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName ?? "e2e", workDir },
    { pulumiCommand, envVars, pulumiHome },
  );
  for (const [key, value] of Object.entries(options.config ?? {})) {
    await stack.setConfig(key, { value, secret: /secretKey|accessKey/.test(key) });
  }
  return {
    stack,
    output: [],
    envVars,
    workDir,
    tmpDir,
    async cleanup() {
      await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

/**
 * The program, copied into the test's own directory, so its stack's Pulumi.<stack>.yaml never lands in the repository.
 * node_modules links to the repository's, where `megaport-mx` resolves to this checkout.
 */
function copyOfProgram(programDir: string, tmpDir: string): string {
  const workDir = path.join(tmpDir, "program");
  fs.cpSync(programDir, workDir, {
    recursive: true,
    filter: (source) => !/(^|\/)(node_modules|Pulumi\.[^/]+\.yaml)$/.test(path.relative(programDir, source)),
  });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(workDir, "node_modules"), "dir");
  return workDir;
}

/**
 * Every file the backend holds for this test (checkpoints, history, backups), as text: the stack state as it sits
 * on disk. (Automation API's exportStack runs `stack export --show-secrets`, so it would show decrypted secrets.)
 */
export function backendText(e2e: E2eStack): string {
  return textUnder(path.join(e2e.tmpDir, "backend"));
}

/** Every file under `dir`, as text, for checks that a secret reached none of them. */
export function textUnder(dir: string): string {
  const parts: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else parts.push(fs.readFileSync(full).toString("utf8"));
    }
  };
  walk(dir);
  return parts.join("\n");
}

/**
 * The Pulumi CLI processes running an operation on this test's stack: the CLI binary, given `--stack <name>`, with
 * this test's own PULUMI_HOME in its environment. The name alone is not enough: stack names repeat between tests
 * (`e2e`, `kill-cli-only`), so a second test run on the same machine would have its CLI found too. Only processes of
 * this user can be read, which are the only ones a test may kill anyway.
 */
export function cliProcesses(e2e: E2eStack): number[] {
  const cli = path.resolve(pulumiCliRoot(), "bin", "pulumi");
  const home = `PULUMI_HOME=${path.join(e2e.tmpDir, "home")}`;
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const argv = procFile(pid, "cmdline");
      const stack = argv.indexOf("--stack");
      return (
        argv[0] === cli &&
        stack > 0 &&
        argv[stack + 1] === e2e.stack.name &&
        procFile(pid, "environ").includes(home)
      );
    });
}

/** A NUL-separated /proc file of a process, as a list; empty once the process is gone or if it is not ours. */
function procFile(pid: number, name: "cmdline" | "environ"): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, "utf8").split("\0");
  } catch {
    return [];
  }
}

/**
 * Kill -9 the CLI running an operation on this stack, and every process under it (language host, provider
 * plugins), as a crashed CI runner would. Ctrl-C would not do: the engine then waits for in-flight creates.
 * Throws when no CLI of this test is running: a kill that hit nothing proves nothing.
 */
export function killCli(e2e: E2eStack): number {
  const pids = cliProcesses(e2e);
  if (pids.length === 0)
    throw new Error(`no Pulumi CLI is running for stack ${e2e.stack.name} of this test (${e2e.tmpDir})`);
  const tree = (pid: number): number[] => {
    let children: number[] = [];
    try {
      children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .map(Number);
    } catch {
      // no children
    }
    return [pid, ...children.flatMap(tree)];
  };
  const all = pids.flatMap(tree);
  for (const pid of all) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return all.length;
}

/** onOutput handler that keeps what the CLI printed. */
export function collect(e2e: E2eStack): (line: string) => void {
  return (line) => {
    e2e.output.push(line);
  };
}
