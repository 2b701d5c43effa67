// The listings every create, delete and wait in a provider process needs, fetched once and shared: a hundred
// concurrent creates cost one products listing and one partner-port listing, not a hundred of each, and the watcher's
// poll of the products doubles as the listing the next lookups read. Per client (per endpoint and key).
// Must never: hand a caller a listing older than it asked for, or let one failed fetch fail every caller sharing it
// (each then asks once more on its own).
import type { MegaportClient } from "../client/megaport-client";
import type { RequestPriority } from "../client/request-budget";
import type { Location } from "../client/schemas/locations";
import type { PartnerPort } from "../client/schemas/partner-ports";
import type { Product } from "../client/schemas/products";

/** One kind of listing, shared by every caller that accepts one started recently enough. */
export class SharedListing<T> {
  private latest: { startedAt: number; value: Promise<T> } | undefined;

  constructor(
    private readonly fetch: (priority: RequestPriority) => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A listing started no more than `maxAgeMs` ago (0: one started now), shared with everyone asking meanwhile. */
  get(maxAgeMs: number, priority: RequestPriority = "lookup"): Promise<T> {
    const latest = this.latest;
    if (latest && latest.startedAt >= this.now() - maxAgeMs) {
      return latest.value.catch(() => this.fetch(priority));
    }
    const started = { startedAt: this.now(), value: this.fetch(priority) };
    this.latest = started;
    started.value.catch(() => {
      if (this.latest === started) this.latest = undefined;
    });
    return started.value;
  }
}

/** How old a listing each use may take. */
export const LISTING_AGES = {
  /** Our products, for finding our own orders and our ports: what changed in the last seconds is ours anyway. */
  productsMs: 2_000,
  /** The Marketplace's ports and the locations change on the scale of days. */
  catalogueMs: 5 * 60_000,
} as const;

export interface Listings {
  /** Our products (ports, MCRs) with their VXCs. */
  products(maxAgeMs?: number, priority?: RequestPriority): Promise<Product[]>;
  /** Every port open to other companies' VXCs. */
  partnerPorts(): Promise<PartnerPort[]>;
  locations(): Promise<Location[]>;
}

const registry = new WeakMap<MegaportClient, Listings>();

/** The shared listings of this client. */
export function listingsOf(client: MegaportClient): Listings {
  let listings = registry.get(client);
  if (!listings) {
    const products = new SharedListing((priority) => client.listProducts({ priority }));
    const partnerPorts = new SharedListing(() => client.listPartnerPorts());
    const locations = new SharedListing(() => client.listLocations());
    listings = {
      products: (maxAgeMs = LISTING_AGES.productsMs, priority) => products.get(maxAgeMs, priority),
      partnerPorts: () => partnerPorts.get(LISTING_AGES.catalogueMs),
      locations: () => locations.get(LISTING_AGES.catalogueMs),
    };
    registry.set(client, listings);
  }
  return listings;
}
