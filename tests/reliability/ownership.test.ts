// Whose VXC is it? Through the real CLI: `megaport-mx orphans --cancel-all` run while a `pulumi up` is placing orders
// cancels nothing and says why (then, once the up is done, still finds and cancels a real orphan); its errors for a
// wrong passphrase, stack or backend are one line naming the fix; a same-named stack on a second backend can neither
// adopt (adoptUid) nor take over by tag the first stack's VXC, and its destroy leaves that VXC LIVE.
import * as fs from "node:fs";
import * as path from "node:path";
import { runOrphans } from "../../cli/orphans";
import { STACK_ID_KEY, STACK_ID_TAG } from "../../provider/kinds/hidden-inputs";
import { STACK_IDENTITY_TOKEN, stackIdOf } from "../../provider/kinds/stack-identity/stack-identity";
import { SEED } from "../../simulator/seed";
import {
  FAST_PROVIDER_ENV,
  startWorld,
  visibleVxcs,
  waitForPendingRequest,
  type World,
} from "../support/world";
import { collect, createStack, type E2eStack } from "../support/pulumi-stack";
import { startPostgres } from "../support/postgres";
import {
  acmeAcceptsEverything,
  CUSTOMER_PROGRAM,
  customerStack,
  liveByName,
  manyVxcs,
  orderTaggedFor,
  PROJECT,
  report,
  setVxcs,
  withEnv,
} from "./reliability-world";

const TIMEOUT = 4 * 60_000;

let world: World;
const stacks: E2eStack[] = [];

beforeAll(async () => {
  world = await startWorld({
    timings: { deployableMs: 200, configuredMs: 200, cancelledMs: 400, tickMs: 20 },
  });
});

afterEach(async () => {
  for (const e2e of stacks.splice(0)) await e2e.cleanup();
});

afterAll(async () => {
  await world?.close();
});

/** Runs `megaport-mx orphans` on the stack, as its user would (its backend, passphrase and PULUMI_HOME). */
async function orphans(e2e: E2eStack, args: string[], env: Record<string, string> = {}) {
  const lines: string[] = [];
  const code = await withEnv({ ...e2e.envVars, PULUMI_HOME: `${e2e.tmpDir}/home`, ...env }, () =>
    runOrphans(["--cwd", e2e.workDir, ...args], (l) => lines.push(...l.split("\n"))),
  );
  return { code, lines, text: lines.join("\n") };
}

/** An order carrying the stack's tags (and identity, when given) that no resource holds: a real orphan. */
const strayOrder = (e2e: E2eStack, name: string, stackId: string | undefined) =>
  orderTaggedFor(world, `${PROJECT}/${e2e.stack.name}`, name, stackId);

const statusOf = async (uid: string) => (await visibleVxcs(world.globex)).get(uid)?.provisioningStatus;

