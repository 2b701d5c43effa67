/**
 * Ports and VXCs as GET /v2/products and GET /v2/product/{uid} return them (docs/megaport-api.md §6.1, §6.2).
 * Views depend on who looks: `vxcApproval.status` is PENDING_INTERNAL for the company that must act and
 * PENDING_EXTERNAL for the other one, and a port lists every VXC with an end on it (incoming ones too).
 */
import { distanceBand, type DistanceBand } from "../domain/pricing";
import type { Service } from "../domain/vxc-parties";
import type { Store } from "../store";
import type { PortRecord, VxcRecord } from "../state";
import type {
  LocationDetailWire,
  PortUpdateResultWire,
  PortWire,
  VxcApprovalWire,
  VxcEndWire,
  VxcWire,
} from "./wire-types";

const NO_APPROVAL: VxcApprovalWire = { status: null, message: null, uid: null, type: null, newSpeed: null };

function locationDetail(store: Store, locationId: number): LocationDetailWire {
  const l = store.location(locationId);
  return { name: l?.name ?? "", city: l?.city ?? "", metro: l?.metro ?? "", country: l?.country ?? "" };
}

/**
 * What a company sees of a VXC's approval. Pending: who must act. After a denial or expiry: the provider's
 * reason in `message` with status REJECTED or EXPIRED (simulator choice, documented in README). After an
 * acceptance: all null, as for a VXC that never needed approval.
 */
export function approvalView(store: Store, vxc: VxcRecord, viewerCompanyUid: string): VxcApprovalWire {
  if (vxc.approval) {
    return {
      status: vxc.approval.approverCompanyUid === viewerCompanyUid ? "PENDING_INTERNAL" : "PENDING_EXTERNAL",
      message: store.company(vxc.approval.approverCompanyUid).tradingName,
      uid: vxc.approval.uid,
      type: vxc.approval.type,
      newSpeed: vxc.approval.newSpeed,
    };
  }
  // EXTENSION: statuses REJECTED and EXPIRED with the reason in `message`; the real API's post-denial view
  // is not recorded (docs/megaport-api.md §14.13).
  const last = vxc.lastDecision;
  if (last && last.outcome !== "APPROVED") {
    return {
      status: last.outcome,
      message: last.reason,
      uid: last.uid,
      type: last.type,
      newSpeed: last.newSpeed,
    };
  }
  return { ...NO_APPROVAL };
}

function endView(store: Store, end: VxcRecord["aEnd"]): VxcEndWire {
  const port = store.port(end.productUid);
  const detail = locationDetail(store, port.locationId);
  return {
    ownerUid: port.companyUid,
    productUid: port.productUid,
    productName: port.productName,
    locationId: port.locationId,
    location: detail.name,
    locationDetail: detail,
    vlan: end.vlan,
    innerVlan: end.innerVlan ?? null,
    vNicIndex: 0,
    secondaryName: null,
    diversityZone: port.diversityZone,
  };
}

/** The VXC's distance band from its two ports' locations (domain/pricing.ts: the same band prices it). */
function vxcDistanceBand(store: Store, vxc: VxcRecord): DistanceBand {
  const a = store.location(store.port(vxc.aEnd.productUid).locationId);
  const b = store.location(store.port(vxc.bEnd.productUid).locationId);
  return a && b ? distanceBand(a, b) : "METRO";
}

export function vxcView(store: Store, vxc: VxcRecord, viewerCompanyUid: string): VxcWire {
  const band = vxcDistanceBand(store, vxc);
  const live = vxc.provisioningStatus === "LIVE";
  const decommissioned = vxc.provisioningStatus === "DECOMMISSIONED";
  return {
    productId: vxc.productId,
    productUid: vxc.productUid,
    productName: vxc.productName,
    productType: "VXC",
    nServiceId: vxc.productId,
    rateLimit: vxc.rateLimit,
    distanceBand: band,
    provisioningStatus: vxc.provisioningStatus,
    usageAlgorithm:
      band === "METRO" ? "POST_PAID_HOURLY_SPEED_METRO_VXC" : "POST_PAID_HOURLY_SPEED_LONG_HAUL_VXC",
    createdBy: vxc.createdBy,
    createDate: vxc.createDate,
    liveDate: vxc.liveDate,
    terminateDate: vxc.terminateDate,
    contractStartDate: vxc.contractStartDate,
    contractEndDate: vxc.contractEndDate,
    contractTermMonths: vxc.contractTermMonths,
    costCentre: vxc.costCentre,
    companyUid: vxc.companyUid,
    companyName: store.company(vxc.companyUid).companyName,
    locked: vxc.locked ?? false,
    adminLocked: false,
    cancelable: !decommissioned && vxc.provisioningStatus !== "CANCELLED",
    shutdown: vxc.shutdown,
    up: live ? !vxc.shutdown : decommissioned ? null : false,
    secondaryName: null,
    attributeTags: {},
    dealUid: null,
    serviceKey: vxc.serviceKey,
    aEnd: endView(store, vxc.aEnd),
    bEnd: endView(store, vxc.bEnd),
    // Quirk of the real API (megaportgo vxc_types.go): a decommissioned VXC's vll is an empty array.
    resources: {
      vll: decommissioned
        ? []
        : {
            a_vlan: vxc.aEnd.vlan,
            b_vlan: vxc.bEnd.vlan,
            rate_limit_mbps: vxc.rateLimit,
            resource_name: `vll_${vxc.productId}`,
            resource_type: "vll",
            up: live && !vxc.shutdown ? 1 : 0,
            shutdown: vxc.shutdown,
          },
    },
    vxcApproval: approvalView(store, vxc, viewerCompanyUid),
  };
}

