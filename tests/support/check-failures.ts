// What a check failure for a field looks like (provider/kinds/check-inputs.ts): a top-level field that has a
// value on its own property; a nested one ("bEnd.vlan", "rules[0].action"), a missing one or a secret one on property
// "" with the field's path opening the reason, since the engine prints a property's value beside it.
export function failureAt(path: string, message: string) {
  const onProperty = { property: path, reason: expect.stringContaining(message) };
  const onResource = {
    property: "",
    reason: expect.stringMatching(new RegExp(`^(?=${escape(path)})[\\s\\S]*${escape(message)}`)),
  };
  const topLevel = /^[A-Za-z_$][\w$]*$/.test(path);
  return topLevel ? oneOf(onProperty, onResource) : onResource;
}

/** Matches a value equal to either expectation. */
function oneOf(a: object, b: object) {
  return {
    asymmetricMatch: (actual: unknown) => equals(actual, a) || equals(actual, b),
    toString: () => "OneOf",
    toAsymmetricMatcher: () => `one of ${JSON.stringify(a)} or ${JSON.stringify(b)}`,
  };
}

function equals(actual: unknown, expected: object): boolean {
  try {
    expect(actual).toEqual(expected);
    return true;
  } catch {
    return false;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
