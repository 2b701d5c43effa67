// ApprovalPolicy: ordered rules that accept, deny or leave for a person the connection requests and speed changes
// customers send to your ports. `pulumi up` answers the requests already waiting, one line per decision; the
// rules themselves live only in Pulumi state (the real Megaport API has no server-side rule store), so the
// approver command applies them continuously.
import type * as pulumi from "@pulumi/pulumi";
import type {
  ApprovalPolicyArgsShape,
  ApprovalPolicyOutputs,
} from "../provider/kinds/approval-policy/approval-policy-schema";
import { typeToken } from "../provider/kinds/kinds";
import type { Inputify, OutputsOf } from "./input-types";
import { MegaportResource } from "./megaport-resource";

/**
 * `rules` (tried in order, first match wins; each `{ name, match, action, reason?, bEndVlan? }`), `defaultAction`
 * ("manual" by default), `defaultReason` (required when the default denies) and `settleBacklog` (default true).
 * Every field updates in place; nothing replaces the policy.
 */
export type ApprovalPolicyArgs = Inputify<ApprovalPolicyArgsShape>;

// Every output (the rules as checked, companyUid, lastSettlement, …), typed and documented once, on the schemas.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface ApprovalPolicy extends OutputsOf<ApprovalPolicyOutputs> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class ApprovalPolicy extends MegaportResource {
  static readonly __pulumiType = typeToken("ApprovalPolicy");

  /** True when `obj` is an ApprovalPolicy (also across copies of this package). */
  static override isInstance(obj: unknown): obj is ApprovalPolicy {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === ApprovalPolicy.__pulumiType;
  }

  constructor(name: string, args: ApprovalPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super("ApprovalPolicy", name, args, opts);
  }
}