describe("the orphan sweep", () => {
  it(
    "racing a pulumi up cancels nothing and says why; after the up, a real orphan is still cancelled",
    async () => {
      // Acme approves these by hand: the up waits with every order placed.
      const vxcs = manyVxcs("OR", 3, { port: SEED.ports.acmeSydRed.uid, firstVlan: 510 });
      const e2e = await customerStack(world, "sweep-race", vxcs);
      stacks.push(e2e);
      const up = e2e.stack.up({ onOutput: collect(e2e) });
      for (const v of vxcs) await waitForPendingRequest(world.acme, (p) => p.productName === v.name);
      const during = await orphans(e2e, ["--stack", e2e.stack.name, "--cancel-all"]);
      const liveDuring = [...(await liveByName(world.globex, "OR")).values()].flat().length;

      const acme = acmeAcceptsEverything(world, 100);
      try {
        await up;
      } finally {
        await acme.stop();
      }
      // A real orphan: an order carrying this stack's tags and identity that no resource holds.
      const state = (await e2e.stack.exportStack()).deployment;
      const orphanUid = await strayOrder(e2e, "OR stray", stackIdOf(state)!);
      const after = await orphans(e2e, ["--stack", e2e.stack.name, "--cancel-all"]);
      const held = await Promise.all(vxcs.map(async (v) => (await liveByName(world.globex, v.name)).size));
      const cancelledAfter = after.lines.filter((l) => l.startsWith("cancelled ")).length;
      report(
        `ownership: the sweep racing an \`up\` (${3 - liveDuring} cancelled, exit ${during.code}` +
          `${/in progress/.test(during.text) ? ", refused: update in progress" : ""}); after the up ${cancelledAfter} ` +
          `real orphan cancelled (exit ${after.code}), ${held.reduce((a, b) => a + b, 0)} of 3 held VXCs LIVE`,
      );
      expect(liveDuring).toBe(3);
      expect(during.code).toBe(1);
      expect(during.text).toMatch(/nothing cancelled: an update of stack .*sweep-race is in progress/);
      expect(during.text).not.toMatch(/clear-pending-creates/);
      expect(during.lines.filter((l) => l.startsWith("cancelling "))).toEqual([]);
      expect(after.code).toBe(0);
      expect(after.lines).toContain(`cancelled ${orphanUid}: DECOMMISSIONED`);
      expect(cancelledAfter).toBe(1);
      expect(held).toEqual([1, 1, 1]);
    },
    TIMEOUT,
  );

  it(
    "that read the state before an up began cancels none of the up's orders: it reads the lock again before each cancel",
    async () => {
      const [kept] = manyVxcs("OB", 1);
      const added = manyVxcs("OB", 4, { port: SEED.ports.acmeSydRed.uid, firstVlan: 530 }).slice(1);
      const e2e = await customerStack(world, "sweep-before-up", [kept]);
      stacks.push(e2e);
      await e2e.stack.up({ onOutput: collect(e2e) });
      await setVxcs(e2e.stack, [kept, ...added]);
      // The sweep reads the lock (none) and the state, then its listing of products is held back (the 6 s
      // listing, made certain): the up starts and places its orders meanwhile, so the listing shows them.
      const faults = world.sim.faults;
      const fire = faults.fire.bind(faults);
      let listingHeld!: () => void;
      const held = new Promise<void>((resolve) => (listingHeld = resolve));
      faults.fire = (method, pathname) => {
        const fired = fire(method, pathname);
        if (fired.latencyMs > 0) listingHeld();
        return fired;
      };
      faults.replace([{ kind: "latency", latencyMs: 25_000, count: 1, path: "/v2/products", method: "GET" }]);
      let up: Promise<unknown> | undefined;
      try {
        const sweep = orphans(e2e, ["--stack", e2e.stack.name, "--cancel-all"]);
        await held;
        up = e2e.stack.up({ onOutput: collect(e2e) });
        for (const v of added) await waitForPendingRequest(world.acme, (p) => p.productName === v.name);
        const result = await sweep;
        const live = [...(await liveByName(world.globex, "OB")).values()].flat().length;
        const cancelled = result.lines.filter((l) => l.startsWith("cancelling ")).length;
        const acme = acmeAcceptsEverything(world, 100);
        const outcome = await up.then(
          () => "succeeded",
          () => "failed",
        );
        await acme.stop();
        report(
          `ownership: the sweep that read the state before an \`up\` began (${cancelled} cancelled, ` +
            `${result.lines.filter((l) => l.startsWith("not cancelling ")).length} refused before the cancel: ` +
            `update in progress); ${live} of 4 VXCs live, the up ${outcome}`,
        );
        expect(cancelled).toBe(0);
        expect(
          result.lines.filter((l) => /^not cancelling .*: an update of stack .* is in progress/.test(l)),
        ).toHaveLength(3);
        expect(result.text).not.toMatch(/clear-pending-creates/);
        expect(live).toBe(4);
        expect(outcome).toBe("succeeded");
      } finally {
        faults.fire = fire;
        faults.replace([]);
        await up?.catch(() => undefined);
      }
    },
    TIMEOUT,
  );

  it(
    "racing a pulumi up on a postgres:// backend cancels nothing either: the lock is read from the state table",
    async () => {
      const postgres = await startPostgres();
      try {
        // lib/pq, the CLI's PostgreSQL driver, defaults to sslmode=require; the throwaway server has no TLS.
        const backend = `${postgres.createDatabase("sweep_state")}?sslmode=disable`;
        const vxcs = manyVxcs("OP", 2, { port: SEED.ports.acmeSydRed.uid, firstVlan: 520 });
        const e2e = await createStack(CUSTOMER_PROGRAM, {
          stackName: "sweep-race-pg",
          envVars: { ...FAST_PROVIDER_ENV, PULUMI_BACKEND_URL: backend },
          config: world.configFor("globex"),
        });
        stacks.push(e2e);
        await setVxcs(e2e.stack, vxcs);
        const up = e2e.stack.up({ onOutput: collect(e2e) });
        for (const v of vxcs) await waitForPendingRequest(world.acme, (p) => p.productName === v.name);
        const during = await orphans(e2e, ["--stack", e2e.stack.name, "--cancel-all"]);
        const liveDuring = [...(await liveByName(world.globex, "OP")).values()].flat().length;
        const acme = acmeAcceptsEverything(world, 100);
        try {
          await up;
        } finally {
          await acme.stop();
        }
        const after = await orphans(e2e, ["--stack", e2e.stack.name, "--cancel-all"]);
        report(
          `ownership: the sweep racing an \`up\` on postgres:// (${2 - liveDuring} cancelled, exit ${during.code}` +
            `${/in progress/.test(during.text) ? ", refused: update in progress" : ""}); after the up exit ${after.code}`,
        );
        expect(liveDuring).toBe(2);
        expect(during.code).toBe(1);
        expect(during.text).toMatch(/nothing cancelled: an update of stack .*sweep-race-pg is in progress/);
        expect(during.text).not.toMatch(/clear-pending-creates/);
        expect(after.code).toBe(0);
        await e2e.stack.destroy({ onOutput: collect(e2e) });
      } finally {
        await postgres.stop();
      }
    },
    TIMEOUT,
  );

  it(
    "answers a wrong passphrase, an unknown stack and a wrong backend in one line that names the fix",
    async () => {
      const e2e = await customerStack(world, "sweep-errors", []);
      stacks.push(e2e);
      const emptyBackend = fs.mkdtempSync(path.join(e2e.tmpDir, "other-backend-"));
      const cases = {
        passphrase: await orphans(e2e, ["--stack", e2e.stack.name], { PULUMI_CONFIG_PASSPHRASE: "not-it" }),
        stack: await orphans(e2e, ["--stack", "no-such-stack"]),
        backend: await orphans(e2e, ["--stack", e2e.stack.name], {
          PULUMI_BACKEND_URL: `file://${emptyBackend}`,
        }),
      };
      const oneLiners = Object.entries(cases).filter(([, r]) => r.code === 1 && r.lines.length === 1);
      report(
        `ownership: orphans errors for a wrong passphrase, stack and backend: ${oneLiners.length} of 3 in one line ` +
          `(${Object.values(cases)
            .map((r) => r.lines.length)
            .join(", ")} lines)`,
      );
      for (const r of Object.values(cases)) {
        expect(r.code).toBe(1);
        expect(r.lines).toHaveLength(1);
        expect(r.text).not.toMatch(/stderr|stdout|code: \d|\n\s+at /);
      }
      expect(cases.passphrase.text).toMatch(/PULUMI_CONFIG_PASSPHRASE/);
      expect(cases.stack.text).toMatch(/no stack no-such-stack .*--stack/);
      expect(cases.backend.text).toMatch(/PULUMI_BACKEND_URL/);
      expect(cases.backend.text).toContain(emptyBackend);
    },
    TIMEOUT,
  );
});

