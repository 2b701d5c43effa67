// The approver reading its rules from a real provider stack through the Automation API (--stack, --cwd, the
// backend and passphrase from the environment), with the credentials from that stack's config: it answers by the
// ApprovalPolicy's outputs, and picks up a changed policy after a second `pulumi up` without a restart.
// Uses the real Pulumi CLI (normal jest global setup) and the real binary as a child process.
import * as path from "node:path";
import { createStack, REPO_ROOT, type E2eStack } from "../support/pulumi-stack";
import {
  ApproverProcess,
  PORTS,
  answersRecorded,
  requestConnection,
  startWorld,
  vxcRecord,
  type World,
} from "./approver-world";

const PROVIDER_PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/service-provider");
const OVER_1G_REASON = "Over 1 Gbps needs a contract: write to sales@acme.example.";

const profile = {
  companyName: "Acme Networks",
  companyBio: "Transit and cloud on-ramps.",
  contactEmail: "sales@acme.example",
  visibility: "public",
  listedPorts: [PORTS.acmeSydRed.uid],
};
const firstPolicy = {
  rules: [
    {
      name: "globex-up-to-1g",
      match: { companies: ["Globex Corporation"], rateLimit: { max: 1000 } },
      action: "accept",
    },
  ],
  defaultAction: "manual",
  // The approver answers, not `pulumi up`.
  settleBacklog: false,
};
const secondPolicy = {
  ...firstPolicy,
  rules: [
    ...firstPolicy.rules,
    { name: "nothing-over-1g", match: { rateLimit: { min: 1001 } }, action: "deny", reason: OVER_1G_REASON },
  ],
};

describe("approver --stack", () => {
  let world: World;
  let provider: E2eStack;
  let approver: ApproverProcess | undefined;

  beforeAll(async () => {
    world = await startWorld();
    provider = await createStack(PROVIDER_PROGRAM, {
      stackName: "approver",
      config: world.configFor("acme"),
    });
    await provider.stack.setConfig("profile", { value: JSON.stringify(profile) });
    await provider.stack.setConfig("policy", { value: JSON.stringify(firstPolicy) });
    await provider.stack.up({ onOutput: (line) => provider.output.push(line) });
  }, 300_000);
  afterAll(async () => {
    await approver?.stop();
    await provider?.cleanup();
    await world?.close();
  }, 120_000);

  it("answers by the stack's ApprovalPolicy with the stack's credentials, and follows a new pulumi up", async () => {
    approver = new ApproverProcess(
      ["--stack", "approver", "--cwd", provider.workDir, "--interval", "300ms", "--policy-refresh", "1s"],
      // No MEGAPORT_* variables: the credentials and endpoint come from the stack's config.
      { ...provider.envVars, PULUMI_HOME: path.join(provider.tmpDir, "home") },
      "approver --stack",
    );
    const loaded = await approver.waitFor((l) => l.event === "policy-loaded", 60_000, "the stack's policy");
    expect(loaded).toMatchObject({
      source: "stack approver",
      rules: ["globex-up-to-1g"],
      defaultAction: "manual",
    });

    const small = await requestConnection(world, { rateLimit: 500 });
    const big = await requestConnection(world, { rateLimit: 2000 });
    expect(await approver.waitFor((l) => l.event === "decision" && l.vxc === small)).toMatchObject({
      rule: "globex-up-to-1g",
      decision: "accept",
      outcome: "applied",
    });
    expect(await approver.waitFor((l) => l.event === "decision" && l.vxc === big)).toMatchObject({
      rule: "default",
      decision: "manual",
      outcome: "left-for-person",
    });

    await provider.stack.setConfig("policy", { value: JSON.stringify(secondPolicy) });
    await provider.stack.up({ onOutput: (line) => provider.output.push(line) });

    const changed = await approver.waitFor((l) => l.event === "policy-changed", 60_000, "the new policy");
    expect(changed.rules).toEqual(["globex-up-to-1g", "nothing-over-1g"]);
    expect(
      await approver.waitFor((l) => l.event === "decision" && l.vxc === big && l.decision === "deny"),
    ).toMatchObject({
      rule: "nothing-over-1g",
      reason: OVER_1G_REASON,
      outcome: "applied",
    });
    expect(answersRecorded(world, small)).toEqual(["ACCEPTED"]);
    expect(answersRecorded(world, big)).toEqual(["DENIED"]);
    expect(vxcRecord(world, big).lastDecision?.reason).toBe(OVER_1G_REASON);
    expect(approver.lines.some((l) => l.event === "fatal")).toBe(false);
    // The stack's secrets never reach the approver's output.
    for (const secret of world.secrets()) expect(approver.transcript()).not.toContain(secret);

    approver.signal("SIGTERM");
    expect((await approver.exited).code).toBe(0);
  }, 300_000);
});
