/**
 * Writing responses on the wire: the Megaport envelope `{ message, terms, data }` and the `Trace-Id` header
 * every response carries (megaportgo copies it into its error messages).
 */
import type { ServerResponse } from "node:http";

export const TERMS =
  "This data is subject to the Acceptable Use Policy https://www.megaport.com/legal/acceptable-use-policy";

export interface Envelope {
  message: string;
  terms: string;
  data?: unknown;
}

/** What newer v3 endpoints send as `terms`: just the policy's address (megaportgo order_approvals_test.go). */
export const TERMS_V3 = "https://www.megaport.com/legal/acceptable-use-policy";

export function envelope(message: string, data?: unknown, terms: string = TERMS): Envelope {
  return data === undefined ? { message, terms } : { message, terms, data };
}

export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  traceId: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Trace-Id": traceId,
    ...headers,
  });
  res.end(text);
}
