// GET /v3/locations: Megaport data-centre locations (megaport-api.md §5.1; megaportgo location.go,
// location_test.go TestListLocationsV3). Must never: require a field the API may leave out.

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
