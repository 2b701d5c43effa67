// EXTENSION: the Megaport Marketplace profile. The real API's profile endpoints are only known from a
// 2017 JS wrapper (GET/PUT /v2/marketplace/profile, GET /v2/marketplace/profiles), with no field names
// (docs/megaport-api.md §5.8, §8, §14.1). The shape below is ours (docs/contracts.md), modelled on the Portal's
// profile form; the simulator serves it. Must never: be presented as the real API's shape.

import { z } from "zod";
import { openEnum } from "./scalars";

/** Profile visibility: a PRIVATE profile's ports are not offered as Marketplace destinations. */
export const PROFILE_VISIBILITIES = ["PUBLIC", "PRIVATE"] as const;
export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number];

/** The Portal limits the company bio to 200 words (docs marketplace/profile). */
export const MAX_BIO_WORDS = 200;

export const MarketplaceProfileSchema = z.looseObject({
  companyUid: z.string(),
  /** Trading name shown on the Marketplace (also in the profile URL). */
  companyName: z.string(),
  /** Up to 200 words. */
  companyBio: z.string().nullish(),
  contactEmail: z.string().nullish(),
  website: z.string().nullish(),
  /** One of PROFILE_VISIBILITIES, or a value the API added since; may be left out. An answer never rejects it. */
  profileVisibility: openEnum(PROFILE_VISIBILITIES).nullish(),
  /** Services offered, as free-text names. */
  services: z
    .array(z.string())
    .nullish()
    .transform((s) => s ?? []),
});
export type MarketplaceProfile = z.output<typeof MarketplaceProfileSchema>;

export const MarketplaceProfileListSchema = z.array(MarketplaceProfileSchema);

const wordCount = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;

/** Body of PUT /v2/marketplace/profile. `companyUid` is accepted (what a read returned) but not changeable. */
export const MarketplaceProfileUpdateSchema = z.strictObject({
  companyUid: z.string().optional(),
  companyName: z.string().min(1, { error: "must not be empty" }).optional(),
  companyBio: z
    .string()
    .refine((t) => wordCount(t) <= MAX_BIO_WORDS, { error: `must be at most ${MAX_BIO_WORDS} words` })
    .optional(),
  contactEmail: z.email({ error: "must be an email address" }).optional(),
  /** The website, or "" to clear it. */
  website: z.union([z.url({ error: "must be a URL such as https://example.com" }), z.literal("")]).optional(),
  profileVisibility: z
    .enum(PROFILE_VISIBILITIES, { error: `must be one of ${PROFILE_VISIBILITIES.join(", ")}` })
    .optional(),
  services: z.array(z.string().min(1)).optional(),
});
export type MarketplaceProfileUpdate = z.input<typeof MarketplaceProfileUpdateSchema>;
