// GET /_sim/vxcs: every VXC of every company for the benchmark and the reliability suite, with the
// wall-clock moments the lifecycle made each one LIVE and DECOMMISSIONED. Wall time is injected.
import { SimulatedClock } from "../../simulator/clock";
import { ApiAs, SEED, simPost, type Json } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

const P = SEED.ports;
const T0 = 1_800_000_000_000;

it("lists every company's VXCs with their ends, tags, status and LIVE / DECOMMISSIONED wall times", async () => {
  const wall = { now: T0 };
  const sim = await startTestSimulator({
    clock: new SimulatedClock({ wall: () => wall.now }),
    ticker: false,
  });
  try {
    const globex = new ApiAs(sim, "globexAdmin");
    const initech = new ApiAs(sim, "initechAdmin");
    const bought = await globex.post("/v4/networkdesign/buy", {
      networkDesign: [
        {
          productUid: P.globexSydRed.uid,
          associatedVxcs: [
            {
              productName: "benchmarked",
              rateLimit: 200,
              term: 1,
              aEnd: {},
              bEnd: { productUid: P.acmeSydAuto.uid },
              resourceTags: [{ key: "run", value: "42" }],
            },
          ],
        },
      ],
      discountCodes: [],
    });
    const uid = bought.body.data[0].vxcJTechnicalServiceUid;
    await initech.post("/v4/networkdesign/buy", {
      networkDesign: [
        {
          productUid: P.initechSyd.uid,
          associatedVxcs: [
            {
              productName: "waiting",
              rateLimit: 100,
              term: 1,
              aEnd: {},
              bEnd: { productUid: P.acmeSydRed.uid },
            },
          ],
        },
      ],
      discountCodes: [],
    });

    const listed = async () => ((await (await fetch(`${sim.url}/_sim/vxcs`)).json()) as Json).data as Json[];
    const before = await listed();
    expect(before.map((v) => v.productName).sort()).toEqual(["benchmarked", "waiting"]);
    expect(before.find((v) => v.productName === "waiting")).toMatchObject({
      companyUid: SEED.companies.initech.uid,
      provisioningStatus: "DEPLOYABLE",
      pendingApproval: "NEW",
      liveAt: null,
    });
    expect(before.find((v) => v.productUid === uid)).toEqual({
      productUid: uid,
      productId: expect.any(Number),
      productName: "benchmarked",
      companyUid: SEED.companies.globex.uid,
      aEndProductUid: P.globexSydRed.uid,
      bEndProductUid: P.acmeSydAuto.uid,
      provisioningStatus: "DEPLOYABLE",
      rateLimit: 200,
      resourceTags: [{ key: "run", value: "42" }],
      createDate: expect.any(Number),
      vxcOrderId: expect.any(Number),
      pendingApproval: null,
      liveAt: null,
      decommissionedAt: null,
    });

    wall.now = T0 + 1_234;
    await simPost(sim, "/_sim/clock/advance", { ms: 1_000 });
    expect((await listed()).find((v) => v.productUid === uid)).toMatchObject({
      provisioningStatus: "LIVE",
      liveAt: T0 + 1_234,
      decommissionedAt: null,
    });

    await globex.post(`/v3/product/${uid}/action/CANCEL_NOW`);
    wall.now = T0 + 9_000;
    await simPost(sim, "/_sim/clock/advance", { ms: 1_000 });
    expect((await listed()).find((v) => v.productUid === uid)).toMatchObject({
      provisioningStatus: "DECOMMISSIONED",
      liveAt: T0 + 1_234,
      decommissionedAt: T0 + 9_000,
    });
  } finally {
    await sim.close();
  }
});
