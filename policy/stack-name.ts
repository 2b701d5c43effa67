// The stack a resource belongs to, from its URN: urn:pulumi:<stack>::<project>::<type>::<name>. @pulumi/policy
// gives policies the stack's tags but not its name; the URN always carries it.

/** The stack name in a resource URN, or undefined when the URN is not a Pulumi URN. */
export function stackNameOf(urn: string): string | undefined {
  const match = /^urn:pulumi:([^:]+)::/.exec(urn);
  return match?.[1];
}
