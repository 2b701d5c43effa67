// Where a VXC's B-end goes: a port UID as given, a provider's port looked up by company name (and location and
// port name), or the provider's port nearest to the A-end when only the company is named. The choice is made once,
// at create, and kept in outputs; later previews compare what the user asked for, so a provider adding a nearer
// port never shows as a diff.
import { ValidationError } from "../../client/errors";
import type { MegaportClient } from "../../client/megaport-client";
import type { PartnerPort } from "../../client/schemas/partner-ports";
import { listingsOf } from "../listings";
import type { VxcConnectionInputs } from "./vxc-connection-schema";

export interface ResolvedBEnd {
  productUid: string;
  portName: string | null;
  companyName: string | null;
  companyUid: string | null;
}

export async function resolveBEnd(
  client: MegaportClient,
  inputs: VxcConnectionInputs,
): Promise<ResolvedBEnd> {
  const b = inputs.bEnd ?? {};
  if (inputs.serviceKey && !b.productUid && !b.providerName) {
    // The key names the port; we learn which from the VXC once ordered.
    return { productUid: "", portName: null, companyName: null, companyUid: null };
  }
  const partnerPorts = await listingsOf(client).partnerPorts();
  if (b.productUid) {
    const known = partnerPorts.find((p) => p.productUid === b.productUid);
    // A private port is not listed on the Marketplace but may still be ordered to (with the owner's approval).
    return known
      ? fromPartnerPort(known)
      : { productUid: b.productUid, portName: null, companyName: null, companyUid: null };
  }
  return fromPartnerPort(await choosePort(client, partnerPorts, inputs));
}

async function choosePort(
  client: MegaportClient,
  partnerPorts: readonly PartnerPort[],
  inputs: VxcConnectionInputs,
): Promise<PartnerPort> {
  const b = inputs.bEnd!;
  const ofProvider = portsOfProvider(partnerPorts, b.providerName!, b.providerCompanyUid);
  const locations = await listingsOf(client).locations();
  let candidates = ofProvider;
  if (b.location !== undefined) {
    const location =
      typeof b.location === "number"
        ? locations.find((l) => l.id === b.location)
        : locations.find((l) => l.name.toLowerCase() === String(b.location).toLowerCase());
    candidates = location ? candidates.filter((p) => p.locationId === location.id) : [];
    if (candidates.length === 0) {
      throw new ValidationError({
        fieldPath: "bEnd.location",
        reason: `${ofProvider[0].companyName} has no port at ${JSON.stringify(b.location)}`,
        fix: `use one of its locations: ${describeLocations(ofProvider, locations)}`,
      });
    }
  }
  if (b.portName) {
    const byName = candidates.filter((p) => p.title?.toLowerCase() === b.portName!.toLowerCase());
    if (byName.length === 0) {
      throw new ValidationError({
        fieldPath: "bEnd.portName",
        reason: `${ofProvider[0].companyName} has no port named "${b.portName}"${b.location !== undefined ? " there" : ""}`,
        fix: `use one of: ${candidates.map((p) => `"${p.title}"`).join(", ")}`,
      });
    }
    candidates = byName;
  }
  // The zone is checked even when one port is left: a port in the other zone is not what was asked for.
  const needsAEnd = b.sameDiversityZone || candidates.length > 1;
  const aEndPort = needsAEnd ? await ourProduct(client, inputs.aEnd.productUid) : undefined;
  if (b.sameDiversityZone && aEndPort?.diversityZone) {
    const sameZone = candidates.filter((p) => p.diversityZone === aEndPort.diversityZone);
    if (sameZone.length === 0) {
      throw new ValidationError({
        fieldPath: "bEnd.sameDiversityZone",
        reason: `${ofProvider[0].companyName} has no port in the ${aEndPort.diversityZone} diversity zone`,
        fix: `set sameDiversityZone to false, or name the port with bEnd.portName: ${candidates.map((p) => `"${p.title}" (${p.diversityZone ?? "no zone"})`).join(", ")}`,
      });
    }
    candidates = sameZone;
  }
  if (candidates.length === 1 || !aEndPort) return candidates[0];

  // Several left: the one nearest the A-end (in its diversity zone when asked: the usual red/blue pairs).
  const aLocation = locations.find((l) => l.id === aEndPort.locationId);
  const distance = (p: PartnerPort) => {
    const l = locations.find((x) => x.id === p.locationId);
    return aLocation && l ? kilometresBetween(aLocation, l) : Number.POSITIVE_INFINITY;
  };
  return [...candidates].sort(
    (x, y) => distance(x) - distance(y) || (x.title ?? "").localeCompare(y.title ?? ""),
  )[0];
}

