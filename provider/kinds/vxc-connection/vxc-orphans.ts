// Orphans: VXCs a stack ordered (they carry its megaport-mx:stack tag) that no resource in the stack holds. They come
// from an interrupted `pulumi up` followed by an edit of the program (the next create carried another tag, so it
// ordered anew), or from a resource removed while its create was interrupted. They are live and billed. This finds
// them from the stack's state and Megaport's listing, says what each is, and never cancels anything by itself.
// A VXC whose megaport-mx:stack-id tag names another stack identity is never this stack's, whatever its other tags
// say: a same-named stack on another backend ordered it. A stack may hold several identities (stack-identity.ts
// stackIdsOf: the plugin's providers each keep one); any of them is the stack's. VxcConnections of either adapter
// (kinds.ts typeTokens) are the stack's resources alike. One the stack imported (`pulumi import`) was never its
// order: it is never listed.
import type { MegaportClient } from "../../client/megaport-client";
import { FINISHED, isIn } from "../../client/provisioning-states";
import type { Vxc } from "../../client/schemas/products";
import {
  IDEMPOTENCY_TAG,
  IMPORTED_TAG,
  OWNER_KEY,
  RESOURCE_TAG,
  STACK_ID_TAG,
  STACK_TAG,
  type HiddenInputs,
} from "../hidden-inputs";
import type { ResourceTag } from "../../client/schemas/resource-tags";
import { kindOfType } from "../kinds";
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
  /**
   * Whether its tags carry this stack's identity. One without (ordered by a release before identities) proves only
   * the names, which a same-named stack on another backend shares: `--cancel-all` leaves it, `--cancel <uid>` takes it.
   */
  proven: boolean;
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
    resource: { urn: string; type: string; id?: string; inputs?: Record<string, unknown> };
  }[];
}): HeldVxc[] {
  const isVxc = (type: string) => kindOfType(type) === "VxcConnection";
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
    // Every pending operation holds what it names: a create its order (by tag, it has no id yet), an update, delete
    // or import in flight its VXC.
    ...(deployment.pending_operations ?? [])
      .filter((op) => isVxc(op.resource.type))
      .map((op) =>
        held(
          op.resource.urn,
          op.resource.inputs,
          op.type === "creating" ? undefined : op.resource.id || undefined,
        ),
      ),
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
  stackIds: readonly string[],
): Promise<OrphanReport> {
  const heldUids = new Set(held.map((h) => h.vxcUid).filter(Boolean));
  const report: OrphanReport = { stack, orphans: [], pending: [], held: 0 };
  for (const vxc of await liveVxcsOf(client)) {
    const tagList = await tagsOf(client, vxc.productUid);
    if (!isThisStacks(tagList, stack, stackIds)) continue;
    const tags = new Map(tagList.map((t) => [t.key, t.value]));
    if (heldUids.has(vxc.productUid)) {
      report.held += 1;
      continue;
    }
    // Imported, never ordered by the stack: not an order it leaked, whoever holds it now (hidden-inputs.ts).
    if (tags.has(IMPORTED_TAG)) continue;
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
    const proven = stackIds.includes(tags.get(STACK_ID_TAG) ?? "");
    report.orphans.push({ ...found, heldBy, proven, verdict: verdictOn(found, heldBy, proven) });
  }
  return report;
}

/** Whether the tags say this stack ordered the VXC: its name, and no identity but one of the stack's. */
function isThisStacks(tags: readonly ResourceTag[], stack: string, stackIds: readonly string[]): boolean {
  const theirs = tags.find((t) => t.key === STACK_ID_TAG)?.value;
  return tags.some((t) => t.key === STACK_TAG && t.value === stack) && (!theirs || stackIds.includes(theirs));
}

/**
 * Why the VXC is no longer an orphan of the stack, from its tags read afresh and the state read again just now, or
 * undefined when it still is one. Asked right before each cancel: a `pulumi up` may have started since the listing.
 */
export async function whyNotAnOrphanNow(
  client: MegaportClient,
  stack: string,
  held: readonly HeldVxc[],
  stackIds: readonly string[],
  vxcUid: string,
): Promise<string | undefined> {
  const vxc = await client.getVxc(vxcUid);
  if (isIn(FINISHED, vxc.provisioningStatus)) return `it is ${vxc.provisioningStatus} already`;
  const tags = await client.getResourceTags(vxcUid);
  if (!isThisStacks(tags, stack, stackIds))
    return `its tags no longer name this stack (${stack}) and its identity`;
  if (tags.some((t) => t.key === IMPORTED_TAG))
    return "the stack imported it (`pulumi import`); it never ordered it";
  const byUid = held.find((h) => h.vxcUid === vxcUid);
  if (byUid) return `resource "${byUid.resource}" of the stack holds it now`;
  const tag = tags.find((t) => t.key === IDEMPOTENCY_TAG)?.value;
  const byTag = held.find((h) => !h.vxcUid && h.tag !== undefined && h.tag === tag);
  if (byTag)
    return `the create of resource "${byTag.resource}" placed it and is pending in the stack's state`;
  return undefined;
}

function verdictOn(vxc: FoundVxc, heldBy: HeldVxc | undefined, proven: boolean): string {
  const who = vxc.orderedBy ? `resource "${vxc.orderedBy}"` : "a resource of this stack";
  if (!proven) {
    return (
      `ordered by ${who} before stacks had identities (no ${STACK_ID_TAG} tag): a same-named stack on another ` +
      `backend would carry the same tags, so --cancel-all leaves it. If it is this stack's, cancel it by UID ` +
      `(megaport-mx orphans --cancel ${vxc.vxcUid}) or keep it with adoptUid: "${vxc.vxcUid}".`
    );
  }
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
