// ApprovalPolicy (service provider side): ordered rules that accept, deny or leave for a person the connection
// requests and speed changes customers send to the provider's ports. check → diff → create → read → update →
// delete; helpers at the bottom. The rules engine itself is provider/approval/ (pure, shared with the approver).
//
// The rules live only in Pulumi state: the real API has no server-side rule store and no webhooks (docs/megaport-api.md
// §9.1, §14.4–5), so nothing is sent to Megaport when the policy is saved. `pulumi up` settles the backlog of
// requests pending at that moment; the long-running approver command applies the same rules continuously.
// Never logs credentials; log lines name only VXC UIDs, names and companies.
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import type { KnownCompany } from "../../approval/company-names";
import { ownCompanyUid } from "../../approval/own-company";
import { settlePendingRequests, type SettleSummary, type SettledRequest } from "../../approval/backlog";
import {
  ApprovalPolicySchema,
  PENDING_ON_US,
  type ApprovalDecision,
  type ApprovalRequest,
  type PolicyProblem,
  decide,
  pendingRequestsFrom,
  validatePolicy,
  type ValidatePolicyOptions,
} from "../../approval/rules";
import { MegaportError } from "../../client/errors";
import type { MegaportClient } from "../../client/megaport-client";
import { FINISHED, isIn } from "../../client/provisioning-states";
import type { Product } from "../../client/schemas/products";
import { checkFailure, refusedKeyFailures } from "../check-inputs";
import { diffInputs, toDiffResult } from "../diff-inputs";
import type { KindImplementation } from "../kind-implementation";
import {
  ApprovalPolicyInputsSchema,
  POLICY_INPUTS,
  type ApprovalPolicyInputs,
  type ApprovalPolicyOutputs,
  type SettlementOutcome,
} from "./approval-policy-schema";
import { IDEMPOTENCY_KEY, type HiddenInputs, userInputs } from "../hidden-inputs";
import { inputsFromOutputs, plain } from "../plain-state";
import { withoutPrototypes } from "../refused-keys";
import { ImportRefusedError } from "../resource-errors";
import { clientIfConfigured, getClient, previewRead } from "../../config/provider-config";

type Inputs = ApprovalPolicyInputs & Partial<HiddenInputs> & { __provider?: string };
type Outputs = ApprovalPolicyOutputs & Partial<HiddenInputs> & { __provider?: string };

export const approvalPolicy = {
  /**
   * The policy's shape and every rule problem validatePolicy finds (each with its rule path and fix), plus rules
   * naming ports the company does not own, when credentials are at hand. Warnings (a rule overlapping an earlier
   * one with another action) are printed, not failures.
   */
  async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
    const refused = refusedKeyFailures(news as Record<string, unknown>);
    if (refused.length > 0) return { failures: refused };
    const { settleBacklog, ...policy } = userInputs(news) as Partial<ApprovalPolicyInputs>;
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const settle = ApprovalPolicyInputsSchema.shape.settleBacklog.safeParse(settleBacklog);
    if (!settle.success) failures.push(checkFailure("settleBacklog", settle.error.issues[0].message, news));

    let problems = validatePolicy(policy);
    const parsed = ApprovalPolicySchema.safeParse(policy);
    const names = (key: "ports" | "companies") =>
      parsed.success && parsed.data.rules.some((rule) => rule.match[key] !== undefined);
    if (names("ports") || names("companies")) {
      const known = await knownFactsIfPossible();
      // Which company each entry matches, and which it does not, said at preview (company-names.ts).
      const onNote = (path: string, line: string) => console.log(`ApprovalPolicy ${path}: ${line}`);
      if (known) problems = validatePolicy(policy, { ...known, onNote });
    }
    for (const problem of problems) {
      if (problem.severity === "warning")
        console.log(`ApprovalPolicy warning at ${problem.path}: ${describe(problem)}`);
      else
        failures.push(checkFailure(problem.path === "(policy)" ? "" : problem.path, describe(problem), news));
    }
    if (failures.length > 0 || !parsed.success || !settle.success) return { failures };
    const hidden = Object.fromEntries(Object.entries(news).filter(([key]) => key.startsWith("__")));
    return { inputs: withoutPrototypes({ ...parsed.data, settleBacklog: settle.data, ...hidden }) as Inputs };
  },

  async diff(id: string, olds: Outputs, news: Inputs) {
    const result = toDiffResult(diffInputs(POLICY_INPUTS, olds, news, id));
    // Requests the rules would answer, found by refresh, are drift from the policy: update settles them.
    const backlogToSettle = news.settleBacklog !== false && (olds.decidableRequests ?? 0) > 0;
    return backlogToSettle ? { ...result, changes: true } : result;
  },

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const outs = await applyPolicy(getClient(), inputs, "create");
    return { id: policyId(outs.companyUid, inputs), outs };
  },

  async read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    // The rules exist only in state, so they cannot drift; only the backlog can.
    const products = await getClient().listProducts();
    const current = {
      ...props,
      pendingRequests: countPendingOnUs(products),
      decidableRequests: countDecidable(props, products),
    };
    return { id, props: current, inputs: inputsFromOutputs(ApprovalPolicyInputsSchema, current) };
  },

  async import(id: string): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    throw new ImportRefusedError({
      what: "ApprovalPolicy",
      id,
      reason: "a policy exists only in the stack that declares it (Megaport holds no rules to read back)",
      fix: "declare the ApprovalPolicy in the program and run `pulumi up`: creating one orders nothing",
    });
  },

  async update(_id: string, _olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    return { outs: await applyPolicy(getClient(), news, "update") };
  },

  async delete(id: string) {
    // Nothing to remove at Megaport: the rules were never there.
    console.log(
      `ApprovalPolicy ${id} removed: from now on connection requests and speed changes wait for a person ` +
        "(the Portal's Approvals page), unless another policy or the approver command answers them.",
    );
  },
} satisfies KindImplementation;

