// Waiting on a condition instead of the wall clock: poll `check` until it gives a value, or fail after a deadline
// with what was awaited. Every suite waits through this one helper, so a test is as fast as the thing it waits for
// and no slower machine turns a fixed sleep into a flake.

export interface EventuallyOptions {
  /** Fail after this long. Default 20 s. */
  timeoutMs?: number;
  /** Pause between looks. Default 100 ms. */
  intervalMs?: number;
}

/**
 * Polls `check` until it returns something other than undefined or false, and returns that. `what` names the
 * condition in the timeout error (a function is read only then, so it can describe the state at the deadline).
 */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
  what: string | (() => string) = "the condition",
  options: Omit<EventuallyOptions, "timeoutMs"> = {},
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === "string" ? what : what()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
