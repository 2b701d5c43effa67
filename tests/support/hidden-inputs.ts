// The inputs the SDK adds beside a user's (provider/kinds/hidden-inputs.ts), as a provider test hands them to
// check, diff and create: an idempotency key of the resource's own, its deadlines, and a stand-in for the
// serialized provider. One helper for every kind, so a new hidden input reaches every kind's tests at once.
import { idempotencyKey, type Timeouts } from "../../provider/kinds/hidden-inputs";

/** Deadlines short enough that a wait that hangs fails the test with a partial failure, not the jest timeout. */
export const SHORT_TIMEOUTS: Timeouts = { createMs: 10_000, updateMs: 10_000, deleteMs: 10_000 };

/**
 * The hidden inputs of the resource named `resourceName` (each name its own key, as each resource of a stack has),
 * with `timeouts` as its customTimeouts (none set: the kind's defaults).
 */
export function hiddenInputs(resourceName = "test", timeouts: Timeouts = {}) {
  return {
    __idempotencyKey: idempotencyKey("provider-tests", "test", resourceName),
    __timeouts: timeouts,
    __provider: "shim",
  };
}
