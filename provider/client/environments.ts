// Where each Megaport environment lives: the API base URL and the OAuth2 token URL (docs/megaport-api.md §1).
// Must never: guess a token URL for an unknown host (credentials would go to the wrong place), or send
// credentials over plain HTTP to anything but loopback unless the caller explicitly allowed it.

import { ValidationError } from "./errors";

export const ENVIRONMENT_NAMES = ["production", "staging", "development"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

export interface Endpoints {
  /** API base URL without a trailing slash, e.g. "https://api.megaport.com". */
  baseUrl: string;
  /** OAuth2 client-credentials token URL. */
  tokenUrl: string;
}

// From megaportgo client.go (EnvironmentProduction/Staging/Development and Authorize's host → token URL map).
export const ENVIRONMENT_ENDPOINTS: Readonly<Record<EnvironmentName, Endpoints>> = {
  production: { baseUrl: "https://api.megaport.com", tokenUrl: "https://auth-m2m.megaport.com/oauth2/token" },
  staging: {
    baseUrl: "https://api-staging.megaport.com",
    tokenUrl: "https://auth-m2m-staging.megaport.com/oauth2/token",
  },
  development: {
    baseUrl: "https://api-mpone-dev.megaport.com",
    tokenUrl: "https://auth-m2m-mpone-dev.megaport.com/oauth2/token",
  },
};

export interface EndpointOptions {
  environment?: EnvironmentName;
  /** Explicit API base URL (the simulator). Needs `tokenUrl` unless it is a known Megaport host. */
  baseUrl?: string;
  /** Explicit token URL (the simulator, or a token URL override). */
  tokenUrl?: string;
  /** Allow http:// to a host other than loopback. Credentials then travel unencrypted. */
  allowInsecureHttp?: boolean;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Resolves the base and token URLs: explicit URLs override the environment; nothing is defaulted silently. */
export function resolveEndpoints(options: EndpointOptions): Endpoints {
  const { environment, allowInsecureHttp = false } = options;
  if (environment !== undefined && !ENVIRONMENT_NAMES.includes(environment)) {
    throw new ValidationError({
      fieldPath: "environment",
      reason: `"${String(environment)}" is not a Megaport environment`,
      fix: `use one of ${ENVIRONMENT_NAMES.join(", ")}, or give baseUrl and tokenUrl`,
    });
  }
  const fromEnvironment = environment ? ENVIRONMENT_ENDPOINTS[environment] : undefined;
  const baseUrl = options.baseUrl ?? fromEnvironment?.baseUrl;
  if (!baseUrl) {
    throw new ValidationError({
      fieldPath: "environment",
      reason: "no Megaport environment or baseUrl was given",
      fix: `set environment to one of ${ENVIRONMENT_NAMES.join(", ")}, or give baseUrl and tokenUrl (the simulator)`,
    });
  }
  const tokenUrl = options.tokenUrl ?? fromEnvironment?.tokenUrl ?? knownTokenUrlFor(baseUrl);
  if (!tokenUrl) {
    // megaportgo refuses an unknown API host for the same reason ("unknown API environment").
    throw new ValidationError({
      fieldPath: "tokenUrl",
      reason: `baseUrl ${baseUrl} is not a known Megaport API host, so the token URL cannot be derived`,
      fix: "give tokenUrl as well (for the simulator: `${url}/oauth2/token`)",
    });
  }
  return {
    baseUrl: checkUrl("baseUrl", baseUrl, allowInsecureHttp).replace(/\/+$/, ""),
    tokenUrl: checkUrl("tokenUrl", tokenUrl, allowInsecureHttp),
  };
}

function knownTokenUrlFor(baseUrl: string): string | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).host;
  } catch {
    return undefined;
  }
  return Object.values(ENVIRONMENT_ENDPOINTS).find((e) => new URL(e.baseUrl).host === host)?.tokenUrl;
}

function checkUrl(field: string, value: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError({
      fieldPath: field,
      reason: `"${value}" is not a URL`,
      fix: `give an absolute URL such as ${ENVIRONMENT_ENDPOINTS.production[field === "tokenUrl" ? "tokenUrl" : "baseUrl"]}`,
    });
  }
  if (url.protocol === "https:") return value;
  if (url.protocol === "http:" && (allowInsecureHttp || LOOPBACK_HOSTS.has(url.hostname))) return value;
  throw new ValidationError({
    fieldPath: field,
    reason: `${url.protocol}//${url.host} would carry the API key without TLS`,
    fix: "use https://, or http:// on loopback (the simulator), or set allowInsecureHttp if you accept the risk",
  });
}
