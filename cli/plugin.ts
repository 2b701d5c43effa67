// `megaport-mx plugin install`: makes this installed package's provider plugin (bin/pulumi-resource-megaport-mx,
// running dist/provider/plugin/main.js) the `megaport-mx` resource plugin the Pulumi CLI finds, at the package's
// version, in $PULUMI_HOME/plugins (~/.pulumi when unset), by `pulumi plugin install resource … --file`.
// What is installed is a small executable that runs this package's launcher with the node running this command
// first on PATH: the plugin needs the package's node_modules, so it stays tied to this install (reinstall after
// moving or deleting the project). The plugin needs Node.js 22 or later, like the dynamic resources.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "./errors";
import { EXIT } from "./exit-codes";

const PLUGIN = "megaport-mx";
const EXECUTABLE = `pulumi-resource-${PLUGIN}`;
const MIN_NODE_MAJOR = 22;

export const PLUGIN_USAGE = [
  "Usage: megaport-mx plugin install [--pulumi <path>]",
  "",
  `Installs this package's provider plugin as the "${PLUGIN}" resource plugin of the Pulumi CLI, at the package's`,
  "version, into $PULUMI_HOME/plugins (~/.pulumi/plugins when PULUMI_HOME is unset), so Pulumi YAML programs can",
  "use the megaport-mx:index:* resources (a preview: no SDKs for other languages are generated yet). Needs Node.js",
  "22 or later; the plugin runs from this installed package, so run the command again after moving or reinstalling it.",
  "",
  "  --pulumi <path>  the pulumi executable to install with (default: pulumi on PATH)",
].join("\n");

/** The installed package's root: the directory of the package.json named megaport-mx above this module. */
function packageRoot(): { root: string; version: string } {
  // dist/cli → the package root; cli (tests) → the same.
  for (const up of ["../..", ".."]) {
    const file = path.join(__dirname, up, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "megaport-mx" && pkg.version) return { root: path.dirname(file), version: pkg.version };
  }
  throw new Error("cannot find the megaport-mx package.json above " + __dirname);
}

function parse(argv: string[]): { help: true } | { help: false; pulumi: string } {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") return { help: true };
  if (sub !== "install")
    throw new UsageError(`unknown plugin subcommand "${sub}"; the one there is: install`);
  let pulumi = "pulumi";
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === "--help" || flag === "-h") return { help: true };
    if (flag === "--pulumi") {
      const value = rest[++i];
      if (!value) throw new UsageError("--pulumi needs a path to the pulumi executable");
      pulumi = value;
      continue;
    }
    throw new UsageError(`unknown flag "${flag}" for plugin install; see megaport-mx plugin --help`);
  }
  return { help: false, pulumi };
}

/** Single-quotes a value for the POSIX shell. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function runPulumi(pulumi: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(pulumi, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "ENOENT"
          ? new Error(`cannot run "${pulumi}": install the Pulumi CLI or pass --pulumi <path>`)
          : err,
      ),
    );
    child.on("close", (code) => resolve({ code, output }));
  });
}

export async function runPlugin(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`megaport-mx plugin: ${err.message}\n\n${PLUGIN_USAGE}\n`);
    return EXIT.USAGE;
  }
  if (parsed.help) {
    process.stdout.write(`${PLUGIN_USAGE}\n`);
    return EXIT.OK;
  }
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE_MAJOR) {
    process.stderr.write(
      `megaport-mx plugin: the plugin needs Node.js ${MIN_NODE_MAJOR} or later; this is ${process.version}. ` +
        "Run this command with a newer node first on PATH.\n",
    );
    return EXIT.FAILED;
  }
  const { root, version } = packageRoot();
  const launcher = path.join(root, "bin", EXECUTABLE);
  for (const needed of [launcher, path.join(root, "dist", "provider", "plugin", "main.js")]) {
    if (!fs.existsSync(needed)) throw new Error(`this megaport-mx package has no ${needed}; reinstall it`);
  }

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-plugin-"));
  try {
    const executable = path.join(staging, EXECUTABLE);
    fs.writeFileSync(
      executable,
      [
        "#!/bin/sh",
        `# Installed by \`megaport-mx plugin install\` (megaport-mx ${version}): runs the plugin of the package in`,
        `# ${root} on the node that installed it (Node.js ${MIN_NODE_MAJOR} or later).`,
        `PATH=${shellQuote(path.dirname(process.execPath))}:"$PATH"`,
        "export PATH",
        `exec /bin/bash ${shellQuote(launcher)} "$@"`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const args = ["plugin", "install", "resource", PLUGIN, version, "--file", executable, "--reinstall"];
    const ran = await runPulumi(parsed.pulumi, args);
    if (ran.code !== 0) {
      process.stderr.write(
        `megaport-mx plugin: pulumi ${args.join(" ")} exited ${ran.code}:\n${ran.output}\n`,
      );
      return EXIT.FAILED;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  const home = process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
  process.stdout.write(
    `Installed the ${PLUGIN} resource plugin v${version} into ${path.join(home, "plugins", `resource-${PLUGIN}-v${version}`)}.\n` +
      `It runs ${launcher} on node ${process.version} (${process.execPath}); run this command again after moving or reinstalling the package.\n`,
  );
  return EXIT.OK;
}
