// VxcConnection (customer side): a VXC from your port or MCR to a Marketplace provider's port.
// check → diff → create → read → update → delete, in that order; the B-end lookup and the waits sit at the bottom.
// Never orders twice: every order carries the resource's idempotency key as a resource tag, and create first adopts
// an order that has it. Never logs or stores the service key or credentials in messages.
import type * as pulumi from "@pulumi/pulumi";
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { isNotFound, TimeoutError, ValidationError } from "../../client/errors";
import { NotChangeableError, PartialFailure } from "../resource-errors";
import type { MegaportClient } from "../../client/megaport-client";
import { FINISHED, GONE, isIn } from "../../client/provisioning-states";
import type { Vxc } from "../../client/schemas/products";
import type { Term } from "../../client/schemas/scalars";
import { checkInputs } from "../check-inputs";
import { diffInputs, toDiffResult } from "../diff-inputs";
import type { KindImplementation } from "../kind-implementation";
import {
  type HeldBy,
  HiddenInputs,
  HOLDER_KEY,
  HOLDER_TAG,
  IDEMPOTENCY_KEY,
  IDEMPOTENCY_TAG,
  STACK_ID_KEY,
  TIMEOUTS_KEY,
} from "../hidden-inputs";
import {
  bEndOf,
  findVxcByTag,
  holderIn,
  namesOtherStack,
  orderTag,
  orderTags,
  resourceKeyOf,
  setOrderTags,
  tagsOf,
} from "./vxc-order-tag";
import { inputsFromOutputs, plain } from "../plain-state";
import { getClient } from "../../config/provider-config";
import { placeOrder, type PlacedOrder } from "./vxc-order-batch";
import { importableVxc, importedTag, inputsOfVxc } from "./vxc-import";
import { listingsOf } from "../listings";
import {
  VXC_INPUTS,
  VXC_SECRET_INPUTS,
  VxcConnectionComputed,
  VxcConnectionInputs,
  VxcConnectionInputsSchema,
  VxcConnectionOutputs,
} from "./vxc-connection-schema";
import { resolveBEnd, ResolvedBEnd } from "./vxc-b-end";
import {
  freeDeclaredVlan,
  predecessorHolding,
  previewReplacement,
  type ReplacementPlan,
  claimTemporaryVlan,
  vlansHeldOn,
} from "./vxc-move";
import {
  deleteAndWait,
  DEFAULT_TIMEOUTS,
  readyStatuses,
  waitUntilReady,
  waitForSpeedChange,
} from "./vxc-wait";

type Inputs = VxcConnectionInputs & Partial<HiddenInputs & HeldBy> & { __provider?: string };
type Outputs = VxcConnectionOutputs & Partial<HiddenInputs & HeldBy> & { __provider?: string };

