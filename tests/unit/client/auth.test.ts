// OAuth2 client credentials as megaportgo does it (docs/megaport-api.md §2.1): Basic auth, grant_type in the
// query, one token shared until shortly before it expires, one refresh on a 401.

import { AuthError, TokenRefusedError } from "../../../provider/client/errors";
import { TokenCache, tokenRefreshAt } from "../../../provider/client/auth";
import { envelope } from "./helpers/test-server";
import { useHarness } from "./helpers/client-harness";
import { eventually } from "../../support/eventually";

const h = useHarness();

describe("OAuth2 token", () => {
  test("the client asks for a token with Basic auth, grant_type in the query and an empty body, then sends it as a bearer token", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    await h.client().listProducts();

    const [tokenRequest] = h.server.tokenRequests();
    expect(tokenRequest).toMatchObject({ method: "POST", body: "" });
    expect(tokenRequest!.query.get("grant_type")).toBe("client_credentials");
    expect(tokenRequest!.headers.authorization).toBe(h.server.expectedBasic);
    expect(tokenRequest!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const [apiRequest] = h.server.apiRequests();
    expect(apiRequest!.headers.authorization).toBe(`Bearer ${h.server.issuedTokens[0]}`);
  });

  test("one token serves many calls while it is valid", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const client = h.client();
    await client.listProducts();
    await client.listProducts();
    await client.listProducts();
    expect(h.server.tokenRequests()).toHaveLength(1);
  });

  test("a token is replaced a minute before it expires, not after", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    let now = 1_000_000;
    const client = h.client({ now: () => now });
    await client.listProducts();
    now += 3600_000 - 60_000 - 1; // just inside the renewal margin of a 3600 s token
    await client.listProducts();
    expect(h.server.tokenRequests()).toHaveLength(1);
    now += 2;
    await client.listProducts();
    expect(h.server.tokenRequests()).toHaveLength(2);
    expect(h.server.apiRequests().at(-1)!.headers.authorization).toBe(`Bearer ${h.server.issuedTokens[1]}`);
  });

  test("short-lived tokens renew a tenth of their lifetime early", () => {
    expect(tokenRefreshAt(0, 300)).toBe(270_000);
    expect(tokenRefreshAt(0, 86_400)).toBe(86_340_000);
  });

  test("concurrent callers share one token request", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    // The token endpoint answers only once every caller has started, so all eight wait on the first token request.
    let answerToken: () => void = () => undefined;
    const tokenAnswered = new Promise<void>((resolve) => (answerToken = resolve));
    h.server.on("POST", "/oauth2/token", async (req, server) => {
      await tokenAnswered;
      return server.issueToken(req);
    });
    const client = h.client();
    const calls = Promise.all(Array.from({ length: 8 }, () => client.listProducts()));
    await eventually(() => h.server.tokenRequests().length >= 1, 5000, "a token request", { intervalMs: 5 });
    answerToken();
    await calls;
    expect(h.server.tokenRequests()).toHaveLength(1);
    expect(h.server.apiRequests()).toHaveLength(8);
  });

  test("a 401 from the API fetches a new token once and retries the call with it", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const client = h.client();
    await client.listProducts();
    h.server.revokedTokens.add(h.server.issuedTokens[0]!);

    await expect(client.listProducts()).resolves.toEqual([]);
    expect(h.server.tokenRequests()).toHaveLength(2);
    const calls = h.server.apiRequests();
    expect(calls.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${h.server.issuedTokens[0]}`,
      `Bearer ${h.server.issuedTokens[0]}`,
      `Bearer ${h.server.issuedTokens[1]}`,
    ]);
  });

  test("a 401 on a second fresh token is retried with a third", async () => {
    h.server.on(
      "GET",
      "/v2/products",
      { status: 401, json: { message: "Unauthorized" } },
      { status: 401, json: { message: "Unauthorized" } },
      envelope([]),
    );
    await expect(h.client().listProducts()).resolves.toEqual([]);
    expect(h.server.tokenRequests()).toHaveLength(3);
  });

  test("401s on every fresh token fail with TokenRefusedError that says what happened, not 'bad API key'", async () => {
    h.server.on("GET", "/v2/products", {
      status: 401,
      json: { message: "Unauthorized" },
      headers: { "Trace-Id": "t-401" },
    });
    const err = await h.failure(h.client().listProducts());
    expect(err).toBeInstanceOf(TokenRefusedError);
    expect(err).not.toBeInstanceOf(AuthError);
    expect(err).toMatchObject({
      code: "MX_TOKEN_REFUSED",
      status: 401,
      traceId: "t-401",
      method: "GET",
      path: "/v2/products",
      attempts: 3,
    });
    expect(err.message).toContain("issued an access token for the API key and then refused it 3 times");
    expect(h.server.tokenRequests()).toHaveLength(3);
    expect(h.server.apiRequests()).toHaveLength(3);
  });

  test("a refused API key fails with AuthError that says what to check, without the key", async () => {
    const err = await h.failure(h.client({ secretKey: "wrong-secret-value-123" }).listProducts());
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({
      code: "MX_AUTH",
      status: 401,
      megaportMessage: "invalid_client",
      path: "/oauth2/token",
    });
    expect(err.message).toMatch(/accessKey.*secretKey.*environment/);
    expect(err.message).not.toContain("wrong-secret-value-123");
    expect(h.server.apiRequests()).toHaveLength(0);
  });

  test("a token endpoint that is briefly unavailable is retried", async () => {
    h.server.on("POST", "/oauth2/token", { status: 503, text: "<html>maintenance</html>" }, (req, server) =>
      server.issueToken(req),
    );
    h.server.on("GET", "/v2/products", envelope([]));
    await expect(h.client().listProducts()).resolves.toEqual([]);
    expect(h.server.tokenRequests()).toHaveLength(2);
  });

  test("a token answer without access_token is a schema mismatch naming the token endpoint", async () => {
    h.server.on("POST", "/oauth2/token", { json: { token_type: "Bearer", expires_in: 3600 } });
    const err = await h.failure(h.client().listProducts());
    expect(err).toMatchObject({
      code: "MX_SCHEMA_MISMATCH",
      method: "POST",
      path: "/oauth2/token",
      fieldPath: "access_token",
    });
  });
});

describe("the shared token request", () => {
  const pending = () => {
    const seen: AbortSignal[] = [];
    const cache = new TokenCache((signal) => {
      seen.push(signal);
      return new Promise(() => undefined); // a token endpoint that never answers
    });
    return { cache, seen };
  };

  it("goes on while any caller still waits, and stops once every caller has given up", async () => {
    const { cache, seen } = pending();
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.getToken(first.signal).catch((err: Error) => err);
    const b = cache.getToken(second.signal).catch((err: Error) => err);
    expect(seen).toHaveLength(1);
    first.abort();
    await a;
    expect(seen[0].aborted).toBe(false);
    second.abort();
    await b;
    expect(seen[0].aborted).toBe(true);
    // The next caller starts a request of its own.
    void cache.getToken(new AbortController().signal).catch(() => undefined);
    expect(seen).toHaveLength(2);
  });

  it("is never stopped for a caller that cannot give up", async () => {
    const { cache, seen } = pending();
    const impatient = new AbortController();
    void cache.getToken();
    const a = cache.getToken(impatient.signal).catch((err: Error) => err);
    impatient.abort();
    await a;
    expect(seen[0].aborted).toBe(false);
  });
});
