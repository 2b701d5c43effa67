// VxcConnection: a VXC from your port or MCR to a Megaport Marketplace provider's port. `pulumi up` blocks until
// the provider accepts the request and the VXC is LIVE; raising rateLimit blocks until the provider accepts the
// speed change. Type token pulumi-nodejs:dynamic/megaport:VxcConnection.
import * as pulumi from "@pulumi/pulumi";
import {
  VXC_COMPUTED_OUTPUTS,
  type VxcConnectionArgsShape,
  type VxcConnectionComputed,
} from "../provider/resources/vxc-connection-schema";
import { hiddenProps, outputPlaceholders } from "./hidden-props";
import type { Inputify, OutputsOf } from "./input-types";
import { providerShim } from "./provider-shim";

export type VxcConnectionArgs = Inputify<VxcConnectionArgsShape>;

const vxcConnectionProvider = providerShim("megaport-mx/dist/provider/resources/vxc-connection");

// The computed outputs (vxcUid, provisioningStatus, …), typed and documented once, on VxcConnectionComputedSchema:
// the mapped type carries each key's doc comment to the class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface VxcConnection extends OutputsOf<VxcConnectionComputed> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class VxcConnection extends pulumi.dynamic.Resource {
  static readonly __pulumiType = "pulumi-nodejs:dynamic/megaport:VxcConnection";

  /** True when `obj` is a VxcConnection (also across copies of this package). */
  static override isInstance(obj: unknown): obj is VxcConnection {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === VxcConnection.__pulumiType;
  }

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
      { ...args, serviceKey, ...hiddenProps(name, opts), ...outputPlaceholders(VXC_COMPUTED_OUTPUTS) },
      options,
      "megaport",
      "VxcConnection",
    );
  }
}
