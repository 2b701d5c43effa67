/**
 * The store: the simulator's state, its clock and timings, and the lookups the domain modules share.
 *
 * It knows nothing of HTTP. Domain functions (domain/*.ts) change `store.state` and call `markChanged()`;
 * the server calls `flush()` before it answers, so every acknowledged change is in the state file first.
 * Emails are appended to the outbox here and handed to the `onEmail` hook (the SMTP mailer) after the flush.
 */
import type { Clock } from "./clock";
import { unknownService } from "./domain-error";
import { readStateFile, writeStateAtomically } from "./state-file";
import type {
  CompanyRecord,
  EmailRecord,
  PortRecord,
  ServiceKeyRecord,
  SimState,
  UserRecord,
  VxcRecord,
  LocationRecord,
} from "./state";
import type { Timings } from "./timings";

export interface StoreOptions {
  state: SimState;
  clock: Clock;
  timings: Timings;
  stateFile?: string;
}

export class Store {
  readonly state: SimState;
  readonly clock: Clock;
  readonly timings: Timings;
  readonly stateFile: string | undefined;
  /** Called once per email after the state holding it was saved (the mailer delivers it). */
  onEmail: (email: EmailRecord) => void = () => undefined;
  /** What a new outbox email's `delivery` starts as: "pending" when SMTP is configured. */
  initialEmailDelivery: "pending" | "not-configured" = "not-configured";
  private dirty = false;
  private unsentEmails: EmailRecord[] = [];

  constructor(options: StoreOptions) {
    this.state = options.state;
    this.clock = options.clock;
    this.timings = options.timings;
    this.stateFile = options.stateFile;
  }

  /** Load the state file if there is one, else build the seed with `makeSeed`. */
  static open(options: Omit<StoreOptions, "state"> & { makeSeed: (now: number) => SimState }): {
    store: Store;
    loaded: boolean;
  } {
    const saved = options.stateFile ? readStateFile(options.stateFile) : null;
    const state = saved ?? options.makeSeed(options.clock.now());
    const store = new Store({ ...options, state });
    if (saved) {
      const clock = options.clock as Clock & { restoreOffset?: (ms: number) => void };
      clock.restoreOffset?.(saved.clockOffsetMs);
    } else {
      store.markChanged();
      store.flush();
    }
    return { store, loaded: saved !== null };
  }

  now(): number {
    return this.clock.now();
  }

  markChanged(): void {
    this.dirty = true;
  }

  /** Write the state file if anything changed, then release emails queued by the change. */
  flush(): void {
    if (this.dirty) {
      this.state.clockOffsetMs = this.clock.offsetMs();
      if (this.stateFile) writeStateAtomically(this.stateFile, this.state);
      this.dirty = false;
    }
    const emails = this.unsentEmails;
    this.unsentEmails = [];
    for (const email of emails) this.onEmail(email);
  }

  /** Append an email to the outbox; it goes out over SMTP once the change that caused it is saved. */
  queueEmail(email: Omit<EmailRecord, "id" | "delivery">): EmailRecord {
    const record: EmailRecord = {
      ...email,
      id: this.state.nextEmailId++,
      delivery: this.initialEmailDelivery,
    };
    this.state.outbox.push(record);
    this.unsentEmails.push(record);
    this.markChanged();
    return record;
  }

  nextProductId(): number {
    this.markChanged();
    return this.state.nextProductId++;
  }

  nextOrderId(): number {
    this.markChanged();
    return this.state.nextOrderId++;
  }

  company(companyUid: string): CompanyRecord {
    const company = this.state.companies.find((c) => c.companyUid === companyUid);
    if (!company) throw new Error(`company ${companyUid} missing from state`);
    return company;
  }

  location(locationId: number): LocationRecord | undefined {
    return this.state.locations.find((l) => l.id === locationId);
  }

  user(employeeId: number): UserRecord | undefined {
    return this.state.users.find((u) => u.employeeId === employeeId);
  }

  findPort(uidOrId: string): PortRecord | undefined {
    return this.state.ports.find((p) => p.productUid === uidOrId || String(p.productId) === uidOrId);
  }

  findVxc(uidOrId: string): VxcRecord | undefined {
    return this.state.vxcs.find((v) => v.productUid === uidOrId || String(v.productId) === uidOrId);
  }

  /** A port by UID, or the real API's "Could not find a service" 400. */
  port(uid: string): PortRecord {
    const port = this.findPort(uid);
    if (!port) throw unknownService(uid);
    return port;
  }

  vxc(uid: string): VxcRecord {
    const vxc = this.findVxc(uid);
    if (!vxc) throw unknownService(uid);
    return vxc;
  }

  /** VXCs with an end on the given port, in order of creation. */
  vxcsOnPort(portUid: string): VxcRecord[] {
    return this.state.vxcs.filter((v) => v.aEnd.productUid === portUid || v.bEnd.productUid === portUid);
  }

  serviceKey(key: string): ServiceKeyRecord | undefined {
    return this.state.serviceKeys.find((k) => k.key === key);
  }
}
