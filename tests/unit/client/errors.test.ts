// The error model (provider/client/errors.ts and the layers' own error modules): stable codes, names, instanceof
// across module copies, and how Megaport's error answers become those classes over real HTTP.

import * as cliErrors from "../../../cli/errors";
import * as approvalErrors from "../../../provider/approval/validate-policy";
import * as clientErrors from "../../../provider/client/errors";
import * as resourceErrors from "../../../provider/kinds/resource-errors";
import * as watchErrors from "../../../provider/watch/watch-errors";
import {
  AbortedError,
  ApiError,
  AuthError,
  ERROR_CODES,
  errorFromResponse,
  ForbiddenError,
  isNotFound,
  MegaportError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  SchemaMismatchError,
  TimeoutError,
  TokenRefusedError,
  UnreadableAnswerError,
  ValidationError,
} from "../../../provider/client/errors";
import { envelope } from "./helpers/test-server";
import { useHarness } from "./helpers/client-harness";

// Where the error classes live: the client's errors with the registry, each other layer's beside it.
const HOMES = [
  "../../../provider/client/errors",
  "../../../provider/watch/watch-errors",
  "../../../provider/kinds/resource-errors",
  "../../../provider/approval/validate-policy",
  "../../../cli/errors",
];
type AllErrors = typeof clientErrors &
  typeof watchErrors &
  typeof resourceErrors &
  Pick<typeof approvalErrors, "PolicyValidationError"> &
  typeof cliErrors;

/** Every class of every home, by name, as if one module held them. */
const errors: AllErrors = {
  ...clientErrors,
  ...watchErrors,
  ...resourceErrors,
  ...approvalErrors,
  ...cliErrors,
};

/** A second copy of every home (and of the registry under them), as a second install would load. */
function secondCopy(): AllErrors {
  let copy: AllErrors | undefined;
  jest.isolateModules(() => {
    copy = Object.assign({}, ...HOMES.map((home) => require(home) as object)) as AllErrors;
  });
  return copy!;
}

const facts = { status: 500, method: "GET", path: "/v2/products", megaportMessage: "boom", traceId: "t-1" };

