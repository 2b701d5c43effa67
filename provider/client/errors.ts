// The error model of megaport-mx, and the Megaport client's own errors. This module holds what every error shares:
// the one registry of codes (ERROR_CODES), the root class MegaportError and the brand that lets `instanceof` work
// across two copies of a module. Each other class lives with the layer that throws it and extends MegaportError:
// provider/watch/watch-errors.ts, provider/kinds/resource-errors.ts, provider/approval/validate-policy.ts and
// cli/errors.ts. Each class has a stable `code` ("MX_…") for code to branch on, the facts a caller needs as
// fields, and a message a person can act on. Must never: hold a credential (the client passes every error through
// redact.ts before it leaves), or be told apart by message text instead of `code`.

import { configKey } from "./config-key";
import { formatDuration } from "./format-duration";

/** Holds the names of an error's class chain, so `instanceof` works across two copies of this module. */
const LINEAGE = Symbol.for("megaport-mx.errors.lineage");

/** The stable code of every megaport-mx error class, one each, wherever the class lives. */
export const ERROR_CODES = [
  "MX_ERROR",
  "MX_API",
  "MX_AUTH",
  "MX_FORBIDDEN",
  "MX_NOT_FOUND",
  "MX_RATE_LIMITED",
  "MX_TIMEOUT",
  "MX_VALIDATION",
  "MX_SCHEMA_MISMATCH",
  "MX_UNREADABLE_ANSWER",
  "MX_NETWORK",
  "MX_ABORTED",
  "MX_CANCELLED",
  "MX_TOKEN_REFUSED",
  "MX_DENIED",
  "MX_WATCH_TIMEOUT",
  "MX_WATCH_FAILED",
  "MX_WATCH_ABORTED",
  "MX_POLICY_INVALID",
  "MX_NOT_CHANGEABLE",
  "MX_PARTIAL_FAILURE",
  "MX_IMPORT_REFUSED",
  "MX_NOT_LEADER",
  "MX_STACK_UNAVAILABLE",
  "MX_USAGE",
] as const;
export type MegaportErrorCode = (typeof ERROR_CODES)[number];

/** Longest Megaport message (or non-JSON body) copied into an error message. */
export const MAX_MESSAGE_CHARS = 500;

function classLineage(ctor: unknown): string[] {
  const names: string[] = [];
  for (let c = ctor as { name?: string } | null; c && c !== Error && c !== Function.prototype;) {
    if (typeof c.name === "string" && c.name) names.push(c.name);
    c = Object.getPrototypeOf(c) as { name?: string } | null;
  }
  return names;
}

export function truncate(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/** Root of the hierarchy. `code` comes from the class (`static code`), so it cannot drift from the type. */
export class MegaportError extends Error {
  static readonly code: MegaportErrorCode = "MX_ERROR";
  readonly code: MegaportErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = (new.target as unknown as { code: MegaportErrorCode }).code;
    Object.defineProperty(this, LINEAGE, { value: classLineage(new.target), enumerable: false });
  }

  // A second copy of this module (two installs, jest.isolateModules, a serialized provider) has its own
  // classes; the brand set with Symbol.for lets `instanceof` match on the class name chain instead.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== "object" || value === null) return false;
    const lineage = (value as { [LINEAGE]?: unknown })[LINEAGE];
    return Array.isArray(lineage) && lineage.includes(this.name);
  }
}

/**
 * A copy of `err` (same class, code and facts) whose text differs: its message, its stack, and what `String(err)`
 * gives. The original is left as it is, so no caller ever sees an error change under it.
 */
export function withText<E extends Error>(
  err: E,
  text: { message?: string; stack?: string; asString?: string },
): E {
  const copy = Object.create(Object.getPrototypeOf(err) as object) as E;
  for (const key of Reflect.ownKeys(err)) {
    Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(err, key)!);
  }
  const set = (key: string, value: unknown) =>
    Object.defineProperty(copy, key, { value, configurable: true, writable: true, enumerable: false });
  if (text.message !== undefined) set("message", text.message);
  if (text.stack !== undefined) set("stack", text.stack);
  if (text.asString !== undefined) set("toString", () => text.asString);
  return copy;
}