export function portView(store: Store, port: PortRecord, viewerCompanyUid: string): PortWire {
  const location = store.location(port.locationId);
  const live = port.provisioningStatus === "LIVE";
  return {
    productId: port.productId,
    productUid: port.productUid,
    productName: port.productName,
    secondaryName: null,
    productType: "MEGAPORT",
    provisioningStatus: port.provisioningStatus,
    portSpeed: port.portSpeed,
    maxVxcSpeed: port.maxVxcSpeed,
    locationId: port.locationId,
    locationDetail: locationDetail(store, port.locationId),
    diversityZone: port.diversityZone,
    market: location?.market ?? "AU",
    createDate: port.createDate,
    createdBy: port.createdBy,
    liveDate: port.liveDate,
    terminateDate: port.terminateDate,
    contractStartDate: port.liveDate,
    contractEndDate:
      port.liveDate === null ? null : port.liveDate + port.contractTermMonths * 30 * 86_400_000,
    contractTermMonths: port.contractTermMonths,
    costCentre: port.costCentre,
    usageAlgorithm: "POST_PAID_FIXED",
    marketplaceVisibility: port.marketplaceVisibility,
    vxcPermitted: port.vxcPermitted,
    vxcAutoApproval: port.vxcAutoApproval,
    virtual: false,
    buyoutPort: false,
    locked: port.locked ?? false,
    adminLocked: false,
    cancelable: port.provisioningStatus !== "DECOMMISSIONED",
    up: live ? true : port.provisioningStatus === "DECOMMISSIONED" ? null : false,
    lagPrimary: false,
    lagId: null,
    aggregationId: null,
    companyUid: port.companyUid,
    companyName: store.company(port.companyUid).companyName,
    attributeTags: {},
    resources: {
      interface: {
        demarcation: location ? `${location.name}, ${location.street}` : "",
        loa_template: "megaport",
        media: "LR",
        port_speed: port.portSpeed,
        resource_name: `interface_${port.productId}`,
        resource_type: "interface",
        up: live ? 1 : 0,
        shutdown: false,
      },
    },
    associatedVxcs: store.vxcsOnPort(port.productUid).map((v) => vxcView(store, v, viewerCompanyUid)),
    associatedIxs: [],
  };
}

/** A port or VXC as the viewer sees it (GET /v2/product/{uid}, lock and unlock answers). */
export function serviceView(store: Store, service: Service, viewerCompanyUid: string): VxcWire | PortWire {
  return service.kind === "vxc"
    ? vxcView(store, service.record, viewerCompanyUid)
    : portView(store, service.record, viewerCompanyUid);
}

/** The "service record" PUT /v2/product/{type}/{uid} answers with (docs/megaport-api.md §5.2, TestModifyPort). */
export function portUpdateView(store: Store, port: PortRecord): PortUpdateResultWire {
  return {
    serviceName: port.productName,
    name: port.productName,
    technicalServiceId: port.productId,
    technicalServiceUid: port.productUid,
    provisioningStatus: port.provisioningStatus,
    marketplaceVisibility: port.marketplaceVisibility,
    vxcPermitted: port.vxcPermitted,
    vxcAutoApproval: port.vxcAutoApproval,
    rateLimit: port.portSpeed,
    contractTermMonths: port.contractTermMonths,
    costCentre: port.costCentre,
    locationId: port.locationId,
    companyUid: port.companyUid,
    companyName: store.company(port.companyUid).companyName,
  };
}
