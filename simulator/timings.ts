/**
 * Lifecycle durations. "test" keeps every transition near zero so end-to-end tests are quick; "demo" spreads
 * an order over about half a minute so a person can watch DEPLOYABLE → CONFIGURED → LIVE happen. Custom
 * durations (an object, or `npm run simulator -- --timings '{…}'`) fill the rest from "test".
 */
import { z } from "zod";

const duration = () => z.number().int().min(0);

export const TimingsSchema = z.strictObject({
  /** DEPLOYABLE → CONFIGURED (after an order, or after the provider accepts). */
  deployableMs: duration(),
  /** CONFIGURED → LIVE. */
  configuredMs: duration(),
  /** CANCELLED → DECOMMISSIONED after CANCEL_NOW. */
  cancelledMs: duration(),
  /** How often the background ticker applies due transitions. */
  tickMs: z.number().int().min(1),
  /** How long an unanswered approval request waits before it fails (real API: 60 days). */
  approvalExpiryMs: duration(),
});
export type Timings = z.output<typeof TimingsSchema>;

/** Some durations; the rest come from a named set. */
export const PartialTimingsSchema = TimingsSchema.partial();

const SIXTY_DAYS_MS = 60 * 24 * 60 * 60 * 1000;

export const TIMINGS = {
  test: { deployableMs: 50, configuredMs: 50, cancelledMs: 50, tickMs: 20, approvalExpiryMs: SIXTY_DAYS_MS },
  demo: {
    deployableMs: 20_000,
    configuredMs: 10_000,
    cancelledMs: 15_000,
    tickMs: 1_000,
    approvalExpiryMs: SIXTY_DAYS_MS,
  },
} as const satisfies Record<string, Timings>;

export type TimingsName = keyof typeof TIMINGS;

export function resolveTimings(timings: TimingsName | Partial<Timings> | undefined): Timings {
  if (timings === undefined) return { ...TIMINGS.demo };
  if (typeof timings === "string") return { ...TIMINGS[timings] };
  return { ...TIMINGS.test, ...timings };
}
