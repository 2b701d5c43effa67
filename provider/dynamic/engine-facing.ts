// What every resource kind hands the engine goes through here, so a person sees one clear message and no stack trace:
// - the Node dynamic-provider host prints `${error}: ${error.stack}` for an error from check, diff, read or delete,
//   which for our own errors (a MegaportError: bad input, a refused replacement, what Megaport answered) is a stack
//   trace under a message that already says what to do. Those reach it as one line, "megaport-mx: <message>".
//   Anything else (a bug) keeps its stack, to be reported.
// - missing or unsafe credentials, found by `configure`, fail each resource's `check` (so `pulumi preview` stops
//   before any request) instead of throwing from inside the host's provider loader.
// Partial failures (create or update got as far as making the VXC) pass through untouched: the host reads their id.
import type * as pulumi from "@pulumi/pulumi";
import { MegaportError, withText } from "../client/errors";
import { settingsFailures } from "../config/provider-config";

type Provider = pulumi.dynamic.ResourceProvider & {
  create: NonNullable<pulumi.dynamic.ResourceProvider["create"]>;
};

/** `provider` with its errors shaped for the engine, and the settings problem reported by `check`. */
export function engineFacing<P extends Provider>(provider: P): P {
  const wrapped = { ...provider } as Record<string, unknown>;
  for (const [name, method] of Object.entries(provider)) {
    if (typeof method !== "function" || name === "configure") continue;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(provider, args);
      } catch (err) {
        throw forEngine(err);
      }
    };
  }
  if (provider.check) {
    const check = wrapped.check as NonNullable<Provider["check"]>;
    wrapped.check = async (olds: unknown, news: unknown) => {
      const problems = settingsFailures();
      const result = await check(olds, news);
      if (problems.length === 0) return result;
      return { failures: [...(result.failures ?? []), ...problems] };
    };
  }
  return wrapped as P;
}

/**
 * Our own errors, as the host prints them: "megaport-mx: <message>", without a stack trace: a copy that keeps the
 * class, code and facts (and a partial failure's id and properties); only how it reads as text changes.
 */
function forEngine(err: unknown): unknown {
  if (!(err instanceof MegaportError)) return err;
  return withText(err, { stack: err.message, asString: "megaport-mx" });
}
