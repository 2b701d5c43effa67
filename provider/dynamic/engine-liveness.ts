// What the Node.js dynamic-provider host (@pulumi/pulumi's cmd/dynamic-provider) does not do, done from inside it
// (docs/design.md, "Cancel"):
// - the engine's Cancel (Ctrl-C or SIGTERM to `pulumi up`, the only notice the host gets: it runs in a process group
//   of its own, and the engine waits for the steps in flight) is answered there with nothing; here it cancels the
//   process (client/cancellation.ts), so each wait ends as at its deadline and the engine records what exists;
// - a dead engine: the process leaves within seconds (provider/config/engine-liveness.ts), and at once when the dead
//   CLI's pipes break (it would otherwise spin writing EPIPE errors to them). Waits die with the process; the orders
//   they wait on are tagged, so the next `pulumi up` finds them.
import * as path from "node:path";
import { CANCEL_REASONS, cancelThisProcess } from "../client/cancellation";
import { watchEngine } from "../config/engine-liveness";

/** The engine's Cancel, as the gRPC path the host's server receives it on. */
const CANCEL_PATH = "/pulumirpc.ResourceProvider/Cancel";

type HandlerLookup = (this: unknown, path: string) => unknown;

/**
 * Hears the engine's Cancel on the host's own gRPC server: the host's copy of @grpc/grpc-js (resolved from the host's
 * script, the copy its server runs on) looks up the handler of every call it receives by path (Server's
 * `_retrieveHandler`); a lookup of Cancel calls `onCancel` first, then the host answers as before. Returns whether it
 * could: a grpc-js without that lookup leaves only the liveness watch (tests/unit/resources/host-cancel.test.ts pins
 * the installed one).
 */
export function hearHostCancel(hostScript: string, onCancel: () => void): boolean {
  let server: { prototype: { _retrieveHandler?: HandlerLookup } } | undefined;
  try {
    const grpcPath = require.resolve("@grpc/grpc-js", { paths: [path.dirname(hostScript)] });
    server = (require(grpcPath) as { Server?: typeof server }).Server;
  } catch {
    return false;
  }
  const lookup = server?.prototype._retrieveHandler;
  if (!server || typeof lookup !== "function") return false;
  server.prototype._retrieveHandler = function (this: unknown, callPath: string) {
    if (callPath === CANCEL_PATH) onCancel();
    return lookup.call(this, callPath);
  };
  return true;
}

let watching = false;

/**
 * In the dynamic-provider host (argv: node …/cmd/dynamic-provider <engine address>), once per process: hear the
 * engine's Cancel, watch the engine, and leave at once if stdout or stderr break (the CLI that read them is gone).
 * Elsewhere (tests, the approver) it does nothing.
 */
export function watchEngineOfThisProcess(argv: readonly string[] = process.argv): void {
  if (watching) return;
  const script = argv[1] ?? "";
  const address = argv[2];
  if (!/dynamic-provider/.test(script) || !address || !/:\d+$/.test(address)) return;
  watching = true;
  hearHostCancel(script, () => cancelThisProcess(CANCEL_REASONS.engine));
  watchEngine({ address, onGone: () => process.exit(1) });
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") process.exit(1);
    });
  }
}