export const vxcConnection = {
  async check(_olds: Inputs, news: Inputs) {
    return checkInputs(VxcConnectionInputsSchema, news as Record<string, unknown>, {
      secretFields: VXC_SECRET_INPUTS,
    });
  },

  async diff(id: string, olds: Outputs, news: Inputs) {
    // adoptUid naming the VXC already held, and a providerCompanyUid naming the company it goes to, change
    // nothing: their change entries say so (vxc-connection-schema.ts).
    const diff = diffInputs(VXC_INPUTS, olds, news, id);
    // How a replacement is made (make-before-break, refused, or delete-first when opted in): vxc-move.ts.
    let plan: ReplacementPlan | undefined;
    if (diff.replaces.length > 0) {
      await refuseUnsafeReplacement(id, olds, news, diff.replacing);
      plan = await previewReplacement(getClient(), id, news, diff.changed);
    }
    const result = { ...toDiffResult(diff), deleteBeforeReplace: plan?.kind === "delete-first" };
    // New customTimeouts must reach state, or a later delete would still use the old deadline. A VXC the stack holds
    // that is not ready yet (a deadline passed; a refresh since replaced the engine's record of that) is a change
    // too: the update resumes the wait, so `up` never reports success for a connection that is not up.
    const timeoutsChanged = !isDeepStrictEqual(olds[TIMEOUTS_KEY] ?? {}, news[TIMEOUTS_KEY] ?? {});
    const unfinished = olds.provisioningStatus !== undefined && !isReady(olds, news.readyWhen);
    return timeoutsChanged || unfinished ? { ...result, changes: true } : result;
  },

  async create(declared: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const client = getClient();
    // This incarnation's holder nonce rides in the inputs, so it reaches the outputs and the VXC's tags together.
    const inputs: Inputs = { ...declared, [HOLDER_KEY]: randomUUID() };
    const deadlineMs = inputs[TIMEOUTS_KEY]?.createMs ?? DEFAULT_TIMEOUTS.createMs;
    const tag = orderTag(inputs);
    // An order this very resource placed before (a retried, interrupted or timed-out up) comes first, before any
    // lookup that could fail now (a provider renamed since must not stop us finding our own order).
    const found =
      !inputs.adoptUid && tag
        ? await findVxcByTag(client, {
            aEndUid: inputs.aEnd.productUid,
            name: inputs.name,
            bEndUids: await possibleBEndUids(client, inputs),
            tag,
            stackId: inputs[STACK_ID_KEY],
          })
        : undefined;
    const bEnd = found ? await bEndOf(client, found) : await resolveBEnd(client, inputs);
    const existing = inputs.adoptUid ? await adoptExisting(client, inputs, bEnd) : found;
    // This resource's earlier incarnation holding the declared A-end VLAN: a move (vxc-move.ts), which keeps it LIVE
    // until the new VXC is, and must then never leave a partial failure the engine would record beside it.
    const old = await predecessorHolding(client, inputs, existing?.productUid);
    const moving = old && {
      oldUid: old.productUid,
      deleteMs: inputs[TIMEOUTS_KEY]?.deleteMs ?? DEFAULT_TIMEOUTS.deleteMs,
    };
    if (!existing) {
      const held = old && vlansHeldOn(await listingsOf(client).products(0), inputs.aEnd.productUid);
      const spare = held && claimTemporaryVlan(inputs.aEnd.productUid, held);
      if (old && spare === undefined) {
        throw new ValidationError({
          fieldPath: "aEnd.vlan",
          reason: `no free VLAN on the A-end port ${inputs.aEnd.productUid} to order the new VXC on while the old one ${old.productUid} keeps VLAN ${inputs.aEnd.vlan}`,
          fix: 'free a VLAN on that port, or set moveStrategy to "delete-first"',
        });
      }
      const orderAs = spare === undefined ? inputs : { ...inputs, aEnd: { ...inputs.aEnd, vlan: spare } };
      const { vxcUid: uid, price } = await orderVxc(client, orderAs, bEnd);
      // The quote rides with the inputs into the outputs (and a partial failure's properties).
      const quoted = {
        ...inputs,
        quotedMonthlyRate: price?.monthlyRate ?? null,
        quotedCurrency: price?.currency ?? null,
      };
      const outs = await settleNewVxc(client, uid, quoted, bEnd, deadlineMs, moving);
      if (!moving) return { id: uid, outs };
      await freeDeclaredVlan(client, uid, inputs, moving.deleteMs);
      return { id: uid, outs: await converge(client, uid, quoted, undefined, bEnd, deadlineMs) };
    }
    const uid = existing.productUid;
    console.log(
      `VXC "${inputs.name}": adopting existing ${uid} instead of ordering (it carries this resource's order tag` +
        `${inputs.adoptUid ? ", or adoptUid names it" : ""}); a resource it replaces leaves it in place`,
    );
    if (!inputs.adoptUid) await setOrderTags(client, uid, orderTags(inputs, inputs[HOLDER_KEY]!));
    await settleNewVxc(
      client,
      uid,
      { ...inputs, rateLimit: existing.rateLimit ?? inputs.rateLimit },
      bEnd,
      deadlineMs,
      moving,
    );
    if (moving) await freeDeclaredVlan(client, uid, inputs, moving.deleteMs);
    // What was found may differ from the program (renamed in the portal, another rate, a move's temporary VLAN):
    // bring it in line now, as an update would, so state never claims what Megaport does not hold.
    return { id: uid, outs: await converge(client, uid, inputs, undefined, bEnd, deadlineMs) };
  },

  async read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    const client = getClient();
    let vxc: Vxc;
    try {
      vxc = await client.getVxc(id);
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    // CANCELLED is not gone: it may be billed and restorable for weeks. It stays in state, showing its status.
    if (isIn(GONE, vxc.provisioningStatus)) return {};
    // Refresh shows drift made in the portal: the user-facing fields take what Megaport holds; what the user
    // requested but Megaport assigns (B-end VLAN, looked-up port) stays as requested.
    const drifted: Outputs = {
      ...props,
      name: vxc.productName ?? props.name,
      rateLimit: vxc.rateLimit ?? props.rateLimit,
      // "" and absent are the same cost centre; keep the declared spelling when they agree.
      costCentre:
        (vxc.costCentre ?? "") === (props.costCentre ?? "")
          ? props.costCentre
          : (vxc.costCentre ?? undefined),
      term:
        props.term === undefined && vxc.contractTermMonths === 1
          ? undefined
          : // A term Megaport reports outside VALID_TERMS is drift the next check names.
            ((vxc.contractTermMonths as Term | null | undefined) ?? props.term),
      aEnd: { ...props.aEnd, vlan: requestedVlanAfterRefresh(props.aEnd.vlan, vxc.aEnd?.vlan) },
      // A rate limit or term changed outside Pulumi changes the price too.
      ...computedFrom(
        vxc,
        pricedOtherwise(vxc, props) ? { ...props, ...(await quoteNow(client, vxc, props)) } : props,
      ),
    };
    // ReadResult's inputs are typed as the outputs; the engine takes them as the refreshed inputs.
    // Undefined members cannot cross the gRPC Struct conversion read results go through.
    return { id, props: plain(drifted), inputs: inputsFromOutputs(VxcConnectionInputsSchema, drifted) };
  },

  async import(id: string, hidden: Partial<HiddenInputs>): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    const client = getClient();
    const vxc = await importableVxc(client, id, hidden);
    const inputs = inputsOfVxc(vxc);
    // Adopted as adoptUid adopts (vxc-import.ts): the order tags name this resource, the nonce its incarnation.
    const holder = randomUUID();
    await setOrderTags(client, id, [...orderTags({ ...inputs, ...hidden }, holder), importedTag()]);
    const bEnd = await bEndOf(client, vxc);
    const outs = {
      ...inputs,
      ...(hidden[STACK_ID_KEY] === undefined ? {} : { [STACK_ID_KEY]: hidden[STACK_ID_KEY] }),
      [HOLDER_KEY]: holder,
      ...computedFrom(vxc, bEndOutputs(bEnd)),
    } as Outputs;
    return { id, props: plain(outs), inputs: inputs as Outputs };
  },

  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const deadlineMs = news[TIMEOUTS_KEY]?.updateMs ?? DEFAULT_TIMEOUTS.updateMs;
    const bEnd: ResolvedBEnd = {
      productUid: olds.chosenBEndProductUid,
      portName: olds.chosenBEndPortName,
      companyName: olds.providerCompanyName,
      companyUid: olds.providerCompanyUid,
    };
    // What the create recorded: the holder nonce, and the last quote (converge asks again if the price changed).
    const held = {
      ...news,
      ...(olds[HOLDER_KEY] === undefined ? {} : { [HOLDER_KEY]: olds[HOLDER_KEY] }),
      quotedMonthlyRate: olds.quotedMonthlyRate ?? null,
      quotedCurrency: olds.quotedCurrency ?? null,
    };
    return { outs: await converge(getClient(), id, held, olds, bEnd, deadlineMs) };
  },

  async delete(id: string, props: Outputs) {
    const client = getClient();
    const deadlineMs = props[TIMEOUTS_KEY]?.deleteMs ?? DEFAULT_TIMEOUTS.deleteMs;
    const tags = await client.getResourceTags(id).catch((err: unknown) => {
      if (isNotFound(err)) return [];
      throw err;
    });
    // Another stack (a same-named one on another backend) holds it: it is that stack's connection, not ours to cut.
    if (namesOtherStack(tags, props[STACK_ID_KEY])) {
      console.log(
        `VXC "${props.name}" (${id}): not cancelled: its tags name another stack identity (${holderIn(tags)}); ` +
          "this stack's resource is removed from state and the VXC stays",
      );
      return;
    }
    // A replacement that adopted this VXC (a forced replace keeps the order tag) has written its own holder: the
    // VXC is the new resource's now, and cancelling it would cut the connection the stack just declared again.
    const holder = tags.find((t) => t.key === HOLDER_TAG)?.value;
    if (holder !== undefined && holder !== props[HOLDER_KEY]) {
      console.log(
        `VXC "${props.name}" (${id}): not cancelled: the resource that replaced this one holds it now ` +
          "(`pulumi up --replace` of an unchanged VxcConnection keeps its VXC)",
      );
      return;
    }
    await deleteAndWait(client, id, props.name, deadlineMs);
  },
} satisfies KindImplementation;

