// The response envelope almost every Megaport endpoint uses: { message, terms, data } (docs/megaport-api.md §3),
// and the error body (§4.1). Must never: require `data` where the API omits it (action responses).

import { z } from "zod";

/** The `terms` text v2 endpoints send; the simulator serves the same. */
export const ACCEPTABLE_USE_TERMS =
  "This data is subject to the Acceptable Use Policy https://www.megaport.com/legal/acceptable-use-policy";

/** Wraps a `data` schema in the envelope. Unknown members pass. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.looseObject({
    /** Human text, e.g. "Found Product <uid>". */
    message: z.string().optional(),
    /** Acceptable-use notice. */
    terms: z.string().optional(),
    data,
  });
}

/** An envelope whose `data` we do not use (actions, updates that echo nothing reliable). */
export const MessageOnlyEnvelopeSchema = envelope(z.unknown().optional());

/**
 * An error body: the same envelope with `data` as a string, object or list of validation details; one
 * fixture has `error` instead of `data`; some carry `trace_id` (megaportgo errors.go ErrorResponse).
 */
export const ErrorBodySchema = z.looseObject({
  message: z.string().optional(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
  trace_id: z.string().optional(),
});
export type ErrorBody = z.output<typeof ErrorBodySchema>;
