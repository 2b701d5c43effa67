// The resource kinds, once: each kind's name, its folder (provider/kinds/<module>), its implementation, its schemas,
// its input fields and which inputs are secret. The SDK's classes, the serialized provider shims, every adapter, the
// policy pack, the approver, the orphan finder and the reference docs all read this table. It loads only the schema
// modules (zod and the client's field schemas), and a kind's implementation only when an adapter asks for it, so a
// program that imports the SDK loads no HTTP client.
import type { z } from "zod";
import {
  ApprovalPolicyComputedSchema,
  ApprovalPolicyInputsSchema,
  POLICY_INPUTS,
} from "./approval-policy/approval-policy-schema";
import type { InputFields } from "./input-fields";
import type { KindImplementation } from "./kind-implementation";
import {
  MarketplaceProfileComputedSchema,
  MarketplaceProfileInputsSchema,
  PROFILE_INPUTS,
} from "./marketplace-profile/marketplace-profile-schema";
import {
  NotificationSubscriptionComputedSchema,
  NotificationSubscriptionInputsSchema,
  SUBSCRIPTION_INPUTS,
} from "./notification-subscription/notification-subscription-schema";
import {
  VXC_INPUTS,
  VXC_SECRET_INPUTS,
  VxcConnectionComputedSchema,
  VxcConnectionInputsSchema,
} from "./vxc-connection/vxc-connection-schema";

export interface ResourceKind {
  /**
   * The kind's folder under provider/kinds, and the folder under provider/resources whose index the serialized
   * provider shim loads (dist/provider/resources/<module>: a path stored in every stack's state).
   */
  readonly module: string;
  readonly inputsSchema: z.ZodType;
  /** What the provider computes beside the inputs; its keys are the class's computed outputs. */
  readonly computedSchema: z.ZodObject;
  readonly inputs: InputFields<string>;
  /** Top-level inputs kept secret in state and never echoed in a check failure. */
  readonly secretInputs: readonly string[];
  /**
   * The kind itself, loaded on first call: this table is read by the SDK inside a user's program, which must load no
   * HTTP client, while every adapter (provider/dynamic) serves each kind from here.
   */
  readonly implementation: () => KindImplementation;
  /**
   * What `pulumi import <token> <name> <id>` takes as the id, through the plugin (the kind's `import`), for the
   * reference page and the schema's description.
   */
  readonly importBy: string;
}

export const KINDS = {
  VxcConnection: {
    module: "vxc-connection",
    implementation: () =>
      (require("./vxc-connection/vxc-connection") as typeof import("./vxc-connection/vxc-connection"))
        .vxcConnection,
    inputsSchema: VxcConnectionInputsSchema,
    computedSchema: VxcConnectionComputedSchema,
    inputs: VXC_INPUTS,
    secretInputs: VXC_SECRET_INPUTS,
    importBy:
      "the VXC's product UID (the Portal's Services page; `productUid` in GET /v2/products). Only a VXC ordered from " +
      "one of your company's ports or MCRs, not cancelled or decommissioned, and not held by another stack's " +
      "megaport-mx tags; the import writes this stack's tags on it, as adoptUid does (its preview too: the engine " +
      "reads the VXC then as well). The generated code names the B-end by its port UID.",
  },
  MarketplaceProfile: {
    module: "marketplace-profile",
    implementation: () =>
      (
        require("./marketplace-profile/marketplace-profile") as typeof import("./marketplace-profile/marketplace-profile")
      ).marketplaceProfile,
    inputsSchema: MarketplaceProfileInputsSchema,
    computedSchema: MarketplaceProfileComputedSchema,
    inputs: PROFILE_INPUTS,
    secretInputs: [],
    importBy:
      "your company's UID (the Portal's Company page; `companyUid`), read with the company's own key; the " +
      "generated code lists the ports the Marketplace shows now.",
  },
  ApprovalPolicy: {
    module: "approval-policy",
    implementation: () =>
      (require("./approval-policy/approval-policy") as typeof import("./approval-policy/approval-policy"))
        .approvalPolicy,
    inputsSchema: ApprovalPolicyInputsSchema,
    computedSchema: ApprovalPolicyComputedSchema,
    inputs: POLICY_INPUTS,
    secretInputs: [],
    importBy:
      "nothing: a policy exists only in the state of the stack that declares it, so an import is refused. Declare " +
      "it in the program instead: creating one orders nothing.",
  },
  NotificationSubscription: {
    module: "notification-subscription",
    implementation: () =>
      (
        require("./notification-subscription/notification-subscription") as typeof import("./notification-subscription/notification-subscription")
      ).notificationSubscription,
    inputsSchema: NotificationSubscriptionInputsSchema,
    computedSchema: NotificationSubscriptionComputedSchema,
    inputs: SUBSCRIPTION_INPUTS,
    secretInputs: [],
    importBy:
      "the user's email, employeeId or personUid (as `user` takes them); the stack keeps the employeeId as the id.",
  },
} as const satisfies Record<string, ResourceKind>;

export type KindName = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as KindName[];

/** The Pulumi module every kind is registered under: the SDK passes it to pulumi.dynamic.Resource. */
export const PULUMI_MODULE = "megaport";

/** The provider plugin's package (pulumi-resource-megaport-mx): its resources are `megaport-mx:index:<Kind>`. */
export const PLUGIN_PACKAGE = "megaport-mx";

/** The type token the engine stores for a kind of the dynamic adapter (what pulumi.dynamic.Resource makes of it). */
export function typeToken<K extends KindName>(kind: K): `pulumi-nodejs:dynamic/${typeof PULUMI_MODULE}:${K}` {
  return `pulumi-nodejs:dynamic/${PULUMI_MODULE}:${kind}`;
}

/** The type token of a kind served by the provider plugin. */
export function pluginTypeToken<K extends KindName>(kind: K): `${typeof PLUGIN_PACKAGE}:index:${K}` {
  return `${PLUGIN_PACKAGE}:index:${kind}`;
}

/**
 * Both type tokens of a kind: a resource of either adapter is the same kind to everything that reads a stack (the
 * policy pack, the approver, the orphan sweep), so a VXC ordered through one is recognised through the other.
 */
export function typeTokens<K extends KindName>(kind: K): readonly [string, string] {
  return [typeToken(kind), pluginTypeToken(kind)];
}

/** The kind a state type token names, through either adapter, if it is one of ours. */
export function kindOfType(type: string): KindName | undefined {
  return KIND_NAMES.find((kind) => typeTokens(kind).includes(type));
}

/** The type token of the plugin's provider resources in state (the default one and any explicit one). */
export const PLUGIN_PROVIDER_TYPE = `pulumi:providers:${PLUGIN_PACKAGE}`;

/** How a program's provider process loads the kind's provider: by package name, from its node_modules. */
export function providerModulePath(kind: KindName): string {
  return `megaport-mx/dist/provider/resources/${KINDS[kind].module}`;
}

/** The computed output names of a kind, in the order its schema declares them. */
export function computedOutputNames(kind: KindName): string[] {
  return Object.keys(KINDS[kind].computedSchema.shape);
}
