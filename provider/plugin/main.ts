// The plugin's process: serves the provider and prints its port, the line the engine waits for on stdout. The engine
// ends the process when it is done with it. Node.js 22 or later, as for the dynamic resources.
import { serve } from "./plugin-server";

const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  process.stderr.write(`pulumi-resource-megaport-mx needs Node.js 22 or later; this is ${process.version}\n`);
  process.exit(1);
}

serve().then(
  ({ port }) => process.stdout.write(`${port}\n`),
  (err: unknown) => {
    process.stderr.write(`pulumi-resource-megaport-mx: ${String(err)}\n`);
    process.exit(1);
  },
);