/** The facts of one HTTP exchange with Megaport that failed. */
export interface ApiErrorFacts {
  /** HTTP status code of the response. */
  status: number;
  /** HTTP method of the request, e.g. "GET". */
  method: string;
  /** Request path without query string, e.g. "/v2/product/<uid>" (queries may carry service keys). */
  path: string;
  /** Megaport's `message` (or the raw body when it was not JSON), truncated. */
  megaportMessage?: string;
  /** Megaport's `Trace-Id` response header (or `trace_id` in the body): quote it to Megaport support. */
  traceId?: string;
  /** Megaport's `data` member of the error body, e.g. validation details. */
  details?: unknown;
  cause?: unknown;
}

function describeExchange(f: ApiErrorFacts): string {
  const said = f.megaportMessage ? `: "${f.megaportMessage}"` : "";
  const trace = f.traceId ? ` (Trace-Id ${f.traceId})` : "";
  return `Megaport answered ${f.method} ${f.path} with HTTP ${f.status}${said}${trace}.`;
}

/** Megaport answered with an error status. Subclasses narrow what it means. */
export class ApiError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_API";
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly megaportMessage: string | undefined;
  readonly traceId: string | undefined;
  readonly details: unknown;

  constructor(facts: ApiErrorFacts, nextStep?: string) {
    super(`${describeExchange(facts)} ${nextStep ?? ApiError.defaultNextStep(facts.status)}`, {
      cause: facts.cause,
    });
    this.status = facts.status;
    this.method = facts.method;
    this.path = facts.path;
    this.megaportMessage = facts.megaportMessage;
    this.traceId = facts.traceId;
    this.details = facts.details;
  }

  /** `${method} ${path}`, the way messages name an endpoint. */
  get endpoint(): string {
    return `${this.method} ${this.path}`;
  }

  private static defaultNextStep(status: number): string {
    if (status >= 500) {
      return "This is a problem on Megaport's side; retry later, and quote the Trace-Id to Megaport support if it persists.";
    }
    if (status === 400 || status === 422)
      return "Megaport refused the request; correct the input it names and retry.";
    if (status === 409)
      return "The service is in a state that does not allow this change; wait for it to settle and retry.";
    return "Check the request and retry.";
  }
}

/** 401 from the API after one token refresh, or the token endpoint refused the API key. */
export class AuthError extends ApiError {
  static override readonly code: MegaportErrorCode = "MX_AUTH";
  constructor(facts: ApiErrorFacts, nextStep?: string) {
    super(
      facts,
      nextStep ??
        `Megaport did not accept the API key: check ${configKey("accessKey")} and ${configKey("secretKey")}, that the ` +
          "key was made in this environment (keys are per environment) and that it is not suspended.",
    );
  }
}

/** 403: the key's role or company may not do this (e.g. a Read Only key, or the other party's VXC end). */
export class ForbiddenError extends ApiError {
  static override readonly code: MegaportErrorCode = "MX_FORBIDDEN";
  constructor(facts: ApiErrorFacts, nextStep?: string) {
    super(
      facts,
      nextStep ??
        "The API key's role or company may not do this: use a Company Admin key of the company that owns the service.",
    );
  }
}

/** 404, and the real API's 400 "Could not find a service with UID …" (docs/megaport-api.md §4.2). */
export class NotFoundError extends ApiError {
  static override readonly code: MegaportErrorCode = "MX_NOT_FOUND";
  constructor(facts: ApiErrorFacts, nextStep?: string) {
    super(
      facts,
      nextStep ??
        "It does not exist, was decommissioned more than 30 days ago, or belongs to a company this API key cannot see.",
    );
  }
}

/** 429 after the retries ran out. `retryAfterMs` is what Megaport asked us to wait, when it said. */
export class RateLimitedError extends ApiError {
  static override readonly code: MegaportErrorCode = "MX_RATE_LIMITED";
  readonly retryAfterMs: number | undefined;
  constructor(facts: ApiErrorFacts & { retryAfterMs?: number }, nextStep?: string) {
    const wait = facts.retryAfterMs === undefined ? "a minute" : `${Math.ceil(facts.retryAfterMs / 1000)} s`;
    super(
      facts,
      nextStep ??
        `Megaport allows 500 requests per 5 minutes per source IP; wait ${wait} and retry, ` +
          "or stop other tools that share this IP.",
    );
    this.retryAfterMs = facts.retryAfterMs;
  }
}

