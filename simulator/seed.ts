/**
 * The seeded world: three companies (Acme Networks the service provider, Globex the customer, Initech a
 * bystander for isolation tests), their ports in Sydney and Melbourne, a user in every role per company, and
 * API keys. `SEED` holds the names other code and tests use (docs/contracts.md); `buildSeedState` turns it
 * into a fresh `SimState`. UIDs are fixed so that examples and docs can quote them.
 */
import {
  SUBSCRIBABLE_MESSAGE_GROUPS,
  type SubscribableMessageGroup,
} from "../provider/client/schemas/notification-preferences";
import type { UserPosition } from "../provider/client/schemas/users";
import { SIMULATOR_SEED_KEYS } from "../provider/client/simulator-keys";
import type { ApiKeyRole, CompanyRecord, LocationRecord, PortRecord, SimState, UserRecord } from "./state";

/** One password for every seeded portal login, to keep the demo simple. */
export const SEED_PASSWORD = "megaport-sim";

const companies = {
  acme: { companyUid: "6e16a75f-86f1-467b-bbe8-c9219731b39c", companyId: 1153, name: "Acme Networks" },
  globex: { companyUid: "195b9779-4ed9-4401-b7df-86df51ba862e", companyId: 2207, name: "Globex Corporation" },
  initech: { companyUid: "b52dcdbc-ff2d-4d4f-8726-c65086f6e450", companyId: 3319, name: "Initech" },
} as const;

type CompanyKey = keyof typeof companies;

interface SeedPort {
  uid: string;
  productId: number;
  name: string;
  locationId: number;
  diversityZone: "red" | "blue";
  company: CompanyKey;
  portSpeed: number;
  maxVxcSpeed: number;
  marketplaceVisibility: boolean;
  vxcAutoApproval: boolean;
}

const ports = {
  acmeSydRed: {
    uid: "55465685-0cdb-46c8-8bee-cbb6050acbd1",
    productId: 100101,
    name: "Acme Sydney Red",
    locationId: 3,
    diversityZone: "red",
    company: "acme",
    portSpeed: 10000,
    maxVxcSpeed: 10000,
    marketplaceVisibility: true,
    vxcAutoApproval: false,
  },
  acmeSydBlue: {
    uid: "6aae78f0-2d15-4b20-9fa5-83dddbe7da9a",
    productId: 100102,
    name: "Acme Sydney Blue",
    locationId: 3,
    diversityZone: "blue",
    company: "acme",
    portSpeed: 10000,
    maxVxcSpeed: 10000,
    marketplaceVisibility: true,
    vxcAutoApproval: false,
  },
  acmeMelRed: {
    uid: "5e3a5486-47c0-4a60-b891-fb95adbe750a",
    productId: 100103,
    name: "Acme Melbourne Red",
    locationId: 50,
    diversityZone: "red",
    company: "acme",
    portSpeed: 10000,
    maxVxcSpeed: 10000,
    marketplaceVisibility: true,
    vxcAutoApproval: false,
  },
  acmeSydAuto: {
    uid: "50b1ba8c-8d89-4d1d-a147-a8382e095307",
    productId: 100104,
    name: "Acme Sydney Instant",
    locationId: 4,
    diversityZone: "red",
    company: "acme",
    portSpeed: 1000,
    maxVxcSpeed: 1000,
    marketplaceVisibility: true,
    vxcAutoApproval: true,
  },
  globexSydRed: {
    uid: "6f9e7b61-6cb9-4e67-b6e9-90f162d0463f",
    productId: 200201,
    name: "Globex Sydney Red",
    locationId: 3,
    diversityZone: "red",
    company: "globex",
    portSpeed: 10000,
    maxVxcSpeed: 10000,
    marketplaceVisibility: false,
    vxcAutoApproval: false,
  },
  globexSydBlue: {
    uid: "2fed0a69-e7b2-4227-a56b-cdb233ef5821",
    productId: 200202,
    name: "Globex Sydney Blue",
    locationId: 4,
    diversityZone: "blue",
    company: "globex",
    portSpeed: 10000,
    maxVxcSpeed: 10000,
    marketplaceVisibility: false,
    vxcAutoApproval: false,
  },
  globexMelRed: {
    uid: "c3a9ef15-b6e8-4dbd-9f59-73f1b245597f",
    productId: 200203,
    name: "Globex Melbourne Red",
    locationId: 50,
    diversityZone: "red",
    company: "globex",
    portSpeed: 1000,
    maxVxcSpeed: 1000,
    marketplaceVisibility: false,
    vxcAutoApproval: false,
  },
  initechSyd: {
    uid: "09f5a868-0bdd-4b5a-9bba-a19afa530e61",
    productId: 300301,
    name: "Initech Sydney",
    locationId: 3,
    diversityZone: "red",
    company: "initech",
    portSpeed: 10000,
    maxVxcSpeed: 10000,
    // Marketplace-visible, but Initech's profile is PRIVATE: not a partner port, still orderable by UID.
    marketplaceVisibility: true,
    vxcAutoApproval: false,
  },
} as const satisfies Record<string, SeedPort>;

