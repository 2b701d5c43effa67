// AbortSignal plumbing shared by the limiter, the token cache, retries and the transport: turn a fired
// signal into AbortedError, race a shared promise against one caller's signal. Must never: abort work
// that other callers share (a caller giving up stops its own wait, not the shared token request).

import { AbortedError } from "./errors";

export function throwIfAborted(signal: AbortSignal | undefined, during: string): void {
  if (signal?.aborted) throw new AbortedError({ during, cause: signal.reason });
}

/** Resolves with `promise`, or rejects with AbortedError as soon as `signal` fires. */
export function raceWithAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  during: string,
): Promise<T> {
  if (!signal) return promise;
  throwIfAborted(signal, during);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError({ during, cause: signal.reason }));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}

/** Waits `ms`, or rejects with AbortedError when `signal` fires first. */
export function sleep(ms: number, signal?: AbortSignal, during = "a wait"): Promise<void> {
  throwIfAborted(signal, during);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError({ during, cause: signal?.reason }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
