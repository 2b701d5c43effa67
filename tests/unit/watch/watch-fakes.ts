// Fakes for the watcher's unit tests: a clock whose time moves only when a test says so, and a Megaport that
// lists products from memory, counts its calls and fails on demand.
import type { WatchClock } from "../../../provider/watch/watcher";

interface Timer {
  at: number;
  callback: () => void;
}

/** A clock for tests: `advance(ms)` runs due timers in order, letting promises settle between them. */
export class FakeClock implements WatchClock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Timers set and neither run nor cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way, earliest first. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settlePromises();
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort(([idA, a], [idB, b]) => a.at - b.at || idA - idB)[0];
      if (!due) break;
      const [id, timer] = due;
      this.timers.delete(id);
      this.time = timer.at;
      timer.callback();
      await settlePromises();
    }
    this.time = target;
    await settlePromises();
  }
}

/** Lets every pending promise chain run (the fakes never wait on real timers). */
async function settlePromises(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

export interface FakeVxc {
  productUid: string;
  productName: string;
  provisioningStatus: string;
  rateLimit: number;
  vxcApproval: {
    status: string | null;
    type: string | null;
    newSpeed: number | null;
    message: string | null;
  };
}

export function fakeVxc(productUid: string, fields: Partial<FakeVxc> = {}): FakeVxc {
  return {
    productUid,
    productName: `vxc ${productUid}`,
    provisioningStatus: "DEPLOYABLE",
    rateLimit: 500,
    vxcApproval: { status: "PENDING_EXTERNAL", type: "NEW", newSpeed: null, message: "Acme Networks" },
    ...fields,
  };
}

export const LIVE: Partial<FakeVxc> = {
  provisioningStatus: "LIVE",
  vxcApproval: { status: null, type: null, newSpeed: null, message: null },
};

/** Our products as `GET /v2/products` would list them, with the VXCs spread over two ports. */
export class FakeMegaport {
  /** VXCs the listing shows. */
  readonly listed = new Map<string, FakeVxc>();
  /** VXCs only `getProduct` finds (a listing that lags behind a fresh order). */
  readonly unlisted = new Map<string, FakeVxc>();
  /** The fake time of each `listProducts` call. */
  readonly listCallTimes: number[] = [];
  /** Each `getProduct` call's UID. */
  readonly lookups: string[] = [];
  private readonly listFailures: unknown[] = [];
  private alwaysFailWith: unknown;

  constructor(private readonly clock: FakeClock) {}

  get listCalls(): number {
    return this.listCallTimes.length;
  }

  add(...vxcs: FakeVxc[]): this {
    for (const vxc of vxcs) this.listed.set(vxc.productUid, vxc);
    return this;
  }

  /** Changes a listed VXC, as Megaport would between two listings. */
  update(uid: string, fields: Partial<FakeVxc>): void {
    const vxc = this.listed.get(uid) ?? this.unlisted.get(uid);
    if (!vxc) throw new Error(`no fake VXC ${uid}`);
    Object.assign(vxc, fields);
  }

  /** The next listings fail with these errors, one each. */
  failNextListings(...errors: unknown[]): void {
    this.listFailures.push(...errors);
  }

  /** Every listing fails with this error from now on (undefined to stop). */
  failEveryListing(error: unknown): void {
    this.alwaysFailWith = error;
  }

  listProducts = async () => {
    this.listCallTimes.push(this.clock.now());
    if (this.alwaysFailWith !== undefined) throw this.alwaysFailWith;
    const failure = this.listFailures.shift();
    if (failure !== undefined) throw failure;
    const vxcs = [...this.listed.values()].map((vxc) => structuredClone(vxc));
    const half = Math.ceil(vxcs.length / 2);
    return [
      { productUid: "port-syd-red", productType: "MEGAPORT", associatedVxcs: vxcs.slice(0, half) },
      { productUid: "port-syd-blue", productType: "MEGAPORT", associatedVxcs: null },
      { productUid: "port-mel-red", productType: "MEGAPORT", associatedVxcs: vxcs.slice(half) },
    ];
  };

  getProduct = async (uid: string): Promise<FakeVxc | null> => {
    this.lookups.push(uid);
    const vxc = this.unlisted.get(uid) ?? this.listed.get(uid);
    return vxc ? structuredClone(vxc) : null;
  };
}

/** The state of a promise, readable at any moment without awaiting it. */
export function track<T>(promise: Promise<T>) {
  const state: { status: "pending" | "resolved" | "rejected"; value?: T; error?: unknown } = {
    status: "pending",
  };
  promise.then(
    (value) => Object.assign(state, { status: "resolved", value }),
    (error: unknown) => Object.assign(state, { status: "rejected", error }),
  );
  return state;
}
