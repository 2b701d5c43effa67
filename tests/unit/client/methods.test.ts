// Each typed method speaks its real path, method, query and body (docs/megaport-api.md §5) with our headers,
// checks its input before sending, and returns the parsed answer.

import { ValidationError } from "../../../provider/client/errors";
import { filterPartnerPorts } from "../../../provider/client/partner-port-filter";
import { PartnerPortListSchema } from "../../../provider/client/schemas/partner-ports";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { envelope } from "./helpers/test-server";
import { useHarness } from "./helpers/client-harness";

const h = useHarness();
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, "../../fixtures", name), "utf8"));
const version = (require("../../../package.json") as { version: string }).version;

const ORDER_ITEM = {
  productUid: "globex-syd-red",
  associatedVxcs: [
    {
      productName: "globex-to-acme",
      rateLimit: 500,
      term: 12 as const,
      aEnd: { vlan: 101 },
      bEnd: { productUid: "acme-syd-red", vlan: 0 },
      resourceTags: [{ key: "mx-idempotency-key", value: "proj/stack/vxc" }],
    },
  ],
};

const VXC = {
  productId: 7,
  productUid: "vxc-1",
  productName: "globex-to-acme",
  productType: "vxc",
  provisioningStatus: "DEPLOYABLE",
  rateLimit: 500,
  vxcApproval: {
    status: "PENDING_EXTERNAL",
    message: "Acme Networks",
    uid: "approval-1",
    type: "NEW",
    newSpeed: null,
  },
};

const PARTNERS = [
  {
    productUid: "p1",
    companyName: "Acme Networks",
    title: "Acme SYD Red",
    locationId: 1,
    diversityZone: "red",
    connectType: "DEFAULT",
    vxcPermitted: true,
  },
  {
    productUid: "p2",
    companyName: "Acme Networks",
    title: "Acme SYD Blue",
    locationId: 1,
    diversityZone: "blue",
    connectType: "DEFAULT",
    vxcpermitted: true,
  },
  {
    productUid: "p3",
    companyName: "Acme Networks",
    title: "Acme MEL Red",
    locationId: 2,
    diversityZone: "red",
    connectType: "DEFAULT",
    vxcPermitted: true,
  },
  {
    productUid: "p4",
    companyName: "Acme Networks",
    title: "Acme SYD Closed",
    locationId: 1,
    diversityZone: "red",
    connectType: "DEFAULT",
    vxcPermitted: false,
  },
  {
    productUid: "p5",
    companyName: "AWS",
    title: "Sydney (ap-southeast-2)",
    locationId: 1,
    diversityZone: null,
    connectType: "AWSHC",
    vxcPermitted: true,
  },
];

describe("request headers", () => {
  test("API calls send Accept, User-Agent megaport-mx/<version>, x-app pulumi and, with a body, Content-Type", async () => {
    h.server.on("PUT", "/v3/product/vxc/vxc-1", envelope(VXC));
    await h.client({ userAgent: "megaport-mx-pulumi/9.9.9" }).updateVxc("vxc-1", { rateLimit: 1000 });
    const [put] = h.server.apiRequests("PUT");
    expect(put!.headers).toMatchObject({
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": `megaport-mx-pulumi/9.9.9 megaport-mx/${version}`,
      "x-app": "pulumi",
    });
  });

  test("a GET sends no Content-Type", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    await h.client().listProducts();
    const [get] = h.server.apiRequests("GET");
    expect(get!.headers["content-type"]).toBeUndefined();
    expect(get!.headers["user-agent"]).toBe(`megaport-mx/${version}`);
  });
});

