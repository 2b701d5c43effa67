// The approver reading its rules from a provider stack declared through the provider plugin (a Pulumi YAML program,
// megaport-mx:index:ApprovalPolicy), with the credentials from that stack's `megaport-mx:*` config: it loads the
// policy and answers by it, as it does for a stack of the dynamic resources (provider-stack.test.ts).
import * as path from "node:path";
import { createStack, REPO_ROOT, type E2eStack } from "../support/pulumi-stack";
import {
  ApproverProcess,
  answersRecorded,
  requestConnection,
  startWorld,
  type World,
} from "./approver-world";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-approval");

describe("approver --stack on a stack of the provider plugin", () => {
  let world: World;
  let provider: E2eStack;
  let approver: ApproverProcess | undefined;

  beforeAll(async () => {
    world = await startWorld();
    const acme = world.configFor("acme");
    provider = await createStack(PROGRAM, {
      stackName: "approver",
      yamlHost: true,
      plugin: true,
      // The plugin's settings: the same keys as the dynamic resources', under the package's name.
      config: Object.fromEntries(
        Object.entries(acme).map(([key, value]) => [key.replace(/^megaport:/, "megaport-mx:"), value]),
      ),
    });
    await provider.stack.up({ onOutput: (line) => provider.output.push(line) });
  }, 300_000);
  afterAll(async () => {
    await approver?.stop();
    await provider?.cleanup();
    await world?.close();
  }, 120_000);

  it("loads the plugin stack's ApprovalPolicy with its megaport-mx:* credentials and answers by it", async () => {
    approver = new ApproverProcess(
      ["--stack", "approver", "--cwd", provider.workDir, "--interval", "300ms"],
      // No MEGAPORT_* variables: the credentials and endpoint come from the stack's config.
      { ...provider.envVars, PULUMI_HOME: path.join(provider.tmpDir, "home") },
      "approver --stack (plugin)",
    );
    const loaded = await approver.waitFor((l) => l.event === "policy-loaded", 60_000, "the stack's policy");
    expect(loaded).toMatchObject({
      source: "stack approver",
      rules: ["globex-up-to-1g"],
      defaultAction: "manual",
    });
    const small = await requestConnection(world, { rateLimit: 500 });
    expect(await approver.waitFor((l) => l.event === "decision" && l.vxc === small)).toMatchObject({
      rule: "globex-up-to-1g",
      decision: "accept",
      outcome: "applied",
    });
    expect(answersRecorded(world, small)).toEqual(["ACCEPTED"]);
    for (const secret of world.secrets()) expect(approver.transcript()).not.toContain(secret);
    approver.signal("SIGTERM");
    expect((await approver.exited).code).toBe(0);
  }, 300_000);
});
