// How the Pulumi engine marks a secret value (sdk/go/common/resource/sig): an object whose SIG_KEY holds SECRET_SIG,
// beside the value itself: `value` over gRPC (what the plugin receives and answers), `plaintext` or `ciphertext` in an
// exported state (what `megaport-mx migrate` writes). The plugin and the state rewrite both mark secrets with it.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The mark to spread into a secret's object: `{ ...SECRET_MARK, value }`. */
export const SECRET_MARK = { [SIG_KEY]: SECRET_SIG } as const;

/** Whether `value` is a secret so marked. */
export function isSecretMarked(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}
