// The wait verdicts of provider/kinds/vxc-connection/vxc-wait.ts, a row per VXC state: which states end a create's wait
// (done), which fail it (and how: denied, or a wait that failed), and which keep it waiting until its deadline; the
// same for a speed change and for a delete. Each row runs the real wait against a fake Megaport that lists one VXC
// in the row's state (no simulator, no HTTP); a "keeps waiting" row is one that reaches its short deadline. And what
// the progress lines add while the API fails.
import { cancelThisProcess, resetCancellationForTests } from "../../../provider/client/cancellation";
import { RateLimitedError } from "../../../provider/client/errors";
import { eventually } from "../../support/eventually";
import { RequestDeniedError } from "../../../provider/kinds/resource-errors";
import { WatchFailedError, WatchTimeoutError } from "../../../provider/watch/watch-errors";
import type { MegaportClient } from "../../../provider/client/megaport-client";
import { PROVISIONING_STATUSES } from "../../../provider/client/schemas/scalars";
import type { ResolvedBEnd } from "../../../provider/kinds/vxc-connection/vxc-b-end";
import type { Vxc } from "../../../provider/client/schemas/products";
import {
  apiTrouble,
  deleteAndWait,
  progressLine,
  waitForSpeedChange,
  waitUntilReady,
} from "../../../provider/kinds/vxc-connection/vxc-wait";

const UID = "0f0e0d0c-0b0a-4909-8807-060504030201";
const B_END: ResolvedBEnd = {
  productUid: "acme-port",
  portName: "Acme Sydney",
  companyName: "Acme",
  companyUid: "acme",
};
/** A wait that should end ends within a poll or two; one that keeps waiting reaches this deadline. */
const KEEPS_WAITING_DEADLINE_MS = 150;
const ENDS_DEADLINE_MS = 10_000;

interface VxcState {
  provisioningStatus: string;
  rateLimit?: number;
  vxcApproval?: { status: string; type?: string; message?: string } | null;
}

/** A Megaport holding one VXC whose state is the next of `states` at each listing (the last one stays). */
function fakeMegaport(states: VxcState[], afterCancel?: VxcState) {
  let listings = 0;
  let current: VxcState = states[0];
  const cancels: string[] = [];
  const vxc = () => ({ productUid: UID, productName: "Globex to Acme", rateLimit: 100, ...current });
  const client = {
    async listProducts() {
      current = states[Math.min(listings, states.length - 1)] ?? current;
      listings += 1;
      return [{ productUid: "globex-port", productType: "MEGAPORT", associatedVxcs: [vxc()] }];
    },
    async getProduct() {
      return vxc();
    },
    async getVxc() {
      return vxc();
    },
    async cancelProduct(uid: string) {
      cancels.push(uid);
      if (afterCancel) {
        current = afterCancel;
        states = [afterCancel];
      }
    },
  };
  return { client: client as unknown as MegaportClient, cancels, listings: () => listings };
}

/** What a wait came to: "done", "keeps waiting" (its deadline), "denied", or "failed" (the watch's own failure). */
async function outcomeOf(wait: Promise<unknown>): Promise<string> {
  try {
    await wait;
    return "done";
  } catch (err) {
    if (err instanceof WatchTimeoutError) return "keeps waiting";
    if (err instanceof RequestDeniedError) return err.expired ? "denied (expired)" : "denied";
    if (err instanceof WatchFailedError) return "failed";
    throw err;
  }
}

const savedEnv = { ...process.env };
const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
beforeAll(() => {
  // The watcher's first look comes within the fast interval; read when each fake client's watcher is made.
  process.env.MEGAPORT_MX_POLL_INTERVAL_MS = "5";
  process.env.MEGAPORT_MX_PROGRESS_INTERVAL_MS = "60000";
});
afterAll(() => {
  process.env = savedEnv;
  log.mockRestore();
});

const deadlineFor = (expected: string) =>
  expected === "keeps waiting" ? KEEPS_WAITING_DEADLINE_MS : ENDS_DEADLINE_MS;

