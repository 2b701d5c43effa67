// The plugin's process: serves the provider and prints its port, the line the engine waits for on stdout. The engine
// ends the process when it is done with it; the engine's Cancel, a signal or a gone engine end its waits first
// (lifetime.ts). What the kinds print goes to the engine's Log (engine-log.ts). Node.js 22 or later, as for the
// dynamic resources.
import { CANCEL_REASONS, cancelThisProcess } from "../client/cancellation";
import { useConfigNamespace } from "../client/config-key";
import { engineAddress, engineSink, routeConsole } from "./engine-log";
import { endOnSignals } from "./lifetime";
import { PACKAGE, serve } from "./plugin-server";

const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  process.stderr.write(`pulumi-resource-megaport-mx needs Node.js 22 or later; this is ${process.version}\n`);
  process.exit(1);
}

// Its settings are the package's config (`megaport-mx:accessKey`), and every message names them so.
useConfigNamespace(PACKAGE);

// Before anything can print: stdout is the handshake's alone.
const address = engineAddress(process.argv.slice(2));
routeConsole(address ? engineSink(address) : undefined);

serve(() => cancelThisProcess(CANCEL_REASONS.engine)).then(
  ({ port, server }) => {
    endOnSignals(server, address);
    process.stdout.write(`${port}\n`);
  },
  (err: unknown) => {
    process.stderr.write(`pulumi-resource-megaport-mx: ${String(err)}\n`);
    process.exit(1);
  },
);