describe("methods", () => {
  test("listLocations reads GET /v3/locations with repeated locationStatuses", async () => {
    h.server.on(
      "GET",
      "/v3/locations",
      envelope([{ id: 1, name: "Equinix SY1", metro: "Sydney", market: "AU", status: "Active" }]),
    );
    const locations = await h.client().listLocations({ locationStatuses: ["Active", "New"] });
    expect(locations[0]).toMatchObject({ id: 1, metro: "Sydney" });
    expect(h.server.apiRequests()[0]!.query.getAll("locationStatuses")).toEqual(["Active", "New"]);
  });

  test("findPartnerPorts reads GET /v2/dropdowns/partner/megaports and keeps only matching VXC-permitted ports", async () => {
    h.server.on("GET", "/v2/dropdowns/partner/megaports", envelope(PARTNERS, "All Partner Megaports"));
    const client = h.client();
    const found = await client.findPartnerPorts({ companyName: "acme networks", locationId: 1 });
    expect(found.map((p) => p.productUid)).toEqual(["p1", "p2"]);
    expect(found[1]!.vxcPermitted).toBe(true);
    expect(await client.listPartnerPorts()).toHaveLength(5);
  });

  test.each([
    [{ companyName: "Acme Networks" }, ["p1", "p2", "p3"]],
    [{ companyName: "Acme" }, []],
    [{ companyName: "acme", match: "contains" as const }, ["p1", "p2", "p3"]],
    [{ productName: "ACME SYD RED" }, ["p1"]],
    [{ diversityZone: "blue" }, ["p2"]],
    [{ connectType: "awshc" }, ["p5"]],
    [{ locationId: 2 }, ["p3"]],
    [{}, ["p1", "p2", "p3", "p5"]],
  ])("filterPartnerPorts(%j) keeps %j", (criteria, expected) => {
    const ports = PartnerPortListSchema.parse(PARTNERS);
    expect(filterPartnerPorts(ports, criteria).map((p) => p.productUid)).toEqual(expected);
  });

  test("getVxc reads GET /v2/product/{uid} and normalises productType", async () => {
    h.server.on("GET", "/v2/product/vxc-1", envelope(VXC, "Found Product vxc-1"));
    const vxc = await h.client().getVxc("vxc-1");
    expect(vxc).toMatchObject({
      productType: "VXC",
      vxcApproval: { status: "PENDING_EXTERNAL", uid: "approval-1" },
    });
  });

  test("getVxc on a port's UID fails with ValidationError", async () => {
    h.server.on("GET", "/v2/product/port-1", envelope({ productUid: "port-1", productType: "MEGAPORT" }));
    const err = await h.failure(h.client().getVxc("port-1"));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ fieldPath: "uid" });
  });

  test("getProduct tells a VXC from a port", async () => {
    h.server.on("GET", "/v2/product/vxc-1", envelope(VXC));
    h.server.on(
      "GET",
      "/v2/product/port-1",
      envelope({ productUid: "port-1", productType: "megaport", vxcpermitted: true }),
    );
    const client = h.client();
    expect(await client.getProduct("vxc-1")).toMatchObject({ productType: "VXC", rateLimit: 500 });
    expect(await client.getProduct("port-1")).toMatchObject({ productType: "MEGAPORT", vxcPermitted: true });
  });

  test("UIDs are escaped in paths", async () => {
    h.server.on("GET", "/v2/product/a%2Fb", envelope({ productUid: "a/b", productType: "VXC" }));
    await h.client().getVxc("a/b");
    expect(h.server.apiRequests()[0]!.path).toBe("/v2/product/a%2Fb");
  });

  test("updatePort sends PUT /v2/product/megaport/{uid} with only the given fields", async () => {
    h.server.on(
      "PUT",
      "/v2/product/megaport/port-1",
      envelope({ serviceName: "Acme SYD", marketplaceVisibility: true, vxcpermitted: true }),
    );
    const result = await h.client().updatePort("port-1", { marketplaceVisibility: true });
    expect(JSON.parse(h.server.apiRequests()[0]!.body)).toEqual({ marketplaceVisibility: true });
    expect(result).toMatchObject({ marketplaceVisibility: true, vxcPermitted: true });
  });

  test("validateVxcOrder posts the bare array to /v3/networkdesign/validate and reads enveloped or bare answers", async () => {
    const priced = [
      { productUid: "globex-syd-red", productType: "VXC", price: { monthlyRate: 120, currency: "AUD" } },
    ];
    h.server.on("POST", "/v3/networkdesign/validate", envelope(priced), { json: priced });
    const client = h.client();
    expect(await client.validateVxcOrder([ORDER_ITEM])).toEqual(priced);
    expect(await client.validateVxcOrder([ORDER_ITEM])).toEqual(priced);
    expect(JSON.parse(h.server.apiRequests()[0]!.body)).toEqual([ORDER_ITEM]);
  });

  test("buyVxc posts {networkDesign, discountCodes} to /v4/networkdesign/buy and returns the new VXC UIDs", async () => {
    h.server.on(
      "POST",
      "/v4/networkdesign/buy",
      envelope([{ vxcJTechnicalServiceUid: "vxc-new", fullyApproved: false }]),
    );
    await expect(h.client().buyVxc([ORDER_ITEM])).resolves.toEqual(["vxc-new"]);
    expect(JSON.parse(h.server.apiRequests()[0]!.body)).toEqual({
      networkDesign: [ORDER_ITEM],
      discountCodes: [],
    });
  });

  test("a buy answer with fewer VXCs than ordered is a schema mismatch that says the order went through", async () => {
    h.server.on("POST", "/v4/networkdesign/buy", envelope([]));
    const err = await h.failure(h.client().buyVxc([ORDER_ITEM]));
    expect(err).toMatchObject({ code: "MX_SCHEMA_MISMATCH", fieldPath: "data" });
    expect(err.message).toMatch(/order was accepted/);
  });

  test("updateVxc sends PUT /v3/product/vxc/{uid}", async () => {
    h.server.on(
      "PUT",
      "/v3/product/vxc/vxc-1",
      envelope({ ...VXC, rateLimit: 1000 }, "Product [vxc-1] has been updated"),
    );
    const vxc = await h.client().updateVxc("vxc-1", { rateLimit: 1000, bEndVlan: 300 });
    expect(vxc.rateLimit).toBe(1000);
    expect(JSON.parse(h.server.apiRequests()[0]!.body)).toEqual({ rateLimit: 1000, bEndVlan: 300 });
  });

  test("approveVxcOrder sends PUT /v2/order/vxc/{approvalUid} with isApproved and vlan", async () => {
    h.server.on("PUT", "/v2/order/vxc/approval-1", { json: { message: "Order approved" } });
    await h.client().approveVxcOrder("approval-1", { isApproved: true, vlan: 250 });
    expect(JSON.parse(h.server.apiRequests()[0]!.body)).toEqual({ isApproved: true, vlan: 250 });
  });

  test("cancelProduct posts to /v3/product/{uid}/action/{action}", async () => {
    h.server.on("POST", "/v3/product/vxc-1/action/CANCEL_NOW", {
      json: { message: "Action [CANCEL_NOW Service vxc-1] has been done." },
    });
    await h.client().cancelProduct("vxc-1", "CANCEL_NOW", { safeDelete: true });
    expect(h.server.apiRequests()[0]!.query.get("safeDelete")).toBe("true");
  });

  test("resource tags are read and replaced through /v2/product/{uid}/tags", async () => {
    h.server.on(
      "GET",
      "/v2/product/vxc-1/tags",
      envelope({ resourceTags: [{ key: "owner", value: "netops" }] }),
    );
    h.server.on("PUT", "/v2/product/vxc-1/tags", { json: { message: "Tags updated" } });
    const client = h.client();
    expect(await client.getResourceTags("vxc-1")).toEqual([{ key: "owner", value: "netops" }]);
    await client.setResourceTags("vxc-1", { owner: "netops", "mx-idempotency-key": "k" });
    expect(JSON.parse(h.server.apiRequests("PUT")[0]!.body)).toEqual({
      resourceTags: [
        { key: "owner", value: "netops" },
        { key: "mx-idempotency-key", value: "k" },
      ],
    });
  });

  test("a product without tags reads as an empty list", async () => {
    h.server.on("GET", "/v2/product/vxc-1/tags", envelope({ resourceTags: null }));
    expect(await h.client().getResourceTags("vxc-1")).toEqual([]);
  });

  test("isPortVlanAvailable asks GET /v2/product/port/{uid}/vlan?vlan=N", async () => {
    h.server.on("GET", "/v2/product/port/port-1/vlan", (req) =>
      envelope(req.query.get("vlan") === "100" ? [100, 101] : []),
    );
    const client = h.client();
    expect(await client.isPortVlanAvailable("port-1", 100)).toBe(true);
    expect(await client.isPortVlanAvailable("port-1", 200)).toBe(false);
  });

  test("service keys use /v2/service/key with a real query string", async () => {
    const key = {
      key: "e19de6a6-5354-4240-b382-70aa4352dc20",
      productUid: "port-1",
      singleUse: true,
      vlan: 3,
      active: true,
    };
    h.server.on("POST", "/v2/service/key", envelope(key, "New service key [e19de6a6-…] generated"));
    h.server.on("GET", "/v2/service/key", (req) => (req.query.has("key") ? envelope(key) : envelope([key])));
    h.server.on("PUT", "/v2/service/key", envelope({ ...key, active: false }));
    const client = h.client();
    await client.createServiceKey({
      productUid: "port-1",
      singleUse: true,
      vlan: 3,
      maxSpeed: 500,
      active: true,
    });
    expect(await client.listServiceKeys({ productIdOrUid: "port-1" })).toHaveLength(1);
    expect((await client.getServiceKey(key.key)).key).toBe(key.key);
    expect(
      (await client.updateServiceKey({ key: key.key, productUid: "port-1", active: false })).active,
    ).toBe(false);
    const gets = h.server.apiRequests("GET", "/v2/service/key");
    expect(gets[0]!.query.get("productIdOrUid")).toBe("port-1");
    expect(gets[1]!.query.get("key")).toBe(key.key);
  });

  test("users are read and changed through /v2/employment and /v2/employee/{id}", async () => {
    h.server.on(
      "GET",
      "/v2/employment",
      envelope([{ personId: 9012, firstName: "John", position: "Company Admin" }]),
    );
    h.server.on(
      "GET",
      "/v2/employee/9012",
      envelope({ partyId: 9012, firstName: "John", position: "Company Admin", active: true }),
    );
    h.server.on("PUT", "/v2/employee/9012", { json: { message: "User updated successfully" } });
    const client = h.client();
    expect((await client.listUsers())[0]).toMatchObject({ personId: 9012 });
    expect(await client.getUser(9012)).toMatchObject({ partyId: 9012, active: true });
    await client.updateUser(9012, { position: "Technical Admin" });
    expect(JSON.parse(h.server.apiRequests("PUT")[0]!.body)).toEqual({ position: "Technical Admin" });
  });

  test("notification preferences use /v2/notificationPreferences, with ?employeeId= only when asked", async () => {
    const prefs = {
      destinations: {
        EMAIL: [{ messageGroup: "ORDERING" as const, subscribed: true, details: [] as string[] }],
      },
    };
    h.server.on("GET", "/v2/notificationPreferences", envelope(prefs));
    h.server.on("PUT", "/v2/notificationPreferences", envelope(prefs));
    const client = h.client();
    expect(await client.getNotificationPreferences()).toEqual(prefs);
    await client.getNotificationPreferences({ employeeId: 42 });
    expect(await client.setNotificationPreferences(prefs, { employeeId: 42 })).toEqual(prefs);
    const calls = h.server.apiRequests();
    expect(calls.map((r) => r.query.get("employeeId"))).toEqual([null, "42", "42"]);
    expect(JSON.parse(calls[2]!.body)).toEqual(prefs);
  });

  test("the marketplace profile uses /v2/marketplace/profile and /v2/marketplace/profiles", async () => {
    const profile = {
      companyUid: "acme-uid",
      companyName: "Acme Networks",
      companyBio: "Fast pipes.",
      contactEmail: "sales@acme.example",
      website: "https://acme.example",
      profileVisibility: "PUBLIC",
      services: ["Transit"],
    };
    h.server.on("GET", "/v2/marketplace/profile", envelope(profile));
    h.server.on("PUT", "/v2/marketplace/profile", envelope(profile));
    h.server.on("GET", "/v2/marketplace/profiles", envelope([profile]));
    const client = h.client();
    expect(await client.getMarketplaceProfile()).toEqual(profile);
    expect(
      await client.setMarketplaceProfile({ companyBio: "Fast pipes.", profileVisibility: "PUBLIC" }),
    ).toEqual(profile);
    expect(await client.listMarketplaceProfiles()).toEqual([profile]);
  });
});

