/**
 * Product actions (POST /v3/product/{uid}/action/{CANCEL|CANCEL_NOW|UN_CANCEL}), port changes
 * (PUT /v2/product/megaport/{uid}) and resource tags.
 *
 * A VXC is cancelled by the company that ordered it. CANCEL_NOW goes CANCELLED → DECOMMISSIONED shortly; CANCEL
 * waits for the end of the contract. UN_CANCEL restores a CANCELLED service to what it was. Cancelling a port
 * takes its VXCs with it (CANCELLED_PARENT), unless `safeDelete` asks to refuse while it still has attached
 * services (docs/megaport-api.md §5.2). Cancelled services free their VLANs and stay listed.
 */
import { forbidden, refused } from "../domain-error";
import type { ProductAction } from "../../provider/client/schemas/products";
import type { Store } from "../store";
import { type PortRecord, type ResourceTag, type VxcRecord } from "../state";
import { assertMayChange, type Caller } from "./caller";
import { logApprovalClosed } from "./order-approval-log";
import { assertNotLocked, isLocked } from "./product-locks";
import { hasEnded, scheduleDeployment, startCancellation } from "./transitions";
import { vlansInUse } from "./vlans";
import { assertCostCentre, assertServiceName } from "./vxc-rules";
import { ownPort, visibleProduct, vxcParties } from "./vxc-parties";

/** Already cancelled, or gone for good: nothing more to cancel or change. */
function isCancelledOrGone(record: VxcRecord | PortRecord): boolean {
  return record.provisioningStatus === "CANCELLED" || record.provisioningStatus === "DECOMMISSIONED";
}

function cancel(
  store: Store,
  record: VxcRecord | PortRecord,
  at: number,
  status: "CANCELLED" | "CANCELLED_PARENT",
): void {
  startCancellation(store, record, status, at);
  if ("approval" in record && record.approval) {
    // A request dies with its service: withdrawn when the customer cancelled the VXC or its own port, failed
    // when the provider's port went.
    const byRequester =
      status === "CANCELLED" || vxcParties(store, record).aPort.provisioningStatus === "CANCELLED";
    logApprovalClosed(
      store,
      record.approval.uid,
      byRequester ? "WITHDRAWN" : "FAILED",
      byRequester ? "Service cancelled" : "The provider's port was cancelled",
    );
    record.approval = null;
  }
  store.markChanged();
}

export interface ProductActionOptions {
  /** CANCEL / CANCEL_NOW: refuse (400) while the product still has attached services that are not gone. */
  safeDelete?: boolean;
}

/** The VXCs still attached to a port: any with an end on it that has not been cancelled, failed or removed. */
function attachedServices(store: Store, port: PortRecord): VxcRecord[] {
  return store.vxcsOnPort(port.productUid).filter((v) => !hasEnded(v));
}

function assertNothingAttached(store: Store, port: PortRecord): void {
  const attached = attachedServices(store, port);
  if (attached.length === 0) return;
  const names = attached.map((v) => `VXC "${v.productName}" (${v.productUid})`).join(", ");
  throw refused(
    `Service ${port.productUid} cannot be deleted safely: it still has ${attached.length} attached ` +
      `service${attached.length === 1 ? "" : "s"}: ${names}. Cancel them first, or cancel without safeDelete.`,
  );
}

export function runProductAction(
  store: Store,
  caller: Caller,
  uid: string,
  action: ProductAction,
  options: ProductActionOptions = {},
): void {
  assertMayChange(caller);
  const service = visibleProduct(store, caller, uid);
  const record = service.record;
  if (service.kind === "vxc" && service.record.companyUid !== caller.companyUid) {
    throw forbidden(
      `Only the company that ordered VXC ${uid} can ${action === "UN_CANCEL" ? "restore" : "cancel"} it`,
    );
  }
  const now = store.now();
  if (action === "UN_CANCEL") {
    if (record.provisioningStatus !== "CANCELLED")
      throw refused(`Service ${uid} must be in CANCELLED state to UN_CANCEL`);
    if (service.kind === "vxc") assertVlansStillFree(store, service.record);
    const previous = record.statusBeforeCancel ?? "LIVE";
    record.provisioningStatus = previous;
    record.terminateDate = null;
    record.next = null;
    record.statusBeforeCancel = null;
    if (service.kind === "vxc" && (previous === "DEPLOYABLE" || previous === "CONFIGURED")) {
      scheduleDeployment(store, service.record, now);
    }
    store.markChanged();
    return;
  }
  if (isCancelledOrGone(record)) {
    throw refused(`Service ${uid} is already ${record.provisioningStatus}`);
  }
  assertNotLocked(record);
  if (service.kind === "port") assertNoLockedVxcs(store, service.record);
  if (options.safeDelete && service.kind === "port") assertNothingAttached(store, service.record);
  const at =
    action === "CANCEL_NOW"
      ? now + store.timings.cancelledMs
      : Math.max(now + store.timings.cancelledMs, contractEnd(record) ?? 0);
  cancel(store, record, at, "CANCELLED");
  if (action === "CANCEL_NOW") record.terminateDate = now;
  if (service.kind === "port") {
    for (const vxc of store.vxcsOnPort(service.record.productUid)) {
      if (!isCancelledOrGone(vxc)) {
        cancel(store, vxc, at, "CANCELLED_PARENT");
      }
    }
  }
}

