// A stack's config, as a command that reads the stack itself (megaport-mx orphans, the approver) hands it to
// provider/config: the settings the stack's resources were given, whichever adapter serves them. The dynamic resources
// read `megaport:*`, the provider plugin `megaport-mx:*`; a stack of one adapter sets only its own.
import type { ConfigSource } from "../provider/config/provider-config";
import { DYNAMIC_CONFIG_NAMESPACE } from "../provider/client/config-key";
import { PLUGIN_PACKAGE } from "../provider/kinds/kinds";

/** `get("megaport:accessKey")` answers the stack's `megaport:accessKey`, else its `megaport-mx:accessKey`. */
export function stackConfigSource(all: Record<string, { value?: string } | undefined>): ConfigSource {
  const prefix = `${DYNAMIC_CONFIG_NAMESPACE}:`;
  return {
    get(key) {
      const plugin = key.startsWith(prefix) ? `${PLUGIN_PACKAGE}:${key.slice(prefix.length)}` : key;
      return all[key]?.value || all[plugin]?.value || undefined;
    },
  };
}
