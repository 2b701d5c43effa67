#!/usr/bin/env node
/**
 * `megaport-mx`: the package's command line. A table of subcommands, each a module with a one-line summary and a
 * `run(argv)` that resolves to an exit code (cli/exit-codes.ts). Add a command by adding a row. Must never do
 * work at import time: `--help` must answer without credentials or a network.
 */
import { EXIT } from "./exit-codes";

export interface Command {
  /** One line for `megaport-mx --help`. */
  summary: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** The subcommands. Modules load only when their command runs, so one command's dependencies never slow another. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  approver: {
    summary:
      "answer Marketplace connection requests and speed changes by an approval policy, continuously or --once",
    run: async (argv) => (await import("./approver/command")).runApproverCommand(argv),
  },
  import: {
    summary:
      "write a `pulumi import --file` file that brings the company's VXCs, profile and subscriptions into a stack",
    run: async (argv) => (await import("./import")).runImport(argv),
  },
  migrate: {
    summary:
      "move a stack's resources from the dynamic resources to the provider plugin, re-ordering nothing (state rewrite)",
    run: async (argv) => (await import("./migrate")).runMigrate(argv),
  },
  orphans: {
    summary:
      "list the VXCs a stack ordered that no resource holds (after an interrupted up), and cancel them",
    run: async (argv) => (await import("./orphans")).runOrphans(argv),
  },
  plugin: {
    summary:
      "plugin install: make the provider plugin the Pulumi CLI finds, for programs in any language (preview)",
    run: async (argv) => (await import("./plugin")).runPlugin(argv),
  },
  simulator: {
    summary:
      "a local Megaport API with seeded companies, ports and API keys, to try megaport-mx offline (--port, --help)",
    run: async (argv) => (await import("./simulator")).runSimulator(argv),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const rows = Object.entries(COMMANDS).map(([name, cmd]) => `  ${name.padEnd(width)}  ${cmd.summary}`);
  return [
    "Usage: megaport-mx <command> [flags]",
    "",
    "Commands:",
    ...rows,
    "",
    "Run `megaport-mx <command> --help` for a command's flags.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`megaport-mx: unknown command "${name}".\n\n${usage()}\n`);
    return EXIT.USAGE;
  }
  return command.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`megaport-mx: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.FAILED;
    },
  );
}
