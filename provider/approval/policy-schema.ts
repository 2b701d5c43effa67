/**
 * The shape of an approval policy (strict zod schema, the types derived from it) and of the requests and
 * decisions the rules engine works on. One constant per list of allowed values feeds the schema, the docs
 * and the problem messages. Pure declarations: it must never do I/O or hold state.
 */
import { z } from "zod";
import { freeText, MAX_COMPANY_NAME_LENGTH, rateLimitSchema, visibleText } from "../client/schemas/scalars";

// ---------------------------------------------------------------------------------------------------------
// Constants (each feeds the schema, the doc text and the problem messages)
// ---------------------------------------------------------------------------------------------------------

/** The kinds of Marketplace request a provider approves (`vxcApproval.type`, docs/megaport-api.md §9.1). */
export const REQUEST_TYPES = ["NEW", "SPEED_CHANGE"] as const;
/** What a rule does with a request it matches. */
export const RULE_ACTIONS = ["accept", "deny", "manual"] as const;
/** Whether a request must, or must not, have been made with a service key. */
export const SERVICE_KEY_CONDITIONS = ["required", "forbidden"] as const;
/** The longest denial reason we send; the customer sees it in the Portal and in email. */
export const REASON_MAX_LENGTH = 200;
/** Our caps on a policy's size (the rules live in state; no API limit applies): far above any real policy. */
export const MAX_RULES = 100;
export const MAX_RULE_NAME_LENGTH = 64;
export const MAX_COMPANIES_PER_RULE = 100;
export const MAX_PORTS_PER_RULE = 500;
/** The longest port UID we take in a rule: a UUID is 36 characters. */
export const MAX_PORT_UID_LENGTH = 64;
/** The rule name a decision carries when no rule matched and `defaultAction` applied. */
export const DEFAULT_RULE_NAME = "default";

export type RequestType = (typeof REQUEST_TYPES)[number];
export type RuleAction = (typeof RULE_ACTIONS)[number];

// ---------------------------------------------------------------------------------------------------------
// Schema (strict: an unknown key is a typo, and a typo in an approval policy must not pass silently)
// ---------------------------------------------------------------------------------------------------------

const wholeNumber = () => z.number().int({ error: "must be a whole number" });
const nonEmpty = (max: number) =>
  freeText(
    z
      .string()
      .min(1, { error: "must not be empty" })
      .max(max, { error: `must be at most ${max} characters` }),
  );
const atMost = (max: number, what: string) => ({ error: `must list at most ${max} ${what}` });
/** A reason is free text; its 200-character limit is validatePolicy's, which says how long it is. */
const reason = () => freeText(z.string());

/** An inclusive range of speeds in Mbps. */
export const RateLimitRangeSchema = z.strictObject({
  /** Smallest matching speed in Mbps, inclusive. Positive integer. Default: no lower bound. */
  min: rateLimitSchema.optional(),
  /** Largest matching speed in Mbps, inclusive. Positive integer. Default: no upper bound. */
  max: rateLimitSchema.optional(),
});

/** An inclusive range of VLAN ids. */
export const VlanRangeSchema = z.strictObject({
  /** Smallest matching VLAN, inclusive. Integer 2–4093. Default: no lower bound. */
  min: wholeNumber().optional(),
  /** Largest matching VLAN, inclusive. Integer 2–4093. Default: no upper bound. */
  max: wholeNumber().optional(),
});

/**
 * What a request must look like for a rule to apply. Every given field must match (AND); a field left out
 * matches anything. A field that needs a fact the request does not carry (no VLAN asked for, speed change
 * without a new speed, unknown service-key use) does not match, so the request falls through to later rules.
 */
export const RuleMatchSchema = z.strictObject({
  /** Request kinds: "NEW" (a new connection) and/or "SPEED_CHANGE" (a rate-limit change). Default: both. */
  requestTypes: z
    .array(z.enum(REQUEST_TYPES))
    .max(REQUEST_TYPES.length, atMost(REQUEST_TYPES.length, "request types"))
    .optional(),
  /**
   * Requesting companies (at most 100), each a company UID or the company's legal name, the name on its Megaport
   * account that requests carry (names compare case-insensitively, at most 128 characters). A Marketplace trading
   * name never matches: anyone can trade under any name, so a rule naming one would accept whoever took it.
   * `pulumi preview` says which company each entry matches. Default: any company.
   */
  companies: z
    .array(nonEmpty(MAX_COMPANY_NAME_LENGTH))
    .max(MAX_COMPANIES_PER_RULE, atMost(MAX_COMPANIES_PER_RULE, "companies"))
    .optional(),
  /** Target ports: UIDs of our own ports (the VXC's B-end), at most 500. Default: any of our ports. */
  ports: z
    .array(nonEmpty(MAX_PORT_UID_LENGTH))
    .max(MAX_PORTS_PER_RULE, atMost(MAX_PORTS_PER_RULE, "ports"))
    .optional(),
  /**
   * Speed in Mbps, inclusive: the VXC's `rateLimit` for "NEW", the requested `newSpeed` for "SPEED_CHANGE".
   * Default: any speed.
   */
  rateLimit: RateLimitRangeSchema.optional(),
  /** The B-end (our side) VLAN the customer asked for, inclusive, 2–4093. Default: any VLAN or none. */
  vlan: VlanRangeSchema.optional(),
  /**
   * "required": only requests made with one of our service keys; "forbidden": only requests made without.
   * Default: either.
   */
  serviceKey: z.enum(SERVICE_KEY_CONDITIONS).optional(),
});

