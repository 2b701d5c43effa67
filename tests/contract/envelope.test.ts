// The wire format, checked with raw HTTP (global fetch and a bearer token from the token endpoint) rather than
// through the client, so nothing is normalised away (docs/megaport-api.md §3, §4.1): every JSON answer is the
// { message, terms, data } envelope (data absent on action answers), carries a Trace-Id header, writes dates
// as epoch milliseconds, and errors come in the same envelope. The token endpoint is the exception: it
// answers like an OAuth2 server (§2.1).
import {
  ContractWorld,
  SEED,
  buyBody,
  vxcOrder,
  type Json,
  type KeyName,
  type RawResponse,
} from "./contract-world";

const P = SEED.ports;
const U = SEED.users;
const AUP_URL = "https://www.megaport.com/legal/acceptable-use-policy";
const YEAR_2000 = Date.UTC(2000, 0, 1);
const YEAR_2100 = Date.UTC(2100, 0, 1);

let world: ContractWorld;
const traceIds: string[] = [];

const ids = { live: "", pending: "", approval: "", serviceKey: "", cancel: "" };

beforeAll(async () => {
  world = await ContractWorld.start();
  ids.live = (await world.liveGlobexToAcme()).productUid;
  ids.cancel = (await world.liveGlobexToAcme()).productUid;
  ids.pending = await world.order("globexAdmin", { from: P.globexSydRed.uid, to: P.acmeSydBlue.uid });
  ids.approval = (await world.client("acmeAdmin").getVxc(ids.pending)).vxcApproval?.uid as string;
  ids.serviceKey = (await world.client("acmeAdmin").createServiceKey({ productUid: P.acmeSydRed.uid })).key;
});
afterAll(() => world.close());

/** Every date-valued member: keys ending in "Date", lastUsed, and validFor's start and end. */
function dateMembers(value: unknown, path = "", parentKey = ""): { path: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => dateMembers(v, `${path}[${i}]`, parentKey));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const at = path ? `${path}.${key}` : key;
    const isDate =
      /Date$/.test(key) ||
      key === "lastUsed" ||
      (parentKey === "validFor" && (key === "start" || key === "end"));
    return [...(isDate ? [{ path: at, value: v }] : []), ...dateMembers(v, at, key)];
  });
}

function stringsLikeIsoDates(value: unknown): string[] {
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}T\d{2}:/.test(value) ? [value] : [];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(stringsLikeIsoDates);
}

/** The checks every API answer must pass, success or error. */
function expectEnvelope(res: RawResponse, dataAbsent = false): void {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const traceId = res.headers.get("trace-id");
  expect(traceId).toMatch(/\S/);
  traceIds.push(traceId as string);
  expect(typeof res.body.message).toBe("string");
  expect(res.body.message).not.toBe("");
  expect(typeof res.body.terms).toBe("string");
  expect(res.body.terms).toContain(AUP_URL);
  expect("data" in res.body).toBe(!dataAbsent);
  for (const { path, value } of dateMembers(res.body)) {
    if (value === null) continue;
    expect({ path, isInteger: Number.isInteger(value) }).toEqual({ path, isInteger: true });
    expect(value).toBeGreaterThan(YEAR_2000); // milliseconds, not seconds
    expect(value).toBeLessThan(YEAR_2100);
  }
  expect(stringsLikeIsoDates(res.body)).toEqual([]);
}

interface Call {
  name: string;
  as: KeyName;
  method?: string;
  path: () => string;
  body?: () => unknown;
  /** The real API's message where docs/megaport-api.md records it. */
  message?: (res: RawResponse) => string | RegExp;
  /** At least one non-null epoch-ms date is expected in this answer. */
  dated?: boolean;
  dataAbsent?: boolean;
}

