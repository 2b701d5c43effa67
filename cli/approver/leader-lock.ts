/**
 * Leader election between approver replicas through the PostgreSQL the team already runs: a session-level
 * advisory lock, one per company (`hashtextextended('megaport-mx approver <company UID>', 0)`), held on one
 * dedicated connection. The holder answers; the others stand by and try again each cycle. When the holder dies or
 * its connection drops, PostgreSQL releases the lock with the session, and a standby takes over at its next cycle.
 *
 * The lock narrows answers to one replica; it is not what makes them safe. Every answer is still re-read first and
 * names its request (provider/approval/approver-cycle.ts), so a leader that lost its connection a moment before
 * answering can at worst repeat an identical answer, which the API takes as a no-op.
 *
 * Must never log the URL (it may hold a password), and never report leadership it has not just confirmed.
 */
import { Client } from "pg";
import { NotLeaderError } from "../errors";

export interface LeaderLockOptions {
  url: string;
  /** Whose requests the lock guards: replicas of different companies do not contend. */
  companyUid: string;
  /** Told when leadership is gained or lost, and why. */
  onChange?: (leader: boolean, why: string) => void;
  /** Connection and query deadline, ms. Default 5000. */
  timeoutMs?: number;
}

export class LeaderLock {
  private client: Client | undefined;
  private held = false;
  private readonly key: string;

  constructor(private readonly options: LeaderLockOptions) {
    this.key = `megaport-mx approver ${options.companyUid}`;
  }

  get isLeader(): boolean {
    return this.held;
  }

  /** Confirms or takes the lead. Resolves false (never rejects) when another replica leads or PostgreSQL is away. */
  async tryLead(): Promise<boolean> {
    try {
      const client = await this.connection();
      if (this.held) {
        // A session lock lives as long as the session: a round trip on it proves we still hold it.
        await client.query("SELECT 1");
        return true;
      }
      const result = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
        [this.key],
      );
      if (result.rows[0]?.locked) this.setHeld(true, "took the approver lock");
      return this.held;
    } catch (error) {
      this.drop(`the lock's PostgreSQL connection failed: ${messageOf(error)}`);
      return false;
    }
  }

  /** Throws NotLeaderError unless this replica holds the lock right now (called before each answer). */
  async assertLeader(): Promise<void> {
    if (!this.held || !(await this.tryLead())) {
      throw new NotLeaderError(
        "This approver no longer holds the approver lock (another replica leads, or PostgreSQL is unreachable); " +
          "the request stays pending for the leader.",
      );
    }
  }

  /** Releases the lock and closes the connection. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (this.held) this.setHeld(false, "stopping");
    if (!client) return;
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const client = new Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      keepAlive: true,
      application_name: "megaport-mx-approver",
    });
    client.on("error", (error) => {
      if (this.client === client) this.drop(`the lock's PostgreSQL connection failed: ${messageOf(error)}`);
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private drop(why: string): void {
    const client = this.client;
    this.client = undefined;
    if (client) void client.end().catch(() => undefined);
    if (this.held) this.setHeld(false, why);
  }

  private setHeld(held: boolean, why: string): void {
    this.held = held;
    this.options.onChange?.(held, why);
  }
}

function messageOf(error: unknown): string {
  // pg's messages never carry the password; the URL itself is never put in one.
  return error instanceof Error ? error.message : String(error);
}