/** A locked VXC keeps its port (and everything on it) from being cancelled (docs portal-admin/locking). */
function assertNoLockedVxcs(store: Store, port: PortRecord): void {
  const locked = attachedServices(store, port).filter(isLocked);
  if (locked.length === 0) return;
  const names = locked.map((v) => `VXC "${v.productName}" (${v.productUid})`).join(", ");
  throw refused(
    `Service ${port.productUid} cannot be cancelled: it has locked services attached: ${names}. ` +
      "A Company Admin must unlock them first.",
  );
}

function contractEnd(record: VxcRecord | PortRecord): number | null {
  return "contractEndDate" in record ? record.contractEndDate : null;
}

function assertVlansStillFree(store: Store, vxc: VxcRecord): void {
  const { aPort, bPort } = vxcParties(store, vxc);
  if (vlansInUse(store, aPort.productUid, vxc.productUid).has(vxc.aEnd.vlan)) {
    throw refused(`VLAN ${vxc.aEnd.vlan} not available on MEGAPORT service ${aPort.productId}`);
  }
  if (vlansInUse(store, bPort.productUid, vxc.productUid).has(vxc.bEnd.vlan)) {
    throw refused(`VLAN ${vxc.bEnd.vlan} not available on MEGAPORT service ${bPort.productId}`);
  }
}

/** Contract terms a port can be changed to, in months. */
const PORT_TERMS = [1, 12, 24, 36] as const;

export interface PortUpdateInput {
  name?: string;
  costCentre?: string;
  marketplaceVisibility?: boolean;
  term?: number;
}

export function updatePort(store: Store, caller: Caller, uid: string, input: PortUpdateInput): PortRecord {
  assertMayChange(caller);
  const port = ownPort(store, caller, uid);
  assertNotLocked(port);
  if (isCancelledOrGone(port)) {
    throw refused(`Service ${uid} is ${port.provisioningStatus} and cannot be modified`);
  }
  if (input.name !== undefined) assertServiceName(input.name, "port");
  if (input.costCentre !== undefined) assertCostCentre(input.costCentre);
  if (input.term !== undefined && !(PORT_TERMS as readonly number[]).includes(input.term)) {
    throw refused(`Invalid term ${input.term}: a port term must be one of ${PORT_TERMS.join(", ")} months`);
  }
  if (input.name !== undefined) port.productName = input.name;
  if (input.costCentre !== undefined) port.costCentre = input.costCentre;
  if (input.marketplaceVisibility !== undefined) port.marketplaceVisibility = input.marketplaceVisibility;
  if (input.term !== undefined) port.contractTermMonths = input.term;
  store.markChanged();
  return port;
}

export function readTags(store: Store, caller: Caller, uid: string): ResourceTag[] {
  return visibleProduct(store, caller, uid).record.resourceTags;
}

/** Tags belong to the company that owns the product (for a VXC: the one that ordered it). */
export function replaceTags(store: Store, caller: Caller, uid: string, tags: ResourceTag[]): ResourceTag[] {
  assertMayChange(caller);
  const service = visibleProduct(store, caller, uid);
  if (service.record.companyUid !== caller.companyUid) {
    throw forbidden(`Only the company that owns service ${uid} can change its tags`);
  }
  assertNotLocked(service.record);
  const keys = new Set<string>();
  for (const tag of tags) {
    if (keys.has(tag.key)) throw refused(`Duplicate resource tag key "${tag.key}"`);
    keys.add(tag.key);
  }
  service.record.resourceTags = tags.map((t) => ({ key: t.key, value: t.value }));
  store.markChanged();
  return service.record.resourceTags;
}
