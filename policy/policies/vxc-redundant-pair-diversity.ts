// Two or more VXCs to the same provider are a redundant pair only if they run through both diversity zones (red and
// blue), so one zone's maintenance never takes both down. What a preview can know: the A-end port each VXC starts
// from (a UID), and whether its B-end follows the A-end's zone (bEnd.sameDiversityZone). The zones of the A-end
// ports themselves are facts about existing ports that the program does not state, so the platform team may list
// them in config; where they are not listed the policy says it cannot confirm the pair, rather than passing it.
// Advisory: a pair that cannot be confirmed at preview is common and not always wrong.
import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { DIVERSITY_ZONES, type DiversityZone } from "../../provider/client/schemas/scalars";
import { configSchemaWithDefaults, readConfig } from "../policy-config";
import { type VxcProps, vxcConnectionsIn } from "../resource-props";
import { vxcTarget } from "../vxc-target";

export interface RedundantPairDiversityConfig {
  /** The diversity zone of each of the customer's own ports and MCRs, by product UID. */
  portDiversityZones: Record<string, DiversityZone>;
}

export const REDUNDANT_PAIR_DIVERSITY_DEFAULTS: RedundantPairDiversityConfig = { portDiversityZones: {} };

export const vxcRedundantPairDiversity: StackValidationPolicy = {
  name: "megaport-vxc-connection-redundant-pair-diversity",
  description: "Checks that VXCs to the same provider span both diversity zones.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Start the pair from one port in each diversity zone and set bEnd.sameDiversityZone: true on each VXC, so each B-end follows its A-end's zone; list your ports' zones in portDiversityZones so the policy can confirm it.",
  configSchema: configSchemaWithDefaults(REDUNDANT_PAIR_DIVERSITY_DEFAULTS, {
    portDiversityZones: {
      type: "object",
      additionalProperties: { type: "string", enum: [...DIVERSITY_ZONES] },
      description:
        'Your own ports\' diversity zones by product UID, e.g. {"6f9e7b61-…": "red", "2fed0a69-…": "blue"}. Default: none known.',
    },
  }),
  validateStack: (args, reportViolation) => {
    const { portDiversityZones } = readConfig(args, REDUNDANT_PAIR_DIVERSITY_DEFAULTS);
    const groups = vxcsByProvider(vxcConnectionsIn(args.resources));
    const pairs = [...groups.values()].filter((group) => group.vxcs.length > 1);
    if (pairs.length === 0) {
      args.notApplicable("the stack has no two VXCs to the same named provider");
      return;
    }
    for (const pair of pairs) checkPair(pair, portDiversityZones, reportViolation);
  },
};

interface ProviderGroup {
  vxcs: { resource: PolicyResource; props: VxcProps }[];
}

/** VXCs grouped by the provider they name (by name, else company UID). Others cannot be grouped. */
function vxcsByProvider(resources: readonly PolicyResource[]): Map<string, ProviderGroup> {
  const groups = new Map<string, ProviderGroup>();
  for (const resource of resources) {
    const props = resource.props as VxcProps;
    const target = vxcTarget(props);
    if (target.by !== "provider") continue;
    const key = (target.providerName ?? target.providerCompanyUid!).trim().toLowerCase();
    const group = groups.get(key) ?? { vxcs: [] };
    group.vxcs.push({ resource, props });
    groups.set(key, group);
  }
  return groups;
}

function checkPair(
  pair: ProviderGroup,
  portZones: Record<string, DiversityZone>,
  reportViolation: ReportViolation,
): void {
  // By name: the engine registers resources in whatever order their inputs resolve, and a message must not flicker.
  const vxcs = [...pair.vxcs].sort((a, b) => a.resource.name.localeCompare(b.resource.name));
  const names = vxcs.map((v) => `"${v.resource.name}"`).join(", ");
  const urn = vxcs[0].resource.urn;
  const must = `VXCs ${names} to the same provider must span both diversity zones`;
  const aEnds = new Set(vxcs.map((v) => v.props.aEnd.productUid.toLowerCase()));
  if (aEnds.size === 1) {
    reportViolation(`${must}: they all start from the same A-end port, which is in one zone.`, urn);
    return;
  }
  const unpinned = vxcs.filter((v) => v.props.bEnd?.sameDiversityZone !== true);
  if (unpinned.length > 0) {
    const which = unpinned.map((v) => `"${v.resource.name}"`).join(", ");
    reportViolation(
      `${must}: cannot confirm at preview, because ${which} ${unpinned.length > 1 ? "do" : "does"} not set bEnd.sameDiversityZone: true, so the provider port's zone is chosen by distance.`,
      unpinned[0].resource.urn,
    );
    return;
  }
  const zones = vxcs.map((v) => zoneOf(v.props.aEnd.productUid, portZones));
  if (zones.some((zone) => zone === undefined)) {
    reportViolation(
      `${must}: cannot confirm at preview, because the diversity zones of their A-end ports are not listed in portDiversityZones.`,
      urn,
    );
  } else if (new Set(zones).size < DIVERSITY_ZONES.length) {
    reportViolation(`${must}: all their A-end ports are in the ${zones[0]} zone.`, urn);
  }
}

function zoneOf(productUid: string, portZones: Record<string, DiversityZone>): DiversityZone | undefined {
  const wanted = productUid.toLowerCase();
  return Object.entries(portZones).find(([uid]) => uid.toLowerCase() === wanted)?.[1];
}