/**
 * A replacement orders a new VXC and then cancels the old one. One would go to another company than the VXC it
 * replaces, and is refused at preview: a provider lookup that now finds another company (a trading name proves
 * nothing: another company can take it and make its profile public).
 */
async function refuseUnsafeReplacement(
  id: string,
  olds: Outputs,
  news: Inputs,
  replacing: readonly string[],
) {
  const why = `the change to ${replacing.join(", ")} replaces the VXC`;
  const b = news.bEnd;
  if (!b?.providerName) return;
  // Looking up now also shows, at preview, a name that finds several companies or a pin that finds none.
  const found = await resolveBEnd(getClient(), news);
  const pinned = b.providerCompanyUid !== undefined;
  const held = olds.providerCompanyUid;
  if (!pinned && held && found.companyUid && found.companyUid.toLowerCase() !== held.toLowerCase()) {
    throw new ValidationError({
      fieldPath: "bEnd.providerName",
      reason:
        `"${b.providerName}" now finds the company ${found.companyName ?? "?"} (${found.companyUid}), not ` +
        `${olds.providerCompanyName ?? "the one"} (${held}) that VXC "${olds.name}" (${id}) goes to, ` +
        `and ${why} with one to that other company`,
      fix: `set bEnd.providerCompanyUid to "${held}" to stay with the provider you have, or to "${found.companyUid}" if you mean to move`,
    });
  }
}

