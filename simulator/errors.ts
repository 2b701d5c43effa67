/**
 * The simulator's one error model and its one mapper onto the wire.
 *
 * Domain code throws `SimError` (status + Megaport message + optional data); routes never write error bodies
 * themselves. `writeError` turns anything thrown (SimError, a zod validation failure, a malformed body, or a
 * bug) into the real API's envelope with a `Trace-Id` header. It never lets an unexpected error crash the
 * server, and never echoes credentials.
 */
import type { ServerResponse } from "node:http";
import { z } from "zod";
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

export const badRequest = (message: string, data?: unknown) => new SimError(400, message, data);

/** The exact text megaportgo's `IsServiceNotFoundError` and the TF provider look for. */
export const serviceNotFound = (uid: string) => new SimError(400, `Could not find a service with UID ${uid}`);

export const unauthorized = (detail: string) => new SimError(401, "Unauthorized", detail);

export const forbidden = (message: string) => new SimError(403, message);

export const notFound = (message: string) => new SimError(404, message);

export const readOnlyForbidden = () =>
  forbidden("Permission denied: the Read Only role cannot make changes. Use a Company Admin API key.");

export const oauthError = (status: number, error: string, description: string) =>
  new SimError(status, description, undefined, {}, error);

/** Map anything thrown while handling a request onto the wire. */
export function writeError(res: ServerResponse, traceId: string, err: unknown): void {
  if (err instanceof SimError) {
    if (err.oauthError) {
      writeJson(
        res,
        err.status,
        { error: err.oauthError, error_description: err.message },
        traceId,
        err.headers,
      );
      return;
    }
    const body = { ...envelope(err.message, err.data ?? null), trace_id: traceId };
    writeJson(res, err.status, body, traceId, err.headers);
    return;
  }
  if (err instanceof z.ZodError) {
    // The real API answers validation failures with a list of objects whose values are the messages.
    const data = err.issues.map((issue) => ({ [issue.path.join(".") || "body"]: issue.message }));
    const first = err.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
    const body = {
      ...envelope(`Validation failed: ${where}${first?.message ?? "invalid request"}`, data),
      trace_id: traceId,
    };
    writeJson(res, 400, body, traceId);
    return;
  }
  // A bug in the simulator: still answer in the real shape rather than crash or hang the client.
  const message = err instanceof Error ? err.message : String(err);
  writeJson(res, 500, { ...envelope("Internal server error", message), trace_id: traceId }, traceId);
}