const ROWS: [string, () => MegaportError, string, string[]][] = [
  ["MegaportError", () => new MegaportError("x"), "MX_ERROR", []],
  ["ApiError", () => new ApiError(facts), "MX_API", ["MegaportError"]],
  ["AuthError", () => new AuthError({ ...facts, status: 401 }), "MX_AUTH", ["MegaportError", "ApiError"]],
  [
    "ForbiddenError",
    () => new ForbiddenError({ ...facts, status: 403 }),
    "MX_FORBIDDEN",
    ["MegaportError", "ApiError"],
  ],
  [
    "NotFoundError",
    () => new NotFoundError({ ...facts, status: 404 }),
    "MX_NOT_FOUND",
    ["MegaportError", "ApiError"],
  ],
  [
    "RateLimitedError",
    () => new RateLimitedError({ ...facts, status: 429, retryAfterMs: 2000 }),
    "MX_RATE_LIMITED",
    ["MegaportError", "ApiError"],
  ],
  [
    "TimeoutError",
    () => new TimeoutError({ waitedFor: "approval", waitedMs: 1000, whoMustAct: "the provider" }),
    "MX_TIMEOUT",
    ["MegaportError"],
  ],
  [
    "ValidationError",
    () => new ValidationError({ fieldPath: "term", reason: "is 7", fix: "use 12" }),
    "MX_VALIDATION",
    ["MegaportError"],
  ],
  [
    "SchemaMismatchError",
    () => new SchemaMismatchError({ method: "GET", path: "/x", fieldPath: "data", reason: "r" }),
    "MX_SCHEMA_MISMATCH",
    ["MegaportError"],
  ],
  [
    "UnreadableAnswerError",
    () =>
      new UnreadableAnswerError({
        method: "GET",
        path: "/x",
        status: 200,
        body: "an HTML page",
        length: 10,
        mayHaveActed: false,
      }),
    "MX_UNREADABLE_ANSWER",
    ["MegaportError"],
  ],
  [
    "NetworkError",
    () =>
      new NetworkError({ method: "GET", path: "/x", mayHaveReachedServer: true, systemCode: "ECONNRESET" }),
    "MX_NETWORK",
    ["MegaportError"],
  ],
  ["AbortedError", () => new AbortedError({ during: "GET /x" }), "MX_ABORTED", ["MegaportError"]],
  [
    "RequestDeniedError",
    () =>
      new errors.RequestDeniedError({
        vxcUid: "u",
        vxcName: "n",
        provider: "Acme",
        request: "connection request",
        outcome: "Nothing is kept.",
      }),
    "MX_DENIED",
    ["MegaportError"],
  ],
  [
    "WatchTimeoutError",
    () => new errors.WatchTimeoutError({ vxcUid: "v", waitingFor: "v to be LIVE", waitedMs: 1000 }),
    "MX_WATCH_TIMEOUT",
    ["TimeoutError", "MegaportError"],
  ],
  [
    "WatchFailedError",
    () =>
      new errors.WatchFailedError({ vxcUid: "v", waitingFor: "v to be LIVE", waitedMs: 1000, why: "FAILED" }),
    "MX_WATCH_FAILED",
    ["MegaportError"],
  ],
  [
    "WatchAbortedError",
    () => new errors.WatchAbortedError({ vxcUid: "v", waitingFor: "v to be LIVE", waitedMs: 1000 }),
    "MX_WATCH_ABORTED",
    ["AbortedError", "MegaportError"],
  ],
  [
    "PolicyValidationError",
    () => new errors.PolicyValidationError([{ path: "rules[0]", reason: "r", fix: "f" }]),
    "MX_POLICY_INVALID",
    ["MegaportError"],
  ],
  [
    "NotChangeableError",
    () => new errors.NotChangeableError({ what: "VXC", uid: "u", status: "CANCELLED", nextStep: "n" }),
    "MX_NOT_CHANGEABLE",
    ["MegaportError"],
  ],
  [
    "PartialFailure",
    () => new errors.PartialFailure("m", "id", { __provider: "p" }, {}),
    "MX_PARTIAL_FAILURE",
    ["MegaportError"],
  ],
  [
    "ImportRefusedError",
    () => new errors.ImportRefusedError({ what: "VXC", id: "u", reason: "r", fix: "f" }),
    "MX_IMPORT_REFUSED",
    ["MegaportError"],
  ],
  ["NotLeaderError", () => new errors.NotLeaderError("n"), "MX_NOT_LEADER", ["MegaportError"]],
  [
    "StackUnavailableError",
    () => new errors.StackUnavailableError("s"),
    "MX_STACK_UNAVAILABLE",
    ["MegaportError"],
  ],
  ["UsageError", () => new errors.UsageError("u"), "MX_USAGE", ["MegaportError"]],
  [
    "TokenRefusedError",
    () => new TokenRefusedError({ status: 401, method: "GET", path: "/x", attempts: 3 }),
    "MX_TOKEN_REFUSED",
    ["ApiError", "MegaportError"],
  ],
];