/** One rule: when a request matches, take the action. Rules are tried in order; the first match wins. */
export const ApprovalRuleSchema = z.strictObject({
  /**
   * A unique name for the rule, shown in decisions and logs: 1–64 characters of plain text. Required. "default" is
   * reserved.
   */
  name: visibleText(z.string().trim())
    .min(1, { error: "must not be empty" })
    .max(MAX_RULE_NAME_LENGTH, { error: `must be at most ${MAX_RULE_NAME_LENGTH} characters` }),
  /** Which requests the rule applies to. `{}` matches every request. */
  match: RuleMatchSchema,
  /**
   * "accept" approves the request, "deny" rejects it with `reason`, "manual" leaves it for a person in the
   * Portal's Approvals page.
   */
  action: z.enum(RULE_ACTIONS),
  /**
   * Why: shown to the customer when denying (required for "deny"), in the Portal and in email. At most 200
   * characters of plain text.
   */
  reason: reason().optional(),
  /** The VLAN (2–4093) to assign on our end when accepting. Only with "accept". Default: the customer's. */
  bEndVlan: wholeNumber().optional(),
});

/** An approval policy: ordered rules, then a default for requests no rule matches. */
export const ApprovalPolicySchema = z.strictObject({
  /**
   * The rules, tried in order; the first whose match fits the request decides. At most 100. Default: none. Updates
   * in place.
   */
  rules: z.array(ApprovalRuleSchema).max(MAX_RULES, atMost(MAX_RULES, "rules")).default([]),
  /** What to do when no rule matches: "accept", "deny" or "manual". Default: "manual". Updates in place. */
  defaultAction: z.enum(RULE_ACTIONS).default("manual"),
  /**
   * Why, shown to the customer when `defaultAction` is "deny" (then required). At most 200 characters of plain
   * text. Updates in place.
   */
  defaultReason: reason().optional(),
});

export type RateLimitRange = z.output<typeof RateLimitRangeSchema>;
export type VlanRange = z.output<typeof VlanRangeSchema>;
export type RuleMatch = z.output<typeof RuleMatchSchema>;
export type ApprovalRule = z.output<typeof ApprovalRuleSchema>;
/** A parsed policy (defaults filled in). */
export type ApprovalPolicy = z.output<typeof ApprovalPolicySchema>;
/** A policy as a user writes it (defaults optional). */
export type ApprovalPolicyInput = z.input<typeof ApprovalPolicySchema>;

// ---------------------------------------------------------------------------------------------------------
// Requests and decisions
// ---------------------------------------------------------------------------------------------------------

/** One connection request or speed change waiting on our decision. */
export interface ApprovalRequest {
  /** The VXC's product UID. */
  vxcUid: string;
  /** `vxcApproval.uid`: the order UID the legacy accept/deny endpoint takes. */
  approvalUid: string;
  type: RequestType;
  /** The company asking (the VXC's A-end owner). */
  requestingCompanyUid: string;
  /** Its name, when the API showed one. */
  requestingCompanyName?: string;
  /** Our port the VXC lands on (its B-end). */
  targetPortUid: string;
  /** The VXC's current rate limit in Mbps. */
  rateLimit: number;
  /** For "SPEED_CHANGE": the requested rate limit in Mbps. */
  newSpeed?: number;
  /** The B-end VLAN the customer asked for, when one was given. */
  bEndVlan?: number;
  /** Whether the order used a service key; undefined when the API does not say. */
  serviceKey?: boolean;
  /** The VXC's name, for log lines. */
  vxcName?: string;
}

/** What to do with one request, and which rule said so. */
export interface ApprovalDecision {
  action: RuleAction;
  /** The deciding rule's name, or "default" when none matched. */
  ruleName: string;
  /** The reason to show the customer (always present for "deny" in a valid policy). */
  reason?: string;
  /** The VLAN to assign on our end when accepting, if the rule sets one. */
  bEndVlan?: number;
}
