// What the VxcConnection integration tests share: Globex's and Acme's ports, inputs to Acme's auto-approving port
// with short deadlines, the provider's log lines, and a simulator per test file with the providers in this process
// pointed at it as Globex, polling quickly, plus clients standing in for Globex's and Acme's people in the portal.
import type { MegaportClient } from "../../../provider/client/megaport-client";
import { DEFAULT_RATE_LIMIT, sharedRequestBudget } from "../../../provider/client/request-budget";
import type { Vxc } from "../../../provider/client/schemas/products";
import { SEED } from "../../../simulator/seed";
import { eventually } from "../../support/eventually";
import { hiddenInputs, SHORT_TIMEOUTS } from "../../support/hidden-inputs";
import { clearProviderEnv, clientFor, pointProviderAt } from "../../support/simulator-clients";
import { startTestSimulator, type Simulator } from "../../support/simulator";

export const GLOBEX_SYD_RED = SEED.ports.globexSydRed.uid;
export const GLOBEX_SYD_BLUE = SEED.ports.globexSydBlue.uid;
export const ACME_SYD_RED = SEED.ports.acmeSydRed.uid;
export const ACME_SYD_BLUE = SEED.ports.acmeSydBlue.uid;
export const ACME_AUTO = SEED.ports.acmeSydAuto.uid;
export const SOME_UID = "0f0e0d0c-0b0a-4909-8807-060504030201";
export const A_SERVICE_KEY = "5ec2e7a1-bead-4bad-9ead-c0ffee000001";

export const hidden = (resourceName: string) => hiddenInputs(resourceName, SHORT_TIMEOUTS);

/** Globex's Sydney port to Acme's auto-approving port: LIVE with nobody at Acme acting. */
export const toAuto = (resourceName: string, overrides: Record<string, unknown> = {}) => ({
  name: `Globex ${resourceName}`,
  rateLimit: 100,
  aEnd: { productUid: GLOBEX_SYD_RED },
  bEnd: { productUid: ACME_AUTO },
  ...overrides,
  ...hidden(resourceName),
});

/**
 * console.log silenced and recorded (the provider's progress lines), for the test file that calls this at its top:
 * the log and process.env are put back after the file.
 */
export function captureLog() {
  const savedEnv = { ...process.env };
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  afterAll(() => {
    process.env = savedEnv;
    log.mockRestore();
  });
  const logged = () => log.mock.calls.map((args) => args.map(String).join(" ")).join("\n");
  return { log, logged };
}

export interface VxcWorld {
  sim: Simulator;
  globex: MegaportClient;
  acme: MegaportClient;
  /** Globex's VXCs with this name that are not gone. */
  aliveNamed(name: string): Promise<Vxc[]>;
  /** Globex orders straight through the API (the portal's way), to the auto-approving port; resolves once LIVE. */
  orderDirectly(name: string, extra?: { serviceKey?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startVxcWorld(): Promise<VxcWorld> {
  const sim = await startTestSimulator();
  // The test's own clients skip the process-wide rate limiter, which is left to the provider's client.
  const client = (key: { accessKey: string; secretKey: string }) => clientFor(sim, key);
  const globex = client(SEED.apiKeys.globexAdmin);
  const acme = client(SEED.apiKeys.acmeAdmin);
  pointProviderAt(sim, SEED.apiKeys.globexAdmin, {
    // Read once, when the provider's watcher is made: quick ticks that never back off far.
    MEGAPORT_MX_POLL_INTERVAL_MS: "50",
    MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "200",
  });
  // The provider paces its looks to Megaport's limit (450 requests in 5 minutes: one every ~1.3 s at rest), which
  // would be most of each test's time; these tests prove what the calls do, and tests/unit/client/request-budget.test.ts
  // proves the pace. The same 450 requests in 10 s; the default again when the file is done.
  sharedRequestBudget().configure({ windowMs: 10_000 });

  async function aliveNamed(name: string): Promise<Vxc[]> {
    const seen = new Map<string, Vxc>();
    for (const product of await globex.listProducts()) {
      for (const vxc of product.associatedVxcs ?? []) seen.set(vxc.productUid, vxc);
    }
    return [...seen.values()].filter(
      (v) =>
        v.productName === name &&
        !["DECOMMISSIONED", "CANCELLED", "FAILED"].includes(v.provisioningStatus ?? ""),
    );
  }

  async function orderDirectly(name: string, extra: { serviceKey?: string } = {}): Promise<string> {
    const [uid] = await globex.buyVxc([
      {
        productUid: GLOBEX_SYD_RED,
        associatedVxcs: [
          {
            productName: name,
            rateLimit: 50,
            term: 1,
            aEnd: { vlan: 0 },
            bEnd: extra.serviceKey ? { vlan: 0 } : { productUid: ACME_AUTO, vlan: 0 },
            ...extra,
          },
        ],
      },
    ]);
    await eventually(
      async () => (await globex.getVxc(uid)).provisioningStatus === "LIVE",
      5_000,
      `${name} LIVE`,
    );
    return uid;
  }

  async function close(): Promise<void> {
    clearProviderEnv();
    sharedRequestBudget().configure(DEFAULT_RATE_LIMIT);
    await globex.close();
    await acme.close();
    await sim.close();
  }

  return { sim, globex, acme, aliveNamed, orderDirectly, close };
}
