/**
 * The two companies a VXC connects and what each may see. A company sees a VXC when it ordered it or owns the
 * port at either end (the provider sees incoming VXCs under its own port), and a port when it owns it; anyone
 * else gets the same answer as for a UID that does not exist, so nothing leaks across companies.
 */
import { unknownService } from "../domain-error";
import type { Store } from "../store";
import type { PortRecord, VxcRecord } from "../state";
import type { Caller } from "./caller";

export interface VxcParties {
  aPort: PortRecord;
  bPort: PortRecord;
  /** Company that owns the A-end (the customer, who pays). */
  aOwnerUid: string;
  /** Company that owns the B-end (the provider, who approves). */
  bOwnerUid: string;
}

export function vxcParties(store: Store, vxc: VxcRecord): VxcParties {
  const aPort = store.port(vxc.aEnd.productUid);
  const bPort = store.port(vxc.bEnd.productUid);
  return { aPort, bPort, aOwnerUid: aPort.companyUid, bOwnerUid: bPort.companyUid };
}

export function canSeeVxc(store: Store, companyUid: string, vxc: VxcRecord): boolean {
  const { aOwnerUid, bOwnerUid } = vxcParties(store, vxc);
  return vxc.companyUid === companyUid || aOwnerUid === companyUid || bOwnerUid === companyUid;
}

/** The VXC if the caller may see it, else "Could not find a service with UID". */
export function visibleVxc(store: Store, caller: Caller, uid: string): VxcRecord {
  const vxc = store.vxc(uid);
  if (!canSeeVxc(store, caller.companyUid, vxc)) throw unknownService(uid);
  return vxc;
}

/** The port if the caller owns it. Other companies' ports are reachable only through the partner list. */
export function ownPort(store: Store, caller: Caller, uid: string): PortRecord {
  const port = store.port(uid);
  if (port.companyUid !== caller.companyUid) throw unknownService(uid);
  return port;
}

export type Service = { kind: "vxc"; record: VxcRecord } | { kind: "port"; record: PortRecord };

/** Any product the caller may see, by UID or numeric id. */
export function visibleProduct(store: Store, caller: Caller, uid: string): Service {
  const vxc = store.findVxc(uid);
  if (vxc && canSeeVxc(store, caller.companyUid, vxc)) return { kind: "vxc", record: vxc };
  const port = store.findPort(uid);
  if (port && port.companyUid === caller.companyUid) return { kind: "port", record: port };
  return { kind: "port", record: ownPort(store, caller, uid) };
}
