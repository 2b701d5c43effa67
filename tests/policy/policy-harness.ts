// Runs policies the way the pack's server does, on fabricated resources (after pulumi-policy-aws's tests/util.ts):
// props behind @pulumi/policy's unknown-checking proxy, config filled with the policy's schema defaults (as the CLI
// fills them) and then the test's overrides, and notApplicable / unknown-at-preview outcomes recorded instead of
// thrown. Assertions match on a substring of the violation message.
import type {
  Policy,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

// Internal to @pulumi/policy (no .d.ts): the proxy the server wraps props in, and the error it throws on unknowns.
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(value: T): T;
  UnknownValueError: new (...args: unknown[]) => Error;
  unknownStringValue: unknown;
};
/** A value the program does not know yet during preview (an output of a resource not yet created). */
export const UNKNOWN_AT_PREVIEW = proxy.unknownStringValue as string;

export interface Outcome {
  violations: { message: string; urn?: string }[];
  /** The reason given to notApplicable, when the policy said it does not apply. */
  notApplicable?: string;
  /** True when the policy read a value unknown at preview (the server then reports "can't run during preview"). */
  unknownAtPreview?: boolean;
}

class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const EMPTY_OPTIONS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

/** The defaults in a policy's configSchema: what the CLI passes when nothing is configured. */
export function schemaDefaults(policy: Policy): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(policy.configSchema?.properties ?? {})
      .filter(([, schema]) => typeof schema === "object" && schema.default !== undefined)
      .map(([key, schema]) => [key, (schema as { default: unknown }).default]),
  );
}

export interface FakeResource {
  type: string;
  props: Record<string, unknown>;
  name?: string;
  stack?: string;
  opts?: Partial<PolicyResourceOptions>;
}

const urnOf = (r: FakeResource) =>
  `urn:pulumi:${r.stack ?? "dev"}::globex-connectivity::${r.type}::${r.name ?? "resource"}`;
const isTypeOf = (type: string) => (cls: { __pulumiType?: string }) => cls.__pulumiType === type;

export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  resource: FakeResource,
  config: Record<string, unknown> = {},
): Promise<Outcome> {
  const props = proxy.unknownCheckingProxy(resource.props);
  const args = {
    type: resource.type,
    props,
    urn: urnOf(resource),
    name: resource.name ?? "resource",
    opts: { ...EMPTY_OPTIONS, ...resource.opts },
    stackTags: new Map<string, string>(),
    isType: isTypeOf(resource.type),
    asType: (cls: { __pulumiType?: string }) => (isTypeOf(resource.type)(cls) ? props : undefined),
    getConfig: () => ({ ...schemaDefaults(policy), ...config }),
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason ?? "");
    },
  } as unknown as ResourceValidationArgs;
  const validations = [policy.validateResource ?? []].flat();
  return collect(async (report) => {
    for (const validation of validations) await validation(args, report);
  });
}

export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: FakeResource[],
  config: Record<string, unknown> = {},
): Promise<Outcome> {
  const policyResources = resources.map((resource) => {
    const props = proxy.unknownCheckingProxy(resource.props);
    return {
      type: resource.type,
      props,
      urn: urnOf(resource),
      name: resource.name ?? "resource",
      opts: { ...EMPTY_OPTIONS, ...resource.opts },
      dependencies: [],
      propertyDependencies: {},
      isType: isTypeOf(resource.type),
      asType: (cls: { __pulumiType?: string }) => (isTypeOf(resource.type)(cls) ? props : undefined),
    } as unknown as PolicyResource;
  });
  const args = {
    resources: policyResources,
    stackTags: new Map<string, string>(),
    getConfig: () => ({ ...schemaDefaults(policy), ...config }),
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason ?? "");
    },
  } as unknown as StackValidationArgs;
  return collect(async (report) => {
    await policy.validateStack(args, report);
  });
}

async function collect(
  run: (report: (message: string, urn?: string) => void) => Promise<void>,
): Promise<Outcome> {
  const outcome: Outcome = { violations: [] };
  try {
    await run((message, urn) => outcome.violations.push({ message, urn }));
  } catch (err) {
    if (err instanceof NotApplicable) outcome.notApplicable = err.reason;
    else if (err instanceof proxy.UnknownValueError) outcome.unknownAtPreview = true;
    else throw err;
  }
  return outcome;
}

/** The outcome has a violation whose message contains `message`. */
export function expectViolation(outcome: Outcome, message: string): void {
  expect(outcome.violations.map((v) => v.message)).toContainEqual(expect.stringContaining(message));
}

/** The policy ran, applied, and found nothing. */
export function expectNoViolations(outcome: Outcome): void {
  expect(outcome).toEqual({ violations: [] });
}

/** The policy said it does not apply, for a reason containing `reason`, and reported nothing. */
export function expectNotApplicable(outcome: Outcome, reason: string): void {
  expect(outcome.violations).toEqual([]);
  expect(outcome.notApplicable).toContain(reason);
}
