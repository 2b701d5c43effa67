// Field types and value lists that several Megaport shapes share (docs/megaport-api.md §3, §6, §7): epoch-ms
// dates, case-insensitive product types, terms, VLAN ids, provisioning states. Each list is one `as const`
// array that feeds the zod enum, the docs and the messages. Must never: reject an unknown value in a
// response (responses use openEnum; only request bodies are closed).

import { z } from "zod";

/** Contract terms Megaport sells, in months (megaportgo shared_types.go). */
export const VALID_TERMS = [1, 12, 24, 36, 48, 60] as const;
export type Term = (typeof VALID_TERMS)[number];

/** `provisioningStatus` values (docs/megaport-api.md §7.1; the last three only in the old Java enum). */
export const PROVISIONING_STATUSES = [
  "DESIGN",
  "NEW",
  "DEPLOYABLE",
  "CONFIGURED",
  "LIVE",
  "CANCELLED",
  "CANCELLED_PARENT",
  "DECOMMISSIONING",
  "DECOMMISSIONED",
  "FAILED",
  "IN_PROGRESS",
  "ON_HOLD",
  "SLEEP",
] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];

/** States every Megaport tool treats as ready (megaportgo, TF, CLI: SERVICE_STATE_READY). */
export const READY_PROVISIONING_STATUSES = [
  "CONFIGURED",
  "LIVE",
] as const satisfies readonly ProvisioningStatus[];

/** `productType` values, upper case as product JSON has them (paths use lower case). */
export const PRODUCT_TYPES = ["MEGAPORT", "MCR2", "MVE", "VXC", "IX"] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Port diversity zones. */
export const DIVERSITY_ZONES = ["red", "blue"] as const;
export type DiversityZone = (typeof DIVERSITY_ZONES)[number];

/** VXC distance bands. */
export const DISTANCE_BANDS = ["METRO", "ZONE", "INTERZONE", "INTERCAP"] as const;

/** A string that is one of `values` or, because the API may add values, any other string. */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .describe(`one of ${values.join(", ")}, or a value the API added since`)
    .transform((s) => s as T[number] | (string & {}));
}

/** A point in time as the v2/v3 API sends it: epoch milliseconds (megaportgo shared_types.go Time). */
export const epochMs = z.number();

/**
 * `productType` in any case: product JSON says "MEGAPORT"/"VXC", one fixture says "megaport", paths use
 * lower case (docs/megaport-api.md §3). Normalised to upper case so code compares one spelling.
 */
export const productTypeSchema = z.string().transform((s) => s.toUpperCase() as ProductType | (string & {}));

/** Contract term in months, one of VALID_TERMS. */
export const termSchema = z.literal(VALID_TERMS, {
  error: `must be one of ${VALID_TERMS.join(", ")} months`,
});

/** VLAN ids in orders and updates (docs/megaport-api.md §6.3): 0 = Megaport picks, -1 = untagged; VLAN 1 is reserved. */
export const VLAN = { auto: 0, untagged: -1, min: 2, max: 4093 } as const;

/** Whether `vlan` is a VLAN id an order or update may carry. */
export function isVlanId(vlan: number): boolean {
  return (
    Number.isInteger(vlan) &&
    (vlan === VLAN.auto || vlan === VLAN.untagged || (vlan >= VLAN.min && vlan <= VLAN.max))
  );
}

/** A VLAN id for an order or update. */
export const vlanSchema = z
  .number()
  .int()
  .refine(isVlanId, {
    error: `must be ${VLAN.min}–${VLAN.max}, or ${VLAN.auto} to let Megaport choose, or ${VLAN.untagged} for untagged`,
  });

/** A product UID as paths and bodies carry it. */
export const uidSchema = z.string().min(1, { error: "must not be empty" });

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a UID as Megaport issues them (a UUID, any case, spaces around ignored). */
export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text.trim());
}

/** A product UID as a user writes one: Megaport issues them as UUIDs, so anything else is a typo. */
export const productUidSchema = z.string({ error: "must be a product UID string" }).regex(UUID_PATTERN, {
  error: 'must be a Megaport product UID such as "a1b2c3d4-…" (copy it from the portal or GET /v2/products)',
});

