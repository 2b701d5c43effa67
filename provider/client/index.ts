// The client's public surface: the MegaportClient, its errors, schemas, environments and the shared request
// budget. Must never: hold logic (only re-exports).

export * from "./megaport-client";
export * from "./errors";
export * from "./environments";
export {
  sharedRequestBudget,
  RequestBudget,
  REQUEST_PRIORITIES,
  DEFAULT_RATE_LIMIT,
  MEGAPORT_RATE_LIMIT,
} from "./request-budget";
export type { RateLimiter, BudgetOptions, RequestPriority } from "./request-budget";
export { DEFAULT_RETRY } from "./retry";
export type { RetryOptions, RetrySafety } from "./retry";
export { Redactor, redactCredentialPatterns, REDACTED } from "./redact";
export * from "./schemas";