/**
 * The ports an earlier order of this resource may have gone to, without choosing one (a lookup that now fails or
 * finds several companies must not stop us finding our own order): the port given, or every port listed under the
 * provider's name or pinned company. Empty for a service key, whose port only the order knows.
 */
async function possibleBEndUids(client: MegaportClient, inputs: Inputs): Promise<string[]> {
  const b = inputs.bEnd;
  if (b?.productUid) return [b.productUid];
  if (!b?.providerName) return [];
  const name = b.providerName.trim().toLowerCase();
  const pinned = b.providerCompanyUid?.toLowerCase();
  const ports = await listingsOf(client)
    .partnerPorts()
    .catch(() => []);
  return ports
    .filter(
      (p) =>
        p.companyName?.trim().toLowerCase() === name || (pinned && p.companyUid?.toLowerCase() === pinned),
    )
    .map((p) => p.productUid);
}

/** Whether the VXC, or what the stack recorded of it, is done: accepted, and LIVE (or CONFIGURED if asked). */
function isReady(vxc: Vxc | Outputs, readyWhen: string | undefined): boolean {
  // A request still unanswered, and not a speed change's: an answered one (REJECTED of a speed change) is done.
  const pendingNew =
    "vxcApproval" in vxc
      ? isPending(vxc.vxcApproval?.status) && vxc.vxcApproval?.type !== "SPEED_CHANGE"
      : isPending((vxc as Outputs).approvalStatus) && (vxc as Outputs).pendingRateLimit === null;
  return !pendingNew && readyStatuses(readyWhen).includes(vxc.provisioningStatus ?? "");
}

