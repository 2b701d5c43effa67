// An HTTP proxy on 127.0.0.1 in front of the simulator that garbles answers the way proxies and load balancers do:
// a 502 in place of the upstream's answer, a 200 whose body is cut off, an HTML page answered in the upstream's
// place, and a long delay. Which request gets which fault is deterministic: scripted faults name "the Nth request
// matching METHOD PATH", and the rest follow rates drawn from the seeded random source the test passes, so a failing
// run repeats with its seed. Every fault that fired is recorded with the request it hit. Must never: listen on
// anything but loopback, or keep a request body or header (they carry credentials).
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export const GARBLES = ["502", "truncated", "html", "delay"] as const;
export type Garble = (typeof GARBLES)[number];

/** The Nth (1-based) request matching `method` and `path` gets `fault`. */
export interface ScriptedGarble {
  method: string;
  path: RegExp;
  nth: number;
  fault: Garble;
}

export interface GarblingProxyOptions {
  /** The upstream, e.g. the simulator's url. */
  target: string;
  /** Share of requests (0–1) that get each fault when no scripted fault names them. */
  rates?: Partial<Record<Garble, number>>;
  scripted?: ScriptedGarble[];
  /** How long a "delay" holds a request before it is forwarded. */
  delayMs?: number;
  /** A seeded source in [0, 1). */
  random: () => number;
}

export interface FiredGarble {
  fault: Garble;
  method: string;
  /** The path without its query string (a query may carry a service key). */
  path: string;
}

export interface GarblingProxy {
  url: string;
  tokenUrl: string;
  /** Every fault that fired, in order. */
  fired: FiredGarble[];
  /** How many of each fault fired. */
  counts(): Record<Garble, number>;
  /** From now on, forward everything as it is. */
  quiet(): void;
  close(): Promise<void>;
}

const HTML_PAGE =
  "<!DOCTYPE html><html><head><title>Service Unavailable</title></head>" +
  "<body><h1>Please wait</h1><p>The service is busy. This page will refresh.</p></body></html>";
const BAD_GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>";

export async function startGarblingProxy(options: GarblingProxyOptions): Promise<GarblingProxy> {
  const target = new URL(options.target);
  const agent = new http.Agent({ keepAlive: true });
  const seen = new Map<ScriptedGarble, number>();
  const fired: FiredGarble[] = [];
  const sockets = new Set<Socket>();
  let quiet = false;

  function choose(method: string, path: string): Garble | null {
    if (quiet) return null;
    let scripted: Garble | null = null;
    for (const rule of options.scripted ?? []) {
      if (rule.method !== method || !rule.path.test(path)) continue;
      const n = (seen.get(rule) ?? 0) + 1;
      seen.set(rule, n);
      if (n === rule.nth) scripted ??= rule.fault;
    }
    if (scripted) return scripted;
    // One draw per request, so the seed alone decides the sequence.
    let draw = options.random();
    for (const fault of GARBLES) {
      const rate = options.rates?.[fault] ?? 0;
      if (draw < rate) return fault;
      draw -= rate;
    }
    return null;
  }

  function forward(
    req: http.IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on("error", reject);
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  }

  function answer(res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: Buffer) {
    const { "transfer-encoding": _chunked, connection: _connection, ...rest } = headers;
    res.writeHead(status, { ...rest, "content-length": body.length });
    res.end(body);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://proxy.local").pathname;
    const fault = choose(method, path);
    const note = () => fault && fired.push({ fault, method, path });
    if (fault === "html") {
      // The load balancer answers in the upstream's place: the request never arrives.
      note();
      return answer(res, 200, { "content-type": "text/html" }, Buffer.from(HTML_PAGE));
    }
    if (fault === "delay") {
      note();
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 20_000));
    }
    const upstream = await forward(req, body);
    if (fault === "502") {
      // The upstream did the work; its answer is lost on the way back.
      note();
      return answer(res, 502, { "content-type": "text/html" }, Buffer.from(BAD_GATEWAY));
    }
    if (
      fault === "truncated" &&
      upstream.status >= 200 &&
      upstream.status < 300 &&
      upstream.body.length > 1
    ) {
      note();
      const cut = upstream.body.subarray(0, Math.floor(upstream.body.length / 2));
      return answer(res, upstream.status, upstream.headers, cut);
    }
    answer(res, upstream.status, upstream.headers, upstream.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenUrl: `${url}/oauth2/token`,
    fired,
    counts() {
      const counts = Object.fromEntries(GARBLES.map((g) => [g, 0])) as Record<Garble, number>;
      for (const f of fired) counts[f.fault] += 1;
      return counts;
    },
    quiet() {
      quiet = true;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
