// Orders from concurrent creates, placed together: the creates that arrive within a short window go out as one
// validate and one buy (both take an array of order items, each VXC with its own resource tags), so a hundred VXCs
// cost a handful of requests instead of two hundred.
// - A batch Megaport refuses is split in halves until each refusal belongs to one item; that create alone gets the
//   error, the rest go on.
// - A buy whose answer is lost after it may have reached Megaport (a dropped connection, a 5xx, a timeout, a body
//   that cannot be read) is looked up by each item's order tag: found, it is that create's VXC; provably absent, it
//   is ordered again, at most MAX_ORDER_ATTEMPTS times in all. Never orders twice: the tags decide.
// Never lets one create's service key into another's error (Megaport names keys in its refusals).
// Never sends an order once the process is cancelled (client/cancellation.ts): the creates still queued fail, having
// ordered nothing; a buy already sent is seen through.
import { cancelledBecause } from "../../client/cancellation";
import { answerMayBeLost, ApiError, CancelledError, describeLoss, withText } from "../../client/errors";
import type { MegaportClient } from "../../client/megaport-client";
import type { OrderPrice, VxcOrderItem } from "../../client/schemas/vxc-order";
import { envNumber } from "../../config/provider-config";
import { listingsOf } from "../listings";
import { findVxcByTag, rememberOrder, type OrderLookup } from "./vxc-order-tag";

export interface OrderRequest {
  /** One order item with one VXC. */
  item: VxcOrderItem;
  /** How to find the order again if the answer is lost; without it (no order tag) a lost answer fails the create. */
  lookup: OrderLookup | undefined;
  /** The VXC's name, for log lines. */
  name: string;
  /** Kept out of every error message, this create's and the others'. */
  serviceKey?: string;
}

/** How long a batch stays open for more creates, and how many VXCs one order carries at most. */
export const ORDER_BATCH = {
  windowMs: envNumber("MEGAPORT_MX_ORDER_WINDOW_MS", 300),
  maxItems: envNumber("MEGAPORT_MX_ORDER_BATCH", 50),
};

/** How many times one VXC is ordered when each answer is lost and the order provably did not arrive. */
const MAX_ORDER_ATTEMPTS = 3;

/** What an order gives a create: its VXC, and the price validate quoted for it (none when the answer was lost). */
export interface PlacedOrder {
  vxcUid: string;
  price: OrderPrice | undefined;
}

/** Places one VXC's order with whatever else is being ordered right now; resolves to its new VXC. */
export function placeOrder(client: MegaportClient, request: OrderRequest): Promise<PlacedOrder> {
  let desk = desks.get(client);
  if (!desk) desks.set(client, (desk = new OrderDesk(client)));
  return desk.place(request);
}

interface Pending {
  request: OrderRequest;
  resolve: (placed: PlacedOrder) => void;
  reject: (err: unknown) => void;
  /** What validate quoted for it. */
  price?: OrderPrice;
}

const desks = new WeakMap<MegaportClient, OrderDesk>();

