// The real CLI runs a `runtime: yaml` program whose resources are served by the provider plugin
// (bin/pulumi-resource-megaport-mx over dist/: `npm run build` first), found on PATH, with the provider's settings as
// stack config under `megaport-mx:`: pulumi up, an edit updated in place, pulumi destroy, against a simulator.
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { collect, createStack, E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { clientFor } from "../support/simulator-clients";
import { startTestSimulator, type Simulator } from "../support/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-yaml");

describe("a Pulumi YAML program declaring megaport-mx resources through the provider plugin", () => {
  let sim: Simulator;
  let e2e: E2eStack;

  beforeAll(
    async () => {
      sim = await startTestSimulator();
      const key = SEED.apiKeys.acmeAdmin;
      e2e = await createStack(PROGRAM, {
        stackName: "plugin-yaml",
        yamlHost: true,
        plugin: true,
        config: {
          "megaport-mx:accessKey": key.accessKey,
          "megaport-mx:secretKey": key.secretKey,
          "megaport-mx:baseUrl": sim.url,
          "megaport-mx:tokenUrl": sim.tokenUrl,
          "megaport-mx-plugin-yaml:companyBio": "Transit.",
        },
      });
    },
    15 * 60 * 1000,
  );

  afterAll(async () => {
    await e2e?.cleanup();
    await sim?.close();
  });

  it("creates a MarketplaceProfile with pulumi up, updates it in place, and destroys it", async () => {
    const portal = clientFor(sim, SEED.apiKeys.acmeAdmin);
    const outputsOf = (outputs: Record<string, { value: unknown }>) =>
      Object.fromEntries(Object.entries(outputs).map(([name, { value }]) => [name, value]));

    const up = await e2e.stack.up({ onOutput: collect(e2e) });
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 2 }); // the stack and the profile (providers are not counted)
    expect(outputsOf(up.outputs)).toEqual({
      profileId: SEED.companies.acme.uid,
      companyUid: SEED.companies.acme.uid,
      companyBio: "Transit.",
    });
    expect(await portal.getMarketplaceProfile()).toMatchObject({
      companyName: "Acme Networks",
      contactEmail: "sales@acme.example",
      companyBio: "Transit.",
      profileVisibility: "PUBLIC",
    });

    await e2e.stack.setConfig("megaport-mx-plugin-yaml:companyBio", { value: "Transit and peering." });
    const edit = await e2e.stack.up({ onOutput: collect(e2e) });
    expect(edit.summary.result).toBe("succeeded");
    expect(edit.summary.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(outputsOf(edit.outputs)).toMatchObject({ companyBio: "Transit and peering." });
    expect((await portal.getMarketplaceProfile()).companyBio).toBe("Transit and peering.");

    const destroy = await e2e.stack.destroy({ onOutput: collect(e2e) });
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect((await portal.getMarketplaceProfile()).profileVisibility).toBe("PRIVATE");

    // The secret settings never reach what the CLI printed.
    expect(e2e.output.join("\n")).not.toContain(SEED.apiKeys.acmeAdmin.secretKey);
  });
});
