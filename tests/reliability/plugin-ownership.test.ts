// Whose VXC is it, through the provider plugin? Two Pulumi YAML stacks of the same project and stack name on two
// backends (a laptop and CI) share every name, so every order tag but the stack identity (provider/plugin/stack-id.ts):
// the second orders its own VXC rather than take the first's over, the sweep of each lists no orphan of the other's,
// and the second's destroy leaves the first's VXC LIVE. The counterpart of ownership.test.ts's "two backends". And
// `megaport-mx orphans` treats a plugin stack as a dynamic one: it reads the stack's `megaport-mx:*` settings, lists
// an order carrying the stack's tags and identity that no resource holds, and --cancel-all cancels it.
import * as path from "node:path";
import { runOrphans } from "../../cli/orphans";
import { STACK_ID_TAG } from "../../provider/kinds/hidden-inputs";
import { stackIdsOf } from "../../provider/kinds/stack-identity/stack-identity";
import { SEED } from "../../simulator/seed";
import { collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { FAST_PROVIDER_ENV, startWorld, type World } from "../support/world";
import { orderTaggedFor, report, withEnv } from "./reliability-world";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-vxc");
const PROJECT = "megaport-mx-plugin-vxc";
const TIMEOUT = 5 * 60_000;

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

/** A stack of the plugin program named `stackName`, on a backend of its own, with Globex's key as `megaport-mx:`. */
async function pluginStack(stackName: string, program = PROGRAM, project = PROJECT): Promise<E2eStack> {
  const e2e = await createStack(program, {
    stackName,
    yamlHost: true,
    plugin: true,
    envVars: FAST_PROVIDER_ENV,
    config: {
      ...world.configFor("globex", "megaport-mx"),
      [`${project}:globexPort`]: SEED.ports.globexSydRed.uid,
      [`${project}:acmePort`]: SEED.ports.acmeSydAuto.uid,
    },
  });
  stacks.push(e2e);
  return e2e;
}

/** `megaport-mx orphans --json` on the stack, as its user would run it (its backend, passphrase and PULUMI_HOME). */
async function orphansOf(
  e2e: E2eStack,
  args: string[] = [],
): Promise<{ code: number; orphans: string[]; cancelled: string[] }> {
  const lines: string[] = [];
  const code = await withEnv({ ...e2e.envVars, PULUMI_HOME: `${e2e.tmpDir}/home` }, () =>
    runOrphans(["--cwd", e2e.workDir, "--stack", e2e.stack.name, "--json", ...args], (l) => lines.push(l)),
  );
  const json = lines.join("\n");
  const parsed = JSON.parse(json.slice(json.indexOf("{"))) as {
    orphans: { vxcUid: string }[];
    cancelled: string[];
  };
  return { code, orphans: parsed.orphans.map((o) => o.vxcUid), cancelled: parsed.cancelled };
}

const statusOf = async (uid: string) => (await world.globex.getVxc(uid)).provisioningStatus;

describe("two backends, one project and stack name, through the provider plugin", () => {
  it(
    "the second stack orders its own VXC, neither sweep lists the other's, and its destroy leaves the first's LIVE",
    async () => {
      const first = await pluginStack("shared-name");
      const up = await first.stack.up({ onOutput: collect(first) });
      const uid = up.outputs.vxcUid.value as string;
      const firstIds = stackIdsOf((await first.stack.exportStack()).deployment);
      // Run twice: the provider's identity is kept from its old inputs, not minted anew.
      await first.stack.up({ onOutput: collect(first) });
      const firstIdsAfter = stackIdsOf((await first.stack.exportStack()).deployment);

      const second = await pluginStack("shared-name");
      const own = await second.stack.up({ onOutput: collect(second) });
      const secondUid = own.outputs.vxcUid.value as string;
      const secondIds = stackIdsOf((await second.stack.exportStack()).deployment);
      const sweeps = { first: await orphansOf(first), second: await orphansOf(second) };
      await second.stack.destroy({ onOutput: collect(second) });
      const status = await statusOf(uid);
      const tag = (await world.globex.getResourceTags(uid)).find((t) => t.key === STACK_ID_TAG)?.value;
      report(
        `ownership through the plugin: the same-named stack on a second backend ordered ` +
          `${secondUid === uid ? "nothing (took the first's VXC over)" : "its own VXC"}; sweeps list ` +
          `${sweeps.first.orphans.length} and ${sweeps.second.orphans.length} orphan(s); after its destroy the ` +
          `first stack's VXC is ${status}`,
      );
      expect(firstIds).toHaveLength(1);
      expect(firstIdsAfter).toEqual(firstIds);
      expect(tag).toBe(firstIds[0]);
      expect(secondIds).toHaveLength(1);
      expect(secondIds).not.toEqual(firstIds);
      expect(secondUid).not.toBe(uid);
      expect(sweeps.first).toEqual({ code: 0, orphans: [], cancelled: [] });
      expect(sweeps.second).toEqual({ code: 0, orphans: [], cancelled: [] });
      expect(status).toBe("LIVE");
      expect(await statusOf(secondUid)).toBe("DECOMMISSIONED");
    },
    TIMEOUT,
  );
});

describe("megaport-mx orphans on a plugin stack", () => {
  it(
    "lists an order with the stack's tags and identity that no resource holds, and --cancel-all cancels it",
    async () => {
      const e2e = await pluginStack("sweep");
      await e2e.stack.up({ onOutput: collect(e2e) });
      const [stackId] = stackIdsOf((await e2e.stack.exportStack()).deployment);
      const stray = await orderTaggedFor(world, `${PROJECT}/sweep`, "PS stray", stackId);
      const listed = await orphansOf(e2e);
      const cancelled = await orphansOf(e2e, ["--cancel-all"]);
      const status = await statusOf(stray);
      report(
        `orphans of a plugin stack: listed ${listed.orphans.length} (exit ${listed.code}); --cancel-all exit ` +
          `${cancelled.code}, the orphan ${status}`,
      );
      expect(listed).toEqual({ code: 3, orphans: [stray], cancelled: [] });
      expect(cancelled).toEqual({ code: 0, orphans: [], cancelled: [stray] });
      expect(status).toBe("DECOMMISSIONED");
      await e2e.stack.destroy({ onOutput: collect(e2e) });
    },
    TIMEOUT,
  );
});

describe("a plugin stack holding two identities (two providers, as after an upgrade made a new default provider)", () => {
  it(
    "each VXC carries its provider's identity, the sweep takes both as the stack's, and the destroy cancels both",
    async () => {
      const project = "megaport-mx-plugin-two-providers";
      const e2e = await pluginStack(
        "two",
        path.join(REPO_ROOT, "tests/e2e/programs/plugin-two-providers"),
        project,
      );
      const key = SEED.apiKeys.globexAdmin;
      await e2e.stack.setConfig(`${project}:globexAccessKey`, { value: key.accessKey, secret: true });
      await e2e.stack.setConfig(`${project}:globexSecretKey`, { value: key.secretKey, secret: true });
      const up = await e2e.stack.up({ onOutput: collect(e2e) });
      const uids = [up.outputs.byDefault.value as string, up.outputs.byExplicit.value as string];
      const ids = stackIdsOf((await e2e.stack.exportStack()).deployment);
      const tags = await Promise.all(
        uids.map(
          async (uid) => (await world.globex.getResourceTags(uid)).find((t) => t.key === STACK_ID_TAG)?.value,
        ),
      );
      // An orphan carrying the explicit provider's identity is this stack's, proven, as one with the default's is.
      const stray = await orderTaggedFor(world, `${project}/two`, "TP stray", tags[1]);
      const sweep = await orphansOf(e2e, ["--cancel-all"]);
      await e2e.stack.destroy({ onOutput: collect(e2e) });
      const after = await Promise.all(uids.map(statusOf));
      report(
        `a plugin stack with two providers: ${ids.length} identities, the sweep cancelled ` +
          `${sweep.cancelled.length} orphan(s) carrying the second; the destroy left its VXCs ${after.join(", ")}`,
      );
      expect(ids).toHaveLength(2);
      expect(new Set(tags)).toEqual(new Set(ids));
      expect(sweep).toEqual({ code: 0, orphans: [], cancelled: [stray] });
      expect(after).toEqual(["DECOMMISSIONED", "DECOMMISSIONED"]);
    },
    TIMEOUT,
  );
});
