/**
 * Ordering VXCs (POST /v3/networkdesign/validate, POST /v4|v3/networkdesign/buy). An order is checked as a
 * whole before anything is created, so a bad item leaves nothing half-ordered. A VXC to another company's port
 * waits for that company's approval unless the port auto-approves or a pre-approved service key is used.
 */
import { randomUUID } from "node:crypto";
import { DomainError, refused, type DomainErrorKind } from "../domain-error";
import type { Store } from "../store";
import type { PortRecord, ResourceTag, ServiceKeyRecord, VxcRecord } from "../state";
import { openApproval } from "./approvals";
import { assertMayChange, type Caller } from "./caller";
import { consumeServiceKey, usableServiceKey } from "./service-keys";
import { scheduleDeployment } from "./transitions";
import { claimVlan, innerVlanFor } from "./vlans";
import {
  assertCostCentre,
  assertPortTakesVxcs,
  assertRateLimit,
  assertTerm,
  assertServiceName,
} from "./vxc-rules";
import { ownPort } from "./vxc-parties";

export interface VxcOrderEnd {
  productUid?: string;
  vlan?: number;
  innerVlan?: number;
}

export interface VxcOrderInput {
  productName: string;
  rateLimit: number;
  term?: number;
  shutdown?: boolean;
  costCentre?: string;
  serviceKey?: string;
  aEnd?: VxcOrderEnd;
  bEnd?: VxcOrderEnd;
  resourceTags?: ResourceTag[];
}

export interface OrderItemInput {
  /** The A-end product. */
  productUid: string;
  associatedVxcs: VxcOrderInput[];
}

/** One VXC of an order after every check passed: what `buy` will create. */
export interface PlannedVxc {
  input: VxcOrderInput;
  aPort: PortRecord;
  bPort: PortRecord;
  aVlan: number;
  bVlan: number;
  aInnerVlan: number | null;
  bInnerVlan: number | null;
  term: number;
  key: ServiceKeyRecord | null;
  needsApproval: boolean;
}

function planOne(
  store: Store,
  caller: Caller,
  aEndUid: string,
  input: VxcOrderInput,
  taken: Map<string, Set<number>>,
): PlannedVxc {
  const aPort = ownPort(store, caller, input.aEnd?.productUid ?? aEndUid);
  assertPortTakesVxcs(aPort);
  assertServiceName(input.productName, "VXC");
  const term = input.term ?? 1;
  assertTerm(term);
  if (input.costCentre !== undefined) assertCostCentre(input.costCentre);

  let key: ServiceKeyRecord | null = null;
  let bPort: PortRecord;
  if (input.serviceKey) {
    key = usableServiceKey(store, input.serviceKey, input.rateLimit);
    if (input.bEnd?.productUid && input.bEnd.productUid !== key.productUid) {
      throw refused(`Service key ${key.key} is for service ${key.productUid}, not ${input.bEnd.productUid}`);
    }
    bPort = store.port(key.productUid);
  } else {
    const bUid = input.bEnd?.productUid;
    if (!bUid) throw refused("A VXC order needs bEnd.productUid or a serviceKey");
    bPort = store.port(bUid);
    if (bPort.companyUid !== caller.companyUid && !(bPort.vxcPermitted && bPort.marketplaceVisibility)) {
      throw refused(`Service ${bUid} does not accept connections without a service key`);
    }
  }
  assertPortTakesVxcs(bPort);
  assertRateLimit(input.rateLimit, [aPort, bPort]);

  const takenOn = (uid: string) => {
    let set = taken.get(uid);
    if (!set) taken.set(uid, (set = new Set()));
    return set;
  };
  const aVlan = claimVlan(store, aPort.productUid, input.aEnd?.vlan ?? 0, "aEnd.vlan", {
    alsoTaken: takenOn(aPort.productUid),
  });
  takenOn(aPort.productUid).add(aVlan);
  // A single-use key fixes the provider's VLAN; otherwise the customer may suggest one.
  const bVlanAsked = key?.singleUse && key.vlan !== null ? key.vlan : (input.bEnd?.vlan ?? 0);
  const bVlan = claimVlan(store, bPort.productUid, bVlanAsked, "bEnd.vlan", {
    alsoTaken: takenOn(bPort.productUid),
  });
  takenOn(bPort.productUid).add(bVlan);
  const aInnerVlan = innerVlanFor(aVlan, input.aEnd?.innerVlan ?? 0, "aEnd.innerVlan");
  const bInnerVlan = innerVlanFor(bVlan, input.bEnd?.innerVlan ?? 0, "bEnd.innerVlan");

  const needsApproval = bPort.companyUid !== caller.companyUid && !bPort.vxcAutoApproval && !key?.preApproved;
  return { input, aPort, bPort, aVlan, bVlan, aInnerVlan, bInnerVlan, term, key, needsApproval };
}

