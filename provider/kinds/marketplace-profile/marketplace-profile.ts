// MarketplaceProfile (service provider side): the company's Megaport Marketplace profile and which of its ports the
// Marketplace shows. check → diff → create → read → update → delete; helpers at the bottom.
//
// EXTENSION: the profile endpoints (GET/PUT /v2/marketplace/profile) and their field names are our simulator's.
// The real API has only legacy paths known from a 2017 JS wrapper, with unknown fields (docs/megaport-api.md §5.8,
// §8, §14.1); Megaport's own SDK, CLI and Terraform provider cannot manage a profile. Port visibility is real
// (`marketplaceVisibility` on PUT /v2/product/megaport/{uid}, §5.2).
//
// There is one profile per company and no delete endpoint: "delete" makes the profile PRIVATE and unlists the ports
// this resource listed. Ports the resource never listed are left as they are. Never logs credentials.
import type * as pulumi from "@pulumi/pulumi";
import { isNotFound, MegaportError, ValidationError } from "../../client/errors";
import type { MegaportClient } from "../../client/megaport-client";
import { FINISHED, isIn } from "../../client/provisioning-states";
import type { MarketplaceProfile } from "../../client/schemas/marketplace-profile";
import { checkInputs } from "../check-inputs";
import { diffInputs, toDiffResult } from "../diff-inputs";
import type { KindImplementation } from "../kind-implementation";
import {
  MarketplaceProfileInputsSchema,
  PROFILE_INPUTS,
  VISIBILITY_API_VALUES,
  type ListedPortState,
  type MarketplaceProfileInputs,
  type MarketplaceProfileOutputs,
} from "./marketplace-profile-schema";
import type { HiddenInputs } from "../hidden-inputs";
import { ImportRefusedError } from "../resource-errors";
import { inputsFromOutputs, plain } from "../plain-state";
import { configKey } from "../../client/config-key";
import { getClient } from "../../config/provider-config";

type Inputs = MarketplaceProfileInputs & Partial<HiddenInputs> & { __provider?: string };
type Outputs = MarketplaceProfileOutputs & Partial<HiddenInputs> & { __provider?: string };

export const marketplaceProfile = {
  async check(_olds: Inputs, news: Inputs) {
    return checkInputs(MarketplaceProfileInputsSchema, news as Record<string, unknown>);
  },

  async diff(id: string, olds: Outputs, news: Inputs) {
    return toDiffResult(diffInputs(PROFILE_INPUTS, olds, news, id));
  },

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const outs = await applyProfile(getClient(), inputs, [], undefined);
    return { id: outs.companyUid, outs };
  },

  async read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    const client = getClient();
    const profile = await client.getMarketplaceProfile();
    assertSameCompany(profile.companyUid, id, "read");
    const ports = await ownPorts(client);
    const portVisibility = (props.listedPorts ?? []).map((uid) => portState(uid, ports));
    // Refresh shows what the portal changed. A listed port someone unlisted (or that is gone) drops out of
    // listedPorts, so the next `pulumi up` lists it again.
    const current: Outputs = {
      ...props,
      companyName: profile.companyName,
      companyBio: optionalText(profile.companyBio, props.companyBio),
      contactEmail: profile.contactEmail ?? "",
      website: optionalText(profile.website, props.website),
      visibility: visibilityOf(profile, props.visibility),
      services: [...profile.services],
      listedPorts: portVisibility.filter((p) => p.marketplaceVisibility).map((p) => p.productUid),
      companyUid: profile.companyUid,
      portVisibility,
    };
    return { id, props: plain(current), inputs: inputsFromOutputs(MarketplaceProfileInputsSchema, current) };
  },

  /**
   * `pulumi import` by the company's UID (the profile's id, as a create's): the profile as it is, listing the ports
   * the Marketplace shows now. Only the company's own key can read its profile.
   */
  async import(id: string): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    const client = getClient();
    const profile = await client.getMarketplaceProfile();
    if (profile.companyUid.toLowerCase() !== id.toLowerCase()) {
      throw new ImportRefusedError({
        what: "MarketplaceProfile",
        id,
        reason: `the API key belongs to company ${profile.companyUid}, and a profile is read with its own company's key`,
        fix: `import ${profile.companyUid} with this key, or configure the key of the company ${id}`,
      });
    }
    const listed = [...(await ownPorts(client)).values()].filter(
      (p) => p.marketplaceVisibility && !isIn(FINISHED, p.provisioningStatus),
    );
    return marketplaceProfile.read(profile.companyUid, {
      listedPorts: listed.map((p) => p.productUid),
    } as Outputs);
  },

  async update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    return { outs: await applyProfile(getClient(), news, olds.listedPorts ?? [], id) };
  },

  async delete(id: string, props: Outputs) {
    const client = getClient();
    const profile = await client.getMarketplaceProfile();
    assertSameCompany(profile.companyUid, id, "delete");
    if (profile.profileVisibility !== "PRIVATE") {
      // The body repeats what the profile holds: what the real API does with absent fields is unknown.
      await client.setMarketplaceProfile({ ...profileBodyFrom(profile), profileVisibility: "PRIVATE" });
      console.log(
        `MarketplaceProfile ${profile.companyName}: made PRIVATE (Megaport has no way to delete a profile)`,
      );
    }
    const ports = await ownPorts(client);
    await unlistPorts(client, props.listedPorts ?? [], ports);
  },
} satisfies KindImplementation;

