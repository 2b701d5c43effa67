// Where a VXC goes, as far as a preview can know it. A VXC names its B-end by the provider's company (name, and
// optionally its company UID and a location), by the provider's port UID, or by a service key. Only the first says
// who the provider is before Megaport is asked: a bare port UID or a service key is resolved by Megaport when the
// order is made, so policies report those as "cannot be judged at preview", never as a pass.
import type { VxcProps } from "./resource-props";

export type VxcTarget =
  | {
      by: "provider";
      providerName?: string;
      providerCompanyUid?: string;
      location?: string | number;
    }
  | { by: "productUid"; productUid: string }
  | { by: "serviceKey" }
  | { by: "nothing" };

/** What the VXC's inputs say about its B-end. Never returns the service key itself. */
export function vxcTarget(vxc: VxcProps): VxcTarget {
  const b = vxc.bEnd;
  if (b?.providerName !== undefined || b?.providerCompanyUid !== undefined) {
    return {
      by: "provider",
      providerName: b.providerName,
      providerCompanyUid: b.providerCompanyUid,
      location: b.location,
    };
  }
  if (b?.productUid !== undefined) return { by: "productUid", productUid: b.productUid };
  if (vxc.serviceKey !== undefined) return { by: "serviceKey" };
  return { by: "nothing" };
}

/** Why a VXC's provider or location cannot be judged at preview, or undefined when it can. */
export function unjudgeableReason(target: VxcTarget): string | undefined {
  switch (target.by) {
    case "productUid":
      return "the VXC names its B-end by port UID (bEnd.productUid), whose provider and location Megaport resolves only when the VXC is ordered";
    case "serviceKey":
      return "the VXC is ordered with a service key, which names the provider's port only to Megaport when the VXC is ordered";
    case "nothing":
      return "the VXC names no B-end";
    default:
      return undefined;
  }
}