describe("inputs are checked before anything is sent", () => {
  const badOrder = (change: (item: typeof ORDER_ITEM) => unknown) =>
    [change(structuredClone(ORDER_ITEM))] as never;

  test.each([
    [
      "a term Megaport does not sell",
      badOrder((i) => ({ ...i, associatedVxcs: [{ ...i.associatedVxcs[0], term: 6 }] })),
      "items[0].associatedVxcs[0].term",
      /must be one of 1, 12, 24, 36, 48, 60/,
    ],
    [
      "a reserved VLAN",
      badOrder((i) => ({ ...i, associatedVxcs: [{ ...i.associatedVxcs[0], aEnd: { vlan: 1 } }] })),
      "items[0].associatedVxcs[0].aEnd.vlan",
      /2–4093/,
    ],
    [
      "a misspelt field",
      badOrder((i) => ({ ...i, associatedVxcs: [{ ...i.associatedVxcs[0], ratelimit: 5 }] })),
      "items[0].associatedVxcs[0].ratelimit",
      /not a field/,
    ],
    [
      "no VXCs",
      badOrder((i) => ({ ...i, associatedVxcs: [] })),
      "items[0].associatedVxcs",
      /at least one VXC/,
    ],
    [
      "a name over 64 characters",
      badOrder((i) => ({ ...i, associatedVxcs: [{ ...i.associatedVxcs[0], productName: "x".repeat(65) }] })),
      "items[0].associatedVxcs[0].productName",
      /64/,
    ],
  ])("an order with %s fails with ValidationError naming the field", async (_, items, fieldPath, reason) => {
    const err = await h.failure(h.client().buyVxc(items));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ code: "MX_VALIDATION", fieldPath });
    expect((err as ValidationError).reason).toMatch(reason);
    expect((err as ValidationError).fix).toContain(fieldPath);
    expect(h.server.requests).toHaveLength(0);
  });

  test.each([
    ["an empty VXC update", "update", () => h.client().updateVxc("vxc-1", {})],
    [
      "an unknown user role",
      "update.position",
      () => h.client().updateUser(1, { position: "Boss" as never }),
    ],
    [
      "a single-use service key without a VLAN",
      "body.vlan",
      () => h.client().createServiceKey({ productUid: "p", singleUse: true }),
    ],
    [
      "a service key for two products",
      "body.productUid",
      () => h.client().createServiceKey({ productUid: "p", productId: 5 }),
    ],
    [
      "an unknown message group",
      "prefs.destinations.EMAIL[0].messageGroup",
      () =>
        h.client().setNotificationPreferences({
          destinations: { EMAIL: [{ messageGroup: "SPAM" as never, subscribed: true }] },
        }),
    ],
    [
      "a bio over 200 words",
      "profile.companyBio",
      () => h.client().setMarketplaceProfile({ companyBio: "word ".repeat(201) }),
    ],
    ["an unknown product action", "action", () => h.client().cancelProduct("vxc-1", "DELETE" as never)],
    ["an empty UID", "uid", () => h.client().getVxc("")],
    ["a VLAN out of range", "vlan", () => h.client().isPortVlanAvailable("port-1", 5000)],
  ] as const)("%s fails with ValidationError naming %s", async (_, fieldPath, call) => {
    const err = await h.failure(call());
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ fieldPath });
    expect(h.server.requests).toHaveLength(0);
  });
});