describe("error classes", () => {
  test("every code in ERROR_CODES belongs to exactly one class", () => {
    expect(ROWS.map(([, make]) => make().code).sort()).toEqual([...ERROR_CODES].sort());
  });

  test.each(ROWS)("%s has its name, stable code and ancestors", (name, make, code, ancestors) => {
    const err = make();
    expect(err.name).toBe(name);
    expect(err.code).toBe(code);
    expect((errors as unknown as Record<string, { code: string }>)[name]!.code).toBe(code);
    expect(err).toBeInstanceOf(Error);
    for (const ancestor of ancestors) {
      expect(
        err instanceof (errors as unknown as Record<string, new (...a: never[]) => unknown>)[ancestor]!,
      ).toBe(true);
    }
  });

  test.each(ROWS)("%s is recognised by instanceof in a second copy of the module", (name, make) => {
    const copy = secondCopy();
    expect(copy.MegaportError).not.toBe(MegaportError);
    const err = make();
    const CopyClass = (copy as unknown as Record<string, new (...a: never[]) => unknown>)[name]!;
    expect(err instanceof CopyClass).toBe(true);
    expect(err instanceof copy.MegaportError).toBe(true);
    // and the other way round
    const theirs = new copy.NotFoundError({ ...facts, status: 404 });
    expect(theirs instanceof NotFoundError).toBe(true);
    expect(theirs instanceof ApiError).toBe(true);
    expect(copy.isNotFound(err)).toBe(name === "NotFoundError");
  });

  test("a sibling class is not mistaken for another across copies", () => {
    const copy = secondCopy();
    expect(new AuthError({ ...facts, status: 401 }) instanceof copy.NotFoundError).toBe(false);
    expect(new TimeoutError({ waitedFor: "x", waitedMs: 1, whoMustAct: "y" }) instanceof copy.ApiError).toBe(
      false,
    );
    expect(new Error("plain") instanceof copy.MegaportError).toBe(false);
    expect({ code: "MX_API" } instanceof copy.MegaportError).toBe(false);
  });

  test("the cause is kept", () => {
    const cause = new Error("socket hang up");
    expect(new NetworkError({ method: "GET", path: "/x", mayHaveReachedServer: true, cause }).cause).toBe(
      cause,
    );
  });

  test("TimeoutError says what was waited for, how long and who must act", () => {
    const err = new TimeoutError({
      waitedFor: "Acme to approve VXC abc",
      waitedMs: 90_000,
      whoMustAct: "Acme must accept the request",
    });
    expect(err.message).toBe(
      "Gave up waiting for Acme to approve VXC abc after 1m30s. Next: Acme must accept the request.",
    );
  });

  test.each([
    [404, "", NotFoundError],
    [400, "Could not find a service with UID 1234-abcd", NotFoundError],
    [400, "Invalid ASN", ApiError],
    [401, "", AuthError],
    [403, "Only B end owner can change B VLAN", ForbiddenError],
    [429, "", RateLimitedError],
    [500, "", ApiError],
    [503, "", ApiError],
  ] as const)("HTTP %i %j becomes %p", (status, message, Expected) => {
    const err = errorFromResponse({
      status,
      method: "GET",
      path: "/v2/product/x",
      megaportMessage: message || undefined,
    });
    expect(err).toBeInstanceOf(Expected);
    expect(err.constructor).toBe(Expected);
  });

  test.each([
    [new NotFoundError({ ...facts, status: 404 }), true],
    [new ApiError({ ...facts, status: 404 }), true],
    [new ApiError({ ...facts, status: 400, megaportMessage: "Could not find a service with UID abc" }), true],
    [new ApiError({ ...facts, status: 400, details: "Could not find a service with UID abc" }), true],
    [new ApiError({ ...facts, status: 400, megaportMessage: "Invalid ASN" }), false],
    [new ApiError({ ...facts, status: 500 }), false],
    [new Error("Could not find a service with UID abc"), false],
    [undefined, false],
  ])("isNotFound(%p) is %p", (err, expected) => {
    expect(isNotFound(err)).toBe(expected);
  });
});

