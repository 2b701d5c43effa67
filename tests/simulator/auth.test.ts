import { SimulatedClock } from "../../simulator/clock";
import type { Simulator } from "../../simulator/server";
import { ApiAs, basicAuth, SEED, simPut, type Json } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

describe("OAuth2 token endpoint and roles", () => {
  let wall = Date.now();
  let sim: Simulator;
  const acme = SEED.apiKeys.acmeAdmin;

  beforeAll(async () => {
    sim = await startTestSimulator({ clock: new SimulatedClock({ wall: () => wall }) });
  });
  afterAll(() => sim.close());

  const token = (init: { query?: string; body?: string; auth?: string; contentType?: string }) =>
    fetch(`${sim.tokenUrl}${init.query ?? ""}`, {
      method: "POST",
      headers: {
        ...(init.auth === undefined ? {} : { Authorization: init.auth }),
        "Content-Type": init.contentType ?? "application/x-www-form-urlencoded",
      },
      body: init.body ?? "",
    });

  it("issues a bearer token for grant_type in the query string with an empty body (megaportgo's way)", async () => {
    const res = await token({
      query: "?grant_type=client_credentials",
      auth: basicAuth(acme.accessKey, acme.secretKey),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("trace-id")).toBeTruthy();
    const body = (await res.json()) as Json;
    expect(body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
  });

  it("issues a bearer token for grant_type in a form body", async () => {
    const res = await token({
      body: "grant_type=client_credentials",
      auth: basicAuth(acme.accessKey, acme.secretKey),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).token_type).toBe("Bearer");
  });

  it.each([
    [
      "a wrong secret",
      basicAuth(acme.accessKey, "nope"),
      "grant_type=client_credentials",
      401,
      "invalid_client",
    ],
    [
      "an unknown access key",
      basicAuth("who", "ever"),
      "grant_type=client_credentials",
      401,
      "invalid_client",
    ],
    ["no credentials", undefined, "grant_type=client_credentials", 401, "invalid_client"],
    ["no grant_type", basicAuth(acme.accessKey, acme.secretKey), "", 400, "invalid_request"],
    [
      "another grant_type",
      basicAuth(acme.accessKey, acme.secretKey),
      "grant_type=password",
      400,
      "unsupported_grant_type",
    ],
  ])("refuses %s with an OAuth error", async (_case, auth, body, status, error) => {
    const res = await token({ auth, body });
    expect(res.status).toBe(status);
    expect(((await res.json()) as Json).error).toBe(error);
  });

  it("answers 401 in the Megaport envelope for a missing or unknown token", async () => {
    for (const authorization of [undefined, "Bearer not-a-token"]) {
      const res = await fetch(`${sim.url}/v2/products`, {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as Json;
      expect(body).toMatchObject({
        message: "Unauthorized",
        terms: expect.stringContaining("Acceptable Use"),
      });
      expect(res.headers.get("trace-id")).toBe(body.trace_id);
    }
  });

  it("expires a token after the key's lifetime (wall clock) and a new token works", async () => {
    const api = new ApiAs(sim, "globexAdmin");
    expect((await api.get("/v2/products")).status).toBe(200);
    wall += 3601 * 1000;
    expect((await api.get("/v2/products")).status).toBe(401);
    expect((await new ApiAs(sim, "globexAdmin").get("/v2/products")).status).toBe(200);
  });

  it("honours a per-key token lifetime", async () => {
    sim.store.state.apiKeys.find((k) => k.accessKey === acme.accessKey)!.tokenLifetimeSeconds = 300;
    const res = await token({
      body: "grant_type=client_credentials",
      auth: basicAuth(acme.accessKey, acme.secretKey),
    });
    expect(((await res.json()) as Json).expires_in).toBe(300);
  });

  it("expires every token at once through PUT /_sim/faults", async () => {
    const api = new ApiAs(sim, "initechAdmin");
    expect((await api.get("/v2/products")).status).toBe(200);
    expect((await simPut(sim, "/_sim/faults", { expireTokensNow: true })).status).toBe(200);
    expect((await api.get("/v2/products")).status).toBe(401);
  });

  describe("a Read Only key", () => {
    const uid = SEED.ports.acmeSydRed.uid;
    const changes: [string, string, unknown][] = [
      ["PUT", `/v2/product/megaport/${uid}`, { name: "renamed" }],
      ["PUT", `/v2/product/${uid}/tags`, { resourceTags: [] }],
      ["POST", `/v3/product/${uid}/action/CANCEL_NOW`, undefined],
      ["POST", "/v4/networkdesign/buy", { networkDesign: [] }],
      ["POST", "/v3/networkdesign/buy", []],
      ["PUT", "/v3/product/vxc/00000000-0000-4000-8000-000000000000", { name: "x" }],
      ["PUT", "/v2/order/vxc/00000000-0000-4000-8000-000000000000", { isApproved: true }],
      ["POST", "/v2/service/key", { productUid: uid, singleUse: false }],
      ["PUT", "/v2/service/key", { key: "k" }],
      ["PUT", `/v2/employee/${SEED.users.acmeReadOnly.employeeId}`, { firstName: "R" }],
      ["PUT", "/v2/notificationPreferences", { destinations: { EMAIL: [] } }],
      ["PUT", "/v2/marketplace/profile", { companyBio: "x" }],
    ];

    it.each(changes)("gets 403 on %s %s", async (method, path, body) => {
      const res = await new ApiAs(sim, "acmeReadOnly").call(method, path, body);
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/Read Only/);
    });

    it("may validate (price) an order it could not place", async () => {
      const api = new ApiAs(sim, "globexReadOnly");
      const order = [
        {
          productUid: SEED.ports.globexSydRed.uid,
          associatedVxcs: [
            { productName: "quote", rateLimit: 10, term: 1, bEnd: { productUid: SEED.ports.acmeSydRed.uid } },
          ],
        },
      ];
      expect((await api.post("/v3/networkdesign/validate", order)).status).toBe(200);
      expect((await api.post("/v3/networkdesign/buy", order)).status).toBe(403);
    });

    it("can still read", async () => {
      const api = new ApiAs(sim, "acmeReadOnly");
      for (const path of ["/v2/products", `/v2/product/${uid}`, "/v3/locations", "/v2/employment"]) {
        expect((await api.get(path)).status).toBe(200);
      }
    });
  });
});
