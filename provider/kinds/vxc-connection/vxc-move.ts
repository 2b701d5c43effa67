// A VxcConnection replaced while it keeps its A-end port and a fixed A-end VLAN (a move to another provider port,
// another B-end VLAN or another service key): make-before-break. The new VXC cannot be ordered on the VLAN the old
// one holds ("VLAN 300 not available"), so it is ordered on a free one; the A-end VLAN then moves in place, which
// the API allows (PUT aEndVlan, docs/megaport-api.md §5.3). The engine replaces create-before-delete, and a create
// that fails with a plain error leaves the old resource in state untouched.
//
// The steps, run by the replacement's create, and what each leaves if the run stops right after it:
//   1. Order the new VXC on a free A-end VLAN, tagged for this resource. Stopped here (killed, or the deadline
//      passed while the provider still has not answered): the old VXC is LIVE and in the stack; the new order
//      waits with the provider, carrying this resource's order tag (`megaport-mx orphans` lists it). The next
//      `up` finds it by that tag and resumes waiting, never ordering again. A deadline is a plain error here, not
//      a partial failure: that would record the new one, mark the old one for deletion, and leave the rest of the
//      move to an update that knows nothing of it (tests/reliability/move.test.ts, "deadline").
//   2. Wait for the provider and LIVE. A denial: the provider's FAILED order is cancelled (not billed), the
//      create fails with the provider's reason, and the old VXC stays LIVE and in the stack.
//   3. Cancel the old VXC (only the VXC on that port and VLAN whose order tag names this same resource of this same
//      stack, with another digest: this resource's earlier incarnation) and wait for DECOMMISSIONED, so its VLAN
//      is free. Stopped here: two VXCs, the old CANCELLED or gone, the new LIVE on the temporary VLAN, the old in
//      the stack. The next `up` finds the new one by its tag, waits for the old one to go, and moves on (after a
//      `pulumi refresh` that dropped the DECOMMISSIONED old one, the next `up` creates, and does the same).
//   4. Move the new VXC's A-end VLAN to the declared one and record it. Stopped before the record: the next `up`
//      finds the new one by its tag, already on its VLAN, and records it.
// The engine then deletes the old resource: its VXC is already DECOMMISSIONED, so that delete does nothing.
// A create cannot see the engine's state, so "earlier incarnation" is read from the tags alone: a VXC this resource
// left behind with retainOnDelete and still on the declared VLAN counts too, as a create with its ends would adopt
// it. A VXC of any other resource or stack, or with tags that cannot be read, is never cancelled: the order on the
// declared VLAN then fails with the API's reason.
// Between steps 3 and 4 (seconds, or until the next `up` if stopped there) traffic tagged with the declared VLAN
// has no VXC: the price of keeping one VXC per VLAN, far shorter than a provider's answer.
import { ValidationError } from "../../client/errors";
import type { MegaportClient } from "../../client/megaport-client";
import { GONE, isIn } from "../../client/provisioning-states";
import type { Vxc } from "../../client/schemas/products";
import { VLAN } from "../../client/schemas/scalars";
import {
  IDEMPOTENCY_KEY,
  IDEMPOTENCY_TAG,
  OWNER_KEY,
  RESOURCE_TAG,
  STACK_ID_KEY,
  stackOf,
  STACK_TAG,
  type HiddenInputs,
} from "../hidden-inputs";
import { listingsOf } from "../listings";
import { VXC_INPUTS, type VxcConnectionInputs, type VxcInputPath } from "./vxc-connection-schema";
import { deleteAndWait } from "./vxc-wait";
import { namesOtherStack, orderTag, resourceKeyOf } from "./vxc-order-tag";

type MoveInputs = VxcConnectionInputs & Partial<HiddenInputs>;

/** What picks the B-end port: every B-end field but its VLAN, and the service key. */
export const B_END_PORT_PATHS = VXC_INPUTS.paths.filter(
  (p) => (p.startsWith("bEnd.") && p !== "bEnd.vlan") || p === "serviceKey",
);

/** How a replacement is made, as preview says it. */
export type ReplacementPlan =
  /** Nothing the new VXC needs is held by the old one: the engine's create-before-delete. */
  | { kind: "create-first" }
  /** The A-end VLAN is held by the old VXC: make-before-break through a free VLAN (this module's steps). */
  | { kind: "move"; vlan: number }
  /** The user opted in: the old VXC is cancelled before the new one is ordered. */
  | { kind: "delete-first"; why: string }
  /** Make-before-break cannot be done; the user must opt in to delete-first or change the program. */
  | { kind: "impossible"; fieldPath: string; why: string; otherwise: string };

const fixed = (vlan: number | undefined) => (vlan ?? VLAN.auto) !== VLAN.auto;

