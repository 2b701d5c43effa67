// The config key a person should set, named as the adapter they use reads it: the dynamic resources read the
// program's stack config under `megaport:`, the provider plugin its package's config under `megaport-mx:`
// (`pulumi config set megaport-mx:accessKey …`). The plugin names its namespace when it starts; every message that
// names a setting goes through configKey, so nobody is told to set a key their adapter never reads.
// Imports nothing: the client's errors name keys too.

/** The namespace of the dynamic resources' settings, the default. */
export const DYNAMIC_CONFIG_NAMESPACE = "megaport";

let namespace = DYNAMIC_CONFIG_NAMESPACE;

/** Called once by an adapter whose settings live under another namespace (the plugin: its package name). */
export function useConfigNamespace(name: string): void {
  namespace = name;
}

/** `<namespace>:<name>`, as the user's adapter reads the setting. */
export function configKey(name: string): string {
  return `${namespace}:${name}`;
}