describe("waitUntilReady: a new VXC's wait for acceptance and readiness", () => {
  // Every provisioning status, with nothing pending: what a create waiting for LIVE (and for CONFIGURED) makes of it.
  const byStatus: Record<(typeof PROVISIONING_STATUSES)[number], { live: string; configured: string }> = {
    DESIGN: { live: "keeps waiting", configured: "keeps waiting" },
    NEW: { live: "keeps waiting", configured: "keeps waiting" },
    DEPLOYABLE: { live: "keeps waiting", configured: "keeps waiting" },
    CONFIGURED: { live: "keeps waiting", configured: "done" },
    LIVE: { live: "done", configured: "done" },
    CANCELLED: { live: "failed", configured: "failed" },
    CANCELLED_PARENT: { live: "failed", configured: "failed" },
    DECOMMISSIONING: { live: "failed", configured: "failed" },
    DECOMMISSIONED: { live: "failed", configured: "failed" },
    FAILED: { live: "denied", configured: "denied" },
    IN_PROGRESS: { live: "keeps waiting", configured: "keeps waiting" },
    ON_HOLD: { live: "keeps waiting", configured: "keeps waiting" },
    SLEEP: { live: "keeps waiting", configured: "keeps waiting" },
  };

  it("has a row for every provisioning status", () => {
    expect(Object.keys(byStatus).sort()).toEqual([...PROVISIONING_STATUSES].sort());
  });

  const rows = Object.entries(byStatus).flatMap(([status, expected]) => [
    { status, readyWhen: "LIVE" as const, expected: expected.live },
    { status, readyWhen: "CONFIGURED" as const, expected: expected.configured },
  ]);
  it.each(rows)(
    "a VXC $status, waited on until $readyWhen: $expected",
    async ({ status, readyWhen, expected }) => {
      const megaport = fakeMegaport([{ provisioningStatus: status, vxcApproval: null }]);
      const outcome = await outcomeOf(
        waitUntilReady(
          megaport.client,
          UID,
          { name: "Globex to Acme", readyWhen, rateLimit: 100 },
          B_END,
          deadlineFor(expected),
        ),
      );
      expect(outcome).toBe(expected);
      expect(megaport.listings()).toBeGreaterThan(0);
    },
  );

  const approvalRows: { case: string; state: VxcState; expected: string; cancelled: boolean }[] = [
    {
      case: "LIVE but a new-connection request still PENDING_INTERNAL",
      state: { provisioningStatus: "LIVE", vxcApproval: { status: "PENDING_INTERNAL", type: "NEW" } },
      expected: "keeps waiting",
      cancelled: false,
    },
    {
      case: "LIVE but a new-connection request PENDING_EXTERNAL",
      state: { provisioningStatus: "LIVE", vxcApproval: { status: "PENDING_EXTERNAL", type: "NEW" } },
      expected: "keeps waiting",
      cancelled: false,
    },
    {
      case: "LIVE with a speed change pending (not this wait's business)",
      state: {
        provisioningStatus: "LIVE",
        vxcApproval: { status: "PENDING_INTERNAL", type: "SPEED_CHANGE" },
      },
      expected: "done",
      cancelled: false,
    },
    {
      case: "LIVE with the request APPROVED",
      state: { provisioningStatus: "LIVE", vxcApproval: { status: "APPROVED", type: "NEW" } },
      expected: "done",
      cancelled: false,
    },
    {
      case: "FAILED after the provider REJECTED it (the failed order is cancelled)",
      state: {
        provisioningStatus: "FAILED",
        vxcApproval: { status: "REJECTED", type: "NEW", message: "not on this port" },
      },
      expected: "denied",
      cancelled: true,
    },
    {
      case: "FAILED after the request EXPIRED (the failed order is cancelled)",
      state: { provisioningStatus: "FAILED", vxcApproval: { status: "EXPIRED", type: "NEW" } },
      expected: "denied (expired)",
      cancelled: true,
    },
    {
      case: "CANCELLED while waiting (left as it is)",
      state: { provisioningStatus: "CANCELLED", vxcApproval: { status: "PENDING_INTERNAL", type: "NEW" } },
      expected: "failed",
      cancelled: false,
    },
  ];
  it.each(approvalRows)("a VXC $case: $expected", async ({ state, expected, cancelled }) => {
    const megaport = fakeMegaport([state]);
    const outcome = await outcomeOf(
      waitUntilReady(
        megaport.client,
        UID,
        { name: "Globex to Acme", rateLimit: 100 },
        B_END,
        deadlineFor(expected),
      ),
    );
    expect(outcome).toBe(expected);
    expect(megaport.cancels).toEqual(cancelled ? [UID] : []);
  });
});

