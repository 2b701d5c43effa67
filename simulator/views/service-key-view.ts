/**
 * Service keys on the wire (§10); `productDto` is included in create and update answers, as the real API does,
 * with the VXCs-allowed flag spelled `vxcpermitted` as it is there (megaportgo service_keys_test.go, §3 quirk).
 * Everywhere else the simulator spells it `vxcPermitted`.
 */
import { isExpired, isValid } from "../domain/service-keys";
import type { Store } from "../store";
import type { PortRecord, ServiceKeyRecord } from "../state";
import { portView } from "./product-view";
import type { PortWire, ServiceKeyWire } from "./wire-types";

function productDto(store: Store, port: PortRecord, viewerCompanyUid: string): PortWire {
  const { vxcPermitted, ...product } = portView(store, port, viewerCompanyUid);
  return { ...product, vxcpermitted: vxcPermitted };
}

export function serviceKeyView(store: Store, key: ServiceKeyRecord, withProduct = false): ServiceKeyWire {
  const company = store.company(key.companyUid);
  const port = store.port(key.productUid);
  const now = store.now();
  return {
    key: key.key,
    createDate: key.createDate,
    companyId: company.companyId,
    companyUid: company.companyUid,
    companyName: company.companyName,
    description: key.description,
    productId: port.productId,
    productUid: port.productUid,
    productName: port.productName,
    ...(withProduct ? { productDto: productDto(store, port, key.companyUid) } : {}),
    vlan: key.vlan,
    maxSpeed: key.maxSpeed,
    preApproved: key.preApproved,
    singleUse: key.singleUse,
    lastUsed: key.lastUsed,
    active: key.active,
    validFor: { start: key.validFrom, end: key.validTo },
    expired: isExpired(key, now),
    valid: isValid(key, now),
    promoCode: key.promoCode,
  };
}
