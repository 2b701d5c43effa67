// What the invalid-input and hostile-input tables share: each resource's `check` (what the engine calls at preview)
// by kind, and inputs that pass it, for a row to change one field of.
import { provider as approvalPolicy } from "../../provider/resources/approval-policy";
import { provider as marketplaceProfile } from "../../provider/resources/marketplace-profile";
import { provider as notificationSubscription } from "../../provider/resources/notification-subscription";
import { provider as vxcConnection } from "../../provider/resources/vxc-connection";
import { SEED } from "../../simulator/seed";

export type Kind = "VxcConnection" | "MarketplaceProfile" | "ApprovalPolicy" | "NotificationSubscription";
export interface Failure {
  property: string;
  reason: string;
}
export type Check = (olds: never, news: never) => Promise<{ inputs?: unknown; failures?: Failure[] }>;

export const CHECKS: Record<Kind, Check> = {
  VxcConnection: vxcConnection.check! as never,
  MarketplaceProfile: marketplaceProfile.check! as never,
  ApprovalPolicy: approvalPolicy.check! as never,
  NotificationSubscription: notificationSubscription.check! as never,
};

/** Acme's Sydney port: a B-end by UID. */
export const UID = SEED.ports.acmeSydRed.uid;

export const vxc = (change: Record<string, unknown> = {}) => ({
  name: "Globex to Acme",
  rateLimit: 100,
  aEnd: { productUid: SEED.ports.globexSydRed.uid, vlan: 100 },
  bEnd: { productUid: UID, vlan: 300 },
  ...change,
});
export const profile = (change: Record<string, unknown> = {}) => ({
  companyName: "Acme Networks",
  contactEmail: "sales@acme.example",
  ...change,
});
export const rule = (change: Record<string, unknown>) => ({
  rules: [{ name: "r", match: {}, action: "accept", ...change }],
});
export const subscription = (change: Record<string, unknown> = {}) => ({
  user: "noc@globex.example",
  groups: ["Ordering"],
  ...change,
});
