/**
 * A tiny method + path router. Routes declare whether they need a bearer token and whether they change
 * anything (Read Only callers are refused those before the handler runs); handlers return a status and a
 * body. What they refuse is thrown (the domain's `DomainError`, or `SimError` for what only HTTP has) and
 * answered by errors.ts.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import type { Caller } from "./domain/caller";
import { badRequest } from "./errors";
import type { Store } from "./store";

export interface RouteContext {
  store: Store;
  /** Present on routes with `auth: true`. */
  caller: Caller;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  rawBody: string;
  headers: IncomingHttpHeaders;
  traceId: string;
  /** The bearer token the call used (fault injection expires it). */
  token: string | undefined;
}

export interface RouteResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path with `:name` segments, e.g. `/v2/product/:uid`. */
  path: string;
  auth: boolean;
  /** A change: Read Only callers get 403. */
  change?: boolean;
  handler: (ctx: RouteContext) => RouteResult;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: string[] }
  | { kind: "none" };

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...routes: Route[]): this {
    for (const route of routes) {
      const names: string[] = [];
      const pattern = route.path
        .split("/")
        .map((segment) => {
          if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(segment.slice(1));
          return "([^/]+)";
        })
        .join("/");
      this.routes.push({ ...route, regex: new RegExp(`^${pattern}/?$`), names });
    }
    return this;
  }

  match(method: string, pathname: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodePathSegment(m[i + 1]);
      });
      return { kind: "found", route, params };
    }
    return allowed.length > 0 ? { kind: "wrong-method", allowed } : { kind: "none" };
  }
}

/** A percent-decoded path segment; a malformed escape is the client's mistake (400), not a server error. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Malformed path segment "${segment}"`);
  }
}

/** The access token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
}

/** Parse a body with a zod schema; a failure becomes the 400 validation envelope in errors.ts. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  return schema.parse(body ?? {});
}
