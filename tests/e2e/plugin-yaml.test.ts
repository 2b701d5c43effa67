// The real CLI runs a `runtime: yaml` program whose resources are served by the provider plugin
// (bin/pulumi-resource-megaport-mx over dist/: `npm run build` first), found on PATH: the default provider with its
// settings as stack config under `megaport-mx:`, and an explicit provider with another company's key. pulumi up,
// edits updated in place, a VXC replaced by another A-end port (create-before-delete), pulumi destroy, against a
// simulator.
import { SEED } from "../../simulator/seed";
import { backendText, collect, type E2eStack } from "../support/pulumi-stack";
import { CONFIG, pluginYamlStack } from "./plugin-yaml-stack";
import { startWorld, visibleVxcs, type World } from "../support/world";
import { expectReplacedMakeBeforeBreak } from "./vxc-replacement";

describe("a Pulumi YAML program declaring megaport-mx resources through the provider plugin", () => {
  let world: World;
  let e2e: E2eStack;

  beforeAll(
    async () => {
      world = await startWorld();
      e2e = await pluginYamlStack(world, { stackName: "plugin-yaml", acmePort: SEED.ports.acmeSydAuto.uid });
    },
    15 * 60 * 1000,
  );

  afterAll(async () => {
    await e2e?.cleanup();
    await world?.close();
  });

  it("creates a MarketplaceProfile and a VxcConnection with pulumi up, updates both in place, replaces the VXC (new one LIVE before the old one goes), and destroys them", async () => {
    const outputsOf = (outputs: Record<string, { value: unknown }>) =>
      Object.fromEntries(Object.entries(outputs).map(([name, { value }]) => [name, value]));

    const up = await e2e.stack.up({ onOutput: collect(e2e) });
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 4 }); // the stack, the explicit provider, the profile, the VXC (not the default provider)
    const outputs = outputsOf(up.outputs);
    expect(outputs).toMatchObject({
      profileId: SEED.companies.acme.uid,
      companyUid: SEED.companies.acme.uid,
      companyBio: "Transit.",
      vxcRateLimit: 100,
      vxcStatus: "LIVE",
    });
    expect(await world.acme.getMarketplaceProfile()).toMatchObject({
      companyName: "Acme Networks",
      contactEmail: "sales@acme.example",
      companyBio: "Transit.",
      profileVisibility: "PUBLIC",
    });
    const vxcUid = outputs.vxcUid as string;
    expect(await world.globex.getVxc(vxcUid)).toMatchObject({
      productName: "Globex to Acme Sydney Instant",
      rateLimit: 100,
      provisioningStatus: "LIVE",
    });

    await e2e.stack.setConfig(`${CONFIG}:companyBio`, { value: "Transit and peering." });
    await e2e.stack.setConfig(`${CONFIG}:rateLimit`, { value: "200" });
    const edit = await e2e.stack.up({ onOutput: collect(e2e) });
    expect(edit.summary.result).toBe("succeeded");
    expect(edit.summary.resourceChanges).toEqual({ update: 2, same: 2 });
    expect(outputsOf(edit.outputs)).toMatchObject({
      companyBio: "Transit and peering.",
      vxcUid,
      vxcRateLimit: 200,
    });
    expect((await world.acme.getMarketplaceProfile()).companyBio).toBe("Transit and peering.");
    expect((await world.globex.getVxc(vxcUid)).rateLimit).toBe(200);

    // Another A-end port replaces the VXC: the engine creates the new one (LIVE) before it deletes the old one.
    await e2e.stack.setConfig(`${CONFIG}:globexPort`, { value: SEED.ports.globexSydBlue.uid });
    const replace = await e2e.stack.up({ onOutput: collect(e2e) });
    expect(replace.summary.result).toBe("succeeded");
    expect(replace.summary.resourceChanges).toEqual({ replace: 1, same: 3 });
    const newUid = replace.outputs.vxcUid.value as string;
    expect(outputsOf(replace.outputs)).toMatchObject({ vxcRateLimit: 200, vxcStatus: "LIVE" });
    const replacement = await expectReplacedMakeBeforeBreak(
      world.sim,
      "Globex to Acme Sydney Instant",
      vxcUid,
      newUid,
    );
    expect(replacement).toMatchObject({ aEndProductUid: SEED.ports.globexSydBlue.uid, rateLimit: 200 });
    await e2e.stack.preview({ expectNoChanges: true, onOutput: collect(e2e) });

    const destroy = await e2e.stack.destroy({ onOutput: collect(e2e) });
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 4 });
    expect((await world.acme.getMarketplaceProfile()).profileVisibility).toBe("PRIVATE");
    const after = (await visibleVxcs(world.globex)).get(newUid);
    expect(after?.provisioningStatus ?? "DECOMMISSIONED").toBe("DECOMMISSIONED");

    // Neither company's secret key reaches what the CLI printed or the state on disk.
    const haystack = e2e.output.join("\n") + backendText(e2e);
    for (const secret of world.secrets()) expect(haystack).not.toContain(secret);
  });
});
