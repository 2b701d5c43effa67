// The stack's identity: one hidden resource per stack whose id is random, made by its create and kept in state from
// then on. The SDK registers it with the stack's first megaport-mx resource and passes its id to every resource as
// the hidden input STACK_ID_KEY; VXC orders carry it as the megaport-mx:stack-id tag. Project, stack and resource
// names repeat across backends (a laptop and CI, two organisations, dev and prod both named "dev"); this id does not,
// so it, not the names, decides that an order is this stack's (create resuming, adoptUid, delete, the orphan sweep).
// Nothing here talks to Megaport: the resource exists only in state.
import type * as pulumi from "@pulumi/pulumi";
import { randomUUID } from "node:crypto";
import { PULUMI_MODULE } from "../kinds";

/** The resource's type (under PULUMI_MODULE) and its name: one per stack. */
export const STACK_IDENTITY_TYPE = "StackIdentity";
export const STACK_IDENTITY_NAME = "megaport-mx-stack-identity";
/** The type token the engine stores for it. */
export const STACK_IDENTITY_TOKEN = `pulumi-nodejs:dynamic/${PULUMI_MODULE}:${STACK_IDENTITY_TYPE}`;

export interface StackIdentityOutputs {
  stackId: string;
}

/** The stack's identity as an exported state holds it, or undefined for a stack that has none yet. */
export function stackIdOf(deployment: {
  resources?: readonly { type: string; outputs?: Record<string, unknown> }[];
}): string | undefined {
  const found = (deployment.resources ?? []).find((r) => r.type === STACK_IDENTITY_TOKEN);
  const id = found?.outputs?.stackId;
  return typeof id === "string" && id !== "" ? id : undefined;
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
