// The real CLI runs a Go program that declares a VxcConnection through the plugin's generated Go SDK (sdks/go), with
// the Go language host that scripts/pulumi-sdk-hosts.sh builds and the provider plugin (bin/pulumi-resource-megaport-mx
// over dist/: `npm run build` first) on PATH: pulumi up orders a VXC to Acme by provider name and waits for LIVE, a
// higher rate limit updates it in place, pulumi destroy cancels it; against a simulator. The program is compiled once
// before the first `up` (the Go build cache then serves the host's own build), and its time is printed.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { GO_SDK_MODULE, SDKS_DIR } from "../../scripts/plugin-schema";
import { sdkHostsDir } from "../../scripts/sdks";
import { SEED } from "../../simulator/seed";
import { isolatedPulumiEnv } from "../../scripts/pulumi-cli-root";
import { backendText, collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { startWorld, visibleVxcs, type World } from "../support/world";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-sdk-go");
const CONFIG = "megaport-mx-plugin-sdk-go";
/** The Go build of the program and its dependencies, cold: minutes on 2 cores. */
const BUILD_TIMEOUT = 15 * 60_000;

describe("a Go program declaring a VxcConnection through the plugin's generated Go SDK", () => {
  let world: World;
  let e2e: E2eStack;
  let buildSeconds = "";

  beforeAll(
    async () => {
      world = await startWorld();
      e2e = await createStack(PROGRAM, {
        stackName: "plugin-sdk-go",
        plugin: true,
        // The Go language host, found on PATH like the CLI's other hosts.
        envVars: {
          PATH: [
            sdkHostsDir(["go"]),
            isolatedPulumiEnv({ home: "", passphrase: "", plugin: true }).PATH,
          ].join(path.delimiter),
        },
        config: {
          ...world.configFor("globex", "megaport-mx"),
          [`${CONFIG}:globexPort`]: SEED.ports.globexSydRed.uid,
          [`${CONFIG}:rateLimit`]: "100",
        },
      });
      // The test's copy of the program takes this checkout's SDK.
      const go = (args: string[]) =>
        spawnSync("go", args, {
          cwd: e2e.workDir,
          encoding: "utf8",
          env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" },
          timeout: BUILD_TIMEOUT,
        });
      const edit = go([
        "mod",
        "edit",
        "-replace",
        `${GO_SDK_MODULE}=${path.join(REPO_ROOT, SDKS_DIR, "go")}`,
      ]);
      expect({ status: edit.status, stderr: edit.stderr }).toEqual({ status: 0, stderr: "" });
      const started = Date.now();
      const build = go(["build", "-o", path.join(e2e.tmpDir, "program-build"), "."]);
      expect({ status: build.status, stderr: build.stderr }).toEqual({ status: 0, stderr: "" });
      buildSeconds = ((Date.now() - started) / 1000).toFixed(1);
    },
    BUILD_TIMEOUT + 5 * 60_000,
  );

  afterAll(async () => {
    process.stdout.write(`[plugin-sdk-go] go build of the program before the first up: ${buildSeconds} s\n`);
    await e2e?.cleanup();
    await world?.close();
  });

  it(
    "orders a VXC to Acme by provider name that goes LIVE, raises its rate limit in place, and cancels it, as megaport-mx:index:VxcConnection",
    async () => {
      const outputsOf = (outputs: Record<string, { value: unknown }>) =>
        Object.fromEntries(Object.entries(outputs).map(([name, { value }]) => [name, value]));

      const up = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(up.summary.result).toBe("succeeded");
      expect(up.summary.resourceChanges).toEqual({ create: 2 });
      const outputs = outputsOf(up.outputs);
      expect(outputs).toEqual({
        vxcUid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: "LIVE",
        acmePort: SEED.ports.acmeSydAuto.name,
        rateLimit: 100,
      });
      const vxcUid = outputs.vxcUid as string;
      expect(await world.globex.getVxc(vxcUid)).toMatchObject({
        productName: "Globex to Acme through the Go SDK",
        rateLimit: 100,
        provisioningStatus: "LIVE",
      });
      const state = (await e2e.stack.exportStack()).deployment as { resources: { type: string }[] };
      expect(state.resources.map((resource) => resource.type)).toContain("megaport-mx:index:VxcConnection");

      await e2e.stack.setConfig(`${CONFIG}:rateLimit`, { value: "200" });
      const edit = await e2e.stack.up({ onOutput: collect(e2e) });
      expect(edit.summary.result).toBe("succeeded");
      expect(edit.summary.resourceChanges).toEqual({ update: 1, same: 1 });
      expect(outputsOf(edit.outputs)).toMatchObject({ vxcUid, rateLimit: 200, status: "LIVE" });
      expect((await world.globex.getVxc(vxcUid)).rateLimit).toBe(200);

      const destroy = await e2e.stack.destroy({ onOutput: collect(e2e) });
      expect(destroy.summary.result).toBe("succeeded");
      expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
      const after = (await visibleVxcs(world.globex)).get(vxcUid);
      expect(after?.provisioningStatus ?? "DECOMMISSIONED").toBe("DECOMMISSIONED");

      const haystack = e2e.output.join("\n") + backendText(e2e);
      for (const secret of world.secrets()) expect(haystack).not.toContain(secret);
    },
    10 * 60_000,
  );
});
