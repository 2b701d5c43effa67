// Moving a VXC to another provider port while it keeps its A-end port and VLAN, through the real CLI: the old VXC
// stays LIVE until the new one is (watched in the simulator the whole time `up` runs), then the new one is LIVE on
// the declared A-end VLAN; a denial leaves the old one LIVE and in the stack; a move that cannot be made that way is
// refused at preview, naming the reason and the opt-in, and passes with it.
import type { Vxc } from "../../provider/client/schemas/products";
import { SEED } from "../../simulator/seed";
import { eventually } from "../support/eventually";
import { startWorld, visibleVxcs, waitForPendingRequest, type World } from "../support/world";
import { collect, type E2eStack, killCli } from "../support/pulumi-stack";
import {
  acmeAcceptsEverything,
  customerStack,
  liveByName,
  report,
  setVxcs,
  tally,
  type VxcSpec,
} from "./reliability-world";

const TIMEOUT = 4 * 60_000;
const P = SEED.ports;
/** Each test's own A-end VLAN: the world, and what a test leaves on Globex's ports, is shared. */
const A_VLAN = { move: 2345, denied: 2346, fixed: 2347, killed: 2348, late: 2349 };

let world: World;
let e2e: E2eStack | undefined;

beforeAll(async () => {
  // Slow enough that a kill lands between the steps of a move: provisioning and decommissioning take about a second.
  world = await startWorld({
    timings: { deployableMs: 400, configuredMs: 400, cancelledMs: 1200, tickMs: 20 },
  });
});

afterEach(async () => {
  await e2e?.cleanup();
  e2e = undefined;
});

afterAll(async () => {
  await world?.close();
});

const failureOf = (run: Promise<unknown>) =>
  run.then(
    () => new Error("it succeeded"),
    (err: Error) => err,
  );

/** One VXC from Globex Sydney Red on a fixed A-end VLAN to `bEnd`. */
const vxc = (name: string, bEnd: Record<string, unknown>, extra: Record<string, unknown> = {}): VxcSpec =>
  ({
    resourceName: name.toLowerCase(),
    name,
    rateLimit: 100,
    aEnd: { productUid: P.globexSydRed.uid, vlan: A_VLAN[name.toLowerCase() as keyof typeof A_VLAN] },
    bEnd,
    ...extra,
  }) as VxcSpec;

/** The VxcConnection resources the stack records, with their outputs. */
async function recorded(stack: E2eStack) {
  const resources = (await stack.stack.exportStack()).deployment.resources as {
    type: string;
    outputs?: { vxcUid?: string };
    delete?: boolean;
  }[];
  return resources.filter((r) => r.type === "pulumi-nodejs:dynamic/megaport:VxcConnection");
}

/**
 * Watches Globex's VXCs named `name` until stopped: every status the VXC `oldUid` had in a listing where no other
 * VXC of that name was LIVE yet, and the other one, once seen LIVE.
 */
