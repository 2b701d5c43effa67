/**
 * Structural comparison of a recorded response (tests/fixtures) with what the simulator served: every key the
 * recording has must be in the served object with the same JSON type, recursively; arrays are compared by
 * their first elements. null on either side is compatible with anything (the real API sends null for "not
 * set" in many places). Keys the simulator adds are not reported. Must never: compare values, only shapes.
 */

export type JsonType = "null" | "number" | "string" | "boolean" | "object" | "array";

export interface ShapeMismatch {
  /** Where, e.g. "data[0].aEnd.vlan" ("" is the root). */
  path: string;
  /**
   * missing: the served object lacks the key. type: both have it with different JSON types. empty: the
   * recording has an element to compare but the served array is empty, so the test must serve data.
   */
  problem: "missing" | "type" | "empty";
  recorded: JsonType;
  served?: JsonType;
}

export function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "number" || type === "string" || type === "boolean") return type;
  return "object";
}

/** Every place where `served` does not have the shape of `recorded`. */
export function shapeMismatches(recorded: unknown, served: unknown, path = ""): ShapeMismatch[] {
  const r = jsonType(recorded);
  const s = jsonType(served);
  if (r === "null" || s === "null") return [];
  if (r !== s) return [{ path, problem: "type", recorded: r, served: s }];
  if (r === "array") {
    const [first] = recorded as unknown[];
    if (first === undefined) return [];
    const servedItems = served as unknown[];
    if (servedItems.length === 0) return [{ path, problem: "empty", recorded: r, served: s }];
    return shapeMismatches(first, servedItems[0], `${path}[0]`);
  }
  if (r === "object") {
    const servedObject = served as Record<string, unknown>;
    return Object.entries(recorded as Record<string, unknown>).flatMap(([key, value]) => {
      const at = path === "" ? key : `${path}.${key}`;
      if (!Object.prototype.hasOwnProperty.call(servedObject, key)) {
        return [{ path: at, problem: "missing" as const, recorded: jsonType(value) }];
      }
      return shapeMismatches(value, servedObject[key], at);
    });
  }
  return [];
}
