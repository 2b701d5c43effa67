// The SDKs under sdks/ are what `npm run sdks` writes today: `pulumi package gen-sdk` on provider/plugin/schema.json
// through each language's host (scripts/sdks.ts), so they are derived and never edited by hand: the TypeScript and
// Go SDKs byte for byte; the others by the schema they were generated from (their hosts are not built for tests). And
// the TypeScript SDK, as the package ships it (dist/plugin-sdk, `megaport-mx/plugin-sdk`), registers each kind under
// the plugin's type token at the package's version, which is how the engine finds the installed plugin. No
// package.json of ours claims a plugin: the Node.js language host reads every package.json under a program's
// node_modules (this checkout's too, through its self-link), and one that says `"pulumi": { "resource": true }`
// makes the CLI try to download that plugin for every program that installs megaport-mx.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KIND_NAMES } from "../../../provider/kinds/kinds";
import { pluginTypeToken } from "../../../scripts/plugin-schema";
import {
  GENERATED_FROM,
  generateSdks,
  REGENERATED_IN_TESTS,
  schemaStamp,
  SDK_LANGUAGES,
  SDKS_DIR,
} from "../../../scripts/sdks";
import { pluginPackageJsons } from "../../support/plugin-package-jsons";

const ROOT = path.join(__dirname, "../../..");

/** Every file under `dir`, by path relative to it, with its bytes as text. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files[rel] = fs.readFileSync(path.join(dir, rel)).toString("base64");
    }
  };
  walk("");
  return files;
}

describe("the generated SDKs", () => {
  let out: string;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-sdks-test-"));
    await generateSdks(out, REGENERATED_IN_TESTS);
  }, 20 * 60_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it.each([...REGENERATED_IN_TESTS])(
    `${SDKS_DIR}/%s is what npm run sdks writes (run \`npm run sdks\` when this fails)`,
    (language) => {
      const committed = tree(path.join(ROOT, SDKS_DIR, language));
      expect(Object.keys(committed).length).toBeGreaterThan(5);
      expect(committed).toEqual(tree(path.join(out, language)));
    },
  );

  it.each(SDK_LANGUAGES.filter((language) => !REGENERATED_IN_TESTS.includes(language)))(
    `${SDKS_DIR}/%s was generated from the schema as it is now (run \`npm run sdks\` when this fails)`,
    (language) => {
      const stamp = fs.readFileSync(path.join(ROOT, SDKS_DIR, language, GENERATED_FROM), "utf8");
      expect(stamp).toBe(schemaStamp());
    },
  );

  it(`${SDKS_DIR}/ holds a folder for each generated language and nothing else`, () => {
    expect(fs.readdirSync(path.join(ROOT, SDKS_DIR)).sort()).toEqual([...SDK_LANGUAGES].sort());
  });

  it("the TypeScript SDK the package ships registers each kind under the plugin's type token, at the package's version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    // Through the self-link, as a user's program imports it: plugin-sdk/package.json → dist/plugin-sdk.
    const sdk = require("megaport-mx/plugin-sdk") as Record<string, { __pulumiType?: string }>;
    for (const kind of KIND_NAMES) expect(sdk[kind].__pulumiType).toBe(pluginTypeToken(kind));
    const utilities = require("megaport-mx/dist/plugin-sdk/utilities") as {
      resourceOptsDefaults(): { version?: string };
    };
    expect(utilities.resourceOptsDefaults().version).toBe(pkg.version);
  });

  it("no package.json in this checkout or its build says it comes with a resource plugin", () => {
    expect(fs.existsSync(path.join(ROOT, "dist", "plugin-sdk", "package.json"))).toBe(true);
    expect(pluginPackageJsons(ROOT)).toEqual([]);
  });
});