/** adoptUid: the VXC must exist, be alive, and join the declared ends; it is tagged so later creates find it. */
async function adoptExisting(client: MegaportClient, inputs: Inputs, bEnd: ResolvedBEnd): Promise<Vxc> {
  const uid = inputs.adoptUid!;
  let vxc: Vxc;
  try {
    vxc = await client.getVxc(uid);
  } catch (err) {
    if (isNotFound(err)) {
      throw new ValidationError({
        fieldPath: "adoptUid",
        reason: `there is no VXC ${uid} visible to this API key`,
        fix: "check the UID in the portal, or remove adoptUid to order a new VXC",
      });
    }
    throw err;
  }
  const mismatches = [
    isIn(FINISHED, vxc.provisioningStatus) && `it is ${vxc.provisioningStatus}`,
    vxc.aEnd?.productUid !== inputs.aEnd.productUid &&
      `its A-end is ${vxc.aEnd?.productUid}, not aEnd.productUid ${inputs.aEnd.productUid}`,
    // With a service key the key names the B-end, and only its owner can look the key up.
    !inputs.serviceKey &&
      vxc.bEnd?.productUid !== bEnd.productUid &&
      `its B-end is ${vxc.bEnd?.productUid}, not ${bEnd.productUid}`,
  ].filter(Boolean);
  if (mismatches.length > 0) {
    throw new ValidationError({
      fieldPath: "adoptUid",
      reason: `VXC ${uid} cannot be adopted: ${mismatches.join("; ")}`,
      fix: "declare the VXC's real ends, or remove adoptUid to order a new VXC",
    });
  }
  const tags = await tagsOf(client, uid);
  if (namesOtherStack(tags, inputs[STACK_ID_KEY])) {
    // Same project, stack and resource names prove nothing: a same-named stack on another backend has them too, and
    // two stacks holding one VXC would cancel it from under each other.
    throw new ValidationError({
      fieldPath: "adoptUid",
      reason: `VXC ${uid} is held by another stack (${holderIn(tags)}), not by this one`,
      fix: "remove it from that stack first (with retainOnDelete, or by deleting the resource from its state), or remove adoptUid",
    });
  }
  const owner = tags.find((t) => t.key === IDEMPOTENCY_TAG);
  const key = inputs[IDEMPOTENCY_KEY];
  if (owner && key && resourceKeyOf(owner.value) !== key) {
    // Another resource (maybe in another stack) manages it: two owners would cancel it from under each other.
    throw new ValidationError({
      fieldPath: "adoptUid",
      reason: `VXC ${uid} is already managed by another Pulumi resource (its ${IDEMPOTENCY_TAG} tag names another)`,
      fix: "remove it from the other stack first (with retainOnDelete, or by deleting that resource from state), or remove adoptUid",
    });
  }
  await setOrderTags(client, uid, orderTags(inputs, inputs[HOLDER_KEY]!));
  return vxc;
}

/**
 * Validate, then buy, together with the other creates ordering at the same moment (vxc-order-batch.ts: a refusal
 * reaches only its own create; a lost answer is found again by the order tag). The tags ride on the order itself,
 * so the VXC is never untagged.
 */
async function orderVxc(client: MegaportClient, inputs: Inputs, bEnd: ResolvedBEnd): Promise<PlacedOrder> {
  const tag = orderTag(inputs);
  const item = {
    productUid: inputs.aEnd.productUid,
    associatedVxcs: [
      {
        productName: inputs.name,
        rateLimit: inputs.rateLimit,
        term: (inputs.term ?? 1) as 1,
        shutdown: false,
        costCentre: inputs.costCentre ?? "",
        aEnd: { vlan: inputs.aEnd.vlan ?? 0 },
        bEnd: inputs.serviceKey
          ? { vlan: inputs.bEnd?.vlan ?? 0 }
          : { productUid: bEnd.productUid, vlan: inputs.bEnd?.vlan ?? 0 },
        ...(inputs.serviceKey ? { serviceKey: inputs.serviceKey } : {}),
        resourceTags: orderTags(inputs, inputs[HOLDER_KEY]!),
      },
    ],
  };
  const lookup = tag && {
    aEndUid: inputs.aEnd.productUid,
    name: inputs.name,
    bEndUids: bEnd.productUid ? [bEnd.productUid] : [],
    tag,
    stackId: inputs[STACK_ID_KEY],
  };
  const placed = await placeOrder(client, {
    item,
    lookup: lookup || undefined,
    name: inputs.name,
    serviceKey: inputs.serviceKey,
  });
  const price =
    placed.price?.monthlyRate == null
      ? ""
      : ` (quoted ${placed.price.monthlyRate} ${placed.price.currency ?? ""}/month)`;
  console.log(`VXC "${inputs.name}": ordered ${placed.vxcUid} to ${describeBEnd(bEnd)}${price}`);
  return placed;
}

