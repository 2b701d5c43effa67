// Resources as the policies see them (inputs after the provider's check), each a happy path that every policy
// passes under HAPPY_CONFIG: a test changes one thing and expects one "must …" message.
import { ApprovalPolicy } from "../../sdk/approval-policy";
import { NotificationSubscription } from "../../sdk/notification-subscription";
import { VxcConnection } from "../../sdk/vxc-connection";
import type { FakeResource } from "./policy-harness";

/** Globex's two ports in the simulator's seed: red and blue diversity zones. */
export const RED_PORT = "6f9e7b61-6cb9-4e67-b6e9-90f162d0463f";
export const BLUE_PORT = "2fed0a69-e7b2-4227-a56b-cdb233ef5821";
export const ACME_COMPANY_UID = "0b5f4c1e-8f43-4c4c-a0d4-6a2bd3b9d3a1";
/** Stands in for a service key: no message may ever contain it. */
export const SERVICE_KEY = "5fe3e4d6-0cbc-4bd3-93cf-7c9d1b7f1f1e";

/** Each policy's config as a platform team that configured everything would set it. */
export const HAPPY_CONFIG = {
  allowedProviders: ["Acme Networks", ACME_COMPANY_UID],
  allowedLocations: ["Equinix SY1", 3],
  allowedVlanRanges: [{ min: 100, max: 199 }],
  allowedTerms: [1, 12],
  costCentrePattern: "^NET-[0-9]{3}$",
  namePattern: "^Globex to [A-Za-z ]+ \\((red|blue)\\)$",
  portDiversityZones: { [RED_PORT]: "red", [BLUE_PORT]: "blue" },
};

export interface VxcResource extends FakeResource {
  props: Record<string, unknown> & {
    aEnd: Record<string, unknown>;
    bEnd?: Record<string, unknown>;
  };
}

export function happyVxc(name = "red"): VxcResource {
  return {
    type: VxcConnection.__pulumiType,
    name,
    props: {
      name: "Globex to Acme (red)",
      rateLimit: 500,
      aEnd: { productUid: RED_PORT, vlan: 101 },
      bEnd: { providerName: "Acme Networks", location: "Equinix SY1", sameDiversityZone: true },
      term: 12,
      costCentre: "NET-001",
    },
  };
}

export function happyBlueVxc(): VxcResource {
  const vxc = happyVxc("blue");
  vxc.props.name = "Globex to Acme (blue)";
  vxc.props.aEnd = { productUid: BLUE_PORT, vlan: 102 };
  return vxc;
}

export function happySubscription(): FakeResource {
  return {
    type: NotificationSubscription.__pulumiType,
    name: "noc-ordering",
    props: { user: "noc@globex.example", groups: ["ORDERING", "SERVICES"] },
  };
}

export interface ApprovalPolicyResource extends FakeResource {
  props: { rules: Record<string, unknown>[]; defaultAction?: string; defaultReason?: string };
}

export function happyApprovalPolicy(): ApprovalPolicyResource {
  return {
    type: ApprovalPolicy.__pulumiType,
    name: "acme-approvals",
    props: {
      rules: [
        { name: "globex", match: { companies: ["Globex"] }, action: "accept" },
        { name: "small", match: { rateLimit: { max: 1000 } }, action: "accept" },
        {
          name: "no-huge",
          match: { rateLimit: { min: 50_000 } },
          action: "deny",
          reason: "Call sales first.",
        },
      ],
      defaultAction: "manual",
      settleBacklog: true,
    } as ApprovalPolicyResource["props"],
  };
}
