/**
 * Changing a VXC (PUT /v3/product/vxc/{uid}) and answering its approval (the same PUT with `isApproved`, or
 * the legacy PUT /v2/order/vxc/{approvalUid}).
 *
 * Who may change what: the A-end owner (the customer) changes the name, rate limit, A-end VLAN and inner VLAN,
 * cost centre, term and shutdown; only the B-end owner changes the B-end VLAN and inner VLAN ("Only B end owner can change B VLAN", TF
 * issue #126) and answers requests. While a request is pending, network changes are refused. A rate increase
 * on a VXC to another company's port becomes a SPEED_CHANGE request; a decrease applies at once.
 */
import { forbidden, refused } from "../domain-error";
import type { Store } from "../store";
import { type VxcRecord } from "../state";
import { decideApproval, openApproval } from "./approvals";
import { assertMayChange, type Caller } from "./caller";
import { assertNotLocked } from "./product-locks";
import { assertWithinKeySpeed } from "./service-keys";
import { addMonths, hasEnded } from "./transitions";
import { assertInnerVlanFits, claimVlan, innerVlanFor } from "./vlans";
import { assertCostCentre, assertRateLimit, assertServiceName, assertTerm } from "./vxc-rules";
import { visibleVxc, vxcParties } from "./vxc-parties";

export interface VxcUpdateInput {
  name?: string;
  rateLimit?: number;
  costCentre?: string;
  shutdown?: boolean;
  aEndVlan?: number;
  bEndVlan?: number;
  /** Q-in-Q inner VLANs: 0 removes one. */
  aEndInnerVlan?: number;
  bEndInnerVlan?: number;
  term?: number;
  isApproved?: boolean;
  // EXTENSION: why the provider denies; shown to the customer in vxcApproval.message.
  reason?: string;
  aEndProductUid?: string;
  bEndProductUid?: string;
}

const NETWORK_FIELDS = [
  "rateLimit",
  "aEndVlan",
  "bEndVlan",
  "aEndInnerVlan",
  "bEndInnerVlan",
  "shutdown",
] as const;
const A_END_FIELDS = [
  "name",
  "rateLimit",
  "costCentre",
  "shutdown",
  "aEndVlan",
  "aEndInnerVlan",
  "term",
] as const;

