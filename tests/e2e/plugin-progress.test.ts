// Progress per resource (issue 17): through the real CLI and the provider plugin (`npm run build` first), the wait on
// a provider that must accept is logged against the VxcConnection's URN, so the CLI shows it on the resource's row.
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { SEED } from "../../simulator/seed";
import { eventually } from "../support/eventually";
import { collect, type E2eStack } from "../support/pulumi-stack";
import { pluginYamlStack } from "./plugin-yaml-stack";
import { FAST_PROVIDER_ENV, startWorld, waitForPendingRequest, type World } from "../support/world";

const WAITING_FOR_ACME = /waiting for Acme Networks to accept the connection request/;

describe("the provider plugin's progress lines", () => {
  let world: World;
  let e2e: E2eStack;

  beforeAll(
    async () => {
      world = await startWorld();
      e2e = await pluginYamlStack(world, {
        stackName: "plugin-progress",
        acmePort: SEED.ports.acmeSydRed.uid,
        envVars: FAST_PROVIDER_ENV,
      }); // Acme accepts this port's requests by hand
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
