// The real CLI runs a `runtime: yaml` program through the YAML language host built by scripts/pulumi-yaml.sh.
import * as path from "node:path";
import { collect, createStack, E2eStack, REPO_ROOT } from "../support/pulumi-stack";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/yaml");

describe("a Pulumi YAML program under the CLI built by scripts/pulumi-cli.sh", () => {
  let e2e: E2eStack;

  beforeAll(
    async () => {
      e2e = await createStack(PROGRAM, {
        stackName: "yaml",
        yamlHost: true,
        config: { "megaport-mx-yaml:greeting": "hello" },
      });
    },
    15 * 60 * 1000,
  );

  afterAll(async () => {
    await e2e?.cleanup();
  });

  it("evaluates config, variables and outputs with pulumi up, and destroys the empty stack", async () => {
    const up = await e2e.stack.up({ onOutput: collect(e2e) });
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges?.create).toBe(1); // the stack itself
    const outputs = Object.fromEntries(Object.entries(up.outputs).map(([name, { value }]) => [name, value]));
    expect(outputs).toEqual({
      greeting: "hello",
      sentence: "hello from yaml",
      repeat: 2, // the program's default, typed as an integer
      project: "megaport-mx-yaml",
    });

    const destroy = await e2e.stack.destroy({ onOutput: collect(e2e) });
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges?.delete).toBe(1);
  });
});
