// VxcConnection and stack identities: two stacks with the same project, stack and resource names but other
// identities (a second backend) never take, adopt, cancel or move away each other's VXCs; orders carry the identity,
// and an order of the release before identities is adopted and given it.
import { IDEMPOTENCY_TAG } from "../../../provider/kinds/hidden-inputs";
import { LISTING_AGES } from "../../../provider/kinds/listings";
import { provider } from "../../../provider/resources/vxc-connection";
import type { VxcConnectionOutputs } from "../../../provider/kinds/vxc-connection/vxc-connection-schema";
import { orderTag } from "../../../provider/kinds/vxc-connection/vxc-order-tag";
import type { MegaportClient } from "../../../provider/client/megaport-client";
import { eventually } from "../../support/eventually";
import { ACME_AUTO, captureLog, GLOBEX_SYD_RED, startVxcWorld, toAuto, type VxcWorld } from "./vxc-world";

const { log, logged } = captureLog();

describe("VxcConnection against the simulator", () => {
  let world: VxcWorld;
  let globex: MegaportClient;
  beforeAll(async () => {
    world = await startVxcWorld();
    ({ globex } = world);
  });
  afterAll(() => world?.close());

  describe("two stacks with the same names and other identities (a second backend)", () => {
    const ours = "6a1d0c3e-0000-4000-8000-00000000000a";
    const theirs = "6a1d0c3e-0000-4000-8000-00000000000b";
    // Each test its own resource name, so no test finds another's orders.
    const as = (resource: string, stackId: string | undefined, overrides: Record<string, unknown> = {}) =>
      ({
        ...toAuto(resource, overrides),
        __owner: { project: "vxc-unit", stack: "test", resource },
        ...(stackId ? { __stackId: stackId } : {}),
      }) as never;
    /**
     * The order another provider process placed (another stack's `up`, or the release before identities): this
     * resource's order tag, its names, and that stack's identity if it had one.
     */
    async function placedElsewhere(resource: string, stackId: string | undefined): Promise<string> {
      const [uid] = await globex.buyVxc([
        {
          productUid: GLOBEX_SYD_RED,
          associatedVxcs: [
            {
              productName: `Globex ${resource}`,
              rateLimit: 100,
              term: 1,
              aEnd: { vlan: 0 },
              bEnd: { productUid: ACME_AUTO, vlan: 0 },
              resourceTags: [
                { key: IDEMPOTENCY_TAG, value: orderTag(as(resource, undefined))! },
                { key: "megaport-mx:holder", value: "elsewhere" },
                { key: "megaport-mx:stack", value: "vxc-unit/test" },
                { key: "megaport-mx:resource", value: resource },
                ...(stackId ? [{ key: "megaport-mx:stack-id", value: stackId }] : []),
              ],
            },
          ],
        },
      ]);
      await eventually(async () => (await globex.getVxc(uid)).provisioningStatus === "LIVE", 5_000, "LIVE");
      return uid;
    }

    // Orders another process placed are older than the listing this provider process shares (at most
    // LISTING_AGES.productsMs old): place them first, and wait until any listing it may share is newer.
    const elsewhere: Record<string, string> = {};
    beforeAll(async () => {
      elsewhere.found = await placedElsewhere("same-found", theirs);
      elsewhere.legacy = await placedElsewhere("same-legacy", undefined);
      const placedAt = Date.now();
      await eventually(
        async () => Date.now() - placedAt > LISTING_AGES.productsMs,
        LISTING_AGES.productsMs + 1_000,
        "the provider's shared listing to be newer than the orders",
      );
    });

    it("an order carries the stack's identity", async () => {
      const first = await provider.create(as("same-tagged", theirs));
      expect(await globex.getResourceTags(first.id)).toContainEqual({
        key: "megaport-mx:stack-id",
        value: theirs,
      });
      await provider.delete(first.id, first.outs as VxcConnectionOutputs);
    });

    it("a create finding the other stack's order by its tag orders its own instead of taking it", async () => {
      const theirUid = elsewhere.found;
      const second = await provider.create(as("same-found", ours));
      expect(second.id).not.toBe(theirUid);
      await provider.delete(second.id, second.outs as VxcConnectionOutputs);
      expect((await globex.getVxc(theirUid)).provisioningStatus).toBe("LIVE");
      await globex.cancelProduct(theirUid, "CANCEL_NOW");
    });

    it("adoptUid of the other stack's VXC is refused, naming the UID and its holder", async () => {
      const first = await provider.create(as("same-adopted", theirs));
      const error = await provider
        .create(as("same-adopted", ours, { adoptUid: first.id }))
        .catch((err: Error) => err);
      expect(String((error as Error).message)).toContain(
        `VXC ${first.id} is held by another stack (stack vxc-unit/test, resource "same-adopted", stack identity ${theirs})`,
      );
      await provider.delete(first.id, first.outs as VxcConnectionOutputs);
    });

    it("delete never cancels a VXC whose tags name another identity", async () => {
      const first = await provider.create(as("same-deleted", theirs));
      const props = { ...(first.outs as Record<string, unknown>), __stackId: ours } as never;
      log.mockClear();
      await provider.delete(first.id, props);
      expect(logged()).toContain("not cancelled: its tags name another stack identity");
      expect((await globex.getVxc(first.id)).provisioningStatus).toBe("LIVE");
      await provider.delete(first.id, first.outs as VxcConnectionOutputs);
      expect((await globex.getVxc(first.id)).provisioningStatus).toBe("DECOMMISSIONED");
    });

    it("a move never cancels the other stack's VXC holding the declared VLAN, though its order tag names the same resource", async () => {
      const at = (bVlan: number) =>
        as("same-moved", theirs, {
          aEnd: { productUid: GLOBEX_SYD_RED, vlan: 2440 },
          bEnd: { productUid: ACME_AUTO, vlan: bVlan },
        }) as Record<string, unknown>;
      const theirsLive = await provider.create(at(381) as never);
      const ourMove = { ...at(382), __stackId: ours } as never;
      const error = await provider.create(ourMove).catch((err: Error) => err);
      expect(String((error as Error).message)).toMatch(/VLAN 2440 not available/);
      expect((await globex.getVxc(theirsLive.id)).provisioningStatus).toBe("LIVE");
      await provider.delete(theirsLive.id, theirsLive.outs as VxcConnectionOutputs);
    });

    it("an order of the release before identities (no identity tag) is adopted by its tag and given the identity", async () => {
      const legacy = elsewhere.legacy;
      const resumed = await provider.create(as("same-legacy", ours));
      expect(resumed.id).toBe(legacy);
      expect(await globex.getResourceTags(legacy)).toContainEqual({
        key: "megaport-mx:stack-id",
        value: ours,
      });
      await provider.delete(resumed.id, resumed.outs as VxcConnectionOutputs);
    });
  });
});
