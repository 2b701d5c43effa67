// A `GET /v2/products` `data` array as the service provider Acme sees it, with connection requests in every
// state. Shapes follow docs/megaport-api.md §6.1, §6.2: ports carry `associatedVxcs`, VXCs carry `aEnd`/`bEnd` with
// `ownerUid`, and `vxcApproval` whose members are all null when nothing is pending (the recorded staging
// dump, megaportgo cfe61ef `data.json`). The pending values (PENDING_INTERNAL/EXTERNAL, NEW/SPEED_CHANGE,
// `newSpeed`) follow the Java client's enums and the TF provider's pending-approval branch (9.1, 9.1a).
// UIDs are made up; names match the simulator's seed.

export const ACME = "0a0c0e00-0000-4000-8000-000000000001";
export const GLOBEX = "0a0c0e00-0000-4000-8000-000000000002";
export const INITECH = "0a0c0e00-0000-4000-8000-000000000003";

export const ACME_SYD_RED = "1b000000-0000-4000-8000-000000000001";
export const ACME_SYD_BLUE = "1b000000-0000-4000-8000-000000000002";
export const ACME_MEL_RED = "1b000000-0000-4000-8000-000000000003";
export const ACME_SYD_AUTO = "1b000000-0000-4000-8000-000000000006";
export const GLOBEX_SYD_RED = "1b000000-0000-4000-8000-000000000004";
export const INITECH_SYD = "1b000000-0000-4000-8000-000000000005";

export const VXC = {
  newFromGlobex: "2c000000-0000-4000-8000-000000000001",
  live: "2c000000-0000-4000-8000-000000000002",
  noApprovalObject: "2c000000-0000-4000-8000-000000000003",
  ourOrderPendingExternal: "2c000000-0000-4000-8000-000000000004",
  speedChangeFromInitech: "2c000000-0000-4000-8000-000000000005",
  failedAfterDenial: "2c000000-0000-4000-8000-000000000006",
  pendingWithoutApprovalUid: "2c000000-0000-4000-8000-000000000007",
  betweenOurOwnPorts: "2c000000-0000-4000-8000-000000000008",
  otherCompanysProduct: "2c000000-0000-4000-8000-000000000009",
} as const;

const NOTHING_PENDING = { status: null, message: null, uid: null, type: null, newSpeed: null };

function end(ownerUid: string, productUid: string, vlan: number | null, productName: string) {
  return {
    ownerUid,
    productUid,
    productName,
    locationId: 3,
    location: "Equinix SY1",
    vlan,
    innerVlan: null,
    vNicIndex: 0,
    secondaryName: null,
  };
}

function vxc(fields: {
  productUid: string;
  productName: string;
  rateLimit: number;
  provisioningStatus: string;
  companyUid: string;
  companyName: string;
  aEnd: ReturnType<typeof end>;
  bEnd: ReturnType<typeof end>;
  vxcApproval: {
    status: string | null;
    message: string | null;
    uid: string | null;
    type: string | null;
    newSpeed: number | null;
  } | null;
}) {
  return {
    productId: 100000 + Number.parseInt(fields.productUid.slice(-4), 16),
    productType: "VXC",
    distanceBand: "METRO",
    usageAlgorithm: "POST_PAID_HOURLY_SPEED_METRO_VXC",
    createDate: 1732500000000,
    liveDate: fields.provisioningStatus === "LIVE" ? 1732500600000 : null,
    contractTermMonths: 1,
    costCentre: "",
    locked: false,
    adminLocked: false,
    cancelable: true,
    shutdown: false,
    up: null,
    attributeTags: {},
    resources: {
      vll: { a_vlan: fields.aEnd.vlan, b_vlan: fields.bEnd.vlan, rate_limit_mbps: fields.rateLimit },
    },
    ...fields,
  };
}

function port(
  productUid: string,
  productName: string,
  companyUid: string,
  associatedVxcs: ReturnType<typeof vxc>[] | null,
) {
  return {
    productId: 5000 + Number.parseInt(productUid.slice(-4), 16),
    productUid,
    productName,
    productType: "MEGAPORT",
    provisioningStatus: "LIVE",
    portSpeed: 10000,
    locationId: 3,
    diversityZone: "red",
    market: "AU",
    marketplaceVisibility: true,
    vxcPermitted: true,
    vxcAutoApproval: false,
    companyUid,
    companyName: companyUid === ACME ? "Acme Networks" : "Initech",
    associatedVxcs,
    associatedIxs: [],
  };
}

// A VXC between two of our own ports appears under both of them.
const betweenOurOwnPorts = vxc({
  productUid: VXC.betweenOurOwnPorts,
  productName: "Acme MEL to SYD",
  rateLimit: 100,
  provisioningStatus: "DEPLOYABLE",
  companyUid: ACME,
  companyName: "Acme Networks",
  aEnd: end(ACME, ACME_MEL_RED, 500, "Acme Melbourne Red"),
  bEnd: end(ACME, ACME_SYD_BLUE, 501, "Acme Sydney Blue"),
  vxcApproval: {
    status: "PENDING_INTERNAL",
    message: "Acme Networks",
    uid: "3d000000-0000-4000-8000-000000000008",
    type: "NEW",
    newSpeed: null,
  },
});

