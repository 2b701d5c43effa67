/**
 * VLAN rules on a port: the allowed range (0 = pick one for me, -1 = untagged, 2–4093) and clashes with the
 * VXCs already on that port. Cancelled, decommissioned and failed VXCs hold no VLANs.
 */
import { isVlanId, VLAN } from "../../provider/client/schemas/scalars";
import { refused } from "../domain-error";
import type { Store } from "../store";
import { hasEnded } from "./transitions";

export function assertVlanInRange(vlan: number, field: string): void {
  if (!isVlanId(vlan)) {
    throw refused(
      `Invalid ${field} ${vlan}: a VLAN must be ${VLAN.auto} (auto-assign), ${VLAN.untagged} (untagged) or between ${VLAN.min} and ${VLAN.max}`,
    );
  }
}

/**
 * An inner (Q-in-Q) VLAN as asked: 0 means none (null), otherwise the same range as a VLAN. An untagged end
 * (VLAN -1) carries no inner VLAN. Inner VLANs do not take part in clash checks: an outer VLAN is held whole.
 */
export function innerVlanFor(outerVlan: number, requested: number, field: string): number | null {
  assertVlanInRange(requested, field);
  if (requested === VLAN.auto) return null;
  if (outerVlan === VLAN.untagged) {
    throw refused(`Invalid ${field} ${requested}: an untagged end (VLAN -1) cannot have an inner VLAN`);
  }
  return requested;
}

/** An end keeps an inner VLAN it already had when its VLAN changes: not when the new VLAN is untagged. */
export function assertInnerVlanFits(vlan: number, innerVlan: number | null, field: string): void {
  if (vlan === VLAN.untagged && innerVlan !== null) {
    throw refused(
      `Invalid ${field} -1: an untagged end (VLAN -1) cannot have an inner VLAN; remove it first`,
    );
  }
}

/** VLANs held on a port by live-ish VXCs, optionally ignoring one VXC (the one being changed). */
export function vlansInUse(store: Store, portUid: string, exceptVxcUid?: string): Set<number> {
  const used = new Set<number>();
  for (const vxc of store.vxcsOnPort(portUid)) {
    if (vxc.productUid === exceptVxcUid || hasEnded(vxc)) continue;
    if (vxc.aEnd.productUid === portUid) used.add(vxc.aEnd.vlan);
    if (vxc.bEnd.productUid === portUid) used.add(vxc.bEnd.vlan);
  }
  return used;
}

/**
 * The VLAN to use on a port for a request: a free one when asked for 0, the one asked for when free, else the
 * real API's error. `alsoTaken` holds VLANs claimed earlier in the same order.
 */
export function claimVlan(
  store: Store,
  portUid: string,
  requested: number,
  field: string,
  options: { exceptVxcUid?: string; alsoTaken?: Set<number> } = {},
): number {
  assertVlanInRange(requested, field);
  const port = store.port(portUid);
  const used = vlansInUse(store, portUid, options.exceptVxcUid);
  for (const v of options.alsoTaken ?? []) used.add(v);
  if (requested === VLAN.auto) {
    for (let v = VLAN.min; v <= VLAN.max; v++) if (!used.has(v)) return v;
    throw refused(`No VLAN available on MEGAPORT service ${port.productId}`);
  }
  if (used.has(requested)) {
    const label = requested === VLAN.untagged ? "Untagged VLAN" : `VLAN ${requested}`;
    throw refused(`${label} not available on MEGAPORT service ${port.productId}`);
  }
  return requested;
}

/** Free tagged VLANs on a port, the data of GET /v2/product/port/{uid}/vlan. */
export function freeVlans(store: Store, portUid: string): number[] {
  const used = vlansInUse(store, portUid);
  const free: number[] = [];
  for (let v = VLAN.min; v <= VLAN.max; v++) if (!used.has(v)) free.push(v);
  return free;
}
