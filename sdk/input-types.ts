// Pulumi Input wrapping for args derived from the provider's zod schemas, so the SDK never declares a shape twice.
// Homomorphic mapped types keep each key's doc comment, so users see the schema's docs in their editor.
import type * as pulumi from "@pulumi/pulumi";

export type Inputify<T> = T extends readonly (infer E)[]
  ? pulumi.Input<pulumi.Input<Inputify<E>>[]>
  : T extends object
    ? { [K in keyof T]: pulumi.Input<Inputify<T[K]>> }
    : T;

/** Resource options every megaport-mx class accepts: `customTimeouts` is honoured (the engine alone would not). */
export type MegaportResourceOptions = pulumi.CustomResourceOptions;

/** A resource's computed outputs as the class exposes them: each key of T, with its doc comment, as an Output. */
export type OutputsOf<T> = { readonly [K in keyof T]: pulumi.Output<T[K]> };
