// Every input of every kind has a change entry (replaces, updates, waits for the provider, records; a conditional
// replace with its wording) from its schema, the doc comment users see in their editor agrees with it, and the VXC's
// identifying paths (its order tag) never move.
import { z } from "zod";
import {
  changeWording,
  IDENTIFIES,
  inputFields,
  leafDefaults,
  leafPaths,
} from "../../../provider/kinds/input-fields";
import { KIND_NAMES, KINDS } from "../../../provider/kinds/kinds";
import { diffInputs } from "../../../provider/kinds/diff-inputs";
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

  it("lists what may replace and, apart from it, what identifies the real object", () => {
    const fields = inputFields(schema, {
      a: IDENTIFIES,
      "b.c": {
        change: "replaces",
        identifies: false,
        if: { test: () => true, otherwise: "nothing", description: "" },
      },
      "b.d": "replaces",
      f: "waits-for-provider",
      g: "updates",
    });
    expect(fields.replacing).toEqual(["a", "b.c", "b.d"]);
    expect(fields.identifying).toEqual(["a"]);
  });
});

describe("diffInputs and a conditional replace", () => {
  const schema = z.strictObject({ held: z.string().optional(), pin: z.string().optional(), n: z.number() });
  type State = { held?: string; pin?: string; n: number; owner: string };
  const tested: unknown[][] = [];
  const conditional = (otherwise: "nothing" | "updates") =>
    inputFields<typeof schema, State>(schema, {
      held: "updates",
      pin: {
        change: "replaces",
        identifies: false,
        if: {
          test: (olds, news, id) => {
            tested.push([olds.pin, news.pin, id]);
            return news.pin !== olds.owner && news.pin !== id;
          },
          otherwise,
          description: "replaces the resource when it names another owner; naming the owner changes nothing",
        },
      },
      n: "replaces",
    });
  const olds: State = { pin: "a", n: 1, owner: "o" };

  it("runs the test only when the values differ, with the state, the new inputs and the id", () => {
    tested.length = 0;
    expect(diffInputs(conditional("nothing"), olds, { pin: "a", n: 1 }, "id1")).toEqual({
      changed: [],
      replacing: [],
      replaces: [],
    });
    expect(tested).toEqual([]);
    expect(diffInputs(conditional("nothing"), olds, { pin: "x", n: 1 }, "id1")).toEqual({
      changed: ["pin"],
      replacing: ["pin"],
      replaces: ["pin"],
    });
    expect(tested).toEqual([["a", "x", "id1"]]);
  });

  it("counts a change its test exempts as no change, or as an update in place, as the entry says", () => {
    expect(diffInputs(conditional("nothing"), olds, { pin: "o", n: 1 }, "id1")).toEqual({
      changed: [],
      replacing: [],
      replaces: [],
    });
    expect(diffInputs(conditional("nothing"), olds, { pin: "id1", n: 2 }, "id1")).toEqual({
      changed: ["n"],
      replacing: ["n"],
      replaces: ["n"],
    });
    expect(diffInputs(conditional("updates"), olds, { pin: "o", n: 1 }, "id1")).toEqual({
      changed: ["pin"],
      replacing: [],
      replaces: [],
    });
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

  // The doc comment is what an editor shows on the SDK's args, where the reference page is not seen, so it says
  // what a change does too; the change entry is what the diff runs and the page prints, and the comment must agree.
  it.each(leaves.map((f) => [f.path, f] as const))(
    "%s: its doc comment agrees with its change entry",
    (_, field) => {
      const entry = field.change!;
      const says = {
        replaces: /replac/i,
        updates: /updates?\s+in\s+place/i,
        "waits-for-provider": /waits\s+for\s+the\s+provider/i,
        records: /changes\s+nothing\s+on\s+Megaport/i,
      }[entry.change];
      expect(field.doc).toMatch(says);
      if (entry.change === "updates") expect(field.doc).not.toMatch(/replaces (the|a|this)/i);
      const unless = entry.replacesIf?.otherwise;
      if (unless) {
        // A conditional replace says when it does not replace, in the comment and in the page's wording alike.
        const exempt = { nothing: /changes\s+nothing/i, updates: /does\s+not|in\s+place/i }[unless];
        expect(field.doc).toMatch(exempt);
        expect(changeWording(entry)).toMatch(/^replaces the resource when /);
        expect(changeWording(entry)).toMatch(exempt);
      }
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
