// VxcConnection: a VXC from your port or MCR to a Megaport Marketplace provider's port. `pulumi up` blocks until
// the provider accepts the request and the VXC is LIVE; raising rateLimit blocks until the provider accepts the
// speed change. The service key is secret as an input and as an output.
import type * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../provider/kinds/kinds";
import type {
  VxcConnectionArgsShape,
  VxcConnectionOutputs,
} from "../provider/kinds/vxc-connection/vxc-connection-schema";
import type { Inputify, OutputsOf } from "./input-types";
import { MegaportResource } from "./megaport-resource";

export type VxcConnectionArgs = Inputify<VxcConnectionArgsShape>;

// Every output (the inputs as checked, and vxcUid, provisioningStatus, …), typed and documented once, on the
// schemas: the mapped type carries each key's doc comment to the class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface VxcConnection extends OutputsOf<VxcConnectionOutputs> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class VxcConnection extends MegaportResource {
  static readonly __pulumiType = typeToken("VxcConnection");

  /** True when `obj` is a VxcConnection (also across copies of this package). */
  static override isInstance(obj: unknown): obj is VxcConnection {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === VxcConnection.__pulumiType;
  }

  constructor(name: string, args: VxcConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super("VxcConnection", name, args, opts);
  }
}
