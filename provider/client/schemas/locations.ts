// GET /v3/locations: Megaport data-centre locations, and GET /v2/networkRegions: the countries Megaport serves
// with their market codes (docs/megaport-api.md §5.1; megaportgo location.go, location_legacy.go Country,
// location_test.go TestListLocationsV3 and the networkRegions answer in TestGetRandomLocation). Both are public
// endpoints (the official CLI calls them without logging in). Must never: require a field the API may leave out.

import { z } from "zod";

/** Values of the repeatable `locationStatuses` query parameter. */
export const LOCATION_STATUSES = [
  "Active",
  "Deployment",
  "Restricted",
  "Extended",
  "New",
  "Expired",
] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

const DiversityZoneCapacitySchema = z.looseObject({
  /** Port speeds (Mbps) orderable in this zone. */
  megaportSpeedMbps: z.array(z.number()).nullish(),
  /** MCR speeds (Mbps) orderable in this zone. */
  mcrSpeedMbps: z.array(z.number()).nullish(),
  mveAvailable: z.boolean().nullish(),
  mveMaxCpuCoreCount: z.number().nullish(),
  natGatewaySpeedMbps: z.array(z.number()).nullish(),
});

export const LocationSchema = z.looseObject({
  /** Numeric location id, used as `locationId` everywhere else. */
  id: z.number(),
  name: z.string(),
  /** Metro name, e.g. "Sydney". */
  metro: z.string().nullish(),
  /** Market code, e.g. "AU". */
  market: z.string().nullish(),
  /** One of LOCATION_STATUSES. */
  status: z.string().nullish(),
  address: z
    .looseObject({
      street: z.string().nullish(),
      suburb: z.string().nullish(),
      city: z.string().nullish(),
      state: z.string().nullish(),
      postcode: z.string().nullish(),
      country: z.string().nullish(),
    })
    .nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
  dataCentre: z.looseObject({ id: z.number().nullish(), name: z.string().nullish() }).nullish(),
  diversityZones: z
    .looseObject({ red: DiversityZoneCapacitySchema.nullish(), blue: DiversityZoneCapacitySchema.nullish() })
    .nullish(),
  productAddOns: z
    .looseObject({
      crossConnect: z.looseObject({ available: z.boolean().nullish(), type: z.string().nullish() }).nullish(),
    })
    .nullish(),
  orderingMessage: z.string().nullish(),
});
export type Location = z.output<typeof LocationSchema>;

export const LocationListSchema = z.array(LocationSchema);

/** A country in a network region. `prefix` is the market code locations carry in `market` (e.g. "AU"). */
export const CountrySchema = z.looseObject({
  /** ISO 3166 alpha-3 code, e.g. "AUS". */
  code: z.string().nullish(),
  name: z.string().nullish(),
  /** The market code, e.g. "AU"; megaportgo's ListMarketCodes reads it. */
  prefix: z.string(),
  /** How many Megaport locations the country has. */
  siteCount: z.number().nullish(),
});
export type Country = z.output<typeof CountrySchema>;

/** One network region; megaportgo reads only "MP1" (the public Megaport network). */
export const NetworkRegionSchema = z.looseObject({
  networkRegion: z.string(),
  countries: z.array(CountrySchema).nullish(),
});
export type NetworkRegion = z.output<typeof NetworkRegionSchema>;

export const NetworkRegionListSchema = z.array(NetworkRegionSchema);

/** The region megaportgo takes countries and market codes from. */
export const PUBLIC_NETWORK_REGION = "MP1";
