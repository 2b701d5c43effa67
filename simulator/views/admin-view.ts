/**
 * EXTENSION: shapes only the /_sim admin endpoints serve. `GET /_sim/vxcs` lists every VXC of every company,
 * with the wall-clock moments the lifecycle made it LIVE and DECOMMISSIONED, so a benchmark can measure how
 * long a client took to notice. Never served on the real API paths.
 */
import type { VxcRecord } from "../state";

export interface AdminVxcView {
  productUid: string;
  productId: number;
  productName: string;
  /** The ordering (A-end) company. */
  companyUid: string;
  aEndProductUid: string;
  bEndProductUid: string;
  provisioningStatus: VxcRecord["provisioningStatus"];
  rateLimit: number;
  resourceTags: VxcRecord["resourceTags"];
  /** Simulated epoch ms, as in the API. */
  createDate: number;
  vxcOrderId: number;
  /** The open request's type, or null. */
  pendingApproval: "NEW" | "SPEED_CHANGE" | null;
  /** Wall-clock epoch ms the lifecycle last made it LIVE; null if it never was. */
  liveAt: number | null;
  /** Wall-clock epoch ms the lifecycle made it DECOMMISSIONED; null if it is not. */
  decommissionedAt: number | null;
}

export function adminVxcView(vxc: VxcRecord): AdminVxcView {
  return {
    productUid: vxc.productUid,
    productId: vxc.productId,
    productName: vxc.productName,
    companyUid: vxc.companyUid,
    aEndProductUid: vxc.aEnd.productUid,
    bEndProductUid: vxc.bEnd.productUid,
    provisioningStatus: vxc.provisioningStatus,
    rateLimit: vxc.rateLimit,
    resourceTags: vxc.resourceTags.map((t) => ({ key: t.key, value: t.value })),
    createDate: vxc.createDate,
    vxcOrderId: vxc.vxcOrderId,
    pendingApproval: vxc.approval?.type ?? null,
    liveAt: vxc.liveAtWallMs ?? null,
    decommissionedAt: vxc.decommissionedAtWallMs ?? null,
  };
}