function watchMove(name: string, oldUid: string) {
  let stopped = false;
  const oldStatuses: string[] = [];
  let newLive: Vxc | undefined;
  const loop = (async () => {
    while (!stopped) {
      const vxcs = [...(await visibleVxcs(world.globex)).values()].filter((v) => v.productName === name);
      const fresh = vxcs.find((v) => v.productUid !== oldUid && v.provisioningStatus === "LIVE");
      if (fresh) newLive ??= fresh;
      if (!newLive) oldStatuses.push(vxcs.find((v) => v.productUid === oldUid)?.provisioningStatus ?? "gone");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { oldStatuses, newLive };
    },
  };
}

describe("moving a VXC, through the real CLI", () => {
  it(
    "a move to another port of the same provider keeps the old VXC LIVE until the new one is LIVE, then the new one is on the declared A-end VLAN",
    async () => {
      const before = vxc("Move", { productUid: P.acmeSydAuto.uid });
      e2e = await customerStack(world, "move", [before]);
      const oldUid = (await e2e.stack.up({ onOutput: collect(e2e) })).outputs.move.value.vxcUid as string;

      await setVxcs(e2e.stack, [{ ...before, bEnd: { productUid: P.acmeSydBlue.uid } }]);
      const preview = await e2e.stack.preview({ onOutput: collect(e2e) });

      const watch = watchMove("Move", oldUid);
      const acme = acmeAcceptsEverything(world, 500);
      const moved = await e2e.stack.up({ onOutput: collect(e2e) }).finally(() => acme.stop());
      const { oldStatuses, newLive } = await watch.stop();

      const newUid = moved.outputs.move.value.vxcUid as string;
      const now = await world.globex.getVxc(newUid);
      const old = await world.globex.getVxc(oldUid);
      const live = (await liveByName(world.globex, "Move")).get("Move")?.length ?? 0;
      const quiet = await e2e.stack.preview({ expectNoChanges: true, onOutput: collect(e2e) }).then(
        () => true,
        () => false,
      );
      const seen = [...new Set(oldStatuses)].join(",");
      report(
        `move: old VXC ${seen} in all ${oldStatuses.length} looks until the new one was LIVE (on A-end VLAN ` +
          `${newLive?.aEnd?.vlan}); then the new one ${now.provisioningStatus} on A-end VLAN ${now.aEnd?.vlan} ` +
          `(declared ${A_VLAN.move}) to ${now.bEnd?.productName}, the old one ${old.provisioningStatus}; ${live} held; ` +
          `preview --expect-no-changes passes: ${quiet}`,
      );
      expect(newLive).toBeDefined();
      expect(oldStatuses.length).toBeGreaterThan(0);
      expect(new Set(oldStatuses)).toEqual(new Set(["LIVE"]));
      expect(newUid).not.toBe(oldUid);
      expect(newUid).toBe(newLive?.productUid);
      expect(now).toMatchObject({ provisioningStatus: "LIVE", aEnd: { vlan: A_VLAN.move } });
      expect(now.bEnd?.productUid).toBe(P.acmeSydBlue.uid);
      expect(["CANCELLED", "DECOMMISSIONED"]).toContain(old.provisioningStatus);
      expect(live).toBe(1);
      expect(quiet).toBe(true);
      expect((await recorded(e2e)).map((r) => r.outputs?.vxcUid)).toEqual([newUid]);
      expect(preview.stdout).toContain("moves: the old VXC stays LIVE until the new one is");
    },
    TIMEOUT,
  );

  it(
    "a move the provider denies leaves the old VXC LIVE and the stack recording it; up fails with the provider's reason",
    async () => {
      const before = vxc("Denied", { productUid: P.acmeSydAuto.uid });
      e2e = await customerStack(world, "move-denied", [before]);
      const oldUid = (await e2e.stack.up({ onOutput: collect(e2e) })).outputs.denied.value.vxcUid as string;

      await setVxcs(e2e.stack, [{ ...before, bEnd: { productUid: P.acmeSydRed.uid } }]);
      const reason = "Sydney Red is reserved for contracted customers";
      const watch = watchMove("Denied", oldUid);
      let denied: string | undefined;
      const denier = (async () => {
        for (let look = 0; !denied && look < 600; look++) {
          const pending = [...(await visibleVxcs(world.acme)).values()].find(
            (v) => v.productName === "Denied" && v.vxcApproval?.status === "PENDING_INTERNAL",
          );
          if (pending) {
            await world.acme.updateVxc(pending.productUid, { isApproved: false, reason });
            denied = pending.productUid;
          } else await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const failure = await failureOf(e2e.stack.up({ onOutput: collect(e2e) }));
      await denier;
      const { oldStatuses } = await watch.stop();

      const old = await world.globex.getVxc(oldUid);
      const order = denied ? await world.globex.getVxc(denied) : undefined;
      const held = await recorded(e2e);
      const live = (await liveByName(world.globex, "Denied")).get("Denied")?.length ?? 0;
      report(
        `move[denied]: up failed with Acme's reason: ${failure.message.includes(reason)}; the old VXC ` +
          `${[...new Set(oldStatuses)].join(",")} throughout and ${old.provisioningStatus} after, recorded by the ` +
          `stack: ${held.map((r) => r.outputs?.vxcUid).join(",") === oldUid}; the denied order ` +
          `${order?.provisioningStatus}; ${live} held`,
      );
      expect(denied).toBeDefined();
      expect(failure.message).toContain(reason);
      expect(old.provisioningStatus).toBe("LIVE");
      expect(new Set(oldStatuses)).toEqual(new Set(["LIVE"]));
      expect(held.map((r) => [r.outputs?.vxcUid, r.delete ?? false])).toEqual([[oldUid, false]]);
      expect(failure.message).toContain(`The old VXC ${oldUid} stays LIVE and in the stack`);
      expect(["FAILED", "CANCELLED", "DECOMMISSIONED"]).toContain(order?.provisioningStatus);
      expect(live).toBe(1);
    },
    TIMEOUT,
  );

  it(
    "preview refuses a move that cannot keep the old VXC up (a fixed B-end VLAN on the same B-end port), naming the reason and the opt-in; with moveStrategy delete-first it passes",
    async () => {
      const before = vxc("Fixed", { productUid: P.acmeSydAuto.uid, vlan: 777 });
      e2e = await customerStack(world, "move-refused", [before]);
      const oldUid = (await e2e.stack.up({ onOutput: collect(e2e) })).outputs.fixed.value.vxcUid as string;

      const moved = { ...before, aEnd: { productUid: P.globexSydBlue.uid, vlan: A_VLAN.fixed } };
      await setVxcs(e2e.stack, [moved]);
      const refused = await failureOf(e2e.stack.preview({ onOutput: collect(e2e) }));
      await setVxcs(e2e.stack, [{ ...moved, moveStrategy: "delete-first" } as VxcSpec]);
      const optedIn = await e2e.stack.preview({ onOutput: collect(e2e) });
      const old = await world.globex.getVxc(oldUid);
      report(
        `move[impossible]: preview refused naming bEnd.vlan and the opt-in: ${refused.message.includes("Invalid bEnd.vlan") && refused.message.includes('moveStrategy to "delete-first"')}; ` +
          `with moveStrategy "delete-first" it passes and says so: ${optedIn.stdout.includes("replaced delete-first")}; the VXC stays ${old.provisioningStatus}`,
      );
      expect(refused.message).toContain("Invalid bEnd.vlan");
      expect(refused.message).toContain("cannot be replaced make-before-break");
      expect(refused.message).toContain("only the provider may change a B-end VLAN");
      expect(refused.message).toContain('set moveStrategy to "delete-first"');
      expect(optedIn.stdout).toContain("replaced delete-first");
      expect(optedIn.changeSummary.replace).toBe(1);
      expect(old.provisioningStatus).toBe("LIVE");
    },
    TIMEOUT,
  );

  it(
    "a move killed while the provider has not answered, then again once the old VXC is cancelled, finishes on the next up: one VXC, on the declared VLAN, no orphan",
    async () => {
      const before = vxc("Killed", { productUid: P.acmeSydAuto.uid });
      e2e = await customerStack(world, "move-killed", [before]);
      const oldUid = (await e2e.stack.up({ onOutput: collect(e2e) })).outputs.killed.value.vxcUid as string;
      await setVxcs(e2e.stack, [{ ...before, bEnd: { productUid: P.acmeSydBlue.uid } }]);
      const stack = e2e;
      const killWhen = async (moment: Promise<unknown>) => {
        const run = stack.stack.up({ onOutput: collect(stack) }).then(
          () => "finished",
          () => "killed",
        );
        await moment;
        killCli(stack);
        return run;
      };
      const recover = async () => {
        await stack.stack.cancel().catch(() => undefined);
        await stack.stack.refresh({ clearPendingCreates: true, onOutput: collect(stack) });
      };

      // 1. The new order waits for Acme: the old VXC must still be LIVE.
      const first = await killWhen(waitForPendingRequest(world.acme, (v) => v.productName === "Killed"));
      const afterOrder = (await world.globex.getVxc(oldUid)).provisioningStatus;
      await recover();

      // 2. Acme accepts; killed once the old VXC is cancelled, before the new one has its VLAN.
      const acme = acmeAcceptsEverything(world, 200);
      let second: string;
      let newVlan: number | null | undefined;
      try {
        second = await killWhen(
          eventually(
            async () => (await world.globex.getVxc(oldUid)).provisioningStatus !== "LIVE",
            60_000,
            "the old VXC to be cancelled",
            { intervalMs: 50 },
          ),
        );
        const vxcs = [...(await visibleVxcs(world.globex)).values()];
        newVlan = vxcs.find(
          (v) => v.productName === "Killed" && v.productUid !== oldUid && v.provisioningStatus === "LIVE",
        )?.aEnd?.vlan;
        await recover();
        await stack.stack.up({ onOutput: collect(stack) });
      } finally {
        await acme.stop();
      }

      const counts = await tally(world, stack, "Killed");
      const held = await recorded(stack);
      const now = await world.globex.getVxc(held[0]?.outputs?.vxcUid ?? "");
      const quiet = await stack.stack.preview({ expectNoChanges: true, onOutput: collect(stack) }).then(
        () => true,
        () => false,
      );
      report(
        `move[killed]: ${first} while Acme had not answered: the old VXC ${afterOrder}; ${second} after the old one ` +
          `was cancelled (the new one on A-end VLAN ${newVlan}); after recovery ${counts.live} VXC on A-end VLAN ` +
          `${now.aEnd?.vlan} (declared ${A_VLAN.killed}), ${counts.duplicates} duplicates, ${counts.orphans} orphans, ` +
          `preview --expect-no-changes passes: ${quiet}`,
      );
      expect([first, second]).toEqual(["killed", "killed"]);
      expect(afterOrder).toBe("LIVE");
      expect({ live: counts.live, duplicates: counts.duplicates, orphans: counts.orphans }).toEqual({
        live: 1,
        duplicates: 0,
        orphans: 0,
      });
      expect(held).toHaveLength(1);
      expect(now).toMatchObject({ provisioningStatus: "LIVE", aEnd: { vlan: A_VLAN.killed } });
      expect(now.bEnd?.productUid).toBe(P.acmeSydBlue.uid);
      expect(quiet).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "a move whose deadline passes leaves the old VXC LIVE and the only one in the stack; the next up resumes the same order and finishes",
    async () => {
      const before = vxc("Late", { productUid: P.acmeSydAuto.uid });
      e2e = await customerStack(world, "move-late", [before]);
      const oldUid = (await e2e.stack.up({ onOutput: collect(e2e) })).outputs.late.value.vxcUid as string;
      const after = { ...before, bEnd: { productUid: P.acmeSydRed.uid } };

      await setVxcs(e2e.stack, [{ ...after, customTimeouts: { create: "3s" } }]);
      const late = await failureOf(e2e.stack.up({ onOutput: collect(e2e) }));
      const pending = await waitForPendingRequest(world.acme, (v) => v.productName === "Late");
      const heldAfterDeadline = (await recorded(e2e)).map((r) => [r.outputs?.vxcUid, r.delete ?? false]);
      const oldAfterDeadline = (await world.globex.getVxc(oldUid)).provisioningStatus;

      await setVxcs(e2e.stack, [after]);
      const acme = acmeAcceptsEverything(world, 200);
      const finished = await e2e.stack.up({ onOutput: collect(e2e) }).finally(() => acme.stop());
      const newUid = finished.outputs.late.value.vxcUid as string;
      const counts = await tally(world, e2e, "Late");
      const now = await world.globex.getVxc(newUid);
      report(
        `move[deadline]: up stopped at the deadline with the old VXC ${oldAfterDeadline} and the only one in the ` +
          `stack: ${JSON.stringify(heldAfterDeadline) === JSON.stringify([[oldUid, false]])}; the next up finished ` +
          `the same order: ${newUid === pending.productUid}, on A-end VLAN ${now.aEnd?.vlan}; ${counts.live} held, ` +
          `${counts.duplicates} duplicates, ${counts.orphans} orphans`,
      );
      expect(late.message).toContain(`The old VXC ${oldUid} stays LIVE and in the stack`);
      expect(oldAfterDeadline).toBe("LIVE");
      expect(heldAfterDeadline).toEqual([[oldUid, false]]);
      expect(newUid).toBe(pending.productUid);
      expect(now).toMatchObject({ provisioningStatus: "LIVE", aEnd: { vlan: A_VLAN.late } });
      expect({ live: counts.live, duplicates: counts.duplicates, orphans: counts.orphans }).toEqual({
        live: 1,
        duplicates: 0,
        orphans: 0,
      });
    },
    TIMEOUT,
  );
});