/** A wait ran past its deadline. Says what we waited for, how long, and who must act. */
export class TimeoutError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_TIMEOUT";
  /** What did not happen in time, e.g. "a response to GET /v2/products". */
  readonly waitedFor: string;
  /** How long we waited, in milliseconds. */
  readonly waitedMs: number;
  /** Who must act for the wait to end, e.g. "the service provider (approve the connection request)". */
  readonly whoMustAct: string;
  /** Why the wait stopped before its deadline, when it did: the operation was cancelled (client/cancellation.ts). */
  readonly stoppedBy: string | undefined;
  constructor(facts: {
    waitedFor: string;
    waitedMs: number;
    whoMustAct: string;
    stoppedBy?: string;
    cause?: unknown;
  }) {
    const took = formatDuration(facts.waitedMs);
    super(
      (facts.stoppedBy === undefined
        ? `Gave up waiting for ${facts.waitedFor} after ${took}.`
        : `Stopped waiting for ${facts.waitedFor} after ${took}: the operation was cancelled (${facts.stoppedBy}).`) +
        ` Next: ${facts.whoMustAct}.`,
      { cause: facts.cause },
    );
    this.waitedFor = facts.waitedFor;
    this.waitedMs = facts.waitedMs;
    this.whoMustAct = facts.whoMustAct;
    this.stoppedBy = facts.stoppedBy;
  }
}

/** An input is wrong. Names the field, why, and how to fix it. Raised before anything is sent. */
export class ValidationError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_VALIDATION";
  /** Dotted path of the bad field, e.g. "associatedVxcs[0].term". */
  readonly fieldPath: string;
  readonly reason: string;
  readonly fix: string;
  constructor(facts: { fieldPath: string; reason: string; fix: string; cause?: unknown }) {
    super(`Invalid ${facts.fieldPath}: ${facts.reason}. Fix: ${facts.fix}`, { cause: facts.cause });
    this.fieldPath = facts.fieldPath;
    this.reason = facts.reason;
    this.fix = facts.fix;
  }
}

/** A 2xx response did not have the shape we know (docs/megaport-api.md). Names the endpoint and the field. */
export class SchemaMismatchError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_SCHEMA_MISMATCH";
  readonly method: string;
  readonly path: string;
  /** Path of the first unexpected field in the response body, e.g. "data[3].productUid". */
  readonly fieldPath: string;
  readonly reason: string;
  readonly traceId: string | undefined;
  constructor(facts: {
    method: string;
    path: string;
    fieldPath: string;
    reason: string;
    traceId?: string;
    cause?: unknown;
  }) {
    const trace = facts.traceId ? ` (Trace-Id ${facts.traceId})` : "";
    super(
      `The response to ${facts.method} ${facts.path} does not have the expected shape at ${facts.fieldPath}: ` +
        `${facts.reason}${trace}. The Megaport API may have changed; report this with the Trace-Id.`,
      { cause: facts.cause },
    );
    this.method = facts.method;
    this.path = facts.path;
    this.fieldPath = facts.fieldPath;
    this.reason = facts.reason;
    this.traceId = facts.traceId;
  }
  get endpoint(): string {
    return `${this.method} ${this.path}`;
  }
}

/** What an answer that could not be read as JSON looked like: never its text, which may hold anything. */
export type UnreadableBody = "empty" | "an HTML page" | "JSON cut off" | "not JSON";

/** The facts of an answer whose body could not be read. */
export interface UnreadableAnswerFacts {
  method: string;
  path: string;
  status: number;
  body: UnreadableBody;
  /** How long the body was, in characters. */
  length: number;
  /** False when the call was retried until the budget ran out; true when it may not be retried (an order). */
  mayHaveActed: boolean;
  traceId?: string;
  attempts?: number;
  elapsedMs?: number;
  cause?: unknown;
}

/**
 * An answer whose body is not JSON at all (cut off, an HTML page from a proxy or load balancer, empty where JSON is
 * due): a fault on the way, not a change of the API (that is SchemaMismatchError: JSON of the wrong shape). Reads
 * and other idempotent calls are retried under the retry policy; a write that may not be retried is settled as one
 * whose answer was lost. The body itself is never copied into the message.
 */