/**
 * Wait for a new VXC to be approved and ready. A denial cleans up and fails; a deadline keeps the VXC in state
 * (partial failure) so the next `pulumi up` resumes waiting.
 */
async function settleNewVxc(
  client: MegaportClient,
  uid: string,
  inputs: Inputs,
  bEnd: ResolvedBEnd,
  deadlineMs: number,
  moving?: { oldUid: string },
): Promise<Outputs> {
  try {
    const kept = moving && `The old VXC ${moving.oldUid} stays LIVE and in the stack.`;
    const vxc = await waitUntilReady(client, uid, inputs, bEnd, deadlineMs, kept);
    return { ...inputs, ...computedFrom(vxc, { ...inputs, ...bEndOutputs(bEnd) }) } as Outputs;
  } catch (err) {
    if (err instanceof TimeoutError && moving) {
      // A plain error: the engine keeps the old resource as it was (a partial failure would record the new one
      // and mark the old one for deletion at the next `up`).
      throw new TimeoutError({
        waitedFor: err.waitedFor,
        waitedMs: err.waitedMs,
        whoMustAct:
          `${err.whoMustAct}. The old VXC ${moving.oldUid} stays LIVE and in the stack; the new order ${uid} ` +
          "stays with the provider, tagged for this resource, and the next `pulumi up` resumes waiting for it " +
          "without ordering again (`megaport-mx orphans` lists it, should you drop the move)",
        cause: err,
      });
    }
    if (err instanceof TimeoutError) {
      const latest = await client.getVxc(uid).catch(() => undefined);
      const computed = latest ? computedFrom(latest, { ...inputs, ...bEndOutputs(bEnd) }) : bEndOutputs(bEnd);
      throw new PartialFailure(
        `${err.message} The VXC ${uid} is saved in the stack; the next \`pulumi up\` resumes waiting without ordering again.`,
        uid,
        inputs as Record<string, unknown>,
        { ...computed, vxcUid: uid } as Record<string, unknown>,
      );
    }
    throw err;
  }
}

/**
 * Make the VXC hold what the program declares (update, and create when it adopts): finish a wait a deadline cut
 * short, then name, cost centre, term and A-end VLAN in one PUT, then the rate limit (a decrease applies at once;
 * an increase waits for the provider). Returns the full outputs from what the API holds afterwards.
 */
async function converge(
  client: MegaportClient,
  id: string,
  news: Inputs,
  olds: Outputs | undefined,
  bEnd: ResolvedBEnd,
  deadlineMs: number,
): Promise<Outputs> {
  let current = await currentVxc(client, id, news.name);
  // A create that stopped at its deadline left the VXC in state unfinished: finish waiting first.
  if (!isReady(current, news.readyWhen)) {
    await settleNewVxc(
      client,
      id,
      { ...news, rateLimit: current.rateLimit ?? news.rateLimit },
      bEnd,
      deadlineMs,
    );
    current = await client.getVxc(id);
  }

  const change: Record<string, unknown> = {};
  if (news.name !== current.productName) change.name = news.name;
  if ((news.costCentre ?? "") !== (current.costCentre ?? "")) change.costCentre = news.costCentre ?? "";
  if ((news.term ?? 1) !== (current.contractTermMonths ?? 1)) change.term = news.term ?? 1;
  // The A-end VLAN changes only when the declared one changed (0 asks Megaport to choose, so it never drifts).
  const declaredVlan = news.aEnd.vlan ?? 0;
  if (declaredVlan !== 0 && declaredVlan !== (olds?.aEnd.vlan ?? 0) && declaredVlan !== current.aEnd?.vlan) {
    change.aEndVlan = declaredVlan;
  }
  if (Object.keys(change).length > 0) current = await client.updateVxc(id, change);

  if (news.rateLimit !== current.rateLimit) {
    current = await changeRateLimit(client, current, news, olds, bEnd, deadlineMs);
  }
  const quote = olds && pricedOtherwise(current, olds) ? await quoteNow(client, current, olds) : {};
  return { ...news, ...computedFrom(current, { ...news, ...bEndOutputs(bEnd), ...quote }) } as Outputs;
}

