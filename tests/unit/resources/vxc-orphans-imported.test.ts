// The sweep and an imported VXC: `pulumi import` tags the VXC with this stack's tags (its preview too), so an import
// declined after the preview, or a resource dropped from state since, leaves a VXC tagged for the stack that no
// resource holds. The stack never ordered it: it is nobody's orphan, and a cancel by UID refuses it.
import type { MegaportClient } from "../../../provider/client/megaport-client";
import {
  IDEMPOTENCY_TAG,
  IMPORTED_TAG,
  RESOURCE_TAG,
  STACK_ID_TAG,
  STACK_TAG,
} from "../../../provider/kinds/hidden-inputs";
import { findOrphans, whyNotAnOrphanNow } from "../../../provider/kinds/vxc-connection/vxc-orphans";

const PORT = "11111111-1111-4111-8111-111111111111";
const tagged = (uid: string, imported: boolean) => [
  { key: STACK_TAG, value: "p/s" },
  { key: RESOURCE_TAG, value: `r-${uid}` },
  { key: IDEMPOTENCY_TAG, value: `key-${uid}.abc` },
  { key: STACK_ID_TAG, value: "id-1" },
  ...(imported ? [{ key: IMPORTED_TAG, value: "pulumi import" }] : []),
];

function fakeClient(vxcs: Record<string, boolean>): MegaportClient {
  const vxc = (uid: string) => ({
    productUid: uid,
    productName: uid,
    provisioningStatus: "LIVE",
    rateLimit: 100,
    aEnd: { productUid: PORT },
  });
  return {
    listProducts: async () => [{ productUid: PORT, associatedVxcs: Object.keys(vxcs).map(vxc) }],
    getResourceTags: async (uid: string) => tagged(uid, vxcs[uid]),
    getVxc: async (uid: string) => vxc(uid),
  } as unknown as MegaportClient;
}

describe("the sweep and VXCs the stack imported", () => {
  it("lists the stack's unheld order as an orphan, never its unheld import", async () => {
    const ordered = "0a000000-0000-4000-8000-000000000001";
    const imported = "0a000000-0000-4000-8000-000000000002";
    const client = fakeClient({ [ordered]: false, [imported]: true });
    const report = await findOrphans(client, "p/s", [], ["id-1"]);
    expect(report.orphans.map((o) => o.vxcUid)).toEqual([ordered]);
    expect(report.pending).toEqual([]);
    expect(await whyNotAnOrphanNow(client, "p/s", [], ["id-1"], imported)).toBe(
      "the stack imported it (`pulumi import`); it never ordered it",
    );
    expect(await whyNotAnOrphanNow(client, "p/s", [], ["id-1"], ordered)).toBeUndefined();
    // Once a resource holds it, it is counted held, as any VXC of the stack.
    const held = await findOrphans(client, "p/s", [{ resource: "r", vxcUid: imported }], ["id-1"]);
    expect(held).toMatchObject({ held: 1, orphans: [{ vxcUid: ordered }] });
  });
});
