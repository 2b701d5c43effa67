// `pulumi import megaport-mx:index:VxcConnection <name> <product UID>`: what a VXC made elsewhere (the portal, another
// tool) looks like as the inputs a program would declare, and the checks that keep an import from taking what is not
// this stack's to take. The engine calls Read with the UID and nothing else; the inputs returned become the generated
// code, so they hold only what a user writes (the B-end by its port UID: a service key cannot be read back).
// An import adopts the VXC as adoptUid does: it writes the order tags naming this resource and its holder nonce, and
// a tag saying the stack imported it rather than ordered it (the sweep never counts such a VXC as its orphan). The
// engine gives Read no sign of a preview, so the preview of an import tags the VXC too; a stack that then declines
// can import it again (its tags name this very stack), and nobody else can until they are removed.
import type { MegaportClient } from "../../client/megaport-client";
import { isNotFound } from "../../client/errors";
import { FINISHED, isIn } from "../../client/provisioning-states";
import type { ResourceTag } from "../../client/schemas/resource-tags";
import type { Vxc } from "../../client/schemas/products";
import { listingsOf } from "../listings";
import {
  type HiddenInputs,
  IDEMPOTENCY_KEY,
  IDEMPOTENCY_TAG,
  IMPORTED_TAG,
  OWNER_KEY,
  RESOURCE_TAG,
  stackOf,
  STACK_ID_KEY,
  STACK_ID_TAG,
  STACK_TAG,
} from "../hidden-inputs";
import { ImportRefusedError } from "../resource-errors";
import { holderIn, namesOtherStack, resourceKeyOf } from "./vxc-order-tag";
import type { VxcConnectionInputs } from "./vxc-connection-schema";
import { plain } from "../plain-state";

/**
 * The VXC behind a product UID, if this stack may import it: it exists, is not finished, was ordered from one of this
 * company's ports or MCRs, and no other stack or resource holds it by its tags. Throws ImportRefusedError otherwise.
 */
export async function importableVxc(
  client: MegaportClient,
  uid: string,
  hidden: Partial<HiddenInputs>,
): Promise<Vxc> {
  const refuse = (reason: string, fix: string) =>
    new ImportRefusedError({ what: "VXC", id: uid, reason, fix });
  let vxc: Vxc;
  try {
    vxc = await client.getVxc(uid);
  } catch (err) {
    if (isNotFound(err))
      throw refuse(
        "there is no VXC with that product UID visible to this API key",
        "copy the VXC's product UID from the Megaport Portal (Services), and check the provider's key is the company's",
      );
    throw err;
  }
  if (isIn(FINISHED, vxc.provisioningStatus)) {
    throw refuse(
      `it is ${vxc.provisioningStatus}`,
      "import only a VXC that is live or on its way (a CANCELLED one can be restored in the Portal first)",
    );
  }
  const ours = new Set((await listingsOf(client).products(0)).map((p) => p.productUid));
  if (!ours.has(vxc.aEnd?.productUid ?? "")) {
    throw refuse(
      `its A-end ${vxc.aEnd?.productUid ?? "?"} is not one of this company's ports or MCRs: another company ordered ` +
        "it (to one of your ports), and only the company that ordered it can manage or cancel it",
      "import it with the ordering company's key, or leave it to them",
    );
  }
  const tags = await client.getResourceTags(uid);
  const holder = holderElsewhere(tags, hidden);
  const owner = hidden[OWNER_KEY];
  const namesThisResource =
    owner !== undefined &&
    tags.some((t) => t.key === STACK_TAG && t.value === stackOf(owner)) &&
    tags.some((t) => t.key === RESOURCE_TAG && t.value === owner.resource);
  if (holder && namesThisResource) {
    // Same names, another (or an unprovable) identity: a same-named stack on another backend, or this stack's own
    // order made by the dynamic resources, whose identity the plugin does not have.
    const theirs = tags.find((t) => t.key === STACK_ID_TAG)?.value;
    throw refuse(
      `its tags name this stack and resource, but stack identity ${theirs}, which ` +
        (hidden[STACK_ID_KEY] === undefined
          ? "this stack cannot prove is its own (the stack has no identity)"
          : `is not this stack's (${hidden[STACK_ID_KEY]}): a same-named stack on another backend holds it`),
      "import it in the stack that holds it; if you are certain this stack is that one, remove the VXC's " +
        "megaport-mx:stack-id tag in the Portal and import again",
    );
  }
  if (holder) {
    throw refuse(
      `another Pulumi stack or resource holds it by its tags (${holder})`,
      "remove it from that stack first (delete the resource from its state, or give it retainOnDelete and remove it), " +
        "then remove its megaport-mx:* tags in the Portal; or leave it to that stack",
    );
  }
  return vxc;
}

/**
 * Who holds the VXC by its tags, when that is not this resource: another stack identity, or (by names, for tags
 * without an identity or a stack without one) another stack or another resource of this stack.
 */
export function holderElsewhere(
  tags: readonly ResourceTag[],
  hidden: Partial<HiddenInputs>,
): string | undefined {
  const stackId = hidden[STACK_ID_KEY];
  if (namesOtherStack(tags, stackId)) return holderIn(tags);
  // A stack renamed keeps its identity: the names count only where no identity decides.
  const sameIdentity = stackId !== undefined && tags.find((t) => t.key === STACK_ID_TAG)?.value === stackId;
  const owner = hidden[OWNER_KEY];
  const stack = tags.find((t) => t.key === STACK_TAG)?.value;
  if (!sameIdentity && stack !== undefined && (!owner || stack !== stackOf(owner))) return holderIn(tags);
  const orderTag = tags.find((t) => t.key === IDEMPOTENCY_TAG)?.value;
  const key = hidden[IDEMPOTENCY_KEY];
  if (orderTag !== undefined && (!key || resourceKeyOf(orderTag) !== key)) return holderIn(tags);
  return undefined;
}

/**
 * The inputs a program declares to hold this VXC as it is: what the generated code says. The B-end by its port UID
 * (a provider-name lookup might find another port later); what Megaport defaults (the 1-month term, no cost centre,
 * an A-end VLAN of 0) left out, as a user leaves it out.
 */
export function inputsOfVxc(vxc: Vxc): VxcConnectionInputs {
  const aVlan = vxc.aEnd?.vlan;
  const term = vxc.contractTermMonths;
  return plain({
    name: vxc.productName ?? "",
    rateLimit: vxc.rateLimit ?? 0,
    aEnd: {
      productUid: vxc.aEnd?.productUid ?? "",
      ...(aVlan !== undefined && aVlan !== null && aVlan !== 0 ? { vlan: aVlan } : {}),
    },
    bEnd: { productUid: vxc.bEnd?.productUid ?? "" },
    ...(term !== undefined && term !== null && term !== 1
      ? { term: term as VxcConnectionInputs["term"] }
      : {}),
    ...(vxc.costCentre ? { costCentre: vxc.costCentre } : {}),
  });
}

/** The tag an import adds beside the order tags: the stack imported the VXC, it did not order it. */
export const importedTag = (): ResourceTag => ({ key: IMPORTED_TAG, value: "pulumi import" });
