// `pulumi import` through the provider plugin into a TypeScript program on the generated SDK
// (`megaport-mx/plugin-sdk`; bin/pulumi-resource-megaport-mx over dist/: `npm run build` first), against a
// simulator: a VXC Globex ordered in the "portal" is imported by UID; the TypeScript the CLI prints imports the
// generated SDK (the schema's nodejs packageName), and added to the program unedited, compiles and previews with no
// changes; destroy, once unprotected, cancels the VXC.
import * as fs from "node:fs";
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { backendText, collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { startWorld, type World } from "../support/world";
import { portalVxc, pulumi } from "./plugin-import-cli";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-import-typescript");
const VXC = "megaport-mx:index:VxcConnection";

describe("pulumi import of a VXC through the provider plugin, into a TypeScript program on the generated SDK", () => {
  let world: World;
  let e2e: E2eStack;

  beforeAll(
    async () => {
      world = await startWorld();
      e2e = await createStack(PROGRAM, {
        stackName: "plugin-import-typescript",
        plugin: true,
        config: {
          ...world.configFor("globex", "megaport-mx"),
        },
      });
    },
    15 * 60 * 1000,
  );

  afterAll(async () => {
    await e2e?.cleanup();
    await world?.close();
  });

  it(
    "prints TypeScript code on megaport-mx/plugin-sdk that, added to the program as printed, previews with no changes, and the stack holds the VXC",
    async () => {
      const ports = SEED.ports;
      const uid = await portalVxc(world, "globexAdmin", {
        from: ports.globexSydRed.uid,
        to: ports.acmeSydAuto.uid,
        name: "Globex to Acme (portal)",
        rateLimit: 200,
        aVlan: 321,
        term: 12,
      });

      const out = path.join(e2e.tmpDir, "import.ts");
      const imported = await pulumi(e2e, ["import", VXC, "portalVxc", uid, "--yes", "--out", out]);
      expect({ code: imported.code, printed: imported.stdout + imported.stderr }).toEqual({
        code: 0,
        printed: expect.not.stringMatching(/failed to validate|error:/),
      });
      // The code as printed, unedited: it must declare the plugin's resource, through the generated SDK. (A bare
      // "megaport-mx" would be the dynamic resources' SDK, which has a VxcConnection too: the code would compile and
      // declare a second, dynamic VXC beside the imported one.)
      const code = fs.readFileSync(out, "utf8");
      expect(code).toContain('import * as megaport_mx from "megaport-mx/plugin-sdk";');
      expect(code).toMatch(/new megaport_mx\.VxcConnection\("portalVxc", \{/);
      expect(code).toContain("protect: true");
      fs.appendFileSync(path.join(e2e.workDir, "index.ts"), code);

      const preview = await e2e.stack.preview({ expectNoChanges: true, onOutput: collect(e2e) });
      expect(preview.changeSummary).toEqual({ same: 2 }); // the default provider and the VXC
      const up = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(up.summary.resourceChanges).toEqual({ same: 2 });
      const state = (await e2e.stack.exportStack()).deployment as {
        resources: { type: string; id?: string }[];
      };
      expect(state.resources.filter((r) => r.type === VXC).map((r) => r.id)).toEqual([uid]);
      expect(state.resources.filter((r) => r.type.startsWith("pulumi-nodejs:"))).toEqual([]);
      expect(await world.globex.getVxc(uid)).toMatchObject({ rateLimit: 200, provisioningStatus: "LIVE" });

      // Once unprotected, destroy cancels the imported VXC: the stack holds it.
      expect((await pulumi(e2e, ["state", "unprotect", "--all", "--yes"])).code).toBe(0);
      const destroy = await e2e.stack.destroy({ onOutput: collect(e2e) });
      expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
      expect((await world.globex.getVxc(uid)).provisioningStatus).toBe("DECOMMISSIONED");

      const haystack = e2e.output.join("\n") + backendText(e2e);
      for (const secret of world.secrets()) expect(haystack).not.toContain(secret);
    },
    10 * 60_000,
  );
});
