// VxcConnection (customer side): a VXC from your port or MCR to a Marketplace provider's port.
// check → diff → create → read → update → delete, in that order; the B-end lookup and the waits sit at the bottom.
// Never orders twice: every order carries the resource's idempotency key as a resource tag, and create first adopts
// an order that has it. Never logs or stores the service key or credentials in messages.
import type * as pulumi from "@pulumi/pulumi";
import { isNotFound, TimeoutError, ValidationError } from "../client/errors";
import type { MegaportClient } from "../client/megaport-client";
import type { Vxc } from "../client/schemas/products";
import { checkInputs } from "./check-inputs";
import { diffInputs, toDiffResult } from "./diff-inputs";
import { HiddenInputs, IDEMPOTENCY_KEY, IDEMPOTENCY_TAG, TIMEOUTS_KEY } from "./hidden-inputs";
import { PartialFailure } from "./partial-failure";
import { inputsFromOutputs, plain } from "./plain-state";
import { configure, getClient } from "./provider-config";
import {
  VXC_INPUT_PATHS,
  VXC_REPLACE_ON,
  VxcConnectionComputed,
  VxcConnectionInputs,
  VxcConnectionInputsSchema,
  VxcConnectionOutputs,
  VxcInputPath,
} from "./vxc-connection-schema";
import { resolveBEnd, ResolvedBEnd } from "./vxc-b-end";
import { deleteAndWait, DEFAULT_TIMEOUTS, waitUntilReady, waitForSpeedChange } from "./vxc-wait";

type Inputs = VxcConnectionInputs & Partial<HiddenInputs> & { __provider?: string };
type Outputs = VxcConnectionOutputs & Partial<HiddenInputs> & { __provider?: string };

const SECRET_FIELDS = ["serviceKey"] as const;

