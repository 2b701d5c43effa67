// The Pulumi package schema of the provider plugin (pulumi-resource-megaport-mx, issue 17), generated from what the
// code already says once: the table of kinds (type names, secret inputs), the zod schemas (types, required or not,
// through zod's own JSON Schema export), their doc comments (read as the reference pages read them,
// scripts/reference-docs.ts) and the change entries (a change that always replaces is `willReplaceOnChanges`).
// `npm run schema` writes provider/plugin/schema.json; a test fails when the file is not what this would write, and
// another hands it to the real CLI (`pulumi package gen-sdk`). It lives here and not in the plugin's folder because
// it reads the doc comments with the TypeScript compiler, a development tool the plugin never loads.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { ENVIRONMENTS, type SettingName } from "../provider/config/provider-config";
import type { FieldChange } from "../provider/kinds/input-fields";
import { KIND_NAMES, KINDS, type KindName, PLUGIN_PACKAGE, pluginTypeToken } from "../provider/kinds/kinds";
import { REPO_ROOT } from "./pulumi-cli-root";
import { type FieldDoc, importSection, kindReferences } from "./reference-docs";

/** The plugin's package name: its type tokens are `megaport-mx:index:<Kind>` (kinds.ts `pluginTypeToken`). */
export const PACKAGE_NAME = PLUGIN_PACKAGE;
/** Where `npm run schema` writes the schema, relative to the repository root. */
export const SCHEMA_FILE = "provider/plugin/schema.json";

export { pluginTypeToken };

/** A property of Pulumi's package schema (pkg/codegen/schema's PropertySpec), the parts we use. */
export interface PropertySpec {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  oneOf?: PropertySpec[];
  description?: string;
  secret?: boolean;
  /**
   * The provider replaces the resource when this changes: documentation and the SDKs' doc comments only. Not
   * `replaceOnChanges`, which makes the engine replace on its own reading of the change: the kind's diff alone
   * decides (a replaced VXC is a new circuit), as for the dynamic resources.
   */
  willReplaceOnChanges?: boolean;
  default?: unknown;
}

interface ObjectTypeSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface ResourceSpec {
  description?: string;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
  required: string[];
}

export interface PackageSchema {
  name: string;
  version: string;
  displayName: string;
  description: string;
  license: string;
  repository?: string;
  config: { variables: Record<string, PropertySpec> };
  provider: { description: string; inputProperties: Record<string, PropertySpec> };
  resources: Record<string, ResourceSpec>;
  types: Record<string, ObjectTypeSpec>;
  meta: { supportPack: boolean };
  language: typeof SDK_LANGUAGE_OPTIONS;
}

/**
 * What each generated SDK (`npm run sdks`, scripts/sdks.ts) takes from the schema beyond the resources: every SDK
 * registers its resources at the schema's version (the package's), so the engine runs the plugin that
 * `npx megaport-mx plugin install` installed at that version; the TypeScript SDK ships in this package
 * (`megaport-mx/plugin-sdk`), which is also the module the TypeScript code `pulumi import` prints imports (a bare
 * `megaport-mx` is the dynamic resources' SDK, whose VxcConnection that code would compile against and declare a
 * second VXC with); the Go SDK's import path is its folder in this repository.
 */
/** Where `npm run sdks` (scripts/sdks.ts) writes the SDKs, one folder per language, relative to the repository root. */
export const SDKS_DIR = "sdks";
/** The Go SDK's module: its folder in this repository. */
export const GO_SDK_MODULE = `github.com/megaport-mx/megaport-mx/${SDKS_DIR}/go`;

export const SDK_LANGUAGE_OPTIONS = {
  nodejs: { packageName: "megaport-mx/plugin-sdk", respectSchemaVersion: true },
  go: { importBasePath: `${GO_SDK_MODULE}/megaportmx`, respectSchemaVersion: true },
  python: { respectSchemaVersion: true },
  csharp: { respectSchemaVersion: true },
};

/** JSON Schema as zod writes it, the parts that occur in our schemas. */
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
}

