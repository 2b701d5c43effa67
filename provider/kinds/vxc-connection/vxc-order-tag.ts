// How a VXC order is recognised again: the resource tags it carries from the moment it is bought.
// - megaport-mx:idempotency-key: the resource's idempotency key (project, stack, resource path) plus a digest of
//   everything that makes this VXC this VXC (its ends, service key, adopted UID). A retried, interrupted or timed-out
//   create carries the same value and adopts its own order; a replacement with other ends carries another and never
//   adopts the VXC it replaces, which the engine is about to delete.
// - megaport-mx:holder: which incarnation of the resource holds the VXC now. A forced replace with identical inputs
//   (the engine gives the provider no sign of it) adopts the VXC by its order tag and writes a new holder, so the
//   delete of the incarnation it replaces leaves the VXC alone.
// - megaport-mx:stack and megaport-mx:resource: who ordered it, in plain words, so `megaport-mx orphans` can find a
//   stack's VXCs that no resource holds, and people can tell in the Portal.
// - megaport-mx:stack-id: the identity of the stack that holds it (stack-identity.ts). The names above repeat across
//   backends; this does not. An order whose tags name another identity is never this stack's: create does not adopt
//   it, adoptUid refuses it, delete and the orphan sweep leave it. An order without it was placed by a release before
//   identities: it proves only the names, as it did then, so create still adopts it (and writes this stack's
//   identity onto it, after which it is this stack's alone).
// Never stores the service key itself: only a digest of it.
import { createHash } from "node:crypto";
import type { MegaportClient } from "../../client/megaport-client";
import { FINISHED, isIn } from "../../client/provisioning-states";
import type { ResourceTag } from "../../client/schemas/resource-tags";
import type { Vxc } from "../../client/schemas/products";
import {
  HOLDER_TAG,
  IDEMPOTENCY_KEY,
  IDEMPOTENCY_TAG,
  OWNER_KEY,
  RESOURCE_TAG,
  stackOf,
  STACK_ID_KEY,
  STACK_ID_TAG,
  STACK_TAG,
  type HiddenInputs,
} from "../hidden-inputs";
import { listingsOf } from "../listings";
import type { ResolvedBEnd } from "./vxc-b-end";
import { VXC_INPUTS, type VxcConnectionInputs } from "./vxc-connection-schema";

type TaggedInputs = VxcConnectionInputs & Partial<HiddenInputs>;

/** The idempotency tag value for these inputs, or undefined when the SDK added no idempotency key. */
export function orderTag(inputs: TaggedInputs): string | undefined {
  const key = inputs[IDEMPOTENCY_KEY];
  if (!key) return undefined;
  const identity = VXC_INPUTS.identifying.map(
    (path) =>
      path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], inputs) ??
      null,
  );
  return `${key}.${createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 16)}`;
}

/** Every tag a VXC held for these inputs carries: the idempotency tag, the holder, the owner's stack and resource. */
export function orderTags(inputs: TaggedInputs, holder: string): ResourceTag[] {
  const tag = orderTag(inputs);
  if (!tag) return [];
  const owner = inputs[OWNER_KEY];
  const stackId = inputs[STACK_ID_KEY];
  return [
    { key: IDEMPOTENCY_TAG, value: tag },
    { key: HOLDER_TAG, value: holder },
    ...(stackId ? [{ key: STACK_ID_TAG, value: stackId }] : []),
    ...(owner
      ? [
          { key: STACK_TAG, value: stackOf(owner) },
          { key: RESOURCE_TAG, value: owner.resource },
        ]
      : []),
  ];
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
    tags.catch(() => {
      if (tagCache.get(vxcUid) === tags) tagCache.delete(vxcUid);
    });
  }
  // A shared read that failed must not fail every create that joined it: each then asks again on its own.
  return tags.catch(() => client.getResourceTags(vxcUid));
}

/** Replaces the VXC's tags with `tags`, keeping any other tags it has. */
export async function setOrderTags(
  client: MegaportClient,
  vxcUid: string,
  tags: ResourceTag[],
): Promise<void> {
  const ours = new Set(tags.map((t) => t.key));
  const merged = [...(await tagsOf(client, vxcUid)).filter((t) => !ours.has(t.key)), ...tags];
  await client.setResourceTags(vxcUid, merged);
  tagCache.set(vxcUid, Promise.resolve(merged));
}