const ROLE_SLUGS = [
  ["CompanyAdmin", "Company Admin", "admin"],
  ["TechnicalAdmin", "Technical Admin", "techadmin"],
  ["TechnicalContact", "Technical Contact", "techcontact"],
  ["Finance", "Finance", "finance"],
  ["ReadOnly", "Read Only", "readonly"],
] as const;

type RoleSuffix = (typeof ROLE_SLUGS)[number][0];
type UserName = `${CompanyKey}${RoleSuffix}`;

export interface SeedUser {
  employeeId: number;
  personUid: string;
  email: string;
  position: UserPosition;
  password: string;
  company: CompanyKey;
  firstName: string;
  lastName: string;
}

const FIRST_NAMES: Record<CompanyKey, readonly string[]> = {
  acme: ["Ada", "Tom", "Priya", "Frank", "Rosa"],
  globex: ["Hank", "Mona", "Otto", "Fiona", "Rudy"],
  initech: ["Bill", "Peter", "Samir", "Joanna", "Milton"],
};

const EMAIL_DOMAINS: Record<CompanyKey, string> = {
  acme: "acme.example",
  globex: "globex.example",
  initech: "initech.example",
};

function buildUsers(): Record<UserName, SeedUser> {
  const users = {} as Record<UserName, SeedUser>;
  (Object.keys(companies) as CompanyKey[]).forEach((company, ci) => {
    ROLE_SLUGS.forEach(([suffix, position, slug], ri) => {
      const n = (ci + 1) * 100 + ri + 1;
      users[`${company}${suffix}`] = {
        employeeId: 50000 + n,
        // Deterministic UUID-shaped ids so a restart from seed gives the same users.
        personUid: `0000${n.toString().padStart(4, "0")}-5eed-4000-8000-${(50000 + n).toString().padStart(12, "0")}`,
        email: `${slug}@${EMAIL_DOMAINS[company]}`,
        position,
        password: SEED_PASSWORD,
        company,
        firstName: FIRST_NAMES[company][ri],
        lastName: position.replace(/ /g, ""),
      };
    });
  });
  return users;
}

export interface SeedApiKey {
  accessKey: string;
  secretKey: string;
  role: ApiKeyRole;
  company: CompanyKey;
  /** The seeded user who "created" the key. */
  user: UserName;
}

const apiKeys = {
  acmeAdmin: {
    ...SIMULATOR_SEED_KEYS.acmeAdmin,
    role: "Company Admin",
    company: "acme",
    user: "acmeCompanyAdmin",
  },
  acmeReadOnly: {
    ...SIMULATOR_SEED_KEYS.acmeReadOnly,
    role: "Read Only",
    company: "acme",
    user: "acmeReadOnly",
  },
  globexAdmin: {
    ...SIMULATOR_SEED_KEYS.globexAdmin,
    role: "Company Admin",
    company: "globex",
    user: "globexCompanyAdmin",
  },
  globexReadOnly: {
    ...SIMULATOR_SEED_KEYS.globexReadOnly,
    role: "Read Only",
    company: "globex",
    user: "globexReadOnly",
  },
  initechAdmin: {
    ...SIMULATOR_SEED_KEYS.initechAdmin,
    role: "Company Admin",
    company: "initech",
    user: "initechCompanyAdmin",
  },
} as const satisfies Record<string, SeedApiKey>;

/** The seeded names (docs/contracts.md). */
export const SEED = {
  companies: {
    acme: { uid: companies.acme.companyUid, companyId: companies.acme.companyId, name: companies.acme.name },
    globex: {
      uid: companies.globex.companyUid,
      companyId: companies.globex.companyId,
      name: companies.globex.name,
    },
    initech: {
      uid: companies.initech.companyUid,
      companyId: companies.initech.companyId,
      name: companies.initech.name,
    },
  },
  ports: ports as { readonly [K in keyof typeof ports]: SeedPort },
  apiKeys: apiKeys as { readonly [K in keyof typeof apiKeys]: SeedApiKey },
  users: buildUsers(),
  locations: { equinixSy1: 3, globalSwitchSydney: 4, nextdcM1: 50 },
} as const;

