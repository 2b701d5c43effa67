// The MarketplaceProfile's inputs and outputs: one zod schema each gives the check, the TypeScript types, the SDK's
// args and outputs, and the reference page.
import { z } from "zod";
import {
  freeText,
  MAX_COMPANY_NAME_LENGTH,
  productUidSchema,
  visibleText,
} from "../../client/schemas/scalars";
import { inputFields } from "../input-fields";

/** `visibility` as users write it, and the API's `profileVisibility` for each. */
export const VISIBILITY_API_VALUES = { public: "PUBLIC", private: "PRIVATE" } as const;
export type ProfileVisibilityName = keyof typeof VISIBILITY_API_VALUES;
const VISIBILITY_NAMES = Object.keys(VISIBILITY_API_VALUES) as ProfileVisibilityName[];
/** The Portal's limit on the company bio (docs.megaport.com marketplace/profile). */
export const MAX_BIO_WORDS = 200;
/** Limits the simulator enforces on the profile (our choice; the real limits are not published). */
export const MAX_SERVICES = 50;
export const MAX_SERVICE_NAME_LENGTH = 128;
/** Our cap on the bio's length in characters, beside the Portal's 200 words: 200 long words, not a megabyte. */
export const MAX_BIO_LENGTH = 2000;
/** The longest email address SMTP carries (RFC 5321: 254 characters in a path). */
export const MAX_EMAIL_LENGTH = 254;
/** Our cap on the website URL: the length browsers and the Portal's link handle everywhere. */
export const MAX_WEBSITE_LENGTH = 2048;
/** Our cap on listed ports: far more ports than a company lists on the Marketplace. */
export const MAX_LISTED_PORTS = 500;

const wordCount = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;

export const MarketplaceProfileInputsSchema = z.strictObject({
  /**
   * The trading name shown on the Marketplace and used in the profile's URL, 1–128 characters of plain text (no
   * control or invisible formatting characters, no HTML tags). Updates in place.
   */
  companyName: visibleText(z.string({ error: "companyName must be a string" }).trim())
    .min(1, { error: "companyName must not be empty: give the trading name customers search for" })
    .max(MAX_COMPANY_NAME_LENGTH, {
      error: `companyName must be at most ${MAX_COMPANY_NAME_LENGTH} characters`,
    }),
  /**
   * What the company offers, at most 200 words and 2000 characters of plain text: line breaks are fine, other
   * control characters, invisible formatting characters and HTML tags are not (the Marketplace shows the bio as
   * text). Leave out for none. Updates in place.
   */
  companyBio: freeText(z.string({ error: "companyBio must be a string" }), { lineBreaks: true })
    .max(MAX_BIO_LENGTH, {
      error: `companyBio must be at most ${MAX_BIO_LENGTH} characters: shorten it`,
    })
    .refine((bio) => wordCount(bio) <= MAX_BIO_WORDS, {
      error: (issue) =>
        `companyBio has ${wordCount(String(issue.input))} words; the Marketplace shows at most ${MAX_BIO_WORDS}: shorten it`,
    })
    .optional(),
  /** Where customers' enquiries go, e.g. "sales@example.com", at most 254 characters. Updates in place. */
  contactEmail: z
    .email({ error: 'contactEmail must be an email address such as "sales@example.com"' })
    .max(MAX_EMAIL_LENGTH, { error: `contactEmail must be at most ${MAX_EMAIL_LENGTH} characters` }),
  /**
   * The company's website, an http(s) URL such as "https://example.com", at most 2048 characters, with no control
   * characters or HTML tags (URL parsers drop a line break silently). Leave out for none. Updates in place.
   */
  website: freeText(z.string({ error: "website must be a string" }))
    .max(MAX_WEBSITE_LENGTH, { error: `website must be at most ${MAX_WEBSITE_LENGTH} characters` })
    // The rules above see the text as written: the URL parser drops line breaks and tabs before it looks.
    .pipe(
      z.url({ protocol: /^https?$/, error: 'website must be an http(s) URL such as "https://example.com"' }),
    )
    .optional(),
  /**
   * "public" (default): customers find the company on the Marketplace; "private": the profile is hidden and its
   * ports are not offered as destinations (customers can still connect with a service key). Updates in place.
   */
  visibility: z
    .enum(VISIBILITY_NAMES, {
      error: `visibility must be ${VISIBILITY_NAMES.map((v) => `"${v}"`).join(" or ")}`,
    })
    .default("public"),
  /**
   * The services offered, as short names shown on the profile (at most 50, each 1–128 characters of plain text).
   * Updates in place.
   */
  services: z
    .array(
      visibleText(z.string({ error: "each service must be a string" }).trim())
        .min(1, { error: "a service name must not be empty" })
        .max(MAX_SERVICE_NAME_LENGTH, {
          error: `a service name must be at most ${MAX_SERVICE_NAME_LENGTH} characters`,
        }),
      { error: "services must be a list of names" },
    )
    .max(MAX_SERVICES, { error: `services may list at most ${MAX_SERVICES} names` })
    .default([]),
  /**
   * UIDs of your own ports to show on the Marketplace: each gets `marketplaceVisibility` true. A port dropped from
   * the list (or the whole list, on delete) is set back to false; ports never listed are left as they are.
   * At most 500. Updates in place.
   */
  listedPorts: z
    .array(productUidSchema, { error: "listedPorts must be a list of port UIDs" })
    .max(MAX_LISTED_PORTS, { error: `listedPorts may list at most ${MAX_LISTED_PORTS} ports` })
    .default([])
    .superRefine((uids, ctx) => {
      const seen = new Set<string>();
      uids.forEach((uid, index) => {
        if (seen.has(uid.toLowerCase())) {
          ctx.addIssue({
            code: "custom",
            path: [index],
            message: `listedPorts names ${uid} twice: list each port once`,
          });
        }
        seen.add(uid.toLowerCase());
      });
    }),
});

export type MarketplaceProfileInputs = z.output<typeof MarketplaceProfileInputsSchema>;
/** What users write (the SDK's args, before Pulumi's Input wrapping). */
export type MarketplaceProfileArgsShape = z.input<typeof MarketplaceProfileInputsSchema>;

/** What Megaport says of one listed port. */
export const ListedPortStateSchema = z.object({
  /** The port's product UID, as listed in listedPorts. */
  productUid: z.string(),
  /** The port's name, as Megaport holds it. */
  productName: z.string().nullable(),
  /** Whether the port is shown on the Marketplace now. */
  marketplaceVisibility: z.boolean(),
});
export type ListedPortState = z.output<typeof ListedPortStateSchema>;

/** What Megaport holds beside the inputs: the outputs the SDK declares, each documented here once. */
export const MarketplaceProfileComputedSchema = z.object({
  /** The company's UID (also the resource id). */
  companyUid: z.string(),
  /** Each listed port as Megaport holds it: UID, name and whether the Marketplace shows it now, in listedPorts order. */
  portVisibility: z.array(ListedPortStateSchema),
});
export type MarketplaceProfileComputed = z.output<typeof MarketplaceProfileComputedSchema>;

export type MarketplaceProfileOutputs = MarketplaceProfileInputs & MarketplaceProfileComputed;

/** Nothing replaces: a company has exactly one profile, and every field can be changed in place. */
export const PROFILE_INPUTS = inputFields(MarketplaceProfileInputsSchema, {
  companyName: "updates",
  companyBio: "updates",
  contactEmail: "updates",
  website: "updates",
  visibility: "updates",
  services: "updates",
  listedPorts: "updates",
});
