/**
 * EXTENSION: the simulator's own price book for VXCs. Megaport prices a VXC by the distance between its ends
 * and its rate limit (and discounts longer terms) [D docs.megaport.com finance/vxc-pricing]; the bands and the
 * pricing zones below follow those docs, the amounts are ours, so a client can show and compare prices
 * without them meaning anything. POST /v3/networkdesign/validate and POST /v4/pricebook/product quote from the
 * same table, so they always agree. AUD only.
 *
 * Bands: METRO (same metro), ZONE (different metros in one pricing zone, e.g. "AU East"), INTERZONE (different
 * zones of one market). The docs price cross-border VXCs as Interzone too and call Intercap a legacy band; the
 * simulator prices VXCs between different markets (countries) as INTERCAP so that every band the API names
 * has a price.
 */
import type { DISTANCE_BANDS } from "../../provider/client/schemas/scalars";
import { refused } from "../domain-error";
import type { Store } from "../store";
import type { LocationRecord } from "../state";
import { assertTerm } from "./vxc-rules";

export type DistanceBand = (typeof DISTANCE_BANDS)[number];

/** Metro → Megaport pricing zone (docs.megaport.com finance/vxc-pricing, "Pricing zones and metros"). */
const PRICING_ZONES: Record<string, string> = {
  Sydney: "AU East",
  Canberra: "AU East",
  Wollongong: "AU East",
  Melbourne: "AU South",
  Brisbane: "AU North",
  Adelaide: "AU Central",
  Perth: "AU West",
  Auckland: "NZ",
  Wellington: "NZ",
  Hamilton: "NZ",
  Singapore: "SE Asia",
  "Hong Kong": "East Asia",
  Tokyo: "NE Asia",
  Osaka: "NE Asia",
  London: "EU West",
  Manchester: "EU West",
  Dublin: "EU West",
  Frankfurt: "EU North",
  Amsterdam: "EU North",
  Paris: "EU North",
  Seattle: "US West",
  "Los Angeles": "US West",
  "Bay Area": "US West",
  Ashburn: "US East",
  "New York": "US East",
  Chicago: "US Central",
  Dallas: "US Central",
};

function pricingZone(location: LocationRecord): string {
  return PRICING_ZONES[location.metro] ?? `${location.market} ${location.metro}`;
}

export function distanceBand(a: LocationRecord, b: LocationRecord): DistanceBand {
  if (a.metro === b.metro) return "METRO";
  if (pricingZone(a) === pricingZone(b)) return "ZONE";
  return a.market === b.market ? "INTERZONE" : "INTERCAP";
}

export const PRICE_CURRENCY = "AUD";

/** Monthly rack rate (AUD) up to each rate limit (Mbps), per band. Above the last tier: pro rata. */
const RACK_RATES: readonly (readonly [number, Record<DistanceBand, number>])[] = [
  [100, { METRO: 30, ZONE: 60, INTERZONE: 120, INTERCAP: 180 }],
  [500, { METRO: 75, ZONE: 150, INTERZONE: 300, INTERCAP: 450 }],
  [1000, { METRO: 120, ZONE: 240, INTERZONE: 480, INTERCAP: 720 }],
  [2500, { METRO: 250, ZONE: 500, INTERZONE: 1000, INTERCAP: 1500 }],
  [5000, { METRO: 400, ZONE: 800, INTERZONE: 1600, INTERCAP: 2400 }],
  [10000, { METRO: 600, ZONE: 1200, INTERZONE: 2400, INTERCAP: 3600 }],
];

/** Share of the rack rate taken off for a contract term (months); month-to-month pays the rack rate. */
const TERM_DISCOUNTS: Record<number, number> = { 1: 0, 12: 0.05, 24: 0.1, 36: 0.15, 48: 0.15, 60: 0.15 };

export interface VxcQuote {
  band: DistanceBand;
  currency: typeof PRICE_CURRENCY;
  /** Price per month before the term discount. */
  monthlyRackRate: number;
  /** What the customer pays per month: the rack rate less `termDiscount`. */
  monthlyRate: number;
  termDiscount: number;
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

/** The price of a VXC of `rateLimit` Mbps between two locations on a `term`-month contract. */
export function quoteVxc(a: LocationRecord, b: LocationRecord, rateLimit: number, term: number): VxcQuote {
  const band = distanceBand(a, b);
  const tier = RACK_RATES.find(([upTo]) => rateLimit <= upTo);
  const [topSpeed, topRates] = RACK_RATES[RACK_RATES.length - 1];
  const rack = tier ? tier[1][band] : (topRates[band] * rateLimit) / topSpeed;
  const monthlyRackRate = cents(rack);
  const termDiscount = cents(monthlyRackRate * (TERM_DISCOUNTS[term] ?? 0));
  return {
    band,
    currency: PRICE_CURRENCY,
    monthlyRackRate,
    monthlyRate: cents(monthlyRackRate - termDiscount),
    termDiscount,
  };
}

export interface PriceRequest {
  aLocationId: number;
  bLocationId: number;
  speed: number;
  term?: number;
  currency?: string;
}

/** POST /v4/pricebook/product for a VXC: the same quote validate gives for the same ends, speed and term. */
export function priceVxc(store: Store, request: PriceRequest): VxcQuote {
  const location = (field: string, id: number) => {
    const found = store.location(id);
    if (!found) throw refused(`Invalid ${field} ${id}: no such location`);
    return found;
  };
  const a = location("aLocationId", request.aLocationId);
  const b = location("bLocationId", request.bLocationId);
  if (!Number.isInteger(request.speed) || request.speed < 1) {
    throw refused(`Invalid speed ${request.speed}: a VXC speed is a positive number of Mbps`);
  }
  const term = request.term ?? 1;
  assertTerm(term);
  // EXTENSION: (limitation) the simulator's price book is in AUD only.
  if (request.currency !== undefined && request.currency.toUpperCase() !== PRICE_CURRENCY) {
    throw refused(`Currency ${request.currency} is not offered by the simulator: it prices in AUD`);
  }
  return quoteVxc(a, b, request.speed, term);
}