/** Whether Megaport now holds a rate limit or term other than what the stack's quote was for. */
function pricedOtherwise(vxc: Vxc, held: Outputs): boolean {
  return (
    (vxc.rateLimit ?? held.rateLimit) !== held.rateLimit || (vxc.contractTermMonths ?? 1) !== (held.term ?? 1)
  );
}

/**
 * The monthly price of the VXC as it is now, after an accepted change of its rate limit or term. Asked with POST
 * /v4/pricebook/product, which prices a configuration (both ends' locations, speed, term, and the VXC it changes)
 * without ordering: validate prices a new order, and would judge the VXC's own VLANs and ends as a second order's.
 * A price that cannot be had (the call fails, an end's location is not shown) leaves null, never the old figure.
 */
async function quoteNow(
  client: MegaportClient,
  vxc: Vxc,
  held: Outputs,
): Promise<Pick<VxcConnectionComputed, "quotedMonthlyRate" | "quotedCurrency">> {
  const aLocationId = vxc.aEnd?.locationId;
  const bLocationId = vxc.bEnd?.locationId;
  const speed = vxc.rateLimit ?? held.rateLimit;
  try {
    if (!aLocationId || !bLocationId) throw new Error("the VXC's ends show no location");
    const price = await client.priceVxc({
      aLocationId,
      bLocationId,
      speed,
      term: (vxc.contractTermMonths ?? 1) as Term,
      productUid: vxc.productUid,
      ...(held.quotedCurrency ? { currency: held.quotedCurrency } : {}),
    });
    console.log(
      `VXC "${held.name}": quoted ${price.monthlyRate} ${price.currency}/month at ${speed} Mbps ` +
        `on a ${vxc.contractTermMonths ?? 1}-month term`,
    );
    return { quotedMonthlyRate: price.monthlyRate, quotedCurrency: price.currency };
  } catch (err) {
    console.log(
      `VXC "${held.name}" (${vxc.productUid}): no price for ${speed} Mbps (${err instanceof Error ? err.message : String(err)}); ` +
        "quotedMonthlyRate is null until the next change is priced",
    );
    return { quotedMonthlyRate: null, quotedCurrency: null };
  }
}

