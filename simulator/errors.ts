/**
 * The simulator's one mapper of errors onto the wire, and the errors only the HTTP layer throws.
 *
 * The store and the domain throw `DomainError` (domain-error.ts: a kind, a message, maybe data) and know
 * nothing of statuses; the HTTP layer (server, router, body reading, routes parsing a query) throws `SimError`
 * for what only HTTP has (an unknown path, a wrong method, a body too large, an injected fault, the OAuth
 * token endpoint's own error shape). Routes never write error bodies themselves: `writeError` turns anything
 * thrown (either of those, a zod validation failure, or a bug) into the real API's envelope with a `Trace-Id`
 * header. It never lets an unexpected error crash the server, and never echoes credentials.
 */
import type { ServerResponse } from "node:http";
import { z } from "zod";
import { DomainError, type DomainErrorKind } from "./domain-error";
import { envelope, writeJson } from "./envelope";

export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly data?: unknown,
    readonly headers: Record<string, string> = {},
    /** Set for the OAuth2 token endpoint, which answers `{ error }` like an OAuth server, not the envelope. */
    readonly oauthError?: string,
  ) {
    super(message);
    this.name = "SimError";
  }
}

/** A request the HTTP layer cannot read: a malformed URL, path segment, body or query parameter. */
export const badRequest = (message: string, data?: unknown) => new SimError(400, message, data);

export const oauthError = (status: number, error: string, description: string) =>
  new SimError(status, description, undefined, {}, error);

/** The real API's status for each kind of domain refusal. */
const STATUS_OF: Record<DomainErrorKind, number> = {
  refused: 400,
  // The real API answers a product it cannot find (or the caller cannot see) with 400, not 404.
  "unknown-service": 400,
  "not-found": 404,
  forbidden: 403,
  conflict: 409,
  unauthenticated: 401,
};

/** An error a client caused and is told about (as opposed to a bug in the simulator). */
export function isRefusal(err: unknown): err is SimError | DomainError {
  return err instanceof SimError || err instanceof DomainError;
}

/** Map anything thrown while handling a request onto the wire. */
export function writeError(res: ServerResponse, traceId: string, err: unknown): void {
  if (err instanceof SimError && err.oauthError) {
    writeJson(
      res,
      err.status,
      { error: err.oauthError, error_description: err.message },
      traceId,
      err.headers,
    );
    return;
  }
  const { status, message, data, headers } = wireError(err);
  writeJson(res, status, { ...envelope(message, data), trace_id: traceId }, traceId, headers);
}

function wireError(err: unknown): {
  status: number;
  message: string;
  data: unknown;
  headers?: Record<string, string>;
} {
  if (err instanceof SimError) {
    return { status: err.status, message: err.message, data: err.data ?? null, headers: err.headers };
  }
  if (err instanceof DomainError) {
    // The real API says only "Unauthorized"; what is wrong with the token goes in `data`.
    if (err.kind === "unauthenticated") {
      return { status: STATUS_OF[err.kind], message: "Unauthorized", data: err.message };
    }
    return { status: STATUS_OF[err.kind], message: err.message, data: err.data ?? null };
  }
  if (err instanceof z.ZodError) {
    // The real API answers validation failures with a list of objects whose values are the messages.
    const data = err.issues.map((issue) => ({ [issue.path.join(".") || "body"]: issue.message }));
    const first = err.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
    return {
      status: 400,
      message: `Validation failed: ${where}${first?.message ?? "invalid request"}`,
      data,
    };
  }
  // A bug in the simulator: still answer in the real shape rather than crash or hang the client.
  return {
    status: 500,
    message: "Internal server error",
    data: err instanceof Error ? err.message : String(err),
  };
}
