// The real CLI runs a TypeScript program that declares a VxcConnection through the plugin's generated SDK
// (`megaport-mx/plugin-sdk`: sdks/nodejs compiled into dist/plugin-sdk, `npm run build` first), so the provider plugin
// (bin/pulumi-resource-megaport-mx on PATH) serves it: pulumi up orders a VXC to Acme by provider name and waits for
// LIVE, a higher rate limit updates it in place, a B-end VLAN replaces it by a move (make-before-break on the same
// A-end VLAN), pulumi destroy cancels it; against a simulator.
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { backendText, collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { startWorld, visibleVxcs, type World } from "../support/world";
import { expectReplacedMakeBeforeBreak } from "./vxc-replacement";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-sdk-typescript");

describe("a TypeScript program declaring a VxcConnection through the plugin's generated SDK", () => {
  let world: World;
  let e2e: E2eStack;

  beforeAll(
    async () => {
      world = await startWorld();
      e2e = await createStack(PROGRAM, {
        stackName: "plugin-sdk-typescript",
        plugin: true,
        config: {
          ...world.configFor("globex", "megaport-mx"),
          "megaport-mx-plugin-sdk-typescript:globexPort": SEED.ports.globexSydRed.uid,
          "megaport-mx-plugin-sdk-typescript:rateLimit": "100",
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
    "orders a VXC to Acme by provider name that goes LIVE, raises its rate limit in place, replaces it by a move (new one LIVE before the old one goes), and cancels it, as megaport-mx:index:VxcConnection",
    async () => {
      const outputsOf = (outputs: Record<string, { value: unknown }>) =>
        Object.fromEntries(Object.entries(outputs).map(([name, { value }]) => [name, value]));

      const up = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(up.summary.result).toBe("succeeded");
      expect(up.summary.resourceChanges).toEqual({ create: 2 }); // the stack and the VXC (not the default provider)
      const outputs = outputsOf(up.outputs);
      expect(outputs).toEqual({
        vxcUid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: "LIVE",
        acmePort: SEED.ports.acmeSydAuto.name,
        rateLimit: 100,
      });
      const vxcUid = outputs.vxcUid as string;
      expect(await world.globex.getVxc(vxcUid)).toMatchObject({
        productName: "Globex to Acme through the plugin SDK",
        rateLimit: 100,
        provisioningStatus: "LIVE",
      });
      // Served by the plugin, under its own type token, not by the dynamic provider.
      const state = (await e2e.stack.exportStack()).deployment as { resources: { type: string }[] };
      const types = state.resources.map((resource) => resource.type);
      expect(types).toContain("megaport-mx:index:VxcConnection");
      expect(types).toContain("pulumi:providers:megaport-mx");
      expect(types.filter((type) => type.startsWith("pulumi-nodejs:"))).toEqual([]);

      await e2e.stack.setConfig("megaport-mx-plugin-sdk-typescript:rateLimit", { value: "200" });
      const edit = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(edit.summary.result).toBe("succeeded");
      expect(edit.summary.resourceChanges).toEqual({ update: 1, same: 1 });
      expect(outputsOf(edit.outputs)).toMatchObject({ vxcUid, rateLimit: 200, status: "LIVE" });
      expect((await world.globex.getVxc(vxcUid)).rateLimit).toBe(200);

      // A B-end VLAN replaces the VXC on the same A-end port and VLAN: the move orders the new one on a free VLAN,
      // cancels the old one once the new one is LIVE, then moves the new one onto VLAN 402.
      await e2e.stack.setConfig("megaport-mx-plugin-sdk-typescript:acmeVlan", { value: "77" });
      const replace = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(replace.summary.result).toBe("succeeded");
      expect(replace.summary.resourceChanges).toEqual({ replace: 1, same: 1 });
      const newUid = replace.outputs.vxcUid.value as string;
      expect(outputsOf(replace.outputs)).toMatchObject({ rateLimit: 200, status: "LIVE" });
      await expectReplacedMakeBeforeBreak(world.sim, "Globex to Acme through the plugin SDK", vxcUid, newUid);
      expect(await world.globex.getVxc(newUid)).toMatchObject({
        aEnd: { productUid: SEED.ports.globexSydRed.uid, vlan: 402 },
        bEnd: { productUid: SEED.ports.acmeSydAuto.uid, vlan: 77 },
      });
      await e2e.stack.preview({ expectNoChanges: true, onOutput: collect(e2e) });

      const destroy = await e2e.stack.destroy({ onOutput: collect(e2e) });
      expect(destroy.summary.result).toBe("succeeded");
      expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
      const after = (await visibleVxcs(world.globex)).get(newUid);
      expect(after?.provisioningStatus ?? "DECOMMISSIONED").toBe("DECOMMISSIONED");

      // Globex's secret key reaches neither what the CLI printed nor the state on disk.
      const haystack = e2e.output.join("\n") + backendText(e2e);
      for (const secret of world.secrets()) expect(haystack).not.toContain(secret);
    },
    10 * 60_000,
  );
});
