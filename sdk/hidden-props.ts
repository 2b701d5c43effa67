// What every megaport-mx resource adds to its props: the deterministic idempotency key (project, stack, resource
// name) and the customTimeouts the engine would not pass to a dynamic provider.
import * as pulumi from "@pulumi/pulumi";
import {
  IDEMPOTENCY_KEY,
  idempotencyKey,
  TIMEOUTS_KEY,
  timeoutsFrom,
} from "../provider/resources/hidden-inputs";

export function hiddenProps(
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): Record<string, unknown> {
  return {
    [IDEMPOTENCY_KEY]: idempotencyKey(pulumi.getProject(), pulumi.getStack(), name),
    [TIMEOUTS_KEY]: timeoutsFrom(opts?.customTimeouts),
  };
}

/** Output members start undefined in props, so the engine knows their names. */
export function outputPlaceholders(keys: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(keys.map((key) => [key, undefined]));
}
