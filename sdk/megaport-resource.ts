// What every megaport-mx class does in its constructor, read from the table of kinds: the provider shim for the
// kind's module, the hidden props and the stack's identity (sdk/stack-identity.ts), a placeholder per computed
// output (so the engine knows their names), and the kind's secret inputs wrapped as secrets (so state encrypts them
// even when the program passed a plain string).
import * as pulumi from "@pulumi/pulumi";
import {
  computedOutputNames,
  KINDS,
  type KindName,
  providerModulePath,
  PULUMI_MODULE,
} from "../provider/kinds/kinds";
import { markProtoKeys } from "../provider/kinds/refused-keys";
import { hiddenProps, outputPlaceholders } from "./hidden-props";
import { providerShim } from "./provider-shim";
import { STACK_ID_KEY } from "../provider/kinds/hidden-inputs";
import { stackIdentity } from "./stack-identity";

// One shim per kind for the whole program: @pulumi/pulumi caches a provider's serialized text by the provider object, so a
// shim made per resource would be serialized again for each of them (slow, with hundreds of resources).
const shims = new Map<KindName, pulumi.dynamic.ResourceProvider>();

export function shimFor(kind: KindName): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) shims.set(kind, (shim = providerShim(providerModulePath(kind))));
  return shim;
}

export abstract class MegaportResource extends pulumi.dynamic.Resource {
  protected constructor(
    kind: KindName,
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const secretInputs: readonly string[] = KINDS[kind].secretInputs;
    // A "__proto__" key would turn into a prototype in serialization; marked, check refuses it by name.
    const given = markProtoKeys(args, markLater) as Record<string, unknown>;
    const secrets = Object.fromEntries(
      secretInputs.filter((key) => given[key] !== undefined).map((key) => [key, pulumi.secret(given[key])]),
    );
    const options =
      secretInputs.length > 0
        ? pulumi.mergeOptions(opts, { additionalSecretOutputs: [...secretInputs] })
        : opts;
    super(
      shimFor(kind),
      name,
      {
        ...given,
        ...secrets,
        ...hiddenProps(name, opts),
        [STACK_ID_KEY]: stackIdentity(),
        ...outputPlaceholders(computedOutputNames(kind)),
      },
      options,
      PULUMI_MODULE,
      kind,
    );
  }
}

/** An Output or promise inside the args: its value is marked once known (refused-keys.ts). */
function markLater(value: unknown): unknown {
  if (!pulumi.Output.isInstance(value) && !(value instanceof Promise)) return value;
  return pulumi.output(value).apply((known) => markProtoKeys(known, (inner) => inner));
}
