import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import type { Simulator } from "../../simulator/server";
import { ApiAs, getVxc, orderVxcUid, SEED, waitForStatus, type Json } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";
import { eventually } from "../support/eventually";

const P = SEED.ports;
const U = SEED.users;

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo)
    .port;
  return { server, port, received };
}

describe("notification emails", () => {
  let sim: Simulator;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let globex: ApiAs;
  let acme: ApiAs;

  beforeAll(async () => {
    smtp = await startSmtp();
    sim = await startTestSimulator({ smtp: `127.0.0.1:${smtp.port}` });
    globex = new ApiAs(sim, "globexAdmin");
    acme = new ApiAs(sim, "acmeAdmin");
  });
  afterAll(async () => {
    await sim.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  const outbox = async (query = "") => {
    const res = await fetch(`${sim.url}/_sim/outbox${query}`);
    return ((await res.json()) as Json).data as Json[];
  };
  const emailsFor = async (productUid: string) => (await outbox()).filter((e) => e.productUid === productUid);
  const recipients = (emails: Json[], event: string) =>
    emails
      .filter((e) => e.event === event)
      .map((e) => e.to)
      .sort();

  it("sends each Marketplace event to the subscribed users of the right company, never to Finance or Read Only", async () => {
    const uid = await orderVxcUid(globex, {
      from: P.globexSydRed.uid,
      to: P.acmeSydRed.uid,
      name: "mail test",
    });
    let emails = await emailsFor(uid);
    // Seeded subscriptions: Company Admin all groups, Technical Admin ORDERING+SERVICES, Technical Contact SERVICES.
    expect(recipients(emails, "CONNECTION_REQUEST")).toEqual(
      [U.acmeCompanyAdmin.email, U.acmeTechnicalAdmin.email].sort(),
    );
    expect(recipients(emails, "CONNECTION_REQUEST_SUBMITTED")).toEqual(
      [U.globexCompanyAdmin.email, U.globexTechnicalAdmin.email].sort(),
    );
    expect(emails.every((e) => e.group === "ORDERING")).toBe(true);

    await acme.put(`/v3/product/vxc/${uid}`, { isApproved: true });
    await waitForStatus(globex, uid, "LIVE");
    emails = await emailsFor(uid);
    expect(recipients(emails, "CONNECTION_REQUEST_ACCEPTED")).toEqual(
      [U.globexCompanyAdmin.email, U.globexTechnicalAdmin.email].sort(),
    );
    const up = emails.filter((e) => e.event === "VXC_LIVE");
    expect(up.map((e) => e.to).sort()).toEqual(
      [U.globexCompanyAdmin.email, U.globexTechnicalAdmin.email, U.globexTechnicalContact.email].sort(),
    );
    expect(up.every((e) => e.group === "SERVICES" && /is up/.test(e.subject))).toBe(true);

    const never = [U.acmeFinance, U.acmeReadOnly, U.globexFinance, U.globexReadOnly].map((u) => u.email);
    expect((await outbox()).some((e) => never.includes(e.to))).toBe(false);
    expect((await outbox()).some((e) => e.companyUid === SEED.companies.initech.uid)).toBe(false);
  });

  it("tells the provider about a speed change request and the customer about the decision, with the reason", async () => {
    const asked = await orderVxcUid(globex, {
      from: P.globexSydBlue.uid,
      to: P.acmeSydBlue.uid,
      rateLimit: 100,
    });
    await acme.put(`/v3/product/vxc/${asked}`, { isApproved: true });
    await waitForStatus(globex, asked, "LIVE");
    await globex.put(`/v3/product/vxc/${asked}`, { rateLimit: 900 });
    const approvalUid = (await getVxc(globex, asked)).vxcApproval.uid;
    await acme.put(`/v2/order/vxc/${approvalUid}`, { isApproved: false, reason: "Upgrade your plan first" });
    const emails = await emailsFor(asked);
    expect(recipients(emails, "SPEED_CHANGE_REQUEST")).toEqual(
      [U.acmeCompanyAdmin.email, U.acmeTechnicalAdmin.email].sort(),
    );
    const denied = emails.filter((e) => e.event === "SPEED_CHANGE_DENIED");
    expect(denied.map((e) => e.companyUid)).toEqual([SEED.companies.globex.uid, SEED.companies.globex.uid]);
    expect(denied[0].text).toMatch(/Reason: Upgrade your plan first/);
    expect(denied[0].subject).toMatch(/Acme Networks denied your speed change/);
  });

  it("follows a user's notification settings", async () => {
    const techAdmin = U.acmeTechnicalAdmin.employeeId;
    const off = await acme.put(`/v2/notificationPreferences?employeeId=${techAdmin}`, {
      destinations: { EMAIL: [{ messageGroup: "ORDERING", subscribed: false }] },
    });
    expect(off.status).toBe(200);
    const contact = U.acmeTechnicalContact.employeeId;
    await acme.put(`/v2/notificationPreferences?employeeId=${contact}`, {
      destinations: { EMAIL: [{ messageGroup: "ORDERING", subscribed: true }] },
    });
    const uid = await orderVxcUid(globex, { from: P.globexSydRed.uid, to: P.acmeMelRed.uid });
    expect(recipients(await emailsFor(uid), "CONNECTION_REQUEST")).toEqual(
      [U.acmeCompanyAdmin.email, U.acmeTechnicalContact.email].sort(),
    );
  });

  it("refuses to subscribe a role that may not receive notifications", async () => {
    const res = await acme.put(`/v2/notificationPreferences?employeeId=${U.acmeFinance.employeeId}`, {
      destinations: { EMAIL: [{ messageGroup: "FINANCIAL", subscribed: true }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/A Finance user cannot subscribe/);
  });

  it("delivers every outbox email over real SMTP", async () => {
    await sim.mailer.idle();
    const all = await outbox();
    expect(all.length).toBeGreaterThan(10);
    await eventually(
      async () => (smtp.received.length >= all.length ? true : undefined),
      5000,
      "SMTP deliveries",
    );
    expect(all.every((e) => e.delivery === "sent")).toBe(true);
    const first = all[0];
    const match = smtp.received.find((m) => m.to.includes(first.to) && m.raw.includes(first.productUid));
    expect(match).toBeDefined();
    expect(match!.from).toBe("no-reply@megaport-simulator.local");
    expect(match!.raw).toMatch(/^Subject: /m);
  });

  it("filters the outbox by company and recipient", async () => {
    const acmeMail = await outbox(`?companyUid=${SEED.companies.acme.uid}`);
    expect(acmeMail.length).toBeGreaterThan(0);
    expect(acmeMail.every((e) => e.companyUid === SEED.companies.acme.uid)).toBe(true);
    const one = await outbox(`?to=${encodeURIComponent(U.globexTechnicalContact.email)}`);
    expect(one.every((e) => e.event === "VXC_LIVE")).toBe(true);
  });
});