/** A service key as the provider hands it over: a UUID (docs/megaport-api.md §5.4, §10). */
export const serviceKeySchema = z.string().regex(UUID_PATTERN, {
  error: "must be the 36-character key the provider gave you",
});

// ---------------------------------------------------------------------------------------------------------
// Free text: what a person reads in the Portal, on an invoice or in an email. One rule each, shared by every
// free-text field of every kind, so a name, a cost centre, a reason and a bio are refused for the same reasons
// in the same words.
// ---------------------------------------------------------------------------------------------------------

/**
 * C0 controls (NUL to US, so TAB, LF and CR too), DEL, the C1 controls and the Unicode line and paragraph
 * separators: a line break in a name or a reason forges a second line in a log or an email header, NUL cuts a
 * string short in C code downstream, and the rest print as nothing or garbage.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/**
 * Characters that change how text reads without showing: the soft hyphen, zero-width space, non-joiner and joiner,
 * the bidi marks, embeddings, overrides and isolates (U+202E makes "exe.txt" read "txt.exe"), the word joiner and
 * invisible operators, the deprecated format characters, the byte-order mark and the tag characters (invisible
 * ASCII). Two names that look the same to a person must be the same name.
 */
const INVISIBLE_CHARACTER =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u{e0000}-\u{e007f}]/u;
/** A zero-width joiner between two emoji draws one emoji ("👩‍💻"): the one place an invisible character may be. */
const EMOJI_JOINER =
  /(?<=\p{Extended_Pictographic}(?:\u{fe0f}|[\u{1f3fb}-\u{1f3ff}])?)\u200d(?=\p{Extended_Pictographic})/gu;
/** Characters that show as nothing but are not whitespace to String.trim (Hangul fillers, the braille blank). */
const BLANK_LOOKING = /[\s\u115f\u1160\u2800\u3164\uffa0]/gu;
/** An HTML tag or comment: "<b>", "</a>", "<img src=x onerror=…>", "<!--". "a < b" and "<->" are not tags. */
const MARKUP = /<\s*[/!?]?\s*[a-z][^<>]*>|<!--/i;

const HIDDEN_CHARACTERS = new RegExp(`${CONTROL_CHARACTER.source}|${INVISIBLE_CHARACTER.source}`, "gu");

