/**
 * The simulator's HTTP server: a faithful local Megaport API on loopback, plus the OAuth2 token endpoint, the
 * portal (/portal) and the admin endpoints (/_sim). `createSimulator` serves a given store; `startSimulator`
 * builds the store, clock, faults and mailer from options (docs/contracts.md) and serves them.
 *
 * Every request: scheduled token revocation and due lifecycle transitions, then (API only) rate limit and
 * faults, route, authenticate, Read Only check, handler, then the state file is written BEFORE the answer, so
 * an acknowledged change survives a crash; "after" faults replace the answer only once that is done. API and
 * token requests are counted in the request log. Any error becomes the Megaport envelope through errors.ts;
 * nothing a client sends can crash it.
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { SimulatedClock } from "./clock";
import { assertMayChange } from "./domain/caller";
import { authenticate, expireTokens } from "./domain/tokens";
import { writeJson } from "./envelope";
import { unauthenticated } from "./domain-error";
import { badRequest, SimError, writeError } from "./errors";
import { Faults, FaultConfigSchema, type FaultConfig, type FiredStatus } from "./faults";
import { allowedHostNames, isAllowedHost } from "./host-header";
import { parseJsonBody, readBody } from "./http-body";
import { runDueTransitions } from "./lifecycle";
import { Mailer, parseSmtpAddress, type SmtpConfig } from "./mail";
import { handlePortal } from "./portal/portal";
import { MEGAPORT_RATE_LIMIT, SlidingWindowLimiter } from "./rate-limit";
import { RequestLog, routeTemplate, type RecordedStatus } from "./request-log";
import { bearerToken, Router, type RouteContext, type RouteResult } from "./router";
import { adminRoutes } from "./routes/admin";
import { authRoutes } from "./routes/auth";
import { locationRoutes } from "./routes/locations";
import { marketplaceRoutes } from "./routes/marketplace";
import { orderApprovalRoutes } from "./routes/order-approvals";
import { orderRoutes } from "./routes/orders";
import { peopleRoutes } from "./routes/people";
import { pricingRoutes } from "./routes/pricing";
import { productRoutes } from "./routes/products";
import { serviceKeyRoutes } from "./routes/service-keys";
import { vxcRoutes } from "./routes/vxcs";
import { buildSeedState } from "./seed";
import type { SimState } from "./state";
import { Store } from "./store";
import { resolveTimings, type Timings, type TimingsName } from "./timings";

export interface Simulator {
  /** API base URL, no trailing slash. */
  url: string;
  tokenUrl: string;
  portalUrl: string;
  store: Store;
  faults: Faults;
  mailer: Mailer;
  /** Counts of the requests answered (GET /_sim/requests). */
  requests: RequestLog;
  /** Stop serving, finish email deliveries, and write the state one last time. */
  close(): Promise<void>;
}

