// The pure decisions of a move: how a replacement is made from what changed, and which VLAN the new VXC is
// ordered on while the old one keeps the declared one.
import type { Vxc } from "../../../provider/client/schemas/products";
import type { VxcInputPath } from "../../../provider/kinds/vxc-connection/vxc-connection-schema";
import {
  claimTemporaryVlan,
  planReplacement,
  temporaryVlan,
  vlansHeldOn,
} from "../../../provider/kinds/vxc-connection/vxc-move";

const A = "6f9e7b61-6cb9-4e67-b6e9-90f162d0463f";
const B = "55465685-0cdb-46c8-8bee-cbb6050acbd1";
const KEY = "5ec2e7a1-bead-4bad-9ead-c0ffee000001";

describe("planReplacement", () => {
  const news = (over: Record<string, unknown> = {}) =>
    ({ aEnd: { productUid: A, vlan: 100 }, bEnd: { productUid: B, vlan: 0 }, ...over }) as never;
  const rows: { name: string; changed: VxcInputPath[]; news: never; kind: string; field?: string }[] = [
    {
      name: "another B-end port, the same A-end port and fixed VLAN: a move",
      changed: ["bEnd.productUid"],
      news: news(),
      kind: "move",
    },
    {
      name: "the same, untagged (-1): a move",
      changed: ["bEnd.productUid"],
      news: news({ aEnd: { productUid: A, vlan: -1 } }),
      kind: "move",
    },
    {
      name: "the same, with delete-first opted in",
      changed: ["bEnd.productUid"],
      news: news({ moveStrategy: "delete-first" }),
      kind: "delete-first",
    },
    {
      name: "the A-end VLAN is Megaport's choice: create first",
      changed: ["bEnd.productUid"],
      news: news({ aEnd: { productUid: A, vlan: 0 } }),
      kind: "create-first",
    },
    {
      name: "the A-end VLAN changes too: create first",
      changed: ["bEnd.productUid", "aEnd.vlan"],
      news: news(),
      kind: "create-first",
    },
    {
      name: "another A-end port, the same B-end port and fixed B-end VLAN: impossible",
      changed: ["aEnd.productUid"],
      news: news({ bEnd: { productUid: B, vlan: 300 } }),
      kind: "impossible",
      field: "bEnd.vlan",
    },
    {
      name: "the same with delete-first: delete first",
      changed: ["aEnd.productUid"],
      news: news({ bEnd: { productUid: B, vlan: 300 }, moveStrategy: "delete-first" }),
      kind: "delete-first",
    },
    {
      name: "another A-end port with the same service key: impossible (a single-use key allows one VXC)",
      changed: ["aEnd.productUid"],
      news: news({ bEnd: { vlan: 0 }, serviceKey: KEY }),
      kind: "impossible",
      field: "serviceKey",
    },
    {
      name: "another service key: a move",
      changed: ["serviceKey"],
      news: news({ bEnd: { vlan: 0 }, serviceKey: KEY }),
      kind: "move",
    },
    {
      name: "adopting another VXC orders nothing: create first",
      changed: ["adoptUid"],
      news: news({ adoptUid: B, serviceKey: KEY, bEnd: { vlan: 300 } }),
      kind: "create-first",
    },
  ];

  it.each(rows)("$name", ({ changed, news: inputs, kind, field }) => {
    const plan = planReplacement(changed, inputs);
    expect(plan.kind).toBe(kind);
    if (field) expect(plan).toMatchObject({ fieldPath: field });
  });
});

describe("temporaryVlan", () => {
  it("is the highest VLAN nobody holds", () => {
    expect(temporaryVlan(new Set())).toBe(4093);
    expect(temporaryVlan(new Set([4093, 4092, 100]))).toBe(4091);
  });

  it("is undefined when every VLAN is held", () => {
    const all = new Set(Array.from({ length: 4092 }, (_, i) => i + 2));
    expect(temporaryVlan(all)).toBeUndefined();
    all.delete(2);
    expect(temporaryVlan(all)).toBe(2);
  });
});

describe("claimTemporaryVlan", () => {
  it("gives moves on one port in one process different VLANs, and each port its own", () => {
    const held = new Set([4093]);
    expect(claimTemporaryVlan(A, held)).toBe(4092);
    expect(claimTemporaryVlan(A, held)).toBe(4091);
    expect(claimTemporaryVlan(B, held)).toBe(4092);
  });
});

describe("vlansHeldOn", () => {
  const vxc = (status: string, a: [string, number], b: [string, number]) =>
    ({
      productUid: `${status}-${a[1]}-${b[1]}`,
      provisioningStatus: status,
      aEnd: { productUid: a[0], vlan: a[1] },
      bEnd: { productUid: b[0], vlan: b[1] },
    }) as Vxc;

  it("counts both ends on the port, a CANCELLED VXC still, a DECOMMISSIONED or FAILED one not", () => {
    const products = [
      {
        productUid: A,
        associatedVxcs: [
          vxc("LIVE", [A, 10], [B, 11]),
          vxc("DEPLOYABLE", [B, 12], [A, 13]),
          vxc("CANCELLED", [A, 14], [B, 15]),
          vxc("DECOMMISSIONED", [A, 16], [B, 17]),
          vxc("FAILED", [A, 18], [B, 19]),
        ],
      },
    ];
    expect([...vlansHeldOn(products, A)].sort()).toEqual([10, 13, 14]);
  });
});
