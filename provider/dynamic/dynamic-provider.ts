// The engine adapter for Pulumi dynamic resources: each kind of provider/kinds, as the object the Node
// dynamic-provider host calls. The serialized shim in state loads it by module path (provider/resources), so this
// is the only code between the host and the kind: `configure` (stack config to provider/config, and the engine
// liveness check in the host's process) and the error shaping of engine-facing.ts.
import type * as pulumi from "@pulumi/pulumi";
import { configure as useStackConfig, type ConfigSource } from "../config/provider-config";
import { KINDS, type KindName } from "../kinds/kinds";
import type { KindImplementation } from "../kinds/kind-implementation";
import { engineFacing } from "./engine-facing";
import { watchEngineOfThisProcess } from "./engine-liveness";

/** A kind's dynamic provider: the kind's own methods (typed as the kind declares them) and `configure`. */
export type DynamicProvider<K extends KindName = KindName> = ReturnType<(typeof KINDS)[K]["implementation"]> &
  Required<Pick<pulumi.dynamic.ResourceProvider, "configure">>;

/** The engine passes the whole stack config to dynamic providers before any other call. */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  watchEngineOfThisProcess();
  await useStackConfig(req);
}

const providers = new Map<KindName, DynamicProvider>();

/** The kind's dynamic provider: one per kind in the process. */
export function dynamicProvider<K extends KindName>(kind: K): DynamicProvider<K> {
  let provider = providers.get(kind);
  if (!provider) {
    const implementation: KindImplementation = KINDS[kind].implementation();
    providers.set(kind, (provider = engineFacing({ configure, ...implementation }) as DynamicProvider));
  }
  return provider as DynamicProvider<K>;
}
