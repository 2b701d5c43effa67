// Where the Pulumi CLI is: MEGAPORT_MX_PULUMI_ROOT when set, else what scripts/pulumi-cli.sh prints (a CLI on PATH,
// the cached build, or a fresh build from Go modules). Used by the demo and the end-to-end tests.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root, from the source file (scripts/) or the compiled one (dist/scripts/). */
export const REPO_ROOT = [path.resolve(__dirname, ".."), path.resolve(__dirname, "../..")].find((dir) =>
  fs.existsSync(path.join(dir, "scripts", "pulumi-cli.sh")),
)!;

let cached: string | undefined;

/** The directory holding bin/pulumi, bin/pulumi-language-nodejs and bin/pulumi-resource-pulumi-nodejs. */
export function pulumiCliRoot(): string {
  if (cached) return cached;
  const fromEnv = process.env.MEGAPORT_MX_PULUMI_ROOT;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "bin", "pulumi"))) return (cached = fromEnv);
  const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 60 * 60 * 1000,
  });
  const root = out.trim().split("\n").pop();
  if (!root) throw new Error("scripts/pulumi-cli.sh printed no CLI root");
  return (cached = root);
}

let cachedYaml: string | undefined;

/**
 * The directory holding pulumi-language-yaml: MEGAPORT_MX_PULUMI_YAML_DIR when set, else what scripts/pulumi-yaml.sh
 * prints (the cached build, or a fresh build from Go modules). Kept apart from the CLI root, which may be a
 * developer's own Pulumi install that we must not write into.
 */
export function pulumiYamlHostDir(): string {
  if (cachedYaml) return cachedYaml;
  const fromEnv = process.env.MEGAPORT_MX_PULUMI_YAML_DIR;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "pulumi-language-yaml"))) return (cachedYaml = fromEnv);
  const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts/pulumi-yaml.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 30 * 60 * 1000,
  });
  const dir = out.trim().split("\n").pop();
  if (!dir) throw new Error("scripts/pulumi-yaml.sh printed no directory");
  return (cachedYaml = dir);
}

/**
 * The environment of a pulumi process that touches nothing of the user's: our CLI (and the Node.js running us, for
 * the language host) first on PATH, its own home, backend and passphrase, no update check, no plugin downloads (the
 * machine may have no internet), no prompts. With `yamlHost`, the pinned YAML language host comes right after our CLI,
 * since the CLI finds `pulumi-language-<runtime>` on PATH; with `plugin`, this checkout's provider plugin launcher
 * (over dist/), found the same way as `pulumi-resource-megaport-mx`.
 */
export function isolatedPulumiEnv(options: {
  home: string;
  backendUrl?: string;
  passphrase: string;
  yamlHost?: boolean;
  /** Put bin/pulumi-resource-megaport-mx on PATH: the CLI runs a plugin it finds there when none is installed. */
  plugin?: boolean;
}): Record<string, string> {
  return {
    PATH: [
      path.join(pulumiCliRoot(), "bin"),
      ...(options.yamlHost ? [pulumiYamlHostDir()] : []),
      ...(options.plugin ? [path.join(REPO_ROOT, "bin")] : []),
      path.dirname(process.execPath),
      process.env.PATH ?? "",
    ].join(path.delimiter),
    PULUMI_HOME: options.home,
    ...(options.backendUrl ? { PULUMI_BACKEND_URL: options.backendUrl } : {}),
    PULUMI_CONFIG_PASSPHRASE: options.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
  };
}
