#!/usr/bin/env node
// Gives the project a Node.js that @pulumi/pulumi supports (22 or newer) on a machine whose own node is older.
//
//   node scripts/node-runtime.js               prints the bin directory of a supported node (last line of stdout)
//   node scripts/node-runtime.js -- CMD ARGS   runs CMD with that directory first on PATH, so CMD and everything
//                                              it starts (jest, the pulumi CLI, its language host, the dynamic
//                                              provider) run on that node; exits with CMD's status
//
// The running node is used when it is new enough. Otherwise Node.js NODE_VERSION (24 LTS) is taken from the npm
// registry's node-<platform>-<arch> package, the binary the `node` package itself installs, and cached by version
// in ~/.cache/megaport-mx/node, outside the repository, like the Pulumi CLI. Plain JavaScript with no
// dependencies, because it runs before `npm ci` and before the build.
"use strict";
const { execFileSync, spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const NODE_VERSION = "24.21.0";
const MIN_MAJOR = 22;

function log(message) {
  process.stderr.write(`node-runtime: ${message}\n`);
}

function cacheBase() {
  if (process.env.MEGAPORT_MX_CACHE) return process.env.MEGAPORT_MX_CACHE;
  const xdg = process.env.XDG_CACHE_HOME || path.join(process.env.HOME || os.homedir() || "/root", ".cache");
  return path.join(xdg, "megaport-mx");
}

function supportedNodeBinDir() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= MIN_MAJOR && !process.env.MEGAPORT_MX_FETCH_NODE) return path.dirname(process.execPath);
  const pkg = `node-${process.platform}-${process.arch}`;
  const root = path.join(cacheBase(), "node", `v${NODE_VERSION}-${process.platform}-${process.arch}`);
  const bin = path.join(root, "bin");
  if (fs.existsSync(path.join(bin, "node"))) return bin;

  log(
    `node ${process.versions.node} is older than ${MIN_MAJOR}; fetching ${pkg}@${NODE_VERSION} from the npm registry`,
  );
  fs.mkdirSync(path.dirname(root), { recursive: true });
  // A half-unpacked tree never becomes the cache: unpack beside it, then rename.
  const staging = fs.mkdtempSync(path.join(path.dirname(root), ".fetch-"));
  try {
    const tarball = execFileSync(
      "npm",
      ["pack", `${pkg}@${NODE_VERSION}`, "--silent", "--pack-destination", staging],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    )
      .trim()
      .split("\n")
      .pop();
    execFileSync("tar", ["-xzf", path.join(staging, tarball), "-C", staging, "--strip-components=1"]);
    fs.rmSync(path.join(staging, tarball));
    execFileSync(path.join(staging, "bin", "node"), ["--version"], { stdio: "ignore" });
    fs.rmSync(root, { recursive: true, force: true });
    fs.renameSync(staging, root);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  log(`cached in ${root}`);
  return bin;
}

function main(argv) {
  const bin = supportedNodeBinDir();
  const dash = argv.indexOf("--");
  if (dash < 0) {
    process.stdout.write(`${bin}\n`);
    return;
  }
  const [command, ...args] = argv.slice(dash + 1);
  if (!command) throw new Error("usage: node scripts/node-runtime.js [-- COMMAND ARGS...]");
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH || ""}` };
  const child = spawn(command, args, { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + os.constants.signals[signal] : 1)));
}

main(process.argv.slice(2));
