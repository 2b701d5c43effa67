/**
 * GET /v3/locations, GET /v2/networkRegions and GET /v2/dropdowns/partner/megaports.
 *
 * Locations and network regions are public: Megaport's CLI calls them without credentials ("Locations API
 * endpoints are public and do not require authentication", megaport-cli 7046920e, April 2026, by a Megaport
 * engineer). A token, if sent, is not looked at.
 */
import { envelope } from "../envelope";
import { partnerPorts } from "../domain/marketplace";
import type { Route } from "../router";
import { locationView, networkRegionsView, partnerPortView } from "../views/location-view";

export const locationRoutes: Route[] = [
  {
    method: "GET",
    path: "/v3/locations",
    auth: false,
    handler: ({ store, query }) => {
      // Every seeded location is Active, so a locationStatuses filter either keeps all or none.
      const statuses = query.getAll("locationStatuses");
      const all = store.state.locations.map(locationView);
      const data = statuses.length === 0 || statuses.includes("Active") ? all : [];
      return { body: envelope("List public locations", data) };
    },
  },
  {
    method: "GET",
    path: "/v2/networkRegions",
    auth: false,
    handler: ({ store }) => ({
      body: envelope("List all public network regions", networkRegionsView(store.state.locations)),
    }),
  },
  {
    method: "GET",
    path: "/v2/dropdowns/partner/megaports",
    auth: true,
    handler: ({ store }) => ({
      body: envelope(
        "All Partner Megaports",
        partnerPorts(store).map((p, i) => partnerPortView(store, p, i + 1)),
      ),
    }),
  },
];