/**
 * The profile's visibility as the stack writes it. A value Megaport added since, or none, is neither: the stack
 * keeps what it had (saying so), rather than claim the profile public.
 */
function visibilityOf(profile: MarketplaceProfile, held: Outputs["visibility"]): Outputs["visibility"] {
  const known = (Object.keys(VISIBILITY_API_VALUES) as Outputs["visibility"][]).find(
    (visibility) => VISIBILITY_API_VALUES[visibility] === profile.profileVisibility,
  );
  if (known) return known;
  console.log(
    `MarketplaceProfile ${profile.companyName}: Megaport reports profileVisibility ` +
      `${JSON.stringify(profile.profileVisibility ?? null)}; the stack keeps "${held}"`,
  );
  return held;
}

/** Products that are gone for good; listing them would fail. */

interface OwnPort {
  productUid: string;
  productName: string | null;
  productType: string | null;
  provisioningStatus: string | null;
  marketplaceVisibility: boolean;
}

/**
 * PUT the profile and the port visibility, then report what Megaport holds. Every listed port is checked first,
 * so a wrong UID fails before anything changes. `previouslyListed` ports missing from `inputs.listedPorts` are
 * unlisted. `expectedCompanyUid` guards an update against credentials of another company.
 */
async function applyProfile(
  client: MegaportClient,
  inputs: Inputs,
  previouslyListed: readonly string[],
  expectedCompanyUid: string | undefined,
): Promise<Outputs> {
  const before = await client.getMarketplaceProfile();
  if (expectedCompanyUid) assertSameCompany(before.companyUid, expectedCompanyUid, "update");
  let ports = await ownPorts(client);
  inputs.listedPorts.forEach((uid, index) => {
    const port = ports.get(uid.toLowerCase());
    const problem = !port
      ? "is not a product of your company (or not visible to this API key)"
      : port.productType && port.productType !== "MEGAPORT"
        ? `is a ${port.productType}, not a port`
        : isIn(FINISHED, port.provisioningStatus)
          ? `is ${port.provisioningStatus}`
          : undefined;
    if (problem) {
      throw new ValidationError({
        fieldPath: `listedPorts[${index}]`,
        reason: `port ${uid} ${problem}`,
        fix: "use the UID of one of your own live ports (see the portal or GET /v2/products), or remove it",
      });
    }
  });

  const profile = await client.setMarketplaceProfile({
    companyName: inputs.companyName,
    companyBio: inputs.companyBio ?? "",
    contactEmail: inputs.contactEmail,
    // A website no longer declared is cleared, so refresh never finds one the program does not have.
    website: inputs.website ?? "",
    profileVisibility: VISIBILITY_API_VALUES[inputs.visibility],
    services: inputs.services,
  });
  console.log(`MarketplaceProfile ${profile.companyName}: profile saved (${profile.profileVisibility})`);

  let changed = false;
  for (const uid of inputs.listedPorts) {
    const port = ports.get(uid.toLowerCase());
    if (port?.marketplaceVisibility) continue;
    await client.updatePort(uid, { marketplaceVisibility: true });
    console.log(
      `MarketplaceProfile ${profile.companyName}: port ${port?.productName ?? uid} (${uid}) listed`,
    );
    changed = true;
  }
  const listed = new Set(inputs.listedPorts.map((uid) => uid.toLowerCase()));
  const dropped = previouslyListed.filter((uid) => !listed.has(uid.toLowerCase()));
  if (await unlistPorts(client, dropped, ports)) changed = true;
  if (changed) ports = await ownPorts(client);

  return plain({
    ...inputs,
    companyUid: profile.companyUid,
    portVisibility: inputs.listedPorts.map((uid) => portState(uid, ports)),
  });
}