describe("order approvals", () => {
  const REQUEST = (uid: string, approverCompanyId: number) => ({
    uid,
    id: 1,
    status: "PENDING",
    type: "NEW_ORDER",
    approverCompanyId,
    requesterCompanyId: 2207,
    serviceId: 7,
  });
  const page = (items: unknown[], pageNumber: number, totalPages: number) => ({
    ...envelope(items, "Success"),
    headers: {
      "Pagination-Total-Count": String(items.length),
      "Pagination-Page": String(pageNumber),
      "Pagination-Limit": "2",
      "Pagination-Total-Page": String(totalPages),
    },
  });

  test("listOrderApprovals sends the filters megaportgo sends and reads the Pagination-* headers", async () => {
    h.server.on("GET", "/v3/order_approvals", page([REQUEST("a", 1153)], 3, 4));
    const got = await h.client().listOrderApprovals({
      status: "PENDING",
      serviceIds: [12, 34],
      pageNumber: 3,
      pageSize: 2,
      direction: "ASC",
    });
    expect(got).toMatchObject({ page: 3, limit: 2, totalPages: 4, totalCount: 1 });
    expect(got.orderApprovals[0]).toMatchObject({ uid: "a", type: "NEW_ORDER" });
    const query = h.server.apiRequests()[0]!.query;
    expect(Object.fromEntries(query)).toEqual({
      status: "PENDING",
      serviceIds: "12,34",
      pageNumber: "3",
      pageSize: "2",
      direction: "ASC",
    });
  });

  test("a Pagination-* header that is not a number is a schema mismatch, as in megaportgo", async () => {
    h.server.on("GET", "/v3/order_approvals", {
      ...envelope([]),
      headers: { "Pagination-Total-Count": "many" },
    });
    await expect(h.client().listOrderApprovals()).rejects.toMatchObject({ code: "MX_SCHEMA_MISMATCH" });
  });

  test("listPendingOrderApprovals reads every page and keeps the requests the given company answers", async () => {
    h.server.on(
      "GET",
      "/v3/order_approvals",
      page([REQUEST("a", 1153), REQUEST("b", 2207)], 1, 2),
      page([REQUEST("c", 1153)], 2, 2),
    );
    const pending = await h.client().listPendingOrderApprovals({ companyId: 1153, pageSize: 2 });
    expect(pending.map((r) => r.uid)).toEqual(["a", "c"]);
    expect(h.server.apiRequests().map((r) => r.query.get("pageNumber"))).toEqual(["1", "2"]);
  });

  test("listPendingOrderApprovals, when /v2/employment names no companyId, keeps the requests our listing shows waiting on us", async () => {
    // The recorded /v2/employment answers (tests/fixtures/employment-without-company-id.json) carry no companyId.
    h.server.on("GET", "/v2/employment", { json: fixture("employment-without-company-id.json") });
    h.server.on(
      "GET",
      "/v3/order_approvals",
      page(
        [
          { ...REQUEST("ours", 1153), serviceId: 7 },
          { ...REQUEST("theirs", 2207), serviceId: 8 },
        ],
        1,
        1,
      ),
    );
    const vxc = (productId: number, status: string) => ({
      productId,
      productUid: `vxc-${productId}`,
      productType: "VXC",
      vxcApproval: { status, message: null, uid: `approval-${productId}`, type: "NEW", newSpeed: null },
    });
    h.server.on(
      "GET",
      "/v2/products",
      envelope([
        {
          productUid: "acme-port",
          productType: "MEGAPORT",
          associatedVxcs: [vxc(7, "PENDING_INTERNAL"), vxc(8, "PENDING_EXTERNAL")],
        },
      ]),
    );
    const pending = await h.client().listPendingOrderApprovals();
    expect(pending.map((r) => r.uid)).toEqual(["ours"]);
  });

  test("approve, reject and withdraw POST their action with comments; vlan only on approve", async () => {
    for (const action of ["approve", "reject", "withdraw"]) {
      h.server.on("POST", `/v3/order_approvals/u-1/${action}`, envelope("done", "Success"));
    }
    const client = h.client();
    await client.approveOrderApproval("u-1", { comments: "ok", vlan: 200 });
    await client.rejectOrderApproval("u-1", { comments: "no" });
    await client.withdrawOrderApproval("u-1");
    expect(h.server.apiRequests("POST").map((r) => [r.path, JSON.parse(r.body)])).toEqual([
      ["/v3/order_approvals/u-1/approve", { comments: "ok", vlan: 200 }],
      ["/v3/order_approvals/u-1/reject", { comments: "no" }],
      ["/v3/order_approvals/u-1/withdraw", {}],
    ]);
    await expect(
      client.rejectOrderApproval("u-1", { vlan: 200 } as unknown as { comments?: string }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("locks, prices and network regions", () => {
  test("lockProduct POSTs and unlockProduct DELETEs /v2/product/{uid}/lock, answering the product", async () => {
    const port = { productUid: "p-1", productType: "MEGAPORT", productName: "Port", locked: true };
    h.server.on("POST", "/v2/product/p-1/lock", envelope(port, "Service locked"));
    h.server.on("DELETE", "/v2/product/p-1/lock", envelope({ ...port, locked: false }, "Service unlocked"));
    expect(await h.client().lockProduct("p-1")).toMatchObject({ locked: true });
    expect(await h.client().unlockProduct("p-1")).toMatchObject({ locked: false });
  });

  test("priceVxc POSTs /v4/pricebook/product with productType VXC", async () => {
    const price = { productType: "VXC", currency: "AUD", monthlyRate: 57, monthlyRackRate: 60 };
    h.server.on("POST", "/v4/pricebook/product", envelope(price));
    expect(await h.client().priceVxc({ aLocationId: 3, bLocationId: 50, speed: 100, term: 12 })).toEqual(
      price,
    );
    expect(JSON.parse(h.server.apiRequests("POST")[0]!.body)).toEqual({
      aLocationId: 3,
      bLocationId: 50,
      speed: 100,
      term: 12,
      productType: "VXC",
    });
  });

  test("listMarketCodes reads the prefixes of region MP1 only", async () => {
    h.server.on(
      "GET",
      "/v2/networkRegions",
      envelope([
        { networkRegion: "MP2", countries: [{ prefix: "XX" }] },
        { networkRegion: "MP1", countries: [{ code: "AUS", prefix: "AU" }, { prefix: "US" }] },
      ]),
    );
    expect(await h.client().listMarketCodes()).toEqual(["AU", "US"]);
  });
});
