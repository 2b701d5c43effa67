// Named sets of `provisioningStatus` values: every "is it over, can it still change, is it ready, will it move by
// itself" question in the provider, the approver and the tests asks one of these, so no module keeps a list of
// its own that drifts. The values themselves are PROVISIONING_STATUSES (schemas/scalars.ts, docs/megaport-api.md §7.1).
import { READY_PROVISIONING_STATUSES, type ProvisioningStatus } from "./schemas/scalars";

type StateSet = ReadonlySet<ProvisioningStatus | (string & {})>;

/** Gone for good: never coming back (a refresh drops such a VXC from the stack; a delete has nothing to do). */
export const GONE: StateSet = new Set<ProvisioningStatus>(["DECOMMISSIONED", "FAILED"]);

/**
 * Finished: no longer a working service, and never will be again by itself. A CANCELLED service may still be billed
 * and restored in the Portal (UN_CANCEL), but nothing can be changed, approved or adopted.
 */
export const FINISHED: StateSet = new Set<ProvisioningStatus>([
  "CANCELLED",
  "CANCELLED_PARENT",
  "DECOMMISSIONING",
  "DECOMMISSIONED",
  "FAILED",
]);

/** Ready: what every Megaport tool counts as up (SERVICE_STATE_READY); a VXC waits for LIVE unless asked otherwise. */
export const READY: StateSet = new Set<ProvisioningStatus>(READY_PROVISIONING_STATUSES);

/** About to move by Megaport's own work within moments: CONFIGURED becomes LIVE, CANCELLED becomes DECOMMISSIONED. */
export const IMMINENT: StateSet = new Set<ProvisioningStatus>(["CONFIGURED", "CANCELLED"]);

/** Whether `status` is in `set`; an absent status is in none. */
export function isIn(set: StateSet, status: string | null | undefined): boolean {
  return status != null && set.has(status);
}