/**
 * How the replacement of a VXC is made, from what changed (the diff's paths): pure, so every case is unit-tested.
 * A fixed B-end VLAN on the same B-end port cannot move (only the provider may change it), and a kept service key
 * may allow one VXC only (a single-use key; only its owner can read which it is): those need delete-first.
 */
export function planReplacement(
  changed: readonly VxcInputPath[],
  news: Pick<VxcConnectionInputs, "aEnd" | "bEnd" | "serviceKey" | "moveStrategy" | "adoptUid">,
): ReplacementPlan {
  // Adopting orders nothing: the adopted VXC is up already, and takes the declared VLAN once the old one is gone.
  if (news.adoptUid) return { kind: "create-first" };
  const kept = (paths: readonly VxcInputPath[]) => paths.every((p) => !changed.includes(p));
  const aVlan = news.aEnd.vlan;
  const blocked: ReplacementPlan[] = [];
  if (kept([...B_END_PORT_PATHS, "bEnd.vlan"]) && fixed(news.bEnd?.vlan)) {
    blocked.push({
      kind: "impossible",
      fieldPath: "bEnd.vlan",
      why: `the new VXC needs B-end VLAN ${news.bEnd!.vlan} on the same B-end port, which the old VXC holds until it is cancelled, and only the provider may change a B-end VLAN`,
      otherwise: "set bEnd.vlan to 0 (the provider chooses) or to a VLAN the old VXC does not use",
    });
  }
  if (news.serviceKey !== undefined && kept(["serviceKey"])) {
    blocked.push({
      kind: "impossible",
      fieldPath: "serviceKey",
      why: "the new VXC is ordered with the same service key as the old one, and a single-use key allows one VXC (only the provider can see which kind this key is)",
      otherwise: "ask the provider for a new service key and set serviceKey to it",
    });
  }
  if (blocked.length > 0) {
    if (news.moveStrategy !== "delete-first") return blocked[0];
    const first = blocked[0] as Extract<ReplacementPlan, { kind: "impossible" }>;
    return { kind: "delete-first", why: first.why };
  }
  if (kept(["aEnd.productUid", "aEnd.vlan"]) && fixed(aVlan)) {
    return news.moveStrategy === "delete-first"
      ? { kind: "delete-first", why: `the new VXC needs A-end VLAN ${aVlan}, which the old VXC holds` }
      : { kind: "move", vlan: aVlan! };
  }
  return { kind: "create-first" };
}

/**
 * The VLAN a move orders the new VXC on: the highest VLAN nobody holds on the port (people pick low ones, so a
 * concurrent order is least likely to want it), or undefined when every VLAN is held.
 */
export function temporaryVlan(held: ReadonlySet<number>): number | undefined {
  for (let v = VLAN.max; v >= VLAN.min; v--) if (!held.has(v)) return v;
  return undefined;
}

// Temporary VLANs this process has ordered moves on, by port: moves on one port in one `up` order together (one
// batch), before any listing shows the others' VLANs.
const claimedHere = new Map<string, Set<number>>();

/** A temporary VLAN for a move on `portUid`, not held there and not taken by another move of this process. */
export function claimTemporaryVlan(portUid: string, held: ReadonlySet<number>): number | undefined {
  const claimed = claimedHere.get(portUid) ?? new Set<number>();
  const vlan = temporaryVlan(new Set([...held, ...claimed]));
  if (vlan !== undefined) claimedHere.set(portUid, claimed.add(vlan));
  return vlan;
}

/** The VLANs VXCs that are not gone hold on a port, from a listing of our products (a CANCELLED VXC still may). */
export function vlansHeldOn(
  products: readonly { productUid: string; associatedVxcs?: readonly Vxc[] | null }[],
  portUid: string,
): Set<number> {
  const held = new Set<number>();
  for (const vxc of products.flatMap((p) => p.associatedVxcs ?? [])) {
    if (isIn(GONE, vxc.provisioningStatus)) continue;
    if (vxc.aEnd?.productUid === portUid && vxc.aEnd.vlan != null) held.add(vxc.aEnd.vlan);
    if (vxc.bEnd?.productUid === portUid && vxc.bEnd.vlan != null) held.add(vxc.bEnd.vlan);
  }
  return held;
}

const OPT_IN =
  'set moveStrategy to "delete-first" to cancel the old VXC before ordering the new one (the connection is then down until the provider accepts the new one and it is LIVE)';

/**
 * Preview's word on a replacement: says what will happen, and refuses, naming the reason and the opt-in, when a
 * make-before-break is impossible. A move also needs a free VLAN on the A-end port, looked up now.
 */
