// Reading a policy's configuration. The CLI validates `--policy-pack-config` against each policy's configSchema
// and fills in the schema's defaults; the same defaults are merged here too, so a policy behaves the same when it
// is called with a partial config (unit tests, `pulumi policy analyze`, an older CLI).
import type { PolicyConfigSchema, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import type { PolicyConfigJSONSchema, PolicyConfigJSONSchemaType } from "@pulumi/policy/schema";

/** The policy's config: the defaults, overridden by whatever the platform team configured. */
export function readConfig<T extends object>(
  args: Pick<ResourceValidationArgs | StackValidationArgs, "getConfig">,
  defaults: T,
): T {
  const given = (args.getConfig<Partial<T>>() ?? {}) as Record<string, unknown>;
  const configured = Object.fromEntries(
    Object.entries(given).filter(([key, value]) => key !== "enforcementLevel" && value !== undefined),
  );
  return { ...defaults, ...configured } as T;
}

/** A configSchema whose every property carries its default from `defaults`, so the two cannot drift apart. */
export function configSchemaWithDefaults<T extends object>(
  defaults: T,
  properties: { [K in keyof T]: PolicyConfigJSONSchema },
): PolicyConfigSchema {
  const withDefaults: Record<string, PolicyConfigJSONSchema> = {};
  for (const [key, schema] of Object.entries(properties) as [string, PolicyConfigJSONSchema][]) {
    withDefaults[key] = { ...schema, default: (defaults as Record<string, PolicyConfigJSONSchemaType>)[key] };
  }
  return { properties: withDefaults };
}

/** Case-insensitive membership for names and UIDs a platform team lists. */
export function listIncludes(
  list: readonly (string | number)[],
  value: string | number | undefined,
): boolean {
  if (value === undefined) return false;
  const wanted = normalize(value);
  return list.some((entry) => normalize(entry) === wanted);
}

function normalize(value: string | number): string {
  return String(value).trim().toLowerCase();
}

/** "a, b and c" for messages. */
export function listed(values: readonly (string | number)[]): string {
  const quoted = values.map((value) => (typeof value === "number" ? String(value) : `"${value}"`));
  return quoted.length <= 1
    ? (quoted[0] ?? "")
    : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}