describe("progressLine: what a create's wait says it waits for", () => {
  const line = (state: VxcState | undefined, readyStates?: readonly string[]) =>
    progressLine(
      "Globex to Acme",
      UID,
      state && ({ productUid: UID, ...state } as Vxc),
      "Acme",
      31_000,
      ...(readyStates ? [readyStates] : []),
    );

  it("while the provider must act, names it and the request", () => {
    expect(
      line({ provisioningStatus: "DEPLOYABLE", vxcApproval: { status: "PENDING_EXTERNAL", type: "NEW" } }),
    ).toBe('VXC "Globex to Acme": waiting for Acme to accept the connection request (31s)');
  });

  it.each([
    { case: "answered APPROVED", vxcApproval: { status: "APPROVED", type: "NEW" } },
    { case: "with nothing pending any more", vxcApproval: null },
  ])("once the provider accepted ($case), says so and what Megaport has left to do", ({ vxcApproval }) => {
    expect(line({ provisioningStatus: "DEPLOYABLE", vxcApproval })).toBe(
      `VXC "Globex to Acme" (${UID}): accepted by Acme; Megaport is deploying it: DEPLOYABLE now, then CONFIGURED, LIVE (31s)`,
    );
  });

  it("counts only the steps left up to readyWhen", () => {
    expect(line({ provisioningStatus: "DEPLOYABLE", vxcApproval: null }, ["CONFIGURED", "LIVE"])).toMatch(
      /DEPLOYABLE now, then CONFIGURED \(31s\)$/,
    );
    expect(line({ provisioningStatus: "CONFIGURED", vxcApproval: null })).toMatch(
      /accepted by Acme; Megaport is deploying it: CONFIGURED now, then LIVE \(31s\)$/,
    );
  });

  it("never says 'waiting to be LIVE' once nothing waits on the provider", () => {
    for (const status of ["NEW", "DEPLOYABLE", "CONFIGURED"]) {
      expect(line({ provisioningStatus: status, vxcApproval: null })).not.toMatch(/waiting to be LIVE/);
    }
  });

  it("a VXC not listed yet is said to be ordered, not accepted", () => {
    expect(line(undefined)).toBe(`VXC "Globex to Acme" (${UID}): ordered, not listed by Megaport yet (31s)`);
  });
});

