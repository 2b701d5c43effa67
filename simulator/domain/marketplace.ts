/**
 * Marketplace profiles (EXTENSION shape, docs/contracts.md `MarketplaceProfile`) and the partner port list.
 * Every company reads its own profile; only a Company Admin changes it. The public list shows PUBLIC profiles.
 * The partner list (GET /v2/dropdowns/partner/megaports) holds every port that accepts VXCs from other
 * companies: marketplace-visible, VXC-permitted and live, whatever the caller.
 */
import type { Store } from "../store";
import type { CompanyRecord, MarketplaceProfileRecord, PortRecord } from "../state";
import { assertCompanyAdmin, type Caller } from "./caller";

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

export function publicProfiles(store: Store): CompanyRecord[] {
  return store.state.companies.filter((c) => c.marketplaceProfile?.profileVisibility === "PUBLIC");
}

export function partnerPorts(store: Store): PortRecord[] {
  return store.state.ports.filter(
    (p) =>
      p.marketplaceVisibility &&
      p.vxcPermitted &&
      (p.provisioningStatus === "LIVE" || p.provisioningStatus === "CONFIGURED"),
  );
}
