// An approver that answers nothing must not look healthy: /healthz is 503 "degraded", with the reason, while its
// policy is invalid, refused or not read yet. And a rules file that says nothing (empty, `null`, no rules and no
// defaultAction) is refused rather than taken as "leave everything for a person"; saying so explicitly works.
// In-process: the service with a fake request source, the real health server and rules-file reader.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ApproverService } from "../../cli/approver/approver-service";
import { startHealthServer, type HealthServer } from "../../cli/approver/health-server";
import { ApproverMetrics } from "../../cli/approver/metrics";
import { PolicyTracker, type PolicySource } from "../../cli/approver/policy-source";
import { rulesFileSource } from "../../cli/approver/rules-file";

const dir = mkdtempSync(path.join(tmpdir(), "approver-health-"));
const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
};

function approver(source: PolicySource, companyUid = "acme") {
  const metrics = new ApproverMetrics({ processMetrics: false });
  const listed: number[] = [];
  const service = new ApproverService({
    policy: new PolicyTracker(source),
    source: {
      listPending: async () => {
        listed.push(1);
        return { requests: [], undecidable: [] };
      },
    },
    api: { getVxc: async () => ({}), approveVxcOrder: async () => undefined },
    companyUid,
    log: () => undefined,
    metrics,
    intervalMs: 1000,
    maxBackoffMs: 10_000,
  });
  return { service, metrics, listed };
}

describe("/healthz of an approver that answers nothing", () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function healthz(service: ApproverService, metrics: ApproverMetrics) {
    server = await startHealthServer({
      host: "127.0.0.1",
      port: 0,
      registry: metrics.registry,
      health: () => service.health(),
    });
    const res = await fetch(`${server.url}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("is 503 degraded, naming the rule and field, while the policy is invalid", async () => {
    const rules = file("invalid.yaml", "rules:\n  - name: no-reason\n    match: {}\n    action: deny\n");
    const { service, metrics } = approver(rulesFileSource(rules));
    expect(await service.runCycle()).toMatchObject({ result: "no-policy" });
    const res = await healthz(service, metrics);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ healthy: false, status: "degraded", policy: { status: "invalid" } });
    expect(res.body.reason).toMatch(/invalid: rules\[0\] \("no-reason"\)\.reason: .*nothing is answered/);
  });

  it("is 503 degraded while the policy guards another company", async () => {
    const source: PolicySource = {
      description: "stack prod",
      due: () => true,
      read: async () => ({ version: "1", input: { defaultAction: "manual" }, companyUid: "globex" }),
    };
    const { service, metrics } = approver(source, "acme");
    await service.runCycle();
    const res = await healthz(service, metrics);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: "degraded", policy: { status: "refused" } });
    expect(res.body.reason).toMatch(/guards company globex, but the API key acts for company acme/);
  });

  it("is 503 degraded while no policy could be read at all", async () => {
    const { service, metrics } = approver(rulesFileSource(path.join(dir, "missing.yaml")));
    await service.runCycle();
    const res = await healthz(service, metrics);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: "degraded" });
    expect(res.body.reason).toMatch(/no policy could be read yet from rules file .*missing\.yaml/);
  });

  it("is 200 ok by a valid policy, with no reason", async () => {
    const { service, metrics, listed } = approver(
      rulesFileSource(file("ok.yaml", "rules: []\ndefaultAction: manual\n")),
    );
    expect(await service.runCycle()).toMatchObject({ result: "ok" });
    expect(listed).toHaveLength(1);
    const res = await healthz(service, metrics);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ healthy: true, status: "ok" });
    expect(res.body).not.toHaveProperty("reason");
  });
});

describe("a rules file that says nothing is refused", () => {
  it.each([
    ["an empty file", ""],
    ["only a comment", "# rules come later\n"],
    ["null", "null\n"],
    ["~", "~\n"],
    ["an empty mapping", "{}\n"],
    ["no rules and no defaultAction", "rules: []\n"],
    ["rules: null", "rules:\n"],
  ])("%s: invalid, nothing answered, saying how to mean it", async (_case, text) => {
    const rules = file(`says-nothing-${Math.random().toString(36).slice(2)}.yaml`, text);
    const { service, listed } = approver(rulesFileSource(rules));
    expect(await service.runCycle()).toMatchObject({ result: "no-policy" });
    expect(listed).toHaveLength(0);
    const state = new PolicyTracker(rulesFileSource(rules));
    await state.refresh(0);
    expect(state.current).toMatchObject({
      status: "invalid",
      problems: [
        expect.objectContaining({
          path: "(file)",
          fix: expect.stringContaining("`rules: []` and `defaultAction: manual`"),
        }),
      ],
    });
  });

  it.each([
    ["rules: [] and defaultAction: manual", "rules: []\ndefaultAction: manual\n", "manual"],
    ["defaultAction alone", "defaultAction: manual\n", "manual"],
    ["rules and no defaultAction", "rules:\n  - name: all\n    match: {}\n    action: accept\n", "manual"],
  ])("%s: loaded", async (_case, text, defaultAction) => {
    const tracker = new PolicyTracker(
      rulesFileSource(file(`says-${defaultAction}-${_case.length}.yaml`, text)),
    );
    await tracker.refresh(0);
    expect(tracker.current).toMatchObject({ status: "ok", policy: { defaultAction } });
  });
});
