// Orphans: VXCs a stack ordered (they carry its megaport-mx:stack tag) that no resource in the stack holds. They come
// from an interrupted `pulumi up` followed by an edit of the program (the next create carried another tag, so it
// ordered anew), or from a resource removed while its create was interrupted. They are live and billed. This finds
// them from the stack's state and Megaport's listing, says what each is, and never cancels anything by itself.
import type { MegaportClient } from "../client/megaport-client";
import { FINISHED, isIn } from "../client/provisioning-states";
import type { Vxc } from "../client/schemas/products";
import { IDEMPOTENCY_TAG, OWNER_KEY, RESOURCE_TAG, STACK_TAG, type HiddenInputs } from "./hidden-inputs";
import type { VxcConnectionInputs } from "./vxc-connection-schema";
import { orderTag, tagsOf } from "./vxc-order-tag";

/** A VxcConnection as the stack's state holds it. */
export interface HeldVxc {
  /** The resource's name (its path under components), from its hidden owner input or its URN. */
  resource: string;
  /** The VXC it holds; undefined for a create the CLI was interrupted in (a pending create). */
  vxcUid?: string;
  /** The order tag its inputs give, to recognise the order a pending create placed. */
  tag?: string;
}

export interface FoundVxc {
  vxcUid: string;
  name: string;
  provisioningStatus: string;
  rateLimit: number | null;
  /** The resource that ordered it, from its megaport-mx:resource tag. */
  orderedBy: string | undefined;
}

export interface Orphan extends FoundVxc {
  /** What it is, in a sentence, and what to do with it. */
  verdict: string;
  /** The resource of that name in the stack now, and the VXC it holds, if any. */
  heldBy?: HeldVxc;
}

export interface OrphanReport {
  stack: string;
  /** Stack-tagged VXCs that no resource holds. */
  orphans: Orphan[];
  /** Stack-tagged VXCs a pending create placed: the next `pulumi up` adopts them once the pending create is cleared. */
  pending: (FoundVxc & { resource: string })[];
  /** How many of the stack's VXCs a resource holds. */
  held: number;
}

/** The VxcConnections in a stack's exported state, and the creates an interrupted `pulumi up` left pending. */
export function heldVxcsOf(deployment: {
  resources?: readonly { urn: string; type: string; id?: string; inputs?: Record<string, unknown> }[];
  pending_operations?: readonly {
    type: string;
    resource: { urn: string; type: string; inputs?: Record<string, unknown> };
  }[];
}): HeldVxc[] {
  const isVxc = (type: string) => type === "pulumi-nodejs:dynamic/megaport:VxcConnection";
  const held = (urn: string, inputs: Record<string, unknown> | undefined, vxcUid?: string): HeldVxc => {
    const typed = inputs as (VxcConnectionInputs & Partial<HiddenInputs>) | undefined;
    return {
      resource: typed?.[OWNER_KEY]?.resource ?? urn.split("::").pop() ?? urn,
      vxcUid,
      tag: typed ? orderTag(typed) : undefined,
    };
  };
  return [
    ...(deployment.resources ?? [])
      .filter((r) => isVxc(r.type))
      .map((r) => held(r.urn, r.inputs, r.id || undefined)),
    ...(deployment.pending_operations ?? [])
      .filter((op) => op.type === "creating" && isVxc(op.resource.type))
      .map((op) => held(op.resource.urn, op.resource.inputs)),
  ];
}

/**
 * The stack's orphans: every live VXC on our products whose megaport-mx:stack tag names this stack ("project/stack")
 * and that no resource holds. Reads the tags of each live VXC once.
 */
export async function findOrphans(
  client: MegaportClient,
  stack: string,
  held: readonly HeldVxc[],
): Promise<OrphanReport> {
  const heldUids = new Set(held.map((h) => h.vxcUid).filter(Boolean));
  const report: OrphanReport = { stack, orphans: [], pending: [], held: 0 };
  for (const vxc of await liveVxcsOf(client)) {
    const tags = new Map((await tagsOf(client, vxc.productUid)).map((t) => [t.key, t.value]));
    if (tags.get(STACK_TAG) !== stack) continue;
    if (heldUids.has(vxc.productUid)) {
      report.held += 1;
      continue;
    }
    const found: FoundVxc = {
      vxcUid: vxc.productUid,
      name: vxc.productName ?? "",
      provisioningStatus: vxc.provisioningStatus ?? "UNKNOWN",
      rateLimit: vxc.rateLimit ?? null,
      orderedBy: tags.get(RESOURCE_TAG),
    };
    const placedBy = held.find((h) => !h.vxcUid && h.tag && h.tag === tags.get(IDEMPOTENCY_TAG));
    if (placedBy) {
      report.pending.push({ ...found, resource: placedBy.resource });
      continue;
    }
    const heldBy = held.find((h) => h.resource === found.orderedBy && h.vxcUid);
    report.orphans.push({ ...found, heldBy, verdict: verdictOn(found, heldBy) });
  }
  return report;
}

function verdictOn(vxc: FoundVxc, heldBy: HeldVxc | undefined): string {
  const who = vxc.orderedBy ? `resource "${vxc.orderedBy}"` : "a resource of this stack";
  if (heldBy) {
    return (
      `ordered by ${who}, which now holds ${heldBy.vxcUid}: a duplicate left by an interrupted \`pulumi up\`. ` +
      `Cancel it (megaport-mx orphans --cancel ${vxc.vxcUid}), unless you mean to keep this one instead.`
    );
  }
  return (
    `ordered by ${who}, which the stack no longer holds. To keep it, give that resource adoptUid: "${vxc.vxcUid}" ` +
    `(its ends must match) and run \`pulumi up\`; otherwise cancel it (megaport-mx orphans --cancel ${vxc.vxcUid}).`
  );
}

/**
 * Every VXC we ordered (its A-end is one of our products) that is not finished, once each. VXCs other companies
 * ordered to our ports show in our listing too; their tags are theirs, and only they can cancel them.
 */
async function liveVxcsOf(client: MegaportClient): Promise<Vxc[]> {
  const products = await client.listProducts();
  const ours = new Set(products.map((p) => p.productUid));
  const seen = new Map<string, Vxc>();
  for (const vxc of products.flatMap((p) => p.associatedVxcs ?? [])) {
    if (!isIn(FINISHED, vxc.provisioningStatus) && ours.has(vxc.aEnd?.productUid ?? "")) {
      seen.set(vxc.productUid, vxc);
    }
  }
  return [...seen.values()];
}
