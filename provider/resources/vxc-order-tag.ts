// How a VXC order is recognised again: the resource tag it carries from the moment it is bought. Its value is the
// resource's idempotency key (project, stack, resource name) plus a digest of everything that makes this VXC this
// VXC (its ends, service key, adopted UID). A retried, interrupted or timed-out create carries the same tag and is
// adopted; a replacement (same resource, other ends) carries another and never adopts the VXC it replaces, which
// the engine is about to delete. Never stores the service key itself: only a digest of it.
import { createHash } from "node:crypto";
import type { MegaportClient } from "../client/megaport-client";
import type { ResourceTag } from "../client/schemas/resource-tags";
import type { Vxc } from "../client/schemas/products";
import { IDEMPOTENCY_KEY, IDEMPOTENCY_TAG, type HiddenInputs } from "./hidden-inputs";
import type { ResolvedBEnd } from "./vxc-b-end";
import { VXC_REPLACE_ON, type VxcConnectionInputs } from "./vxc-connection-schema";

/** States an order can never come back from: such a VXC is not adopted. */
const FINISHED = new Set(["DECOMMISSIONED", "FAILED", "CANCELLED", "CANCELLED_PARENT"]);

/** The tag value for these inputs, or undefined when the SDK added no idempotency key. */
export function orderTag(inputs: VxcConnectionInputs & Partial<HiddenInputs>): string | undefined {
  const key = inputs[IDEMPOTENCY_KEY];
  if (!key) return undefined;
  const identity = VXC_REPLACE_ON.map(
    (path) =>
      path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], inputs) ??
      null,
  );
  return `${key}.${createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 16)}`;
}

/** The resource key part of a tag value (tags written before the digest existed are the key alone). */
export function resourceKeyOf(tagValue: string): string {
  return tagValue.split(".")[0];
}

// Tags of other VXCs do not change while one `pulumi up` runs: fetch each once per provider process, so fifty
// creates on one busy port cost one tag request per VXC there, not fifty.
const tagCache = new Map<string, Promise<ResourceTag[]>>();

export function tagsOf(client: MegaportClient, vxcUid: string): Promise<ResourceTag[]> {
  let tags = tagCache.get(vxcUid);
  if (!tags) {
    tags = client.getResourceTags(vxcUid);
    tagCache.set(vxcUid, tags);
    tags.catch(() => tagCache.delete(vxcUid));
  }
  return tags;
}

export async function setTags(client: MegaportClient, vxcUid: string, tags: ResourceTag[]): Promise<void> {
  await client.setResourceTags(vxcUid, tags);
  tagCache.set(vxcUid, Promise.resolve(tags));
}

/** The live order on this A-end port that carries exactly this tag. */
export async function findVxcByTag(
  client: MegaportClient,
  aEndUid: string,
  tag: string,
): Promise<Vxc | undefined> {
  const products = await client.listProducts();
  const candidates = products
    .filter((p) => p.productUid === aEndUid)
    .flatMap((p) => p.associatedVxcs ?? [])
    .filter((v) => !FINISHED.has(v.provisioningStatus ?? "") && v.aEnd?.productUid === aEndUid);
  for (const vxc of candidates) {
    const tags = await tagsOf(client, vxc.productUid);
    if (tags.some((t) => t.key === IDEMPOTENCY_TAG && t.value === tag)) return vxc;
  }
  return undefined;
}

/** The B-end of a VXC found again: read from the VXC itself, so a provider renamed since cannot block adoption. */
export async function bEndOf(client: MegaportClient, vxc: Vxc): Promise<ResolvedBEnd> {
  const productUid = vxc.bEnd?.productUid ?? "";
  const listed = await client.listPartnerPorts().then(
    (ports) => ports.find((p) => p.productUid === productUid),
    () => undefined,
  );
  return {
    productUid,
    portName: listed?.title ?? vxc.bEnd?.productName ?? null,
    companyName: listed?.companyName ?? null,
    companyUid: listed?.companyUid ?? vxc.bEnd?.ownerUid ?? null,
  };
}
