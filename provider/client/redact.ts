// Redaction: the one place that removes credentials from text and errors before they leave the client.
// Knows the client's secrets (secret key, the Basic header value, every bearer token issued) and the
// shapes credentials take in text ("Bearer …", "Basic …", "access_token": …). Must never: log, store
// secrets anywhere but in memory, or let a thrown error keep a credential in its message, stack, fields or
// cause chain.

export const REDACTED = "[REDACTED]";

// Shapes a credential takes in text even when we do not know its value (e.g. a server echoing headers).
// A header value must be 16+ characters, so prose such as "Basic authentication" is left alone.
const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi, `$1 ${REDACTED}`],
  [
    /("?(?:access_token|refresh_token|client_secret|secretKey|secret_key)"?\s*[:=]\s*"?)[^"&,\s}]+/gi,
    `$1${REDACTED}`,
  ],
];

// Secrets shorter than this are not searched for: redacting "a" everywhere would destroy every message,
// and a credential that short is not one Megaport issues.
const MIN_SECRET_LENGTH = 6;
// Bearer tokens are kept so that an old token echoed in a late error is still caught; bounded so a
// long-running provider does not grow without limit.
const MAX_REMEMBERED_SECRETS = 64;
// How deep redactError follows objects hanging off an error (cause chains are usually 2–3 deep).
const MAX_DEPTH = 8;

/** Replaces credential-shaped substrings (Bearer/Basic header values, token fields) with [REDACTED]. */
export function redactCredentialPatterns(text: string): string {
  let out = text;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Redacts one client's known secrets and every credential-shaped substring. */
export class Redactor {
  private readonly secrets: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.addSecret(s);
  }

  /** Remembers a secret (and its URL-encoded and base64 forms) so it is removed from all later output. */
  addSecret(secret: string): void {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) return;
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")]) {
      if (!this.secrets.includes(form)) this.secrets.push(form);
    }
    while (this.secrets.length > MAX_REMEMBERED_SECRETS) this.secrets.shift();
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return redactCredentialPatterns(out);
  }

  /**
   * Redacts an error in place (message, stack, every own property, the cause chain, AggregateError's
   * errors) and returns it. Objects that are neither plain data nor errors are replaced by a placeholder,
   * because we cannot know what they hold (a socket, a request with its headers).
   */
  error<E>(err: E): E {
    this.redactValue(err, 0, new WeakSet());
    return err;
  }

  private redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === "string") return this.text(value);
    if (typeof value !== "object" || value === null) return value;
    if (seen.has(value)) return value;
    seen.add(value);
    if (!isRedactableObject(value)) return `[${value.constructor?.name ?? "object"} withheld]`;
    if (depth >= MAX_DEPTH) return value;
    const keys = new Set<string>(Object.getOwnPropertyNames(value));
    if (value instanceof Error) {
      keys.add("message");
      keys.add("stack");
      keys.add("cause");
    }
    for (const key of keys) {
      let current: unknown;
      try {
        current = (value as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      if (current === undefined || typeof current === "function") continue;
      const next = this.redactValue(current, depth + 1, seen);
      if (next !== current) setProperty(value, key, next);
    }
    return value;
  }
}

function isRedactableObject(value: object): boolean {
  if (value instanceof Error || Array.isArray(value)) return true;
  if (value instanceof Date || value instanceof RegExp) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function setProperty(target: object, key: string, value: unknown): void {
  try {
    (target as Record<string, unknown>)[key] = value;
    if ((target as Record<string, unknown>)[key] === value) return;
  } catch {
    // read-only: fall through to defineProperty
  }
  try {
    const existing = Object.getOwnPropertyDescriptor(target, key);
    Object.defineProperty(target, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: existing?.enumerable ?? false,
    });
  } catch {
    // A frozen foreign object: nothing more we can do without replacing it.
  }
}
