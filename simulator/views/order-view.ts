/**
 * Answers to POST /v3/networkdesign/validate (prices) and POST /v4|v3/networkdesign/buy (the order record of
 * §6.4, with `vxcJTechnicalServiceUid` = the new VXC's UID). "payer" is the ordering A-end, "nonPayer" the
 * B-end owner; an order waiting for the provider is not yet `fullyApproved`.
 */
import type { PlannedVxc } from "../domain/vxc-orders";
import type { Store } from "../store";
import type { VxcRecord } from "../state";
import { vxcView } from "./product-view";
import type { BuyResultWire, ValidateResultWire } from "./wire-types";

/** Simulated price book: a flat rate per Mbps, enough for a preview to show a number. */
const MBPS_RATE = 0.55;

export function validateView(plan: PlannedVxc): ValidateResultWire {
  const monthly = Math.round(plan.input.rateLimit * MBPS_RATE * 100) / 100;
  return {
    productUid: plan.aPort.productUid,
    productType: "VXC",
    metro: plan.aPort.locationId,
    price: {
      hourlyRate: Math.round((monthly / 730) * 10000) / 10000,
      dailyRate: Math.round((monthly / 30) * 100) / 100,
      monthlyRate: monthly,
      monthlySetup: 0,
      mbpsRate: MBPS_RATE,
      longHaulMbpsRate: 0,
      fixedRecurringCharge: 0,
      monthlyRackRate: monthly,
      currency: "AUD",
    },
    error: null,
  };
}

export function buyView(store: Store, vxc: VxcRecord): BuyResultWire {
  const aPort = store.port(vxc.aEnd.productUid);
  const bPort = store.port(vxc.bEnd.productUid);
  const payer = store.company(aPort.companyUid);
  const nonPayer = store.company(bPort.companyUid);
  const creator = store.state.users.find((u) => u.personUid === vxc.createdBy);
  const pending = vxc.approval !== null;
  const view = vxcView(store, vxc, payer.companyUid);
  return {
    createDate: vxc.createDate,
    vxcOrderId: vxc.vxcOrderId,
    payerMegaPortId: aPort.productId,
    nonPayerMegaPortId: bPort.productId,
    payerMegaPortName: aPort.productName,
    nonPayerMegaPortName: bPort.productName,
    payerCompanyId: payer.companyId,
    nonPayerCompanyId: nonPayer.companyId,
    payerCompanyName: payer.companyName,
    nonPayerCompanyName: nonPayer.companyName,
    payerLocationId: aPort.locationId,
    nonPayerLocationId: bPort.locationId,
    payerVlanId: vxc.aEnd.vlan,
    nonPayerVlanId: vxc.bEnd.vlan,
    payerInnerVlanId: vxc.aEnd.innerVlan ?? null,
    nonPayerInnerVlanId: vxc.bEnd.innerVlan ?? null,
    payerApproverName: creator ? `${creator.firstName} ${creator.lastName}` : null,
    payerApproverId: creator?.employeeId ?? null,
    nonPayerApproverName: null,
    nonPayerApproverId: null,
    payerApproval: vxc.createDate,
    nonPayerApproval: pending ? null : vxc.createDate,
    payerStatus: "APPROVED",
    nonPayerStatus: pending ? "PENDING" : "APPROVED",
    fullyApproved: !pending,
    serviceName: vxc.productName,
    speed: vxc.rateLimit,
    distanceBand: view.distanceBand,
    rateType: "MONTHLY",
    vxcJTechnicalServiceId: vxc.productId,
    vxcJTechnicalServiceUid: vxc.productUid,
    orderType: "NEW",
    usageAlgorithm: view.usageAlgorithm,
    costCentre: vxc.costCentre,
    serviceKey: vxc.serviceKey,
    connectType: "DEFAULT",
    payerConfig: {},
    nonPayerConfig: {},
    attributeTags: {},
    vxc: {
      technicalServiceId: vxc.productId,
      technicalServiceUid: vxc.productUid,
      serviceName: vxc.productName,
      name: vxc.productName,
      productType: "VXC",
      provisioningStatus: vxc.provisioningStatus,
      marketplaceVisibility: false,
      vxcPermitted: true,
      vxcAutoApproval: false,
      createDate: vxc.createDate,
      contractTermMonths: vxc.contractTermMonths,
      rateLimit: vxc.rateLimit,
      costCentre: vxc.costCentre,
      vxcApproval: view.vxcApproval,
    },
  };
}
