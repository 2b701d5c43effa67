// The provider plugin's package schema (provider/plugin/schema.json) is what `npm run schema` writes from the kinds
// today, names every input and computed output of every kind with its type and secret flag, and the real CLI
// accepts it: `pulumi package gen-sdk` generates a Node.js SDK from it, and refuses a schema that is not well formed.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isolatedPulumiEnv, pulumiCliRoot } from "../../../scripts/pulumi-cli-root";
import {
  type PackageSchema,
  type PropertySpec,
  pluginTypeToken,
  SCHEMA_FILE,
  schemaText,
} from "../../../scripts/plugin-schema";
import { leafPaths } from "../../../provider/kinds/input-fields";
import { computedOutputNames, KIND_NAMES, KINDS } from "../../../provider/kinds/kinds";

const ROOT = path.join(__dirname, "../../..");
const text = schemaText(ROOT);
const schema = JSON.parse(text) as PackageSchema;

/** The property at a dotted leaf path ("aEnd.productUid"), following nested object types. */
function propertyAt(properties: Record<string, PropertySpec>, leaf: string): PropertySpec | undefined {
  const [head, ...rest] = leaf.split(".");
  const spec = properties[head];
  if (!spec || rest.length === 0) return spec;
  const token = spec.$ref?.replace(/^#\/types\//, "");
  const nested = token === undefined ? undefined : schema.types[token];
  return nested && propertyAt(nested.properties, rest.join("."));
}

describe("the plugin's package schema", () => {
  it(`${SCHEMA_FILE} is current (run \`npm run schema\` when this fails)`, () => {
    expect(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8")).toBe(text);
  });

  it("is the megaport-mx package at package.json's version, its settings as config and provider inputs", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(schema.name).toBe("megaport-mx");
    expect(schema.version).toBe(pkg.version);
    for (const settings of [schema.config.variables, schema.provider.inputProperties]) {
      expect(Object.keys(settings).sort()).toEqual([
        "accessKey",
        "baseUrl",
        "environment",
        "secretKey",
        "tokenUrl",
      ]);
      expect(Object.keys(settings).filter((key) => settings[key].secret)).toEqual(["secretKey"]);
    }
  });

  it("holds exactly the four kinds, by their plugin type tokens", () => {
    expect(Object.keys(schema.resources).sort()).toEqual(
      KIND_NAMES.map((kind) => `megaport-mx:index:${kind}`).sort(),
    );
  });

  it.each(KIND_NAMES)("%s: every input leaf is an input and an output, typed and documented", (kind) => {
    const resource = schema.resources[pluginTypeToken(kind)];
    for (const leaf of leafPaths(KINDS[kind].inputsSchema)) {
      for (const properties of [resource.inputProperties, resource.properties]) {
        const spec = propertyAt(properties, leaf);
        expect({ leaf, typed: Boolean(spec && (spec.type || spec.$ref || spec.oneOf)) }).toEqual({
          leaf,
          typed: true,
        });
        expect({ leaf, documented: Boolean(spec?.description) }).toEqual({ leaf, documented: true });
      }
    }
  });

  it.each(KIND_NAMES)(
    "%s: secret exactly where the kind's secret inputs say, as input and output",
    (kind) => {
      const resource = schema.resources[pluginTypeToken(kind)];
      for (const properties of [resource.inputProperties, resource.properties]) {
        const secret = Object.keys(properties).filter((key) => properties[key].secret);
        expect(secret.sort()).toEqual([...KINDS[kind].secretInputs].sort());
      }
    },
  );

  it.each(KIND_NAMES)("%s: every computed output is a property, none an input", (kind) => {
    const resource = schema.resources[pluginTypeToken(kind)];
    for (const name of computedOutputNames(kind)) {
      expect(resource.properties[name]).toBeDefined();
      expect(resource.inputProperties[name]).toBeUndefined();
    }
  });

  it("carries the zod schemas' types, requirements and replaces", () => {
    const vxc = schema.resources[pluginTypeToken("VxcConnection")];
    expect(vxc.requiredInputs.sort()).toEqual(["aEnd", "name", "rateLimit"]);
    expect(vxc.inputProperties.rateLimit.type).toBe("integer");
    expect(vxc.inputProperties.term.type).toBe("integer");
    expect(vxc.inputProperties.serviceKey).toMatchObject({
      type: "string",
      secret: true,
      willReplaceOnChanges: true,
    });
    expect(
      propertyAt(vxc.inputProperties, "bEnd.location")
        ?.oneOf?.map((s) => s.type)
        .sort(),
    ).toEqual(["integer", "string"]);
    // Marked where a change always replaces, never as the engine-enforced replaceOnChanges: the kind's diff decides.
    for (const [leaf, change] of Object.entries(KINDS.VxcConnection.inputs.changes))
      expect({
        leaf,
        willReplace: propertyAt(vxc.inputProperties, leaf)?.willReplaceOnChanges === true,
      }).toEqual({
        leaf,
        willReplace: change.change === "replaces" && !change.replacesIf,
      });
    // Nullable computed outputs are not required; defaulted inputs are, as outputs (the check fills them in).
    expect(vxc.required).toContain("vxcUid");
    expect(vxc.required).not.toContain("approvalStatus");
    const profile = schema.resources[pluginTypeToken("MarketplaceProfile")];
    expect(profile.requiredInputs).not.toContain("visibility");
    expect(profile.required).toContain("visibility");
    expect(profile.inputProperties.visibility.default).toBe("public");
  });

  describe("with the real CLI", () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-schema-"));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const genSdk = (schemaFile: string, out: string) =>
      spawnSync(
        path.join(pulumiCliRoot(), "bin", "pulumi"),
        ["package", "gen-sdk", schemaFile, "--language", "nodejs", "--out", out],
        {
          encoding: "utf8",
          env: isolatedPulumiEnv({ home: path.join(dir, "home"), passphrase: "unused" }),
          timeout: 60_000,
        },
      );

    it("pulumi package gen-sdk makes a Node.js SDK with a class per kind", () => {
      const result = genSdk(path.join(ROOT, SCHEMA_FILE), path.join(dir, "sdk"));
      // Only its closing line: no warning about a type, a reference or a name.
      expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({
        status: 0,
        stderr: `SDK has been written to ${path.join(dir, "sdk", "nodejs")}`,
      });
      for (const kind of KIND_NAMES) {
        const file = path.join(dir, "sdk", "nodejs", `${kind.charAt(0).toLowerCase()}${kind.slice(1)}.ts`);
        const source = fs.readFileSync(file, "utf8");
        expect(source).toContain(`export class ${kind} extends pulumi.CustomResource`);
        expect(source).toContain(`__pulumiType = '${pluginTypeToken(kind)}'`);
      }
      const vxc = fs.readFileSync(path.join(dir, "sdk", "nodejs", "vxcConnection.ts"), "utf8");
      expect(vxc).toContain(
        'resourceInputs["serviceKey"] = args?.serviceKey ? pulumi.secret(args.serviceKey)',
      );
    });

    it("pulumi package gen-sdk refuses a schema that is not well formed", () => {
      const broken = JSON.parse(text) as PackageSchema;
      broken.resources[pluginTypeToken("VxcConnection")].requiredInputs.push("noSuchInput");
      const file = path.join(dir, "broken.json");
      fs.writeFileSync(file, JSON.stringify(broken));
      const result = genSdk(file, path.join(dir, "broken-sdk"));
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('unknown required property "noSuchInput"');
    });
  });
});