export interface CreateSimulatorOptions {
  store: Store;
  faults?: Faults;
  mailer?: Mailer;
  limiter?: SlidingWindowLimiter;
  requests?: RequestLog;
  port?: number;
  host?: string;
  /** Run the background lifecycle ticker (default true). */
  ticker?: boolean;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

const FAULT_MESSAGES: Record<FiredStatus["status"], string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function faultError({ status, retryAfterSeconds }: FiredStatus): SimError {
  const headers: Record<string, string> =
    retryAfterSeconds === null ? {} : { "Retry-After": String(retryAfterSeconds) };
  return new SimError(status, FAULT_MESSAGES[status], "Injected fault (simulator)", headers);
}

/** What the request log says shaped an answer. */
function faultLabel(kind: string, after: boolean): string {
  return after ? `${kind} (after)` : kind;
}

function requestUrl(req: http.IncomingMessage): URL {
  try {
    return new URL(req.url ?? "/", "http://simulator.local");
  } catch {
    throw badRequest("Malformed request URL");
  }
}

const TOKEN_PATH = "/oauth2/token";

export async function createSimulator(options: CreateSimulatorOptions): Promise<Simulator> {
  const { store } = options;
  const wallNow = () => store.clock.wallNow();
  const faults = options.faults ?? new Faults([], Math.random, wallNow);
  const mailer = options.mailer ?? new Mailer(store, undefined);
  const limiter = options.limiter ?? new SlidingWindowLimiter(MEGAPORT_RATE_LIMIT, wallNow);
  const requests = options.requests ?? new RequestLog(wallNow);
  store.onEmail = (email) => mailer.deliver(email);
  store.initialEmailDelivery = mailer.configured ? "pending" : "not-configured";

  const api = new Router().add(
    ...authRoutes,
    ...locationRoutes,
    ...productRoutes,
    ...orderRoutes,
    ...vxcRoutes,
  );
  api.add(
    ...serviceKeyRoutes,
    ...peopleRoutes,
    ...marketplaceRoutes,
    ...pricingRoutes,
    ...orderApprovalRoutes,
  );
  const admin = new Router().add(...adminRoutes({ faults, limiter, requests }));
  const localNames = allowedHostNames(options.host);
  /**
   * 421 Misdirected Request (RFC 9110 §15.5.20): this server will not answer for the name the request was sent
   * to. Not 403: nothing about the caller is refused, and the same request to http://127.0.0.1 is answered.
   */
  const assertLocalHost = (req: http.IncomingMessage) => {
    if (!isAllowedHost(req.headers.host, localNames)) {
      throw new SimError(
        421,
        `The portal and /_sim answer only requests to ${[...localNames].join(", ")}, not to Host ` +
          `"${(req.headers.host ?? "").slice(0, 100)}" (a page on another site could reach them through DNS rebinding)`,
      );
    }
  };

  /** Route, authenticate, run the handler and save its change; the answer is left to the caller. */
  async function dispatch(
    router: Router,
    req: http.IncomingMessage,
    url: URL,
    traceId: string,
    expireToken = false,
  ): Promise<RouteResult> {
    const method = req.method ?? "GET";
    const match = router.match(method, url.pathname);
    if (match.kind === "none") throw new SimError(404, `No endpoint ${method} ${url.pathname}`);
    if (match.kind === "wrong-method") {
      throw new SimError(405, `Method ${method} is not allowed on ${url.pathname}`, null, {
        Allow: match.allowed.join(", "),
      });
    }
    const { route, params } = match;
    const rawBody = await readBody(req);
    const ctx: RouteContext = {
      store,
      caller: undefined as unknown as RouteContext["caller"],
      params,
      query: url.searchParams,
      body: undefined,
      rawBody,
      headers: req.headers,
      traceId,
      token: undefined,
    };
    if (route.auth) {
      if (expireToken) {
        const bearer = bearerToken(req.headers.authorization);
        if (bearer) expireTokens(store, bearer);
        store.flush();
        throw unauthenticated("The access token has expired; request a new one from the token endpoint");
      }
      const token = bearerToken(req.headers.authorization);
      if (!token) throw unauthenticated("Missing bearer token: send Authorization: Bearer <access_token>");
      const auth = authenticate(store, token);
      ctx.caller = auth.caller;
      ctx.token = auth.token;
      if (route.change) assertMayChange(auth.caller);
    }
    const contentType = String(req.headers["content-type"] ?? "");
    if (!contentType.includes("x-www-form-urlencoded")) ctx.body = parseJsonBody(rawBody);
    const result = route.handler(ctx);
    store.flush();
    return result;
  }

  /** Fault rules that fire before, around and after the handler, and the answer that is (or is not) sent. */
  async function serveApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    traceId: string,
    noteFault: (label: string) => void,
  ): Promise<void> {
    const method = req.method ?? "GET";
    // EXTENSION: (detail) Retry-After on the rate-limit 429 is not evidenced for the real API (§4.3).
    // The token endpoint is another host on the real API (auth-m2m…), outside the API's request limit.
    const admitted =
      url.pathname === TOKEN_PATH
        ? ({ admitted: true } as const)
        : limiter.admit(req.socket.remoteAddress ?? "unknown");
    if (!admitted.admitted) {
      noteFault("rate-limit");
      throw new SimError(
        429,
        "Too Many Requests: the limit is 500 requests per 5 minutes per IP address",
        null,
        { "Retry-After": String(admitted.retryAfterSeconds) },
      );
    }
    const fired = faults.fire(method, url.pathname);
    if (fired.latencyMs > 0) {
      noteFault("latency");
      await store.clock.wait(fired.latencyMs);
    }
    if (fired.drop) {
      noteFault(faultLabel("drop", false));
      req.socket.destroy();
      return;
    }
    if (fired.status) {
      noteFault(faultLabel(`status ${fired.status.status}`, false));
      throw faultError(fired.status);
    }
    if (fired.expireToken) noteFault("token-expiry");
    if (!fired.dropAfter && !fired.statusAfter) {
      const result = await dispatch(api, req, url, traceId, fired.expireToken);
      writeJson(res, result.status ?? 200, result.body, traceId, result.headers);
      return;
    }
    // The lost answer: the work is done and saved (or refused), then the client hears something else.
    try {
      await dispatch(api, req, url, traceId, fired.expireToken);
    } catch {
      store.flush();
    }
    if (fired.dropAfter) {
      noteFault(faultLabel("drop", true));
      req.socket.destroy();
      return;
    }
    const lost = fired.statusAfter as FiredStatus;
    noteFault(faultLabel(`status ${lost.status}`, true));
    throw faultError(lost);
  }