const LOCATIONS: LocationRecord[] = [
  {
    id: 3,
    name: "Equinix SY1",
    metro: "Sydney",
    market: "AU",
    country: "Australia",
    city: "Sydney",
    state: "NSW",
    street: "639 Gardeners Road",
    postcode: "2020",
    latitude: -33.9205,
    longitude: 151.1891,
    dataCentreId: 5,
    dataCentreName: "Equinix",
  },
  {
    id: 4,
    name: "Global Switch Sydney West",
    metro: "Sydney",
    market: "AU",
    country: "Australia",
    city: "Ultimo",
    state: "NSW",
    street: "400 Harris Street",
    postcode: "2007",
    latitude: -33.8784,
    longitude: 151.1983,
    dataCentreId: 7,
    dataCentreName: "Global Switch",
  },
  {
    id: 50,
    name: "NEXTDC M1",
    metro: "Melbourne",
    market: "AU",
    country: "Australia",
    city: "Port Melbourne",
    state: "VIC",
    street: "826 Lorimer Street",
    postcode: "3207",
    latitude: -37.8252,
    longitude: 144.9181,
    dataCentreId: 21,
    dataCentreName: "NEXTDC",
  },
];

/** Who gets which email groups out of the box. Finance and Read Only may not subscribe at all. */
const DEFAULT_SUBSCRIPTIONS: Record<UserPosition, readonly SubscribableMessageGroup[]> = {
  "Company Admin": SUBSCRIBABLE_MESSAGE_GROUPS,
  "Technical Admin": ["ORDERING", "SERVICES"],
  "Technical Contact": ["SERVICES"],
  Finance: [],
  "Financial Contact": [],
  "Read Only": [],
};

/** A fresh world at simulated time `now`. */
export function buildSeedState(now: number): SimState {
  const companyRecords: CompanyRecord[] = [
    {
      companyId: companies.acme.companyId,
      companyUid: companies.acme.companyUid,
      companyName: "Acme Networks Pty Ltd",
      tradingName: companies.acme.name,
      marketplaceProfile: {
        companyBio:
          "Acme Networks runs managed firewalls and internet transit for enterprises across Australia.",
        contactEmail: "sales@acme.example",
        website: "https://acme.example",
        profileVisibility: "PUBLIC",
        services: ["Managed Firewall", "Internet Transit"],
      },
    },
    {
      companyId: companies.globex.companyId,
      companyUid: companies.globex.companyUid,
      companyName: "Globex Corporation",
      tradingName: companies.globex.name,
      marketplaceProfile: null,
    },
    {
      companyId: companies.initech.companyId,
      companyUid: companies.initech.companyUid,
      companyName: "Initech LLC",
      tradingName: companies.initech.name,
      marketplaceProfile: {
        companyBio: "Initech offers TPS report processing as a service.",
        contactEmail: "hello@initech.example",
        website: "https://initech.example",
        profileVisibility: "PRIVATE",
        services: ["TPS Reports"],
      },
    },
  ];

  const users: UserRecord[] = Object.values(SEED.users).map((u, i) => ({
    employeeId: u.employeeId,
    employmentId: 70000 + i,
    personUid: u.personUid,
    companyUid: companies[u.company].companyUid,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    phone: `+6140000${(1000 + i).toString()}`,
    position: u.position,
    password: u.password,
    active: true,
    notificationEnabled: true,
    newsletter: false,
    promotions: false,
    subscriptions: [...DEFAULT_SUBSCRIPTIONS[u.position]],
  }));

  const portRecords: PortRecord[] = Object.values(SEED.ports).map((p) => ({
    productId: p.productId,
    productUid: p.uid,
    productName: p.name,
    companyUid: companies[p.company].companyUid,
    locationId: p.locationId,
    diversityZone: p.diversityZone,
    portSpeed: p.portSpeed,
    maxVxcSpeed: p.maxVxcSpeed,
    marketplaceVisibility: p.marketplaceVisibility,
    vxcPermitted: true,
    vxcAutoApproval: p.vxcAutoApproval,
    costCentre: "",
    contractTermMonths: 12,
    provisioningStatus: "LIVE",
    createDate: now - 90 * 24 * 3600 * 1000,
    liveDate: now - 89 * 24 * 3600 * 1000,
    terminateDate: null,
    statusBeforeCancel: null,
    next: null,
    createdBy: SEED.users[`${p.company}CompanyAdmin`].personUid,
    resourceTags: [],
  }));

  return {
    version: 1,
    clockOffsetMs: 0,
    nextProductId: 400001,
    nextOrderId: 810001,
    nextEmailId: 1,
    locations: LOCATIONS.map((l) => ({ ...l })),
    companies: companyRecords,
    users,
    apiKeys: Object.entries(SEED.apiKeys).map(([name, k]) => ({
      name,
      accessKey: k.accessKey,
      secretKey: k.secretKey,
      companyUid: companies[k.company].companyUid,
      role: k.role,
      employeeId: SEED.users[k.user].employeeId,
      tokenLifetimeSeconds: 3600,
    })),
    tokens: [],
    ports: portRecords,
    vxcs: [],
    serviceKeys: [],
    orderApprovals: [],
    nextOrderApprovalId: 5001,
    outbox: [],
    portalSessions: [],
  };
}
