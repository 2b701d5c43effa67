// Concurrent creates share their orders: one validate and one buy for all of them, a refusal reaching only the
// create it belongs to, and a lost answer found again by each VXC's tag, against a real simulator.
import { hiddenInputs } from "../../support/hidden-inputs";
import { provider } from "../../../provider/resources/vxc-connection";
import { startTestSimulator, type Simulator } from "../../support/simulator";
import { SEED } from "../../../simulator/seed";
import { clearProviderEnv, clientFor, pointProviderAt } from "../../support/simulator-clients";

const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator();
  pointProviderAt(sim, SEED.apiKeys.globexAdmin, {
    MEGAPORT_MX_POLL_INTERVAL_MS: "50",
    MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "200",
  });
});

afterAll(async () => {
  clearProviderEnv();
  log.mockRestore();
  await sim.close();
});

const vxc = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  rateLimit: 50,
  aEnd: { productUid: SEED.ports.globexSydRed.uid },
  bEnd: { productUid: SEED.ports.acmeSydAuto.uid },
  ...hiddenInputs(name, { createMs: 20_000 }),
  ...overrides,
});

async function requestsTo(route: string): Promise<number> {
  const counts = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as {
    data: { byRoute: Record<string, { total: number }> };
  };
  return counts.data.byRoute[route]?.total ?? 0;
}

beforeEach(async () => {
  await fetch(`${sim.url}/_sim/requests`, { method: "DELETE" });
  log.mockClear();
});

describe("orders from concurrent creates", () => {
  it("twelve creates at once go out as one validate and one buy, and each gets its own LIVE VXC", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `Batch ${i}`);
    const created = await Promise.all(names.map((name) => provider.create(vxc(name))));
    expect(new Set(created.map((c) => c.id)).size).toBe(12);
    expect(created.map((c) => c.outs?.provisioningStatus)).toEqual(Array(12).fill("LIVE"));
    expect(await requestsTo("POST /v3/networkdesign/validate")).toBe(1);
    expect(await requestsTo("POST /v4/networkdesign/buy")).toBe(1);
    const globex = clientFor(sim, SEED.apiKeys.globexAdmin);
    for (const c of created) expect((await globex.getVxc(c.id)).productName).toBe(c.outs?.name);
    await globex.close();
  });

  it("creates of one VXC name go out in separate buys, so the answer's names tell whose VXC is whose", async () => {
    const created = await Promise.all(
      [1, 2, 3].map((n) =>
        provider.create(
          vxc("Same name", {
            ...hiddenInputs(`same-${n}`, { createMs: 20_000 }),
            aEnd: { productUid: SEED.ports.globexSydRed.uid, vlan: 3300 + n },
          }),
        ),
      ),
    );
    expect(created.map((c) => c.outs?.aEnd.vlan)).toEqual([3301, 3302, 3303]);
    const globex = clientFor(sim, SEED.apiKeys.globexAdmin);
    for (const c of created) expect((await globex.getVxc(c.id)).aEnd?.vlan).toBe(c.outs?.aEnd.vlan);
    await globex.close();
    expect(await requestsTo("POST /v4/networkdesign/buy")).toBe(3);
  });

  it("a create Megaport refuses fails alone, with its own reason; the others in its order go LIVE", async () => {
    const good = ["Refusal ok 1", "Refusal ok 2", "Refusal ok 3"];
    const results = await Promise.allSettled([
      ...good.map((name) => provider.create(vxc(name))),
      provider.create(vxc("Refusal too fast", { rateLimit: 5000 })), // over the auto port's 1000 Mbps
    ]);
    expect(results.slice(0, 3).map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const refused = results[3] as PromiseRejectedResult;
    expect(refused.status).toBe("rejected");
    expect(String(refused.reason.message)).toMatch(/rate|speed|Mbps/i);
    expect(String(refused.reason.message)).not.toMatch(/Refusal ok/);
  });

  it("no create's refusal shows a service key, its own or another's in the same order", async () => {
    const acme = clientFor(sim, SEED.apiKeys.acmeAdmin);
    const globex = clientFor(sim, SEED.apiKeys.globexAdmin);
    const key = await acme.createServiceKey({
      productUid: SEED.ports.acmeSydAuto.uid,
      singleUse: true,
      maxSpeed: 500,
      description: "one use",
      vlan: 777,
    });
    // Used once already: Megaport's refusal of a second use names the key.
    await globex.buyVxc([
      {
        productUid: SEED.ports.globexSydRed.uid,
        associatedVxcs: [
          {
            productName: "first use",
            rateLimit: 50,
            term: 1,
            aEnd: { vlan: 0 },
            bEnd: { vlan: 777 },
            serviceKey: key.key,
          },
        ],
      },
    ]);
    const { bEnd: _unused, ...keyed } = vxc("Keyed again", { serviceKey: key.key });
    const results = await Promise.allSettled([
      provider.create(keyed as never),
      provider.create(vxc("Keyless refused", { rateLimit: 5000 })),
    ]);
    for (const result of results) {
      expect(result.status).toBe("rejected");
      const { message, stack } = (result as PromiseRejectedResult).reason as Error;
      expect(message).not.toContain(key.key!);
      expect(String(stack)).not.toContain(key.key!);
    }
    await acme.close();
    await globex.close();
  });

  it("a lost answer to a shared order finds every VXC by its tag: no duplicate, no failure", async () => {
    sim.faults.replace([
      { kind: "drop", after: true, path: "/v4/networkdesign/buy", method: "POST", count: 1 },
    ]);
    try {
      const names = ["Lost 1", "Lost 2", "Lost 3", "Lost 4"];
      const created = await Promise.all(names.map((name) => provider.create(vxc(name))));
      expect(new Set(created.map((c) => c.id)).size).toBe(4);
      const said = log.mock.calls.flat().join("\n");
      for (const c of created) expect(said).toContain(`found the order by its tag: ${c.id}`);
      expect(await requestsTo("POST /v4/networkdesign/buy")).toBe(1);
    } finally {
      sim.faults.replace([]);
    }
  });
});
