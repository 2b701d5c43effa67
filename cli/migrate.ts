// `megaport-mx migrate`: moves a stack's megaport-mx resources from the dynamic resources (TypeScript) to the provider
// plugin (any language) by rewriting its state (cli/migrate-state.ts), so the program that declares them through the
// plugin next previews no changes: nothing re-ordered, nothing cancelled. Reads and writes the stack through the
// Automation API (the backend and passphrase from the environment, as the pulumi CLI does).
//
//   megaport-mx migrate [--stack <name>] [--cwd <program dir>] [--provider-name <name>] [--dry-run] [--no-update-running]
//
// Refuses while an update of the stack runs, by the same lock rules as `megaport-mx orphans` (cli/update-lock.ts): an
// import over a running update's state would lose what it records. It reads the lock again, and the state again,
// right before the import, and refuses if either changed. Copies the stack's `megaport:*` settings to the
// `megaport-mx:*` keys the plugin reads (secrets stay secret). Never prints a setting's value.
// Exit codes (cli/exit-codes.ts): 0 migrated (or, with --dry-run, would migrate); 1 refused or failed; 64 usage.
import { isDeepStrictEqual } from "node:util";
import type { Stack } from "@pulumi/pulumi/automation";
import { UsageError } from "./errors";
import { EXIT } from "./exit-codes";
import { migrateDeployment, MigrationRefused, type Deployment } from "./migrate-state";
import { refusalFor } from "./orphans";
import { oneLine, onStack, optionsOr, readFlags, type StackCommandOptions } from "./stack-command";
import { redactedUrl, updateLock } from "./update-lock";
import { DYNAMIC_CONFIG_NAMESPACE } from "../provider/client/config-key";
import { SETTING_NAMES } from "../provider/config/provider-config";
import { SECRET_MARK } from "../provider/kinds/secret-mark";
import { PLUGIN_PACKAGE } from "../provider/kinds/kinds";

export interface MigrateOptions extends StackCommandOptions {
  providerName: string;
  dryRun: boolean;
  noUpdateRunning: boolean;
}

export const MIGRATE_USAGE = `usage: megaport-mx migrate [--stack <name>] [--cwd <program dir>] [--provider-name <name>] [--dry-run]

Moves the stack's megaport-mx resources from the dynamic resources to the provider plugin (megaport-mx:index:*) by
rewriting its state: the same VXCs, profile, policies and subscriptions, nothing re-ordered or cancelled. Then run
the program that declares them through the plugin (Pulumi YAML, or a generated SDK): \`pulumi preview\` shows no
changes. Copies the megaport:* settings to megaport-mx:*; the stack's identity stays, so every order is still its own.
  --provider-name <name>
                   the plugin's default provider as the engine names it: "default" for a YAML program (the
                   default), "default_<version with _>" for a program of a generated SDK, which names its version
  --dry-run        say what would move, change nothing
  --no-update-running
                   confirm that no update of the stack runs, for a backend whose lock this command cannot read
Refuses while an update of the stack runs, or while operations are pending in its state.
Exit codes: 0 migrated, 1 refused or failed, 64 usage.`;

export function parseMigrateArgs(argv: readonly string[], cwd = process.cwd()): MigrateOptions {
  const options: MigrateOptions = {
    cwd,
    providerName: "default",
    dryRun: false,
    noUpdateRunning: false,
    help: false,
  };
  readFlags(argv, options, {
    "--provider-name": (value) => (options.providerName = value()),
    "--dry-run": () => (options.dryRun = true),
    "--no-update-running": () => (options.noUpdateRunning = true),
  });
  if (!/^default(_[0-9A-Za-z_-]+)?$/.test(options.providerName))
    throw new UsageError(`--provider-name ${options.providerName}: give "default" or "default_<version>"`);
  return options;
}

/** Runs the command; returns the exit code. Prints to `out`. */
export async function runMigrate(
  argv: readonly string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  const options = optionsOr("migrate", MIGRATE_USAGE, () => parseMigrateArgs(argv), out);
  if (typeof options === "number") return options;
  return onStack(
    "migrate",
    options,
    out,
    async ({ stack, project, backend }) => {
      const named = `${project}/${stack.name}`;
      const refused = refusalFor(await updateLock(stack, project, backend), options.noUpdateRunning, named);
      if (refused) throw new MigrationRefused(refused);
      const exported = await stack.exportStack();
      const settings = await pluginSettings(stack, options.dryRun);
      const plan = migrateDeployment(exported.deployment as Deployment, {
        stack: stack.name,
        project,
        providerName: options.providerName,
        settings,
      });
      for (const m of plan.moved) out(`${options.dryRun ? "would move" : "moving"} ${m.from} → ${m.to}`);
      out(`stack identity ${plan.stackId}, provider ${plan.providerUrn}`);
      if (options.dryRun) return EXIT.OK;

      // Right before the import: an update begun since, or any change to the state, and the rewrite is stale.
      const lockNow = await updateLock(stack, project, backend);
      const again = refusalFor(lockNow, options.noUpdateRunning, named);
      if (again) throw new MigrationRefused(again);
      const current = await stack.exportStack();
      if (!isDeepStrictEqual(current.deployment?.resources, exported.deployment?.resources))
        throw new MigrationRefused(`the state of ${named} changed while this ran; run it again`);
      await stack.importStack({ ...exported, deployment: plan.deployment });
      out(
        `migrated ${plan.moved.length} resource(s) of ${named} to the provider plugin. Next: declare them as ` +
          `${PLUGIN_PACKAGE}:index:* (same names, same inputs) and run \`pulumi preview\`: it shows no changes.`,
      );
      return EXIT.OK;
    },
    (err, stackName, backend) =>
      err instanceof MigrationRefused
        ? `nothing changed: ${err.message}`
        : `${oneLine(err, stackName, backend)}${backend ? ` (${redactedUrl(backend)})` : ""}`,
  );
}

/**
 * The plugin's settings: its `megaport-mx:*` config, first copied from `megaport:*` where unset (unless `dryRun`), as
 * the engine hands a default provider its inputs: secrets wrapped, so the state keeps them encrypted.
 */
async function pluginSettings(stack: Stack, dryRun: boolean): Promise<Record<string, unknown>> {
  const all = await stack.getAllConfig();
  const settings: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const plugin = all[`${PLUGIN_PACKAGE}:${name}`] ?? all[`${DYNAMIC_CONFIG_NAMESPACE}:${name}`];
    if (!plugin) continue;
    if (!all[`${PLUGIN_PACKAGE}:${name}`] && !dryRun)
      await stack.setConfig(`${PLUGIN_PACKAGE}:${name}`, { value: plugin.value, secret: plugin.secret });
    settings[name] = plugin.secret
      ? { ...SECRET_MARK, plaintext: JSON.stringify(plugin.value) }
      : plugin.value;
  }
  return settings;
}
