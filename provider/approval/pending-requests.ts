/**
 * Finds the connection requests and speed changes waiting on us in `GET /v2/products` data. There is no
 * listing endpoint for them (docs/megaport-api.md §9.1, §14.3), so this walks our ports' nested VXCs. Pure: it must
 * never do I/O, and never turn a missing fact into a made-up one (a VXC it cannot read fully is left for a person).
 */
import type { Product, Vxc } from "../client/schemas/products";
import type { ApprovalRequest, RequestType } from "./policy-schema";
import { FINISHED, isIn } from "../client/provisioning-states";
import { normalize } from "./rule-match";

/** The fields of a product we read: any listing of our products (the client's `Product`) fits. */
export type ProductWithVxcs = Partial<Pick<Product, "productUid" | "companyUid">> & {
  associatedVxcs?: readonly VxcForApproval[] | null;
};

/** The fields of a VXC (docs/megaport-api.md §6.2) that say whether it waits on us, and for what. */
export type VxcForApproval = Partial<
  Pick<
    Vxc,
    | "productUid"
    | "productName"
    | "rateLimit"
    | "provisioningStatus"
    | "companyUid"
    | "companyName"
    | "aEnd"
    | "bEnd"
    | "vxcApproval"
    | "serviceKey"
  >
>;

/** The approval status of a request the viewing company must decide (docs/megaport-api.md §9.1, §9.1a). */
export const PENDING_ON_US = "PENDING_INTERNAL";

export interface PendingRequestsOptions {
  /** Told about each VXC pending on us that cannot be decided automatically, and why (left to a person). */
  onSkipped?: (vxcUid: string, why: string) => void;
}

/**
 * The requests waiting on us: walks each of our products' `associatedVxcs` for `vxcApproval.status`
 * "PENDING_INTERNAL" (how Megaport's own Java client found them, docs/megaport-api.md §9.1; there is no listing
 * endpoint). A VXC between two of our ports appears under both, so each VXC is returned once.
 */
export function pendingRequestsFrom(
  products: readonly ProductWithVxcs[],
  ownCompanyUid: string,
  options: PendingRequestsOptions = {},
): ApprovalRequest[] {
  const seen = new Set<string>();
  const requests: ApprovalRequest[] = [];
  for (const product of products) {
    // `GET /v2/products` lists only our products; the check guards against a caller passing other data.
    if (product.companyUid && normalize(product.companyUid) !== normalize(ownCompanyUid)) continue;
    for (const vxc of product.associatedVxcs ?? []) {
      const approval = vxc.vxcApproval;
      if (!vxc.productUid || approval?.status !== PENDING_ON_US || seen.has(vxc.productUid)) continue;
      seen.add(vxc.productUid);
      const result = requestFromVxc(vxc, product);
      if (typeof result === "string") options.onSkipped?.(vxc.productUid, result);
      else requests.push(result);
    }
  }
  return requests;
}

function requestFromVxc(vxc: VxcForApproval, port: ProductWithVxcs): ApprovalRequest | string {
  const approval = vxc.vxcApproval ?? {};
  const vxcUid = vxc.productUid ?? "";
  // A finished VXC can no longer be approved (9.1a: denied or expired orders move to FAILED).
  if (isIn(FINISHED, vxc.provisioningStatus?.toUpperCase())) {
    return `it is ${vxc.provisioningStatus} and can no longer be approved`;
  }
  const type = requestTypeOf(approval.type);
  if (type === undefined) return `its request type "${approval.type ?? "(none)"}" is not one we decide`;
  if (!approval.uid) return "its vxcApproval has no uid to answer";
  const requestingCompanyUid = vxc.aEnd?.ownerUid ?? vxc.companyUid;
  if (!requestingCompanyUid) return "neither aEnd.ownerUid nor companyUid names the requesting company";
  const targetPortUid = vxc.bEnd?.productUid ?? port.productUid;
  if (!targetPortUid) return "its B-end port is not named";
  // A missing speed must not read as 0 Mbps, which a "max" range would happily match.
  if (typeof vxc.rateLimit !== "number") return "its rateLimit is not given";

  // The VXC's companyName is its owner's; use it only when the owner is the requester.
  const ownerIsRequester = !vxc.companyUid || normalize(vxc.companyUid) === normalize(requestingCompanyUid);
  const requestingCompanyName = vxc.aEnd?.ownerName ?? (ownerIsRequester ? vxc.companyName : undefined);
  // VLAN 0 means "assign one for me" and null means none asked; neither is a requested VLAN.
  const bEndVlan = vxc.bEnd?.vlan ? vxc.bEnd.vlan : undefined;
  const serviceKey =
    typeof vxc.serviceKey === "boolean"
      ? vxc.serviceKey
      : typeof vxc.serviceKey === "string"
        ? vxc.serviceKey.length > 0
        : undefined;

  return withoutUndefined({
    vxcUid,
    approvalUid: approval.uid,
    type,
    requestingCompanyUid,
    requestingCompanyName: requestingCompanyName ?? undefined,
    targetPortUid,
    rateLimit: vxc.rateLimit,
    newSpeed: type === "SPEED_CHANGE" ? (approval.newSpeed ?? undefined) : undefined,
    bEndVlan,
    serviceKey,
    vxcName: vxc.productName ?? undefined,
  });
}

/** "NEW" → NEW; the Java enum says "SPEED_CHANGE", newer code only "a speed change": accept any SPEED form. */
function requestTypeOf(type: string | null | undefined): RequestType | undefined {
  const upper = type?.toUpperCase() ?? "";
  if (upper === "NEW") return "NEW";
  if (upper.includes("SPEED")) return "SPEED_CHANGE";
  return undefined;
}

/** Drops undefined keys so decisions and requests compare and print cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