  /**
   * Catch up with time, before every request and on every tick: scheduled token revocation first, so a token
   * issued after a revocation boundary is never caught by it, then due lifecycle transitions, then save.
   */
  function catchUp(): void {
    if (faults.tokenRevocationDue()) expireTokens(store);
    runDueTransitions(store);
    store.flush();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const traceId = randomUUID();
    const arrived = wallNow();
    const method = req.method ?? "GET";
    let counted: { kind: "api" | "token"; route: string; fault: string | null } | null = null;
    try {
      const url = requestUrl(req);
      catchUp();
      if (url.pathname === "/_sim" || url.pathname.startsWith("/_sim/")) {
        if (!LOOPBACK.has(req.socket.remoteAddress ?? ""))
          throw new SimError(403, "Admin endpoints answer on loopback only");
        assertLocalHost(req);
        const result = await dispatch(admin, req, url, traceId);
        writeJson(res, result.status ?? 200, result.body, traceId, result.headers);
        return;
      }
      if (url.pathname === "/portal" || url.pathname.startsWith("/portal/")) {
        assertLocalHost(req);
        await handlePortal(store, req, res, url, traceId);
        return;
      }
      // The API answers any Host: see host-header.ts for why a bearer token is protection enough.
      const match = api.match(method, url.pathname);
      counted = {
        kind: url.pathname === TOKEN_PATH ? "token" : "api",
        route: match.kind === "found" ? routeTemplate(match.route.path) : "(no endpoint)",
        fault: null,
      };
      const note = counted;
      await serveApi(req, res, url, traceId, (label) => {
        note.fault = note.fault === null ? label : `${note.fault}, ${label}`;
      });
    } catch (err) {
      try {
        store.flush();
      } catch {
        // Keep answering even when the disk is gone; the error below still reaches the client.
      }
      writeError(res, traceId, err);
    } finally {
      if (counted) {
        const status: RecordedStatus = res.headersSent ? res.statusCode : "dropped";
        requests.record(
          {
            at: arrived,
            method,
            route: counted.route,
            status,
            durationMs: wallNow() - arrived,
            fault: counted.fault,
          },
          counted.kind,
        );
      }
    }
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  // A client that sends garbage at the HTTP level gets a 400 rather than a hung socket.
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  const ticker =
    options.ticker === false
      ? null
      : setInterval(() => {
          try {
            catchUp();
          } catch {
            // A failed background write is retried on the next tick or request.
          }
        }, store.timings.tickMs);
  ticker?.unref();

  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closed: Promise<void> | null = null;
  return {
    url,
    tokenUrl: `${url}/oauth2/token`,
    portalUrl: `${url}/portal`,
    store,
    faults,
    mailer,
    requests,
    close: () => {
      closed ??= (async () => {
        if (ticker) clearInterval(ticker);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await mailer.close();
        store.flush();
      })();
      return closed;
    },
  };
}

export interface StartSimulatorOptions {
  port?: number;
  host?: string;
  /** JSON state file; loaded when it exists, written atomically after every change. */
  stateFile?: string;
  /** "test" (near-zero durations), "demo" (about half a minute per order, the default) or custom durations. */
  timings?: TimingsName | Partial<Timings>;
  /** Fault rules and the rate limit (default 500 requests per 5 minutes per IP; `false` turns it off). */
  faults?: FaultConfig;
  /** SMTP server for email delivery, as `host:port` or a config object. */
  smtp?: SmtpConfig | string;
  /** Adjust the freshly built seed (not applied when the state comes from the state file). */
  seed?: (state: SimState) => void;
  /** Injected clock (tests). */
  clock?: SimulatedClock;
  /** Source of randomness for fault rates (tests). */
  random?: () => number;
  /** Run the background lifecycle ticker (default true). */
  ticker?: boolean;
}

export async function startSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? new SimulatedClock();
  const timings = resolveTimings(options.timings);
  const { store } = Store.open({
    clock,
    timings,
    stateFile: options.stateFile,
    makeSeed: (now) => {
      const state = buildSeedState(now);
      options.seed?.(state);
      return state;
    },
  });
  const faultConfig = FaultConfigSchema.parse(options.faults ?? {});
  const wallNow = () => clock.wallNow();
  const faults = new Faults(faultConfig.rules ?? [], options.random, wallNow);
  if (faultConfig.revokeTokensEveryMs !== undefined)
    faults.revokeTokensEvery(faultConfig.revokeTokensEveryMs);
  const limiter = new SlidingWindowLimiter(faultConfig.rateLimit ?? MEGAPORT_RATE_LIMIT, wallNow);
  if (faultConfig.expireTokensNow) expireTokens(store);
  const smtp = typeof options.smtp === "string" ? parseSmtpAddress(options.smtp) : options.smtp;
  const mailer = new Mailer(store, smtp);
  return createSimulator({
    store,
    faults,
    mailer,
    limiter,
    port: options.port,
    host: options.host,
    ticker: options.ticker,
  });
}
