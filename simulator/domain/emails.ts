/**
 * The emails of the Marketplace guide: which event goes to which company, in which notification group, with
 * what text, and which users receive it. A user receives an email only when they are active, have
 * notifications enabled, hold a role that may subscribe (Company Admin, Technical Admin, Technical Contact)
 * and are subscribed to the email's group. Finance and Read Only users never receive these.
 */
import type { Store } from "../store";
import type { SubscribableMessageGroup } from "../../provider/client/schemas/notification-preferences";
import type { EmailEvent, VxcRecord } from "../state";
import { SUBSCRIBER_POSITIONS } from "./caller";

// EXTENSION: the groups are our choice (the guide names events, not groups); see simulator/README.md.
/** The group each email belongs to (documented in simulator/README.md). */
export const EMAIL_GROUPS: Record<EmailEvent, SubscribableMessageGroup> = {
  CONNECTION_REQUEST: "ORDERING",
  CONNECTION_REQUEST_SUBMITTED: "ORDERING",
  CONNECTION_REQUEST_ACCEPTED: "ORDERING",
  CONNECTION_REQUEST_DENIED: "ORDERING",
  CONNECTION_REQUEST_EXPIRED: "ORDERING",
  SPEED_CHANGE_REQUEST: "ORDERING",
  SPEED_CHANGE_SUBMITTED: "ORDERING",
  SPEED_CHANGE_ACCEPTED: "ORDERING",
  SPEED_CHANGE_DENIED: "ORDERING",
  SPEED_CHANGE_EXPIRED: "ORDERING",
  VXC_LIVE: "SERVICES",
};

/** Which side of the connection each email goes to. */
const AUDIENCE: Record<EmailEvent, "provider" | "customer"> = {
  CONNECTION_REQUEST: "provider",
  CONNECTION_REQUEST_SUBMITTED: "customer",
  CONNECTION_REQUEST_ACCEPTED: "customer",
  CONNECTION_REQUEST_DENIED: "customer",
  CONNECTION_REQUEST_EXPIRED: "customer",
  SPEED_CHANGE_REQUEST: "provider",
  SPEED_CHANGE_SUBMITTED: "customer",
  SPEED_CHANGE_ACCEPTED: "customer",
  SPEED_CHANGE_DENIED: "customer",
  SPEED_CHANGE_EXPIRED: "customer",
  VXC_LIVE: "customer",
};

export const EMAIL_FROM = "Megaport Simulator <no-reply@megaport-simulator.local>";

interface EmailFacts {
  reason?: string;
  newSpeed?: number;
}

function describe(store: Store, event: EmailEvent, vxc: VxcRecord, facts: EmailFacts) {
  const aPort = store.port(vxc.aEnd.productUid);
  const bPort = store.port(vxc.bEnd.productUid);
  const customer = store.company(aPort.companyUid).tradingName;
  const provider = store.company(bPort.companyUid).tradingName;
  const speed = facts.newSpeed ?? vxc.rateLimit;
  const summary = [
    `Service: ${vxc.productName} (${vxc.productUid})`,
    `From: ${customer}, port ${aPort.productName}, VLAN ${vxc.aEnd.vlan}`,
    `To: ${provider}, port ${bPort.productName}, VLAN ${vxc.bEnd.vlan}`,
    `Rate limit: ${speed} Mbps`,
  ].join("\n");
  const next = "Log in to the Megaport Portal and open Approvals to Accept Request or Deny Request.";
  switch (event) {
    case "CONNECTION_REQUEST":
      return {
        subject: `New connection request from ${customer}: ${vxc.productName}`,
        text: `${customer} has requested a connection to your port ${bPort.productName}.\n\n${summary}\n\n${next}`,
      };
    case "CONNECTION_REQUEST_SUBMITTED":
      return {
        subject: `Your connection request to ${provider} has been submitted`,
        text: `Your request for a connection to ${provider} has been sent. ${provider} will accept or deny it.\n\n${summary}`,
      };
    case "CONNECTION_REQUEST_ACCEPTED":
      return {
        subject: `${provider} accepted your connection request: ${vxc.productName}`,
        text: `${provider} has accepted your connection request. The VXC is being deployed; we will email you again when it is up.\n\n${summary}`,
      };
    case "CONNECTION_REQUEST_DENIED":
      return {
        subject: `${provider} denied your connection request: ${vxc.productName}`,
        text: `${provider} has denied your connection request.\nReason: ${facts.reason ?? "none given"}\n\n${summary}`,
      };
    case "CONNECTION_REQUEST_EXPIRED":
      return {
        subject: `Your connection request to ${provider} expired: ${vxc.productName}`,
        text: `${provider} did not answer your connection request within 60 days, so it has been closed.\n\n${summary}`,
      };
    case "SPEED_CHANGE_REQUEST":
      return {
        subject: `Speed change request from ${customer}: ${vxc.productName} to ${speed} Mbps`,
        text: `${customer} has asked to raise the rate limit of ${vxc.productName} from ${vxc.rateLimit} Mbps to ${speed} Mbps.\n\n${summary}\n\n${next}`,
      };
    case "SPEED_CHANGE_SUBMITTED":
      return {
        subject: `Your speed change request to ${provider} has been submitted`,
        text: `Your request to raise ${vxc.productName} to ${speed} Mbps has been sent to ${provider}. The rate limit stays at ${vxc.rateLimit} Mbps until they accept.\n\n${summary}`,
      };
    case "SPEED_CHANGE_ACCEPTED":
      return {
        subject: `${provider} accepted your speed change: ${vxc.productName} is now ${speed} Mbps`,
        text: `${provider} has accepted your speed change.\n\n${summary}`,
      };
    case "SPEED_CHANGE_DENIED":
      return {
        subject: `${provider} denied your speed change: ${vxc.productName}`,
        text: `${provider} has denied your request to raise ${vxc.productName} to ${speed} Mbps. The rate limit stays at ${vxc.rateLimit} Mbps.\nReason: ${facts.reason ?? "none given"}\n\n${summary}`,
      };
    case "SPEED_CHANGE_EXPIRED":
      return {
        subject: `Your speed change request to ${provider} expired: ${vxc.productName}`,
        text: `${provider} did not answer your speed change request within 60 days. The rate limit stays at ${vxc.rateLimit} Mbps.\n\n${summary}`,
      };
    case "VXC_LIVE":
      return {
        subject: `Your VXC ${vxc.productName} is up`,
        text: `Your VXC to ${provider} is now LIVE.\n\n${summary}`,
      };
  }
}

/** Queue the email for `event` to every subscribed user of the company it is meant for. */
export function sendVxcEmail(store: Store, event: EmailEvent, vxc: VxcRecord, facts: EmailFacts = {}): void {
  const group = EMAIL_GROUPS[event];
  const endPort = store.port(AUDIENCE[event] === "provider" ? vxc.bEnd.productUid : vxc.aEnd.productUid);
  const { subject, text } = describe(store, event, vxc, facts);
  const recipients = store.state.users.filter(
    (u) =>
      u.companyUid === endPort.companyUid &&
      u.active &&
      u.notificationEnabled &&
      SUBSCRIBER_POSITIONS.includes(u.position) &&
      u.subscriptions.includes(group),
  );
  for (const user of recipients) {
    store.queueEmail({
      event,
      group,
      sentAt: store.now(),
      companyUid: user.companyUid,
      employeeId: user.employeeId,
      to: user.email,
      from: EMAIL_FROM,
      subject,
      text: `Hello ${user.firstName},\n\n${text}\n\n-- Megaport (simulated)`,
      productUid: vxc.productUid,
      deliveryError: null,
    });
  }
}
