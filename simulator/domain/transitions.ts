/**
 * The provisioning path a service walks, and the one place that writes its next step (`next: { status, at }`
 * in simulated ms) and applies it:
 *
 *   order/accept → DEPLOYABLE ─deployableMs→ CONFIGURED ─configuredMs→ LIVE
 *   CANCEL, CANCEL_NOW, withdrawal → CANCELLED (or CANCELLED_PARENT) ─→ DECOMMISSIONED (still listed)
 *
 * The domain starts a path here (an order, an acceptance, a cancellation); lifecycle.ts finds the steps that
 * fell due, in time order, and applies them with `applyVxcTransition` / `applyPortTransition`. Knows nothing of
 * HTTP and nothing of when it is called.
 */
import type { Store } from "../store";
import type { ProvisioningStatus } from "../../provider/client/schemas/scalars";
import type { PortRecord, VxcRecord } from "../state";
import { sendVxcEmail } from "./emails";

// The simulator plays Megaport, so these two sets are Megaport's behaviour as docs/megaport-api.md §7.1 and §7.2
// read it, written here on purpose instead of taken from our client's (provider/client/provisioning-states.ts).
// The real API does not move when our client's reading of it changes; were the sets shared, a client that misread
// a state would be tested against a simulator that misreads it the same way, and the tests would pass.

/** Up for use (what every Megaport tool counts as ready): it can take new VXCs. */
const READY: ReadonlySet<ProvisioningStatus> = new Set<ProvisioningStatus>(["CONFIGURED", "LIVE"]);

/** Ended: cancelled, failed or gone, so it holds no VLAN, takes no change and no longer counts as on its port. */
const ENDED: ReadonlySet<ProvisioningStatus> = new Set<ProvisioningStatus>([
  "CANCELLED",
  "CANCELLED_PARENT",
  "DECOMMISSIONING",
  "DECOMMISSIONED",
  "FAILED",
]);

/** Whether a service is up for use: it can take new VXCs. */
export function isReady(record: VxcRecord | PortRecord): boolean {
  return READY.has(record.provisioningStatus);
}

/** Whether a service has ended (see ENDED). */
export function hasEnded(record: VxcRecord | PortRecord): boolean {
  return ENDED.has(record.provisioningStatus);
}

/** Add calendar months to an epoch-ms date (contract end dates). */
export function addMonths(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** Start deployment: DEPLOYABLE now, CONFIGURED after the configured delay. */
export function scheduleDeployment(store: Store, vxc: VxcRecord, from: number): void {
  vxc.provisioningStatus = "DEPLOYABLE";
  vxc.next = { status: "CONFIGURED", at: from + store.timings.deployableMs };
  store.markChanged();
}

/** A connection request that was denied or went unanswered: the VXC FAILs and goes nowhere. */
export function failOrder(store: Store, vxc: VxcRecord): void {
  vxc.provisioningStatus = "FAILED";
  vxc.next = null;
  store.markChanged();
}

/**
 * Cancel a service: `status` now, DECOMMISSIONED at `decommissionAt`; the status it had is kept for UN_CANCEL.
 * `terminateDate` is the date the service reads as terminated (the decommission date unless said otherwise).
 */
export function startCancellation(
  store: Store,
  record: VxcRecord | PortRecord,
  status: "CANCELLED" | "CANCELLED_PARENT",
  decommissionAt: number,
  terminateDate: number = decommissionAt,
): void {
  record.statusBeforeCancel = record.provisioningStatus;
  record.provisioningStatus = status;
  record.terminateDate = terminateDate;
  record.next = { status: "DECOMMISSIONED", at: decommissionAt };
  store.markChanged();
}

/** A VXC's step that fell due at `at`: LIVE starts its contract and tells the customer. */
export function applyVxcTransition(
  store: Store,
  vxc: VxcRecord,
  status: ProvisioningStatus,
  at: number,
): void {
  vxc.provisioningStatus = status;
  vxc.next = null;
  if (status === "CONFIGURED") {
    vxc.next = { status: "LIVE", at: at + store.timings.configuredMs };
  } else if (status === "LIVE") {
    vxc.liveAtWallMs = store.clock.wallNow();
    vxc.liveDate = at;
    vxc.contractStartDate = at;
    vxc.contractEndDate = addMonths(at, vxc.contractTermMonths);
    sendVxcEmail(store, "VXC_LIVE", vxc);
  } else if (status === "DECOMMISSIONED") {
    vxc.decommissionedAtWallMs = store.clock.wallNow();
  }
  store.markChanged();
}

export function applyPortTransition(store: Store, port: PortRecord, status: ProvisioningStatus): void {
  port.provisioningStatus = status;
  port.next = null;
  store.markChanged();
}
