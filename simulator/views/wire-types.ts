/**
 * Wire shapes the simulator serves for which the client has no zod schema yet (products, VXCs, service keys,
 * users, orders, notification preferences). Field names and types follow megaport-api.md §6 and §10–§12.
 * When provider/client/schemas/<area>.ts gains a schema for one of these, type the view with its z.input
 * instead and delete the local declaration here.
 */

export interface VllResourceWire {
  a_vlan: number;
  b_vlan: number;
  rate_limit_mbps: number;
  resource_name: string;
  resource_type: "vll";
  up: number;
  shutdown: boolean;
}

export interface VxcApprovalWire {
  status: string | null;
  message: string | null;
  uid: string | null;
  type: string | null;
  newSpeed: number | null;
}

export interface LocationDetailWire {
  name: string;
  city: string;
  metro: string;
  country: string;
}

export interface VxcEndWire {
  ownerUid: string;
  productUid: string;
  productName: string;
  locationId: number;
  location: string;
  locationDetail: LocationDetailWire;
  vlan: number;
  innerVlan: number | null;
  vNicIndex: number;
  secondaryName: string | null;
  diversityZone: string;
}

export interface VxcWire {
  productId: number;
  productUid: string;
  productName: string;
  productType: "VXC";
  nServiceId: number;
  rateLimit: number;
  distanceBand: string;
  provisioningStatus: string;
  usageAlgorithm: string;
  createdBy: string;
  createDate: number;
  liveDate: number | null;
  terminateDate: number | null;
  contractStartDate: number | null;
  contractEndDate: number | null;
  contractTermMonths: number;
  costCentre: string;
  companyUid: string;
  companyName: string;
  locked: boolean;
  adminLocked: boolean;
  cancelable: boolean;
  shutdown: boolean;
  up: boolean | null;
  secondaryName: string | null;
  attributeTags: Record<string, string>;
  dealUid: string | null;
  serviceKey: string | null;
  aEnd: VxcEndWire;
  bEnd: VxcEndWire;
  resources: { vll: VllResourceWire | never[] };
  vxcApproval: VxcApprovalWire;
}

export interface PortWire {
  productId: number;
  productUid: string;
  productName: string;
  secondaryName: string | null;
  productType: "MEGAPORT";
  provisioningStatus: string;
  portSpeed: number;
  maxVxcSpeed: number;
  locationId: number;
  locationDetail: LocationDetailWire;
  diversityZone: string;
  market: string;
  createDate: number;
  createdBy: string;
  liveDate: number | null;
  terminateDate: number | null;
  contractStartDate: number | null;
  contractEndDate: number | null;
  contractTermMonths: number;
  costCentre: string;
  usageAlgorithm: string;
  marketplaceVisibility: boolean;
  vxcPermitted: boolean;
  vxcAutoApproval: boolean;
  virtual: boolean;
  buyoutPort: boolean;
  locked: boolean;
  adminLocked: boolean;
  cancelable: boolean;
  up: boolean | null;
  lagPrimary: boolean;
  lagId: number | null;
  aggregationId: number | null;
  companyUid: string;
  companyName: string;
  attributeTags: Record<string, string>;
  resources: {
    interface: {
      demarcation: string;
      loa_template: string;
      media: string;
      port_speed: number;
      resource_name: string;
      resource_type: "interface";
      up: number;
      shutdown: boolean;
    };
  };
  associatedVxcs: VxcWire[];
  associatedIxs: never[];
}

export interface ServiceKeyWire {
  key: string;
  createDate: number;
  companyId: number;
  companyUid: string;
  companyName: string;
  description: string;
  productId: number;
  productUid: string;
  productName: string;
  productDto?: PortWire;
  vlan: number | null;
  maxSpeed: number | null;
  preApproved: boolean;
  singleUse: boolean;
  lastUsed: number | null;
  active: boolean;
  validFor: { start: number | null; end: number | null };
  expired: boolean;
  valid: boolean;
  promoCode: string | null;
}

export interface UserWire {
  partyId: number;
  personId: number;
  uid: string;
  personUid: string;
  employmentId: number;
  employeeId: number;
  companyId: number;
  companyUid: string;
  companyName: string;
  firstName: string;
  lastName: string;
  name: string;
  salutation: string | null;
  position: string;
  email: string;
  emails: { emailAddressId: number; email: string; primary: boolean; badEmail: boolean }[];
  phone: string;
  mobile: string | null;
  username: string;
  active: boolean;
  securityRoles: string[];
  featureFlags: string[];
  requireTotp: boolean;
  mfaEnabled: boolean;
  confirmationPending: boolean;
  invitationPending: boolean;
  notificationEnabled: boolean;
  receivesChildNotifications: boolean;
  newsletter: boolean;
  promotions: boolean;
  channelManager: boolean;
  employmentType: string;
  salesforceId: string | null;
}

export interface NotificationPreferencesWire {
  /** EXTENSION: whose preferences these are (the real API only ever returns the caller's own). */
  employeeId: number;
  destinations: {
    EMAIL: { messageGroup: string; subscribed: boolean; details: string[] }[];
  };
}

export interface MarketplaceProfileWire {
  companyUid: string;
  companyName: string;
  companyBio: string;
  contactEmail: string;
  website: string;
  profileVisibility: "PUBLIC" | "PRIVATE";
  services: string[];
}
