/**
 * What the store and the domain throw when they refuse something: a `DomainError` of one of a few kinds, with
 * the message a person reads and, for some, facts in `data`. It knows nothing of HTTP: errors.ts is the one
 * place that turns a kind into a status and the Megaport envelope. Must never: carry a status, a header or a
 * wire format.
 */

export const DOMAIN_ERROR_KINDS = [
  /** Not allowed as asked: a bad value, or not in this state (most refusals). */
  "refused",
  /** A product (port or VXC) the caller cannot see, or that does not exist: the two are never told apart. */
  "unknown-service",
  /** Anything else that does not exist, or that the caller may not see. */
  "not-found",
  /** The caller's role or company may not do this. */
  "forbidden",
  /** The thing changed under the caller (a single-use key taken by another order). */
  "conflict",
  /** No caller: a missing, unknown or expired token, or an inactive key. */
  "unauthenticated",
] as const;
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number];

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Facts for the caller, e.g. which item of an order was refused. */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const refused = (message: string, data?: unknown) => new DomainError("refused", message, data);

/** The exact text megaportgo's `IsServiceNotFoundError` and the TF provider look for. */
export const unknownService = (uid: string) =>
  new DomainError("unknown-service", `Could not find a service with UID ${uid}`);

export const notFound = (message: string) => new DomainError("not-found", message);

export const forbidden = (message: string) => new DomainError("forbidden", message);

export const conflict = (message: string) => new DomainError("conflict", message);

/** `detail` says what is wrong with the credentials and what to do. */
export const unauthenticated = (detail: string) => new DomainError("unauthenticated", detail);
