// Test-side access to a simulator: API clients standing in for people in the portal, and the environment that points
// the resource providers (called directly in unit tests) at the simulator with a company's API key.
import { MegaportClient } from "../../provider/client/megaport-client";
import { RequestBudget } from "../../provider/client/request-budget";

interface SimulatorAddress {
  url: string;
  tokenUrl: string;
}

interface ApiKey {
  accessKey: string;
  secretKey: string;
}

/** The provider reads these (provider/config/provider-config.ts). */
export const PROVIDER_ENV_KEYS = [
  "MEGAPORT_ACCESS_KEY",
  "MEGAPORT_SECRET_KEY",
  "MEGAPORT_BASE_URL",
  "MEGAPORT_TOKEN_URL",
  "MEGAPORT_ENVIRONMENT",
] as const;

/** A client of the test's own: its own rate limiter, so the process-wide one is left to the code under test. */
export function clientFor(sim: SimulatorAddress, key: ApiKey): MegaportClient {
  return new MegaportClient({
    accessKey: key.accessKey,
    secretKey: key.secretKey,
    baseUrl: sim.url,
    tokenUrl: sim.tokenUrl,
    rateLimiter: RequestBudget.unlimited(),
  });
}

/** The MEGAPORT_* variables that point a provider (or a child process: the approver) at the simulator with this key. */
export function providerEnv(
  sim: SimulatorAddress,
  key: ApiKey,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    MEGAPORT_ACCESS_KEY: key.accessKey,
    MEGAPORT_SECRET_KEY: key.secretKey,
    MEGAPORT_BASE_URL: sim.url,
    MEGAPORT_TOKEN_URL: sim.tokenUrl,
    ...extra,
  };
}

/** Point the providers in this process at the simulator with this key (plus any extra variables). */
export function pointProviderAt(
  sim: SimulatorAddress,
  key: ApiKey,
  extra: Record<string, string> = {},
): void {
  Object.assign(process.env, providerEnv(sim, key, extra));
  delete process.env.MEGAPORT_ENVIRONMENT;
}

/** Forget every MEGAPORT_* setting the providers read. */
export function clearProviderEnv(): void {
  for (const key of PROVIDER_ENV_KEYS) delete process.env[key];
}
