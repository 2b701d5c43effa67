// What a replaced VxcConnection must leave at the simulator, whichever adapter or language replaced it: the old VXC
// DECOMMISSIONED no earlier than the new one went LIVE (create-before-delete, or the move's make-before-break), and
// exactly one VXC of that name LIVE. Read from GET /_sim/vxcs, which keeps the wall-clock moments of both.
import type { Simulator } from "../support/simulator";

interface AdminVxc {
  productUid: string;
  productName: string;
  provisioningStatus: string;
  aEndProductUid: string;
  bEndProductUid: string;
  rateLimit: number;
  liveAt: number | null;
  decommissionedAt: number | null;
}

async function adminVxcs(sim: Simulator): Promise<AdminVxc[]> {
  const res = await fetch(`${sim.url}/_sim/vxcs`);
  return ((await res.json()) as { data: AdminVxc[] }).data;
}

/** Asserts the replacement of `oldUid` by `newUid`, both named `name`; returns the new VXC's admin view. */
export async function expectReplacedMakeBeforeBreak(
  sim: Simulator,
  name: string,
  oldUid: string,
  newUid: string,
): Promise<AdminVxc> {
  expect(newUid).not.toBe(oldUid);
  const named = (await adminVxcs(sim)).filter((vxc) => vxc.productName === name);
  const byUid = new Map(named.map((vxc) => [vxc.productUid, vxc]));
  const old = byUid.get(oldUid);
  const replacement = byUid.get(newUid);
  expect(old).toMatchObject({ provisioningStatus: "DECOMMISSIONED" });
  expect(replacement).toMatchObject({ provisioningStatus: "LIVE" });
  expect(named.filter((vxc) => vxc.provisioningStatus === "LIVE").map((vxc) => vxc.productUid)).toEqual([
    newUid,
  ]);
  // The old one carried traffic until the new one could.
  expect(old!.decommissionedAt).toBeGreaterThanOrEqual(replacement!.liveAt!);
  return replacement!;
}
