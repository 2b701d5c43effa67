// The errors the resource kinds throw (provider/kinds): a provider said no, a service that takes no change, a create
// or update that made something and could not finish. Codes are registered in provider/client/errors.ts with the rest.
import { MegaportError, type MegaportErrorCode } from "../client/errors";

/**
 * The provider answered a request with no: a new connection denied or left to expire, or a speed change rejected.
 * Not a failure of ours or Megaport's; the message says what the provider said and what is left behind.
 */
export class RequestDeniedError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_DENIED";
  readonly vxcUid: string;
  readonly vxcName: string;
  /** Who answered: the provider's trading name. */
  readonly provider: string;
  readonly request: "connection request" | "speed change";
  /** What the provider wrote, when it wrote anything. */
  readonly reason: string | undefined;
  readonly expired: boolean;
  constructor(facts: {
    vxcUid: string;
    vxcName: string;
    provider: string;
    request: "connection request" | "speed change";
    reason?: string;
    expired?: boolean;
    /** What is left behind and what to do, as a sentence. */
    outcome: string;
  }) {
    const answered = facts.expired
      ? `The ${facts.request} for VXC "${facts.vxcName}" (${facts.vxcUid}) expired: ${facts.provider} did not answer it in time.`
      : `${facts.provider} denied the ${facts.request} for VXC "${facts.vxcName}" (${facts.vxcUid})` +
        (facts.reason ? `: "${facts.reason}".` : " without giving a reason.");
    super(`${answered} ${facts.outcome}`);
    this.vxcUid = facts.vxcUid;
    this.vxcName = facts.vxcName;
    this.provider = facts.provider;
    this.request = facts.request;
    this.reason = facts.reason;
    this.expired = facts.expired ?? false;
  }
}

/** A service the stack holds is in a state that takes no change (cancelled, failed, gone). */
export class NotChangeableError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_NOT_CHANGEABLE";
  readonly uid: string;
  /** Its provisioning status, or "gone" when Megaport no longer shows it. */
  readonly status: string;
  constructor(facts: { what: string; uid: string; status: string; why?: string; nextStep: string }) {
    super(
      `${facts.what} (${facts.uid}) is ${facts.status}${facts.why ? ` (${facts.why})` : ""} and can no longer be ` +
        `changed. ${facts.nextStep}`,
    );
    this.uid = facts.uid;
    this.status = facts.status;
  }
}

/**
 * A create or update got as far as making the object, then could not finish (a deadline passed while a provider had
 * not yet approved). The dynamic provider server turns an error carrying `id` into an initialization failure: the
 * engine keeps the resource in state with these properties, fails the deployment, and on the next `pulumi up` calls
 * `update` even with no diff, which resumes the wait instead of ordering again. The server does not add __provider
 * to these properties, so they carry it. `reasons` are stored in state in plain text: they must never hold a secret.
 */
export class PartialFailure extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_PARTIAL_FAILURE";
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(
    message: string,
    id: string,
    inputs: Record<string, unknown>,
    outputs: Record<string, unknown>,
  ) {
    super(message);
    this.id = id;
    // A JSON round trip drops undefined members, which the gRPC Struct conversion cannot carry.
    this.properties = JSON.parse(
      JSON.stringify({ ...inputs, ...outputs, __provider: inputs.__provider }),
    ) as Record<string, unknown>;
    this.reasons = [message];
  }
}

/**
 * `pulumi import` of an object this stack must not take: not found, finished, another company's, held by another
 * stack, or a kind that has nothing at Megaport to read. Names the object, why, and what to do.
 */
export class ImportRefusedError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_IMPORT_REFUSED";
  /** The id the import named. Not `id`: an adapter reads an error's `id` as a partial failure's resource. */
  readonly importId: string;
  readonly reason: string;
  constructor(facts: { what: string; id: string; reason: string; fix: string }) {
    super(`cannot import ${facts.what} ${facts.id}: ${facts.reason}. Fix: ${facts.fix}`);
    this.importId = facts.id;
    this.reason = facts.reason;
  }
}
