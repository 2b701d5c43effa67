// ApprovalPolicy: ordered rules that accept, deny or leave for a person the connection requests and speed changes
// customers send to your ports. `pulumi up` answers the requests already waiting, one line per decision; the
// rules themselves live only in Pulumi state (the real Megaport API has no server-side rule store), so the
// approver command applies them continuously. Type token pulumi-nodejs:dynamic/megaport:ApprovalPolicy.
import * as pulumi from "@pulumi/pulumi";
import type { ApprovalRule, RuleAction } from "../provider/approval/rules";
import type { ApprovalPolicyArgsShape, SettlementOutcome } from "../provider/resources/approval-policy";
import { hiddenProps, outputPlaceholders } from "./hidden-props";
import type { Inputify } from "./input-types";
import { providerShim } from "./provider-shim";

/**
 * `rules` (tried in order, first match wins; each `{ name, match, action, reason?, bEndVlan? }`), `defaultAction`
 * ("manual" by default), `defaultReason` (required when the default denies) and `settleBacklog` (default true).
 * Every field updates in place; nothing replaces the policy.
 */
export type ApprovalPolicyArgs = Inputify<ApprovalPolicyArgsShape>;

const approvalPolicyProvider = providerShim("megaport-mx/dist/provider/resources/approval-policy");

const OUTPUTS = ["companyUid", "lastSettlement", "pendingRequests"] as const;

export class ApprovalPolicy extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/megaport:ApprovalPolicy";

  /** True when `obj` is an ApprovalPolicy (also across copies of this package). */
  static override isInstance(obj: unknown): obj is ApprovalPolicy {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === ApprovalPolicy.__pulumiType;
  }

  /** The company whose ports the policy guards. */
  declare readonly companyUid: pulumi.Output<string>;
  /** The rules as checked (defaults filled in), in the order they are tried. Changes update in place. */
  declare readonly rules: pulumi.Output<ApprovalRule[]>;
  /** What happens to a request no rule matches: "accept", "deny" or "manual". Changes update in place. */
  declare readonly defaultAction: pulumi.Output<RuleAction>;
  /** The reason given to customers when the default denies. Changes update in place. */
  declare readonly defaultReason: pulumi.Output<string | undefined>;
  /** Whether create and update answer the requests already waiting. Changes update in place. */
  declare readonly settleBacklog: pulumi.Output<boolean>;
  /**
   * What the last create or update did: counts of accepted, denied, manual (left for a person) and failed
   * requests, their VXC UIDs, and the failures' messages. null when settleBacklog is false.
   */
  declare readonly lastSettlement: pulumi.Output<SettlementOutcome | null>;
  /** Requests still waiting on your company (as of the last up or refresh). */
  declare readonly pendingRequests: pulumi.Output<number>;

  constructor(name: string, args: ApprovalPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      approvalPolicyProvider,
      name,
      { ...args, ...hiddenProps(name, opts), ...outputPlaceholders(OUTPUTS) },
      opts,
      "megaport",
      "ApprovalPolicy",
    );
  }
}
