// The README's quick start, run as it is written: each `pulumi` command of its first block, in order, at the root of
// a fresh copy of this checkout (the repository is itself a Pulumi project), against a simulator on a port of the
// test's own, which the stack is told about with the README's `--port` commands. The copy's node_modules and dist/
// are the repository's, as `npm ci` and `npm run simulator` (which builds) leave them. A command the test does not
// know how to run fails it, so the README and this test cannot drift apart. `pulumi login --local` logs in to the
// test's home instead of the real user's, so the stack's state stays in the test's directory.
import * as fs from "node:fs";
import * as path from "node:path";
import { startWorld, visibleVxcs, type World } from "../support/world";
import {
  copyOfCheckout,
  expectSuccess,
  makeTmpDir,
  pulumiEnv,
  REPO_ROOT,
  run,
  since,
  type Ran,
} from "./user-shell";

const COMMAND_TIMEOUT = 5 * 60_000;

/** The commands of each ```sh block of the README's "Quick start" section, without their comments. */
function quickStartBlocks(): string[][] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = /^## Quick start\n([\s\S]*?)^## /m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Quick start" section');
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((block) =>
    block[1]
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim())
      .filter(Boolean),
  );
}

/** A README command as argv; the quick start's commands need no quoting, and one that does is a new case here. */
function argv(command: string): string[] {
  if (/["'`$\\|&;<>]/.test(command))
    throw new Error(`the quick start test cannot run ${JSON.stringify(command)}`);
  return command.split(/\s+/);
}

describe("the README's quick start", () => {
  let tmpDir: string;
  let world: World;

  beforeAll(async () => {
    tmpDir = makeTmpDir("quickstart");
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.close();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it(
    "from a fresh checkout: stack init, the seeded keys, a preview with the policy pack, up to two LIVE VXCs at Acme's instant port, destroy",
    async () => {
      const [steps, otherPort] = quickStartBlocks();
      expect(steps).toEqual(
        expect.arrayContaining([
          "npm ci",
          "npm run simulator",
          "pulumi login --local",
          "pulumi stack init dev",
          "pulumi config set --secret megaport:accessKey globex-admin-access",
          "pulumi config set --secret megaport:secretKey globex-admin-secret",
          "pulumi up",
          "pulumi destroy",
        ]),
      );
      // The README's port, swapped for the test simulator's.
      const readmePort = /--port (\d+)/.exec(otherPort.join("\n"))?.[1];
      expect(readmePort).toBeDefined();
      const port = new URL(world.sim.url).port;
      const pointAtSimulator = otherPort
        .filter((command) => command.startsWith("pulumi "))
        .map((command) => command.replaceAll(`127.0.0.1:${readmePort}`, `127.0.0.1:${port}`));
      expect(pointAtSimulator).toEqual([
        `pulumi config set megaport:baseUrl ${world.sim.url}`,
        `pulumi config set --plaintext megaport:tokenUrl ${world.sim.tokenUrl}`,
      ]);

      const checkout = copyOfCheckout(tmpDir);
      // What `npm run simulator` built before it started.
      fs.symlinkSync(path.join(REPO_ROOT, "dist"), path.join(checkout, "dist"), "dir");
      const env = pulumiEnv(tmpDir);
      const timings: string[] = [];
      const ran: Record<string, Ran> = {};
      const runStep = async (command: string) => {
        const [program, ...args] = argv(command);
        const result = await run(program, args, { cwd: checkout, env, timeoutMs: COMMAND_TIMEOUT });
        expectSuccess(command, result);
        ran[command] = result;
        timings.push(`${args.slice(0, 2).join(" ")} ${result.seconds.toFixed(1)}s`);
        return result;
      };

      const started = Date.now();
      for (const command of steps) {
        if (command === "npm ci") continue; // the copy links the repository's node_modules
        if (command === "npm run simulator") continue; // the test's simulator stands in, on its own port
        if (command === "pulumi login --local") {
          // --local is file://~, and the CLI takes ~ from the password database, not $HOME: as typed, it would put
          // the stack in the real user's ~/.pulumi. The test's home stands in for the user's.
          await runStep(`pulumi login file://${env.HOME}`);
          continue;
        }
        if (!command.startsWith("pulumi ")) throw new Error(`the quick start test cannot run ${command}`);
        if (command === "pulumi destroy") {
          // Before destroy: both VXCs LIVE, at Acme's instant port, as the stack's outputs and Globex see them.
          const outputs = await run("pulumi", ["stack", "output", "vxcs", "--json"], { cwd: checkout, env });
          expectSuccess("pulumi stack output vxcs --json", outputs);
          expect(JSON.parse(outputs.stdout)).toEqual([
            expect.objectContaining({
              name: "Globex to Acme (red)",
              status: "LIVE",
              acmePort: "Acme Sydney Instant",
            }),
            expect.objectContaining({
              name: "Globex to Acme (blue)",
              status: "LIVE",
              acmePort: "Acme Sydney Instant",
            }),
          ]);
          const live = [...(await visibleVxcs(world.globex)).values()].filter(
            (vxc) => vxc.provisioningStatus === "LIVE",
          );
          expect(live.map((vxc) => vxc.productName).sort()).toEqual([
            "Globex to Acme (blue)",
            "Globex to Acme (red)",
          ]);
        }
        await runStep(command);
        if (command.startsWith("pulumi stack init")) {
          for (const pointing of pointAtSimulator) await runStep(pointing);
        }
      }

      // The state was in the test's home, as --local keeps it in the user's: nothing left outside the test.
      expect(
        fs.existsSync(path.join(env.HOME, ".pulumi", "stacks", "megaport-mx-quickstart", "dev.json")),
      ).toBe(true);
      const preview = Object.entries(ran).find(([command]) => command.includes("--policy-pack"))?.[1];
      expect(preview?.output).toMatch(/megaport-mx@v\d/);
      expect(preview?.output).not.toMatch(/\[mandatory\]/);
      expect(ran["pulumi up"].output).toMatch(/\+ 5 created/); // the stack, its identity, two VXCs, the subscription
      expect(ran["pulumi destroy"].output).toMatch(/- 5 deleted/);
      const stillLive = [...(await visibleVxcs(world.globex)).values()].filter(
        (vxc) => vxc.provisioningStatus === "LIVE",
      );
      expect(stillLive).toEqual([]);
      process.stdout.write(`[package] quick start ${since(started)}: ${timings.join(", ")}\n`);
    },
    15 * 60_000,
  );
});