export class UnreadableAnswerError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_UNREADABLE_ANSWER";
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: UnreadableBody;
  readonly mayHaveActed: boolean;
  readonly traceId: string | undefined;
  readonly attempts: number;
  private readonly facts: UnreadableAnswerFacts;
  constructor(facts: UnreadableAnswerFacts) {
    const trace = facts.traceId ? ` (Trace-Id ${facts.traceId})` : "";
    const tries =
      facts.attempts && facts.attempts > 1
        ? ` on each of ${facts.attempts} attempts over ${formatDuration(facts.elapsedMs ?? 0)}`
        : "";
    const next = facts.mayHaveActed
      ? "The request may have reached Megaport: check the service's state before retrying, so nothing is done twice."
      : "Retry; if it persists, a proxy or load balancer between here and Megaport is answering in its place: check it.";
    super(
      `The answer to ${facts.method} ${facts.path} (HTTP ${facts.status}) could not be read: ${facts.body} ` +
        `(${facts.length} characters)${tries}${trace}. ${next}`,
      { cause: facts.cause },
    );
    this.method = facts.method;
    this.path = facts.path;
    this.status = facts.status;
    this.body = facts.body;
    this.mayHaveActed = facts.mayHaveActed;
    this.traceId = facts.traceId;
    this.attempts = facts.attempts ?? 1;
    this.facts = facts;
  }

  get endpoint(): string {
    return `${this.method} ${this.path}`;
  }

  /** The same failure, saying how many attempts it took in all. */
  afterAttempts(attempts: number, elapsedMs: number): UnreadableAnswerError {
    return new UnreadableAnswerError({ ...this.facts, attempts, elapsedMs });
  }
}

/** What a body that did not parse as JSON looks like, in words that hold none of it. */
export function describeUnreadableBody(text: string): UnreadableBody {
  const trimmed = text.trim();
  if (trimmed === "") return "empty";
  if (trimmed.startsWith("<")) return "an HTML page";
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return "JSON cut off";
  return "not JSON";
}

/** The facts of a request that failed on the network. */
export interface NetworkFailureFacts {
  method: string;
  path: string;
  /** "host:port" the request went to, when known. */
  host?: string;
  mayHaveReachedServer: boolean;
  /** The system or undici error code, e.g. "ECONNREFUSED", "UND_ERR_SOCKET". */
  systemCode?: string;
  /** How many attempts were made in all (retries included), and over how long. */
  attempts?: number;
  elapsedMs?: number;
  cause?: unknown;
}

/** The connection failed. `mayHaveReachedServer` is false only when the request provably was not sent. */
export class NetworkError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_NETWORK";
  readonly method: string;
  readonly path: string;
  readonly host: string | undefined;
  readonly mayHaveReachedServer: boolean;
  /** The system or undici error code, e.g. "ECONNREFUSED", "UND_ERR_SOCKET". */
  readonly systemCode: string | undefined;
  readonly attempts: number;
  constructor(facts: NetworkFailureFacts) {
    const to = facts.host ? ` to ${facts.host}` : "";
    const what = facts.systemCode ? ` (${facts.systemCode})` : "";
    const tries =
      facts.attempts && facts.attempts > 1
        ? ` after ${facts.attempts} attempts over ${formatDuration(facts.elapsedMs ?? 0)}`
        : "";
    super(
      `${facts.method} ${facts.path}${to} failed on the network${what}${tries}. ${networkNextStep(facts)}`,
      {
        cause: facts.cause,
      },
    );
    this.method = facts.method;
    this.path = facts.path;
    this.host = facts.host;
    this.mayHaveReachedServer = facts.mayHaveReachedServer;
    this.systemCode = facts.systemCode;
    this.attempts = facts.attempts ?? 1;
  }

  /** The same failure, saying how many attempts it took in all. */
  afterAttempts(attempts: number, elapsedMs: number): NetworkError {
    return new NetworkError({
      method: this.method,
      path: this.path,
      host: this.host,
      mayHaveReachedServer: this.mayHaveReachedServer,
      systemCode: this.systemCode,
      attempts,
      elapsedMs,
      cause: this.cause,
    });
  }
}

function networkNextStep(f: NetworkFailureFacts): string {
  if (f.systemCode === "ECONNREFUSED") {
    const local = /^(127\.0\.0\.1|localhost|\[::1\])(:|$)/.test(f.host ?? "");
    return local
      ? `Nothing is listening there: start the simulator (\`npm run simulator\`), or name the Megaport environment with ${configKey("environment")}.`
      : `Nothing accepted the connection: check ${configKey("environment")} / ${configKey("baseUrl")} and network access to Megaport.`;
  }
  if (!f.mayHaveReachedServer) return "The request was not sent; check network access to Megaport and retry.";
  return f.method === "GET"
    ? "Check network access to Megaport and retry."
    : "The request may have reached Megaport: check the service's state before retrying, so nothing is ordered twice.";
}

/**
 * The API refused freshly issued access tokens (401) on every try. The token endpoint itself accepted the key, so
 * this is not a bad key: tokens are being revoked, or the key lost a permission mid-run. Not permanent: a later try
 * may pass.
 */
