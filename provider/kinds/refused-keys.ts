// Keys that name a part of JavaScript's prototype chain are refused anywhere in a resource's inputs, and checked
// inputs are handed on as objects without a prototype, so no key of an input can ever become one.
// Why the SDK takes part: the engine's Struct conversion (google-protobuf's toJavaScript, and @pulumi/pulumi's
// serializer on the program side) builds objects by assignment, so a "__proto__" key never reaches the provider as
// a key: it becomes the object's prototype, and `match: {"__proto__": {"companies": ["x"]}}` arrives as
// `match: {companies: ["x"]}`. The SDK therefore renames such a key to PROTO_KEY_MARK before serialization, and
// `check` refuses the mark, the other two keys, and any object whose prototype was replaced, naming the path.
import { formatPath } from "../client/zod-issues";

/** Keys refused anywhere in the inputs. */
export const REFUSED_KEYS = ["__proto__", "constructor", "prototype"] as const;
/** How the SDK carries a "__proto__" key of the program's inputs to `check`, which refuses it by this name. */
export const PROTO_KEY_MARK = "megaport-mx:__proto__";

/** The reason a check failure gives for a refused key at `path`. */
export function refusedKeyReason(path: string, key: string): string {
  return (
    `${path}: the key "${key}" is refused anywhere in the inputs (it names an object's prototype in JavaScript, ` +
    "so what is under it could pass for fields it does not name): remove it"
  );
}

/** Each refused key in `value`, as [path, key]: own keys, the SDK's mark, and replaced prototypes. */
export function refusedKeys(value: unknown, path: PropertyKey[] = []): [string, string][] {
  if (value === null || typeof value !== "object") return [];
  const found: [string, string][] = [];
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype)
      found.push([formatPath([...path, "__proto__"]), "__proto__"]);
    value.forEach((item, index) => found.push(...refusedKeys(item, [...path, index])));
    return found;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null && isPlainData(prototype as object)) {
    found.push([formatPath([...path, "__proto__"]), "__proto__"]);
  }
  for (const [key, item] of Object.entries(value)) {
    const named = key === PROTO_KEY_MARK ? "__proto__" : key;
    if ((REFUSED_KEYS as readonly string[]).includes(named))
      found.push([formatPath([...path, named]), named]);
    else found.push(...refusedKeys(item, [...path, key]));
  }
  return found;
}

/** A deep copy of JSON-like data whose objects have no prototype: no key can reach Object.prototype through it. */
export function withoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPrototypes) as T;
  if (value === null || typeof value !== "object" || !isPlainData(value)) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) copy[key] = withoutPrototypes(item);
  return copy as T;
}

/**
 * The program-side half, for the SDK: a copy of `value` where each own "__proto__" key is renamed PROTO_KEY_MARK and
 * an object literal whose prototype was set (`{ __proto__: {…} }`) carries that prototype's fields under the mark,
 * so `check` sees them and refuses them. `onNested` wraps values the walk cannot look into (Outputs, promises).
 */
export function markProtoKeys(value: unknown, onNested: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => markProtoKeys(item, onNested));
  if (value === null || typeof value !== "object") return value;
  if (!isPlainData(value)) return onNested(value);
  const copy: Record<string, unknown> = {};
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null)
    copy[PROTO_KEY_MARK] = { ...(prototype as object) };
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key === "__proto__" ? PROTO_KEY_MARK : key, {
      value: markProtoKeys(item, onNested),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * An object made of data: a literal, a null-prototype object, or one whose prototype is such an object and not a
 * class's (a class prototype has its own `constructor`): an Output or any class instance is not data.
 */
function isPlainData(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null || prototype === Object.prototype) return true;
  const above: unknown = Object.getPrototypeOf(prototype);
  return (above === null || above === Object.prototype) && !Object.hasOwn(prototype, "constructor");
}
