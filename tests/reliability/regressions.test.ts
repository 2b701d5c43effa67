// The trust defects found on main, each through the real CLI: a forced replace must not cancel the live VXC; an
// impostor trading under a provider's name must not win the lookup; credentials must never go to the simulator
// default unless they are its own keys, and `preview` must stop, naming the setting, before any request. No output
// may carry a stack trace.
import * as net from "node:net";
import { SEED } from "../../simulator/seed";
import { FAST_PROVIDER_ENV, startWorld, visibleVxcs, type World } from "../support/world";
import { collect, createStack, type E2eStack } from "../support/pulumi-stack";
import { CUSTOMER_PROGRAM, customerStack, liveByName, manyVxcs, report, setVxcs } from "./reliability-world";

const TIMEOUT = 4 * 60_000;
const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+/;

let world: World;
let e2e: E2eStack | undefined;

beforeAll(async () => {
  // Initech renames itself "Acme Networks" and makes its profile public: the impostor.
  world = await startWorld({
    seed: (state) => {
      const initech = state.companies.find((c) => c.companyUid === SEED.companies.initech.uid)!;
      initech.tradingName = "Acme Networks";
      initech.marketplaceProfile!.profileVisibility = "PUBLIC";
    },
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

describe("regressions, through the real CLI", () => {
  it(
    "pulumi up --replace of an unchanged VxcConnection keeps its VXC LIVE: the replacement adopts it and the old resource's delete leaves it",
    async () => {
      e2e = await customerStack(world, "forced-replace", manyVxcs("FR", 1));
      const first = await e2e.stack.up({ onOutput: collect(e2e) });
      const oldUid = first.outputs["FR-0"].value.vxcUid as string;
      const urn = (
        (await e2e.stack.exportStack()).deployment.resources as { urn: string; type: string }[]
      ).find((r) => r.type === "pulumi-nodejs:dynamic/megaport:VxcConnection")!.urn;
      const replaced = await e2e.stack.up({ replace: [urn], onOutput: collect(e2e) });
      const newUid = replaced.outputs["FR-0"].value.vxcUid as string;
      const status = (await visibleVxcs(world.globex)).get(oldUid)?.provisioningStatus;
      const quiet = await e2e.stack.preview({ expectNoChanges: true, onOutput: collect(e2e) }).then(
        () => true,
        () => false,
      );
      const live = (await liveByName(world.globex, "FR")).get("FR 0")?.length ?? 0;
      report(
        `regression[forced replace]: the VXC is ${status}, held by the replacement: ${newUid === oldUid}; ` +
          `${live} live; preview --expect-no-changes passes: ${quiet}`,
      );
      expect(newUid).toBe(oldUid);
      expect(status).toBe("LIVE");
      expect(live).toBe(1);
      expect(e2e.output.join("\n")).toContain(
        "not cancelled: the resource that replaced this one holds it now",
      );
      expect(quiet).toBe(true);
      // destroy still cancels it: the replacement holds it.
      await e2e.stack.destroy({ onOutput: collect(e2e) });
      expect((await visibleVxcs(world.globex)).get(oldUid)?.provisioningStatus).toBe("DECOMMISSIONED");
    },
    TIMEOUT,
  );

  it(
    "a provider name two companies trade under fails naming both; providerCompanyUid picks the real one; a later lookup that finds another company refuses to replace",
    async () => {
      const vxc = {
        resourceName: "to-acme",
        name: "Imp to Acme",
        rateLimit: 100,
        aEnd: { productUid: SEED.ports.globexSydRed.uid, vlan: 0 },
        // Acme's auto-approving port, so the order goes LIVE with nobody at Acme acting.
        bEnd: { providerName: "Acme Networks", portName: "Acme Sydney Instant" } as Record<string, unknown>,
      };
      e2e = await customerStack(world, "impostor", [vxc]);
      const ambiguous = await failureOf(e2e.stack.up({ onOutput: collect(e2e) }));
      expect(ambiguous.message).toContain('"Acme Networks" names the ports of 2 companies');
      expect(ambiguous.message).toContain(SEED.companies.acme.uid);
      expect(ambiguous.message).toContain(SEED.companies.initech.uid);
      expect(ambiguous.message).toContain("bEnd.providerCompanyUid");
      expect(await liveByName(world.globex, "Imp")).toEqual(new Map());

      await setVxcs(e2e.stack, [
        { ...vxc, bEnd: { ...vxc.bEnd, providerCompanyUid: SEED.companies.acme.uid } },
      ]);
      const pinned = await e2e.stack.up({ onOutput: collect(e2e) });
      const chosen = pinned.outputs["to-acme"].value;
      expect(chosen.providerCompanyName).toBe("Acme Networks");
      const acmePorts = Object.values(SEED.ports)
        .filter((p) => p.company === "acme")
        .map((p) => p.uid);
      expect(acmePorts).toContain(chosen.chosenBEndProductUid);
      expect(chosen.provisioningStatus).toBe("LIVE");

      // Acme leaves the Marketplace; the name now finds only the impostor. Unpinned, a replacing change is refused.
      await world.acme.setMarketplaceProfile({ profileVisibility: "PRIVATE" });
      await setVxcs(e2e.stack, [{ ...vxc, bEnd: { providerName: "Acme Networks", location: 3 } }]);
      const moved = await failureOf(e2e.stack.preview({ onOutput: collect(e2e) }));
      await world.acme.setMarketplaceProfile({ profileVisibility: "PUBLIC" });
      expect(moved.message).toContain(`now finds the company`);
      expect(moved.message).toContain(SEED.companies.initech.uid);
      expect(moved.message).toContain(`set bEnd.providerCompanyUid to "${SEED.companies.acme.uid}"`);
      for (const text of [ambiguous.message, moved.message]) expect(text).not.toMatch(STACK_TRACE);
      report(
        "regression[impostor]: ambiguous name refused naming both UIDs; pinned order went to Acme; a lookup that found the impostor refused to replace",
      );
    },
    TIMEOUT,
  );

  it(
    "keys that are not the simulator's, with no environment named, stop preview naming megaport:environment and never reach 127.0.0.1:4010",
    async () => {
      const connections: number[] = [];
      const listener = net.createServer((socket) => {
        connections.push(Date.now());
        socket.destroy();
      });
      await new Promise<void>((resolve, reject) => {
        listener.once("error", (err) =>
          reject(
            new Error(`127.0.0.1:4010 must be free for this test (is a simulator running?): ${err.message}`),
          ),
        );
        listener.listen(4010, "127.0.0.1", resolve);
      });
      try {
        e2e = await createStack(CUSTOMER_PROGRAM, {
          stackName: "stranger",
          envVars: {
            ...FAST_PROVIDER_ENV,
            MEGAPORT_ACCESS_KEY: "a-real-looking-key",
            MEGAPORT_SECRET_KEY: "a-real-looking-secret",
          },
        });
        await setVxcs(e2e.stack, manyVxcs("ST", 1));
        const stopped = await failureOf(e2e.stack.preview({ onOutput: collect(e2e) }));
        report(
          `regression[keys to the default]: preview stopped: ${stopped.message.includes("megaport:environment")}; connections to 4010: ${connections.length}`,
        );
        expect(stopped.message).toContain("megaport:environment");
        expect(stopped.message).toContain("not the simulator's seeded keys");
        expect(stopped.message).not.toContain("a-real-looking-secret");
        expect(stopped.message).not.toMatch(STACK_TRACE);
        expect(connections).toEqual([]);
      } finally {
        await new Promise((resolve) => listener.close(resolve));
      }
    },
    TIMEOUT,
  );

  it(
    "preview with no credentials at all stops with the command that sets them",
    async () => {
      e2e = await createStack(CUSTOMER_PROGRAM, { stackName: "no-credentials", envVars: FAST_PROVIDER_ENV });
      await setVxcs(e2e.stack, manyVxcs("NC", 1));
      const stopped = await failureOf(e2e.stack.preview({ onOutput: collect(e2e) }));
      expect(stopped.message).toContain("Megaport credentials are not set");
      expect(stopped.message).toContain("pulumi config set --secret megaport:accessKey");
      expect(stopped.message).not.toMatch(STACK_TRACE);
    },
    TIMEOUT,
  );
});