/** Sets marketplaceVisibility false on each port that still has it; a port that is gone needs nothing. */
async function unlistPorts(
  client: MegaportClient,
  uids: readonly string[],
  ports: Map<string, OwnPort>,
): Promise<boolean> {
  let changed = false;
  for (const uid of uids) {
    const port = ports.get(uid.toLowerCase());
    if (!port?.marketplaceVisibility) continue;
    try {
      await client.updatePort(uid, { marketplaceVisibility: false });
      console.log(
        `MarketplaceProfile: port ${port.productName ?? uid} (${uid}) unlisted from the Marketplace`,
      );
      changed = true;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return changed;
}

/** The company's own products by lower-case UID, with the few fields this resource reads. */
async function ownPorts(client: MegaportClient): Promise<Map<string, OwnPort>> {
  const products = await client.listProducts();
  return new Map(
    products.map((p) => [
      p.productUid.toLowerCase(),
      {
        productUid: p.productUid,
        productName: p.productName ?? null,
        productType: p.productType ?? null,
        provisioningStatus: p.provisioningStatus ?? null,
        marketplaceVisibility: p.marketplaceVisibility === true,
      },
    ]),
  );
}

function portState(uid: string, ports: Map<string, OwnPort>): ListedPortState {
  const port = ports.get(uid.toLowerCase());
  const gone = !port || isIn(FINISHED, port.provisioningStatus);
  return {
    productUid: uid,
    productName: port?.productName ?? null,
    marketplaceVisibility: !gone && port.marketplaceVisibility,
  };
}

/** The credentials must belong to the company whose profile this resource manages. */
function assertSameCompany(actual: string, expected: string, operation: string): void {
  if (actual.toLowerCase() === expected.toLowerCase()) return;
  throw new MegaportError(
    `Cannot ${operation} MarketplaceProfile ${expected}: the API key belongs to company ${actual}. ` +
      `Use a Company Admin API key of the company that owns the profile (${configKey("accessKey")} / ${configKey("secretKey")}).`,
  );
}

/** Empty text from the API reads as "not set" when the user never set it, so refresh shows no false drift. */
function optionalText(apiValue: string | null | undefined, previous: string | undefined): string | undefined {
  if (apiValue) return apiValue;
  return previous === undefined ? undefined : "";
}

/** The PUT body that restates a profile as read; empty fields are left out (the update schema rejects them). */
function profileBodyFrom(profile: {
  companyName: string;
  companyBio?: string | null;
  contactEmail?: string | null;
  website?: string | null;
  services: string[];
}) {
  return {
    companyName: profile.companyName,
    ...(profile.companyBio ? { companyBio: profile.companyBio } : {}),
    ...(profile.contactEmail ? { contactEmail: profile.contactEmail } : {}),
    ...(profile.website ? { website: profile.website } : {}),
    services: profile.services,
  };
}
