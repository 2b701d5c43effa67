// What a kind does, whichever adapter serves it to an engine: check, diff, create, read, update and delete, with the
// shapes of Pulumi's resource lifecycle (inputs in; failures, changes, ids and outputs out). A kind takes its client
// from provider/config, which the adapter configures before the first call, and throws its errors as they are: how
// they reach a person is the adapter's business (provider/dynamic/engine-facing.ts for the dynamic-provider host).
import type * as pulumi from "@pulumi/pulumi";

export type KindImplementation = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> & {
  /**
   * `pulumi import` by the object's natural id (the plugin's Read with an id and nothing else): the object's outputs,
   * and as inputs only what a user would write, so the code generated from them previews with no changes. `hidden`
   * is what the adapter adds to every resource's inputs (owner, idempotency key, stack identity). A kind that has
   * nothing at Megaport to read refuses with ImportRefusedError.
   */
  import(id: string, hidden: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult>;
};
