// Finding a provider's ports in GET /v2/dropdowns/partner/megaports. The endpoint has no server-side
// filters we can rely on (docs/megaport-api.md §14.10), so we filter client-side as megaportgo partner.go does,
// keeping only ports with vxcPermitted. Must never: match loosely by default (a wrong guess orders a VXC
// to the wrong company's port).

import type { PartnerPort } from "./schemas/partner-ports";

/** What findPartnerPorts matches on. Text matches ignore case; `match` picks equality or substring. */
export interface PartnerPortCriteria {
  /** The provider's company name, e.g. "Acme Networks". */
  companyName?: string;
  /** The port's name (`title`). */
  productName?: string;
  locationId?: number;
  /** "red" or "blue". */
  diversityZone?: string;
  /** e.g. "DEFAULT" for Marketplace providers' own ports, "AWS" for AWS on-ramps. */
  connectType?: string;
  /** "exact" (default) or "contains". megaportgo uses a fuzzy match; a wrong guess here orders a wrong VXC. */
  match?: "exact" | "contains";
}

/**
 * Keeps the partner ports that match every given criterion and have vxcPermitted (megaportgo
 * partner.go keeps only VXC-permitted ports in every filter). Text compares ignore case and outer spaces.
 */
export function filterPartnerPorts(
  ports: readonly PartnerPort[],
  criteria: PartnerPortCriteria,
): PartnerPort[] {
  const norm = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();
  const text = (wanted: string | undefined, actual: string | null | undefined) => {
    if (wanted === undefined || wanted.trim() === "") return true;
    return criteria.match === "contains"
      ? norm(actual).includes(norm(wanted))
      : norm(actual) === norm(wanted);
  };
  return ports.filter(
    (p) =>
      p.vxcPermitted === true &&
      text(criteria.companyName, p.companyName) &&
      text(criteria.productName, p.title) &&
      text(criteria.connectType, p.connectType) &&
      (criteria.diversityZone === undefined || norm(p.diversityZone) === norm(criteria.diversityZone)) &&
      (criteria.locationId === undefined || p.locationId === criteria.locationId),
  );
}
