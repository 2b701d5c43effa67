// VxcConnection with the real Pulumi engine against the simulator: the customer's side of the Marketplace guide.
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { SEED } from "../../simulator/seed";
import { FAST_PROVIDER_ENV, startWorld, visibleVxcs, waitForPendingRequest, World } from "../support/world";
import { backendText, collect, createStack, E2eStack, killCli, REPO_ROOT } from "../support/pulumi-stack";
import { eventually } from "../support/eventually";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/customer");
const E2E_TIMEOUT = 5 * 60_000;

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.close();
});

interface VxcSpec {
  resourceName: string;
  name: string;
  rateLimit: number;
  aEnd: { productUid: string; vlan?: number };
  bEnd?: Record<string, unknown>;
  serviceKey?: string;
  customTimeouts?: { create?: string; update?: string; delete?: string };
}

function toAcme(overrides: Partial<VxcSpec> = {}): VxcSpec {
  return {
    resourceName: "to-acme",
    name: "Globex to Acme Sydney",
    rateLimit: 100,
    aEnd: { productUid: SEED.ports.globexSydRed.uid, vlan: 0 },
    bEnd: { productUid: SEED.ports.acmeSydRed.uid, vlan: 300 },
    ...overrides,
  };
}

async function customerStack(vxcs: VxcSpec[], options: { secretConfig?: boolean } = {}): Promise<E2eStack> {
  const e2e = await createStack(PROGRAM, {
    stackName: `customer-${Math.random().toString(36).slice(2, 8)}`,
    envVars: FAST_PROVIDER_ENV,
    config: world.configFor("globex"),
  });
  await setVxcs(e2e.stack, vxcs, options.secretConfig);
  return e2e;
}

async function setVxcs(stack: Stack, vxcs: VxcSpec[], secret = false) {
  await stack.setConfig("vxcs", { value: JSON.stringify(vxcs), secret });
}

/** VXCs the customer holds that are not gone, with this name. */
async function liveOrdersNamed(name: string) {
  return [...(await visibleVxcs(world.globex)).values()].filter(
    (v) =>
      v.productName === name &&
      !["DECOMMISSIONED", "FAILED", "CANCELLED"].includes(v.provisioningStatus ?? ""),
  );
}

/** The provider's progress line for a wait on Acme (printed every second with FAST_PROVIDER_ENV). */
const WAITING_FOR_ACME = /waiting for Acme Networks to accept the connection request \(\d+s\)/;

/** Until the CLI has printed a line matching `pattern` since line `since` of its output. */
function printed(e2e: E2eStack, pattern: RegExp, since = 0, timeoutMs = 60_000) {
  return eventually(
    () => e2e.output.slice(since).some((line) => pattern.test(line)),
    timeoutMs,
    `the CLI to print ${pattern}`,
  );
}

/** The stack's state on disk and everything the CLI printed hold no secret key, token or Basic header. */
function expectNoSecrets(e2e: E2eStack) {
  const haystack = e2e.output.join("\n") + backendText(e2e);
  expect(haystack).toContain("VxcConnection"); // the state is really there
  for (const secret of world.secrets()) {
    const at = haystack.indexOf(secret);
    expect(at < 0 ? "" : haystack.slice(Math.max(0, at - 300), at + 50)).toBe("");
  }
  expect(haystack).not.toMatch(/Bearer\s+[A-Za-z0-9._-]{10,}/);
  expect(haystack).not.toMatch(/Basic\s+[A-Za-z0-9+/=]{10,}/);
}