describe("waitForSpeedChange: a speed change's wait for the provider's answer", () => {
  const TARGET = 500;
  const pendingSpeedChange = { status: "PENDING_INTERNAL", type: "SPEED_CHANGE" };
  const rows: { case: string; states: VxcState[]; expected: string }[] = [
    {
      case: "the rate limit reaches the target",
      states: [{ provisioningStatus: "LIVE", rateLimit: TARGET, vxcApproval: null }],
      expected: "done",
    },
    {
      case: "the rate limit reaches the target after the request was pending",
      states: [
        { provisioningStatus: "LIVE", vxcApproval: pendingSpeedChange },
        { provisioningStatus: "LIVE", rateLimit: TARGET, vxcApproval: null },
      ],
      expected: "done",
    },
    {
      case: "the speed change PENDING_INTERNAL",
      states: [{ provisioningStatus: "LIVE", vxcApproval: pendingSpeedChange }],
      expected: "keeps waiting",
    },
    {
      case: "the speed change PENDING_EXTERNAL",
      states: [
        { provisioningStatus: "LIVE", vxcApproval: { status: "PENDING_EXTERNAL", type: "SPEED_CHANGE" } },
      ],
      expected: "keeps waiting",
    },
    {
      case: "no request seen yet (the listing may lag the PUT)",
      states: [{ provisioningStatus: "LIVE", vxcApproval: null }],
      expected: "keeps waiting",
    },
    {
      case: "the speed change REJECTED",
      states: [{ provisioningStatus: "LIVE", vxcApproval: { status: "REJECTED", type: "SPEED_CHANGE" } }],
      expected: "denied",
    },
    {
      case: "the speed change EXPIRED",
      states: [{ provisioningStatus: "LIVE", vxcApproval: { status: "EXPIRED", type: "SPEED_CHANGE" } }],
      expected: "denied (expired)",
    },
    {
      case: "pending once, then gone without the new rate (answered no)",
      states: [
        { provisioningStatus: "LIVE", vxcApproval: pendingSpeedChange },
        { provisioningStatus: "LIVE", vxcApproval: null },
      ],
      expected: "denied",
    },
    ...(["CANCELLED", "CANCELLED_PARENT", "DECOMMISSIONING", "DECOMMISSIONED", "FAILED"] as const).map(
      (status) => ({
        case: `the VXC ${status} meanwhile`,
        states: [{ provisioningStatus: status, vxcApproval: pendingSpeedChange }],
        expected: "failed",
      }),
    ),
  ];
  it.each(rows)("$case: $expected", async ({ states, expected }) => {
    const megaport = fakeMegaport(states);
    const outcome = await outcomeOf(
      waitForSpeedChange(
        megaport.client,
        UID,
        { name: "Globex to Acme", rateLimit: TARGET },
        B_END,
        deadlineFor(expected),
      ),
    );
    expect(outcome).toBe(expected);
  });
});

describe("deleteAndWait: a delete's cancel and wait for DECOMMISSIONED", () => {
  const rows: { case: string; before: string; after?: string; cancelled: boolean; expected: string }[] = [
    { case: "DECOMMISSIONED already", before: "DECOMMISSIONED", cancelled: false, expected: "done" },
    { case: "FAILED (never deployed)", before: "FAILED", cancelled: false, expected: "done" },
    {
      case: "LIVE, DECOMMISSIONED once cancelled",
      before: "LIVE",
      after: "DECOMMISSIONED",
      cancelled: true,
      expected: "done",
    },
    {
      case: "CONFIGURED, DECOMMISSIONED once cancelled",
      before: "CONFIGURED",
      after: "DECOMMISSIONED",
      cancelled: true,
      expected: "done",
    },
    {
      case: "LIVE, CANCELLED once cancelled",
      before: "LIVE",
      after: "CANCELLED",
      cancelled: true,
      expected: "keeps waiting",
    },
    {
      case: "LIVE, DECOMMISSIONING once cancelled",
      before: "LIVE",
      after: "DECOMMISSIONING",
      cancelled: true,
      expected: "keeps waiting",
    },
    {
      case: "CANCELLED already (not cancelled again)",
      before: "CANCELLED",
      cancelled: false,
      expected: "keeps waiting",
    },
  ];
  it.each(rows)("a VXC $case: $expected", async ({ before, after, cancelled, expected }) => {
    const megaport = fakeMegaport(
      [{ provisioningStatus: before }],
      after === undefined ? undefined : { provisioningStatus: after },
    );
    const outcome = await outcomeOf(
      deleteAndWait(megaport.client, UID, "Globex to Acme", deadlineFor(expected)),
    );
    expect(outcome).toBe(expected);
    expect(megaport.cancels).toEqual(cancelled ? [UID] : []);
  });
});

describe("progress lines while the API fails", () => {
  const base = { waitingFor: "x", message: "x", found: true, transientErrors: 0, failuresInARow: 0 };

  it("add nothing while the looks work", () => {
    expect(apiTrouble(base)).toBe("");
  });

  it("say how long the API has failed, how, and how old the state shown is", () => {
    const error = new RateLimitedError({
      status: 429,
      method: "GET",
      path: "/v2/products",
      megaportMessage: "Too Many Requests",
    });
    expect(
      apiTrouble({
        ...base,
        failuresInARow: 12,
        failingForMs: 130_000,
        lastSeenAgoMs: 135_000,
        lastError: error,
      }),
    ).toBe(
      " — the Megaport API has failed the last 12 looks for 2m10s (HTTP 429 Too Many Requests); retrying; state as last seen 2m15s ago",
    );
  });
});

