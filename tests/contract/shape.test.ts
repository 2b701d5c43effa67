// The structural comparison behind recorded-shapes.test.ts: it must find every kind of gap, or a fixture
// check would pass vacuously. Pure, no simulator.
import { shapeMismatches, type ShapeMismatch } from "./shape";

describe("shapeMismatches", () => {
  const rows: { name: string; recorded: unknown; served: unknown; expected: ShapeMismatch[] }[] = [
    {
      name: "an identical object has no mismatches",
      recorded: { a: 1, b: "x", c: true, d: { e: [1] } },
      served: { a: 2, b: "y", c: false, d: { e: [3] } },
      expected: [],
    },
    {
      name: "keys only the served object has are not reported",
      recorded: { a: 1 },
      served: { a: 1, extra: "x" },
      expected: [],
    },
    {
      name: "a missing key is reported with its path and recorded type",
      recorded: { a: { b: { c: "x" } } },
      served: { a: { b: {} } },
      expected: [{ path: "a.b.c", problem: "missing", recorded: "string" }],
    },
    {
      name: "a key with another JSON type is reported with both types",
      recorded: { n: 1, o: {} },
      served: { n: "1", o: [] },
      expected: [
        { path: "n", problem: "type", recorded: "number", served: "string" },
        { path: "o", problem: "type", recorded: "object", served: "array" },
      ],
    },
    {
      name: "null on either side is compatible with any type",
      recorded: { a: null, b: 5, c: { d: 1 } },
      served: { a: { deep: true }, b: null, c: null },
      expected: [],
    },
    {
      name: "arrays are compared by their first elements",
      recorded: { items: [{ id: 1, name: "a" }, { other: true }] },
      served: { items: [{ id: 2 }] },
      expected: [{ path: "items[0].name", problem: "missing", recorded: "string" }],
    },
    {
      name: "an empty served array cannot be compared and says so",
      recorded: { items: [{ id: 1 }] },
      served: { items: [] },
      expected: [{ path: "items", problem: "empty", recorded: "array", served: "array" }],
    },
    {
      name: "an empty recorded array asks for nothing",
      recorded: { vll: [] },
      served: { vll: [{ any: 1 }] },
      expected: [],
    },
  ];

  it.each(rows)("$name", ({ recorded, served, expected }) => {
    expect(shapeMismatches(recorded, served)).toEqual(expected);
  });
});