/**
 * Settle the backlog (when asked) and build the full outputs. One product listing serves the company lookup,
 * the settlement and the pending count. Fails only when there were answers to give and every one failed.
 */
async function applyPolicy(client: MegaportClient, inputs: Inputs, operation: string): Promise<Outputs> {
  const products = await client.listProducts();
  const companyUid = await ownCompanyUid(client, products);
  const pendingBefore = countPendingOnUs(products);
  const policy = ApprovalPolicySchema.parse(policyPart(inputs));

  if (!inputs.settleBacklog) {
    console.log(
      `ApprovalPolicy: settleBacklog is false; ${pendingBefore} pending request(s) left as they are`,
    );
    return plain({
      ...inputs,
      companyUid,
      lastSettlement: null,
      pendingRequests: pendingBefore,
      decidableRequests: countDecidable(inputs, products),
    });
  }

  const summary = await settlePendingRequests({
    policy,
    listProducts: async () => products,
    ownCompanyUid: companyUid,
    approve: (request, decision) => acceptRequest(client, request, decision),
    deny: (request, decision) => denyRequest(client, request, decision),
    log: (line) => console.log(`ApprovalPolicy: ${line}`),
  });
  const outcome = outcomeOf(summary);
  const answered = outcome.accepted + outcome.denied;
  if (outcome.failed > 0 && answered === 0) {
    throw new MegaportError(
      `ApprovalPolicy ${operation} could not answer any of the ${outcome.failed} request(s) its rules decided:\n` +
        `${outcome.errors.map((line) => `  ${line}`).join("\n")}\n` +
        "Nothing was changed at Megaport; the policy is not saved and the next `pulumi up` tries again.",
    );
  }
  if (outcome.failed > 0) {
    console.log(
      `ApprovalPolicy: ${outcome.failed} request(s) could not be answered and stay pending ` +
        "(see lastSettlement.errors); the next `pulumi up` or the approver command tries again",
    );
  }
  return plain({
    ...inputs,
    companyUid,
    lastSettlement: outcome,
    pendingRequests: Math.max(0, pendingBefore - answered),
    // Answered or failed now; a failed one is counted again by the next refresh.
    decidableRequests: 0,
  });
}

/** The rules engine's part of the resource's inputs (without settleBacklog and the computed outputs). */
function policyPart(inputs: Partial<ApprovalPolicyInputs>) {
  return { rules: inputs.rules, defaultAction: inputs.defaultAction, defaultReason: inputs.defaultReason };
}

/** Pending requests on our ports that the rules would accept or deny (not leave for a person). */
function countDecidable(
  inputs: Partial<ApprovalPolicyInputs> & { companyUid?: string },
  products: readonly Product[],
) {
  const parsed = ApprovalPolicySchema.safeParse(policyPart(inputs));
  const companyUid = inputs.companyUid ?? products.find((p) => p.companyUid)?.companyUid;
  if (!parsed.success || !companyUid) return 0;
  return pendingRequestsFrom(products, companyUid).filter((r) => decide(parsed.data, r).action !== "manual")
    .length;
}

/** Accept through the current API (PUT /v3/product/vxc/{uid} isApproved), assigning our VLAN when the rule sets one. */
async function acceptRequest(client: MegaportClient, request: ApprovalRequest, decision: ApprovalDecision) {
  await client.updateVxc(request.vxcUid, {
    isApproved: true,
    ...(decision.bEndVlan !== undefined ? { bEndVlan: decision.bEndVlan } : {}),
  });
}