export const productsSeenByAcme = [
  port(ACME_SYD_RED, "Acme Sydney Red", ACME, [
    vxc({
      productUid: VXC.newFromGlobex,
      productName: "Globex to Acme SYD",
      rateLimit: 500,
      provisioningStatus: "DEPLOYABLE",
      companyUid: GLOBEX,
      companyName: "Globex Corporation",
      aEnd: end(GLOBEX, GLOBEX_SYD_RED, 100, "Globex Sydney Red"),
      bEnd: end(ACME, ACME_SYD_RED, 2001, "Acme Sydney Red"),
      vxcApproval: {
        status: "PENDING_INTERNAL",
        message: "Acme Networks",
        uid: "3d000000-0000-4000-8000-000000000001",
        type: "NEW",
        newSpeed: null,
      },
    }),
    vxc({
      productUid: VXC.live,
      productName: "Globex backup",
      rateLimit: 1000,
      provisioningStatus: "LIVE",
      companyUid: GLOBEX,
      companyName: "Globex Corporation",
      aEnd: end(GLOBEX, GLOBEX_SYD_RED, 101, "Globex Sydney Red"),
      bEnd: end(ACME, ACME_SYD_RED, 2002, "Acme Sydney Red"),
      vxcApproval: NOTHING_PENDING,
    }),
    vxc({
      productUid: VXC.noApprovalObject,
      productName: "Old VXC",
      rateLimit: 100,
      provisioningStatus: "LIVE",
      companyUid: GLOBEX,
      companyName: "Globex Corporation",
      aEnd: end(GLOBEX, GLOBEX_SYD_RED, 102, "Globex Sydney Red"),
      bEnd: end(ACME, ACME_SYD_RED, 2003, "Acme Sydney Red"),
      vxcApproval: null,
    }),
    vxc({
      productUid: VXC.speedChangeFromInitech,
      productName: "Initech primary",
      rateLimit: 1000,
      provisioningStatus: "LIVE",
      companyUid: INITECH,
      companyName: "Initech",
      aEnd: end(INITECH, INITECH_SYD, 300, "Initech Sydney"),
      // VLAN 0: the customer let Megaport pick ours.
      bEnd: end(ACME, ACME_SYD_RED, 0, "Acme Sydney Red"),
      vxcApproval: {
        status: "PENDING_INTERNAL",
        message: "Acme Networks",
        uid: "3d000000-0000-4000-8000-000000000005",
        type: "SPEED_CHANGE",
        newSpeed: 5000,
      },
    }),
  ]),
  port(ACME_SYD_BLUE, "Acme Sydney Blue", ACME, [betweenOurOwnPorts]),
  // A port with no VXCs at all: the API sends null.
  port(ACME_SYD_AUTO, "Acme Sydney Auto", ACME, null),
  port(ACME_MEL_RED, "Acme Melbourne Red", ACME, [
    vxc({
      productUid: VXC.ourOrderPendingExternal,
      productName: "Acme to Globex",
      rateLimit: 200,
      provisioningStatus: "DEPLOYABLE",
      companyUid: ACME,
      companyName: "Acme Networks",
      aEnd: end(ACME, ACME_MEL_RED, 400, "Acme Melbourne Red"),
      bEnd: end(GLOBEX, GLOBEX_SYD_RED, 401, "Globex Sydney Red"),
      vxcApproval: {
        status: "PENDING_EXTERNAL",
        message: "Globex Corporation",
        uid: "3d000000-0000-4000-8000-000000000004",
        type: "NEW",
        newSpeed: null,
      },
    }),
    vxc({
      productUid: VXC.failedAfterDenial,
      productName: "Denied last week",
      rateLimit: 200,
      provisioningStatus: "FAILED",
      companyUid: GLOBEX,
      companyName: "Globex Corporation",
      aEnd: end(GLOBEX, GLOBEX_SYD_RED, 103, "Globex Sydney Red"),
      bEnd: end(ACME, ACME_MEL_RED, 2004, "Acme Melbourne Red"),
      vxcApproval: {
        status: "PENDING_INTERNAL",
        message: "Acme Networks",
        uid: "3d000000-0000-4000-8000-000000000006",
        type: "NEW",
        newSpeed: null,
      },
    }),
    vxc({
      productUid: VXC.pendingWithoutApprovalUid,
      productName: "Odd one",
      rateLimit: 200,
      provisioningStatus: "DEPLOYABLE",
      companyUid: GLOBEX,
      companyName: "Globex Corporation",
      aEnd: end(GLOBEX, GLOBEX_SYD_RED, 104, "Globex Sydney Red"),
      bEnd: end(ACME, ACME_MEL_RED, 2005, "Acme Melbourne Red"),
      vxcApproval: {
        status: "PENDING_INTERNAL",
        message: "Acme Networks",
        uid: null,
        type: "NEW",
        newSpeed: null,
      },
    }),
    betweenOurOwnPorts,
  ]),
  {
    productUid: "4e000000-0000-4000-8000-000000000001",
    productName: "Acme MCR",
    productType: "MCR2",
    provisioningStatus: "LIVE",
    companyUid: ACME,
    associatedVxcs: [],
  },
];

/** A product of another company, as a careless caller might pass in: never ours to answer. */
export const initechPortWithPendingRequest = port(INITECH_SYD, "Initech Sydney", INITECH, [
  vxc({
    productUid: VXC.otherCompanysProduct,
    productName: "Globex to Initech",
    rateLimit: 100,
    provisioningStatus: "DEPLOYABLE",
    companyUid: GLOBEX,
    companyName: "Globex Corporation",
    aEnd: end(GLOBEX, GLOBEX_SYD_RED, 105, "Globex Sydney Red"),
    bEnd: end(INITECH, INITECH_SYD, 600, "Initech Sydney"),
    vxcApproval: {
      status: "PENDING_INTERNAL",
      message: "Initech",
      uid: "3d000000-0000-4000-8000-000000000009",
      type: "NEW",
      newSpeed: null,
    },
  }),
]);
