/**
 * Answers to POST /v3/networkdesign/validate (prices) and POST /v4|v3/networkdesign/buy (the order record of
 * §6.4, with `vxcJTechnicalServiceUid` = the new VXC's UID). "payer" is the ordering A-end, "nonPayer" the
 * B-end owner; an order waiting for the provider is not yet `fullyApproved`.
 */
import { PRICE_CURRENCY, quoteVxc, type VxcQuote } from "../domain/pricing";
import type { PlannedVxc } from "../domain/vxc-orders";
import type { Store } from "../store";
import type { VxcRecord } from "../state";
import { vxcView } from "./product-view";
import type { BuyResultWire, PriceBookWire, ValidateResultWire } from "./wire-types";

/**
 * One validate answer item: the VXC's price from the simulator's price book (domain/pricing.ts), the same
 * POST /v4/pricebook/product quotes for its ends, rate limit and term.
 */
export function validateView(store: Store, plan: PlannedVxc): ValidateResultWire {
  const a = store.location(plan.aPort.locationId);
  const b = store.location(plan.bPort.locationId);
  const rateLimit = plan.input.rateLimit;
  const quote =
    a && b
      ? quoteVxc(a, b, rateLimit, plan.term)
      : { band: "METRO", currency: PRICE_CURRENCY, monthlyRackRate: 0, monthlyRate: 0, termDiscount: 0 };
  const perMbps = rateLimit > 0 ? Math.round((quote.monthlyRate / rateLimit) * 10000) / 10000 : 0;
  return {
    productUid: plan.aPort.productUid,
    productType: "VXC",
    metro: plan.aPort.locationId,
    price: {
      hourlyRate: Math.round((quote.monthlyRate / 730) * 10000) / 10000,
      dailyRate: Math.round((quote.monthlyRate / 30) * 100) / 100,
      monthlyRate: quote.monthlyRate,
      monthlySetup: 0,
      mbpsRate: perMbps,
      longHaulMbpsRate: quote.band === "METRO" ? 0 : perMbps,
      fixedRecurringCharge: 0,
      monthlyRackRate: quote.monthlyRackRate,
      currency: quote.currency,
    },
    error: null,
  };
}

/** The POST /v4/pricebook/product answer for a VXC quote (megaportgo pricing_types.go PriceBookDTO). */
export function priceBookView(quote: VxcQuote): PriceBookWire {
  return {
    productType: "VXC",
    currency: quote.currency,
    monthlyRate: quote.monthlyRate,
    monthlyRackRate: quote.monthlyRackRate,
    prices: [{ chargeReason: "CORE", frequency: "MONTHLY", amount: quote.monthlyRackRate }],
    discounts: quote.termDiscount > 0 ? [{ discountReason: "TERM", amount: quote.termDiscount }] : [],
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
