// How the plugin's process ends. The engine's Cancel (Ctrl-C or SIGTERM to `pulumi up`) cancels the process
// (client/cancellation.ts): each wait ends as at its deadline, and the engine records what exists. SIGINT or SIGTERM
// to the plugin (the engine sends SIGINT to the plugin's process group when it is done with it) cancels too, then
// the requests in flight are answered and the process exits; a second signal exits at once. An engine gone
// (provider/config/engine-liveness.ts) cancels and exits within seconds: nobody is left to answer.
import type * as grpc from "@grpc/grpc-js";
import { CANCEL_REASONS, cancelThisProcess } from "../client/cancellation";
import { watchEngine } from "../config/engine-liveness";
import { untilAnswered } from "./plugin-server";

/** How long the requests in flight get to answer once the process must end. */
const GRACE_MS = { signal: 10_000, engineGone: 2_000 };
/**
 * How long answers handed to gRPC get to be written before the process exits, when the server's graceful shutdown
 * does not end first: it waits for every connection to close, and the engine may keep one open until it kills us.
 */
const WRITE_MS = 500;

/** Ends the process on SIGINT, SIGTERM and a gone engine (when its address is known). */
export function endOnSignals(server: grpc.Server, engineAddress: string | undefined): void {
  const exit = (code: number) => process.exit(code);
  let ending = false;
  /** Cancel, let the requests in flight answer (at most `graceMs`), then exit. */
  const end = (why: string, graceMs = GRACE_MS.signal) => {
    cancelThisProcess(why);
    if (ending) return exit(1);
    ending = true;
    setTimeout(() => exit(1), graceMs);
    // Answers handed to gRPC are not written yet: exiting at once would cut them off.
    void untilAnswered().then(() => {
      server.tryShutdown(() => exit(0));
      setTimeout(() => exit(0), WRITE_MS);
    });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => end(CANCEL_REASONS.signal(signal)));
  if (engineAddress)
    watchEngine({
      address: engineAddress,
      onGone: () => end(CANCEL_REASONS.engineGone, GRACE_MS.engineGone),
    });
}
