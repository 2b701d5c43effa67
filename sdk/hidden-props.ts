// What every megaport-mx resource adds to its props: the deterministic idempotency key (project, stack, the parent
// chain, resource name), that owner itself in plain words, and the customTimeouts the engine would not pass to a
// dynamic provider.
import * as pulumi from "@pulumi/pulumi";
import {
  IDEMPOTENCY_KEY,
  idempotencyKey,
  OWNER_KEY,
  TIMEOUTS_KEY,
  timeoutsFrom,
  type Owner,
} from "../provider/kinds/hidden-inputs";

export function hiddenProps(
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): Record<string, unknown> {
  const owner: Owner = {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    resource: [...parentChain(opts?.parent), name].join("/"),
  };
  return {
    [IDEMPOTENCY_KEY]: idempotencyKey(owner.project, owner.stack, owner.resource),
    [OWNER_KEY]: owner,
    [TIMEOUTS_KEY]: timeoutsFrom(opts?.customTimeouts),
  };
}

/**
 * "Type$name" of each component above the resource, outermost first, so same-named resources under different
 * components never share a key. (`__name`, `__pulumiType` and `__parentResource` are the SDK's own fields, the
 * ones Pulumi's alias code reads too.) A resource with no explicit parent keeps the bare name.
 */
function parentChain(parent: pulumi.Resource | undefined): string[] {
  const chain: string[] = [];
  type Node = { __name?: string; __pulumiType?: string; __parentResource?: Node };
  for (let node = parent as Node | undefined; node; node = node.__parentResource) {
    if (node.__pulumiType === "pulumi:pulumi:Stack") break;
    chain.unshift(`${node.__pulumiType ?? "?"}$${node.__name ?? "?"}`);
  }
  return chain;
}

/** Output members start undefined in props, so the engine knows their names. */
export function outputPlaceholders(keys: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(keys.map((key) => [key, undefined]));
}