export const provider = {
  configure,

  async check(_olds: Inputs, news: Inputs) {
    return checkInputs(VxcConnectionInputsSchema, news as Record<string, unknown>, {
      secretFields: SECRET_FIELDS,
    });
  },

  async diff(id: string, olds: Outputs, news: Inputs) {
    // adoptUid naming the VXC this resource already holds (added afterwards, or removed once adopted) changes
    // nothing: a replace would order a new VXC and cancel the very one adopted.
    const adopting = (uid: string | undefined) => (uid === id ? undefined : uid);
    const diff = diffInputs(
      { inputs: VXC_INPUT_PATHS, replaceOn: VXC_REPLACE_ON },
      { ...olds, adoptUid: adopting(olds.adoptUid) } as unknown as Record<string, unknown>,
      { ...news, adoptUid: adopting(news.adoptUid) } as unknown as Record<string, unknown>,
    );
    // A replacement asking for a VLAN the old VXC still holds on the same port is refused ("VLAN 300 not
    // available"; a port has one untagged VXC too): delete the old one first. The B-end port counts as the same
    // while nothing that chooses it changed.
    const kept = (paths: readonly VxcInputPath[]) => paths.every((p) => !diff.changed.includes(p));
    const fixed = (vlan: number | undefined) => (vlan ?? 0) !== 0;
    const clash =
      (kept(["aEnd.productUid", "aEnd.vlan"]) && fixed(news.aEnd?.vlan)) ||
      (kept([...B_END_PORT_PATHS, "bEnd.vlan"]) && fixed(news.bEnd?.vlan));
    return { ...toDiffResult(diff), deleteBeforeReplace: diff.replaces.length > 0 && clash };
  },

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const client = getClient();
    const deadlineMs = inputs[TIMEOUTS_KEY]?.createMs ?? DEFAULT_TIMEOUTS.createMs;
    const bEnd = await resolveBEnd(client, inputs);
    const existing = inputs.adoptUid
      ? await adoptExisting(client, inputs, bEnd)
      : await findVxcByIdempotencyKey(client, inputs);
    const uid = existing?.productUid ?? (await orderVxc(client, inputs, bEnd));
    if (existing)
      console.log(`VXC "${inputs.name}": adopting existing ${existing.productUid} instead of ordering`);
    const outputs = await settleNewVxc(client, uid, inputs, bEnd, deadlineMs);
    return { id: uid, outs: outputs };
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
    if (GONE_STATES.has(vxc.provisioningStatus ?? "")) return {};
    // Refresh shows drift made in the portal: the user-facing fields take what Megaport holds; what the user
    // requested but Megaport assigns (B-end VLAN, looked-up port) stays as requested.
    const drifted: Outputs = {
      ...props,
      name: vxc.productName ?? props.name,
      rateLimit: vxc.rateLimit ?? props.rateLimit,
      costCentre:
        props.costCentre === undefined && !vxc.costCentre ? undefined : (vxc.costCentre ?? undefined),
      term:
        props.term === undefined && vxc.contractTermMonths === 1
          ? undefined
          : (vxc.contractTermMonths ?? props.term),
      aEnd: { ...props.aEnd, vlan: requestedVlanAfterRefresh(props.aEnd.vlan, vxc.aEnd?.vlan) },
      ...computedFrom(vxc, props),
    };
    // ReadResult's inputs are typed as the outputs; the engine takes them as the refreshed inputs.
    // Undefined members cannot cross the gRPC Struct conversion read results go through.
    return { id, props: plain(drifted), inputs: inputsFromOutputs(VxcConnectionInputsSchema, drifted) };
  },

  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const client = getClient();
    const deadlineMs = news[TIMEOUTS_KEY]?.updateMs ?? DEFAULT_TIMEOUTS.updateMs;
    const bEnd: ResolvedBEnd = {
      productUid: olds.chosenBEndProductUid,
      portName: olds.chosenBEndPortName,
      companyName: olds.providerCompanyName,
      companyUid: olds.providerCompanyUid,
    };
    // A create that stopped at its deadline left the VXC in state unfinished: finish waiting first.
    let current = await client.getVxc(id);
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

    const plain: Record<string, unknown> = {};
    if (news.name !== current.productName) plain.name = news.name;
    if ((news.costCentre ?? "") !== (current.costCentre ?? "")) plain.costCentre = news.costCentre ?? "";
    if ((news.term ?? 1) !== (current.contractTermMonths ?? 1)) plain.term = news.term ?? 1;
    if (
      news.aEnd.vlan !== undefined &&
      news.aEnd.vlan !== olds.aEnd.vlan &&
      news.aEnd.vlan !== current.aEnd?.vlan
    ) {
      plain.aEndVlan = news.aEnd.vlan;
    }
    if (Object.keys(plain).length > 0) current = await client.updateVxc(id, plain);

    if (news.rateLimit !== current.rateLimit) {
      current = await changeRateLimit(client, current, news, olds, bEnd, deadlineMs);
    }
    return { outs: { ...news, ...computedFrom(current, { ...news, ...bEndOutputs(bEnd) }) } as Outputs };
  },

  async delete(id: string, props: Outputs) {
    const deadlineMs = props[TIMEOUTS_KEY]?.deleteMs ?? DEFAULT_TIMEOUTS.deleteMs;
    await deleteAndWait(getClient(), id, props.name, deadlineMs);
  },
} satisfies pulumi.dynamic.ResourceProvider;

/** What picks the B-end port. */
const B_END_PORT_PATHS: readonly VxcInputPath[] = [
  "bEnd.productUid",
  "bEnd.providerName",
  "bEnd.location",
  "bEnd.portName",
  "bEnd.sameDiversityZone",
  "serviceKey",
];

const GONE_STATES = new Set(["DECOMMISSIONED", "CANCELLED", "CANCELLED_PARENT", "FAILED"]);

function isReady(vxc: Vxc, readyWhen: string | undefined): boolean {
  if (vxc.vxcApproval?.status && vxc.vxcApproval.type !== "SPEED_CHANGE") return false;
  return (
    vxc.provisioningStatus === "LIVE" ||
    (readyWhen === "CONFIGURED" && vxc.provisioningStatus === "CONFIGURED")
  );
}

