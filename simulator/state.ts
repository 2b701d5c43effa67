/**
 * The simulator's whole persistent state as plain JSON-serialisable records.
 *
 * Everything the simulator knows lives in one `SimState` object so that it can be written to a state file
 * atomically and read back unchanged. Records hold facts (who owns what, what was asked, what happens next);
 * the wire shapes the API returns are built from them in `views/`. Nothing here knows about HTTP.
 */

// Value lists the client already declares are taken from its schemas, never written again here.
import type { ProfileVisibility } from "../provider/client/schemas/marketplace-profile";
import type { SubscribableMessageGroup } from "../provider/client/schemas/notification-preferences";
import type { OrderApprovalStatus } from "../provider/client/schemas/order-approvals";
import type { VxcApprovalType } from "../provider/client/schemas/products";
import type { DiversityZone, ProvisioningStatus } from "../provider/client/schemas/scalars";
import type { UserPosition } from "../provider/client/schemas/users";

/** API keys can only carry one of these two roles (docs: api-key page). */
export const API_KEY_ROLES = ["Company Admin", "Read Only"] as const satisfies readonly UserPosition[];
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export interface MarketplaceProfileRecord {
  companyBio: string;
  contactEmail: string;
  website: string;
  profileVisibility: ProfileVisibility;
  services: string[];
}

export interface CompanyRecord {
  companyId: number;
  companyUid: string;
  /** Legal name, shown as `companyName` on products. */
  companyName: string;
  /** Trading name: what `vxcApproval.message` carries and what emails are signed with. */
  tradingName: string;
  marketplaceProfile: MarketplaceProfileRecord | null;
}

export interface UserRecord {
  /**
   * The user's one id: `personId` in GET /v2/employment, `partyId` in GET /v2/employee/{id}, and the id that
   * path takes (megaportgo user_management_test.go: the list's personId is the get's partyId). State files
   * written before the ids were unified also hold a `personId`, now ignored.
   */
  employeeId: number;
  employmentId: number;
  personUid: string;
  companyUid: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  position: UserPosition;
  password: string;
  active: boolean;
  notificationEnabled: boolean;
  newsletter: boolean;
  promotions: boolean;
  /** Email groups this user is subscribed to. */
  subscriptions: SubscribableMessageGroup[];
}

export interface ApiKeyRecord {
  name: string;
  accessKey: string;
  secretKey: string;
  companyUid: string;
  role: ApiKeyRole;
  /** The user who created the key: "the calling user" for per-user endpoints. */
  employeeId: number;
  /** Token lifetime in seconds (the Portal allows 5 to 1440 minutes). */
  tokenLifetimeSeconds: number;
}

export interface TokenRecord {
  accessToken: string;
  accessKey: string;
  /** Wall-clock epoch ms; tokens expire in real time because clients cache them against their own clock. */
  expiresAt: number;
}

export interface LocationRecord {
  id: number;
  name: string;
  metro: string;
  market: string;
  country: string;
  city: string;
  state: string;
  street: string;
  postcode: string;
  latitude: number;
  longitude: number;
  dataCentreId: number;
  dataCentreName: string;
}

export interface ResourceTag {
  key: string;
  value: string;
}

/** What the lifecycle will do to a service next, and when (simulated epoch ms). */
export interface ScheduledTransition {
  status: ProvisioningStatus;
  at: number;
}

export interface PortRecord {
  productId: number;
  productUid: string;
  productName: string;
  companyUid: string;
  locationId: number;
  diversityZone: DiversityZone;
  portSpeed: number;
  maxVxcSpeed: number;
  marketplaceVisibility: boolean;
  vxcPermitted: boolean;
  vxcAutoApproval: boolean;
  costCentre: string;
  contractTermMonths: number;
  provisioningStatus: ProvisioningStatus;
  createDate: number;
  liveDate: number | null;
  terminateDate: number | null;
  /** Status before a CANCEL, restored by UN_CANCEL. */
  statusBeforeCancel: ProvisioningStatus | null;
  next: ScheduledTransition | null;
  createdBy: string;
  resourceTags: ResourceTag[];
  /** Locked against change and cancellation (POST /v2/product/{uid}/lock). Absent in older state files. */
  locked?: boolean;
}

/** A connection request or speed change waiting for the B-end owner. */
export interface PendingApproval {
  uid: string;
  type: VxcApprovalType;
  /** Requested rate for SPEED_CHANGE, the ordered rate for NEW. */
  newSpeed: number;
  approverCompanyUid: string;
  requesterCompanyUid: string;
  requestedAt: number;
  /** Unanswered requests fail after 60 days (docs/megaport-api.md §9.1a). */
  expiresAt: number;
}

/** The last answer to a request, kept so the customer can read the provider's reason. */
export interface ApprovalDecision {
  uid: string;
  type: VxcApprovalType;
  newSpeed: number;
  /** How the request closed, as the approval queue reads it. */
  outcome: Exclude<OrderApprovalStatus, "PENDING" | "FAILED">;
  reason: string;
  decidedAt: number;
}

/**
 * Every connection request and speed change ever opened, as GET /v3/order_approvals lists them: the pending
 * one also sits on its VXC (`approval`), this log keeps what became of each.
 */