const successes: Call[] = [
  {
    name: "GET /v3/locations",
    as: "globexAdmin",
    path: () => "/v3/locations",
    message: () => "List public locations",
  },
  {
    name: "GET /v2/networkRegions",
    as: "globexAdmin",
    path: () => "/v2/networkRegions",
    message: () => "List all public network regions",
  },
  {
    name: "GET /v2/dropdowns/partner/megaports",
    as: "globexAdmin",
    path: () => "/v2/dropdowns/partner/megaports",
    message: () => "All Partner Megaports",
  },
  {
    name: "GET /v2/products",
    as: "globexAdmin",
    path: () => "/v2/products",
    message: (res) => `Found ${res.body.data.length} Products`,
    dated: true,
  },
  {
    name: "GET /v2/product/{vxcUid}",
    as: "globexAdmin",
    path: () => `/v2/product/${ids.live}`,
    message: () => `Found Product ${ids.live}`,
    dated: true,
  },
  {
    name: "GET /v2/product/{portUid}",
    as: "acmeAdmin",
    path: () => `/v2/product/${P.acmeSydRed.uid}`,
    message: () => `Found Product ${P.acmeSydRed.uid}`,
    dated: true,
  },
  { name: "GET /v2/product/{uid}/tags", as: "globexAdmin", path: () => `/v2/product/${ids.live}/tags` },
  {
    name: "GET /v2/product/port/{uid}/vlan?vlan=",
    as: "globexAdmin",
    path: () => `/v2/product/port/${P.globexSydRed.uid}/vlan?vlan=2000`,
  },
  {
    name: "GET /v2/service/key?productIdOrUid=",
    as: "acmeAdmin",
    path: () => `/v2/service/key?productIdOrUid=${P.acmeSydRed.uid}`,
    message: (res) =>
      `Found [${res.body.data.length}] service keys for company [${SEED.companies.acme.companyId}]`,
    dated: true,
  },
  {
    name: "GET /v2/service/key?key=",
    as: "acmeAdmin",
    path: () => `/v2/service/key?key=${ids.serviceKey}`,
    dated: true,
  },
  { name: "GET /v2/employment", as: "acmeAdmin", path: () => "/v2/employment" },
  { name: "GET /v2/employee/{id}", as: "acmeAdmin", path: () => `/v2/employee/${U.acmeFinance.employeeId}` },
  { name: "GET /v2/notificationPreferences", as: "acmeAdmin", path: () => "/v2/notificationPreferences" },
  { name: "GET /v2/marketplace/profile", as: "acmeAdmin", path: () => "/v2/marketplace/profile" },
  { name: "GET /v2/marketplace/profiles", as: "globexAdmin", path: () => "/v2/marketplace/profiles" },
  {
    name: "GET /v2/marketplace/profile/{companyUid}",
    as: "globexAdmin",
    path: () => `/v2/marketplace/profile/${SEED.companies.acme.uid}`,
  },
  {
    name: "POST /v3/networkdesign/validate",
    as: "globexAdmin",
    method: "POST",
    path: () => "/v3/networkdesign/validate",
    body: () => vxcOrder({ from: P.globexMelRed.uid, to: P.acmeMelRed.uid }),
  },
  {
    name: "POST /v4/networkdesign/buy",
    as: "globexAdmin",
    method: "POST",
    path: () => "/v4/networkdesign/buy",
    body: () => buyBody({ from: P.globexMelRed.uid, to: P.acmeMelRed.uid }),
    message: (res) => `VXC [${res.body.data[0].vxcJTechnicalServiceUid}] created.`,
    dated: true,
  },
  {
    name: "PUT /v3/product/vxc/{uid}",
    as: "globexAdmin",
    method: "PUT",
    path: () => `/v3/product/vxc/${ids.live}`,
    body: () => ({ name: "renamed raw" }),
    message: () => `Product [${ids.live}] has been updated`,
    dated: true,
  },
  {
    name: "PUT /v2/order/vxc/{approvalUid}",
    as: "acmeAdmin",
    method: "PUT",
    path: () => `/v2/order/vxc/${ids.approval}`,
    body: () => ({ isApproved: true }),
  },
  {
    name: "PUT /v2/product/megaport/{uid}",
    as: "acmeAdmin",
    method: "PUT",
    path: () => `/v2/product/megaport/${P.acmeSydRed.uid}`,
    body: () => ({ costCentre: "CC-RAW" }),
    message: () => `Product [${P.acmeSydRed.uid}] has been updated`,
  },
  {
    name: "PUT /v2/product/{uid}/tags",
    as: "globexAdmin",
    method: "PUT",
    path: () => `/v2/product/${ids.live}/tags`,
    body: () => ({ resourceTags: [{ key: "env", value: "raw" }] }),
  },
  {
    name: "POST /v2/service/key",
    as: "acmeAdmin",
    method: "POST",
    path: () => "/v2/service/key",
    body: () => ({ productUid: P.acmeSydBlue.uid, maxSpeed: 100 }),
    message: (res) => `New service key [${res.body.data.key}] generated`,
    dated: true,
  },
  {
    name: "PUT /v2/service/key",
    as: "acmeAdmin",
    method: "PUT",
    path: () => "/v2/service/key",
    body: () => ({ key: ids.serviceKey, description: "raw" }),
    message: () => `Service key [${ids.serviceKey}] updated`,
    dated: true,
  },
  {
    name: "PUT /v2/employee/{id}",
    as: "acmeAdmin",
    method: "PUT",
    path: () => `/v2/employee/${U.acmeFinance.employeeId}`,
    body: () => ({ phone: "+61 3 5550 0000" }),
  },
  {
    name: "PUT /v2/notificationPreferences",
    as: "acmeAdmin",
    method: "PUT",
    path: () => "/v2/notificationPreferences",
    body: () => ({ destinations: { EMAIL: [{ messageGroup: "COMPANY", subscribed: true }] } }),
  },
  {
    name: "PUT /v2/marketplace/profile",
    as: "acmeAdmin",
    method: "PUT",
    path: () => "/v2/marketplace/profile",
    body: () => ({ website: "https://acme.example/raw" }),
  },
  {
    name: "POST /v3/product/{uid}/action/CANCEL_NOW (no data, as on the real API)",
    as: "globexAdmin",
    method: "POST",
    path: () => `/v3/product/${ids.cancel}/action/CANCEL_NOW`,
    message: () => `Action [CANCEL_NOW Service ${ids.cancel}] has been done.`,
    dataAbsent: true,
  },
];

