// The toolchain's CLI, language host and dynamic-provider plugin run a real `pulumi up` and `pulumi destroy`.
import * as fs from "node:fs";
import * as path from "node:path";
import { collect, createStack, E2eStack, REPO_ROOT } from "../support/pulumi-stack";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/smoke");

describe("the Pulumi CLI built by scripts/pulumi-cli.sh", () => {
  let e2e: E2eStack;
  let markerPath: string;

  beforeAll(
    async () => {
      e2e = await createStack(PROGRAM, { stackName: "smoke" });
      markerPath = path.join(e2e.tmpDir, "marker.txt");
      await e2e.stack.setConfig("markerPath", { value: markerPath });
    },
    15 * 60 * 1000,
  );

  afterAll(async () => {
    await e2e?.cleanup();
  });

  it("reports the version it was stamped with", async () => {
    const info = await e2e.stack.workspace.pulumiVersion;
    expect(info).toMatch(/^3\.\d+\.\d+/);
  });

  it("creates a dynamic resource with pulumi up and removes it with pulumi destroy", async () => {
    const up = await e2e.stack.up({ onOutput: collect(e2e) });
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges?.create).toBe(2); // the stack and the marker
    expect(up.outputs.markerId.value).toBe(markerPath);
    expect(fs.readFileSync(markerPath, "utf8")).toBe("created by pulumi up");

    const state = await e2e.stack.exportStack();
    const types = (state.deployment.resources as { type: string }[]).map((r) => r.type);
    expect(types).toContain("pulumi-nodejs:dynamic/megaport-smoke:Marker");

    const destroy = await e2e.stack.destroy({ onOutput: collect(e2e) });
    expect(destroy.summary.result).toBe("succeeded");
    expect(fs.existsSync(markerPath)).toBe(false);
  });
});
