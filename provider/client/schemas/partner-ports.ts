// GET /v2/dropdowns/partner/megaports: every port that accepts VXCs from other companies: cloud on-ramps
// and Marketplace providers' public ports (docs/megaport-api.md §5.1, §8; megaportgo partner_types.go,
// partner_test.go). Must never: drop the vxcPermitted flag (findPartnerPorts keeps only permitted ports).

import { z } from "zod";
import { foldVxcPermitted, openEnum, vxcPermittedFields } from "./scalars";

/**
 * `connectType` values seen; Marketplace providers' own ports are "DEFAULT", and an MCR's end of a VXC is
 * "VROUTER" (13 times in the recorded staging listing, docs/megaport-api.md §6.2). Responses keep any other value
 * (openEnum): the list documents, it never filters.
 */
export const CONNECT_TYPES = [
  "DEFAULT",
  "VROUTER",
  "AWS",
  "AWSHC",
  "AZURE",
  "GOOGLE",
  "ORACLE",
  "IBM",
  "OUTSCALE",
  "TRANSIT",
  "FRANCEIX",
] as const;

export const PartnerPortSchema = z
  .looseObject({
    /** UID of the port: the B-end `productUid` of a VXC order. */
    productUid: z.string(),
    /** Owner company UID. */
    companyUid: z.string().nullish(),
    /** Owner company trading name, e.g. "Acme Networks". */
    companyName: z.string().nullish(),
    /** The port's name (megaportgo calls it ProductName). */
    title: z.string().nullish(),
    locationId: z.number().nullish(),
    /** Port speed in Mbps. */
    speed: z.number().nullish(),
    /** Largest VXC rate limit the port accepts, Mbps. */
    maxVxcSpeed: z.number().nullish(),
    ...vxcPermittedFields,
    /** "red", "blue" or null. */
    diversityZone: z.string().nullish(),
    /** One of CONNECT_TYPES. */
    connectType: openEnum(CONNECT_TYPES).nullish(),
    rank: z.number().nullish(),
  })
  .transform(foldVxcPermitted);
export type PartnerPort = z.output<typeof PartnerPortSchema>;

export const PartnerPortListSchema = z.array(PartnerPortSchema);
