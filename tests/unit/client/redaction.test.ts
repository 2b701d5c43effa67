// Credentials never leave the client: not in a message, a field, a cause or a stack of any error, and
// not in a log line, even when a server echoes them back (provider/client/redact.ts).

import { inspect } from "node:util";
import { ApiError, AuthError, MegaportError, SchemaMismatchError } from "../../../provider/client/errors";
import { REDACTED, Redactor, redactCredentialPatterns } from "../../../provider/client/redact";
import { envelope } from "./helpers/test-server";
import { expectNoSecrets, useHarness } from "./helpers/client-harness";

const h = useHarness();

function bearerOf(authorization: string | undefined): string {
  return (authorization ?? "").replace(/^Bearer /, "");
}

describe("redaction over HTTP", () => {
  test("a token endpoint that echoes the Basic header and the secret gives an AuthError without them", async () => {
    h.server.on("POST", "/oauth2/token", (req, server) => ({
      status: 401,
      json: {
        error: "invalid_client",
        error_description: `rejected ${req.headers.authorization} (secret ${server.secretKey})`,
      },
    }));
    const err = await h.failure(h.client().listProducts());
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain(REDACTED);
    expectNoSecrets([err], h.secrets());
  });

  test("an API error body that echoes the bearer token (text, JSON message and details) is redacted everywhere", async () => {
    h.server.on("GET", "/v2/products", (req) => ({
      status: 500,
      text: `upstream said: authorization=${req.headers.authorization}`,
    }));
    h.server.on("GET", "/v2/employment", (req) => ({
      status: 400,
      json: {
        message: `Bad token ${bearerOf(req.headers.authorization)}`,
        data: {
          headers: { Authorization: req.headers.authorization },
          token: bearerOf(req.headers.authorization),
        },
      },
    }));
    const client = h.client();
    const textErr = await h.failure(client.listProducts());
    const jsonErr = await h.failure(client.listUsers());
    expect(textErr).toBeInstanceOf(ApiError);
    expect(jsonErr).toBeInstanceOf(ApiError);
    expect((jsonErr as ApiError).details).toEqual({
      headers: { Authorization: `Bearer ${REDACTED}` },
      token: REDACTED,
    });
    expectNoSecrets([textErr, jsonErr], h.secrets());
  });

  test("a schema mismatch whose offending value is the token does not repeat it", async () => {
    h.server.on("GET", "/v3/locations", (req) =>
      envelope([{ id: bearerOf(req.headers.authorization), name: "x" }]),
    );
    const err = await h.failure(h.client().listLocations());
    expect(err).toBeInstanceOf(SchemaMismatchError);
    expect(err.message).toContain(REDACTED);
    expectNoSecrets([err], h.secrets());
  });

  test("log lines carry method, path, status, duration and Trace-Id, and never a credential", async () => {
    h.server.on(
      "GET",
      "/v2/products",
      { status: 503, json: {} },
      { ...envelope([]), headers: { "Trace-Id": "trace-log" } },
    );
    await h.client().listProducts();
    expect(h.logLines.some((l) => /POST \/oauth2\/token 200 \d+ms/.test(l))).toBe(true);
    expect(h.logLines.some((l) => /GET \/v2\/products 503 \d+ms/.test(l))).toBe(true);
    expect(h.logLines.some((l) => /GET \/v2\/products retry 1\/6 in \d+ms after HTTP 503/.test(l))).toBe(
      true,
    );
    expect(h.logLines.some((l) => /GET \/v2\/products 200 \d+ms Trace-Id trace-log/.test(l))).toBe(true);
    expectNoSecrets(h.logLines, h.secrets());
  });

  test("a log hook that throws does not fail the call", async () => {
    h.server.on("GET", "/v2/products", envelope([]));
    const client = h.client({
      log: () => {
        throw new Error("broken logger");
      },
    });
    await expect(client.listProducts()).resolves.toEqual([]);
  });
});

describe("Redactor", () => {
  const secret = "s3cr3t/with+special=chars";
  const redactor = new Redactor([secret]);

  test.each([
    [`plain ${secret} text`, `plain ${REDACTED} text`],
    [`url ${encodeURIComponent(secret)}`, `url ${REDACTED}`],
    [`b64 ${Buffer.from(secret).toString("base64")}`, `b64 ${REDACTED}`],
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", `Authorization: Bearer ${REDACTED}`],
    ["authorization: basic QUNDRVNTOlNFQ1JFVEtFWVZBTFVF", `authorization: basic ${REDACTED}`],
    ['{"access_token":"abc.def.ghi","expires_in":3600}', `{"access_token":"${REDACTED}","expires_in":3600}`],
    ["secretKey=hunter2hunter2&x=1", `secretKey=${REDACTED}&x=1`],
    ["Basic authentication failed", "Basic authentication failed"],
    ["Found 455 Products", "Found 455 Products"],
  ])("text %j becomes %j", (input, expected) => {
    expect(redactor.text(input)).toBe(expected);
  });

  test("secrets too short to be credentials are not searched for", () => {
    expect(new Redactor(["a"]).text("a banana")).toBe("a banana");
  });

  test("an error is redacted in its message, stack, fields, nested data, cause chain and AggregateError members", () => {
    const inner = new Error(`socket error near ${secret}`);
    const aggregate = new AggregateError([new Error(`first ${secret}`)], "all failed");
    const err = new MegaportError(`outer ${secret}`, { cause: inner }) as MegaportError &
      Record<string, unknown>;
    err.extra = { deep: [{ value: secret }] };
    err.aggregate = aggregate;
    err.self = err;
    redactor.error(err);
    expectNoSecrets([err, inner, aggregate], [secret]);
    expect(inspect(err, { depth: 10 })).toContain(REDACTED);
  });

  test("objects it cannot see into are withheld rather than kept", () => {
    class Socketish {
      constructor(readonly header = `Bearer ${secret}`) {}
    }
    const err = new MegaportError("x") as MegaportError & Record<string, unknown>;
    err.socket = new Socketish();
    redactor.error(err);
    expect(err.socket).toBe("[Socketish withheld]");
  });

  test.each([
    ["a cause's message", () => new MegaportError("x", { cause: new Error(`inner ${secret}`) })],
    [
      "a hidden property",
      () =>
        Object.defineProperty(new MegaportError("x"), "hidden", {
          value: secret,
          enumerable: false,
          writable: true,
          configurable: true,
        }),
    ],
    ["a nested field", () => Object.assign(new MegaportError("x"), { details: { list: [secret] } })],
    [
      "the stack only",
      () => Object.assign(new MegaportError("x"), { stack: `MegaportError: x\n    at ${secret}` }),
    ],
  ])("the leak check itself finds a secret in %s", (_, make) => {
    expect(() => expectNoSecrets([make()], [secret])).toThrow(/a secret leaked/);
    const err = redactor.error(make());
    expect(() => expectNoSecrets([err], [secret])).not.toThrow();
  });

  test("credential patterns are removed without knowing the value", () => {
    expect(redactCredentialPatterns("Bearer abcdefghijklmnopqrstuvwxyz0123")).toBe(`Bearer ${REDACTED}`);
  });
});
