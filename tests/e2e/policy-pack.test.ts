// The policy pack with the real Pulumi CLI: `pulumi preview --policy-pack policy` on a program whose package.json has
// no version (the pack must not depend on the program's folder). A mandatory violation fails the preview with the
// policy's message and a non-zero exit; a clean program passes; an advisory policy only warns; a
// `--policy-pack-config` file changes a ceiling. Previews only run the providers' `check` (input validation, no
// API calls), so no simulator is needed; the stacks carry the simulator's seeded keys, as preview needs credentials. Runs the pack compiled into dist/ (npm test builds first).
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, PolicyEvent } from "@pulumi/pulumi/automation";
import { SEED } from "../../simulator/seed";
import { collect, createStack, E2eStack, REPO_ROOT } from "../support/pulumi-stack";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/policy");
const POLICY_PACK = path.join(REPO_ROOT, "policy");
const E2E_TIMEOUT = 3 * 60_000;

interface Resources {
  vxcs?: Record<string, unknown>[];
  subscriptions?: Record<string, unknown>[];
  approvalPolicies?: Record<string, unknown>[];
}

function vxc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceName: "to-acme-red",
    name: "Globex to Acme (red)",
    rateLimit: 500,
    aEnd: { productUid: SEED.ports.globexSydRed.uid, vlan: 101 },
    bEnd: { providerName: "Acme Networks", location: 3, sameDiversityZone: true },
    costCentre: "NET-001",
    ...overrides,
  };
}

/** A service key as the provider would hand it out: a secret that must never show in the CLI's output. */
const SERVICE_KEY = "5fe3e4d6-0cbc-4bd3-93cf-7c9d1b7f1f1e";

const orderingSubscription = {
  resourceName: "noc",
  user: SEED.users.globexTechnicalContact.email,
  groups: ["Ordering"],
};

interface Preview {
  ok: boolean;
  /** The CLI's exit code (0 when the preview passed). */
  exitCode: number;
  output: string;
  policyEvents: PolicyEvent[];
}

let e2e: E2eStack | undefined;

afterEach(async () => {
  await e2e?.cleanup();
  e2e = undefined;
});

/** A stack of the policy program holding `resources`, previewed with the pack (and a config file, if given). */
async function previewWithPack(
  stackName: string,
  resources: Resources,
  policyPackConfig?: Record<string, unknown>,
): Promise<Preview> {
  // The simulator's seeded keys: the provider refuses to preview without credentials, and sends nothing here.
  e2e = await createStack(PROGRAM, {
    stackName,
    config: {
      "megaport:accessKey": SEED.apiKeys.globexAdmin.accessKey,
      "megaport:secretKey": SEED.apiKeys.globexAdmin.secretKey,
    },
  });
  for (const [key, value] of Object.entries(resources)) {
    await e2e.stack.setConfig(key, { value: JSON.stringify(value) });
  }
  const policyPackConfigs: string[] = [];
  if (policyPackConfig) {
    const file = path.join(e2e.tmpDir, "policy-config.json");
    fs.writeFileSync(file, JSON.stringify(policyPackConfig));
    policyPackConfigs.push(file);
  }
  const policyEvents: PolicyEvent[] = [];
  const options = {
    policyPacks: [POLICY_PACK],
    policyPackConfigs,
    onOutput: collect(e2e),
    onEvent: (event: EngineEvent) => event.policyEvent && policyEvents.push(event.policyEvent),
  };
  try {
    await e2e.stack.preview(options);
    return { ok: true, exitCode: 0, output: e2e.output.join(""), policyEvents };
  } catch (err) {
    const result = (err as { commandResult?: { code: number; stdout: string; stderr: string } })
      .commandResult;
    if (!result) throw err;
    return { ok: false, exitCode: result.code, output: result.stdout + result.stderr, policyEvents };
  }
}

