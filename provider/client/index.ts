// The client's public surface: the MegaportClient, its errors, schemas, environments and the shared rate
// limiter. Must never: hold logic (only re-exports).

export * from "./megaport-client";
export * from "./errors";
export * from "./environments";
export {
  sharedRateLimiter,
  SlidingWindowRateLimiter,
  DEFAULT_RATE_LIMIT,
  MEGAPORT_RATE_LIMIT,
} from "./rate-limiter";
export type { RateLimiter, SlidingWindowOptions } from "./rate-limiter";
export { DEFAULT_RETRY } from "./retry";
export type { RetryOptions, RetrySafety } from "./retry";
export { Redactor, redactCredentialPatterns, REDACTED } from "./redact";
export * from "./schemas";
