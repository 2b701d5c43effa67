/**
 * Locking a service against change (POST / DELETE /v2/product/{uid}/lock). What is known (simulator/README.md
 * "Locks" has the tags): only a Company Admin locks or unlocks [D]; a Port or MCR can be locked once it is, or
 * was, LIVE [D]; a locked service cannot be modified or deleted, whatever the role [D]; a locked VXC blocks
 * deleting its port [D]; new VXCs may still be added to a locked port and are not locked themselves [D]. Our
 * choices: the owning company (for a VXC, the one that ordered it) locks; locking twice, or unlocking an
 * unlocked service, is a no-op 200; a change refused by a lock is a 400 naming the lock.
 */
import { forbidden, refused } from "../domain-error";
import type { Store } from "../store";
import type { PortRecord, VxcRecord } from "../state";
import { assertCompanyAdmin, type Caller } from "./caller";
import { visibleProduct, type Service } from "./vxc-parties";

export function isLocked(record: PortRecord | VxcRecord): boolean {
  return record.locked === true;
}

/** A 400 unless the service is unlocked. */
export function assertNotLocked(record: PortRecord | VxcRecord): void {
  if (!isLocked(record)) return;
  throw refused(
    `Service ${record.productUid} is locked: a Company Admin must unlock it ` +
      `(DELETE /v2/product/${record.productUid}/lock) before it can be changed or cancelled`,
  );
}

/** Lock (`locked` true) or unlock a service the caller's company owns; answers the service. */
export function setProductLock(store: Store, caller: Caller, uid: string, locked: boolean): Service {
  assertCompanyAdmin(caller, locked ? "lock a service" : "unlock a service");
  const service = visibleProduct(store, caller, uid);
  const record = service.record;
  if (record.companyUid !== caller.companyUid) {
    throw forbidden(`Only the company that owns service ${record.productUid} can lock or unlock it`);
  }
  if (locked && !isLocked(record)) {
    if (record.liveDate === null) {
      throw refused(`Service ${record.productUid} can only be locked once it is LIVE`);
    }
    if (record.provisioningStatus === "DECOMMISSIONED") {
      throw refused(`Service ${record.productUid} is DECOMMISSIONED and cannot be locked`);
    }
  }
  if (isLocked(record) !== locked) {
    record.locked = locked;
    store.markChanged();
  }
  return service;
}