/**
 * The provider's settings, as stack config (`megaport-mx:<name>`) and as explicit provider inputs. Their meaning is
 * provider/config/provider-config.ts's (`resolveSettings`), which reads the same names.
 */
const SETTINGS: Record<SettingName, PropertySpec> = {
  accessKey: {
    type: "string",
    description: "The Megaport API access key (else MEGAPORT_ACCESS_KEY).",
  },
  secretKey: {
    type: "string",
    secret: true,
    description: "The Megaport API secret key (else MEGAPORT_SECRET_KEY). Kept secret.",
  },
  environment: {
    type: "string",
    description:
      `Which Megaport to talk to: ${ENVIRONMENTS.map((e) => `"${e}"`).join(", ")} (else MEGAPORT_ENVIRONMENT; ` +
      `the local simulator when neither an environment nor a baseUrl is set).`,
  },
  baseUrl: {
    type: "string",
    description: "The API's base URL, instead of an environment's (else MEGAPORT_BASE_URL).",
  },
  tokenUrl: {
    type: "string",
    description: "The token endpoint's URL, instead of the environment's (else MEGAPORT_TOKEN_URL).",
  },
};

/** "aEnd" → "AEnd", "rules" → "Rule" (a list's element type is named for one of them). */
function typeName(segment: string, element: boolean): string {
  const pascal = segment.charAt(0).toUpperCase() + segment.slice(1);
  return element && pascal.endsWith("s") ? pascal.slice(0, -1) : pascal;
}

/** Converts one kind's zod JSON Schema to Pulumi properties, naming its nested objects under `types`. */
class KindConverter {
  constructor(
    private readonly kind: KindName,
    private readonly docs: ReadonlyMap<string, FieldDoc>,
    private readonly changes: Readonly<Record<string, FieldChange<unknown, unknown>>>,
    private readonly secrets: readonly string[],
    readonly types: Record<string, ObjectTypeSpec>,
  ) {}

  /** The properties of an object schema; `docPath` is the reference pages' path prefix ("rules[].match."). */
  properties(schema: JsonSchema, docPath: string, name: string): Record<string, PropertySpec> {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([key, field]) => {
        const fieldPath = docPath + key;
        const spec = this.property(field, fieldPath, name + typeName(key, false));
        const doc = this.docs.get(fieldPath);
        const change = this.changes[fieldPath];
        // The doc comments say what a change does, as the reference pages show them.
        if (doc?.doc) spec.description = doc.doc;
        if (change?.change === "replaces" && !change.replacesIf) spec.willReplaceOnChanges = true;
        if (docPath === "" && this.secrets.includes(key)) spec.secret = true;
        return [key, spec];
      }),
    );
  }

  /** Names of an object schema's fields that always hold a value: required, or defaulted by the check. */
  static required(schema: JsonSchema, defaultsCount: boolean): string[] {
    return Object.entries(schema.properties ?? {})
      .filter(([key, field]) => {
        if (defaultsCount && field.default !== undefined) return true;
        return (schema.required ?? []).includes(key) && !KindConverter.nullable(field);
      })
      .map(([key]) => key);
  }

  private static nullable(schema: JsonSchema): boolean {
    return (
      (Array.isArray(schema.type) && schema.type.includes("null")) ||
      (schema.anyOf ?? []).some((branch) => branch.type === "null")
    );
  }

  private property(schema: JsonSchema, docPath: string, name: string): PropertySpec {
    const branches = (schema.anyOf ?? []).filter((branch) => branch.type !== "null");
    if (branches.length === 1)
      return this.property({ ...branches[0], default: schema.default }, docPath, name);
    if (branches.length > 1) return { oneOf: branches.map((branch) => this.property(branch, docPath, name)) };
    const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== "null") : [schema.type];
    if (type.length !== 1)
      throw new Error(`${this.kind}.${docPath}: no Pulumi type for ${JSON.stringify(schema)}`);
    const spec = this.scalarOrNested(type[0], schema, docPath, name);
    if (schema.default !== undefined && spec.type !== "array" && spec.type !== "object" && !spec.$ref)
      spec.default = schema.default;
    return spec;
  }

  private scalarOrNested(
    type: string | undefined,
    schema: JsonSchema,
    docPath: string,
    name: string,
  ): PropertySpec {
    switch (type) {
      case "string":
      case "boolean":
      case "integer":
        return { type };
      case "number":
        // A choice of whole numbers (the VXC's term) is an integer to every language.
        return schema.enum?.every((v) => Number.isInteger(v)) ? { type: "integer" } : { type: "number" };
      case "array":
        if (!schema.items) throw new Error(`${this.kind}.${docPath}: a list without an element type`);
        return { type: "array", items: this.property(schema.items, `${docPath}[]`, typeName(name, true)) };
      case "object": {
        if (!schema.properties) {
          const values = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
          return { type: "object", additionalProperties: this.property(values, `${docPath}.*`, name) };
        }
        const token = `${PACKAGE_NAME}:index:${this.kind}${name}`;
        this.types[token] = {
          type: "object",
          description: this.docs.get(docPath.replace(/\[\]$/, ""))?.doc || undefined,
          properties: this.properties(schema, `${docPath}.`, name),
          required: KindConverter.required(schema, false),
        };
        return { $ref: `#/types/${token}` };
      }
      case undefined:
        return { $ref: "pulumi.json#/Any" };
      default:
        throw new Error(`${this.kind}.${docPath}: no Pulumi type for JSON Schema type ${type}`);
    }
  }
}

