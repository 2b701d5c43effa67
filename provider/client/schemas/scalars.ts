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

/** A product UID as a user writes one: Megaport issues them as UUIDs, so anything else is a typo. */
export const productUidSchema = z.string({ error: "must be a product UID string" }).regex(UUID_PATTERN, {
  error: 'must be a Megaport product UID such as "a1b2c3d4-…" (copy it from the portal or GET /v2/products)',
});

/** A service key as the provider hands it over: a UUID (docs/megaport-api.md §5.4, §10). */
export const serviceKeySchema = z.string().regex(UUID_PATTERN, {
  error: "must be the 36-character key the provider gave you",
});

/** A VXC's name, 1–64 characters (megaport-cli's rule). */
export const vxcNameSchema = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(64, { error: "must be at most 64 characters" });

/** A VXC's rate limit, in whole Mbps. */
export const rateLimitSchema = z
  .number({ error: "must be a number of Mbps" })
  .int({ error: "must be a whole number of Mbps" })
  .min(1, { error: "must be at least 1 Mbps" });

/** `costCentre`: free text up to 255 characters (megaportgo). */
export const costCentreSchema = z.string().max(255, { error: "must be at most 255 characters" });

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