describe("a VXC to a Marketplace provider", () => {
  let e2e: E2eStack;
  afterEach(async () => {
    await e2e?.stack.destroy({ onOutput: collect(e2e) }).catch(() => undefined);
    await e2e?.cleanup();
  });

  it(
    "waits for the provider to accept, goes LIVE with the provider's VLAN, and shows no diff afterwards",
    async () => {
      e2e = await customerStack([toAcme()]);
      const up = e2e.stack.up({ onOutput: collect(e2e) });
      const request = await waitForPendingRequest(
        world.acme,
        (v) => v.productName === "Globex to Acme Sydney",
      );
      await printed(e2e, WAITING_FOR_ACME);
      await world.acme.updateVxc(request.productUid, { isApproved: true, bEndVlan: 777 });
      const result = await up;

      const out = result.outputs["to-acme"].value;
      expect(out.provisioningStatus).toBe("LIVE");
      expect(out.assignedBEndVlan).toBe(777);
      expect(out.providerCompanyName).toBe("Acme Networks");
      expect(e2e.output.join("\n")).toMatch(WAITING_FOR_ACME);

      const preview = await e2e.stack.preview({ onOutput: collect(e2e) });
      expect(preview.changeSummary.update ?? 0).toBe(0);
      expect(preview.changeSummary.replace ?? 0).toBe(0);

      expectNoSecrets(e2e);
      await e2e.stack.destroy({ onOutput: collect(e2e) });
      expect(await liveOrdersNamed("Globex to Acme Sydney")).toHaveLength(0);
      const after = (await visibleVxcs(world.globex)).get(out.vxcUid);
      expect(after?.provisioningStatus ?? "DECOMMISSIONED").toBe("DECOMMISSIONED");
    },
    E2E_TIMEOUT,
  );

  it(
    "a speed increase waits for the provider: accepted it applies, rejected it fails with the reason and keeps the old rate",
    async () => {
      const speedy = (rateLimit: number) =>
        toAcme({
          name: "Globex speedy",
          rateLimit,
          bEnd: { productUid: SEED.ports.acmeSydBlue.uid, vlan: 310 },
        });
      e2e = await customerStack([speedy(100)]);
      const first = e2e.stack.up({ onOutput: collect(e2e) });
      const order = await waitForPendingRequest(world.acme, (v) => v.productName === "Globex speedy");
      await world.acme.updateVxc(order.productUid, { isApproved: true });
      const uid = (await first).outputs["to-acme"].value.vxcUid;

      await setVxcs(e2e.stack, [speedy(500)]);
      const raise = e2e.stack.up({ onOutput: collect(e2e) });
      const speedRequest = await waitForPendingRequest(world.acme, (v) => v.productUid === uid);
      expect(speedRequest.vxcApproval?.type).toBe("SPEED_CHANGE");
      expect((await world.globex.getVxc(uid)).rateLimit).toBe(100);
      await world.acme.updateVxc(uid, { isApproved: true });
      expect((await raise).outputs["to-acme"].value.rateLimit).toBe(500);

      await setVxcs(e2e.stack, [speedy(900)]);
      const refused = e2e.stack.up({ onOutput: collect(e2e) }).then(
        () => new Error("the up succeeded"),
        (error: Error) => error,
      );
      await waitForPendingRequest(world.acme, (v) => v.productUid === uid);
      await world.acme.approveVxcOrder((await world.acme.getVxc(uid)).vxcApproval!.uid!, {
        isApproved: false,
        reason: "900 Mbps needs a bigger contract",
      });
      expect((await refused).message).toMatch(
        /Acme Networks denied the speed change for VXC "[^"]+" \([0-9a-f-]+\): "900 Mbps needs a bigger contract"\. The VXC stays at 500 Mbps/,
      );
      expect((await world.globex.getVxc(uid)).rateLimit).toBe(500);
      const state = await e2e.stack.exportStack();
      const vxc = (state.deployment.resources as { type: string; outputs: { rateLimit: number } }[]).find(
        (r) => r.type === "pulumi-nodejs:dynamic/megaport:VxcConnection",
      );
      expect(vxc?.outputs.rateLimit).toBe(500);
      expect(e2e.output.join("\n")).toContain("900 Mbps needs a bigger contract");

      // A decrease needs nobody.
      await setVxcs(e2e.stack, [speedy(200)]);
      const lower = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(lower.outputs["to-acme"].value.rateLimit).toBe(200);
    },
    E2E_TIMEOUT,
  );

  it(
    "a denied request fails the create with the provider's reason and leaves no VXC in the stack",
    async () => {
      e2e = await customerStack([
        toAcme({ name: "Globex denied", bEnd: { productUid: SEED.ports.acmeSydRed.uid, vlan: 320 } }),
      ]);
      const up = e2e.stack.up({ onOutput: collect(e2e) }).then(
        () => new Error("the up succeeded"),
        (error: Error) => error,
      );
      const request = await waitForPendingRequest(world.acme, (v) => v.productName === "Globex denied");
      await world.acme.approveVxcOrder(request.vxcApproval!.uid!, {
        isApproved: false,
        reason: "We only peer with customers under contract",
      });
      expect((await up).message).toMatch(
        /denied the connection request.*We only peer with customers under contract/s,
      );

      const state = await e2e.stack.exportStack();
      const types = (state.deployment.resources ?? []).map((r: { type: string }) => r.type);
      expect(types).not.toContain("pulumi-nodejs:dynamic/megaport:VxcConnection");
      expect(await liveOrdersNamed("Globex denied")).toHaveLength(0);
    },
    E2E_TIMEOUT,
  );

  it(
    "a deadline that passes keeps the VXC in state, and the next up resumes waiting without ordering again",
    async () => {
      e2e = await customerStack([
        toAcme({
          name: "Globex patient",
          bEnd: { productUid: SEED.ports.acmeSydRed.uid, vlan: 330 },
          customTimeouts: { create: "4s" },
        }),
      ]);
      await expect(e2e.stack.up({ onOutput: collect(e2e) })).rejects.toThrow(
        /next `pulumi up` resumes waiting/,
      );
      const saved = await e2e.stack.exportStack();
      const partial = (saved.deployment.resources as { type: string; id?: string }[]).find(
        (r) => r.type === "pulumi-nodejs:dynamic/megaport:VxcConnection",
      );
      expect(partial?.id).toBeTruthy();

      const request = await waitForPendingRequest(world.acme, (v) => v.productName === "Globex patient");
      expect(request.productUid).toBe(partial?.id);
      const since = e2e.output.length;
      const resumed = e2e.stack.up({ onOutput: collect(e2e) });
      await printed(e2e, WAITING_FOR_ACME, since); // the resumed up is waiting again
      await world.acme.updateVxc(request.productUid, { isApproved: true });
      const result = await resumed;
      expect(result.outputs["to-acme"].value.provisioningStatus).toBe("LIVE");
      expect(result.outputs["to-acme"].value.vxcUid).toBe(partial?.id);
      expect(await liveOrdersNamed("Globex patient")).toHaveLength(1);
    },
    E2E_TIMEOUT,
  );

  it(
    "a refresh while a VXC waits past its deadline does not let the next up report success before it is LIVE",
    async () => {
      e2e = await customerStack([
        toAcme({
          name: "Globex refreshed",
          bEnd: { productUid: SEED.ports.acmeSydRed.uid, vlan: 335 },
          customTimeouts: { create: "3s" },
        }),
      ]);
      await expect(e2e.stack.up({ onOutput: collect(e2e) })).rejects.toThrow(/resumes waiting/);
      await e2e.stack.refresh({ onOutput: collect(e2e) });
      let settled = false;
      const since = e2e.output.length;
      const resumed = e2e.stack.up({ onOutput: collect(e2e) }).finally(() => (settled = true));
      // Still waiting for Acme, as it should: the resumed up prints the wait's progress and does not finish first.
      await eventually(
        () => settled || e2e.output.slice(since).some((line) => WAITING_FOR_ACME.test(line)),
        60_000,
        "the resumed up to wait for Acme or finish",
      );
      expect(settled).toBe(false);
      const request = await waitForPendingRequest(world.acme, (v) => v.productName === "Globex refreshed");
      await world.acme.updateVxc(request.productUid, { isApproved: true });
      const result = await resumed;
      expect(result.outputs["to-acme"].value.provisioningStatus).toBe("LIVE");
      expect(await liveOrdersNamed("Globex refreshed")).toHaveLength(1);
    },
    E2E_TIMEOUT,
  );

  it(
    "an up killed while it waits, then another up, leaves exactly one VXC",
    async () => {
      e2e = await customerStack([
        toAcme({ name: "Globex interrupted", bEnd: { productUid: SEED.ports.acmeSydRed.uid, vlan: 340 } }),
      ]);
      const killed = e2e.stack.up({ onOutput: collect(e2e) });
      await waitForPendingRequest(world.acme, (v) => v.productName === "Globex interrupted");
      expect(killCli(e2e)).toBeGreaterThan(0);
      await expect(killed).rejects.toThrow();
      // The killed CLI left its lock and a pending create; clear both as the CLI's messages tell a user to.
      await e2e.stack.cancel();
      await e2e.stack.refresh({ clearPendingCreates: true, onOutput: collect(e2e) });

      const again = e2e.stack.up({ onOutput: collect(e2e) });
      const request = await waitForPendingRequest(world.acme, (v) => v.productName === "Globex interrupted");
      await world.acme.updateVxc(request.productUid, { isApproved: true });
      const result = await again;
      expect(result.outputs["to-acme"].value.provisioningStatus).toBe("LIVE");
      expect(e2e.output.join("\n")).toContain("adopting existing");
      expect(await liveOrdersNamed("Globex interrupted")).toHaveLength(1);
    },
    E2E_TIMEOUT,
  );

  it(
    "a VXC ordered with a service key goes LIVE to the key's port, and the key is never in state or output",
    async () => {
      const key = await world.acme.createServiceKey({
        productUid: SEED.ports.acmeMelRed.uid,
        singleUse: false,
        maxSpeed: 1000,
        preApproved: true,
        active: true,
        description: "e2e",
      });
      // The program passes the key to VxcConnection as a plain string: the SDK must still keep it secret. The
      // config holding it is secret, because dynamic providers receive (and state records) the whole stack config.
      e2e = await customerStack(
        [
          {
            resourceName: "keyed",
            name: "Globex keyed",
            rateLimit: 100,
            aEnd: { productUid: SEED.ports.globexMelRed.uid },
            serviceKey: key.key,
          },
        ],
        { secretConfig: true },
      );
      const up = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(up.outputs.keyed.value.provisioningStatus).toBe("LIVE");
      expect(up.outputs.keyed.value.chosenBEndProductUid).toBe(SEED.ports.acmeMelRed.uid);
      const onDisk = e2e.output.join("\n") + backendText(e2e);
      expect(onDisk).toContain("VxcConnection");
      const at = onDisk.indexOf(key.key);
      expect(at < 0 ? "" : onDisk.slice(Math.max(0, at - 400), at + 60)).toBe("");
    },
    E2E_TIMEOUT,
  );

  it(
    "pulumi refresh shows a rename made in the portal, and the next up puts the declared name back",
    async () => {
      e2e = await customerStack([
        toAcme({ name: "Globex declared", bEnd: { productUid: SEED.ports.acmeSydAuto.uid } }),
      ]);
      const first = await e2e.stack.up({ onOutput: collect(e2e) });
      const uid = first.outputs["to-acme"].value.vxcUid;
      await world.globex.updateVxc(uid, { name: "Renamed in the portal" });

      await e2e.stack.refresh({ onOutput: collect(e2e) });
      const refreshed = await e2e.stack.exportStack();
      const vxc = (refreshed.deployment.resources as { type: string; outputs: { name: string } }[]).find(
        (r) => r.type === "pulumi-nodejs:dynamic/megaport:VxcConnection",
      );
      expect(vxc?.outputs.name).toBe("Renamed in the portal");

      const fix = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(fix.summary.resourceChanges?.update).toBe(1);
      expect((await world.globex.getVxc(uid)).productName).toBe("Globex declared");
    },
    E2E_TIMEOUT,
  );
});
