/**
 * What each company a rule names stands for, among the companies known at preview: which one it matches (by UID,
 * or by legal name, the name on the company's Megaport account that its requests carry) and which it does not.
 * A Marketplace trading name never matches: anyone can take any trading name, so a rule that trusted one would
 * accept whoever took it; a rule naming only the trading name of a known company would never match that company,
 * and its requests would wait for a person. Pure: it must never do I/O.
 */
import { escapeHidden, isUuid } from "../client/schemas/scalars";
import type { ApprovalRule } from "./policy-schema";
import { normalize } from "./rule-match";

/** A company known at preview: a requester on our ports (UID and legal name), or a Marketplace profile. */
export interface KnownCompany {
  uid: string;
  /** The legal name: the company name on its Megaport account, as its VXCs and requests carry it. */
  name?: string;
  /** The name it trades under on the Marketplace, when its profile is visible to us. */
  tradingName?: string;
}

/** A finding about one entry: an error (never matches what it names), a warning, or a note for the log. */
export interface CompanyFinding {
  path: string;
  severity: "error" | "warning" | "note";
  reason: string;
  fix: string;
}

const FIX_BY_UID = "name the company by its UID (on its VXCs and requests), which no other company can take";

/** One finding per company entry of the rule at `path`. */
export function companyFindings(
  rule: ApprovalRule,
  path: string,
  known: readonly KnownCompany[],
): CompanyFinding[] {
  return (rule.match.companies ?? []).map((entry, index) =>
    findingFor(entry, `${path}.match.companies[${index}]`, `Rule "${rule.name}"`, known),
  );
}

function findingFor(
  entry: string,
  path: string,
  label: string,
  known: readonly KnownCompany[],
): CompanyFinding {
  const key = normalize(entry);
  if (isUuid(entry)) {
    const company = known.find((c) => normalize(c.uid) === key);
    if (company) return note(path, `${label}: "${entry}" matches ${describe(company)} by UID.`);
    return unknown(
      entry,
      path,
      label,
      known,
      "is the UID of no company with a VXC or request on your ports.",
    );
  }
  const byLegalName = known.filter((c) => c.name !== undefined && normalize(c.name) === key);
  const byTradingName = known.filter(
    (c) => c.tradingName !== undefined && normalize(c.tradingName) === key && !byLegalName.includes(c),
  );
  const notMatched =
    byTradingName.length > 0
      ? ` It does not match ${byTradingName.map(describe).join(", ")}, which trade${byTradingName.length > 1 ? "" : "s"} ` +
        "under that name: rules never trust a trading name."
      : "";
  if (byLegalName.length > 1) {
    return {
      path,
      severity: "warning",
      reason: `${label} names "${entry}", the legal name of ${byLegalName.length} companies: ${byLegalName.map(describe).join(", ")}; it matches all of them.${notMatched}`,
      fix: `If you mean one of them, ${FIX_BY_UID}.`,
    };
  }
  if (byLegalName.length === 1) {
    return note(path, `${label}: "${entry}" matches ${describe(byLegalName[0])} by legal name.${notMatched}`);
  }
  if (byTradingName.length > 0) {
    const meant = byTradingName[0];
    return {
      path,
      severity: "error",
      reason:
        `${label} names "${entry}", the Marketplace trading name of ${describe(meant)}, but requests carry a ` +
        `company's legal name${meant.name ? ` ("${escapeHidden(meant.name)}")` : ""}, so it would never match: its requests ` +
        "would wait for a person. Trading names are not trusted: anyone can trade under any name.",
      fix: `Write ${meant.name ? `its legal name "${escapeHidden(meant.name)}" or ` : ""}its UID ${meant.uid}.`,
    };
  }
  return unknown(entry, path, label, known, "matches no company with a VXC or request on your ports.");
}

/** A warning for an entry nothing known matches, with the likeliest company meant. */
function unknown(
  entry: string,
  path: string,
  label: string,
  known: readonly KnownCompany[],
  what: string,
): CompanyFinding {
  const names = [
    ...new Set(
      known
        .map((c) => c.name)
        .filter((n): n is string => !!n)
        .map(escapeHidden),
    ),
  ];
  const key = normalize(entry);
  // "Initech" for "Initech LLC": a legal name that starts with the entry as a word is the likeliest meant.
  const extended = names.find((name) => normalize(name).startsWith(`${key} `));
  const nearest = names
    .map((name) => ({ name, distance: editDistance(normalize(name), key) }))
    .sort((a, b) => a.distance - b.distance)[0];
  const guess = extended
    ? ` Did you mean "${extended}"? Rules match the legal name in full.`
    : nearest && nearest.distance <= Math.max(2, Math.floor(entry.length / 4))
      ? ` Did you mean "${nearest.name}"?`
      : names.length > 0
        ? ` Known: ${names.slice(0, 5).join(", ")}.`
        : "";
  return {
    path,
    severity: "warning",
    reason: `${label} names the company "${entry}", which ${what}${guess}`,
    fix:
      "Check the spelling: a name is the company's legal name (names compare ignoring case), never its " +
      `trading name; or ${FIX_BY_UID}.`,
  };
}

/** A company as the log and messages name it; its names are its own to choose, so their hidden characters show. */
function describe(company: KnownCompany): string {
  return `${escapeHidden(company.name ?? company.tradingName ?? "a company")} (${escapeHidden(company.uid)})`;
}

function note(path: string, reason: string): CompanyFinding {
  return { path, severity: "note", reason, fix: "" };
}

/** Levenshtein distance: enough to tell a misspelling from another name. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
