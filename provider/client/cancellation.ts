// The one cancellation of a provider process (issue 17): the engine's Cancel (Ctrl-C or SIGTERM to `pulumi up`),
// SIGINT or SIGTERM to the plugin, or the engine gone. Every long wait observes it: the watcher's watches end as
// their deadline would end them (a TimeoutError whose `stoppedBy` says why), retry back-offs and the request budget's
// queue end, and the order desk sends no new order. Requests already sent finish. Must never: cancel or order
// anything itself; be undone within a process (the engine cancels the whole update, not one step).
import { CancelledError } from "./errors";

let controller = new AbortController();

/** Why a provider process is cancelled, as the errors and the engine's log say it. */
export const CANCEL_REASONS = {
  engine: "the engine asked to cancel: Ctrl-C or SIGTERM to `pulumi`",
  signal: (name: string) => `${name} to the provider process`,
  engineGone: "the engine is gone",
} as const;

/** Cancels every wait of this process, now and to come. The first reason is the one kept. */
export function cancelThisProcess(why: string): void {
  if (!controller.signal.aborted) controller.abort(why);
}

/** Fires once the process is cancelled; its reason is why, in words. */
export function processCancellation(): AbortSignal {
  return controller.signal;
}

/** Why the process was cancelled, in words, or undefined while it is not. */
export function cancelledBecause(): string | undefined {
  const signal = controller.signal;
  return signal.aborted ? String(signal.reason) : undefined;
}

/** Throws CancelledError, saying `what` was not done, once the process is cancelled. */
export function refuseIfCancelled(what: string): void {
  const why = cancelledBecause();
  if (why !== undefined) throw new CancelledError({ notDone: what, why });
}

/** The caller's signal and the process's cancellation as one: for waits that end on either. */
export function orCancelled(signal: AbortSignal | undefined): AbortSignal {
  return signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
}

/** A fresh, uncancelled process, for tests that cancel and go on in the same module instance. */
export function resetCancellationForTests(): void {
  controller = new AbortController();
}
