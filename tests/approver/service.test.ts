// `megaport-mx approver` as a service: the real binary as a child process, cycling every 300 ms against the
// simulator. Decisions come within seconds; speed changes are answered too; a request for a person is logged once;
// a changed rules file is picked up without a restart (an invalid one pauses answers); /healthz and /metrics
// answer; SIGTERM finishes the cycle and exits 0.
import * as path from "node:path";
import { eventually } from "../support/eventually";
import {
  ApproverProcess,
  BIG_SPEED_REASON,
  POLICY,
  PORTS,
  acmeEnv,
  answersRecorded,
  requestConnection,
  requestSpeedChange,
  startWorld,
  tmpDir,
  vxcRecord,
  waitLive,
  writeRules,
  type LogLine,
  type World,
} from "./approver-world";

describe("approver service", () => {
  let world: World;
  let rules: string;
  let approver: ApproverProcess;
  let baseUrl: string;

  const decisionFor = (vxc: string, more: (line: LogLine) => boolean = () => true) =>
    approver.waitFor(
      (l) => l.event === "decision" && l.vxc === vxc && more(l),
      15_000,
      `a decision on ${vxc}`,
    );

  beforeAll(async () => {
    world = await startWorld();
    rules = writeRules(path.join(tmpDir(), "rules.yaml"), POLICY);
    approver = new ApproverProcess(
      ["--rules", rules, "--interval", "300ms", "--listen", "127.0.0.1:0"],
      acmeEnv(world),
    );
    const started = await approver.waitFor((l) => l.event === "started");
    baseUrl = started.listen as string;
  });
  afterAll(async () => {
    await approver?.stop();
    await world.close();
  });

  it("accepts and denies new connection requests by the rules within seconds of their appearing", async () => {
    const small = await requestConnection(world, { rateLimit: 1000 });
    const big = await requestConnection(world, { rateLimit: 5000 });

    expect(await decisionFor(small)).toMatchObject({
      decision: "accept",
      rule: "globex-up-to-1g",
      outcome: "applied",
    });
    expect(await decisionFor(big)).toMatchObject({
      decision: "deny",
      rule: "no-big-speeds",
      reason: BIG_SPEED_REASON,
      speed: 5000,
      outcome: "applied",
    });
    expect(answersRecorded(world, small)).toEqual(["ACCEPTED"]);
    expect(answersRecorded(world, big)).toEqual(["DENIED"]);
  });

  it("answers speed changes: an increase within the rules is accepted, one above is denied and the rate stays", async () => {
    const vxc = await requestConnection(world, { rateLimit: 200 });
    await decisionFor(vxc);
    await waitLive(world.globex, vxc);

    await requestSpeedChange(world, vxc, 800);
    expect(await decisionFor(vxc, (l) => l.type === "SPEED_CHANGE")).toMatchObject({
      decision: "accept",
      speed: 800,
      currentSpeed: 200,
      outcome: "applied",
    });
    await eventually(() => vxcRecord(world, vxc).rateLimit === 800, 5000, "the new rate");

    await requestSpeedChange(world, vxc, 3000);
    expect(await decisionFor(vxc, (l) => l.type === "SPEED_CHANGE" && l.speed === 3000)).toMatchObject({
      decision: "deny",
      reason: BIG_SPEED_REASON,
    });
    expect(answersRecorded(world, vxc, "SPEED_CHANGE")).toEqual(["ACCEPTED", "DENIED"]);
    expect(vxcRecord(world, vxc).rateLimit).toBe(800);
  });

  it("logs a request left for a person once, not every cycle, and picks up a changed rules file without a restart", async () => {
    const melbourne = await requestConnection(world, { to: PORTS.acmeMelRed.uid });
    await decisionFor(melbourne);
    const cyclesBefore = await cycleCount();
    await eventually(async () => (await cycleCount()) >= cyclesBefore + 5, 10_000, "five more cycles");
    expect(approver.decisions().filter((l) => l.vxc === melbourne)).toEqual([
      expect.objectContaining({ decision: "manual", rule: "melbourne-by-hand", outcome: "left-for-person" }),
    ]);
    expect(vxcRecord(world, melbourne).approval).not.toBeNull();

    writeRules(rules, { ...POLICY, rules: POLICY.rules!.filter((r) => r.name !== "melbourne-by-hand") });
    await approver.waitFor((l) => l.event === "policy-changed", 10_000, "the changed policy");
    expect(await decisionFor(melbourne, (l) => l.decision === "accept")).toMatchObject({
      rule: "globex-up-to-1g",
      outcome: "applied",
    });
    expect(answersRecorded(world, melbourne)).toEqual(["ACCEPTED"]);
  });

  it("stops answering while the rules file has errors, and starts again when it is fixed", async () => {
    writeRules(rules, { ...POLICY, defaultReason: undefined });
    const invalid = await approver.waitFor((l) => l.event === "policy-invalid", 10_000, "the invalid policy");
    expect(invalid.problems).toEqual([expect.stringContaining("defaultReason:")]);
    const waiting = await requestConnection(world, { rateLimit: 100 });
    const cyclesBefore = await cycleCount();
    await eventually(async () => (await cycleCount()) >= cyclesBefore + 3, 10_000, "three more cycles");
    expect(vxcRecord(world, waiting).approval).not.toBeNull();
    // Cycling but answering nothing: a probe must see it.
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: "degraded",
      healthy: false,
      reason: expect.stringContaining("defaultReason:"),
    });

    writeRules(rules, POLICY);
    expect(await decisionFor(waiting)).toMatchObject({ decision: "accept", outcome: "applied" });
  });

  it("serves /healthz and Prometheus /metrics", async () => {
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", healthy: true, policy: { status: "ok" } });

    const metrics = await fetch(`${baseUrl}/metrics`);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    const text = await metrics.text();
    expect(text).toMatch(/megaport_mx_approver_decisions_total\{decision="accept",outcome="applied"\} \d+/);
    expect(text).toMatch(
      /megaport_mx_approver_decisions_total\{decision="manual",outcome="left-for-person"\} 1/,
    );
    expect(text).toMatch(/megaport_mx_approver_cycles_total\{result="ok"\} \d+/);
    expect(text).toContain("megaport_mx_approver_policy_loaded 1");
    expect(text).toContain("megaport_mx_approver_pending_requests 0");
    expect(text).toContain("megaport_mx_approver_cycle_duration_seconds_bucket");
    expect((await fetch(`${baseUrl}/nothing`)).status).toBe(404);
  });

  it("finishes the cycle and exits 0 on SIGTERM, leaving nothing running", async () => {
    approver.signal("SIGTERM");
    const exit = await approver.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(approver.lines.at(-1)).toMatchObject({ event: "stopped" });
    expect(approver.lines.find((l) => l.event === "stopping")).toMatchObject({ signal: "SIGTERM" });
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  });

  async function cycleCount(): Promise<number> {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    return [...text.matchAll(/^megaport_mx_approver_cycles_total\{[^}]*\} (\d+)/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  }
});
