/**
 * Locations (GET /v3/locations), network regions (GET /v2/networkRegions) and the partner port list (GET /v2/dropdowns/partner/megaports), typed by the
 * client's own zod input types so the simulator cannot drift from what the client parses.
 */
import type { z } from "zod";
import type { LocationSchema, NetworkRegionSchema } from "../../provider/client/schemas/locations";
import type { PartnerPortSchema } from "../../provider/client/schemas/partner-ports";
import type { Store } from "../store";
import type { LocationRecord, PortRecord } from "../state";

type LocationWire = z.input<typeof LocationSchema>;
type NetworkRegionWire = z.input<typeof NetworkRegionSchema>;
type PartnerPortWire = z.input<typeof PartnerPortSchema>;

const ZONE = {
  megaportSpeedMbps: [1000, 10000, 100000],
  mcrSpeedMbps: [1000, 2500, 5000, 10000],
  mveAvailable: true,
  mveMaxCpuCoreCount: 12,
  natGatewaySpeedMbps: [],
};

export function locationView(location: LocationRecord): LocationWire {
  return {
    id: location.id,
    name: location.name,
    metro: location.metro,
    market: location.market,
    status: "Active",
    address: {
      street: location.street,
      suburb: location.city,
      city: location.city,
      state: location.state,
      postcode: location.postcode,
      country: location.country,
    },
    latitude: location.latitude,
    longitude: location.longitude,
    dataCentre: { id: location.dataCentreId, name: location.dataCentreName },
    diversityZones: { red: { ...ZONE }, blue: { ...ZONE } },
    productAddOns: { crossConnect: { available: true, type: "STANDARD" } },
    orderingMessage: null,
  };
}

export function partnerPortView(store: Store, port: PortRecord, rank: number): PartnerPortWire {
  return {
    productUid: port.productUid,
    companyUid: port.companyUid,
    companyName: store.company(port.companyUid).tradingName,
    title: port.productName,
    locationId: port.locationId,
    speed: port.portSpeed,
    maxVxcSpeed: port.maxVxcSpeed,
    vxcPermitted: port.vxcPermitted,
    diversityZone: port.diversityZone,
    connectType: "DEFAULT",
    rank,
  };
}

/** ISO 3166 alpha-3 codes of the markets the seed (or a test) may hold; others fall back to the market code. */
const COUNTRY_CODES: Record<string, string> = {
  AU: "AUS",
  NZ: "NZL",
  SG: "SGP",
  JP: "JPN",
  HK: "HKG",
  US: "USA",
  CA: "CAN",
  GB: "GBR",
  UK: "GBR",
  IE: "IRL",
  DE: "DEU",
  FR: "FRA",
  NL: "NLD",
};

/**
 * Every location's country under the one public region "MP1", with its market code as `prefix` and its number
 * of locations as `siteCount` (megaportgo location_test.go). Countries in order of first appearance.
 */
export function networkRegionsView(locations: readonly LocationRecord[]): NetworkRegionWire[] {
  const countries = new Map<string, { code: string; name: string; prefix: string; siteCount: number }>();
  for (const location of locations) {
    const known = countries.get(location.market);
    if (known) known.siteCount++;
    else {
      countries.set(location.market, {
        code: COUNTRY_CODES[location.market] ?? location.market,
        name: location.country,
        prefix: location.market,
        siteCount: 1,
      });
    }
  }
  return [{ networkRegion: "MP1", countries: [...countries.values()] }];
}
