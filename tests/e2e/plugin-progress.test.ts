// Progress per resource (issue 17): through the real CLI and the provider plugin (`npm run build` first), the wait on
// a provider that must accept is logged against the VxcConnection's URN, so the CLI shows it on the resource's row.
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { SEED } from "../../simulator/seed";
import { eventually } from "../support/eventually";
import { collect, createStack, E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { FAST_PROVIDER_ENV, startWorld, waitForPendingRequest, type World } from "../support/world";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-yaml");
const CONFIG = "megaport-mx-plugin-yaml";
const WAITING_FOR_ACME = /waiting for Acme Networks to accept the connection request/;

describe("the provider plugin's progress lines", () => {
  let world: World;
  let e2e: E2eStack;

  beforeAll(
    async () => {
      world = await startWorld();
      const acme = SEED.apiKeys.acmeAdmin;
      const globex = SEED.apiKeys.globexAdmin;
      e2e = await createStack(PROGRAM, {
        stackName: "plugin-progress",
        yamlHost: true,
        plugin: true,
        envVars: FAST_PROVIDER_ENV,
        config: {
          "megaport-mx:accessKey": acme.accessKey,
          "megaport-mx:secretKey": acme.secretKey,
          "megaport-mx:baseUrl": world.sim.url,
          "megaport-mx:tokenUrl": world.sim.tokenUrl,
          [`${CONFIG}:globexPort`]: SEED.ports.globexSydRed.uid,
          [`${CONFIG}:acmePort`]: SEED.ports.acmeSydRed.uid, // Acme accepts this port's requests by hand
          [`${CONFIG}:companyBio`]: "Transit.",
          [`${CONFIG}:rateLimit`]: "100",
        },
      });
      await e2e.stack.setConfig(`${CONFIG}:globexAccessKey`, { value: globex.accessKey, secret: true });
      await e2e.stack.setConfig(`${CONFIG}:globexSecretKey`, { value: globex.secretKey, secret: true });
    },
    15 * 60 * 1000,
  );

  afterAll(async () => {
    await e2e?.stack.destroy({ onOutput: collect(e2e) }).catch(() => undefined);
    await e2e?.cleanup();
    await world?.close();
  });

  it("logs the wait for the provider's acceptance against the VxcConnection's URN", async () => {
    const events: EngineEvent[] = [];
    const up = e2e.stack.up({ onOutput: collect(e2e), onEvent: (event) => events.push(event) });
    const request = await waitForPendingRequest(
      world.acme,
      (v) => v.productName === "Globex to Acme Sydney Instant",
    );
    const waitLine = () =>
      events.find((e) => e.diagnosticEvent && WAITING_FOR_ACME.test(e.diagnosticEvent.message))
        ?.diagnosticEvent;
    // The line reaches the engine while the VXC still waits (before anyone accepts).
    await eventually(() => waitLine(), 60_000, "the wait line to reach the engine");
    await world.acme.updateVxc(request.productUid, { isApproved: true });
    const result = await up;
    expect(result.summary.result).toBe("succeeded");

    const vxcUrn = events.find((e) => e.resourcePreEvent?.metadata.type === "megaport-mx:index:VxcConnection")
      ?.resourcePreEvent?.metadata.urn;
    expect(vxcUrn).toMatch(/::toAcme$/);
    expect(waitLine()).toMatchObject({ urn: vxcUrn, severity: "info" });
    expect(waitLine()?.ephemeral ?? false).toBe(false);
  });
});