describe("two backends, one project and stack name", () => {
  it(
    "the second stack's adoptUid of the first's VXC is refused naming it and its holder; its destroy leaves it LIVE",
    async () => {
      const [spec] = manyVxcs("TB", 1);
      const first = await customerStack(world, "shared-name", [spec]);
      stacks.push(first);
      const up = await first.stack.up({ onOutput: collect(first) });
      const uid = up.outputs["TB-0"].value.vxcUid as string;
      const firstId = stackIdOf((await first.stack.exportStack()).deployment)!;

      const second = await customerStack(world, "shared-name", [{ ...spec, adoptUid: uid } as typeof spec]);
      stacks.push(second);
      const adoption = await second.stack.up({ onOutput: collect(second) }).then(
        () => "adopted",
        (err: Error) => err.message,
      );
      // The same resource without adoptUid: same names, same ends, same order tag, another identity.
      await setVxcs(second.stack, [spec]);
      const own = await second.stack.up({ onOutput: collect(second) });
      const secondUid = own.outputs["TB-0"].value.vxcUid as string;
      await second.stack.destroy({ onOutput: collect(second) });
      const status = await statusOf(uid);
      report(
        `ownership: adoption across two backends (${adoption === "adopted" ? "adopted" : "refused"}); the same ` +
          `resource there ordered ${secondUid === uid ? "nothing (took the first's VXC over)" : "its own VXC"}; ` +
          `after its destroy the first stack's VXC is ${status}`,
      );
      expect(adoption).toContain(`VXC ${uid} is held by another stack`);
      expect(adoption).toContain(`stack identity ${firstId}`);
      expect(adoption).toContain(`stack ${PROJECT}/shared-name, resource "TB-0"`);
      expect(secondUid).not.toBe(uid);
      expect(status).toBe("LIVE");
      expect(await statusOf(secondUid)).toBe("DECOMMISSIONED");
    },
    TIMEOUT,
  );
});

