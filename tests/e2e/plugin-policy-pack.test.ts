// The policy pack judges a program through the provider plugin as it judges one through the dynamic resources: the
// same resources, once in the TypeScript policy program and once in Pulumi YAML (megaport-mx:index:* types), each
// previewed by the real CLI with `--policy-pack policy`, fail with the same mandatory violations and messages; the
// YAML program within the limits passes. Runs the pack compiled into dist/ (npm test builds first).
import * as path from "node:path";
import type { EngineEvent, PolicyEvent } from "@pulumi/pulumi/automation";
import { SEED } from "../../simulator/seed";
import { collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { startTestSimulator, type Simulator } from "../support/simulator";

const POLICY_PACK = path.join(REPO_ROOT, "policy");
const E2E_TIMEOUT = 4 * 60_000;
const YAML_PROJECT = "megaport-mx-plugin-policy";
const CONTACT = SEED.users.globexTechnicalContact.email;

let sim: Simulator;
const stacks: E2eStack[] = [];

beforeAll(async () => {
  sim = await startTestSimulator();
});

afterEach(async () => {
  for (const e2e of stacks.splice(0)) await e2e.cleanup();
});

afterAll(async () => {
  await sim?.close();
});

interface Verdict {
  ok: boolean;
  violations: [string, string, string][];
}

/** A preview of the stack with the pack: whether it passed, and each violation's policy, level and message. */
async function previewWithPack(e2e: E2eStack): Promise<Verdict> {
  const events: PolicyEvent[] = [];
  const ok = await e2e.stack
    .preview({
      policyPacks: [POLICY_PACK],
      onOutput: collect(e2e),
      onEvent: (event: EngineEvent) => event.policyEvent && events.push(event.policyEvent),
    })
    .then(
      () => true,
      () => false,
    );
  const violations = events
    .map((e) => [e.policyName, e.enforcementLevel as string, e.message] as [string, string, string])
    .sort();
  return { ok, violations };
}

/** Globex's key and the simulator, as each adapter reads its settings. */
function settings(namespace: string): Record<string, string> {
  return {
    [`${namespace}:accessKey`]: SEED.apiKeys.globexAdmin.accessKey,
    [`${namespace}:secretKey`]: SEED.apiKeys.globexAdmin.secretKey,
    [`${namespace}:baseUrl`]: sim.url,
    [`${namespace}:tokenUrl`]: sim.tokenUrl,
  };
}

async function typescriptStack(stackName: string, rateLimit: number): Promise<E2eStack> {
  const e2e = await createStack(path.join(REPO_ROOT, "tests/e2e/programs/policy"), {
    stackName,
    config: settings("megaport"),
  });
  stacks.push(e2e);
  const vxc = {
    resourceName: "to-acme-red",
    name: "Globex to Acme (red)",
    rateLimit,
    aEnd: { productUid: SEED.ports.globexSydRed.uid, vlan: 101 },
    bEnd: { providerName: "Acme Networks", location: 3, sameDiversityZone: true },
    costCentre: "NET-001",
  };
  await e2e.stack.setConfig("vxcs", { value: JSON.stringify([vxc]) });
  const subscription = { resourceName: "noc", user: CONTACT, groups: ["Ordering"] };
  await e2e.stack.setConfig("subscriptions", { value: JSON.stringify([subscription]) });
  return e2e;
}

async function yamlStack(stackName: string, rateLimit: number): Promise<E2eStack> {
  const e2e = await createStack(path.join(REPO_ROOT, "tests/e2e/programs/plugin-policy"), {
    stackName,
    yamlHost: true,
    plugin: true,
    config: {
      ...settings("megaport-mx"),
      [`${YAML_PROJECT}:globexPort`]: SEED.ports.globexSydRed.uid,
      [`${YAML_PROJECT}:rateLimit`]: String(rateLimit),
      [`${YAML_PROJECT}:orderingContact`]: CONTACT,
    },
  });
  stacks.push(e2e);
  return e2e;
}

describe("the policy pack on a Pulumi YAML program through the provider plugin", () => {
  it(
    "refuses the same mandatory violations with the same messages as in the TypeScript program",
    async () => {
      const typescript = await previewWithPack(await typescriptStack("prod-e2e", 20_000));
      const yaml = await previewWithPack(await yamlStack("prod-e2e", 20_000));
      expect(typescript.ok).toBe(false);
      expect(typescript.violations.map(([policy]) => policy)).toEqual([
        "megaport-vxc-connection-protect-in-production",
        "megaport-vxc-connection-rate-limit-ceiling",
      ]);
      expect(typescript.violations.map(([, , message]) => message).join("\n")).toContain(
        "VXC must have a rateLimit of at most 10000 Mbps.",
      );
      expect(yaml).toEqual(typescript);
    },
    E2E_TIMEOUT,
  );

  it(
    "passes the YAML program within the limits, and the pack ran",
    async () => {
      const e2e = await yamlStack("dev-clean", 500);
      const clean = await previewWithPack(e2e);
      expect(e2e.output.join("")).toContain("megaport-mx@v0.1.0");
      expect(clean).toEqual({ ok: true, violations: [] });
    },
    E2E_TIMEOUT,
  );
});