export class TokenRefusedError extends ApiError {
  static override readonly code: MegaportErrorCode = "MX_TOKEN_REFUSED";
  readonly attempts: number;
  constructor(facts: ApiErrorFacts & { attempts: number }) {
    super(
      facts,
      `Megaport issued an access token for the API key and then refused it ${facts.attempts} times in a row (a new ` +
        "token each time): tokens are being revoked, or the key was suspended mid-run. Retry; if it persists, " +
        "check the key in the Portal (Tools > API Key Generator).",
    );
    this.attempts = facts.attempts;
  }
}

/** The caller's AbortSignal fired. `cause` is the signal's reason. */
export class AbortedError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_ABORTED";
  /** What was going on when the signal fired, e.g. "GET /v2/products". */
  readonly during: string;
  constructor(facts: { during: string; cause?: unknown }) {
    super(`${facts.during} was aborted by the caller.`, { cause: facts.cause });
    this.during = facts.during;
  }
}

/**
 * The provider process was cancelled (client/cancellation.ts) before it did something: nothing was sent for it.
 * `why` says what cancelled it ("the engine asked to cancel", "SIGTERM").
 */
export class CancelledError extends AbortedError {
  static override readonly code: MegaportErrorCode = "MX_CANCELLED";
  /** What was not done, e.g. 'ordering VXC "to-acme"'. */
  readonly notDone: string;
  readonly why: string;
  constructor(facts: { notDone: string; why: string }) {
    super({ during: facts.notDone, cause: facts.why });
    this.message = `Stopped before ${facts.notDone}: the operation was cancelled (${facts.why}); nothing was sent.`;
    this.notDone = facts.notDone;
    this.why = facts.why;
  }
}

/**
 * Whether a write that failed may have taken effect all the same: its answer was lost (a dropped connection after
 * the request went out, a 5xx, no answer in time) or could not be read. Such a write is settled by reading what
 * Megaport holds, never by sending it again blindly.
 */
export function answerMayBeLost(err: unknown): boolean {
  if (err instanceof NetworkError) return err.mayHaveReachedServer;
  if (err instanceof ApiError) return err.status >= 500;
  return (
    err instanceof TimeoutError || err instanceof UnreadableAnswerError || err instanceof SchemaMismatchError
  );
}

/** How a lost answer was lost, for log lines: "HTTP 502", "the connection failed: ECONNRESET", … */
export function describeLoss(err: unknown): string {
  if (err instanceof ApiError) return `HTTP ${err.status}`;
  if (err instanceof NetworkError)
    return `the connection failed${err.systemCode ? `: ${err.systemCode}` : ""}`;
  if (err instanceof TimeoutError) return "no answer in time";
  if (err instanceof UnreadableAnswerError) return `the answer was ${err.body}`;
  return "the answer could not be read";
}

// The real API answers an unknown product UID with 400 and this text, not 404; megaportgo's
// IsServiceNotFoundError and the TF provider treat it as not-found (docs/megaport-api.md §4.2).
const SERVICE_NOT_FOUND_TEXT = /could not find a service with uid/i;

/** True for a 404 and for the real API's 400 "Could not find a service with UID …". */
export function isNotFound(err: unknown): boolean {
  if (err instanceof NotFoundError) return true;
  if (!(err instanceof ApiError)) return false;
  if (err.status === 404) return true;
  return err.status === 400 && saysServiceNotFound(err);
}

function saysServiceNotFound(f: { megaportMessage?: string; details?: unknown }): boolean {
  let details = "";
  try {
    details = typeof f.details === "string" ? f.details : (JSON.stringify(f.details) ?? "");
  } catch {
    // details that cannot be serialised cannot hold the text either
  }
  return SERVICE_NOT_FOUND_TEXT.test(`${f.megaportMessage ?? ""} ${details}`);
}

/** Picks the class for an error response. The one place a status (or the 400 not-found text) becomes a type. */
export function errorFromResponse(facts: ApiErrorFacts & { retryAfterMs?: number }): ApiError {
  const { status } = facts;
  if (status === 404) return new NotFoundError(facts);
  if (status === 400 && saysServiceNotFound(facts)) return new NotFoundError(facts);
  if (status === 401) return new AuthError(facts);
  if (status === 403) return new ForbiddenError(facts);
  if (status === 429) return new RateLimitedError(facts);
  return new ApiError(facts);
}
