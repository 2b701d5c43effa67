/**
 * The approver's optional HTTP port: `GET /healthz` (JSON, 200 while the loop is running, cycling and answering by
 * a valid policy; 503 "degraded" with the reason while it cycles but answers nothing, 503 "unhealthy" when it
 * stopped or has not finished a cycle for too long) and `GET /metrics` (Prometheus text format from prom-client).
 * Must never serve anything else (404), and never keep the process alive after `close()`.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface Health {
  /** "ok" only: a probe must not count a loop that answers nothing as working. */
  healthy: boolean;
  status: "ok" | "degraded" | "unhealthy";
  /** Why it is not ok. */
  reason?: string;
  [detail: string]: unknown;
}

export interface HealthServer {
  /** "http://127.0.0.1:9464" */
  url: string;
  close(): Promise<void>;
}

export async function startHealthServer(options: {
  host: string;
  port: number;
  registry: Registry;
  health: () => Health;
}): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    void answer(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    });
  });
  // Idle keep-alive sockets of a scraper must not hold close() up.
  server.keepAliveTimeout = 1000;

  async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("method not allowed\n");
      return;
    }
    if (path === "/healthz") {
      const health = options.health();
      res
        .writeHead(health.healthy ? 200 : 503, { "content-type": "application/json" })
        .end(`${JSON.stringify(health)}\n`);
      return;
    }
    if (path === "/metrics") {
      const body = await options.registry.metrics();
      res.writeHead(200, { "content-type": options.registry.contentType }).end(body);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found: try /healthz or /metrics\n");
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