export function updateVxc(store: Store, caller: Caller, uid: string, input: VxcUpdateInput): VxcRecord {
  assertMayChange(caller);
  const vxc = visibleVxc(store, caller, uid);
  const { aPort, bPort, aOwnerUid, bOwnerUid } = vxcParties(store, vxc);
  const isAOwner = aOwnerUid === caller.companyUid;
  const isBOwner = bOwnerUid === caller.companyUid;

  if (hasEnded(vxc)) {
    throw refused(`Service ${uid} is ${vxc.provisioningStatus} and cannot be modified`);
  }
  assertNotLocked(vxc);
  if (input.aEndProductUid !== undefined || input.bEndProductUid !== undefined) {
    // EXTENSION: (limitation) the simulator does not move VXC ends between ports.
    throw refused("Moving a VXC end to another product is not supported by the simulator");
  }
  if (input.bEndVlan !== undefined && !isBOwner) throw forbidden("Only B end owner can change B VLAN");
  if (input.bEndInnerVlan !== undefined && !isBOwner) {
    throw forbidden("Only B end owner can change B inner VLAN");
  }
  for (const field of A_END_FIELDS) {
    if (input[field] !== undefined && !isAOwner) throw forbidden(`Only A end owner can change ${field}`);
  }

  if (input.isApproved !== undefined) {
    if (!isBOwner) throw forbidden("Only B end owner can approve or deny this VXC");
    // Checked before the answer is recorded, so a bad inner VLAN leaves the request pending.
    const bInner =
      input.bEndInnerVlan === undefined
        ? undefined
        : innerVlanFor(input.bEndVlan ?? vxc.bEnd.vlan, input.bEndInnerVlan, "bEndInnerVlan");
    decideApproval(store, caller, vxc, {
      approved: input.isApproved,
      vlan: input.bEndVlan,
      reason: input.reason,
    });
    if (bInner !== undefined && input.isApproved) vxc.bEnd.innerVlan = bInner;
    applyPlainFields(store, vxc, input);
    return vxc;
  }

  if (vxc.approval) {
    const blocked = NETWORK_FIELDS.filter((f) => input[f] !== undefined);
    if (blocked.length > 0) {
      const approver = store.company(vxc.approval.approverCompanyUid).tradingName;
      throw refused(
        `VXC ${uid} has a pending ${vxc.approval.type === "NEW" ? "connection request" : "speed change"} awaiting ${approver}; ` +
          `network changes (${blocked.join(", ")}) are refused until it is accepted or denied`,
      );
    }
  }

  if (input.name !== undefined) assertServiceName(input.name, "VXC");
  if (input.term !== undefined) assertTerm(input.term);
  if (input.costCentre !== undefined) assertCostCentre(input.costCentre);
  if (input.rateLimit !== undefined) assertRateLimit(input.rateLimit, [aPort, bPort]);
  if (input.rateLimit !== undefined && vxc.serviceKey && input.rateLimit > vxc.rateLimit) {
    const key = store.serviceKey(vxc.serviceKey);
    if (key) assertWithinKeySpeed(key, input.rateLimit);
  }

  // Claim VLANs before changing anything, so a clash leaves the VXC as it was.
  const aVlan =
    input.aEndVlan === undefined || input.aEndVlan === vxc.aEnd.vlan
      ? vxc.aEnd.vlan
      : claimVlan(store, aPort.productUid, input.aEndVlan, "aEndVlan", { exceptVxcUid: uid });
  const bVlan =
    input.bEndVlan === undefined || input.bEndVlan === vxc.bEnd.vlan
      ? vxc.bEnd.vlan
      : claimVlan(store, bPort.productUid, input.bEndVlan, "bEndVlan", { exceptVxcUid: uid });
  const aInner =
    input.aEndInnerVlan === undefined
      ? (vxc.aEnd.innerVlan ?? null)
      : innerVlanFor(aVlan, input.aEndInnerVlan, "aEndInnerVlan");
  const bInner =
    input.bEndInnerVlan === undefined
      ? (vxc.bEnd.innerVlan ?? null)
      : innerVlanFor(bVlan, input.bEndInnerVlan, "bEndInnerVlan");
  assertInnerVlanFits(aVlan, aInner, "aEndVlan");
  assertInnerVlanFits(bVlan, bInner, "bEndVlan");
  vxc.aEnd.vlan = aVlan;
  vxc.bEnd.vlan = bVlan;
  vxc.aEnd.innerVlan = aInner;
  vxc.bEnd.innerVlan = bInner;
  applyPlainFields(store, vxc, input);

  if (input.rateLimit !== undefined && input.rateLimit !== vxc.rateLimit) {
    const increase = input.rateLimit > vxc.rateLimit;
    const needsApproval =
      increase && aOwnerUid !== bOwnerUid && !bPort.vxcAutoApproval && !vxc.preApprovedByKey;
    if (needsApproval) openApproval(store, vxc, "SPEED_CHANGE", input.rateLimit, caller.personUid);
    else vxc.rateLimit = input.rateLimit;
  }
  store.markChanged();
  return vxc;
}

/** Name, cost centre, term and shutdown never need approval. */
function applyPlainFields(store: Store, vxc: VxcRecord, input: VxcUpdateInput): void {
  if (input.name !== undefined) vxc.productName = input.name;
  if (input.costCentre !== undefined) vxc.costCentre = input.costCentre;
  if (input.shutdown !== undefined && vxc.approval === null) vxc.shutdown = input.shutdown;
  if (input.term !== undefined && input.term !== vxc.contractTermMonths) {
    vxc.contractTermMonths = input.term;
    if (vxc.contractStartDate !== null) vxc.contractEndDate = addMonths(vxc.contractStartDate, input.term);
  }
  store.markChanged();
}
