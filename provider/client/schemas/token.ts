// The OAuth2 token endpoint's answers (docs/megaport-api.md §2.1 step 3). Must never: be logged.

import { z } from "zod";

/** A successful client-credentials answer. */
export const TokenResponseSchema = z.looseObject({
  /** The bearer token for `Authorization: Bearer …`. */
  access_token: z.string().min(1),
  /** "Bearer". */
  token_type: z.string().optional(),
  /** Lifetime in seconds (the API key's configured 5 min to 24 h). */
  expires_in: z.number().positive(),
  /** Sent by some servers; Megaport's clients never use it. */
  refresh_token: z.string().optional(),
});
export type TokenResponse = z.output<typeof TokenResponseSchema>;

/** An OAuth-style refusal, e.g. {"error":"invalid_client"} (shape inferred, docs/megaport-api.md §2.1). */
export const TokenErrorSchema = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
  message: z.string().optional(),
});
export type TokenErrorBody = z.output<typeof TokenErrorSchema>;
