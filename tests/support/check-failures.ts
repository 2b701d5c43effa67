// What a check failure for a field looks like (provider/resources/check-inputs.ts): a top-level field on its own
// property; a nested one ("bEnd.vlan", "rules[0].action") on property "" with the path opening the reason, since
// the engine only prints top-level property values.
export function failureAt(path: string, message: string) {
  return /^[A-Za-z_$][\w$]*$/.test(path)
    ? { property: path, reason: expect.stringContaining(message) }
    : {
        property: "",
        reason: expect.stringMatching(new RegExp(`^${escape(path)}: .*${escape(message)}`, "s")),
      };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