/** The VXC as Megaport holds it, or an error that says what to do when it can no longer be changed. */
async function currentVxc(client: MegaportClient, id: string, name: string): Promise<Vxc> {
  let vxc: Vxc | undefined;
  try {
    vxc = await client.getVxc(id);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const status = vxc ? (vxc.provisioningStatus ?? "") : "gone";
  if (!vxc || isIn(FINISHED, status)) {
    throw new NotChangeableError({
      what: `VXC "${name}"`,
      uid: id,
      status,
      why: vxc?.vxcApproval?.message ?? undefined,
      nextStep:
        (status === "CANCELLED" || status === "CANCELLED_PARENT"
          ? "Restore it in the Megaport Portal (UN_CANCEL) to keep it, or run `pulumi refresh` once it is decommissioned; "
          : "Run `pulumi refresh` to drop it from the stack; ") +
        "the next `pulumi up` then orders a new one.",
    });
  }
  return vxc;
}

/** Rate limit changes: a decrease applies at once; an increase waits for the provider to accept it. */
async function changeRateLimit(
  client: MegaportClient,
  current: Vxc,
  news: Inputs,
  olds: Outputs | undefined,
  bEnd: ResolvedBEnd,
  deadlineMs: number,
): Promise<Vxc> {
  const pending =
    current.vxcApproval?.status?.startsWith("PENDING") && current.vxcApproval.type === "SPEED_CHANGE";
  if (pending && current.vxcApproval?.newSpeed !== news.rateLimit) {
    // The API refuses changes while one waits, and the provider may still accept the old request later.
    throw new ValidationError({
      fieldPath: "rateLimit",
      reason:
        `VXC "${news.name}" (${current.productUid}) has a speed change to ${current.vxcApproval?.newSpeed} Mbps ` +
        `still waiting for ${bEnd.companyName ?? "the provider"}`,
      fix: `set rateLimit to ${current.vxcApproval?.newSpeed} to keep waiting for it, or ask the provider to deny it, then run \`pulumi up\` again`,
    });
  }
  if (!pending) {
    current = await client.updateVxc(current.productUid, { rateLimit: news.rateLimit });
  }
  if (current.rateLimit === news.rateLimit) return current;
  try {
    return await waitForSpeedChange(client, current.productUid, news, bEnd, deadlineMs);
  } catch (err) {
    if (err instanceof TimeoutError) {
      // The old rate stays in state, so the next `up` sees the change again and resumes waiting for it.
      const latest = await client.getVxc(current.productUid);
      throw new PartialFailure(
        `${err.message} The rate limit stays ${latest.rateLimit} Mbps in the stack; the next \`pulumi up\` resumes waiting for the provider.`,
        current.productUid,
        { ...news, rateLimit: olds?.rateLimit ?? latest.rateLimit } as Record<string, unknown>,
        { ...computedFrom(latest, { ...news, ...bEndOutputs(bEnd) }) },
      );
    }
    throw err;
  }
}

function computedFrom(vxc: Vxc, known: Partial<Outputs>): VxcConnectionComputed {
  return {
    vxcUid: vxc.productUid,
    provisioningStatus: vxc.provisioningStatus ?? "UNKNOWN",
    approvalStatus: vxc.vxcApproval?.status ?? null,
    // Only while the provider has not answered: a REJECTED or EXPIRED speed change keeps its newSpeed.
    pendingRateLimit:
      vxc.vxcApproval?.type === "SPEED_CHANGE" && isPending(vxc.vxcApproval.status)
        ? (vxc.vxcApproval.newSpeed ?? null)
        : null,
    assignedAEndVlan: vxc.aEnd?.vlan ?? null,
    assignedBEndVlan: vxc.bEnd?.vlan ?? null,
    chosenBEndProductUid: vxc.bEnd?.productUid ?? known.chosenBEndProductUid ?? "",
    chosenBEndPortName: vxc.bEnd?.productName ?? known.chosenBEndPortName ?? null,
    providerCompanyName: known.providerCompanyName ?? null,
    providerCompanyUid: known.providerCompanyUid ?? vxc.bEnd?.ownerUid ?? null,
    quotedMonthlyRate: known.quotedMonthlyRate ?? null,
    quotedCurrency: known.quotedCurrency ?? null,
  };
}

/** PENDING_INTERNAL or PENDING_EXTERNAL: asked and not answered yet. */
function isPending(approvalStatus: string | null | undefined): boolean {
  return approvalStatus?.startsWith("PENDING") === true;
}

function bEndOutputs(bEnd: ResolvedBEnd): Partial<VxcConnectionComputed> {
  return {
    chosenBEndProductUid: bEnd.productUid,
    chosenBEndPortName: bEnd.portName,
    providerCompanyName: bEnd.companyName,
    providerCompanyUid: bEnd.companyUid,
  };
}

function describeBEnd(bEnd: ResolvedBEnd): string {
  if (!bEnd.productUid) return "the port its service key names";
  return `${bEnd.companyName ?? "the provider"}'s port ${bEnd.portName ?? bEnd.productUid}`;
}

/** A requested VLAN of 0 (let Megaport choose) stays 0; an explicit one takes what the API now holds. */
function requestedVlanAfterRefresh(requested: number | undefined, actual: number | null | undefined) {
  if (requested === undefined || requested === 0) return requested;
  return actual ?? requested;
}
