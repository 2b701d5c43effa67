/**
 * What each field of a rule's match means, written once as a table of dimensions, so that `decide` and the
 * shadowing checks of `validatePolicy` can never disagree. Pure: it must never do I/O or read the clock,
 * and an unknown fact in a request must never match a field that needs it.
 */
import { isUuid } from "../client/schemas/scalars";
import { type ApprovalRequest, REQUEST_TYPES, type RuleMatch } from "./policy-schema";

/** True when every field the match gives fits the request. */
export function ruleMatches(match: RuleMatch, request: ApprovalRequest): boolean {
  return DIMENSIONS.every((dimension) => dimension.matches(match, request));
}

// ---------------------------------------------------------------------------------------------------------
// Match dimensions: one row per match field, used by `decide` and by the shadowing checks alike, so the two
// can never disagree about what a field means.
// ---------------------------------------------------------------------------------------------------------

interface Dimension {
  key: keyof RuleMatch;
  /** Does the request fit this field of the match (an absent field fits everything)? */
  matches(match: RuleMatch, request: ApprovalRequest): boolean;
  /** Does every request fitting `inner` on this field also fit `outer`? */
  covers(outer: RuleMatch, inner: RuleMatch): boolean;
  /** Can some request fit both on this field? */
  overlaps(a: RuleMatch, b: RuleMatch): boolean;
}

/** How names and UIDs compare everywhere in the engine: trimmed and case-insensitive. */
export const normalize = (value: string): string => value.trim().toLowerCase();

/**
 * A company entry of a rule as it compares: a UID compares only with the requester's UID and a name only with its
 * name, so a company that took another's UID as its name matches nothing by it.
 */
export const companyKey = (entry: string): string =>
  isUuid(entry) ? `uid:${normalize(entry)}` : `name:${normalize(entry)}`;

/** Set-valued fields: absent means "any"; present means "one of these" (compared case-insensitively). */
function setDimension(
  key: "requestTypes" | "companies" | "ports",
  requestValues: (request: ApprovalRequest) => (string | undefined)[],
  universe?: readonly string[],
  entryKey: (entry: string) => string = normalize,
): Dimension {
  const setOf = (match: RuleMatch): Set<string> | undefined => {
    const list = match[key];
    if (list === undefined) return undefined;
    const set = new Set(list.map(entryKey));
    // A list naming every possible value is the same as no list at all.
    if (universe && universe.every((value) => set.has(entryKey(value)))) return undefined;
    return set;
  };
  return {
    key,
    matches(match, request) {
      const set = setOf(match);
      if (set === undefined) return true;
      return requestValues(request).some((value) => value !== undefined && set.has(value));
    },
    covers(outer, inner) {
      const outerSet = setOf(outer);
      if (outerSet === undefined) return true;
      const innerSet = setOf(inner);
      if (innerSet === undefined) return false;
      return [...innerSet].every((value) => outerSet.has(value));
    },
    overlaps(a, b) {
      const setA = setOf(a);
      const setB = setOf(b);
      if (setA === undefined || setB === undefined) return true;
      return [...setA].some((value) => setB.has(value));
    },
  };
}

/**
 * Range fields: absent means "anything, even unknown"; present means "known, and within [min, max]".
 * An unknown value (no VLAN asked for, no new speed given) fails a present range.
 */
function rangeDimension(
  key: "rateLimit" | "vlan",
  requestValue: (request: ApprovalRequest) => number | undefined,
): Dimension {
  const bounds = (range: { min?: number; max?: number }): [number, number] => [
    range.min ?? Number.NEGATIVE_INFINITY,
    range.max ?? Number.POSITIVE_INFINITY,
  ];
  return {
    key,
    matches(match, request) {
      const range = match[key];
      if (range === undefined) return true;
      const value = requestValue(request);
      if (value === undefined) return false;
      const [min, max] = bounds(range);
      return value >= min && value <= max;
    },
    covers(outer, inner) {
      const outerRange = outer[key];
      if (outerRange === undefined) return true;
      const innerRange = inner[key];
      if (innerRange === undefined) return false;
      const [outerMin, outerMax] = bounds(outerRange);
      const [innerMin, innerMax] = bounds(innerRange);
      // An empty inner range (min > max) matches nothing, so anything covers it.
      return innerMin > innerMax || (outerMin <= innerMin && outerMax >= innerMax);
    },
    overlaps(a, b) {
      const rangeA = a[key];
      const rangeB = b[key];
      if (rangeA === undefined || rangeB === undefined) return true;
      const [minA, maxA] = bounds(rangeA);
      const [minB, maxB] = bounds(rangeB);
      return Math.max(minA, minB) <= Math.min(maxA, maxB);
    },
  };
}

const serviceKeyDimension: Dimension = {
  key: "serviceKey",
  matches(match, request) {
    if (match.serviceKey === undefined) return true;
    // Unknown service-key use matches neither condition: never accept or deny on a fact we do not have.
    if (request.serviceKey === undefined) return false;
    return match.serviceKey === "required" ? request.serviceKey : !request.serviceKey;
  },
  covers: (outer, inner) => outer.serviceKey === undefined || outer.serviceKey === inner.serviceKey,
  overlaps: (a, b) =>
    a.serviceKey === undefined || b.serviceKey === undefined || a.serviceKey === b.serviceKey,
};

/** The speed a request asks for: the current rate for a new VXC, the requested one for a speed change. */
export function requestedSpeed(request: ApprovalRequest): number | undefined {
  return request.type === "SPEED_CHANGE" ? request.newSpeed : request.rateLimit;
}

const DIMENSIONS: readonly Dimension[] = [
  setDimension("requestTypes", (request) => [normalize(request.type)], REQUEST_TYPES),
  // Names are not unique keys, but providers think in names; a UID entry is the precise form. The name a request
  // carries is the requester's legal name (its Megaport account's), never a Marketplace trading name.
  setDimension(
    "companies",
    (request) => [
      `uid:${normalize(request.requestingCompanyUid)}`,
      request.requestingCompanyName === undefined
        ? undefined
        : `name:${normalize(request.requestingCompanyName)}`,
    ],
    undefined,
    companyKey,
  ),
  setDimension("ports", (request) => [normalize(request.targetPortUid)]),
  rangeDimension("rateLimit", requestedSpeed),
  rangeDimension("vlan", (request) => request.bEndVlan),
  serviceKeyDimension,
];

/** Every request matching `inner` also matches `outer`. */
export function matchCovers(outer: RuleMatch, inner: RuleMatch): boolean {
  return DIMENSIONS.every((dimension) => dimension.covers(outer, inner));
}

/** Some request could match both. (A company given by UID in one and by name in the other is not related.) */
export function matchesOverlap(a: RuleMatch, b: RuleMatch): boolean {
  return DIMENSIONS.every((dimension) => dimension.overlaps(a, b));
}
