// Commands run as a user would type them: npm, npx and the real Pulumi CLI as child processes, in a fresh copy of
// this repository or in a new project outside it, with an environment free of this test run's own settings (npm's
// npm_* variables, MEGAPORT_* keys). Never touches the repository's working tree: every stack file, backend and
// PULUMI_HOME lives in the test's temporary directory.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isolatedPulumiEnv, REPO_ROOT } from "../../scripts/pulumi-cli-root";

export { REPO_ROOT };

export interface Ran {
  /** The exit code (null when a signal ended it). */
  code: number | null;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  stdout: string;
  seconds: number;
}

/**
 * The environment of a user's shell: this process's, less what `npm test` and the other tests put there (npm's
 * npm_* and INIT_CWD would make npm act on this repository; MEGAPORT_* would reach the provider), plus `extra`.
 */
export function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|MEGAPORT_)/i.test(key) || key === "INIT_CWD") continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * What the Pulumi CLI needs to run unattended and offline as a user would: the toolchain's `pulumi` first on PATH,
 * a PULUMI_HOME and HOME of the test's own (the HOME is not enough for `pulumi login --local`, whose `~` the CLI
 * reads from the password database: log in to `file://${HOME}` instead, or set PULUMI_BACKEND_URL), the
 * passphrase that `pulumi stack init` would ask for, no confirmations, update checks or plugin downloads, and the
 * provider's fast polling so the simulator's waits show within a second.
 */
export function pulumiEnv(tmpDir: string, extra: Record<string, string> = {}): Record<string, string> {
  const home = path.join(tmpDir, "home");
  fs.mkdirSync(home, { recursive: true });
  return userEnv({
    ...isolatedPulumiEnv({ home: path.join(home, ".pulumi-home"), passphrase: "megaport-mx-package-test" }),
    HOME: home,
    MEGAPORT_MX_POLL_INTERVAL_MS: "300",
    MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "1000",
    ...extra,
  });
}

/** Runs a command to its end (or `timeoutMs`), never throwing for its exit code: the test asserts on it. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const timer = setTimeout(
      () => {
        output += `\n[user-shell] ${command} ${args.join(" ")}: killed after ${options.timeoutMs} ms\n`;
        child.kill("SIGKILL");
      },
      options.timeoutMs ?? 5 * 60_000,
    );
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output, stdout, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Fails the test with the command's whole transcript unless it exited 0. */
export function expectSuccess(what: string, ran: Ran): void {
  if (ran.code !== 0) {
    throw new Error(`${what} exited ${ran.code} after ${ran.seconds.toFixed(1)} s:\n${ran.output}`);
  }
}

/**
 * A copy of this checkout as a fresh clone would hold it: the files git tracks plus new ones it does not ignore
 * (no dist/, node_modules/, stack files or local state). Its node_modules links to the repository's, as `npm ci`
 * would have made it.
 */
export function copyOfCheckout(tmpDir: string): string {
  const copy = path.join(tmpDir, "checkout");
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const source = path.join(REPO_ROOT, file);
    if (!fs.existsSync(source)) continue; // deleted in the working tree, not yet committed
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.cpSync(source, path.join(copy, file), { verbatimSymlinks: true });
  }
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
  return copy;
}

export function makeTmpDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `megaport-mx-${label}-`));
}

/** Seconds since `started`, for the timing line each test prints. */
export function since(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}
