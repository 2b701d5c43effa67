// A simulator and API clients for the two seeded companies, for the suites that run the real CLI or the approver
// against it (e2e, reliability, approver).
import { MegaportClient } from "../../provider/client/megaport-client";
import type { Vxc } from "../../provider/client/schemas/products";
import { SEED } from "../../simulator/seed";
import { eventually } from "./eventually";
import { clientFor } from "./simulator-clients";
import { startTestSimulator, type Simulator, type StartSimulatorOptions } from "./simulator";

export type { Simulator };

export interface World {
  sim: Simulator;
  acme: MegaportClient;
  globex: MegaportClient;
  /**
   * Stack config that points the provider at the simulator with a company's API key: under `megaport:` for the
   * dynamic resources, `megaport-mx:` for the provider plugin.
   */
  configFor(company: "acme" | "globex", namespace?: "megaport" | "megaport-mx"): Record<string, string>;
  /** Every secret the tests hand out: none may appear in state or CLI output. */
  secrets(): string[];
  close(): Promise<void>;
}

/** Fast polling and progress lines in the provider process, so waits and their messages show within seconds. */
export const FAST_PROVIDER_ENV = {
  MEGAPORT_MX_POLL_INTERVAL_MS: "300",
  MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "1000",
  MEGAPORT_MX_PROGRESS_INTERVAL_MS: "1000",
};

export async function startWorld(options: StartSimulatorOptions = {}): Promise<World> {
  const sim = await startTestSimulator(options);
  // The test's own clients stand in for people in the portal.
  const keys = { acme: SEED.apiKeys.acmeAdmin, globex: SEED.apiKeys.globexAdmin };
  const acme = clientFor(sim, keys.acme);
  const globex = clientFor(sim, keys.globex);
  return {
    sim,
    acme,
    globex,
    configFor: (company, namespace = "megaport") => ({
      [`${namespace}:accessKey`]: keys[company].accessKey,
      [`${namespace}:secretKey`]: keys[company].secretKey,
      [`${namespace}:baseUrl`]: sim.url,
      [`${namespace}:tokenUrl`]: sim.tokenUrl,
    }),
    secrets: () => [keys.acme.secretKey, keys.globex.secretKey],
    async close() {
      await sim.close();
    },
  };
}

/** All VXCs the client can see, by UID (the same VXC shows under both companies' ports). */
export async function visibleVxcs(client: MegaportClient): Promise<Map<string, Vxc>> {
  const vxcs = new Map<string, Vxc>();
  for (const product of await client.listProducts()) {
    for (const vxc of product.associatedVxcs ?? []) vxcs.set(vxc.productUid, vxc);
  }
  return vxcs;
}

/** Wait until the provider sees a request waiting on it (PENDING_INTERNAL) that matches. */
export async function waitForPendingRequest(
  provider: MegaportClient,
  match: (vxc: Vxc) => boolean = () => true,
  timeoutMs = 60_000,
): Promise<Vxc> {
  return eventually(
    async () => {
      for (const vxc of (await visibleVxcs(provider)).values()) {
        if (vxc.vxcApproval?.status === "PENDING_INTERNAL" && match(vxc)) return vxc;
      }
      return undefined;
    },
    timeoutMs,
    "a pending request",
    { intervalMs: 250 },
  );
}
