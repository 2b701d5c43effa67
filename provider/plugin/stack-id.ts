// The stack's identity in the plugin (why stacks have one: provider/kinds/stack-identity/stack-identity.ts). The
// dynamic adapter keeps it in a hidden StackIdentity resource; a YAML, Python or Go program cannot be asked to declare
// one, so the plugin keeps it where the engine already stores what the plugin answers:
// - CheckConfig keeps the identity the provider resource's old inputs hold (STACK_ID_KEY) and mints one for a provider
//   that has none. The engine stores a provider's checked inputs in state, so the identity lives as long as the
//   provider resource, and is handed to Configure with the other inputs.
// - Each resource's check keeps the identity in the resource's own old inputs, and takes its provider's only when it
//   has none (a resource being made).
// So a plugin upgrade that makes a new default provider, or a second explicit provider, brings another identity to new
// resources only: every existing resource keeps the one its VXC's tags carry, and the orphan sweep takes every
// identity the state holds as the stack's (stackIdsOf). `pulumi stack export/import` carries them; a same-named stack
// on another backend mints its own; `megaport-mx migrate` writes a dynamic stack's identity into the provider's
// inputs and keeps it in every resource's.
import { randomUUID } from "node:crypto";
import { STACK_ID_KEY } from "../kinds/hidden-inputs";

type Props = Record<string, unknown>;

const idIn = (props: Props): string | undefined => {
  const id = props[STACK_ID_KEY];
  return typeof id === "string" && id !== "" ? id : undefined;
};

/** The provider's checked inputs: the identity of its old inputs, else a new one. */
export function withProviderStackId(olds: Props, news: Props): Props {
  return { ...news, [STACK_ID_KEY]: idIn(olds) ?? randomUUID() };
}

let providerStackId: string | undefined;

/** Configure's inputs hold the identity CheckConfig gave them. */
export function configureStackId(args: Props): void {
  providerStackId = idIn(args);
}

/**
 * A resource's identity: the one of its old inputs, else its provider's. Undefined only when the engine configured
 * the provider without one (it always checks it first), and then the kinds decide by names, as for a stack of the
 * release before identities.
 */
export function resourceStackId(olds: Props): Props {
  const id = idIn(olds) ?? providerStackId;
  return id ? { [STACK_ID_KEY]: id } : {};
}