/** Check a whole order without changing anything (validate, and the first half of buy). */
export function planOrder(store: Store, caller: Caller, items: readonly OrderItemInput[]): PlannedVxc[] {
  if (items.length === 0) throw refused("The order is empty");
  const taken = new Map<string, Set<number>>();
  const usedKeys = new Set<string>();
  const planned: PlannedVxc[] = [];
  const several = items.reduce((n, item) => n + item.associatedVxcs.length, 0) > 1;
  items.forEach((item, itemIndex) => {
    // EXTENSION: (limitation) ports, MCRs and MVEs cannot be ordered from the simulator.
    if (item.associatedVxcs.length === 0) {
      const which = items.length > 1 ? `Order item ${itemIndex}` : "Order item";
      throw refused(
        `${which} for ${item.productUid} has no associatedVxcs: the simulator only sells VXCs`,
        items.length > 1 ? { itemIndex, vxcIndex: null, productName: null } : undefined,
      );
    }
    item.associatedVxcs.forEach((vxc, vxcIndex) => {
      try {
        // A single-use key named twice in one order: the second use is refused, whatever else is wrong.
        if (vxc.serviceKey && usedKeys.has(vxc.serviceKey)) {
          throw refused(`Service key ${vxc.serviceKey} has already been used`);
        }
        const plan = planOne(store, caller, item.productUid, vxc, taken);
        if (plan.key?.singleUse) usedKeys.add(plan.key.key);
        planned.push(plan);
      } catch (err) {
        throw several ? namingTheItem(err, item, itemIndex, vxcIndex) : err;
      }
    });
  });
  return planned;
}

function namingTheItem(err: unknown, item: OrderItemInput, itemIndex: number, vxcIndex: number): unknown {
  if (!(err instanceof DomainError)) return err;
  return refusedItem(err.kind, err.message, {
    itemIndex,
    vxcIndex,
    vxcsInItem: item.associatedVxcs.length,
    productName: item.associatedVxcs[vxcIndex]?.productName ?? "",
  });
}

/** Where in an order a refused VXC stands (`vxcIndex` null when the refusal is about the item). */
export interface OrderPlace {
  itemIndex: number;
  vxcIndex: number | null;
  /** How many VXCs the item holds: its place in `associatedVxcs` is named only when there are several. */
  vxcsInItem: number;
  productName: string | null;
}

/**
 * EXTENSION: (detail) in an order of several VXCs, a refusal (here, or a malformed VXC in the body) names the
 * offending one: its item index (in the validate array or `networkDesign`), its place in `associatedVxcs` when
 * the item holds more than one, and its productName; `data` carries the same as fields. The real API's wording
 * for this is not recorded; a one-VXC order keeps the real API's own texts unchanged.
 */
export function refusedItem(kind: DomainErrorKind, reason: string, place: OrderPlace): DomainError {
  const { itemIndex, vxcIndex, vxcsInItem, productName } = place;
  const where =
    vxcIndex !== null && vxcsInItem > 1
      ? `Order item ${itemIndex}, associatedVxcs[${vxcIndex}]`
      : `Order item ${itemIndex}`;
  const named = productName === null ? "" : ` (productName "${productName}")`;
  return new DomainError(kind, `${where}${named}: ${reason}`, { itemIndex, vxcIndex, productName, reason });
}

/** Place the order: create the VXCs, consume keys, open approvals, start deployments. */
export function buyOrder(store: Store, caller: Caller, items: readonly OrderItemInput[]): VxcRecord[] {
  assertMayChange(caller);
  const planned = planOrder(store, caller, items);
  const now = store.now();
  const orderId = store.nextOrderId();
  return planned.map((plan) => {
    const vxc: VxcRecord = {
      productId: store.nextProductId(),
      productUid: randomUUID(),
      productName: plan.input.productName,
      companyUid: caller.companyUid,
      rateLimit: plan.input.rateLimit,
      contractTermMonths: plan.term,
      costCentre: plan.input.costCentre ?? "",
      shutdown: plan.input.shutdown ?? false,
      provisioningStatus: "DEPLOYABLE",
      createDate: now,
      liveDate: null,
      terminateDate: null,
      contractStartDate: null,
      contractEndDate: null,
      createdBy: caller.personUid,
      aEnd: { productUid: plan.aPort.productUid, vlan: plan.aVlan, innerVlan: plan.aInnerVlan },
      bEnd: { productUid: plan.bPort.productUid, vlan: plan.bVlan, innerVlan: plan.bInnerVlan },
      serviceKey: plan.key?.key ?? null,
      preApprovedByKey: plan.key?.preApproved ?? false,
      vxcOrderId: orderId,
      approval: null,
      lastDecision: null,
      statusBeforeCancel: null,
      next: null,
      resourceTags: (plan.input.resourceTags ?? []).map((t) => ({ key: t.key, value: t.value })),
    };
    store.state.vxcs.push(vxc);
    store.markChanged();
    if (plan.key) consumeServiceKey(store, plan.key);
    if (plan.needsApproval) openApproval(store, vxc, "NEW", vxc.rateLimit, caller.personUid);
    else scheduleDeployment(store, vxc, now);
    return vxc;
  });
}
