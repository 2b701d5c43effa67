/**
 * Locations (GET /v3/locations) and the partner port list (GET /v2/dropdowns/partner/megaports), typed by the
 * client's own zod input types so the simulator cannot drift from what the client parses.
 */
import type { z } from "zod";
import type { LocationSchema } from "../../provider/client/schemas/locations";
import type { PartnerPortSchema } from "../../provider/client/schemas/partner-ports";
import type { Store } from "../store";
import type { LocationRecord, PortRecord } from "../state";

type LocationWire = z.input<typeof LocationSchema>;
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
