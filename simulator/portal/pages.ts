/**
 * The portal's pages, server-rendered: the log-in form and the dashboard with Approvals (Accept Request /
 * Deny Request with a reason), notification settings (the six groups) and the company's Outbox.
 */
import { mayApprove, SUBSCRIBER_POSITIONS } from "../domain/caller";
import { pendingApprovalsFor } from "../domain/approvals";
import { vxcParties } from "../domain/vxc-parties";
import type { Store } from "../store";
import { SUBSCRIBABLE_MESSAGE_GROUPS } from "../../provider/client/schemas/notification-preferences";
import type { UserRecord } from "../state";
import { esc, page } from "./html";

/** How the Portal names a group: "ORDERING" is "Ordering". */
const groupLabel = (group: string) => group.charAt(0) + group.slice(1).toLowerCase();

export interface Flash {
  text: string;
  error?: boolean;
}

function flashHtml(flash: Flash | undefined): string {
  return flash
    ? `<div class="flash${flash.error ? " error" : ""}" role="status">${esc(flash.text)}</div>`
    : "";
}

export function loginPage(flash?: Flash): string {
  return page(
    "Log in",
    `<section><h2>Log in</h2>${flashHtml(flash)}
<form method="post" action="/portal/login">
<p><label>Email<br><input type="email" name="email" required autocomplete="username"></label></p>
<p><label>Password<br><input type="password" name="password" required autocomplete="current-password"></label></p>
<p><button type="submit">Log in</button></p></form>
<p class="muted">Seeded logins are printed by <code>npm run simulator</code>.</p></section>`,
  );
}

function approvalsSection(store: Store, user: UserRecord): string {
  const pending = pendingApprovalsFor(store, user.companyUid);
  const canAct = mayApprove(user.position);
  const rows = pending
    .map((vxc) => {
      const approval = vxc.approval;
      if (!approval) return "";
      const { aPort, bPort } = vxcParties(store, vxc);
      const customer = store.company(aPort.companyUid).tradingName;
      const what =
        approval.type === "NEW"
          ? `New connection, ${vxc.rateLimit} Mbps`
          : `Speed change ${vxc.rateLimit} → ${approval.newSpeed} Mbps`;
      const actions = canAct
        ? `<form method="post" action="/portal/approvals/${esc(approval.uid)}/accept">
<label class="muted">B-end VLAN <input type="number" name="vlan" min="2" max="4093" placeholder="${esc(vxc.bEnd.vlan)}"></label>
<button type="submit">Accept Request</button></form>
<form method="post" action="/portal/approvals/${esc(approval.uid)}/deny">
<label class="muted">Reason <input type="text" name="reason" maxlength="1000"></label>
<button type="submit" class="deny">Deny Request</button></form>`
        : `<span class="muted">Only a Company Admin or Technical Admin can accept or deny.</span>`;
      return `<tr data-vxc-uid="${esc(vxc.productUid)}" data-approval-uid="${esc(approval.uid)}">
<td>${esc(vxc.productName)}<br><span class="muted">${esc(vxc.productUid)}</span></td>
<td>${esc(customer)}</td><td>${esc(bPort.productName)} (VLAN ${esc(vxc.bEnd.vlan)})</td>
<td>${esc(what)}</td><td>${esc(new Date(approval.requestedAt).toISOString())}</td><td>${actions}</td></tr>`;
    })
    .join("\n");
  const table = pending.length
    ? `<table><thead><tr><th>Service</th><th>Customer</th><th>Your port</th><th>Request</th><th>Requested</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>`
    : `<p class="muted">No pending requests.</p>`;
  return `<section id="approvals"><h2>Approvals</h2>${table}</section>`;
}

function notificationsSection(user: UserRecord): string {
  const maySubscribe = SUBSCRIBER_POSITIONS.includes(user.position);
  const boxes = SUBSCRIBABLE_MESSAGE_GROUPS.map(
    (group) =>
      `<label style="margin-right:1rem"><input type="checkbox" name="group" value="${group}"${
        user.subscriptions.includes(group) ? " checked" : ""
      }${maySubscribe ? "" : " disabled"}> ${groupLabel(group)}</label>`,
  ).join("\n");
  const note = maySubscribe
    ? ""
    : `<p class="muted">A ${esc(user.position)} cannot subscribe to notifications.</p>`;
  return `<section id="notifications"><h2>Notification settings</h2>${note}
<form method="post" action="/portal/notifications"><p>${boxes}</p>
<p><button type="submit"${maySubscribe ? "" : " disabled"}>Save</button></p></form></section>`;
}

function connectionsSection(store: Store, user: UserRecord): string {
  const vxcs = store.state.vxcs.filter((v) => {
    const { aOwnerUid, bOwnerUid } = vxcParties(store, v);
    return aOwnerUid === user.companyUid || bOwnerUid === user.companyUid;
  });
  if (vxcs.length === 0)
    return `<section id="connections"><h2>Connections</h2><p class="muted">None yet.</p></section>`;
  const rows = vxcs
    .map(
      (v) =>
        `<tr data-vxc-uid="${esc(v.productUid)}"><td>${esc(v.productName)}</td><td class="status">${esc(v.provisioningStatus)}</td>` +
        `<td>${esc(v.rateLimit)} Mbps</td><td>${esc(v.aEnd.vlan)} / ${esc(v.bEnd.vlan)}</td></tr>`,
    )
    .join("\n");
  return `<section id="connections"><h2>Connections</h2><table><thead><tr><th>Service</th><th>Status</th>
<th>Rate limit</th><th>VLANs (A / B)</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function outboxSection(store: Store, user: UserRecord): string {
  const emails = store.state.outbox
    .filter((e) => e.companyUid === user.companyUid)
    .slice(-50)
    .reverse();
  const rows = emails
    .map(
      (e) =>
        `<tr><td>${esc(new Date(e.sentAt).toISOString())}</td><td>${esc(e.to)}</td><td>${esc(e.group)}</td>` +
        `<td><details><summary>${esc(e.subject)}</summary><pre>${esc(e.text)}</pre></details></td><td>${esc(e.delivery)}</td></tr>`,
    )
    .join("\n");
  const table = emails.length
    ? `<table><thead><tr><th>Sent</th><th>To</th><th>Group</th><th>Subject</th><th>Delivery</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="muted">No emails sent to your company yet.</p>`;
  return `<section id="outbox"><h2>Outbox</h2>${table}</section>`;
}

export function dashboardPage(store: Store, user: UserRecord, flash?: Flash): string {
  const company = store.company(user.companyUid);
  const header = `<form method="post" action="/portal/logout" style="margin:0">
<span>${esc(user.firstName)} ${esc(user.lastName)} (${esc(user.position)}), ${esc(company.tradingName)}</span>
<button type="submit">Log out</button></form>`;
  return page(
    `${company.tradingName}: Portal`,
    `${flashHtml(flash)}${approvalsSection(store, user)}${connectionsSection(store, user)}${notificationsSection(user)}${outboxSection(store, user)}`,
    header,
  );
}
