// The StackIdentity resource (provider/kinds/stack-identity/stack-identity.ts), registered once per program run with the first
// megaport-mx resource, so every resource of the stack gets the same identity from state.
import * as pulumi from "@pulumi/pulumi";
import { PULUMI_MODULE } from "../provider/kinds/kinds";
import { STACK_IDENTITY_NAME, STACK_IDENTITY_TYPE } from "../provider/kinds/stack-identity/stack-identity";
import { providerShim } from "./provider-shim";

class StackIdentity extends pulumi.dynamic.Resource {
  declare readonly stackId: pulumi.Output<string>;
  constructor() {
    super(shim, STACK_IDENTITY_NAME, { stackId: undefined }, {}, PULUMI_MODULE, STACK_IDENTITY_TYPE);
  }
}

const shim = providerShim("megaport-mx/dist/provider/resources/stack-identity");

// One per run of the program: an inline Automation API program may run several times in one process, and each run
// has its own Stack resource.
let registered: { run: object | undefined; identity: StackIdentity } | undefined;

/** The stack's identity, registering its resource on first use in this run. */
export function stackIdentity(): pulumi.Output<string> {
  const run = pulumi.runtime.getStackResource();
  if (!registered || registered.run !== run) registered = { run, identity: new StackIdentity() };
  return registered.identity.stackId;
}
