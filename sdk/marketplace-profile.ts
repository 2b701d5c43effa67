// MarketplaceProfile: a service provider's Megaport Marketplace profile (name, bio, contact, website, services,
// public or private) and which of its ports the Marketplace shows. One per company; destroying it makes the
// profile private and unlists the ports it listed. Type token pulumi-nodejs:dynamic/megaport:MarketplaceProfile.
// The profile endpoints are the simulator's EXTENSION (the real API's profile fields were never published).
import * as pulumi from "@pulumi/pulumi";
import type {
  ListedPortState,
  MarketplaceProfileArgsShape,
  ProfileVisibilityName,
} from "../provider/resources/marketplace-profile";
import { hiddenProps, outputPlaceholders } from "./hidden-props";
import type { Inputify } from "./input-types";
import { providerShim } from "./provider-shim";

export type MarketplaceProfileArgs = Inputify<MarketplaceProfileArgsShape>;

const marketplaceProfileProvider = providerShim("megaport-mx/dist/provider/resources/marketplace-profile");

const OUTPUTS = ["companyUid", "portVisibility"] as const;

export class MarketplaceProfile extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/megaport:MarketplaceProfile";

  /** True when `obj` is a MarketplaceProfile (also across copies of this package). */
  static override isInstance(obj: unknown): obj is MarketplaceProfile {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === MarketplaceProfile.__pulumiType;
  }

  /** The company's UID (also the resource id). */
  declare readonly companyUid: pulumi.Output<string>;
  /** The trading name shown on the Marketplace, as Megaport holds it. Changes update in place. */
  declare readonly companyName: pulumi.Output<string>;
  /** The company bio (at most 200 words); undefined when never set. Changes update in place. */
  declare readonly companyBio: pulumi.Output<string | undefined>;
  /** Where customers' enquiries go. Changes update in place. */
  declare readonly contactEmail: pulumi.Output<string>;
  /** The company's http(s) website; undefined when never set. Changes update in place. */
  declare readonly website: pulumi.Output<string | undefined>;
  /** "public" or "private" (the API's PUBLIC/PRIVATE). Changes update in place. */
  declare readonly visibility: pulumi.Output<ProfileVisibilityName>;
  /** The services shown on the profile. Changes update in place. */
  declare readonly services: pulumi.Output<string[]>;
  /**
   * The listed ports that are still shown on the Marketplace; after a refresh, a port unlisted in the portal is
   * missing here and the next `pulumi up` lists it again.
   */
  declare readonly listedPorts: pulumi.Output<string[]>;
  /** Each listed port as Megaport holds it: UID, name and whether the Marketplace shows it now. */
  declare readonly portVisibility: pulumi.Output<ListedPortState[]>;

  constructor(name: string, args: MarketplaceProfileArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      marketplaceProfileProvider,
      name,
      { ...args, ...hiddenProps(name, opts), ...outputPlaceholders(OUTPUTS) },
      opts,
      "megaport",
      "MarketplaceProfile",
    );
  }
}
