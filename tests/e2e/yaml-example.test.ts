// examples/yaml as its README runs it, against a simulator: the Pulumi YAML program orders a VXC to Acme by provider
// name and location through the provider plugin, waits for LIVE, updates its rate limit in place, and destroys it.
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { FAST_PROVIDER_ENV, startWorld, type World } from "../support/world";

describe("examples/yaml", () => {
  let world: World;
  let e2e: E2eStack;

  beforeAll(async () => {
    world = await startWorld({
      timings: { deployableMs: 200, configuredMs: 200, cancelledMs: 400, tickMs: 20 },
    });
    e2e = await createStack(path.join(REPO_ROOT, "examples/yaml"), {
      stackName: "dev",
      yamlHost: true,
      plugin: true,
      envVars: FAST_PROVIDER_ENV,
      config: {
        ...world.configFor("globex", "megaport-mx"),
      },
    });
  }, 60_000);

  afterAll(async () => {
    await e2e?.cleanup();
    await world?.close();
  });

  it(
    "orders a VXC to Acme by provider name, updates its rate limit, and destroys it",
    async () => {
      const up = await e2e.stack.up({ onOutput: collect(e2e) });
      const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, { value }]) => [k, value]));
      expect(outputs).toMatchObject({
        provider: "Acme Networks",
        port: SEED.ports.acmeSydAuto.name,
        status: "LIVE",
      });
      const uid = outputs.vxcUid as string;
      await e2e.stack.setConfig("rateLimit", { value: "200" });
      const edit = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(edit.summary.resourceChanges).toEqual({ update: 1, same: 1 });
      expect(await world.globex.getVxc(uid)).toMatchObject({ rateLimit: 200, provisioningStatus: "LIVE" });
      await e2e.stack.destroy({ onOutput: collect(e2e) });
      expect((await world.globex.getVxc(uid)).provisioningStatus).toBe("DECOMMISSIONED");
    },
    4 * 60_000,
  );
});