export interface OrderApprovalRecord {
  /** The same UID as the VXC's `vxcApproval.uid` while it is pending. */
  uid: string;
  id: number;
  vxcUid: string;
  type: VxcApprovalType;
  newSpeed: number;
  approverCompanyUid: string;
  requesterCompanyUid: string;
  /** personUid of the user whose order or change opened it. */
  requestedBy: string | null;
  requestedAt: number;
  status: OrderApprovalStatus;
  /** The last word on it: the approver's reason or comment, or the requester's on withdrawal. */
  comment: string;
  decidedAt: number | null;
}

/** The approval queue's record of a request just opened: PENDING, with no comment yet. */
export function openedOrderApproval(
  id: number,
  vxcUid: string,
  approval: PendingApproval,
  requestedBy: string | null,
): OrderApprovalRecord {
  return {
    uid: approval.uid,
    id,
    vxcUid,
    type: approval.type,
    newSpeed: approval.newSpeed,
    approverCompanyUid: approval.approverCompanyUid,
    requesterCompanyUid: approval.requesterCompanyUid,
    requestedBy,
    requestedAt: approval.requestedAt,
    status: "PENDING",
    comment: "",
    decidedAt: null,
  };
}

export interface VxcEndRecord {
  productUid: string;
  vlan: number;
  /** Q-in-Q inner VLAN, null for none. Absent in state files written before inner VLANs were kept. */
  innerVlan?: number | null;
}

export interface VxcRecord {
  productId: number;
  productUid: string;
  productName: string;
  /** The ordering (A-end, paying) company. */
  companyUid: string;
  rateLimit: number;
  contractTermMonths: number;
  costCentre: string;
  shutdown: boolean;
  provisioningStatus: ProvisioningStatus;
  createDate: number;
  liveDate: number | null;
  terminateDate: number | null;
  contractStartDate: number | null;
  contractEndDate: number | null;
  createdBy: string;
  aEnd: VxcEndRecord;
  bEnd: VxcEndRecord;
  serviceKey: string | null;
  /** True when the order used a pre-approved service key: later increases up to its maxSpeed need no approval. */
  preApprovedByKey: boolean;
  vxcOrderId: number;
  approval: PendingApproval | null;
  lastDecision: ApprovalDecision | null;
  statusBeforeCancel: ProvisioningStatus | null;
  next: ScheduledTransition | null;
  resourceTags: ResourceTag[];
  /**
   * Wall-clock epoch ms the lifecycle last made it LIVE, and made it DECOMMISSIONED (GET /_sim/vxcs; the
   * benchmark measures from them). Absent in state files written before they were kept.
   */
  liveAtWallMs?: number | null;
  decommissionedAtWallMs?: number | null;
  /** Locked against change and cancellation (POST /v2/product/{uid}/lock). Absent in older state files. */
  locked?: boolean;
}

export interface ServiceKeyRecord {
  key: string;
  companyUid: string;
  productUid: string;
  description: string;
  createDate: number;
  singleUse: boolean;
  maxSpeed: number | null;
  vlan: number | null;
  preApproved: boolean;
  active: boolean;
  validFrom: number | null;
  validTo: number | null;
  lastUsed: number | null;
  promoCode: string | null;
}

export type EmailEvent =
  | "CONNECTION_REQUEST"
  | "CONNECTION_REQUEST_SUBMITTED"
  | "CONNECTION_REQUEST_ACCEPTED"
  | "CONNECTION_REQUEST_DENIED"
  | "CONNECTION_REQUEST_EXPIRED"
  | "SPEED_CHANGE_REQUEST"
  | "SPEED_CHANGE_SUBMITTED"
  | "SPEED_CHANGE_ACCEPTED"
  | "SPEED_CHANGE_DENIED"
  | "SPEED_CHANGE_EXPIRED"
  | "VXC_LIVE";

export interface EmailRecord {
  id: number;
  event: EmailEvent;
  group: SubscribableMessageGroup;
  sentAt: number;
  companyUid: string;
  employeeId: number;
  to: string;
  from: string;
  subject: string;
  text: string;
  productUid: string;
  /** `pending` until SMTP answers; `not-configured` when no SMTP server is set. */
  delivery: "pending" | "sent" | "failed" | "not-configured";
  deliveryError: string | null;
}

export interface PortalSessionRecord {
  sessionId: string;
  employeeId: number;
  expiresAt: number;
}

export interface SimState {
  version: 1;
  /** Simulated time minus wall time, so advanced time survives a restart. */
  clockOffsetMs: number;
  nextProductId: number;
  nextOrderId: number;
  nextEmailId: number;
  locations: LocationRecord[];
  companies: CompanyRecord[];
  users: UserRecord[];
  apiKeys: ApiKeyRecord[];
  tokens: TokenRecord[];
  ports: PortRecord[];
  vxcs: VxcRecord[];
  serviceKeys: ServiceKeyRecord[];
  orderApprovals: OrderApprovalRecord[];
  nextOrderApprovalId: number;
  outbox: EmailRecord[];
  portalSessions: PortalSessionRecord[];
}
