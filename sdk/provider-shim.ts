// The dynamic provider the engine serializes into state for each resource kind: a thin shim that loads this package
// by name inside every method and hands the call on. It captures only a module path string: no credentials, no
// clients, nothing large. Old state keeps working after an upgrade because the shim text never changes while the
// code it loads does (so each release must read state written by older ones).
import type * as pulumi from "@pulumi/pulumi";

/** Package-relative path of a provider module, e.g. "megaport-mx/dist/provider/resources/vxc-connection". */
export function providerShim(modulePath: string): pulumi.dynamic.ResourceProvider {
  // `require` is resolved at run time, in the provider process, from the program directory's node_modules.
  const load = (): pulumi.dynamic.ResourceProvider & { create: NonNullable<unknown> } =>
    require(modulePath).provider;
  return {
    configure: (req) => load().configure!(req),
    check: (olds, news) => load().check!(olds, news),
    diff: (id, olds, news) => load().diff!(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read!(id, props),
    update: (id, olds, news) => load().update!(id, olds, news),
    delete: (id, props) => load().delete!(id, props),
  };
}
