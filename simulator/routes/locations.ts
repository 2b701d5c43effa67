/** GET /v3/locations and GET /v2/dropdowns/partner/megaports. */
import { envelope } from "../envelope";
import { partnerPorts } from "../domain/marketplace";
import type { Route } from "../router";
import { locationView, partnerPortView } from "../views/location-view";

export const locationRoutes: Route[] = [
  {
    method: "GET",
    path: "/v3/locations",
    auth: true,
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
