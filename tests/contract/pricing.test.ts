// Prices through the client: validate quotes each ordered VXC from the simulator's price book (an EXTENSION
// table by distance band and rate limit, domain/pricing.ts), and POST /v4/pricebook/product quotes the same for
// the same ends, speed and term. Seeded Sydney sites are one metro (METRO); Sydney to Melbourne crosses
// pricing zones (INTERZONE).
import { ApiError, type MegaportClient } from "../../provider/client";
import { ContractWorld, SEED, thrownBy, vxcOrder } from "./contract-world";

const P = SEED.ports;
const L = SEED.locations;

let world: ContractWorld;
let globex: MegaportClient;

beforeAll(async () => {
  world = await ContractWorld.start();
  globex = world.client("globexAdmin");
});
afterAll(() => world.close());

const cases = [
  { name: "Sydney to Sydney (METRO)", from: P.globexSydRed, to: P.acmeSydRed, rate: 100, band: "METRO" },
  { name: "two Sydney sites (METRO)", from: P.globexSydBlue, to: P.acmeSydRed, rate: 1000, band: "METRO" },
  {
    name: "Sydney to Melbourne (INTERZONE)",
    from: P.globexSydRed,
    to: P.acmeMelRed,
    rate: 500,
    band: "INTERZONE",
  },
];

describe("validate and the price book agree", () => {
  it.each(cases)("$name at $rate Mbps", async ({ from, to, rate, band }) => {
    const [priced] = await globex.validateVxcOrder(vxcOrder({ from: from.uid, to: to.uid, rateLimit: rate }));
    const monthlyRate: number | null | undefined = priced.price?.monthlyRate;
    const currency: string | null | undefined = priced.price?.currency;
    expect(currency).toBe("AUD");
    expect(monthlyRate).toBeGreaterThan(0);

    const book = await globex.priceVxc({
      aLocationId: from.locationId,
      bLocationId: to.locationId,
      speed: rate,
    });
    expect(book).toEqual({
      productType: "VXC",
      currency: "AUD",
      monthlyRate,
      monthlyRackRate: priced.price?.monthlyRackRate,
      prices: [{ chargeReason: "CORE", frequency: "MONTHLY", amount: priced.price?.monthlyRackRate }],
      discounts: [],
    });
    // The VXC ordered between the same ports carries the band it was priced by.
    const [uid] = await globex.buyVxc(vxcOrder({ from: from.uid, to: to.uid, rateLimit: rate }));
    expect((await globex.getVxc(uid)).distanceBand).toBe(band);
    await globex.cancelProduct(uid, "CANCEL_NOW");
  });

  it("prices by distance and speed: farther and faster cost more", async () => {
    const price = async (b: number, speed: number) =>
      (await globex.priceVxc({ aLocationId: L.equinixSy1, bLocationId: b, speed })).monthlyRate;
    expect(await price(L.nextdcM1, 100)).toBeGreaterThan(await price(L.globalSwitchSydney, 100));
    expect(await price(L.globalSwitchSydney, 1000)).toBeGreaterThan(await price(L.globalSwitchSydney, 100));
  });

  it("a longer term is discounted below the rack rate, in validate and the price book alike", async () => {
    const book = await globex.priceVxc({
      aLocationId: L.equinixSy1,
      bLocationId: L.nextdcM1,
      speed: 1000,
      term: 36,
    });
    expect(book.monthlyRate).toBeLessThan(book.monthlyRackRate as number);
    expect(book.discounts).toEqual([
      { discountReason: "TERM", amount: (book.monthlyRackRate as number) - book.monthlyRate },
    ]);
    const order = vxcOrder({ from: P.globexSydRed.uid, to: P.acmeMelRed.uid, rateLimit: 1000 });
    order[0].associatedVxcs[0].term = 36;
    const [priced] = await globex.validateVxcOrder(order);
    expect(priced.price?.monthlyRate).toBe(book.monthlyRate);
  });

  it.each([
    [
      { aLocationId: 999, bLocationId: L.equinixSy1, speed: 100 },
      "Invalid aLocationId 999: no such location",
    ],
    [
      { aLocationId: L.equinixSy1, bLocationId: L.equinixSy1, speed: 100, currency: "EUR" },
      "Currency EUR is not offered by the simulator: it prices in AUD",
    ],
  ])("refuses %j", async (request, message) => {
    const err = await thrownBy(() => globex.priceVxc(request));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).megaportMessage).toBe(message);
  });

  it("answers megaportgo's body shape, and refuses product types the simulator does not sell", async () => {
    const raw = await world.raw("globexAdmin", "/v4/pricebook/product?companyUid=x", {
      method: "POST",
      body: { productType: "VXC", aLocationId: L.equinixSy1, bLocationId: L.nextdcM1, speed: 200 },
    });
    expect(raw.status).toBe(200);
    expect(raw.body.data.currency).toBe("AUD");
    const port = await world.raw("globexAdmin", "/v4/pricebook/product", {
      method: "POST",
      body: { productType: "MEGAPORT", locationId: L.equinixSy1, speed: 10000 },
    });
    expect(port.status).toBe(400);
    expect(port.body.message).toBe("The simulator prices VXCs only, not MEGAPORT");
  });

  it("a Read Only key may ask for a price", async () => {
    const book = await world
      .client("globexReadOnly")
      .priceVxc({ aLocationId: L.equinixSy1, bLocationId: L.equinixSy1, speed: 50 });
    expect(book.monthlyRate).toBeGreaterThan(0);
  });
});
