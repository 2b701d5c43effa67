// Prototype keys in inputs: the SDK's half marks a "__proto__" key (or a literal's replaced prototype) before
// @pulumi/pulumi's serializer would turn it into a prototype, and check's half finds every refused key by path.
import * as pulumi from "@pulumi/pulumi";
import {
  markProtoKeys,
  PROTO_KEY_MARK,
  refusedKeys,
  withoutPrototypes,
} from "../../../provider/kinds/refused-keys";

const keep = (value: unknown) => value;

describe("markProtoKeys (the SDK's half)", () => {
  it("renames an own __proto__ key, as JSON config makes it, at any depth", () => {
    const args = JSON.parse('{"rules":[{"match":{"__proto__":{"companies":["x"]}}}]}') as unknown;
    const marked = markProtoKeys(args, keep) as { rules: { match: Record<string, unknown> }[] };
    expect(Object.keys(marked.rules[0].match)).toEqual([PROTO_KEY_MARK]);
    expect(marked.rules[0].match[PROTO_KEY_MARK]).toEqual({ companies: ["x"] });
    expect((marked.rules[0].match as { companies?: unknown }).companies).toBeUndefined();
  });

  it("carries a literal's replaced prototype under the mark instead of dropping it", () => {
    const marked = markProtoKeys({ match: { __proto__: { companies: ["x"] } } }, keep) as {
      match: Record<string, unknown>;
    };
    expect(marked.match).toEqual({ [PROTO_KEY_MARK]: { companies: ["x"] } });
  });

  it("leaves Outputs to be marked once known, and plain data as it was", () => {
    const output = pulumi.output("n");
    const seen: unknown[] = [];
    const marked = markProtoKeys({ name: output, rateLimit: 5, aEnd: { vlan: 2 } }, (v) => (seen.push(v), v));
    expect(seen).toEqual([output]);
    expect(marked).toEqual({ name: output, rateLimit: 5, aEnd: { vlan: 2 } });
  });
});

describe("refusedKeys (check's half)", () => {
  it("names each refused key by path: own keys, the SDK's mark and replaced prototypes", () => {
    const inputs = {
      a: { constructor: 1 },
      b: [{ prototype: {} }],
      c: { [PROTO_KEY_MARK]: {} },
      d: { __proto__: { x: 1 } },
      fine: { name: "x", list: [1, "two"] },
    };
    expect(refusedKeys(inputs)).toEqual([
      ["a.constructor", "constructor"],
      ["b[0].prototype", "prototype"],
      ["c.__proto__", "__proto__"],
      ["d.__proto__", "__proto__"],
    ]);
  });

  it("copies checked inputs into objects without a prototype", () => {
    const copy = withoutPrototypes({ a: { b: [{ c: 1 }] } });
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.getPrototypeOf(copy.a.b[0])).toBeNull();
    expect(JSON.stringify(copy)).toBe('{"a":{"b":[{"c":1}]}}');
  });
});