describe("error answers over HTTP", () => {
  const h = useHarness();

  test('the real API\'s 400 "Could not find a service with UID" becomes NotFoundError', async () => {
    h.server.on("GET", "/v2/product/missing-uid", {
      status: 400,
      headers: { "Trace-Id": "trace-nf" },
      json: { message: "Could not find a service with UID missing-uid", terms: "…", data: null },
    });
    const err = await h.failure(h.client().getVxc("missing-uid"));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(isNotFound(err)).toBe(true);
    expect(err).toMatchObject({
      code: "MX_NOT_FOUND",
      status: 400,
      traceId: "trace-nf",
      path: "/v2/product/missing-uid",
    });
  });

  test("a non-JSON error body becomes the message, truncated", async () => {
    const html = `<html><body>${"Bad gateway ".repeat(100)}</body></html>`;
    h.server.on("GET", "/v2/products", { status: 500, text: html });
    const err = await h.failure(h.client().listProducts());
    expect(err).toMatchObject({ code: "MX_API", status: 500 });
    expect((err as ApiError).megaportMessage).toMatch(/^<html><body>Bad gateway Bad gateway/);
    expect((err as ApiError).megaportMessage!.length).toBeLessThan(html.length);
    expect(err.message).toContain("more characters");
  });

  test("validation details in data are part of the message", async () => {
    h.server.on("POST", "/v3/networkdesign/validate", {
      status: 400,
      json: {
        message: "Validation failed",
        data: [{ vlan: "VLAN 4001 not available on MEGAPORT service 5088" }],
      },
    });
    const err = await h.failure(
      h.client().validateVxcOrder([
        {
          productUid: "a",
          associatedVxcs: [{ productName: "v", rateLimit: 50, term: 1, aEnd: {}, bEnd: { productUid: "b" } }],
        },
      ]),
    );
    expect(err.message).toContain("Validation failed: VLAN 4001 not available on MEGAPORT service 5088");
    expect((err as ApiError).details).toEqual([{ vlan: "VLAN 4001 not available on MEGAPORT service 5088" }]);
  });

  test("trace_id in the body is used when the Trace-Id header is missing", async () => {
    h.server.on("GET", "/v2/products", {
      status: 409,
      json: { message: "Conflict", trace_id: "body-trace" },
    });
    const err = await h.failure(h.client().listProducts());
    expect(err).toMatchObject({ traceId: "body-trace" });
  });

  test("a response of the wrong shape fails with SchemaMismatchError naming the endpoint and the field", async () => {
    h.server.on(
      "GET",
      "/v2/products",
      envelope([
        { productUid: "p-1", productType: "MEGAPORT" },
        { productUid: "p-2", associatedVxcs: [{ productUid: "v-1", rateLimit: "fast" }] },
      ]),
    );
    const err = await h.failure(h.client().listProducts());
    expect(err).toBeInstanceOf(SchemaMismatchError);
    expect(err).toMatchObject({
      code: "MX_SCHEMA_MISMATCH",
      method: "GET",
      path: "/v2/products",
      fieldPath: "data[1].associatedVxcs[0].rateLimit",
    });
    expect(err.message).toContain("GET /v2/products");
    expect(err.message).toContain("data[1].associatedVxcs[0].rateLimit");
    expect(err.message).toContain('got "fast"');
  });

  test("a union field names the branch that matched (a malformed vll object, not the [] quirk)", async () => {
    h.server.on(
      "GET",
      "/v2/product/v-1",
      envelope({ productUid: "v-1", productType: "VXC", resources: { vll: { a_vlan: "x" } } }),
    );
    const err = await h.failure(h.client().getVxc("v-1"));
    expect(err).toMatchObject({ fieldPath: "data.resources.vll.a_vlan" });
  });

  test("a 2xx body that is not JSON is an unreadable answer, not a change of the API", async () => {
    h.server.on("GET", "/v2/products", { status: 200, text: "<html>login</html>" });
    const err = await h.failure(h.client({ retry: { maxRetries: 0 } }).listProducts());
    expect(err).toBeInstanceOf(UnreadableAnswerError);
    expect(err).not.toBeInstanceOf(SchemaMismatchError);
    expect(err).toMatchObject({ code: "MX_UNREADABLE_ANSWER", body: "an HTML page", status: 200 });
    expect(err.message).not.toContain("may have changed");
  });
});
