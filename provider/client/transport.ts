// The HTTP side of the client: one keep-alive undici Agent, per-attempt timeouts, the rate limiter, the
// bearer token (refreshed once on a 401), retries, error mapping, response parsing through zod (a 2xx body that
// is not JSON at all is a fault on the way, retried like a lost answer; JSON of the wrong shape is a change of the
// API), the debug log line, and redaction of everything that leaves. Must never: let an error or log line out
// without passing it through the Redactor; retry an unsafe call (an order) that may have reached Megaport; log a
// request or response body.

import type { IncomingHttpHeaders } from "node:http";
import { Agent } from "undici";
import type { z } from "zod";
import { throwIfAborted } from "./abort";
import { orCancelled } from "./cancellation";
import { basicAuthorization, TokenCache, tokenRequestUrl } from "./auth";
import type { Endpoints } from "./environments";
import {
  AbortedError,
  AuthError,
  errorFromResponse,
  MegaportError,
  NetworkError,
  SchemaMismatchError,
  TimeoutError,
  TokenRefusedError,
  truncate,
  describeUnreadableBody,
  UnreadableAnswerError,
} from "./errors";
import type { RateLimiter, RequestPriority } from "./request-budget";
import { Redactor } from "./redact";
import {
  backoffDelayMs,
  isRetryableStatus,
  parseRetryAfterMs,
  provablyNotSent,
  retryDelayMs,
  type RetryPolicy,
  type RetrySafety,
  transportErrorCode,
} from "./retry";
import { ErrorBodySchema } from "./schemas/envelope";
import { TokenErrorSchema, TokenResponseSchema } from "./schemas/token";
import { firstIssue } from "./zod-issues";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

export interface TransportOptions {
  endpoints: Endpoints;
  accessKey: string;
  secretKey: string;
  userAgent: string;
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  retry: RetryPolicy;
  rateLimiter: RateLimiter;
  log?: (line: string) => void;
  now: () => number;
}

/** One API call: where, what, how its answer is parsed and how it may be retried. */
export interface ApiCall<S extends z.ZodType> {
  method: HttpMethod;
  /** Path below the base URL, segments already encoded, e.g. "/v2/product/<uid>". */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  /** Schema of the whole response body. */
  schema: S;
  safety: RetrySafety;
  signal?: AbortSignal;
  /** Its place in the request budget's queue: reads default to "lookup", writes to "order". */
  priority?: RequestPriority;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  traceId: string | undefined;
  /** A 2xx body read as JSON (undefined when empty and the call expects nothing). */
  json?: unknown;
}

interface Exchange {
  method: HttpMethod;
  url: URL;
  /** "METHOD /path" for messages and logs (no query string: it may carry a service key). */
  endpoint: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  safety: RetrySafety;
  signal?: AbortSignal;
  priority: RequestPriority;
  /** Whether an empty 2xx body is a whole answer (its schema takes undefined), rather than one lost on the way. */
  emptyIsAnswer: boolean;
}

export class Transport {
  private readonly agent: Agent;
  private readonly redactor: Redactor;
  private readonly tokens: TokenCache;
  private readonly basicAuthorization: string;

