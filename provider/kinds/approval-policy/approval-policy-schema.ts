// The ApprovalPolicy's inputs and outputs: one zod schema each gives the check, the TypeScript types, the SDK's
// args and outputs, and the reference page. The policy's own fields are the rules engine's (provider/approval).
import { z } from "zod";
import { ApprovalPolicySchema } from "../../approval/rules";
import { inputFields } from "../input-fields";

/**
 * The policy (rules, defaultAction, defaultReason: see provider/approval/rules.ts for every field) plus whether
 * `pulumi up` settles the requests already waiting.
 */
export const ApprovalPolicyInputsSchema = ApprovalPolicySchema.extend({
  /**
   * When true (default), every create or update answers the requests pending at that moment by the rules, one
   * line per decision in the `pulumi up` output. When false the policy is only recorded (for the approver
   * command). Updates in place.
   */
  settleBacklog: z.boolean({ error: "settleBacklog must be true or false" }).default(true),
});

export type ApprovalPolicyInputs = z.output<typeof ApprovalPolicyInputsSchema>;
/** What users write (the SDK's args, before Pulumi's Input wrapping). */
export type ApprovalPolicyArgsShape = z.input<typeof ApprovalPolicyInputsSchema>;

const vxcUids = z.array(z.string());

/** What the last settlement at `pulumi up` did. */
export const SettlementOutcomeSchema = z.object({
  /** Requests the rules accepted. */
  accepted: z.number(),
  /** Requests the rules denied. */
  denied: z.number(),
  /** Left for a person by a "manual" rule or default. */
  manual: z.number(),
  /** Accept or deny failed; the request is still pending. */
  failed: z.number(),
  /** The VXC UIDs behind each count. */
  vxcUids: z.object({
    /** The VXCs accepted. */
    accepted: vxcUids,
    /** The VXCs denied. */
    denied: vxcUids,
    /** The VXCs left for a person. */
    manual: vxcUids,
    /** The VXCs whose answer failed. */
    failed: vxcUids,
  }),
  /** One line per failure: VXC UID and what Megaport answered. */
  errors: z.array(z.string()),
});
export type SettlementOutcome = z.output<typeof SettlementOutcomeSchema>;

/** What the provider computes beside the inputs: the outputs the SDK declares, each documented here once. */
export const ApprovalPolicyComputedSchema = z.object({
  /** The company whose ports the policy guards. */
  companyUid: z.string(),
  /**
   * What the last create or update did: counts of accepted, denied, manual (left for a person) and failed
   * requests, their VXC UIDs, and the failures' messages. Null when settleBacklog is false.
   */
  lastSettlement: SettlementOutcomeSchema.nullable(),
  /** Requests still waiting on the company (for a person, or for the next run), as of the last up or refresh. */
  pendingRequests: z.number(),
  /**
   * Of those, how many the rules would accept or deny now (not "manual"): requests that arrived since the last
   * settlement. `pulumi refresh` updates it, and a non-zero count makes the next `pulumi up` settle them, so
   * `pulumi up --refresh` answers new requests by the policy.
   */
  decidableRequests: z.number(),
});
export type ApprovalPolicyComputed = z.output<typeof ApprovalPolicyComputedSchema>;

export type ApprovalPolicyOutputs = ApprovalPolicyInputs & ApprovalPolicyComputed;

/** Nothing replaces: the policy is state only, and its id depends on the company and resource name alone. */
export const POLICY_INPUTS = inputFields(ApprovalPolicyInputsSchema, {
  rules: "updates",
  defaultAction: "updates",
  defaultReason: "updates",
  settleBacklog: "updates",
});