/** The package schema, from the kinds and the references `kindReferences` reads from the sources under `root`. */
export function packageSchema(root = REPO_ROOT): PackageSchema {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    description: string;
    license: string;
  };
  const types: Record<string, ObjectTypeSpec> = {};
  const references = new Map(kindReferences(root).map((ref) => [ref.kind, ref]));
  const resources = Object.fromEntries(
    KIND_NAMES.map((kind) => {
      const ref = references.get(kind)!;
      const docs = new Map([...ref.outputs, ...ref.inputs].map((field) => [field.path, field]));
      const convert = new KindConverter(
        kind,
        docs,
        KINDS[kind].inputs.changes,
        KINDS[kind].secretInputs,
        types,
      );
      const inputs = z.toJSONSchema(KINDS[kind].inputsSchema, { io: "input" }) as JsonSchema;
      const computed = z.toJSONSchema(KINDS[kind].computedSchema, { io: "output" }) as JsonSchema;
      const inputProperties = convert.properties(inputs, "", "");
      const computedProperties = convert.properties(computed, "", "");
      const clash = Object.keys(computedProperties).filter((key) => key in inputProperties);
      if (clash.length) throw new Error(`${kind}: ${clash.join(", ")} both an input and a computed output`);
      const spec: ResourceSpec = {
        description: `${ref.summary}\n\n${importSection(kind).join("\n")}`,
        inputProperties,
        requiredInputs: KindConverter.required(inputs, false),
        // Every input is also an output, as the check left it: defaults filled in.
        properties: { ...inputProperties, ...computedProperties },
        required: [...KindConverter.required(inputs, true), ...KindConverter.required(computed, false)],
      };
      return [pluginTypeToken(kind), spec];
    }),
  );
  return {
    name: PACKAGE_NAME,
    version: pkg.version,
    displayName: "Megaport Marketplace",
    description: pkg.description,
    license: pkg.license,
    config: { variables: SETTINGS },
    provider: {
      description: "The megaport-mx provider: which Megaport, and the API key it uses.",
      inputProperties: SETTINGS,
    },
    resources,
    types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))),
    // SDKs laid out as packages of their own: the Go SDK gets its go.mod (module github.com/megaport-mx/megaport-mx/sdks/go).
    meta: { supportPack: true },
    language: SDK_LANGUAGE_OPTIONS,
  };
}

/** The schema as `npm run schema` writes it. */
export function schemaText(root = REPO_ROOT): string {
  return `${JSON.stringify(packageSchema(root), null, 2)}\n`;
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(path.join(REPO_ROOT, SCHEMA_FILE)), { recursive: true });
  fs.writeFileSync(path.join(REPO_ROOT, SCHEMA_FILE), schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