describe("pulumi preview --policy-pack policy", () => {
  it(
    "fails on mandatory violations with each policy's message and a non-zero exit",
    async () => {
      const preview = await previewWithPack("prod-e2e", {
        vxcs: [vxc({ rateLimit: 20_000 })],
        subscriptions: [orderingSubscription],
        approvalPolicies: [
          { resourceName: "open", rules: [{ name: "anyone", match: {}, action: "accept" }] },
        ],
      });
      expect(preview.ok).toBe(false);
      expect(preview.exitCode).not.toBe(0);
      for (const line of [
        "megaport-mx@v0.1.0",
        "[mandatory]",
        "megaport-vxc-connection-rate-limit-ceiling",
        "VXC must have a rateLimit of at most 10000 Mbps.",
        "megaport-vxc-connection-protect-in-production",
        'VXC must be protected (resource option protect: true) in production stack "prod-e2e".',
        "megaport-approval-policy-no-open-accept",
        "Approval policy must not accept every company without a rate ceiling: rules[0] accepts any company at any speed",
      ]) {
        expect(preview.output).toContain(line);
      }
      expect(preview.policyEvents.map((e) => [e.policyName, e.enforcementLevel]).sort()).toEqual([
        ["megaport-approval-policy-no-open-accept", "mandatory"],
        ["megaport-vxc-connection-protect-in-production", "mandatory"],
        ["megaport-vxc-connection-rate-limit-ceiling", "mandatory"],
      ]);
    },
    E2E_TIMEOUT,
  );

  it(
    "passes a clean program, and the pack ran",
    async () => {
      const preview = await previewWithPack("dev-clean", {
        vxcs: [vxc()],
        subscriptions: [orderingSubscription],
      });
      expect(preview.output).toContain("megaport-mx@v0.1.0");
      expect(preview.policyEvents).toEqual([]);
      expect(preview.ok).toBe(true);
    },
    E2E_TIMEOUT,
  );

  it(
    "only warns on advisory violations: a pair from one port, and VXCs the pack cannot judge at preview",
    async () => {
      const preview = await previewWithPack("dev-advisory", {
        vxcs: [
          vxc(),
          vxc({ resourceName: "to-acme-blue", aEnd: { productUid: SEED.ports.globexSydRed.uid, vlan: 102 } }),
          vxc({ resourceName: "by-port", bEnd: { productUid: SEED.ports.acmeSydBlue.uid } }),
          vxc({ resourceName: "by-key", bEnd: undefined, serviceKey: SERVICE_KEY }),
        ],
        subscriptions: [orderingSubscription],
      });
      expect(preview.ok).toBe(true);
      expect(preview.output).toContain("[advisory]");
      expect(preview.output).toContain(
        'VXCs "to-acme-blue", "to-acme-red" to the same provider must span both diversity zones: they all start from the same A-end port',
      );
      expect(preview.output).toContain("the VXC names its B-end by port UID (bEnd.productUid)");
      expect(preview.output).toContain("the VXC is ordered with a service key");
      expect(preview.output).not.toContain(SERVICE_KEY);
      // The engine reports "advisory" here, although Automation API's PolicyEvent type says "warning".
      expect(preview.policyEvents.map((e) => [e.policyName, e.enforcementLevel as string]).sort()).toEqual([
        ["megaport-vxc-connection-redundant-pair-diversity", "advisory"],
        ["megaport-vxc-connection-target-known-at-preview", "advisory"],
        ["megaport-vxc-connection-target-known-at-preview", "advisory"],
      ]);
    },
    E2E_TIMEOUT,
  );

  it(
    "takes a lower rate-limit ceiling from --policy-pack-config",
    async () => {
      const preview = await previewWithPack(
        "dev-config",
        { vxcs: [vxc()], subscriptions: [orderingSubscription] },
        { "megaport-vxc-connection-rate-limit-ceiling": { maxRateLimitMbps: 200 } },
      );
      expect(preview.ok).toBe(false);
      expect(preview.exitCode).not.toBe(0);
      expect(preview.output).toContain("VXC must have a rateLimit of at most 200 Mbps.");
    },
    E2E_TIMEOUT,
  );
});