  constructor(private readonly options: TransportOptions) {
    this.basicAuthorization = basicAuthorization(options.accessKey, options.secretKey);
    this.redactor = new Redactor([
      options.secretKey,
      options.accessKey,
      this.basicAuthorization,
      this.basicAuthorization.slice("Basic ".length),
    ]);
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs },
      // Backstops for the per-attempt deadline below (undici's own defaults are 300 s).
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      keepAliveTimeout: 30_000,
      connections: 16,
    });
    this.tokens = new TokenCache((signal) => this.requestToken(signal), options.now);
  }

  /** Sends one API call and returns its parsed body. Every error thrown is a redacted MegaportError. */
  async call<S extends z.ZodType>(call: ApiCall<S>): Promise<z.output<S>> {
    return (await this.callWithHeaders(call)).body;
  }

  /** As call, also handing back the response headers (paged lists carry their totals there). */
  async callWithHeaders<S extends z.ZodType>(
    call: ApiCall<S>,
  ): Promise<{ body: z.output<S>; headers: IncomingHttpHeaders }> {
    const url = new URL(`${this.options.endpoints.baseUrl}${call.path}`);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    const endpoint = `${call.method} ${url.pathname}`;
    try {
      const response = await this.sendWithToken({
        method: call.method,
        url,
        endpoint,
        path: url.pathname,
        headers: this.apiHeaders(call.body !== undefined),
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        safety: call.safety,
        signal: call.signal,
        priority: call.priority ?? (call.method === "GET" ? "lookup" : "order"),
        emptyIsAnswer: call.schema.safeParse(undefined).success,
      });
      return {
        body: this.parse(call.schema, response, call.method, url.pathname),
        headers: response.headers,
      };
    } catch (err) {
      throw this.redactor.error(asMegaportError(err, endpoint));
    }
  }

  /** Closes idle keep-alive connections and refuses new requests. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  private apiHeaders(hasBody: boolean): Record<string, string> {
    return {
      accept: "application/json",
      "user-agent": this.options.userAgent,
      // megaportgo callers send x-app ("terraform", "cli"); purpose unknown, safe to name ourselves (§2.3).
      "x-app": "pulumi",
      ...(hasBody ? { "content-type": "application/json" } : {}),
    };
  }

  // A 401 means the token died early (revoked, clock skew): fetch a new one and try again, at most
  // MAX_TOKEN_REFRESHES times. A key Megaport refuses fails at the token endpoint (AuthError); 401s on tokens it
  // has just issued become TokenRefusedError, which says so.
  private async sendWithToken(exchange: Exchange): Promise<RawResponse> {
    let usedToken = "";
    const attempt = async () => {
      await this.options.rateLimiter.acquire(
        exchange.signal,
        `${exchange.endpoint} (waiting for the request budget)`,
        exchange.priority,
      );
      try {
        usedToken = await this.tokens.getToken(
          exchange.signal,
          `${exchange.endpoint} (getting an access token)`,
        );
      } catch (err) {
        // The token request has already retried on its own; retrying it again here would multiply the attempts.
        throw new Final(err);
      }
      return this.readable(
        exchange,
        await this.send({
          ...exchange,
          headers: { ...exchange.headers, authorization: `Bearer ${usedToken}` },
        }),
      );
    };
    let response = await this.withRetries(exchange, attempt);
    for (let refresh = 1; response.status === 401 && refresh <= MAX_TOKEN_REFRESHES; refresh++) {
      this.tokens.invalidate(usedToken);
      this.log(
        `${exchange.endpoint} got 401; fetching a new token and trying again (${refresh}/${MAX_TOKEN_REFRESHES})`,
      );
      response = await this.withRetries(exchange, attempt);
    }
    if (response.status >= 200 && response.status < 300) return response;
    if (response.status === 401) {
      const { megaportMessage, details, traceId } = readErrorBody(response);
      throw new TokenRefusedError({
        status: 401,
        method: exchange.method,
        path: exchange.path,
        megaportMessage,
        details,
        traceId,
        attempts: MAX_TOKEN_REFRESHES + 1,
      });
    }
    throw this.errorFor(exchange, response);
  }

  private async withRetries(exchange: Exchange, attempt: () => Promise<RawResponse>): Promise<RawResponse> {
    const policy = this.options.retry;
    const started = this.options.now();
    for (let retry = 0; ; retry++) {
      throwIfAborted(exchange.signal, exchange.endpoint);
      let response: RawResponse;
      try {
        response = await attempt();
      } catch (err) {
        if (err instanceof Final) throw err.cause;
        if (!isRetryableFailure(err, exchange.safety) || retry >= policy.maxRetries) {
          throw (err instanceof NetworkError || err instanceof UnreadableAnswerError) && retry > 0
            ? err.afterAttempts(retry + 1, this.options.now() - started)
            : err;
        }
        const delay = backoffDelayMs(retry, policy);
        this.log(
          `${exchange.endpoint} retry ${retry + 1}/${policy.maxRetries} in ${delay}ms after ${describe(err)}`,
        );
        await policy.sleep(delay, orCancelled(exchange.signal));
        continue;
      }
      if (!isRetryableStatus(response.status, exchange.safety) || retry >= policy.maxRetries) return response;
      const retryAfterMs = parseRetryAfterMs(response.headers["retry-after"], this.options.now());
      const delay = retryDelayMs(retry, retryAfterMs, policy);
      this.log(
        `${exchange.endpoint} retry ${retry + 1}/${policy.maxRetries} in ${delay}ms after HTTP ${response.status}`,
      );
      await policy.sleep(delay, orCancelled(exchange.signal));
    }
  }

  /** One HTTP attempt with its own deadline. Throws AbortedError, TimeoutError or NetworkError. */
  private async send(exchange: Exchange): Promise<RawResponse> {
    const { signal, endpoint, method } = exchange;
    throwIfAborted(signal, endpoint);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.requestTimeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const started = this.options.now();
    try {
      const res = await this.agent.request({
        origin: exchange.url.origin,
        path: `${exchange.url.pathname}${exchange.url.search}`,
        method,
        headers: exchange.headers,
        body: exchange.body,
        signal: controller.signal,
      });
      const text = await res.body.text();
      const traceId = headerValue(res.headers["trace-id"]);
      this.log(
        `${endpoint} ${res.statusCode} ${this.options.now() - started}ms${traceId ? ` Trace-Id ${traceId}` : ""}`,
      );
      return { status: res.statusCode, headers: res.headers, text, traceId };
    } catch (err) {
      const failure = this.failureFor(exchange, err, timedOut);
      this.log(`${endpoint} failed after ${this.options.now() - started}ms: ${describe(failure)}`);
      throw failure;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  private failureFor(exchange: Exchange, err: unknown, timedOut: boolean): MegaportError {
    const { signal, endpoint, method, path } = exchange;
    if (signal?.aborted) return new AbortedError({ during: endpoint, cause: signal.reason });
    const code = transportErrorCode(err);
    if (timedOut || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new TimeoutError({
        waitedFor: `a response to ${endpoint} from ${exchange.url.host}`,
        waitedMs: this.options.requestTimeoutMs,
        whoMustAct:
          exchange.safety === "unsafe"
            ? "you: the request may have reached Megaport, so check the service's state before retrying, so nothing is ordered twice"
            : `you, if it persists: check network access to ${exchange.url.host}, or raise requestTimeoutMs`,
        cause: err,
      });
    }
    return new NetworkError({
      method,
      path,
      host: exchange.url.host,
      mayHaveReachedServer: !provablyNotSent(err),
      systemCode: code,
      cause: err,
    });
  }

  /**
   * A 2xx answer whose body is JSON, read; one that is not (cut off, a proxy's HTML page, empty where JSON is due)
   * is a failure of this attempt, which withRetries retries when the call is idempotent.
   */
  private readable(exchange: Exchange, response: RawResponse): RawResponse {
    if (response.status < 200 || response.status >= 300) return response;
    const text = response.text.trim();
    if (text === "" && exchange.emptyIsAnswer) return { ...response, json: undefined };
    try {
      if (text === "") throw new Error("empty body");
      return { ...response, json: JSON.parse(text) as unknown };
    } catch (err) {
      const failure = new UnreadableAnswerError({
        method: exchange.method,
        path: exchange.path,
        status: response.status,
        body: describeUnreadableBody(text),
        length: response.text.length,
        mayHaveActed: exchange.safety === "unsafe",
        traceId: response.traceId,
        // The parser's message quotes the body: keep only its class.
        cause: err instanceof Error ? new Error(err.name) : undefined,
      });
      this.log(`${exchange.endpoint} answer could not be read: ${failure.body}`);
      throw failure;
    }
  }

  private errorFor(exchange: Exchange, response: RawResponse): MegaportError {
    const { megaportMessage, details, traceId } = readErrorBody(response);
    return errorFromResponse({
      status: response.status,
      method: exchange.method,
      path: exchange.path,
      megaportMessage,
      details,
      traceId,
      retryAfterMs: parseRetryAfterMs(response.headers["retry-after"], this.options.now()),
    });
  }

  private parse<S extends z.ZodType>(
    schema: S,
    response: RawResponse,
    method: string,
    path: string,
  ): z.output<S> {
    // The body was read as JSON by readable() in the attempt that got it.
    const json = response.json;
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    const { fieldPath, reason } = firstIssue(result.error.issues, json);
    throw new SchemaMismatchError({ method, path, fieldPath, reason, traceId: response.traceId });
  }

  /** The token exchange: POST tokenUrl?grant_type=client_credentials, Basic auth, empty body. */
  private async requestToken(
    signal: AbortSignal,
  ): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const url = tokenRequestUrl(this.options.endpoints.tokenUrl);
    const exchange: Exchange = {
      signal,
      method: "POST",
      url,
      endpoint: `POST ${url.pathname}`,
      path: url.pathname,
      headers: {
        authorization: this.basicAuthorization,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        "user-agent": this.options.userAgent,
      },
      body: "",
      // Asking for a token changes nothing on the server, so it is retried like a GET. It never waits on the request
      // budget: the token endpoint is another host, outside the API's request limit.
      safety: "idempotent",
      priority: "poll",
      emptyIsAnswer: false,
    };
    const response = await this.withRetries(exchange, async () =>
      this.readable(exchange, await this.send(exchange)),
    );
    if (response.status >= 200 && response.status < 300) {
      const token = this.parse(TokenResponseSchema, response, "POST", url.pathname);
      this.redactor.addSecret(token.access_token);
      return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new AuthError({
        status: response.status,
        method: "POST",
        path: url.pathname,
        megaportMessage: describeTokenRefusal(response.text),
        traceId: response.traceId,
      });
    }
    throw this.errorFor(exchange, response);
  }

  private log(line: string): void {
    if (!this.options.log) return;
    try {
      this.options.log(this.redactor.text(`megaport-mx: ${line}`));
    } catch {
      // A failing log hook must not fail the request.
    }
  }
}