describe("successful answers", () => {
  it.each(successes)("$name answers in the envelope", async (call) => {
    const res = await world.raw(call.as, call.path(), { method: call.method, body: call.body?.() });
    // The message rides along so that a failure shows why the simulator refused.
    expect({ status: res.status, message: res.body?.message }).toMatchObject({ status: 200 });
    expectEnvelope(res, call.dataAbsent);
    if (call.message) expect(res.body.message).toEqual(call.message(res));
    if (call.dated) {
      expect(dateMembers(res.body).filter((d) => d.value !== null).length).toBeGreaterThan(0);
    }
  });
});

interface ErrorCall {
  name: string;
  status: number;
  /** The exact text, or a matcher where the rest is the simulator's own wording (a parser's detail). */
  message: () => unknown;
  send: () => Promise<RawResponse>;
}

const unknownUid = "0b0e7f7c-1111-4222-8333-444455556666";

const errors: ErrorCall[] = [
  {
    name: "an unknown product UID is a 400 with the real API's text",
    status: 400,
    message: () => `Could not find a service with UID ${unknownUid}`,
    send: () => world.raw("globexAdmin", `/v2/product/${unknownUid}`),
  },
  {
    name: "a request without a token is a 401",
    status: 401,
    message: () => "Unauthorized",
    send: () => world.raw("globexAdmin", "/v2/products", { token: false }),
  },
  {
    name: "a request with an unknown token is a 401",
    status: 401,
    message: () => "Unauthorized",
    send: () => world.raw("globexAdmin", "/v2/products", { token: "not-a-token" }),
  },
  {
    name: "a Read Only change is a 403",
    status: 403,
    message: () => "Permission denied: the Read Only role cannot make changes. Use a Company Admin API key.",
    send: () =>
      world.raw("globexReadOnly", `/v3/product/vxc/${ids.live}`, { method: "PUT", body: { name: "nope" } }),
  },
  {
    name: "the customer changing the B-end VLAN is a 403",
    status: 403,
    message: () => "Only B end owner can change B VLAN",
    send: () =>
      world.raw("globexAdmin", `/v3/product/vxc/${ids.live}`, { method: "PUT", body: { bEndVlan: 999 } }),
  },
  {
    name: "another company's PRIVATE Marketplace profile is a 404",
    status: 404,
    message: () => `Marketplace profile for company ${SEED.companies.initech.uid} not found`,
    send: () => world.raw("globexAdmin", `/v2/marketplace/profile/${SEED.companies.initech.uid}`),
  },
  {
    name: "an unknown endpoint is a 404",
    status: 404,
    message: () => "No endpoint GET /v2/nothing-here",
    send: () => world.raw("globexAdmin", "/v2/nothing-here"),
  },
  {
    name: "a body of the wrong type is a 400 with the field in data",
    status: 400,
    message: () => expect.stringMatching(/^Validation failed: rateLimit: /),
    send: () =>
      world.raw("globexAdmin", `/v3/product/vxc/${ids.live}`, { method: "PUT", body: { rateLimit: "fast" } }),
  },
  {
    name: "a body that is not JSON is a 400",
    status: 400,
    message: () => expect.stringMatching(/^Malformed JSON in request body/),
    send: () => world.raw("globexAdmin", `/v3/product/vxc/${ids.live}`, { method: "PUT", text: "{not json" }),
  },
];

describe("error answers", () => {
  it.each(errors)("$name, in the same envelope", async ({ status, message, send }) => {
    const res = await send();
    expect({ status: res.status, message: res.body?.message }).toEqual({ status, message: message() });
    expectEnvelope(res);
    // megaportgo's ErrorResponse also reads an optional trace_id from the body; when present it must agree.
    if (res.body.trace_id !== undefined) expect(res.body.trace_id).toBe(res.headers.get("trace-id"));
  });

  it("validation details come as a list of objects whose values are the messages", async () => {
    const res = await world.raw("globexAdmin", `/v3/product/vxc/${ids.live}`, {
      method: "PUT",
      body: { rateLimit: "fast" },
    });
    expect(res.body.data).toEqual([{ rateLimit: expect.stringContaining("expected number") }]);
  });
});

describe("the token endpoint (OAuth2 shape, not the envelope)", () => {
  it("answers a client-credentials grant with access_token, token_type and expires_in", async () => {
    const res = await world.tokenResponse("acmeAdmin");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
  });

  it("refuses a wrong secret with 401 and an OAuth error", async () => {
    const res = await fetch(`${world.sim.tokenUrl}?grant_type=client_credentials`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from("acme-admin-access:wrong").toString("base64")}` },
    });
    expect(res.status).toBe(401);
    const body: Json = await res.json();
    expect(body.error).toBe("invalid_client");
    expect(body).not.toHaveProperty("terms");
  });
});

it("every answer had its own Trace-Id", () => {
  expect(traceIds.length).toBe(successes.length + errors.length);
  expect(new Set(traceIds).size).toBe(traceIds.length);
});
