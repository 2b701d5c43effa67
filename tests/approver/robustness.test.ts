// The approver when things go wrong, with the real binary against the simulator: killed in the middle of a cycle
// and started again, two approvers answering the same requests at once, and injected 429s and 5xx. In every case
// the API's own record (one email to the customer per answer; a repeated identical answer sends none) shows each
// request answered exactly once, the way the rules say.
import * as path from "node:path";
import { eventually } from "../support/eventually";
import {
  ApproverProcess,
  POLICY,
  acmeEnv,
  answersRecorded,
  requestConnection,
  startWorld,
  tmpDir,
  vxcRecord,
  writeRules,
  type World,
} from "./approver-world";

const SERVICE = ["--interval", "300ms", "--max-backoff", "1s"];

describe("approver robustness", () => {
  let world: World;
  let rules: string;
  const running: ApproverProcess[] = [];

  const start = (name: string) => {
    const approver = new ApproverProcess(["--rules", rules, ...SERVICE], acmeEnv(world), name);
    running.push(approver);
    return approver;
  };
  const allAnswered = (vxcs: string[]) =>
    eventually(
      () => vxcs.every((uid) => answersRecorded(world, uid).length > 0),
      30_000,
      "every request answered",
    );

  beforeAll(async () => {
    world = await startWorld();
    rules = writeRules(path.join(tmpDir(), "rules.yaml"), POLICY);
  });
  afterEach(async () => {
    world.sim.faults.replace([]);
    await Promise.all(running.splice(0).map((a) => a.stop()));
  });
  afterAll(() => world.close());

  it("killed mid-cycle and started again, answers every request exactly once", async () => {
    const vxcs: string[] = [];
    for (let i = 0; i < 4; i += 1) vxcs.push(await requestConnection(world, { rateLimit: 100 + i }));
    // Each answer takes 1.5 s to arrive, so the kill lands while one is on its way (the simulator still applies it).
    world.sim.faults.replace([{ kind: "latency", latencyMs: 1500, path: "/v2/order/vxc", method: "PUT" }]);
    const first = start("first approver");
    const decided = await first.waitFor((l) => l.event === "decision" && l.outcome === "applied");
    first.signal("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    world.sim.faults.replace([]);

    const second = start("second approver");
    await allAnswered(vxcs);
    await eventually(
      () => second.decisions().length + first.decisions().length >= vxcs.length,
      10_000,
      "lines",
    );

    for (const uid of vxcs) expect(answersRecorded(world, uid)).toEqual(["ACCEPTED"]);
    // What the first one answered, the second never answers again.
    expect(second.decisions().filter((l) => l.vxc === decided.vxc)).toEqual([]);
    expect(second.decisions().every((l) => l.outcome === "applied" || l.outcome === "already-answered")).toBe(
      true,
    );
  }, 60_000);

  it("on SIGTERM in the middle of a cycle, finishes the cycle's answers, then exits 0", async () => {
    const vxcs = [
      await requestConnection(world, { rateLimit: 110 }),
      await requestConnection(world, { rateLimit: 120 }),
    ];
    world.sim.faults.replace([{ kind: "latency", latencyMs: 1000, path: "/v2/order/vxc", method: "PUT" }]);
    const approver = start("approver");
    await approver.waitFor(
      (l) => l.event === "decision" && l.outcome === "applied",
      20_000,
      "the first answer",
    );
    approver.signal("SIGTERM");

    expect(await approver.exited).toEqual({ code: 0, signal: null });
    const events = approver.lines.map((l) => l.event);
    expect(events.indexOf("stopping")).toBeLessThan(events.lastIndexOf("decision"));
    expect(approver.decisions().map((l) => [l.vxc, l.outcome])).toEqual(vxcs.map((uid) => [uid, "applied"]));
    for (const uid of vxcs) expect(answersRecorded(world, uid)).toEqual(["ACCEPTED"]);
  }, 60_000);

  it("two approvers at once answer each request exactly once, with the same decisions", async () => {
    const a = start("approver A");
    const b = start("approver B");
    await Promise.all([a, b].map((x) => x.waitFor((l) => l.event === "started")));
    const expected = new Map<string, "ACCEPTED" | "DENIED">();
    for (let i = 0; i < 6; i += 1) {
      const rateLimit = i % 2 === 0 ? 100 + i : 2000 + i;
      expected.set(await requestConnection(world, { rateLimit }), rateLimit > 1000 ? "DENIED" : "ACCEPTED");
    }

    await allAnswered([...expected.keys()]);
    // Let both finish the cycle under way, so every line they will write about these requests is in: SIGTERM ends
    // an approver after its cycle's answers, and `stop` resolves once its output is closed.
    await eventually(() => a.decisions().length + b.decisions().length >= expected.size, 10_000, "lines");
    await Promise.all([a.stop(), b.stop()]);

    for (const [uid, outcome] of expected) {
      expect(answersRecorded(world, uid)).toEqual([outcome]);
      const lines = [...a.decisions(), ...b.decisions()].filter((l) => l.vxc === uid);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(new Set(lines.map((l) => l.decision))).toEqual(
        new Set([outcome === "ACCEPTED" ? "accept" : "deny"]),
      );
      expect(lines.every((l) => l.outcome === "applied" || l.outcome === "already-answered")).toBe(true);
    }
    expect(vxcRecord(world, [...expected.keys()][1]).provisioningStatus).toBe("FAILED");
  }, 60_000);

  it("backs off through 429s and 5xx without ending the loop, and answers once the API recovers", async () => {
    const approver = start("approver");
    await approver.waitFor((l) => l.event === "started");
    world.sim.faults.replace([
      // The approver's client tries a call four times (3 retries): the 429 and three 503s fail one cycle's listing.
      { kind: "status", status: 429, retryAfterSeconds: 1, path: "/v2/products", count: 1 },
      { kind: "status", status: 503, path: "/v2/products", count: 3 },
      // The client retries an answer 3 times on a 5xx: four in a row fail this cycle's answer.
      { kind: "status", status: 500, path: "/v2/order/vxc", method: "PUT", count: 4 },
    ]);
    const pending = await requestConnection(world, { rateLimit: 300 });

    const failed = await approver.waitFor((l) => l.event === "cycle-failed", 30_000, "a failed cycle");
    expect(failed).toMatchObject({ errorCode: expect.stringMatching(/^MX_/) });
    const answerFailed = await approver.waitFor(
      (l) => l.event === "decision" && l.outcome === "failed",
      40_000,
      "the failed answer",
    );
    expect(answerFailed).toMatchObject({ vxc: pending, decision: "accept", errorCode: "MX_API" });
    const applied = await approver.waitFor(
      (l) => l.event === "decision" && l.outcome === "applied",
      20_000,
      "the answer",
    );
    expect(applied).toMatchObject({ vxc: pending, decision: "accept" });
    expect(answersRecorded(world, pending)).toEqual(["ACCEPTED"]);
    expect(approver.lines.some((l) => l.event === "fatal")).toBe(false);
  }, 90_000);
});
