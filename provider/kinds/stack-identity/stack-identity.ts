// The stack's identity: one hidden resource per stack whose id is random, made by its create and kept in state from
// then on. The SDK registers it with the stack's first megaport-mx resource and passes its id to every resource as
// the hidden input STACK_ID_KEY; VXC orders carry it as the megaport-mx:stack-id tag. Project, stack and resource
// names repeat across backends (a laptop and CI, two organisations, dev and prod both named "dev"); this id does not,
// so it, not the names, decides that an order is this stack's (create resuming, adoptUid, delete, the orphan sweep).
// Nothing here talks to Megaport: the resource exists only in state.
// The provider plugin has no such resource (a YAML program cannot be asked to declare one): its provider keeps the
// identity in its own inputs, and each resource keeps the one it was made with (provider/plugin/stack-id.ts). A state
// may so hold several identities, all of them the stack's: stackIdsOf reads every one.
import type * as pulumi from "@pulumi/pulumi";
import { randomUUID } from "node:crypto";
import { STACK_ID_KEY } from "../hidden-inputs";
import { kindOfType, PLUGIN_PROVIDER_TYPE, PULUMI_MODULE } from "../kinds";

/** The resource's type (under PULUMI_MODULE) and its name: one per stack. */
export const STACK_IDENTITY_TYPE = "StackIdentity";
export const STACK_IDENTITY_NAME = "megaport-mx-stack-identity";
/** The type token the engine stores for it. */
export const STACK_IDENTITY_TOKEN = `pulumi-nodejs:dynamic/${PULUMI_MODULE}:${STACK_IDENTITY_TYPE}`;

export interface StackIdentityOutputs {
  stackId: string;
}

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/**
 * Every identity of the stack an exported state holds, oldest kind first: the dynamic adapter's StackIdentity, then
 * what the plugin's providers and our resources of either adapter carry as STACK_ID_KEY. Empty for a stack from before
 * identities.
 */
export function stackIdsOf(deployment: { resources?: readonly StateResource[] }): string[] {
  const resources = deployment.resources ?? [];
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? [value] : []);
  const ids = [
    ...resources.filter((r) => r.type === STACK_IDENTITY_TOKEN).flatMap((r) => text(r.outputs?.stackId)),
    ...resources
      .filter((r) => r.type === PLUGIN_PROVIDER_TYPE || kindOfType(r.type) !== undefined)
      .flatMap((r) => text(r.inputs?.[STACK_ID_KEY])),
  ];
  return [...new Set(ids)];
}

/** The stack's identity as an exported state holds it (its first, see stackIdsOf), or undefined when it has none. */
export function stackIdOf(deployment: { resources?: readonly StateResource[] }): string | undefined {
  return stackIdsOf(deployment)[0];
}

export const provider = {
  async configure() {},
  async check(_olds: unknown, news: Record<string, unknown>) {
    return { inputs: news };
  },
  // Created once; no input ever changes it, so it is never replaced and the id never changes.
  async diff() {
    return { changes: false };
  },
  async create(): Promise<pulumi.dynamic.CreateResult<StackIdentityOutputs>> {
    const stackId = randomUUID();
    return { id: stackId, outs: { stackId } };
  },
  async read(id: string, props: StackIdentityOutputs) {
    return { id, props: { ...props, stackId: props.stackId ?? id } };
  },
  async update(_id: string, olds: StackIdentityOutputs) {
    return { outs: olds };
  },
  async delete() {},
} satisfies pulumi.dynamic.ResourceProvider;
