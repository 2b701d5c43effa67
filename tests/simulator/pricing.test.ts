// The simulator's own VXC price book (EXTENSION, domain/pricing.ts): the distance band from the two
// locations (Megaport's pricing zones), a price per band and rate-limit tier, and a term discount.
import { distanceBand, quoteVxc, type DistanceBand } from "../../simulator/domain/pricing";
import type { LocationRecord } from "../../simulator/state";

function site(metro: string, market: string): LocationRecord {
  return {
    id: 1,
    name: `${metro} DC`,
    metro,
    market,
    country: market,
    city: metro,
    state: "",
    street: "",
    postcode: "",
    latitude: 0,
    longitude: 0,
    dataCentreId: 1,
    dataCentreName: "DC",
  };
}

const sydney = site("Sydney", "AU");
const canberra = site("Canberra", "AU");
const melbourne = site("Melbourne", "AU");
const auckland = site("Auckland", "NZ");

describe("distance bands", () => {
  it.each<[LocationRecord, LocationRecord, DistanceBand]>([
    [sydney, sydney, "METRO"],
    [sydney, canberra, "ZONE"],
    [sydney, melbourne, "INTERZONE"],
    [melbourne, auckland, "INTERCAP"],
    [site("Darwin", "AU"), site("Hobart", "AU"), "INTERZONE"],
  ])("%s.metro to %s.metro", (a, b, band) => {
    expect(distanceBand(a, b)).toBe(band);
    expect(distanceBand(b, a)).toBe(band);
  });
});

describe("quotes", () => {
  it.each<[LocationRecord, number, number]>([
    [sydney, 100, 30],
    [sydney, 101, 75],
    [canberra, 1000, 240],
    [melbourne, 10000, 2400],
    [auckland, 20000, 7200],
  ])("Sydney to %s.metro at %i Mbps is %d AUD a month", (b, speed, rack) => {
    expect(quoteVxc(sydney, b, speed, 1)).toMatchObject({ monthlyRackRate: rack, monthlyRate: rack });
  });

  it.each([
    [12, 0.05],
    [24, 0.1],
    [36, 0.15],
  ])("a %i-month term takes %d off", (term, share) => {
    const quote = quoteVxc(sydney, melbourne, 1000, term);
    expect(quote.termDiscount).toBe(480 * share);
    expect(quote.monthlyRate).toBe(480 - 480 * share);
  });
});
