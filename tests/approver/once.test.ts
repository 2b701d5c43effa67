// `megaport-mx approver --once`, the real binary as a child process against the simulator: one cycle, and an
// exit code that says what happened (0 nothing to do or all handled, 2 some left for a person, 1 a failure,
// 64 a bad command line).
import * as path from "node:path";
import {
  BIG_SPEED_REASON,
  GLOBEX,
  POLICY,
  PORTS,
  acmeEnv,
  answersRecorded,
  requestConnection,
  runOnce,
  startWorld,
  tmpDir,
  vxcRecord,
  writeRules,
  type World,
} from "./approver-world";

describe("approver --once", () => {
  let world: World;
  let rules: string;

  beforeAll(async () => {
    world = await startWorld();
    rules = writeRules(path.join(tmpDir(), "rules.yaml"), POLICY);
  });
  afterAll(() => world.close());
  afterEach(() => world.sim.faults.replace([]));

  it("exits 0 with nothing to do when no request waits", async () => {
    const run = await runOnce(["--rules", rules], acmeEnv(world));
    expect(run.code).toBe(0);
    expect(run.decisions).toEqual([]);
    expect(run.lines.find((l) => l.event === "once-finished")).toMatchObject({ pending: 0, exitCode: 0 });
  });

  it("accepts and denies by the rules, one JSON line per decision, and exits 0 when all were decided", async () => {
    const small = await requestConnection(world, { rateLimit: 500, name: "small" });
    const big = await requestConnection(world, { rateLimit: 2000, name: "big" });

    const run = await runOnce(["--rules", rules], acmeEnv(world));

    expect(run.code).toBe(0);
    const byVxc = Object.fromEntries(run.decisions.map((d) => [d.vxc, d]));
    expect(byVxc[small]).toMatchObject({
      event: "decision",
      request: expect.any(String),
      type: "NEW",
      vxcName: "small",
      company: "Globex Corporation",
      companyUid: GLOBEX.uid,
      port: PORTS.acmeSydRed.uid,
      speed: 500,
      rule: "globex-up-to-1g",
      decision: "accept",
      outcome: "applied",
    });
    expect(byVxc[big]).toMatchObject({
      speed: 2000,
      rule: "no-big-speeds",
      decision: "deny",
      reason: BIG_SPEED_REASON,
      outcome: "applied",
    });
    expect(answersRecorded(world, small)).toEqual(["ACCEPTED"]);
    expect(answersRecorded(world, big)).toEqual(["DENIED"]);
    expect(vxcRecord(world, big).provisioningStatus).toBe("FAILED");
    expect(vxcRecord(world, big).lastDecision?.reason).toBe(BIG_SPEED_REASON);
  });

  it("exits 2 when a request is left for a person, and leaves it pending", async () => {
    const melbourne = await requestConnection(world, { to: PORTS.acmeMelRed.uid, name: "melbourne" });

    const run = await runOnce(["--rules", rules], acmeEnv(world));

    expect(run.code).toBe(2);
    expect(run.decisions).toEqual([
      expect.objectContaining({
        vxc: melbourne,
        rule: "melbourne-by-hand",
        decision: "manual",
        outcome: "left-for-person",
      }),
    ]);
    expect(vxcRecord(world, melbourne).approval).not.toBeNull();
    expect(answersRecorded(world, melbourne)).toEqual([]);
    // Someone answers it in the Portal, so the next tests start from a clean slate.
    await world.acme.approveVxcOrder(vxcRecord(world, melbourne).approval!.uid, { isApproved: true });
  });

  it("exits 1 when the API keeps failing, and answers nothing", async () => {
    const pending = await requestConnection(world, { rateLimit: 100 });
    world.sim.faults.replace([{ kind: "status", status: 503, path: "/v2/products" }]);
    const listingDown = await runOnce(["--rules", rules], acmeEnv(world));
    expect(listingDown.code).toBe(1);
    expect(listingDown.lines.find((l) => l.event === "fatal")).toMatchObject({ errorCode: "MX_API" });

    // The listing works but every answer fails: the decision line says so and the request stays pending.
    world.sim.faults.replace([{ kind: "status", status: 502, path: "/v2/order/vxc", method: "PUT" }]);
    const answersDown = await runOnce(["--rules", rules], acmeEnv(world));
    expect(answersDown.code).toBe(1);
    expect(answersDown.decisions).toEqual([
      expect.objectContaining({ vxc: pending, decision: "accept", outcome: "failed", errorCode: "MX_API" }),
    ]);
    expect(answersRecorded(world, pending)).toEqual([]);
    expect(vxcRecord(world, pending).approval).not.toBeNull();

    world.sim.faults.replace([]);
    expect((await runOnce(["--rules", rules], acmeEnv(world))).code).toBe(0);
    expect(answersRecorded(world, pending)).toEqual(["ACCEPTED"]);
  }, 90_000);

  it("exits 1 on a rules file with errors, naming the rule and the field", async () => {
    const bad = writeRules(path.join(tmpDir(), "bad.json"), {
      rules: [
        { name: "fine", match: {}, action: "accept" },
        { name: "deny-fast", match: { rateLimit: { min: 5000, max: 100 } }, action: "deny" },
      ],
    });

    const run = await runOnce(["--rules", bad], acmeEnv(world));

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('rules[1] ("deny-fast").match.rateLimit:');
    expect(run.stderr).toContain('rules[1] ("deny-fast").reason:');
    expect(run.decisions).toEqual([]);
  });

  it("exits 64 on a bad command line and 1 on credentials that would go to the simulator default", async () => {
    expect((await runOnce(["--rules", rules, "--stack", "dev"], acmeEnv(world))).code).toBe(64);
    expect((await runOnce(["--rules", rules, "--interval", "soon"], acmeEnv(world))).code).toBe(64);
    const unsafe = await runOnce(["--rules", rules], {
      MEGAPORT_ACCESS_KEY: "real-looking",
      MEGAPORT_SECRET_KEY: "s3cret-value",
    });
    expect(unsafe.code).toBe(1);
    expect(unsafe.stderr).toContain("megaport:environment");
    expect(unsafe.stderr).not.toContain("s3cret-value");
  });
});
