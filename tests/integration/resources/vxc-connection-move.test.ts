// VxcConnection replacements and moves against a simulator: a replacement needing a VLAN the old VXC holds moves
// make-before-break through a free VLAN (or is refused when only the provider could move it), the old VXC is
// cancelled only once the new one is LIVE, a passed deadline leaves it LIVE and resumes, concurrent moves keep apart,
// and another resource's VXC on the declared VLAN is never cancelled.
import { TimeoutError } from "../../../provider/client/errors";
import { PartialFailure } from "../../../provider/kinds/resource-errors";
import { provider } from "../../../provider/resources/vxc-connection";
import type { VxcConnectionOutputs } from "../../../provider/kinds/vxc-connection/vxc-connection-schema";
import type { MegaportClient } from "../../../provider/client/megaport-client";
import { eventually } from "../../support/eventually";
import {
  ACME_AUTO,
  ACME_SYD_RED,
  captureLog,
  GLOBEX_SYD_BLUE,
  GLOBEX_SYD_RED,
  startVxcWorld,
  toAuto,
  type VxcWorld,
} from "./vxc-world";

const { log, logged } = captureLog();

describe("VxcConnection against the simulator", () => {
  let world: VxcWorld;
  let globex: MegaportClient;
  let acme: MegaportClient;
  beforeAll(async () => {
    world = await startVxcWorld();
    ({ globex, acme } = world);
  });
  afterAll(() => world?.close());

  it("a replacement asking for a VLAN the old VXC holds on the same port would be refused: an A-end one moves, a B-end one is refused unless delete-first", async () => {
    const inputs = toAuto("vlan-clash", {
      aEnd: { productUid: GLOBEX_SYD_RED, vlan: -1 },
      bEnd: { productUid: ACME_AUTO, vlan: 345 },
    });
    const { outs } = await provider.create(inputs);
    const replacement = (
      aEnd: { productUid: string; vlan: number },
      bEnd: { productUid: string; vlan: number },
    ) =>
      globex.validateVxcOrder([
        {
          productUid: aEnd.productUid,
          associatedVxcs: [{ productName: "replacement", rateLimit: 100, term: 1, aEnd, bEnd }],
        },
      ]);
    const diff = (news: Record<string, unknown>) =>
      provider.diff(outs!.vxcUid, outs as VxcConnectionOutputs, { ...inputs, ...news });

    // Same A-end port, still untagged, another B-end port: a move through a free VLAN, said at preview.
    await expect(
      replacement({ productUid: GLOBEX_SYD_RED, vlan: -1 }, { productUid: ACME_SYD_RED, vlan: 0 }),
    ).rejects.toThrow(/Untagged VLAN not available/);
    log.mockClear();
    expect((await diff({ bEnd: { productUid: ACME_SYD_RED, vlan: 345 } })).deleteBeforeReplace).toBe(false);
    expect(logged()).toContain("moves: the old VXC stays LIVE until the new one is");

    // Another A-end port, the same B-end port and VLAN: only Acme could move that VLAN.
    await expect(
      replacement({ productUid: GLOBEX_SYD_BLUE, vlan: 0 }, { productUid: ACME_AUTO, vlan: 345 }),
    ).rejects.toThrow(/VLAN 345 not available/);
    await expect(diff({ aEnd: { productUid: GLOBEX_SYD_BLUE, vlan: -1 } })).rejects.toThrow(
      /Invalid bEnd\.vlan: .*cannot be replaced make-before-break.*moveStrategy to "delete-first"/,
    );
    const optedIn = await diff({
      aEnd: { productUid: GLOBEX_SYD_BLUE, vlan: -1 },
      moveStrategy: "delete-first",
    });
    expect(optedIn).toMatchObject({ replaces: ["aEnd"], deleteBeforeReplace: true });

    // A change of moveStrategy alone changes nothing on Megaport: an update that records it.
    expect(await diff({ moveStrategy: "delete-first" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("a move orders on a free VLAN, cancels the old VXC only once the new one is LIVE, then takes the declared VLAN; the old resource's delete does nothing", async () => {
    const before = toAuto("move", {
      aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2400 },
      bEnd: { productUid: ACME_AUTO, vlan: 371 },
    });
    const old = await provider.create(before);
    const after = { ...before, bEnd: { productUid: ACME_AUTO, vlan: 372 } };
    log.mockClear();
    const moved = await provider.create(after);
    expect(moved.id).not.toBe(old.id);
    const now = await globex.getVxc(moved.id);
    expect(now).toMatchObject({ provisioningStatus: "LIVE", aEnd: { vlan: 2400 }, bEnd: { vlan: 372 } });
    expect(moved.outs).toMatchObject({ aEnd: { vlan: 2400 }, assignedAEndVlan: 2400, vxcUid: moved.id });
    expect((await globex.getVxc(old.id)).provisioningStatus).toBe("DECOMMISSIONED");
    expect(logged()).toMatch(
      new RegExp(`the new VXC ${moved.id} is LIVE on A-end VLAN \\d+; cancelling the old one ${old.id}`),
    );
    await provider.delete(old.id, old.outs as VxcConnectionOutputs);
    expect((await globex.getVxc(moved.id)).provisioningStatus).toBe("LIVE");

    // Stopped after the cancel, before the VLAN moved: the next create finds the new VXC by its tag and moves it.
    await globex.updateVxc(moved.id, { aEndVlan: 3999 });
    const resumed = await provider.create(after);
    expect(resumed.id).toBe(moved.id);
    expect((await globex.getVxc(moved.id)).aEnd?.vlan).toBe(2400);
  });

  it("a move whose deadline passes is a plain error, not a partial failure: the old VXC stays LIVE, and the next create resumes waiting for the same order", async () => {
    const before = toAuto("move-deadline", { aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2430 } });
    const old = await provider.create(before);
    const after = { ...before, bEnd: { productUid: ACME_SYD_RED } };
    const shortly = { ...after, __timeouts: { createMs: 1_500, updateMs: 1_500, deleteMs: 10_000 } };
    const error = await provider.create(shortly).then(
      () => new Error("the create succeeded"),
      (err: Error) => err,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(PartialFailure);
    expect(error.message).toContain(`The old VXC ${old.id} stays LIVE and in the stack`);
    expect(error.message).toContain("the next `pulumi up` resumes waiting for it without ordering again");
    expect((await globex.getVxc(old.id)).provisioningStatus).toBe("LIVE");

    const pending = await eventually(
      async () =>
        [...(await acme.listProducts())]
          .flatMap((p) => p.associatedVxcs ?? [])
          .find(
            (v) => v.productName === "Globex move-deadline" && v.vxcApproval?.status === "PENDING_INTERNAL",
          ),
      5_000,
      "Acme to see the request",
    );
    await acme.updateVxc(pending.productUid, { isApproved: true });
    const resumed = await provider.create(after);
    expect(resumed.id).toBe(pending.productUid);
    expect(await globex.getVxc(resumed.id)).toMatchObject({
      provisioningStatus: "LIVE",
      aEnd: { vlan: 2430 },
    });
    expect((await globex.getVxc(old.id)).provisioningStatus).toBe("DECOMMISSIONED");
  });

  it("two moves on one port at once each order on a VLAN of their own", async () => {
    const vlans = [2420, 2421];
    const at = (vlan: number, bVlan: number) =>
      toAuto(`pair-${vlan}`, {
        aEnd: { productUid: GLOBEX_SYD_RED, vlan },
        bEnd: { productUid: ACME_AUTO, vlan: bVlan },
      });
    const olds = await Promise.all(vlans.map((vlan) => provider.create(at(vlan, vlan - 2000))));
    const moved = await Promise.all(vlans.map((vlan) => provider.create(at(vlan, vlan - 1900))));
    for (const [i, { id }] of moved.entries()) {
      expect(await globex.getVxc(id)).toMatchObject({ provisioningStatus: "LIVE", aEnd: { vlan: vlans[i] } });
      expect((await globex.getVxc(olds[i].id)).provisioningStatus).toBe("DECOMMISSIONED");
    }
  });

  it("a VXC of another resource on the declared VLAN is never cancelled: the order is refused by the API instead", async () => {
    const theirs = await provider.create(
      toAuto("theirs", { aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2410 } }),
    );
    const mine = provider.create(toAuto("mine", { aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2410 } }));
    await expect(mine).rejects.toThrow(/VLAN 2410 not available/);
    expect((await globex.getVxc(theirs.id)).provisioningStatus).toBe("LIVE");
  });

  it("a replacement of a LIVE VXC (same resource, another B-end VLAN) orders a new VXC instead of adopting the old one", async () => {
    const old = toAuto("replaced", { bEnd: { productUid: ACME_AUTO, vlan: 361 } });
    const first = await provider.create(old);
    const replacement = await provider.create({ ...old, bEnd: { productUid: ACME_AUTO, vlan: 362 } });
    expect(replacement.id).not.toBe(first.id);
    expect((await globex.getVxc(replacement.id)).bEnd?.vlan).toBe(362);
    await provider.delete(first.id, first.outs as VxcConnectionOutputs);
    expect((await globex.getVxc(replacement.id)).provisioningStatus).toBe("LIVE");
  });
});
