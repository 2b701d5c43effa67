// A real HTTP server on loopback (port 0) that plays Megaport's token endpoint and API for client tests:
// records every request, answers from per-route scripts, issues and checks bearer tokens. Must never:
// listen on anything but 127.0.0.1, or outlive its test (close() destroys open sockets).

import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a route answers. "destroy" drops the connection after reading the request; "hang" never answers. */
export type Reply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; text?: string; delayMs?: number }
  | "destroy"
  | "hang";
export type Responder = Reply | ((req: RecordedRequest, server: TestServer) => Reply | Promise<Reply>);

export const TOKEN_PATH = "/oauth2/token";

export function envelope(data: unknown, message = "OK"): { json: unknown } {
  return { json: { message, terms: "This data is subject to the Acceptable Use Policy", data } };
}

export class TestServer {
  readonly requests: RecordedRequest[] = [];
  /** Every token this server issued, oldest first. */
  readonly issuedTokens: string[] = [];
  /** Tokens the API refuses with 401 even though issued. */
  readonly revokedTokens = new Set<string>();
  tokenLifetimeSeconds = 3600;
  private readonly routes = new Map<string, Responder[]>();
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private server!: Server;
  url = "";

  constructor(
    readonly accessKey: string,
    readonly secretKey: string,
  ) {}

  get tokenUrl(): string {
    return `${this.url}${TOKEN_PATH}`;
  }

  get expectedBasic(): string {
    return `Basic ${Buffer.from(`${this.accessKey}:${this.secretKey}`).toString("base64")}`;
  }

  tokenRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === TOKEN_PATH);
  }

  apiRequests(method?: string, path?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.path !== TOKEN_PATH && (!method || r.method === method) && (!path || r.path === path),
    );
  }

  /** Scripts a route: each request takes the next responder; the last one repeats. */
  on(method: string, path: string, ...responders: Responder[]): this {
    this.routes.set(`${method} ${path}`, [...responders]);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const recorded: RecordedRequest = {
          method: req.method ?? "",
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        };
        this.requests.push(recorded);
        void this.answer(recorded, res);
      });
    });
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The default token endpoint: Basic auth must match; grant_type in the query or the body. */
  issueToken(req: RecordedRequest): Reply {
    const grant = req.query.get("grant_type") ?? new URLSearchParams(req.body).get("grant_type");
    if (req.method !== "POST" || grant !== "client_credentials")
      return { status: 400, json: { error: "unsupported_grant_type" } };
    if (req.headers.authorization !== this.expectedBasic)
      return { status: 401, json: { error: "invalid_client" } };
    const token = `tok${this.issuedTokens.length + 1}-${randomBytes(12).toString("hex")}`;
    this.issuedTokens.push(token);
    return { json: { access_token: token, token_type: "Bearer", expires_in: this.tokenLifetimeSeconds } };
  }

  private bearerOk(req: RecordedRequest): boolean {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    return !!match && this.issuedTokens.includes(match[1]!) && !this.revokedTokens.has(match[1]!);
  }

  private async answer(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const key = `${req.method} ${req.path}`;
    const script = this.routes.get(key);
    let reply: Reply;
    if (script && script.length > 0) {
      const next = script.length > 1 ? script.shift()! : script[0]!;
      reply = typeof next === "function" ? await next(req, this) : next;
    } else if (req.path === TOKEN_PATH) {
      reply = this.issueToken(req);
    } else {
      reply = { status: 404, json: { message: `No route ${key}` } };
    }
    // API routes check the bearer token unless the script answered 401 itself.
    if (req.path !== TOKEN_PATH && !this.bearerOk(req) && typeof reply === "object" && reply.status !== 401) {
      reply = { status: 401, json: { message: "Unauthorized" } };
    }
    if (reply === "destroy") {
      res.socket?.destroy();
      return;
    }
    if (reply === "hang") {
      this.hanging.add(res);
      return;
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    const body = reply.text ?? (reply.json === undefined ? "" : JSON.stringify(reply.json));
    res.writeHead(reply.status ?? 200, {
      "content-type": reply.text !== undefined ? "text/html" : "application/json",
      ...reply.headers,
    });
    res.end(body);
  }
}

export function randomSecret(prefix: string): string {
  return `${prefix}-${randomBytes(16).toString("hex")}`;
}

export async function startTestServer(): Promise<TestServer> {
  return new TestServer(randomSecret("access"), randomSecret("secret")).start();
}