/**
 * The provider's ports open to VXCs. A trading name is not unique: anyone can give their company the name of a
 * well-known provider and make its profile public. So a name that matches the ports of more than one company fails
 * and lists them, and `providerCompanyUid` says which one is meant.
 */
export function portsOfProvider(
  partnerPorts: readonly PartnerPort[],
  providerName: string,
  providerCompanyUid: string | undefined,
): PartnerPort[] {
  const wanted = providerName.trim().toLowerCase();
  const open = partnerPorts.filter((p) => p.vxcPermitted !== false);
  if (providerCompanyUid !== undefined) {
    const pinned = open.filter((p) => p.companyUid?.toLowerCase() === providerCompanyUid.toLowerCase());
    if (pinned.length === 0) {
      throw new ValidationError({
        fieldPath: "bEnd.providerCompanyUid",
        reason: `no Marketplace provider with company UID ${providerCompanyUid} has ports open to VXCs`,
        fix: `check the UID on the provider's Marketplace profile, or remove bEnd.providerCompanyUid to look "${providerName}" up by name`,
      });
    }
    if (!pinned.some((p) => p.companyName?.trim().toLowerCase() === wanted)) {
      console.log(
        `VXC lookup: company ${providerCompanyUid} now trades as "${pinned[0].companyName}", not "${providerName}"; ` +
          "using it because bEnd.providerCompanyUid names it.",
      );
    }
    return pinned;
  }
  const named = open.filter((p) => p.companyName?.trim().toLowerCase() === wanted);
  if (named.length === 0) {
    const names = [...new Set(open.map((p) => p.companyName).filter(Boolean))].sort();
    throw new ValidationError({
      fieldPath: "bEnd.providerName",
      reason: `no Marketplace provider named "${providerName}" has ports open to VXCs`,
      fix: `use the provider's name as listed on the Marketplace${names.length ? ` (for example ${names.slice(0, 5).join(", ")})` : ""}, or give bEnd.productUid`,
    });
  }
  const companies = new Map<string, string>();
  for (const p of named)
    companies.set(p.companyUid ?? `(no UID) ${p.companyName}`, p.companyName ?? providerName);
  if (companies.size > 1) {
    const list = [...companies].map(([uid, name]) => `"${name}" (${uid})`).join(", ");
    throw new ValidationError({
      fieldPath: "bEnd.providerCompanyUid",
      reason: `"${providerName}" names the ports of ${companies.size} companies: ${list}`,
      fix:
        "set bEnd.providerCompanyUid to the UID of the company you mean (from its Marketplace profile, or ask " +
        "the provider), or give bEnd.productUid",
    });
  }
  return named;
}

/** One of our ports or MCRs: from the shared listing of our products, asked for alone only when it is not there. */
async function ourProduct(client: MegaportClient, uid: string) {
  const listed = (await listingsOf(client).products()).find((p) => p.productUid === uid);
  return listed ?? client.getProduct(uid);
}

function fromPartnerPort(p: PartnerPort): ResolvedBEnd {
  return {
    productUid: p.productUid,
    portName: p.title ?? null,
    companyName: p.companyName ?? null,
    companyUid: p.companyUid ?? null,
  };
}

function describeLocations(
  ports: readonly PartnerPort[],
  locations: readonly { id: number; name: string }[],
) {
  const ids = [...new Set(ports.map((p) => p.locationId))];
  return ids.map((id) => `${locations.find((l) => l.id === id)?.name ?? "?"} (${id})`).join(", ");
}

/** Great-circle distance, which is all "nearest" needs. */
export function kilometresBetween(
  a: { latitude?: number | null; longitude?: number | null },
  b: { latitude?: number | null; longitude?: number | null },
): number {
  if (a.latitude == null || a.longitude == null || b.latitude == null || b.longitude == null) {
    return Number.POSITIVE_INFINITY;
  }
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