describe("the process's cancellation (the engine's Cancel, a signal) reaching each wait", () => {
  afterEach(() => resetCancellationForTests());

  /** What a wait came to once the process was cancelled mid-wait, and how long it took after the cancel. */
  async function cancelledMidWait(wait: Promise<unknown>, megaport: { listings(): number }) {
    await eventually(() => megaport.listings() > 0, 5000, "the wait's first look");
    const at = Date.now();
    cancelThisProcess("SIGTERM to the provider process");
    const error = await wait.then(
      () => undefined,
      (err: unknown) => err,
    );
    return { error, afterMs: Date.now() - at };
  }

  it("a create's wait for the provider ends at once, as at its deadline, saying it was cancelled", async () => {
    const megaport = fakeMegaport([{ provisioningStatus: "DEPLOYABLE", vxcApproval: { status: "PENDING" } }]);
    const wait = waitUntilReady(
      megaport.client,
      UID,
      { name: "Globex to Acme", rateLimit: 100 },
      B_END,
      3_600_000,
    );
    const { error, afterMs } = await cancelledMidWait(wait, megaport);
    expect(error).toBeInstanceOf(WatchTimeoutError);
    expect(error).toMatchObject({ stoppedBy: "SIGTERM to the provider process" });
    expect((error as Error).message).toMatch(
      /^Stopped waiting for .* after .*: the operation was cancelled \(SIGTERM to the provider process\)\. Next: Acme must accept/,
    );
    expect(afterMs).toBeLessThan(1000);
    expect(megaport.cancels).toEqual([]);
  });

  it("a speed change's wait ends the same way", async () => {
    const megaport = fakeMegaport([
      { provisioningStatus: "LIVE", vxcApproval: { status: "PENDING", type: "SPEED_CHANGE" } },
    ]);
    const wait = waitForSpeedChange(
      megaport.client,
      UID,
      { name: "Globex to Acme", rateLimit: 500 },
      B_END,
      3_600_000,
    );
    const { error, afterMs } = await cancelledMidWait(wait, megaport);
    expect(error).toMatchObject({ code: "MX_WATCH_TIMEOUT", stoppedBy: "SIGTERM to the provider process" });
    expect(afterMs).toBeLessThan(1000);
  });

  it("a delete's wait for DECOMMISSIONED ends after its cancel was sent, the cancel kept", async () => {
    const megaport = fakeMegaport([{ provisioningStatus: "LIVE" }], { provisioningStatus: "CANCELLED" });
    const wait = deleteAndWait(megaport.client, UID, "Globex to Acme", 3_600_000);
    const { error, afterMs } = await cancelledMidWait(wait, megaport);
    expect(error).toMatchObject({ code: "MX_WATCH_TIMEOUT", stoppedBy: "SIGTERM to the provider process" });
    expect(afterMs).toBeLessThan(1000);
    expect(megaport.cancels).toEqual([UID]);
  });

  it("a delete that has not sent its cancel yet sends none once the process is cancelled", async () => {
    const megaport = fakeMegaport([{ provisioningStatus: "LIVE" }], { provisioningStatus: "DECOMMISSIONED" });
    cancelThisProcess("the engine asked to cancel");
    const error = await deleteAndWait(megaport.client, UID, "Globex to Acme", 3_600_000).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "MX_CANCELLED" });
    expect((error as Error).message).toMatch(
      /^Stopped before cancelling VXC "Globex to Acme" .*nothing was sent/,
    );
    expect(megaport.cancels).toEqual([]);
  });

  it("a wait that starts after the cancel ends at once", async () => {
    const megaport = fakeMegaport([{ provisioningStatus: "DEPLOYABLE", vxcApproval: { status: "PENDING" } }]);
    cancelThisProcess("the engine asked to cancel");
    const at = Date.now();
    const outcome = await outcomeOf(
      waitUntilReady(megaport.client, UID, { name: "Globex to Acme", rateLimit: 100 }, B_END, 3_600_000),
    );
    expect(outcome).toBe("keeps waiting");
    expect(Date.now() - at).toBeLessThan(1000);
  });
});
