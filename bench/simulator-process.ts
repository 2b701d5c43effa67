// The simulator as a process of its own (node dist/simulator/cli.js), the way a benchmark run sees Megaport: a
// fixed provisioning delay, Megaport's 500 requests per 5 minutes per IP switched on, and only the /_sim admin
// endpoints (not counted, not rate limited) for what the bench reads. Must never: send an API request of its own
// (every process of the bench shares 127.0.0.1, so one would count against the code under test's limit).
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

/** Megaport's documented limit, set explicitly so the bench does not lean on the simulator's default. */
export const MEGAPORT_LIMIT = { maxRequests: 500, windowMs: 5 * 60_000 } as const;

export interface SimulatorTimings {
  /** Order → LIVE, ms (DEPLOYABLE → CONFIGURED → LIVE on an auto-approving port). */
  provisioningMs: number;
  /** Of which CONFIGURED → LIVE, ms. */
  configuredMs: number;
  /** CANCELLED → DECOMMISSIONED after CANCEL_NOW, ms. */
  cancelledMs: number;
}

/** Counts of GET /_sim/requests (simulator/request-log.ts). */
export interface RequestCounts {
  since: number;
  total: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, { total: number; byStatus: Record<string, number> }>;
  token: { total: number; byStatus: Record<string, number> };
  recent: { at: number; method: string; route: string; status: number | "dropped" }[];
}

/** One VXC of GET /_sim/vxcs: the wall-clock times its lifecycle reached LIVE and DECOMMISSIONED. */
export interface SimVxc {
  productUid: string;
  productName: string;
  provisioningStatus: string;
  liveAt: number | null;
  decommissionedAt: number | null;
}

export interface SimulatorProcess {
  url: string;
  tokenUrl: string;
  pid: number;
  requests(recent?: number): Promise<RequestCounts>;
  resetRequests(): Promise<void>;
  /** Sets Megaport's limit again, which also empties its window (simulator/routes/admin.ts). */
  resetRateLimit(): Promise<void>;
  vxcs(): Promise<SimVxc[]>;
  stop(): Promise<void>;
}

/** Starts `node dist/simulator/cli.js` on a free port and waits for its banner. */
export async function startSimulatorProcess(
  repoRoot: string,
  timings: SimulatorTimings,
): Promise<SimulatorProcess> {
  const args = [
    path.join(repoRoot, "dist/simulator/cli.js"),
    "--port",
    "0",
    "--timings",
    "test",
    "--deployable-ms",
    String(Math.max(0, timings.provisioningMs - timings.configuredMs)),
    "--configured-ms",
    String(timings.configuredMs),
    "--cancelled-ms",
    String(timings.cancelledMs),
    "--faults",
    JSON.stringify({ rateLimit: MEGAPORT_LIMIT }),
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const url = await bannerUrl(child);
  const admin = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator ${method} ${route}: HTTP ${res.status} ${await res.text()}`);
    return ((await res.json()) as { data: unknown }).data;
  };
  return {
    url,
    tokenUrl: `${url}/oauth2/token`,
    pid: child.pid!,
    requests: async (recent = 0) => (await admin("GET", `/_sim/requests?recent=${recent}`)) as RequestCounts,
    resetRequests: async () => void (await admin("DELETE", "/_sim/requests")),
    resetRateLimit: async () => void (await admin("PUT", "/_sim/faults", { rateLimit: MEGAPORT_LIMIT })),
    vxcs: async () => (await admin("GET", "/_sim/vxcs")) as SimVxc[],
    stop: () => stopChild(child),
  };
}

/** The "API:" line of the banner (simulator/cli.ts); the process's errors if it exits first. */
function bannerUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(
      () => reject(new Error(`the simulator printed no banner in 30 s: ${err}`)),
      30_000,
    );
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /API:\s+(http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners("data");
        child.stdout!.resume();
        resolve(match[1].replace(/\/$/, ""));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited (${code}) before it listened: ${err.trim()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