describe("a stack from the release before identities", () => {
  it(
    "previews no VXC change, gets its identity at the next up, and still adopts an order of that release by its tag",
    async () => {
      const vxcs = manyVxcs("LG", 2);
      const e2e = await customerStack(world, "legacy", vxcs);
      stacks.push(e2e);
      const first = await e2e.stack.up({ onOutput: collect(e2e) });
      const uids = vxcs.map((v) => first.outputs[v.resourceName].value.vxcUid as string);
      // The state and tags that release wrote: no identity resource, no __stackId, no stack-id tag; and LG-1's
      // create interrupted and cleared (`refresh --clear-pending-creates`), so only its order remains.
      const exported = await e2e.stack.exportStack();
      const deployment = exported.deployment as { resources: StateResource[] };
      const identityUrn = deployment.resources.find((r) => r.type === STACK_IDENTITY_TOKEN)!.urn;
      deployment.resources = deployment.resources
        .filter((r) => r.urn !== identityUrn && !r.urn.endsWith("::LG-1"))
        .map((r) => withoutIdentity(r, identityUrn));
      await e2e.stack.importStack(exported);
      for (const uid of uids) {
        const tags = await world.globex.getResourceTags(uid);
        await world.globex.setResourceTags(
          uid,
          tags.filter((t) => t.key !== STACK_ID_TAG),
        );
      }

      const preview = await e2e.stack.preview({ onOutput: collect(e2e) });
      const second = await e2e.stack.up({ onOutput: collect(e2e) });
      const quiet = await e2e.stack.preview({ expectNoChanges: true, onOutput: collect(e2e) }).then(
        () => true,
        () => false,
      );
      const stackId = stackIdOf((await e2e.stack.exportStack()).deployment);
      const after = vxcs.map((v) => second.outputs[v.resourceName].value.vxcUid as string);
      const tagged = await Promise.all(
        uids.map(
          async (uid) => (await world.globex.getResourceTags(uid)).find((t) => t.key === STACK_ID_TAG)?.value,
        ),
      );
      const live = [...(await liveByName(world.globex, "LG")).values()].flat().length;
      // An orphan of that release: its tags name the stack but no identity, as a same-named stack's would.
      const legacyOrphan = await strayOrder(e2e, "LG stray", undefined);
      const all = await orphans(e2e, ["--stack", e2e.stack.name, "--cancel-all"]);
      const byUid = await orphans(e2e, ["--stack", e2e.stack.name, "--cancel", legacyOrphan]);
      report(
        `ownership: a stack from before identities: preview ${JSON.stringify(preview.changeSummary)}; the up kept ` +
          `${after.filter((uid, i) => uid === uids[i]).length} of 2 VXCs (the order of the interrupted create ` +
          `adopted), ${live} live; then preview --expect-no-changes passes: ${quiet}; its orphan without identity: ` +
          `--cancel-all exit ${all.code} (left), --cancel <uid> exit ${byUid.code}`,
      );
      expect(all.code).toBe(3);
      expect(all.text).toContain(`megaport-mx orphans --cancel ${legacyOrphan}`);
      expect(all.lines.filter((l) => l.startsWith("cancelling "))).toEqual([]);
      expect(byUid.code).toBe(0);
      expect(byUid.lines).toContain(`cancelled ${legacyOrphan}: DECOMMISSIONED`);
      // The identity is the one change; LG-1's create finds its order by the tag that release wrote.
      expect(preview.changeSummary).toEqual({ create: 2, same: 2 });
      expect(after).toEqual(uids);
      expect(live).toBe(2);
      expect(quiet).toBe(true);
      // The adopted order now carries the stack's identity; LG-0, untouched, still carries none.
      expect(tagged).toEqual([undefined, stackId]);
    },
    TIMEOUT,
  );
});

interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

/** A resource as the release before identities wrote it: no __stackId and no dependency on the identity. */
function withoutIdentity(resource: StateResource, identityUrn: string): StateResource {
  const drop = (props?: Record<string, unknown>) => {
    if (!props) return props;
    const { [STACK_ID_KEY]: _dropped, ...rest } = props;
    return rest;
  };
  const { [STACK_ID_KEY]: _deps, ...propertyDependencies } = resource.propertyDependencies ?? {};
  return {
    ...resource,
    inputs: drop(resource.inputs),
    outputs: drop(resource.outputs),
    dependencies: resource.dependencies?.filter((urn) => urn !== identityUrn),
    ...(resource.propertyDependencies ? { propertyDependencies } : {}),
  };
}
