// Answering each request at most once (provider/approval/approver-cycle.ts), in-process against the simulator:
// the VXC is re-read before answering, an answer names its request, and a request answered meanwhile is reported
// "already-answered" (nothing sent, or the API's refusal of a second answer understood) rather than failed.
import {
  LeftForPersonMemory,
  answerOnce,
  runApprovalCycle,
  type AnswerApi,
  type CycleEvent,
} from "../../provider/approval/approver-cycle";
import { productScanSource, type PendingRequestSource } from "../../provider/approval/request-source";
import { ApprovalPolicySchema, type ApprovalRequest } from "../../provider/approval/rules";
import {
  POLICY,
  PORTS,
  SEED,
  answersRecorded,
  requestConnection,
  startWorld,
  vxcRecord,
  type World,
  waitLive,
} from "./approver-world";

describe("answering a request at most once", () => {
  let world: World;
  const policy = ApprovalPolicySchema.parse(POLICY);

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  /** The request as the provider's listing shows it now. */
  async function pendingRequest(vxcUid: string): Promise<ApprovalRequest> {
    const { requests } = await productScanSource(world.acme, SEED.companies.acme.uid).listPending();
    const request = requests.find((r) => r.vxcUid === vxcUid);
    if (!request) throw new Error(`no request pending on VXC ${vxcUid}`);
    return request;
  }

  it("sends nothing for a request a person answered after it was listed, and reports it already answered", async () => {
    const vxc = await requestConnection(world, { rateLimit: 100 });
    const listed = await pendingRequest(vxc);
    await world.acme.approveVxcOrder(listed.approvalUid, {
      isApproved: false,
      reason: "Answered in the Portal.",
    });

    const { approve } = answerOnce({ api: world.acme });
    await expect(approve(listed, { action: "accept", ruleName: "r" })).resolves.toBe("already-answered");
    expect(answersRecorded(world, vxc)).toEqual(["DENIED"]);
  });

  it("reports already-answered when the API refuses a different answer given between the re-read and the answer", async () => {
    const vxc = await requestConnection(world, { rateLimit: 100 });
    const listed = await pendingRequest(vxc);
    const stale = await world.acme.getVxc(vxc);
    let reads = 0;
    // Another approver (here: the test) denies right after our re-read saw the request still waiting.
    const racing: AnswerApi = {
      getVxc: async (uid) => {
        reads += 1;
        if (reads > 1) return world.acme.getVxc(uid);
        await world.acme.approveVxcOrder(listed.approvalUid, {
          isApproved: false,
          reason: "The other one was first.",
        });
        return stale;
      },
      approveVxcOrder: (uid, body) => world.acme.approveVxcOrder(uid, body),
    };

    const { approve } = answerOnce({ api: racing });
    await expect(approve(listed, { action: "accept", ruleName: "r" })).resolves.toBe("already-answered");
    expect(answersRecorded(world, vxc)).toEqual(["DENIED"]);
    expect(vxcRecord(world, vxc).provisioningStatus).toBe("FAILED");
  });

  it("an identical answer given twice is applied once: the API takes the repeat as a no-op", async () => {
    const vxc = await requestConnection(world, { rateLimit: 100 });
    const listed = await pendingRequest(vxc);
    await world.acme.approveVxcOrder(listed.approvalUid, { isApproved: true });
    await world.acme.approveVxcOrder(listed.approvalUid, { isApproved: true });
    expect(answersRecorded(world, vxc)).toEqual(["ACCEPTED"]);
  });

  it("never lets a late answer land on a newer request on the same VXC", async () => {
    const vxc = await requestConnection(world, { rateLimit: 100 });
    const first = await pendingRequest(vxc);
    await world.acme.approveVxcOrder(first.approvalUid, { isApproved: true });
    await waitLive(world.globex, vxc);
    await world.globex.updateVxc(vxc, { rateLimit: 900 });
    const speedChange = await pendingRequest(vxc);
    expect(speedChange.approvalUid).not.toBe(first.approvalUid);

    // A stale copy of the first request (a restarted approver's old listing) is answered "deny": nothing lands.
    const { deny } = answerOnce({ api: world.acme });
    await expect(deny(first, { action: "deny", ruleName: "r", reason: "late" })).resolves.toBe(
      "already-answered",
    );
    expect(vxcRecord(world, vxc).approval?.uid).toBe(speedChange.approvalUid);
    expect(answersRecorded(world, vxc, "SPEED_CHANGE")).toEqual([]);
  });

  it("a cycle over a stale listing answers what still waits and reports the rest as already answered", async () => {
    const fresh = await requestConnection(world, { rateLimit: 100 });
    const answered = await requestConnection(world, { rateLimit: 100 });
    const listing = await productScanSource(world.acme, SEED.companies.acme.uid).listPending();
    await world.acme.approveVxcOrder((await pendingRequest(answered)).approvalUid, { isApproved: true });
    const stale: PendingRequestSource = { listPending: async () => listing };
    const events: CycleEvent[] = [];

    const result = await runApprovalCycle({
      policy,
      source: stale,
      answers: answerOnce({ api: world.acme }),
      memory: new LeftForPersonMemory(),
      onEvent: (event) => events.push(event),
    });

    const outcomeOf = (vxc: string) => {
      for (const e of events)
        if (e.kind === "settled" && e.settled.request.vxcUid === vxc) return e.settled.outcome;
      return undefined;
    };
    expect(outcomeOf(fresh)).toBe("accepted");
    expect(outcomeOf(answered)).toBe("already-answered");
    expect(result.summary.failed).toEqual([]);
    expect(answersRecorded(world, fresh)).toEqual(["ACCEPTED"]);
    expect(answersRecorded(world, answered)).toEqual(["ACCEPTED"]);
  });

  it("reports a request left for a person once while it waits, again only when another rule leaves it", async () => {
    const melbourne = await requestConnection(world, { to: PORTS.acmeMelRed.uid });
    const memory = new LeftForPersonMemory();
    const cycle = async (p = policy) => {
      const events: CycleEvent[] = [];
      await runApprovalCycle({
        policy: p,
        source: productScanSource(world.acme, SEED.companies.acme.uid),
        answers: answerOnce({ api: world.acme }),
        memory,
        onEvent: (event) => events.push(event),
      });
      return events.filter(
        (e) => e.kind === "settled" && e.settled.request.vxcUid === melbourne && e.firstReport,
      );
    };
    expect(await cycle()).toHaveLength(1);
    expect(await cycle()).toHaveLength(0);
    expect(await cycle()).toHaveLength(0);
    const renamed = ApprovalPolicySchema.parse({
      ...POLICY,
      rules: POLICY.rules!.map((r) =>
        r.name === "melbourne-by-hand" ? { ...r, name: "melbourne-manual" } : r,
      ),
    });
    expect(await cycle(renamed)).toHaveLength(1);

    // Once a person answers it, it is forgotten.
    await world.acme.approveVxcOrder(vxcRecord(world, melbourne).approval!.uid, { isApproved: true });
    await cycle();
    expect(memory.size).toBe(0);
  });
});
