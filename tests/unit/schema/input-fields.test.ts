// Every input of every kind is classified (replaces, updates, waits for the provider) from its schema, the doc
// comment users see in their editor says the same, and the VXC's identifying paths (its order tag) never move.
import { z } from "zod";
import { inputFields, leafDefaults, leafPaths } from "../../../provider/kinds/input-fields";
import { KIND_NAMES, KINDS } from "../../../provider/kinds/kinds";
import { orderTag } from "../../../provider/kinds/vxc-connection/vxc-order-tag";
import { IDEMPOTENCY_KEY } from "../../../provider/kinds/hidden-inputs";
import type { VxcConnectionInputs } from "../../../provider/kinds/vxc-connection/vxc-connection-schema";
import { kindReferences } from "../../../scripts/reference-docs";

const references = kindReferences();

describe("input fields derived from a schema", () => {
  const schema = z.strictObject({
    a: z.string(),
    b: z.object({ c: z.number().optional(), d: z.array(z.object({ e: z.string() })) }).optional(),
    f: z.union([z.string(), z.number()]).default(1),
    g: z.string().transform((s) => s.length),
  });

  it("walks nested objects and treats lists and unions as leaves", () => {
    expect(leafPaths(schema)).toEqual(["a", "b.c", "b.d", "f", "g"]);
    expect(leafDefaults(schema)).toEqual({ f: 1 });
  });

  it("refuses a change table that misses a field or names one the schema lacks", () => {
    const missing = { a: "updates", "b.c": "updates", "b.d": "updates", f: "updates" } as never;
    expect(() => inputFields(schema, missing)).toThrow(/unclassified g; not in the schema none/);
    const stale = { ...(missing as object), g: "updates", h: "replaces" } as never;
    expect(() => inputFields(schema, stale)).toThrow(/unclassified none; not in the schema h/);
  });

  it("lists what may replace and what always does", () => {
    const fields = inputFields(schema, {
      a: "replaces",
      "b.c": "replaces-if-another",
      "b.d": "updates",
      f: "waits-for-provider",
      g: "updates",
    });
    expect(fields.replacing).toEqual(["a", "b.c"]);
    expect(fields.identifying).toEqual(["a"]);
  });
});

describe.each(KIND_NAMES)("%s", (kind) => {
  const { inputs, inputsSchema } = KINDS[kind];

  it("classifies every input path of its schema", () => {
    expect([...inputs.paths].sort()).toEqual(leafPaths(inputsSchema).sort());
    expect(Object.keys(inputs.changes).sort()).toEqual([...inputs.paths].sort());
  });

  const reference = references.find((r) => r.kind === kind)!;
  const leaves = reference.inputs.filter((f) => (inputs.paths as readonly string[]).includes(f.path));

  it("documents every input and output", () => {
    expect(leaves.map((f) => f.path).sort()).toEqual([...inputs.paths].sort());
    for (const field of [...reference.inputs, ...reference.outputs])
      expect([field.path, field.doc]).not.toEqual([field.path, ""]);
  });

  it.each(leaves.map((f) => [f.path, f] as const))(
    "%s: its doc comment says what a change does",
    (_, field) => {
      const says = {
        replaces: /replac/i,
        "replaces-if-another": /another[\s\S]*replac|replac[\s\S]*(another|different)/i,
        updates: /updates?\s+in\s+place/i,
        "waits-for-provider": /waits\s+for\s+the\s+provider/i,
        records: /changes\s+nothing\s+on\s+Megaport/i,
      }[field.change!];
      expect(field.doc).toMatch(says);
      if (field.change === "updates") expect(field.doc).not.toMatch(/replaces (the|a|this)/i);
    },
  );
});

describe("the VXC's identity", () => {
  it("is the same nine paths, in the same order, that tagged every VXC ordered so far", () => {
    // The order tag hashes these values in this order: a change would make every existing stack order again.
    expect(KINDS.VxcConnection.inputs.identifying).toEqual([
      "aEnd.productUid",
      "bEnd.productUid",
      "bEnd.providerName",
      "bEnd.location",
      "bEnd.portName",
      "bEnd.sameDiversityZone",
      "bEnd.vlan",
      "serviceKey",
      "adoptUid",
    ]);
  });

  it("hashes to the tag earlier releases wrote", () => {
    const inputs = {
      name: "x",
      rateLimit: 100,
      aEnd: { productUid: "6f9e7b61-6cb9-4e67-b6e9-90f162d0463f", vlan: 101 },
      bEnd: { providerName: "Acme Networks", sameDiversityZone: true },
      [IDEMPOTENCY_KEY]: "k1",
    } as VxcConnectionInputs;
    expect(orderTag(inputs)).toBe(GOLDEN_TAG);
  });
});

// sha256 of the nine values as JSON, as the tag has been computed since it was introduced.
const GOLDEN_TAG = "k1.9a85cd80903f69dc";