/**
 * Deny with the rule's reason, through the same PUT as accepting. The real API documents no reason field on either
 * approval path (docs/megaport-api.md §5.3, §9.1); `reason` is the simulator's EXTENSION (taken on both
 * PUT /v3/product/vxc/{uid} and the legacy PUT /v2/order/vxc/{approvalUid}), shown to the customer in
 * `vxcApproval.message` and the denial email. The real API may ignore it; the denial itself still stands.
 */
async function denyRequest(client: MegaportClient, request: ApprovalRequest, decision: ApprovalDecision) {
  await client.updateVxc(request.vxcUid, {
    isApproved: false,
    ...(decision.reason ? { reason: decision.reason } : {}),
  });
}

function outcomeOf(summary: SettleSummary): SettlementOutcome {
  const uids = (settled: SettledRequest[]) => settled.map((s) => s.request.vxcUid);
  return {
    accepted: summary.accepted.length,
    denied: summary.denied.length,
    manual: summary.manual.length,
    failed: summary.failed.length,
    vxcUids: {
      accepted: uids(summary.accepted),
      denied: uids(summary.denied),
      manual: uids(summary.manual),
      failed: uids(summary.failed),
    },
    errors: summary.failed.map(
      (f) => `VXC ${f.request.vxcUid}: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
    ),
  };
}

/** Requests waiting on us: VXCs under our products whose vxcApproval is PENDING_INTERNAL, each counted once. */
function countPendingOnUs(
  products: readonly {
    associatedVxcs?:
      readonly { productUid?: string | null; vxcApproval?: { status?: string | null } | null }[] | null;
  }[],
): number {
  const pending = new Set<string>();
  for (const product of products) {
    for (const vxc of product.associatedVxcs ?? []) {
      if (vxc.productUid && vxc.vxcApproval?.status === PENDING_ON_US) pending.add(vxc.productUid);
    }
  }
  return pending.size;
}

/**
 * `<company UID>/<16 hex>`: the same company and resource (the hidden idempotency key: project, stack, name)
 * always give the same id, so a retried create is harmless.
 */
function policyId(companyUid: string, inputs: Inputs): string {
  const seed = inputs[IDEMPOTENCY_KEY] ?? JSON.stringify(userInputs(inputs));
  return `${companyUid}/${createHash("sha256").update(seed).digest("hex").slice(0, 16)}`;
}

/**
 * The company's product UIDs, for validatePolicy's port check. Without credentials (a preview on a machine with
 * none) the check is skipped rather than failing the preview; other errors are printed and skip it too, since
 * create fails with the real error anyway.
 */
async function knownFactsIfPossible(): Promise<ValidatePolicyOptions | undefined> {
  const client = clientIfConfigured();
  if (!client) return undefined;
  try {
    const products = await client.listProducts(previewRead());
    const live = products.filter((p) => !isIn(FINISHED, p.provisioningStatus));
    // Companies we can know of: the owners of VXCs on our ports (customers, and us).
    // A VXC's companyName is its owner's legal name (the name on the account), which requests carry.
    const companies = new Map<string, KnownCompany>();
    for (const vxc of live.flatMap((p) => p.associatedVxcs ?? [])) {
      for (const [uid, name] of [
        [vxc.aEnd?.ownerUid, vxc.companyName],
        [vxc.companyUid, vxc.companyName],
      ] as const) {
        if (uid && !companies.has(uid.toLowerCase()))
          companies.set(uid.toLowerCase(), { uid, name: name ?? undefined });
      }
    }
    for (const profile of await tradingNamesIfPossible(client)) {
      const key = profile.companyUid.toLowerCase();
      companies.set(key, {
        uid: profile.companyUid,
        ...companies.get(key),
        tradingName: profile.companyName,
      });
    }
    return { knownPortUids: live.map((p) => p.productUid), knownCompanies: [...companies.values()] };
  } catch (err) {
    console.log(
      `ApprovalPolicy: could not list your ports to check the rules against them (${err instanceof Error ? err.message : err}); ` +
        "skipping those checks",
    );
    return undefined;
  }
}

/**
 * The Marketplace profiles we can see (their companies' trading names), to tell a rule naming one that it would
 * never match. The profile endpoints are known only from a legacy client (docs/megaport-api.md §5.8): where they
 * fail, the rules are checked against legal names alone.
 */
async function tradingNamesIfPossible(client: MegaportClient) {
  try {
    return await client.listMarketplaceProfiles(previewRead());
  } catch (err) {
    console.log(
      `ApprovalPolicy: could not list Marketplace profiles (${err instanceof Error ? err.message : err}); ` +
        "rules are checked against the legal names of the companies on your ports only",
    );
    return [];
  }
}

function describe(problem: PolicyProblem): string {
  return `${problem.reason} Fix: ${problem.fix}`;
}