/** A VXC this resource ordered before (a retried, interrupted or timed-out `up`), found by its tag. */
async function findVxcByIdempotencyKey(client: MegaportClient, inputs: Inputs): Promise<Vxc | undefined> {
  const key = inputs[IDEMPOTENCY_KEY];
  if (!key) return undefined;
  const products = await client.listProducts();
  const candidates = products
    .filter((p) => p.productUid === inputs.aEnd.productUid)
    .flatMap((p) => p.associatedVxcs ?? [])
    .filter(
      (v) => !GONE_STATES.has(v.provisioningStatus ?? "") && v.aEnd?.productUid === inputs.aEnd.productUid,
    );
  for (const vxc of candidates) {
    const tags = await client.getResourceTags(vxc.productUid);
    if (tags.some((t) => t.key === IDEMPOTENCY_TAG && t.value === key)) return vxc;
  }
  return undefined;
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
    GONE_STATES.has(vxc.provisioningStatus ?? "") && `it is ${vxc.provisioningStatus}`,
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
  const tags = await client.getResourceTags(uid);
  const key = inputs[IDEMPOTENCY_KEY];
  if (key && !tags.some((t) => t.key === IDEMPOTENCY_TAG)) {
    await client.setResourceTags(uid, [...tags, { key: IDEMPOTENCY_TAG, value: key }]);
  }
  return vxc;
}

/** Validate, then buy. The idempotency key rides on the order itself, so the VXC is never untagged. */
async function orderVxc(client: MegaportClient, inputs: Inputs, bEnd: ResolvedBEnd): Promise<string> {
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
        resourceTags: inputs[IDEMPOTENCY_KEY]
          ? [{ key: IDEMPOTENCY_TAG, value: inputs[IDEMPOTENCY_KEY] }]
          : [],
      },
    ],
  };
  let uid: string;
  try {
    await client.validateVxcOrder([item]);
    [uid] = await client.buyVxc([item]);
  } catch (err) {
    // Megaport names the key in its refusals ("Service key <key> has already been used"): keep it out.
    throw withoutSecret(err, inputs.serviceKey);
  }
  console.log(`VXC "${inputs.name}": ordered ${uid} to ${describeBEnd(bEnd)}`);
  return uid;
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
): Promise<Outputs> {
  try {
    const vxc = await waitUntilReady(client, uid, inputs, bEnd, deadlineMs);
    return { ...inputs, ...computedFrom(vxc, { ...inputs, ...bEndOutputs(bEnd) }) } as Outputs;
  } catch (err) {
    if (err instanceof TimeoutError) {
      const latest = await client.getVxc(uid).catch(() => undefined);
      const computed = latest ? computedFrom(latest, { ...inputs, ...bEndOutputs(bEnd) }) : bEndOutputs(bEnd);
      throw new PartialFailure(
        `${err.message}. The VXC ${uid} is saved in the stack; the next \`pulumi up\` resumes waiting without ordering again.`,
        uid,
        inputs as Record<string, unknown>,
        { ...computed, vxcUid: uid } as Record<string, unknown>,
      );
    }
    throw err;
  }
}

/** Rate limit changes: a decrease applies at once; an increase waits for the provider to accept it. */
async function changeRateLimit(
  client: MegaportClient,
  current: Vxc,
  news: Inputs,
  olds: Outputs,
  bEnd: ResolvedBEnd,
  deadlineMs: number,
): Promise<Vxc> {
  const pendingSame =
    current.vxcApproval?.type === "SPEED_CHANGE" && current.vxcApproval.newSpeed === news.rateLimit;
  if (!pendingSame) {
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
        `${err.message}. The rate limit stays ${latest.rateLimit} Mbps in the stack; the next \`pulumi up\` resumes waiting for the provider.`,
        current.productUid,
        { ...news, rateLimit: olds.rateLimit } as Record<string, unknown>,
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
    pendingRateLimit: vxc.vxcApproval?.type === "SPEED_CHANGE" ? (vxc.vxcApproval.newSpeed ?? null) : null,
    assignedAEndVlan: vxc.aEnd?.vlan ?? null,
    assignedBEndVlan: vxc.bEnd?.vlan ?? null,
    chosenBEndProductUid: vxc.bEnd?.productUid ?? known.chosenBEndProductUid ?? "",
    chosenBEndPortName: vxc.bEnd?.productName ?? known.chosenBEndPortName ?? null,
    providerCompanyName: known.providerCompanyName ?? null,
    providerCompanyUid: known.providerCompanyUid ?? vxc.bEnd?.ownerUid ?? null,
  };
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

/** The error with every occurrence of a secret in its message (and stack) replaced by a placeholder. */
function withoutSecret(err: unknown, secret: string | undefined): unknown {
  if (!secret || !(err instanceof Error)) return err;
  err.message = err.message.split(secret).join("<serviceKey>");
  if (err.stack) err.stack = err.stack.split(secret).join("<serviceKey>");
  return err;
}
