/**
 * Reading request bodies safely: at most 1 MiB (413 beyond, in the real error shape), JSON parsed with a clear
 * 400 when malformed, and form bodies for the OAuth2 token endpoint. Never throws anything but SimError.
 */
import type { IncomingMessage } from "node:http";
import { badRequest, SimError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (err) => {
      if (!failed) reject(badRequest(`Could not read the request body: ${err.message}`));
    });
  });
}

function tooLarge(limit: number): SimError {
  return new SimError(413, `Request body too large: the limit is ${limit} bytes`, null, {
    Connection: "close",
  });
}

export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw badRequest(`Malformed JSON in request body: ${(err as Error).message}`);
  }
}
