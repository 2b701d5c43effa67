/**
 * Email delivery. Every email is kept in the outbox (state) whatever happens; when an SMTP server is
 * configured it is also delivered with nodemailer, and its `delivery` field records the outcome. Delivery
 * runs after the change that caused the email was saved and never delays or fails an API answer.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Store } from "./store";
import type { EmailRecord } from "./state";

export interface SmtpConfig {
  host: string;
  port: number;
  /** Use TLS from the start (port 465 style). Default false. */
  secure?: boolean;
  auth?: { user: string; pass: string };
}

/** Parse the CLI's `--smtp host:port`. */
export function parseSmtpAddress(value: string): SmtpConfig {
  const match = /^(.+):(\d+)$/.exec(value);
  if (!match) throw new Error(`--smtp expects host:port, got "${value}"`);
  return { host: match[1], port: Number(match[2]) };
}

export class Mailer {
  private readonly transport: Transporter | null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    smtp: SmtpConfig | undefined,
  ) {
    this.transport = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure ?? false,
          auth: smtp.auth,
          // A local test server (or a dev mail catcher) usually has no certificate worth checking.
          tls: { rejectUnauthorized: false },
          connectionTimeout: 5_000,
          greetingTimeout: 5_000,
          socketTimeout: 10_000,
        })
      : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /** Hand an outbox email to SMTP (called by the store after the state holding it was written). */
  deliver(email: EmailRecord): void {
    if (!this.transport) return;
    const transport = this.transport;
    const sending = transport
      .sendMail({ from: email.from, to: email.to, subject: email.subject, text: email.text })
      .then(
        () => this.record(email, "sent", null),
        (err: unknown) => this.record(email, "failed", err instanceof Error ? err.message : String(err)),
      )
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  private record(email: EmailRecord, delivery: EmailRecord["delivery"], error: string | null): void {
    email.delivery = delivery;
    email.deliveryError = error;
    this.store.markChanged();
    try {
      this.store.flush();
    } catch {
      // The state file may be gone during shutdown; the outcome is still in memory.
    }
  }

  /** Resolves when every delivery started so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    await this.idle();
    this.transport?.close();
  }
}
