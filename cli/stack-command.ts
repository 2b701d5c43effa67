// What the commands that read a stack (`megaport-mx orphans`, `import`, `migrate`) share: reading the command line
// with its usage on a mistake and on --help, opening the stack through the Automation API (the backend and passphrase
// from the environment, as the pulumi CLI does), and one line for what went wrong.
import { CommandError, LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { UsageError } from "./errors";
import { EXIT } from "./exit-codes";
import { redactedUrl } from "./update-lock";

/**
 * The command's options, or the exit code when there is nothing to run: its usage after a usage error (64) or for
 * --help (0).
 */
export function optionsOr<T extends { help: boolean }>(
  command: string,
  usage: string,
  parse: () => T,
  out: (line: string) => void,
): T | number {
  let options: T;
  try {
    options = parse();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    out(`megaport-mx ${command}: ${err.message}\n${usage}`);
    return EXIT.USAGE;
  }
  if (!options.help) return options;
  out(usage);
  return EXIT.OK;
}

/** What every stack command reads from its command line. */
export interface StackCommandOptions {
  stack?: string;
  cwd: string;
  help: boolean;
}

/** A flag's handler; `value()` takes the value that follows the flag. */
type FlagHandler = (value: () => string) => void;

/**
 * Reads `argv` flag by flag: --stack, --cwd and --help / -h into `options`, every other flag through its handler in
 * `flags`. An unknown flag, or a flag missing its value, is a UsageError.
 */
export function readFlags(
  argv: readonly string[],
  options: StackCommandOptions,
  flags: Record<string, FlagHandler>,
): void {
  const handlers: Record<string, FlagHandler> = {
    "--stack": (value) => (options.stack = value()),
    "--cwd": (value) => (options.cwd = value()),
    "--help": () => (options.help = true),
    "-h": () => (options.help = true),
    ...flags,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!Object.hasOwn(handlers, flag)) throw new UsageError(`unknown flag ${flag}`);
    handlers[flag](() => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    });
  }
}

/** The stack a command works on, its project, and the backend that holds it (for messages). */
export interface OpenStack {
  stack: Stack;
  project: string;
  backend: string | undefined;
}

/**
 * Opens the stack and runs `work` on it. What it throws ends the command with exit 1 and one line,
 * "megaport-mx <command>: …": the command's own wording of the error if `describe` gives one, else oneLine's.
 */
export async function onStack(
  command: string,
  options: StackCommandOptions,
  out: (line: string) => void,
  work: (open: OpenStack) => Promise<number>,
  describe?: (err: unknown, stack: string | undefined, backend: string | undefined) => string | undefined,
): Promise<number> {
  let stackName = options.stack;
  let backend: string | undefined;
  try {
    backend = await backendUrlOf(options.cwd);
    const stack = await openStack(options.cwd, options.stack);
    stackName = stack.name;
    const project = (await stack.workspace.projectSettings()).name;
    return await work({ stack, project, backend });
  } catch (err) {
    out(`megaport-mx ${command}: ${describe?.(err, stackName, backend) ?? oneLine(err, stackName, backend)}`);
    return EXIT.FAILED;
  }
}

/** The stack named, else the one selected in the program's directory. */
async function openStack(cwd: string, stackName: string | undefined): Promise<Stack> {
  if (stackName) return LocalWorkspace.selectStack({ stackName, workDir: cwd });
  const workspace = await LocalWorkspace.create({ workDir: cwd });
  const current = await workspace.stack();
  if (!current) throw new UsageError("no stack is selected here: give --stack <name>");
  return LocalWorkspace.selectStack({ stackName: current.name, workDir: cwd });
}

/** The backend the stack lives on: PULUMI_BACKEND_URL, else the one `pulumi whoami` names. */
async function backendUrlOf(workDir: string): Promise<string | undefined> {
  if (process.env.PULUMI_BACKEND_URL) return process.env.PULUMI_BACKEND_URL;
  const workspace = await LocalWorkspace.create({ workDir });
  return (await workspace.whoAmI().catch(() => undefined))?.url;
}

/**
 * One line that names the fix, in place of the Automation API's dump of the command, its stdout and stderr: the
 * usual causes are the passphrase, the stack name and the backend.
 */
export function oneLine(err: unknown, stack: string | undefined, backend: string | undefined): string {
  const text = err instanceof Error ? err.message : String(err);
  // Our own errors (settings, Megaport's answers) are one line that names the fix already.
  if (!(err instanceof CommandError)) return text.split("\n")[0];
  const where = backend ? ` on backend ${redactedUrl(backend)}` : "";
  const named = stack ? `stack ${stack}` : "the stack";
  if (/passphrase|decrypt/i.test(text)) {
    return (
      `the passphrase does not open the secrets of ${named}: set PULUMI_CONFIG_PASSPHRASE ` +
      "(or PULUMI_CONFIG_PASSPHRASE_FILE) to the one the stack was created with"
    );
  }
  if (/no stack named|stack .* (not found|does not exist)/i.test(text)) {
    return (
      `there is no ${named}${where}: give --stack one that \`pulumi stack ls\` lists, or point PULUMI_BACKEND_URL ` +
      "(or `pulumi login <url>`) at the backend that holds it"
    );
  }
  if (/backend|bucket|login|PULUMI_ACCESS_TOKEN|no such file or directory|connection refused/i.test(text)) {
    return (
      `cannot read ${named}${where}: ${firstError(text)}. Point PULUMI_BACKEND_URL (or \`pulumi login <url>\`) at ` +
      "the backend that holds the stack"
    );
  }
  return firstError(text);
}

/** The CLI's own "error: …" line out of a command dump, else the first line. */
function firstError(text: string): string {
  const line = text.split("\n").find((l) => /^\s*error: /.test(l));
  return (line ?? text.split("\n")[0]).trim().replace(/^error: /, "");
}