class OrderDesk {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: MegaportClient) {}

  place(request: OrderRequest): Promise<PlacedOrder> {
    return new Promise((resolve, reject) => {
      if (refusedAsCancelled([{ request, resolve, reject }])) return;
      this.queue.push({ request, resolve, reject });
      if (this.queue.length >= ORDER_BATCH.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), ORDER_BATCH.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = takeBatch(this.queue);
    if (this.queue.length > 0) this.timer = setTimeout(() => this.flush(), 0);
    if (batch.length > 1) console.log(`megaport-mx: ordering ${batch.length} VXCs together`);
    void this.order(batch).catch((err: unknown) => failAll(batch, err));
  }

  private async order(batch: Pending[]): Promise<void> {
    if (refusedAsCancelled(batch)) return;
    const valid = await this.validated(batch);
    if (valid.length > 0) await this.buy(valid, 1);
  }

  /** The items Megaport would take; each refused one has failed its create with its own refusal. */
  private async validated(batch: Pending[]): Promise<Pending[]> {
    try {
      // One answer item per ordered VXC, in order: each create keeps its own quote.
      const quotes = await this.client.validateVxcOrder(batch.map((p) => p.request.item));
      batch.forEach((p, i) => (p.price = quotes[i]?.price ?? undefined));
      return batch;
    } catch (err) {
      if (!isRefusal(err)) throw err;
      if (batch.length === 1) {
        failAll(batch, err);
        return [];
      }
      const [left, right] = halves(batch);
      return [...(await this.validated(left)), ...(await this.validated(right))];
    }
  }

  private async buy(batch: Pending[], attempt: number): Promise<void> {
    if (refusedAsCancelled(batch)) return;
    let uids: string[];
    try {
      uids = await this.client.buyVxc(batch.map((p) => p.request.item));
    } catch (err) {
      if (isRefusal(err)) {
        // A refused buy created nothing: find whose it is.
        if (batch.length === 1) return failAll(batch, err);
        const [left, right] = halves(batch);
        await Promise.all([this.buy(left, attempt), this.buy(right, attempt)]);
        return;
      }
      if (!answerMayBeLost(err)) return failAll(batch, err);
      const missing = await this.findLost(batch, err);
      if (missing.length === 0) return;
      const retriable = missing.filter((p) => p.request.lookup && attempt < MAX_ORDER_ATTEMPTS);
      failAll(
        missing.filter((p) => !retriable.includes(p)),
        err,
      );
      if (retriable.length === 0) return;
      for (const p of retriable) {
        console.log(
          `VXC "${p.request.name}": the answer to its order was lost (${describeLoss(err)}) and Megaport holds no ` +
            "order with its tag: ordering again",
        );
      }
      await this.buy(retriable, attempt + 1);
      return;
    }
    batch.forEach((p, i) => {
      if (p.request.lookup) rememberOrder(p.request.lookup, uids[i]!);
      p.resolve({ vxcUid: uids[i]!, price: p.price });
    });
  }

  /** Resolves every item of a batch whose answer was lost that Megaport holds; returns the others. */
  private async findLost(batch: Pending[], err: unknown): Promise<Pending[]> {
    let missing = batch.filter((p) => p.request.lookup);
    const untagged = batch.filter((p) => !p.request.lookup);
    // A fresh listing, asked again briefly in case the order shows a moment late.
    for (const pauseMs of [0, 1000, 2000]) {
      if (missing.length === 0) break;
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const listing = listingsOf(this.client).products(0);
      const still: Pending[] = [];
      for (const p of missing) {
        const found = await findVxcByTag(this.client, p.request.lookup!, listing);
        if (!found) {
          still.push(p);
          continue;
        }
        console.log(
          `VXC "${p.request.name}": the answer to its order was lost (${describeLoss(err)}); found the order by ` +
            `its tag: ${found.productUid}`,
        );
        rememberOrder(p.request.lookup!, found.productUid);
        p.resolve({ vxcUid: found.productUid, price: p.price });
      }
      missing = still;
    }
    return [...missing, ...untagged];
  }
}

/** Once the process is cancelled, fails each create of the batch with CancelledError: nothing is sent for it. */
function refusedAsCancelled(batch: Pending[]): boolean {
  const why = cancelledBecause();
  if (why === undefined) return false;
  for (const p of batch) p.reject(new CancelledError({ notDone: `ordering VXC "${p.request.name}"`, why }));
  return true;
}

/** Megaport refused the order as it stands (a bad VLAN, a used key): nothing was created, and asking again won't help. */
function isRefusal(err: unknown): boolean {
  return err instanceof ApiError && [400, 409, 422].includes(err.status);
}

/**
 * Takes up to ORDER_BATCH.maxItems orders off the queue, no two of one VXC name: the buy answer is matched to the
 * orders by name (MegaportClient.buyVxc), so one name per buy leaves nothing to chance. The rest wait their turn.
 */
function takeBatch(queue: Pending[]): Pending[] {
  const names = new Set<string>();
  const batch: Pending[] = [];
  for (let i = 0; i < queue.length && batch.length < ORDER_BATCH.maxItems;) {
    const named = queue[i]!.request.item.associatedVxcs.map((vxc) => vxc.productName);
    if (named.some((name) => names.has(name))) {
      i++;
      continue;
    }
    named.forEach((name) => names.add(name));
    batch.push(...queue.splice(i, 1));
  }
  return batch;
}

function halves<T>(items: T[]): [T[], T[]] {
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)];
}

/** Fails each create with the error, every service key of the batch replaced by a placeholder in its text. */
function failAll(batch: Pending[], err: unknown): void {
  const keys = batch.map((p) => p.request.serviceKey).filter((k): k is string => !!k);
  for (const p of batch) p.reject(withoutSecrets(err, keys));
}

/** The error with every occurrence of the keys in its message (and stack) replaced by a placeholder. */
function withoutSecrets(err: unknown, keys: readonly string[]): unknown {
  if (keys.length === 0 || !(err instanceof Error)) return err;
  const scrub = (text: string) => keys.reduce((t, key) => t.split(key).join("<serviceKey>"), text);
  return withText(err, { message: scrub(err.message), stack: scrub(err.stack ?? "") });
}
