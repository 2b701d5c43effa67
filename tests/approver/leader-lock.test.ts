// Two approver replicas coordinated through PostgreSQL (--lock-url): one holds the advisory lock and answers, the
// other stands by; when the leader dies, the standby takes over. The real binary as child processes, a throwaway
// PostgreSQL cluster (tests/support/postgres.ts) and the simulator.
import * as path from "node:path";
import { startPostgres, type Postgres } from "../support/postgres";
import { eventually } from "../support/eventually";
import {
  ApproverProcess,
  POLICY,
  acmeEnv,
  answersRecorded,
  requestConnection,
  startWorld,
  tmpDir,
  writeRules,
  type World,
} from "./approver-world";

describe("approver replicas with a PostgreSQL lock", () => {
  let world: World;
  let postgres: Postgres;
  let rules: string;
  const replicas: ApproverProcess[] = [];

  beforeAll(async () => {
    [world, postgres] = await Promise.all([startWorld(), startPostgres()]);
    rules = writeRules(path.join(tmpDir(), "rules.yaml"), POLICY);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await world?.close();
    await postgres?.stop();
  });

  it("only the leader answers, each request once; when the leader dies the standby takes over", async () => {
    const lockUrl = postgres.createDatabase("approver");
    const start = (name: string) => {
      // The URL comes through the environment, as it would with a password in it.
      const replica = new ApproverProcess(
        ["--rules", rules, "--interval", "300ms"],
        acmeEnv(world, { MEGAPORT_MX_APPROVER_LOCK_URL: lockUrl }),
        name,
      );
      replicas.push(replica);
      return replica;
    };
    const one = start("replica one");
    await one.waitFor((l) => l.event === "leader" && l.leader === true, 20_000, "the lead");
    const two = start("replica two");
    await two.waitFor((l) => l.event === "started");

    const vxcs: string[] = [];
    for (let i = 0; i < 4; i += 1)
      vxcs.push(await requestConnection(world, { rateLimit: i % 2 ? 3000 : 200 }));
    await eventually(() => vxcs.every((uid) => answersRecorded(world, uid).length === 1), 20_000, "answers");
    await eventually(() => one.decisions().length >= vxcs.length, 10_000, "the leader's lines");

    expect(one.decisions().map((l) => l.outcome)).toEqual(vxcs.map(() => "applied"));
    expect(new Set(one.decisions().map((l) => l.vxc))).toEqual(new Set(vxcs));
    expect(two.decisions()).toEqual([]);
    expect(two.lines.filter((l) => l.event === "standby")).toHaveLength(1);
    expect(two.lines.some((l) => l.event === "leader")).toBe(false);
    for (const uid of vxcs) expect(answersRecorded(world, uid)).toHaveLength(1);

    one.signal("SIGKILL");
    await one.exited;
    await two.waitFor(
      (l) => l.event === "leader" && l.leader === true,
      20_000,
      "the standby taking the lead",
    );
    const later = await requestConnection(world, { rateLimit: 100 });
    expect(await two.waitFor((l) => l.event === "decision" && l.vxc === later)).toMatchObject({
      decision: "accept",
      outcome: "applied",
    });
    expect(answersRecorded(world, later)).toEqual(["ACCEPTED"]);
    expect(JSON.stringify(two.lines)).not.toContain(lockUrl);
  }, 90_000);
});
