// A stack moves from the dynamic resources to the provider plugin without re-ordering: a TypeScript program orders a
// VXC through the dynamic resources; `megaport-mx migrate` refuses while the stack's update lock is held, then
// rewrites the stack's state; a Pulumi YAML program declaring
// the same VXC through the plugin previews no changes, and its `up` buys nothing and cancels nothing (counted at the
// simulator); the stack keeps its identity, the sweep finds no orphan, and a destroy through the plugin cancels the
// VXC (its tags still name the stack's identity, so the plugin knows it is the stack's own).
import * as fs from "node:fs";
import * as path from "node:path";
import { runMigrate } from "../../cli/migrate";
import { runOrphans } from "../../cli/orphans";
import { pluginTypeToken } from "../../provider/kinds/kinds";
import { STACK_ID_TAG } from "../../provider/kinds/hidden-inputs";
import { stackIdsOf } from "../../provider/kinds/stack-identity/stack-identity";
import { SEED } from "../../simulator/seed";
import { backendText, collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { FAST_PROVIDER_ENV, startWorld, type World } from "../support/world";
import { CUSTOMER_PROGRAM, manyVxcs, PROJECT, report, setVxcs, withEnv } from "./reliability-world";

const YAML_PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-customer/Pulumi.yaml");
const TIMEOUT = 5 * 60_000;

let world: World;
let e2e: E2eStack | undefined;

beforeAll(async () => {
  world = await startWorld({
    timings: { deployableMs: 200, configuredMs: 200, cancelledMs: 400, tickMs: 20 },
  });
});

afterAll(async () => {
  await e2e?.cleanup();
  await world?.close();
});

/** A megaport-mx command on the stack, as its user would run it (its backend, passphrase and PULUMI_HOME). */
async function command(
  run: (argv: string[], out: (line: string) => void) => Promise<number>,
  stack: E2eStack,
  args: string[],
) {
  const lines: string[] = [];
  const code = await withEnv({ ...stack.envVars, PULUMI_HOME: `${stack.tmpDir}/home` }, () =>
    run(["--cwd", stack.workDir, "--stack", stack.stack.name, ...args], (l) => lines.push(l)),
  );
  return { code, text: lines.join("\n") };
}

/** Orders placed and cancels asked for at the simulator since its log was reset. */
function buysAndCancels(): { buys: number; cancels: number } {
  const routes = world.sim.requests.snapshot().byRoute;
  const total = (match: (route: string) => boolean) =>
    Object.entries(routes)
      .filter(([route]) => match(route))
      .reduce((sum, [, counts]) => sum + counts.total, 0);
  return {
    buys: total((route) => /^POST .*\/networkdesign\/buy$/.test(route)),
    cancels: total((route) => route.startsWith("POST ") && route.includes("/action/")),
  };
}

describe("megaport-mx migrate: dynamic resources to the provider plugin", () => {
  it(
    "the YAML program through the plugin previews no changes, its up buys and cancels nothing, the sweep finds no orphan",
    async () => {
      e2e = await createStack(CUSTOMER_PROGRAM, {
        stackName: "moving",
        yamlHost: true,
        plugin: true,
        envVars: FAST_PROVIDER_ENV,
        config: world.configFor("globex"),
      });
      await setVxcs(e2e.stack, manyVxcs("MG", 1));
      const first = await e2e.stack.up({ onOutput: collect(e2e) });
      const uid = first.outputs["MG-0"].value.vxcUid as string;
      const dynamicIds = stackIdsOf((await e2e.stack.exportStack()).deployment);

      // While the backend holds the stack's update lock (an up running elsewhere), it refuses and changes nothing.
      const lockDir = path.join(e2e.tmpDir, "backend/.pulumi/locks/organization", PROJECT, "moving");
      fs.mkdirSync(lockDir, { recursive: true });
      fs.writeFileSync(path.join(lockDir, "running.json"), JSON.stringify({ pid: 7, hostname: "ci" }));
      const locked = await command(runMigrate, e2e, []);
      const whileLocked = stackIdsOf((await e2e.stack.exportStack()).deployment);
      const typesWhileLocked = (
        (await e2e.stack.exportStack()).deployment as { resources: { type: string }[] }
      ).resources.map((r) => r.type);
      fs.rmSync(lockDir, { recursive: true });
      // A dry run changes nothing; then the move.
      const dry = await command(runMigrate, e2e, ["--dry-run"]);
      const unchanged = stackIdsOf((await e2e.stack.exportStack()).deployment);
      world.sim.requests.reset();
      const migrated = await command(runMigrate, e2e, []);
      const again = await command(runMigrate, e2e, []);
      // The settings copied into the plugin's provider stay secret in state.
      const leaked = world.secrets().filter((secret) => backendText(e2e!).includes(secret));

      // The program now declares the VXC through the plugin, in Pulumi YAML, under the same project and name.
      for (const file of ["index.js", "package.json"])
        fs.rmSync(path.join(e2e.workDir, file), { force: true });
      fs.copyFileSync(YAML_PROGRAM, path.join(e2e.workDir, "Pulumi.yaml"));
      await e2e.stack.removeConfig("vxcs");
      await e2e.stack.setConfig(`${PROJECT}:globexPort`, { value: SEED.ports.globexSydRed.uid });
      await e2e.stack.setConfig(`${PROJECT}:acmePort`, { value: SEED.ports.acmeSydAuto.uid });

      const preview = await e2e.stack.preview({ expectNoChanges: true, onOutput: collect(e2e) }).then(
        (result) => ({ quiet: true, summary: result.changeSummary }),
        (err: Error) => ({ quiet: false, summary: err.message.split("\n").slice(-5).join(" ") }),
      );
      const up = await e2e.stack.up({ onOutput: collect(e2e) });
      const afterUp = buysAndCancels();
      const state = (await e2e.stack.exportStack()).deployment as {
        resources: { type: string; id?: string }[];
      };
      const sweep = await command(runOrphans, e2e, ["--json"]);
      const tag = (await world.globex.getResourceTags(uid)).find((t) => t.key === STACK_ID_TAG)?.value;
      const status = (await world.globex.getVxc(uid)).provisioningStatus;
      await e2e.stack.destroy({ onOutput: collect(e2e) });
      const afterDestroy = (await world.globex.getVxc(uid)).provisioningStatus;
      report(
        `migrate dynamic → plugin: preview ${preview.quiet ? "no changes" : `changes (${preview.summary})`}; ` +
          `up ${JSON.stringify(up.summary.resourceChanges)}, ${afterUp.buys} buy(s), ${afterUp.cancels} cancel(s); ` +
          `VXC ${status}, sweep exit ${sweep.code}; destroy through the plugin left it ${afterDestroy}`,
      );
      expect(locked.code).toBe(1);
      expect(locked.text).toContain("nothing changed: an update of stack");
      expect(whileLocked).toEqual(dynamicIds);
      expect(typesWhileLocked).toContain("pulumi-nodejs:dynamic/megaport:VxcConnection");
      expect(dry.code).toBe(0);
      expect(dry.text).toContain(
        `would move urn:pulumi:moving::${PROJECT}::pulumi-nodejs:dynamic/megaport:VxcConnection::MG-0`,
      );
      expect(unchanged).toEqual(dynamicIds);
      expect(migrated.code).toBe(0);
      expect(migrated.text).toContain("migrated 1 resource(s)");
      expect(leaked).toEqual([]);
      expect(again.code).toBe(1);
      expect(again.text).toContain("already has the plugin's provider");
      expect(preview).toEqual({ quiet: true, summary: { same: 2 } }); // the stack and the VXC
      expect(afterUp).toEqual({ buys: 0, cancels: 0 });
      const vxcs = state.resources.filter((r) => r.type === pluginTypeToken("VxcConnection"));
      expect(vxcs.map((r) => r.id)).toEqual([uid]);
      expect(state.resources.map((r) => r.type)).not.toContain(
        "pulumi-nodejs:dynamic/megaport:StackIdentity",
      );
      expect(stackIdsOf(state)).toEqual(dynamicIds);
      expect(tag).toBe(dynamicIds[0]);
      expect(status).toBe("LIVE");
      expect(sweep.code).toBe(0);
      expect(JSON.parse(sweep.text).orphans).toEqual([]);
      expect(afterDestroy).toBe("DECOMMISSIONED");
    },
    TIMEOUT,
  );
});
