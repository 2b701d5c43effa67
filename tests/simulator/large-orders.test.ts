// Many VXCs in one validate and one buy, as the lead's order coalescing sends them: every item answered in
// order, each VXC with its own tags, and all-or-nothing: one bad item refuses the whole order with a 400 that
// names it (index and productName) and creates nothing.
import type { Simulator } from "../../simulator/server";
import { ApiAs, SEED, type Json } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

const P = SEED.ports;

interface VxcSpec {
  productName: string;
  rateLimit?: unknown;
  aVlan?: number;
  to?: string;
  serviceKey?: string;
}

function item(spec: VxcSpec | VxcSpec[], from = P.globexSydRed.uid) {
  const specs = Array.isArray(spec) ? spec : [spec];
  return {
    productUid: from,
    associatedVxcs: specs.map((s) => ({
      productName: s.productName,
      rateLimit: s.rateLimit ?? 50,
      term: 1,
      aEnd: { vlan: s.aVlan ?? 0 },
      bEnd: s.serviceKey ? {} : { productUid: s.to ?? P.acmeSydAuto.uid },
      ...(s.serviceKey ? { serviceKey: s.serviceKey } : {}),
      resourceTags: [
        { key: "megaport-mx:idempotency-key", value: `key-${s.productName}` },
        { key: "order", value: s.productName },
      ],
    })),
  };
}

describe("orders of many items", () => {
  let sim: Simulator;
  let globex: ApiAs;
  let acme: ApiAs;

  beforeAll(async () => {
    sim = await startTestSimulator();
    globex = new ApiAs(sim, "globexAdmin");
    acme = new ApiAs(sim, "acmeAdmin");
  });
  afterAll(() => sim.close());

  async function vxcCount(): Promise<number> {
    return (((await (await fetch(`${sim.url}/_sim/vxcs`)).json()) as Json).data as Json[]).length;
  }

  it("validates 50 items and buys them in one call, answering in order, each VXC with its own tags", async () => {
    const names = Array.from({ length: 50 }, (_, i) => `bulk-${i}`);
    const items = names.map((productName) =>
      item({ productName, rateLimit: 10 + names.indexOf(productName) }),
    );
    const validated = await globex.post("/v3/networkdesign/validate", items);
    expect(validated.status).toBe(200);
    expect(validated.body.data).toHaveLength(50);
    validated.body.data.forEach((priced: Json) => {
      expect(priced).toMatchObject({ productType: "VXC", price: { currency: "AUD" } });
      expect(priced.price.monthlyRate).toBeGreaterThan(0);
    });

    const before = await vxcCount();
    const bought = await globex.post("/v4/networkdesign/buy", { networkDesign: items, discountCodes: [] });
    expect(bought.status).toBe(200);
    expect(bought.body.data.map((d: Json) => d.serviceName)).toEqual(names);
    expect(bought.body.data.map((d: Json) => d.speed)).toEqual(names.map((_, i) => 10 + i));
    expect(await vxcCount()).toBe(before + 50);
    for (const i of [0, 17, 49]) {
      const uid = bought.body.data[i].vxcJTechnicalServiceUid;
      const tags = await globex.get(`/v2/product/${uid}/tags`);
      expect(tags.body.data.resourceTags).toEqual([
        { key: "megaport-mx:idempotency-key", value: `key-bulk-${i}` },
        { key: "order", value: `bulk-${i}` },
      ]);
    }
    // Every VXC got its own A-end VLAN.
    const vlans = bought.body.data.map((d: Json) => d.payerVlanId);
    expect(new Set(vlans).size).toBe(50);
  });

  it("takes several associatedVxcs per item and answers them in order too", async () => {
    const items = [0, 1, 2].map((i) =>
      item(
        [0, 1, 2, 3].map((j) => ({ productName: `multi-${i}-${j}` })),
        P.globexSydBlue.uid,
      ),
    );
    const bought = await globex.post("/v4/networkdesign/buy", { networkDesign: items, discountCodes: [] });
    expect(bought.status).toBe(200);
    expect(bought.body.data.map((d: Json) => d.serviceName)).toEqual(
      [0, 1, 2].flatMap((i) => [0, 1, 2, 3].map((j) => `multi-${i}-${j}`)),
    );
  });

  type Bad = [string, (items: ReturnType<typeof item>[]) => void, RegExp, number | null];
  const refusals: Bad[] = [
    [
      "a rate over the port's limit",
      (items) => (items[6] = item({ productName: "too-fast", rateLimit: 5000 })),
      /^Order item 6 \(productName "too-fast"\): Rate limit 5000 Mbps exceeds/,
      0,
    ],
    [
      "an unknown B-end",
      (items) => (items[3] = item({ productName: "nowhere", to: "00000000-0000-4000-8000-000000000000" })),
      /^Order item 3 \(productName "nowhere"\): Could not find a service with UID 00000000-/,
      0,
    ],
    [
      "a VLAN another item of the same order claims",
      (items) => {
        items[2] = item({ productName: "vlan-first", aVlan: 3000 });
        items[8] = item({ productName: "vlan-second", aVlan: 3000 });
      },
      /^Order item 8 \(productName "vlan-second"\): VLAN 3000 not available/,
      0,
    ],
    [
      "a malformed item",
      (items) => (items[5] = item({ productName: "not-a-number", rateLimit: "fast" })),
      /^Order item 5 \(productName "not-a-number"\): Validation failed: .*5\.associatedVxcs\.0\.rateLimit/,
      0,
    ],
    [
      "the second of several VXCs in one item",
      (items) => (items[4] = item([{ productName: "fine" }, { productName: "bad-inner", rateLimit: 5000 }])),
      /^Order item 4, associatedVxcs\[1\] \(productName "bad-inner"\): Rate limit 5000 Mbps exceeds/,
      1,
    ],
  ];

  describe.each([
    ["validate", "/v3/networkdesign/validate", (items: unknown[]) => items],
    ["buy", "/v4/networkdesign/buy", (items: unknown[]) => ({ networkDesign: items, discountCodes: [] })],
  ])("%s refuses one bad item among 10 as a whole", (_name, path, body) => {
    it.each(refusals)("%s", async (_case, spoil, message, vxcIndex) => {
      const items = Array.from({ length: 10 }, (_, i) => item({ productName: `ok-${i}` }));
      spoil(items);
      const before = await vxcCount();
      const res = await globex.post(path, body(items));
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
      expect(res.body.data).toMatchObject({
        itemIndex: expect.any(Number),
        vxcIndex,
        reason: expect.any(String),
      });
      expect(await vxcCount()).toBe(before);
    });
  });

  it("refuses a single-use service key used twice in one order, naming the second use", async () => {
    const key = (
      await acme.post("/v2/service/key", { productUid: P.acmeSydBlue.uid, singleUse: true, vlan: 3100 })
    ).body.data.key;
    const items = [0, 1, 2].map((i) =>
      item({ productName: `key-${i}`, serviceKey: i === 0 ? undefined : key }),
    );
    const before = await vxcCount();
    const res = await globex.post("/v4/networkdesign/buy", { networkDesign: items, discountCodes: [] });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      `Order item 2 (productName "key-2"): Service key ${key} has already been used`,
    );
    expect(await vxcCount()).toBe(before);
  });

  it("keeps the real API's own text for an order of one VXC", async () => {
    const res = await globex.post("/v4/networkdesign/buy", {
      networkDesign: [item({ productName: "alone", to: "00000000-0000-4000-8000-000000000000" })],
      discountCodes: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Could not find a service with UID 00000000-0000-4000-8000-000000000000");
  });
});
