// VxcConnection: a VXC from your port or MCR to a Megaport Marketplace provider's port. `pulumi up` blocks until
// the provider accepts the request and the VXC is LIVE; raising rateLimit blocks until the provider accepts the
// speed change. Type token pulumi-nodejs:dynamic/megaport:VxcConnection.
import * as pulumi from "@pulumi/pulumi";
import type { VxcConnectionArgsShape } from "../provider/resources/vxc-connection-schema";
import { hiddenProps, outputPlaceholders } from "./hidden-props";
import type { Inputify } from "./input-types";
import { providerShim } from "./provider-shim";

export type VxcConnectionArgs = Inputify<VxcConnectionArgsShape>;

const vxcConnectionProvider = providerShim("megaport-mx/dist/provider/resources/vxc-connection");

const OUTPUTS = [
  "vxcUid",
  "provisioningStatus",
  "approvalStatus",
  "pendingRateLimit",
  "assignedAEndVlan",
  "assignedBEndVlan",
  "chosenBEndProductUid",
  "chosenBEndPortName",
  "providerCompanyName",
  "providerCompanyUid",
] as const;

export class VxcConnection extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/megaport:VxcConnection";

  /** True when `obj` is a VxcConnection (also across copies of this package). */
  static override isInstance(obj: unknown): obj is VxcConnection {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === VxcConnection.__pulumiType;
  }

  /** The VXC's product UID (also the resource id). */
  declare readonly vxcUid: pulumi.Output<string>;
  /** DEPLOYABLE, CONFIGURED, LIVE, … as Megaport reports it. */
  declare readonly provisioningStatus: pulumi.Output<string>;
  /** vxcApproval.status: PENDING_EXTERNAL while the provider must act; null when nothing is pending. */
  declare readonly approvalStatus: pulumi.Output<string | null>;
  /** The rate limit (Mbps) of a speed change the provider has not answered yet. */
  declare readonly pendingRateLimit: pulumi.Output<number | null>;
  /** The A-end VLAN Megaport assigned. */
  declare readonly assignedAEndVlan: pulumi.Output<number | null>;
  /** The B-end VLAN the provider assigned (may differ from bEnd.vlan). */
  declare readonly assignedBEndVlan: pulumi.Output<number | null>;
  /** The provider port the VXC goes to: as given, looked up, or from the service key. */
  declare readonly chosenBEndProductUid: pulumi.Output<string>;
  declare readonly chosenBEndPortName: pulumi.Output<string | null>;
  declare readonly providerCompanyName: pulumi.Output<string | null>;
  declare readonly providerCompanyUid: pulumi.Output<string | null>;
  /** The rate limit Megaport holds, in Mbps. */
  declare readonly rateLimit: pulumi.Output<number>;
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: VxcConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    // The service key is a credential of sorts: secret as an input (so state encrypts it even when the program
    // passed a plain string) and as an output.
    const options = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["serviceKey"] });
    const serviceKey = args.serviceKey === undefined ? undefined : pulumi.secret(args.serviceKey);
    super(
      vxcConnectionProvider,
      name,
      { ...args, serviceKey, ...hiddenProps(name, opts), ...outputPlaceholders(OUTPUTS) },
      options,
      "megaport",
      "VxcConnection",
    );
  }
}
