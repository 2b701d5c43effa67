// What Megaport's own tools do for each VXC, as the bench's yardstick: validate and buy it, then
// GET /v2/product/{uid} every P seconds until it is LIVE: every 10 s as Megaport's CLI waits, every 30 s as its
// Terraform provider does. Every VXC is ordered at once (as `pulumi up --parallel N` lets megaport-mx do). The client
// retries a 429 honouring Retry-After (3 retries, as the CLI), and has no rate limiter of its own (the CLI has
// none). A poll that still fails is tried again a period later; an order that fails is placed again a period
// later. With Megaport's 500 requests per 5 minutes, a 10 s poller of hundreds of VXCs needs far longer than the
// provisioning delay, so the run stops at a wall-clock cap and reports what it had. Must never: send a request
// after it returned (everything is aborted at the cap).
import { MegaportClient } from "../provider/client/megaport-client";
import type { RateLimiter } from "../provider/client/request-budget";
import type { VxcOrderItem } from "../provider/client/schemas/vxc-order";

/** The CLI's client queues nothing: every request goes out at once. */
const NO_LIMIT: RateLimiter = { acquire: () => Promise.resolve() };

export interface NaivePollerOptions {
  baseUrl: string;
  tokenUrl: string;
  accessKey: string;
  secretKey: string;
  /** One order per VXC. */
  orders: readonly VxcOrderItem[];
  periodMs: number;
  /** Stop after this long even if not every VXC was seen LIVE. */
  capMs: number;
}

export interface SeenLive {
  uid: string;
  /** Epoch ms at which the poll that saw LIVE returned. */
  seenAt: number;
}

export interface NaivePollerResult {
  /** Every VXC was seen LIVE before the cap. */
  finished: boolean;
  /** Until the last VXC was seen LIVE, or the cap. */
  wallMs: number;
  ordered: number;
  seen: SeenLive[];
  /** Calls that failed even after the client's retries (each retried a period later). */
  failedCalls: number;
  /** The last such failure, in words. */
  lastError?: string;
}

export async function runNaivePoller(options: NaivePollerOptions): Promise<NaivePollerResult> {
  const client = new MegaportClient({
    accessKey: options.accessKey,
    secretKey: options.secretKey,
    baseUrl: options.baseUrl,
    tokenUrl: options.tokenUrl,
    rateLimiter: NO_LIMIT,
  });
  const abort = new AbortController();
  const signal = abort.signal;
  const seen: SeenLive[] = [];
  let ordered = 0;
  let failedCalls = 0;
  let lastError: string | undefined;
  const failed = (err: unknown) => {
    failedCalls++;
    lastError = err instanceof Error ? err.message.split("\n")[0] : String(err);
  };
  const started = performance.now();
  const cap = setTimeout(() => abort.abort(), options.capMs);

  const followOne = async (order: VxcOrderItem): Promise<void> => {
    let uid: string | undefined;
    while (!uid) {
      try {
        await client.validateVxcOrder([order], { signal });
        [uid] = await client.buyVxc([order], { signal });
        ordered++;
      } catch (err) {
        if (signal.aborted) return;
        failed(err);
        await sleep(options.periodMs, signal);
      }
      if (signal.aborted) return;
    }
    for (;;) {
      await sleep(options.periodMs, signal);
      if (signal.aborted) return;
      try {
        const vxc = await client.getVxc(uid, { signal });
        if (vxc.provisioningStatus === "LIVE") {
          seen.push({ uid, seenAt: Date.now() });
          return;
        }
      } catch (err) {
        if (signal.aborted) return;
        failed(err);
      }
    }
  };

  await Promise.all(options.orders.map(followOne));
  const wallMs = performance.now() - started;
  clearTimeout(cap);
  const finished = !signal.aborted && seen.length === options.orders.length;
  abort.abort();
  await client.close();
  return { finished, wallMs, ordered, seen, failedCalls, lastError };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
