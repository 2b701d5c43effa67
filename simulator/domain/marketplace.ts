/**
 * Marketplace profiles (EXTENSION shape, docs/contracts.md `MarketplaceProfile`) and the partner port list.
 * Every company reads its own profile; only a Company Admin changes it. Another company's profile
 * (GET /v2/marketplace/profile/{companyUid}) is readable when it is PUBLIC; a PRIVATE one (or none) answers 404
 * to everyone but its own company. The profile list shows PUBLIC profiles plus the caller's own.
 * The partner list (GET /v2/dropdowns/partner/megaports) holds every port that accepts VXCs from other
 * companies: marketplace-visible, VXC-permitted and live, of a company whose profile is PUBLIC, whatever the
 * caller. A PRIVATE profile (or none) keeps the company's ports out of it ("If the profile is Private, the ports
 * are shown greyed out / not as service destinations", docs/megaport-api.md §8); they can still be ordered to by UID
 * or with a service key.
 */
import { notFound } from "../domain-error";
import type { Store } from "../store";
import type { CompanyRecord, MarketplaceProfileRecord, PortRecord } from "../state";
import { assertCompanyAdmin, type Caller } from "./caller";
import { isReady } from "./transitions";

export const EMPTY_PROFILE: MarketplaceProfileRecord = {
  companyBio: "",
  contactEmail: "",
  website: "",
  profileVisibility: "PRIVATE",
  services: [],
};

export function ownCompany(store: Store, caller: Caller): CompanyRecord {
  return store.company(caller.companyUid);
}

export function setMarketplaceProfile(
  store: Store,
  caller: Caller,
  input: Partial<MarketplaceProfileRecord> & { companyName?: string },
): CompanyRecord {
  assertCompanyAdmin(caller, "update the Marketplace profile");
  const company = ownCompany(store, caller);
  const current = company.marketplaceProfile ?? EMPTY_PROFILE;
  company.marketplaceProfile = {
    companyBio: input.companyBio ?? current.companyBio,
    contactEmail: input.contactEmail ?? current.contactEmail,
    website: input.website ?? current.website,
    profileVisibility: input.profileVisibility ?? current.profileVisibility,
    services: input.services ? [...input.services] : [...current.services],
  };
  // The profile's company name is the trading name (the Portal uses it in the profile URL and in approvals).
  if (input.companyName !== undefined) company.tradingName = input.companyName;
  store.markChanged();
  return company;
}

function isPublic(company: CompanyRecord): boolean {
  return company.marketplaceProfile?.profileVisibility === "PUBLIC";
}

/**
 * A company's profile as the caller may read it: its own always, another's only when PUBLIC. A PRIVATE profile,
 * a company without one and an unknown company all answer the same 404, so nothing tells them apart.
 */
export function visibleProfile(store: Store, caller: Caller, companyUid: string): CompanyRecord {
  const wanted = companyUid.toLowerCase();
  const company = store.state.companies.find((c) => c.companyUid.toLowerCase() === wanted);
  if (company && (company.companyUid === caller.companyUid || isPublic(company))) return company;
  throw notFound(`Marketplace profile for company ${companyUid} not found`);
}

/** PUBLIC profiles, plus the caller's own whatever its visibility (a company without a profile has none). */
export function listedProfiles(store: Store, caller: Caller): CompanyRecord[] {
  return store.state.companies.filter(
    (c) => isPublic(c) || (c.companyUid === caller.companyUid && c.marketplaceProfile !== null),
  );
}

export function partnerPorts(store: Store): PortRecord[] {
  return store.state.ports.filter(
    (p) => isPublic(store.company(p.companyUid)) && p.marketplaceVisibility && p.vxcPermitted && isReady(p),
  );
}
