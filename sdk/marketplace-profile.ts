// MarketplaceProfile: a service provider's Megaport Marketplace profile (name, bio, contact, website, services,
// public or private) and which of its ports the Marketplace shows. One per company; destroying it makes the
// profile private and unlists the ports it listed. The profile endpoints are the simulator's EXTENSION (the real
// API's profile fields were never published).
import type * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../provider/kinds/kinds";
import type {
  MarketplaceProfileArgsShape,
  MarketplaceProfileOutputs,
} from "../provider/kinds/marketplace-profile/marketplace-profile-schema";
import type { Inputify, OutputsOf } from "./input-types";
import { MegaportResource } from "./megaport-resource";

export type MarketplaceProfileArgs = Inputify<MarketplaceProfileArgsShape>;

// Every output (the inputs as checked, companyUid, portVisibility), typed and documented once, on the schemas.
// After a refresh, `listedPorts` lacks a port unlisted in the portal, and the next `pulumi up` lists it again.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface MarketplaceProfile extends OutputsOf<MarketplaceProfileOutputs> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class MarketplaceProfile extends MegaportResource {
  static readonly __pulumiType = typeToken("MarketplaceProfile");

  /** True when `obj` is a MarketplaceProfile (also across copies of this package). */
  static override isInstance(obj: unknown): obj is MarketplaceProfile {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === MarketplaceProfile.__pulumiType;
  }

  constructor(name: string, args: MarketplaceProfileArgs, opts?: pulumi.CustomResourceOptions) {
    super("MarketplaceProfile", name, args, opts);
  }
}
