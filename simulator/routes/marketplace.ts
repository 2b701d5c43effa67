/**
 * EXTENSION (shape): GET/PUT /v2/marketplace/profile, GET /v2/marketplace/profile/{companyUid} and
 * GET /v2/marketplace/profiles. The paths come from the 2017 JS wrapper (docs/megaport-api.md §5.8); the real field names were never published, so the body is docs/contracts.md's
 * `MarketplaceProfile`.
 */
import { z } from "zod";
import { MAX_BIO_WORDS, PROFILE_VISIBILITIES } from "../../provider/client/schemas/marketplace-profile";
import { envelope } from "../envelope";
import { listedProfiles, ownCompany, setMarketplaceProfile, visibleProfile } from "../domain/marketplace";
import { parseBody, type Route } from "../router";
import { profileView } from "../views/account-view";
import { optional } from "./body-schemas";

const ProfileBody = z.object({
  companyName: optional(z.string().min(1).max(128)),
  companyBio: optional(
    z
      .string()
      .refine(
        (s) => s.trim().split(/\s+/).filter(Boolean).length <= MAX_BIO_WORDS,
        `at most ${MAX_BIO_WORDS} words`,
      ),
  ),
  contactEmail: optional(z.string().regex(/^[^@\s]+@[^@\s]+$/, "must be an email address")),
  website: optional(
    z.string().refine((s) => s === "" || /^https?:\/\/\S+$/.test(s), "must be an http(s) URL"),
  ),
  profileVisibility: optional(z.enum(PROFILE_VISIBILITIES)),
  services: optional(z.array(z.string().min(1).max(128)).max(50)),
});

// EXTENSION: the profile body and data shape are ours (docs/contracts.md MarketplaceProfile).
export const marketplaceRoutes: Route[] = [
  {
    method: "GET",
    path: "/v2/marketplace/profile",
    auth: true,
    handler: ({ store, caller }) => ({
      body: envelope("Marketplace profile", profileView(ownCompany(store, caller))),
    }),
  },
  {
    method: "GET",
    path: "/v2/marketplace/profile/:companyUid",
    auth: true,
    handler: ({ store, caller, params }) => ({
      body: envelope("Marketplace profile", profileView(visibleProfile(store, caller, params.companyUid))),
    }),
  },
  {
    method: "PUT",
    path: "/v2/marketplace/profile",
    auth: true,
    change: true,
    handler: ({ store, caller, body }) => {
      const company = setMarketplaceProfile(store, caller, parseBody(ProfileBody, body));
      return { body: envelope("Marketplace profile updated", profileView(company)) };
    },
  },
  {
    method: "GET",
    path: "/v2/marketplace/profiles",
    auth: true,
    handler: ({ store, caller }) => ({
      body: envelope("Marketplace profiles", listedProfiles(store, caller).map(profileView)),
    }),
  },
];
