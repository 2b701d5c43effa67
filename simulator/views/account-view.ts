/**
 * Users (§12), notification preferences (§11, Java client's DTO shape) and Marketplace profiles (EXTENSION
 * shape from docs/contracts.md) on the wire.
 */
import type { Store } from "../store";
import { SUBSCRIBABLE_MESSAGE_GROUPS } from "../../provider/client/schemas/notification-preferences";
import type { CompanyRecord, UserRecord } from "../state";
import { EMPTY_PROFILE } from "../domain/marketplace";
import type { MarketplaceProfileWire, NotificationPreferencesWire, UserWire } from "./wire-types";

const SECURITY_ROLES: Record<string, string[]> = {
  "Company Admin": ["companyAdmin"],
  "Technical Admin": ["technicalAdmin"],
  "Technical Contact": ["technicalContact"],
  Finance: ["finance"],
  "Financial Contact": ["financialContact"],
  "Read Only": ["readOnly"],
};

export function userView(store: Store, user: UserRecord): UserWire {
  const company = store.company(user.companyUid);
  return {
    // One id for the person (megaportgo: the list's personId is what GET /v2/employee/{id} takes and
    // answers as partyId); `employeeId` repeats it, as POST /v2/employment names it.
    partyId: user.employeeId,
    personId: user.employeeId,
    uid: user.personUid,
    personUid: user.personUid,
    employmentId: user.employmentId,
    employeeId: user.employeeId,
    companyId: company.companyId,
    companyUid: company.companyUid,
    companyName: company.companyName,
    firstName: user.firstName,
    lastName: user.lastName,
    name: `${user.firstName} ${user.lastName}`,
    salutation: null,
    position: user.position,
    email: user.email,
    emails: [{ emailAddressId: user.employeeId, email: user.email, primary: true, badEmail: false }],
    phone: user.phone,
    mobile: null,
    username: user.email,
    active: user.active,
    securityRoles: SECURITY_ROLES[user.position] ?? [],
    featureFlags: [],
    requireTotp: false,
    mfaEnabled: false,
    confirmationPending: false,
    invitationPending: false,
    notificationEnabled: user.notificationEnabled,
    receivesChildNotifications: false,
    newsletter: user.newsletter,
    promotions: user.promotions,
    channelManager: false,
    employmentType: "EMPLOYEE",
    salesforceId: null,
  };
}

export function preferencesView(user: UserRecord): NotificationPreferencesWire {
  return {
    // EXTENSION: whose preferences these are (the real API only ever returns the caller's own).
    employeeId: user.employeeId,
    destinations: {
      EMAIL: SUBSCRIBABLE_MESSAGE_GROUPS.map((group) => ({
        messageGroup: group,
        subscribed: user.subscriptions.includes(group),
        details: [],
      })),
    },
  };
}

export function profileView(company: CompanyRecord): MarketplaceProfileWire {
  const profile = company.marketplaceProfile ?? EMPTY_PROFILE;
  return {
    companyUid: company.companyUid,
    companyName: company.tradingName,
    companyBio: profile.companyBio,
    contactEmail: profile.contactEmail,
    website: profile.website,
    profileVisibility: profile.profileVisibility,
    services: [...profile.services],
  };
}