/** What identifies the order a create is looking for. */
export interface OrderLookup {
  /** The A-end port or MCR the order was placed on. */
  aEndUid: string;
  /** The name it was ordered with. */
  name: string;
  /**
   * The B-end ports it may go to (the one given, or the named provider's), when known: an order renamed in the
   * Portal since is still found by them.
   */
  bEndUids?: readonly string[];
  tag: string;
  /** This stack's identity: an order whose tags name another is not ours, whatever its other tags say. */
  stackId: string | undefined;
}

// Orders this process placed, by stack identity and tag: a listing shared with other creates may have started a
// moment before them, and the other creates' fresh orders are never this create's.
const placedHere = new Map<string, string>();
const placedKey = (lookup: Pick<OrderLookup, "tag" | "stackId">) => `${lookup.stackId ?? ""} ${lookup.tag}`;

/**
 * An order renamed in the Portal after an interrupted `up` is still found by its ends, if it was placed this recently:
 * reading the tags of every older VXC between the same two ports would make each create on a busy port cost one
 * request per VXC there.
 */
const RENAMED_ORDER_WINDOW_MS = 24 * 60 * 60_000;

/** Remembers that this process ordered the VXC carrying the lookup's tag and stack identity. */
export function rememberOrder(lookup: Pick<OrderLookup, "tag" | "stackId">, vxcUid: string): void {
  placedHere.set(placedKey(lookup), vxcUid);
}

/**
 * The live order on this A-end that carries exactly this tag. Only VXCs that could be the order (its name, or its
 * B-end and a recent order date), and that no other create of this process placed, have their tags read, so a busy
 * port costs no more than a quiet one. `listing` is a listing of our
 * products (by default a shared one a couple of seconds old at most); pass a fresh one when looking for an order
 * just placed.
 */
export async function findVxcByTag(
  client: MegaportClient,
  lookup: OrderLookup,
  listing?: Promise<readonly { productUid: string; associatedVxcs?: readonly Vxc[] | null }[]>,
): Promise<Vxc | undefined> {
  const ours = placedHere.get(placedKey(lookup));
  if (ours) {
    const vxc = await client.getVxc(ours).catch(() => undefined);
    if (vxc && !isIn(FINISHED, vxc.provisioningStatus)) return vxc;
  }
  const products = await (listing ?? listingsOf(client).products());
  const placedByOthers = new Set(placedHere.values());
  const recently = Date.now() - RENAMED_ORDER_WINDOW_MS;
  const candidates = products
    .filter((p) => p.productUid === lookup.aEndUid)
    .flatMap((p) => p.associatedVxcs ?? [])
    .filter(
      (v) =>
        !isIn(FINISHED, v.provisioningStatus) &&
        v.aEnd?.productUid === lookup.aEndUid &&
        !placedByOthers.has(v.productUid) &&
        (v.productName === lookup.name ||
          (lookup.bEndUids?.includes(v.bEnd?.productUid ?? "") === true && (v.createDate ?? 0) >= recently)),
    );
  for (const vxc of candidates) {
    const tags = await tagsOf(client, vxc.productUid);
    const tagged = tags.some((t) => t.key === IDEMPOTENCY_TAG && t.value === lookup.tag);
    if (tagged && !namesOtherStack(tags, lookup.stackId)) return vxc;
  }
  return undefined;
}

/** The B-end of a VXC found again: read from the VXC itself, so a provider renamed since cannot block adoption. */
export async function bEndOf(client: MegaportClient, vxc: Vxc): Promise<ResolvedBEnd> {
  const productUid = vxc.bEnd?.productUid ?? "";
  const listed = await listingsOf(client)
    .partnerPorts()
    .then(
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

/**
 * Whether the tags name a stack identity other than `stackId`. Tags without one (an order of a release before
 * identities) name none.
 */
export function namesOtherStack(tags: readonly ResourceTag[], stackId: string | undefined): boolean {
  const theirs = tags.find((t) => t.key === STACK_ID_TAG)?.value;
  return theirs !== undefined && theirs !== stackId;
}

/** Who holds the VXC by its tags, for a message: stack, resource and stack identity. */
export function holderIn(tags: readonly ResourceTag[]): string {
  const value = (key: string) => tags.find((t) => t.key === key)?.value ?? "?";
  return `stack ${value(STACK_TAG)}, resource "${value(RESOURCE_TAG)}", stack identity ${value(STACK_ID_TAG)}`;
}