export async function previewReplacement(
  client: MegaportClient,
  id: string,
  news: MoveInputs,
  changed: readonly VxcInputPath[],
): Promise<ReplacementPlan> {
  let plan = planReplacement(changed, news);
  if (plan.kind === "move") {
    const held = vlansHeldOn(await listingsOf(client).products(), news.aEnd.productUid);
    const spare = temporaryVlan(held);
    if (spare === undefined) {
      plan = {
        kind: "impossible",
        fieldPath: "aEnd.vlan",
        why: `there is no free VLAN on the A-end port ${news.aEnd.productUid} to order the new VXC on while the old one keeps VLAN ${plan.vlan}`,
        otherwise: "free a VLAN on that port",
      };
    } else {
      console.log(
        `VXC "${news.name}" (${id}) moves: the old VXC stays LIVE until the new one is. The new one is ordered on ` +
          `free A-end VLAN ${spare} and waits for the provider and LIVE; then the old one is cancelled and the new ` +
          `one moves to A-end VLAN ${plan.vlan} in place. A denial or a deadline leaves the old one LIVE.`,
      );
    }
  }
  if (plan.kind === "impossible") {
    throw new ValidationError({
      fieldPath: plan.fieldPath,
      reason: `VXC "${news.name}" (${id}) cannot be replaced make-before-break: ${plan.why}`,
      fix: `${plan.otherwise}, or ${OPT_IN}`,
    });
  }
  if (plan.kind === "delete-first") {
    console.log(
      `VXC "${news.name}" (${id}) is replaced delete-first (moveStrategy "delete-first"): ${plan.why}, so it is ` +
        "cancelled before the new one is ordered; the connection is down until the provider accepts the new one and it is LIVE.",
    );
  }
  if (plan.kind === "create-first") {
    console.log(
      `VXC "${news.name}" (${id}) is replaced: the new VXC is ordered and LIVE before the old one is cancelled.`,
    );
  }
  return plan;
}

/**
 * The earlier incarnation of this resource holding the declared A-end VLAN: on the same A-end port and VLAN, not
 * gone, its order tag naming this same resource of this same stack but with another digest (other ends), its
 * stack identity tag naming no other stack, and its stack and resource tags, when it has them, naming the same. A VXC whose tags cannot be read, or that has none, is
 * someone else's. Undefined when the move does not apply (delete-first, no fixed VLAN, no order tag).
 */
export async function predecessorHolding(
  client: MegaportClient,
  inputs: MoveInputs,
  exceptUid?: string,
): Promise<Vxc | undefined> {
  const tag = orderTag(inputs);
  const key = inputs[IDEMPOTENCY_KEY];
  const vlan = inputs.aEnd.vlan;
  if (!tag || !key || !fixed(vlan) || inputs.moveStrategy === "delete-first") return undefined;
  const port = inputs.aEnd.productUid;
  const candidates = (await listingsOf(client).products())
    .filter((p) => p.productUid === port)
    .flatMap((p) => p.associatedVxcs ?? [])
    .filter(
      (v) =>
        v.productUid !== exceptUid &&
        v.aEnd?.productUid === port &&
        v.aEnd.vlan === vlan &&
        !isIn(GONE, v.provisioningStatus),
    );
  const owner = inputs[OWNER_KEY];
  for (const vxc of candidates) {
    const tags = await client.getResourceTags(vxc.productUid).catch(() => undefined);
    if (!tags) continue;
    const value = (k: string) => tags.find((t) => t.key === k)?.value;
    const idTag = value(IDEMPOTENCY_TAG);
    if (idTag === undefined || idTag === tag || resourceKeyOf(idTag) !== key) continue;
    // A same-named stack on another backend has the same key: only its identity tells it apart.
    if (namesOtherStack(tags, inputs[STACK_ID_KEY])) continue;
    const stack = value(STACK_TAG);
    const resource = value(RESOURCE_TAG);
    if (
      owner &&
      ((stack !== undefined && stack !== stackOf(owner)) ||
        (resource !== undefined && resource !== owner.resource))
    )
      continue;
    return vxc;
  }
  return undefined;
}

/**
 * Step 3: once the new VXC `uid` is ready, cancel this resource's earlier incarnation holding the declared A-end
 * VLAN and wait until it is DECOMMISSIONED, so the VLAN can move. Nothing to do when the new VXC is on its VLAN
 * already or no earlier incarnation holds it (another holder makes the VLAN move fail with the API's reason).
 */
export async function freeDeclaredVlan(
  client: MegaportClient,
  uid: string,
  inputs: MoveInputs,
  deleteMs: number,
): Promise<void> {
  const current = await client.getVxc(uid);
  if (current.aEnd?.vlan === inputs.aEnd.vlan) return;
  const old = await predecessorHolding(client, inputs, uid);
  if (!old) return;
  console.log(
    `VXC "${inputs.name}": the new VXC ${uid} is LIVE on A-end VLAN ${current.aEnd?.vlan}; cancelling the old one ` +
      `${old.productUid}, which holds VLAN ${inputs.aEnd.vlan}, then moving the new one onto it`,
  );
  await deleteAndWait(client, old.productUid, old.productName ?? inputs.name, deleteMs);
}