/** `text` with every control and invisible formatting character written as \uXXXX, safe to print to a person. */
export function escapeHidden(text: string): string {
  return text.replace(
    HIDDEN_CHARACTERS,
    (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

/** "U+000A at character 6", for a message: the code point, never the character itself. */
function firstMatch(text: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `U+${code} at character ${[...text.slice(0, match.index)].length + 1}`;
}

/** What a free-text field may hold besides the shared rules. */
export interface FreeTextOptions {
  /** Whether line breaks (LF or CRLF) are allowed, for long text such as a bio. A lone CR and the rest never are. */
  lineBreaks?: boolean;
}

/** The rule names the messages use, so a table of refused inputs can tell which rule refused. */
export const TEXT_RULES = {
  control: "control characters",
  invisible: "invisible formatting characters",
  markup: "HTML markup",
  blank: "blank",
} as const;

/**
 * The rules every free-text field follows: no control characters (LF allowed where `lineBreaks` says), no
 * invisible formatting characters, no HTML markup (the Portal and emails show text, and a tag there is either shown
 * as code or, worse, rendered). Each problem is one issue on the field, naming the rule and the character found.
 */
export function freeText<T extends z.ZodType<string, string>>(schema: T, options: FreeTextOptions = {}): T {
  return schema.superRefine((text, ctx) => {
    const controls = options.lineBreaks ? text.replace(/\r?\n/g, " ") : text;
    const control = firstMatch(controls, CONTROL_CHARACTER);
    if (control) {
      ctx.addIssue({
        code: "custom",
        message:
          `must not contain ${TEXT_RULES.control} (CR, LF, TAB, NUL and the like${options.lineBreaks ? "; a plain line break is fine" : ""}): ` +
          `found ${control}; remove it`,
      });
    }
    const invisible = firstMatch(text.replace(EMOJI_JOINER, ""), INVISIBLE_CHARACTER);
    if (invisible) {
      ctx.addIssue({
        code: "custom",
        message:
          `must not contain ${TEXT_RULES.invisible} (zero-width, bidi override or isolate): found ${invisible}; ` +
          "they make the text read differently from what it is: remove it",
      });
    }
    if (MARKUP.test(text)) {
      ctx.addIssue({
        code: "custom",
        message: `must not contain ${TEXT_RULES.markup} (a tag such as "<b>"): the Portal and emails show plain text; remove the tags`,
      });
    }
  }) as unknown as T;
}

/** Free text that must show something: not empty, and not only spaces or blank-looking characters. */
export function visibleText<T extends z.ZodType<string, string>>(
  schema: T,
  options: FreeTextOptions = {},
): T {
  return freeText(
    schema.refine((text) => text === "" || text.replace(BLANK_LOOKING, "") !== "", {
      error: `must not be ${TEXT_RULES.blank}: give it visible characters, not only spaces`,
    }) as unknown as T,
    options,
  );
}

/**
 * The longest company name we take: a trading name on the Marketplace, or a provider's name to look up. Our limit
 * (the API's is not published), as long as any the Marketplace lists.
 */
export const MAX_COMPANY_NAME_LENGTH = 128;
/** The longest port or location name we take to look one up: our limit (the API's is not published). */
export const MAX_LOOKUP_NAME_LENGTH = 128;

/** The longest VXC name Megaport takes (megaport-cli validates 1–64). */
export const MAX_VXC_NAME_LENGTH = 64;
/** The longest cost centre Megaport takes (megaportgo). */
export const MAX_COST_CENTRE_LENGTH = 255;

/** A VXC's name, 1–64 characters (megaport-cli's rule) of free text, not only spaces. */
export const vxcNameSchema = visibleText(
  z
    .string()
    .min(1, { error: "must not be empty" })
    .max(MAX_VXC_NAME_LENGTH, { error: `must be at most ${MAX_VXC_NAME_LENGTH} characters` }),
);

/** A VXC's rate limit, in whole Mbps. */
export const rateLimitSchema = z
  .number({ error: "must be a number of Mbps" })
  .int({ error: "must be a whole number of Mbps" })
  .min(1, { error: "must be at least 1 Mbps" });

/** `costCentre`: free text up to 255 characters (megaportgo). */
export const costCentreSchema = freeText(
  z.string().max(MAX_COST_CENTRE_LENGTH, { error: `must be at most ${MAX_COST_CENTRE_LENGTH} characters` }),
);

/**
 * The "VXCs allowed" flag is spelled `vxcPermitted` (recorded /v2/products dump, partner list) and
 * `vxcpermitted` (Go tag, service-key productDto). Objects accept both; output has only `vxcPermitted`
 * (docs/megaport-api.md §3).
 */
export const vxcPermittedFields = {
  /** Whether the port accepts VXCs from other companies. */
  vxcPermitted: z.boolean().nullish(),
  /** Lower-case spelling of vxcPermitted seen in some responses; folded into vxcPermitted. */
  vxcpermitted: z.boolean().nullish(),
};

/** T without the keys K; unlike Omit it keeps the named keys of a type that also has an index signature. */
type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

export function foldVxcPermitted<T extends { vxcPermitted?: boolean | null; vxcpermitted?: boolean | null }>(
  value: T,
): Without<T, "vxcpermitted" | "vxcPermitted"> & { vxcPermitted?: boolean | null } {
  const { vxcpermitted, vxcPermitted, ...rest } = value;
  const folded = vxcPermitted ?? vxcpermitted;
  const result = (folded === undefined ? rest : { ...rest, vxcPermitted: folded }) as unknown;
  return result as Without<T, "vxcpermitted" | "vxcPermitted"> & { vxcPermitted?: boolean | null };
}
