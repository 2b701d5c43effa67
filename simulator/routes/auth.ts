/**
 * POST /oauth2/token: OAuth2 client credentials with HTTP Basic auth. `grant_type=client_credentials` may come
 * in the query string (megaportgo sends it there with an empty body) or form-encoded in the body.
 */
import { oauthError } from "../errors";
import { issueToken } from "../domain/tokens";
import type { Route } from "../router";
import type { TokenWire } from "../views/wire-types";

function basicCredentials(header: string | undefined): { accessKey: string; secretKey: string } {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match)
    throw oauthError(401, "invalid_client", "Client authentication failed: send HTTP Basic credentials");
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0)
    throw oauthError(401, "invalid_client", "Client authentication failed: malformed Basic credentials");
  return { accessKey: decoded.slice(0, colon), secretKey: decoded.slice(colon + 1) };
}

export const authRoutes: Route[] = [
  {
    method: "POST",
    path: "/oauth2/token",
    auth: false,
    handler: ({ store, headers, query, rawBody }) => {
      const form = new URLSearchParams(rawBody);
      const grantType = query.get("grant_type") ?? form.get("grant_type");
      if (!grantType) throw oauthError(400, "invalid_request", "grant_type is required");
      if (grantType !== "client_credentials") {
        throw oauthError(400, "unsupported_grant_type", `grant_type ${grantType} is not supported`);
      }
      const { accessKey, secretKey } = basicCredentials(headers.authorization);
      const token = issueToken(store, accessKey, secretKey);
      if (!token) {
        throw oauthError(
          401,
          "invalid_client",
          "Client authentication failed: unknown access key or wrong secret key",
        );
      }
      const body: TokenWire = {
        access_token: token.accessToken,
        token_type: "Bearer",
        expires_in: token.lifetimeSeconds,
      };
      return { body, headers: { "Cache-Control": "no-store" } };
    },
  },
];