/** How many times one call fetches a new token after a 401 before it gives up. */
export const MAX_TOKEN_REFRESHES = 2;

/** An error that must reach the caller as it is, without another round of retries. */
class Final {
  constructor(readonly cause: unknown) {}
}

function isRetryableFailure(err: unknown, safety: RetrySafety): boolean {
  if (err instanceof NetworkError) return safety === "idempotent" || !err.mayHaveReachedServer;
  // A garbled answer came after the request arrived: like a lost answer, retried only when that is harmless.
  if (err instanceof TimeoutError || err instanceof UnreadableAnswerError) return safety === "idempotent";
  return false;
}

function asMegaportError(err: unknown, endpoint: string): MegaportError {
  if (err instanceof MegaportError) return err;
  const what = err instanceof Error ? err.message : String(err);
  return new MegaportError(`${endpoint} failed unexpectedly: ${what}`, { cause: err });
}

function describe(err: unknown): string {
  if (err instanceof MegaportError)
    return `${err.code}${err instanceof NetworkError && err.systemCode ? ` ${err.systemCode}` : ""}`;
  return err instanceof Error ? err.name : String(err);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Megaport's message, details and trace id from an error body; a non-JSON body becomes the message. */
function readErrorBody(response: RawResponse): {
  megaportMessage?: string;
  details?: unknown;
  traceId?: string;
} {
  const text = response.text.trim();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    return { megaportMessage: truncate(text), traceId: response.traceId };
  }
  const body = ErrorBodySchema.safeParse(json);
  if (!body.success) return { megaportMessage: truncate(text), traceId: response.traceId };
  const details = body.data.data ?? body.data.error;
  const parts = [body.data.message, detailsText(details)].filter((p): p is string => !!p && p.trim() !== "");
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  return {
    megaportMessage: unique.length ? truncate(unique.join(": ")) : undefined,
    details,
    traceId: response.traceId ?? body.data.trace_id,
  };
}

// 400 bodies carry validation messages in `data`: a string, or objects whose values are the messages
// (old Java client handleError, docs/megaport-api.md §4.1).
function detailsText(details: unknown): string | undefined {
  if (typeof details === "string") return details;
  const items = Array.isArray(details) ? details : details && typeof details === "object" ? [details] : [];
  const texts = items.flatMap((item) =>
    typeof item === "string"
      ? [item]
      : item && typeof item === "object"
        ? Object.values(item).filter((v): v is string => typeof v === "string")
        : [],
  );
  return texts.length ? texts.join("; ") : undefined;
}

function describeTokenRefusal(text: string): string | undefined {
  try {
    const body = TokenErrorSchema.safeParse(JSON.parse(text));
    if (body.success) {
      const parts = [body.data.error, body.data.error_description, body.data.message].filter(Boolean);
      if (parts.length) return truncate(parts.join(": "));
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim() ? truncate(text.trim()) : undefined;
}
