// The watcher, driven by a fake clock and a fake Megaport: hours of waiting run in milliseconds, and every
// API call is counted.
import { AbortedError, MegaportError, TimeoutError } from "../../../provider/client/errors";
import {
  VxcWatcher,
  type VxcWatcherOptions,
  type WatchProgress,
  type WatchVerdict,
  formatDuration,
  getVxcWatcher,
} from "../../../provider/watch/watcher";
import { WatchAbortedError, WatchFailedError, WatchTimeoutError } from "../../../provider/watch/watch-errors";
import { FakeClock, FakeMegaport, type FakeVxc, LIVE, fakeVxc, track } from "./watch-fakes";

const untilLive = (vxc: FakeVxc): WatchVerdict =>
  vxc.provisioningStatus === "LIVE" ? "done" : vxc.provisioningStatus === "FAILED" ? "fail" : "continue";

const HOUR = 60 * 60_000;

function setUp(options: VxcWatcherOptions<FakeVxc> = {}) {
  const clock = new FakeClock();
  const megaport = new FakeMegaport(clock);
  const watcher = new VxcWatcher<FakeVxc>(megaport, { clock, ...options });
  return { clock, megaport, watcher };
}

describe("VxcWatcher", () => {
  it("resolves with the VXC's snapshot on the first tick when it is already ready", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1", LIVE));

    const watch = track(watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }));
    await clock.advance(1000);

    expect(watch.status).toBe("resolved");
    expect(watch.value).toMatchObject({ productUid: "vxc-1", provisioningStatus: "LIVE" });
    expect(megaport.listCalls).toBe(1);
  });

  it("keeps waiting through a failed listing and resolves on the next tick", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1", LIVE));
    megaport.failNextListings(new Error("HTTP 503 from GET /v2/products"));

    const watch = track(watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }));
    await clock.advance(1000);
    expect(watch.status).toBe("pending");
    expect(watcher.stats().transientErrors).toBe(1);

    await clock.advance(1500);
    expect(watch.status).toBe("resolved");
    expect(megaport.listCalls).toBe(2);
  });

  it("tells the progress callback how many calls failed and what the last failure was", async () => {
    const { clock, megaport, watcher } = setUp({ progressIntervalMs: 10_000 });
    megaport.add(fakeVxc("vxc-1"));
    const failure = new Error("HTTP 502 from GET /v2/products");
    megaport.failEveryListing(failure);
    const progress: WatchProgress[] = [];

    void watcher
      .watch("vxc-1", { until: untilLive, deadlineMs: HOUR, onProgress: (_ms, _vxc, p) => progress.push(p) })
      .catch(() => undefined);
    await clock.advance(10_000);

    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ found: false, lastError: failure });
    expect(progress[0].transientErrors).toBeGreaterThanOrEqual(3);
  });

  it("says how long the looks have been failing and how old the last seen state is, so a stale status shows", async () => {
    const { clock, megaport, watcher } = setUp({ progressIntervalMs: 60_000, maxIntervalMs: 5_000 });
    megaport.add(fakeVxc("vxc-1"));
    const progress: WatchProgress[] = [];
    void watcher
      .watch("vxc-1", { until: untilLive, deadlineMs: HOUR, onProgress: (_ms, _vxc, p) => progress.push(p) })
      .catch(() => undefined);
    await clock.advance(20_000); // seen, several times
    megaport.failEveryListing(new Error("HTTP 429 from GET /v2/products"));
    await clock.advance(40_000);

    expect(progress).toHaveLength(1);
    expect(progress[0].failuresInARow).toBeGreaterThanOrEqual(5);
    expect(progress[0].failingForMs).toBeGreaterThan(30_000);
    expect(progress[0].lastSeenAgoMs).toBeGreaterThan(30_000);

    megaport.failEveryListing(undefined);
    await clock.advance(60_000);
    expect(progress[1]).toMatchObject({ failuresInARow: 0 });
    expect(progress[1].failingForMs).toBeUndefined();
    expect(progress[1].lastSeenAgoMs).toBeLessThan(10_000);
  });

  it("rejects with WatchFailedError naming the state when until says fail", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1"));

    const watch = track(
      watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR, waitingFor: "VXC vxc-1 to be LIVE" }),
    );
    await clock.advance(1000);
    megaport.update("vxc-1", { provisioningStatus: "FAILED" });
    await clock.advance(1500);

    expect(watch.status).toBe("rejected");
    const error = watch.error as WatchFailedError;
    expect(error).toBeInstanceOf(WatchFailedError);
    expect(error).toBeInstanceOf(MegaportError);
    expect(error.code).toBe("MX_WATCH_FAILED");
    expect(error.message).toBe(
      "Stopped waiting for VXC vxc-1 to be LIVE after 2s: it reached FAILED; new-connection request PENDING_EXTERNAL.",
    );
    expect(error.lastSeen).toMatchObject({ provisioningStatus: "FAILED" });
  });

  it("puts the caller's description of a failure in the error", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1", { provisioningStatus: "FAILED" }));

    const watch = track(
      watcher.watch("vxc-1", {
        until: untilLive,
        deadlineMs: HOUR,
        describeFailure: (vxc) => `${vxc.vxcApproval.message} denied the connection request`,
      }),
    );
    await clock.advance(1000);

    expect((watch.error as Error).message).toContain("Acme Networks denied the connection request");
  });

  it("rejects with WatchFailedError when until throws, keeping the thrown error as the cause", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1"));
    const bug = new TypeError("cannot read rateLimit");

    const watch = track(
      watcher.watch("vxc-1", {
        until: () => {
          throw bug;
        },
        deadlineMs: HOUR,
      }),
    );
    await clock.advance(1000);

    expect(watch.error).toBeInstanceOf(WatchFailedError);
    expect((watch.error as Error).cause).toBe(bug);
  });

  it("rejects with WatchTimeoutError at the deadline, saying what it waited for, how long and who must act", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1"));

    const watch = track(
      watcher.watch("vxc-1", {
        until: untilLive,
        deadlineMs: 10 * 60_000,
        waitingFor: 'VXC "to-acme" (vxc-1) to be accepted by Acme Networks and LIVE',
      }),
    );
    await clock.advance(10 * 60_000 - 1);
    expect(watch.status).toBe("pending");
    await clock.advance(1);

    const error = watch.error as WatchTimeoutError;
    expect(error).toBeInstanceOf(WatchTimeoutError);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe("MX_WATCH_TIMEOUT");
    expect(error.vxcUid).toBe("vxc-1");
    expect(error.waitedMs).toBe(10 * 60_000);
    expect(error.waitedFor).toBe('VXC "to-acme" (vxc-1) to be accepted by Acme Networks and LIVE');
    expect(error.whoMustAct).toContain("the company at the other end must accept the request");
    expect(error.message).toContain('VXC "to-acme" (vxc-1) to be accepted by Acme Networks and LIVE');
    expect(error.message).toMatch(/\. Last seen: DEPLOYABLE; new-connection request PENDING_EXTERNAL\.$/);
    expect(error.cause).toBeUndefined();
  });

  it("honours a deadline longer than the longest timer Node allows (about 24.8 days)", async () => {
    const { clock, megaport, watcher } = setUp({ maxIntervalMs: HOUR });
    megaport.add(fakeVxc("vxc-1"));
    const delays: number[] = [];
    const setTimeout = clock.setTimeout;
    clock.setTimeout = (callback, ms) => {
      delays.push(ms);
      return setTimeout(callback, ms);
    };

    const watch = track(watcher.watch("vxc-1", { until: untilLive, deadlineMs: 30 * 24 * HOUR }));
    await clock.advance(30 * 24 * HOUR - 1);
    expect(watch.status).toBe("pending");
    await clock.advance(1);

    expect(watch.error).toBeInstanceOf(WatchTimeoutError);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it("keeps retrying failed listings until the deadline, then times out with the last failure as the cause", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1", LIVE));
    const failure = new Error("HTTP 503 from GET /v2/products");
    megaport.failEveryListing(failure);

    const watch = track(watcher.watch("vxc-1", { until: untilLive, deadlineMs: 5 * 60_000 }));
    await clock.advance(5 * 60_000 - 1);
    expect(watch.status).toBe("pending");
    await clock.advance(1);

    const error = watch.error as WatchTimeoutError;
    expect(error).toBeInstanceOf(WatchTimeoutError);
    expect(error.cause).toBe(failure);
    expect(error.transientErrors).toBe(megaport.listCalls);
    expect(error.message).toContain(`${megaport.listCalls} call(s) to the Megaport API failed meanwhile`);
    expect(error.message).toContain("never appeared in Megaport's product list");
  });

  it("rejects with WatchAbortedError when the signal fires, with the signal's reason as the cause", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1"));
    const controller = new AbortController();

    const watch = track(
      watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR, signal: controller.signal }),
    );
    await clock.advance(5000);
    const reason = new Error("the engine cancelled the update");
    controller.abort(reason);
    await clock.advance(0);

    const error = watch.error as WatchAbortedError;
    expect(error).toBeInstanceOf(WatchAbortedError);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.code).toBe("MX_WATCH_ABORTED");
    expect(error.cause).toBe(reason);
    expect(error.waitedMs).toBe(5000);
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects at once, without calling the API, when the signal has already fired", async () => {
    const { clock, megaport, watcher } = setUp();
    const watch = track(
      watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR, signal: AbortSignal.abort() }),
    );
    await clock.advance(HOUR);

    expect(watch.error).toBeInstanceOf(WatchAbortedError);
    expect(megaport.listCalls).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it("follows a hundred VXCs with one listing per tick", async () => {
    const { clock, megaport, watcher } = setUp();
    const uids = Array.from({ length: 100 }, (_, i) => `vxc-${i}`);
    megaport.add(...uids.map((uid) => fakeVxc(uid)));

    const watches = uids.map((uid) => track(watcher.watch(uid, { until: untilLive, deadlineMs: HOUR })));
    await clock.advance(1000);
    expect(megaport.listCalls).toBe(1);

    await clock.advance(1500 + 2250);
    expect(megaport.listCalls).toBe(3);
    expect(watches.every((watch) => watch.status === "pending")).toBe(true);

    for (const uid of uids) megaport.update(uid, LIVE);
    await clock.advance(3375);

    expect(megaport.listCalls).toBe(4);
    expect(watches.every((watch) => watch.status === "resolved")).toBe(true);
    expect(watcher.size).toBe(0);
  });

  it("waits longer between ticks while nothing changes, by 1.5 times up to the maximum", async () => {
    const { clock, megaport, watcher } = setUp({
      fastIntervalMs: 1000,
      maxIntervalMs: 15_000,
      backoffFactor: 1.5,
    });
    megaport.add(fakeVxc("vxc-1"));

    void watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await clock.advance(90_000);

    expect(gaps([0, ...megaport.listCallTimes]).slice(0, 10)).toEqual([
      1000, 1500, 2250, 3375, 5063, 7595, 11393, 15000, 15000, 15000,
    ]);
  });

  it("goes back to the fast pace when a watched VXC changes", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1"));
    void watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await clock.advance(1000 + 1500 + 2250); // three ticks; the next is 3375 ms away

    megaport.update("vxc-1", { provisioningStatus: "CONFIGURED" });
    await clock.advance(3375); // this tick sees the change
    const seenAt = clock.now();
    await clock.advance(1000);

    expect(megaport.listCallTimes.at(-1)).toBe(seenAt + 1000);
  });

  it("goes back to the fast pace when a new watch is added", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1"), fakeVxc("vxc-2"));
    void watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await clock.advance(60_000); // the pace has grown to 15 s
    const before = megaport.listCalls;
    const addedAt = clock.now();

    void watcher.watch("vxc-2", { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await clock.advance(1000);

    expect(megaport.listCalls).toBe(before + 1);
    expect(megaport.listCallTimes.at(-1)).toBe(addedAt + 1000);
  });

  it("reports progress at a steady pace, whatever the pace of the ticks", async () => {
    const { clock, megaport, watcher } = setUp({ progressIntervalMs: 10_000 });
    megaport.add(fakeVxc("vxc-1"));
    const calls: [number, string | undefined, string][] = [];

    void watcher
      .watch("vxc-1", {
        until: untilLive,
        deadlineMs: 35_000,
        waitingFor: "Acme Networks to accept VXC vxc-1",
        onProgress: (elapsedMs, vxc, progress) =>
          calls.push([elapsedMs, vxc?.provisioningStatus, progress.message]),
      })
      .catch(() => undefined);
    await clock.advance(HOUR);

    expect(calls).toEqual([
      [10_000, "DEPLOYABLE", "waiting for Acme Networks to accept VXC vxc-1 (10s)"],
      [20_000, "DEPLOYABLE", "waiting for Acme Networks to accept VXC vxc-1 (20s)"],
      [30_000, "DEPLOYABLE", "waiting for Acme Networks to accept VXC vxc-1 (30s)"],
    ]);
  });

  it("keeps waiting when the progress callback throws", async () => {
    const { clock, megaport, watcher } = setUp({ progressIntervalMs: 1000 });
    megaport.add(fakeVxc("vxc-1"));

    const watch = track(
      watcher.watch("vxc-1", {
        until: untilLive,
        deadlineMs: HOUR,
        onProgress: () => {
          throw new Error("log sink closed");
        },
      }),
    );
    await clock.advance(5000);
    megaport.update("vxc-1", LIVE);
    await clock.advance(15_000);

    expect(watch.status).toBe("resolved");
  });

  it("leaves no timer behind and stops calling the API once every watch has settled", async () => {
    const { clock, megaport, watcher } = setUp({ progressIntervalMs: 1000 });
    megaport.add(fakeVxc("done"), fakeVxc("fails"), fakeVxc("times-out"), fakeVxc("aborted"));
    const controller = new AbortController();
    const onProgress = () => undefined;

    const watches = [
      track(watcher.watch("done", { until: untilLive, deadlineMs: HOUR, onProgress })),
      track(watcher.watch("fails", { until: untilLive, deadlineMs: HOUR, onProgress })),
      track(watcher.watch("times-out", { until: untilLive, deadlineMs: 30_000, onProgress })),
      track(
        watcher.watch("aborted", {
          until: untilLive,
          deadlineMs: HOUR,
          onProgress,
          signal: controller.signal,
        }),
      ),
    ];
    await clock.advance(5000);
    megaport.update("done", LIVE);
    megaport.update("fails", { provisioningStatus: "FAILED" });
    controller.abort();
    await clock.advance(30_000);

    expect(watches.map((watch) => watch.status)).toEqual(["resolved", "rejected", "rejected", "rejected"]);
    expect(clock.pendingTimers).toBe(0);
    const calls = megaport.listCalls;
    await clock.advance(HOUR);
    expect(megaport.listCalls).toBe(calls);
  });

  it("looks up a VXC the listing does not show, and resolves with what the lookup found", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.unlisted.set("fresh", fakeVxc("fresh", LIVE));

    const watch = track(watcher.watch("fresh", { until: untilLive, deadlineMs: HOUR }));
    await clock.advance(1000);

    expect(megaport.lookups).toEqual(["fresh"]);
    expect(watch.value).toMatchObject({ productUid: "fresh", provisioningStatus: "LIVE" });
  });

  it("looks up at most a few missing VXCs per tick, taking turns", async () => {
    const { clock, megaport, watcher } = setUp({ maxLookupsPerTick: 3 });
    const uids = ["m-1", "m-2", "m-3", "m-4", "m-5"];

    for (const uid of uids)
      void watcher.watch(uid, { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await clock.advance(1000);
    expect(megaport.lookups).toEqual(["m-1", "m-2", "m-3"]);

    await clock.advance(1500);
    expect(megaport.lookups.slice(3).sort()).toEqual(["m-1", "m-4", "m-5"]);
    expect(megaport.listCalls).toBe(2);
  });

  it("ignores a lookup answer that is not the VXC asked for", async () => {
    const clock = new FakeClock();
    const source = {
      listProducts: async () => [],
      getProduct: async () => ({ productUid: "someone-else", provisioningStatus: "LIVE" }),
    };
    const watcher = new VxcWatcher(source, { clock });

    const watch = track(watcher.watch("vxc-1", { until: () => "done", deadlineMs: 10_000 }));
    await clock.advance(10_000);

    expect(watch.error).toBeInstanceOf(WatchTimeoutError);
  });

  it("fails every watch at once on an error that retrying cannot fix", async () => {
    const refused = Object.assign(new Error("Megaport did not accept the API key"), { code: "MX_AUTH" });
    const { clock, megaport, watcher } = setUp({
      isPermanentError: (error) => (error as { code?: string }).code === "MX_AUTH",
    });
    megaport.add(fakeVxc("vxc-1"), fakeVxc("vxc-2"));
    megaport.failEveryListing(refused);

    const watches = ["vxc-1", "vxc-2"].map((uid) =>
      track(watcher.watch(uid, { until: untilLive, deadlineMs: HOUR })),
    );
    await clock.advance(1000);

    for (const watch of watches) {
      expect(watch.error).toBeInstanceOf(WatchFailedError);
      expect((watch.error as Error).cause).toBe(refused);
    }
    expect(clock.pendingTimers).toBe(0);
  });

  it("lets two watches of one VXC settle each on its own condition", async () => {
    const { clock, megaport, watcher } = setUp();
    megaport.add(fakeVxc("vxc-1"));

    const configured = track(
      watcher.watch("vxc-1", {
        until: (vxc) => (["CONFIGURED", "LIVE"].includes(vxc.provisioningStatus) ? "done" : "continue"),
        deadlineMs: HOUR,
      }),
    );
    const live = track(watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }));
    megaport.update("vxc-1", { provisioningStatus: "CONFIGURED" });
    await clock.advance(1000);

    expect([configured.status, live.status]).toEqual(["resolved", "pending"]);
    megaport.update("vxc-1", { provisioningStatus: "LIVE" });
    await clock.advance(1000);
    expect(live.status).toBe("resolved");
    expect(megaport.listCalls).toBe(2);
  });

  it("works on the real clock", async () => {
    const megaport = new FakeMegaport(new FakeClock()).add(fakeVxc("vxc-1", LIVE));
    const watcher = new VxcWatcher<FakeVxc>(megaport, { fastIntervalMs: 5 });

    await expect(watcher.watch("vxc-1", { until: untilLive, deadlineMs: 5000 })).resolves.toMatchObject({
      provisioningStatus: "LIVE",
    });
  });
});

describe("getVxcWatcher", () => {
  it("gives every caller with the same client the same watcher, and another client its own", () => {
    const client = { listProducts: async () => [] };
    const other = { listProducts: async () => [] };

    expect(getVxcWatcher(client)).toBe(getVxcWatcher(client));
    expect(getVxcWatcher(other)).not.toBe(getVxcWatcher(client));
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [999, "0s"],
    [1000, "1s"],
    [59_999, "59s"],
    [60_000, "1m0s"],
    [192_000, "3m12s"],
    [HOUR, "1h0m0s"],
    [HOUR + 2 * 60_000 + 3000, "1h2m3s"],
    [-5, "0s"],
    [Number.NaN, "0s"],
  ])("formats %p ms as %p", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

function gaps(times: number[]): number[] {
  return times.slice(1).map((time, i) => time - times[i]);
}

describe("VxcWatcher pace", () => {
  const pace = (vxc: FakeVxc) =>
    vxc.vxcApproval?.status?.startsWith("PENDING")
      ? ("waiting" as const)
      : vxc.provisioningStatus === "CONFIGURED"
        ? ("imminent" as const)
        : ("working" as const);
  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);
  const NONE = LIVE.vxcApproval!;

  it("ticks at the fast interval while a VXC's next state is a moment away", async () => {
    const { clock, megaport, watcher } = setUp({ fastIntervalMs: 2000, maxIntervalMs: 30_000, pace });
    megaport.add(fakeVxc("vxc-1", { provisioningStatus: "CONFIGURED", vxcApproval: NONE }));
    void watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await clock.advance(20_000);
    expect(gaps(megaport.listCallTimes).every((gap) => gap === 2000)).toBe(true);
  });

  it("backs off to the working ceiling while Megaport provisions, and to the longest while people must act", async () => {
    const working = setUp({
      fastIntervalMs: 2000,
      workingMaxIntervalMs: 10_000,
      maxIntervalMs: 30_000,
      pace,
    });
    working.megaport.add(fakeVxc("vxc-1", { provisioningStatus: "DEPLOYABLE", vxcApproval: NONE }));
    void working.watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await working.clock.advance(120_000);
    expect(Math.max(...gaps(working.megaport.listCallTimes))).toBe(10_000);

    const people = setUp({ fastIntervalMs: 2000, workingMaxIntervalMs: 10_000, maxIntervalMs: 30_000, pace });
    people.megaport.add(
      fakeVxc("vxc-2", {
        provisioningStatus: "DEPLOYABLE",
        vxcApproval: { status: "PENDING_EXTERNAL", type: "NEW", newSpeed: null, message: null },
      }),
    );
    void people.watcher.watch("vxc-2", { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await people.clock.advance(300_000);
    expect(Math.max(...gaps(people.megaport.listCallTimes))).toBe(30_000);
  });

  it("one VXC about to change sets the pace for every watch", async () => {
    const { clock, megaport, watcher } = setUp({ fastIntervalMs: 2000, maxIntervalMs: 30_000, pace });
    megaport.add(
      fakeVxc("waits", {
        vxcApproval: { status: "PENDING_EXTERNAL", type: "NEW", newSpeed: null, message: null },
      }),
      fakeVxc("soon", { provisioningStatus: "CONFIGURED", vxcApproval: NONE }),
    );
    for (const uid of ["waits", "soon"]) {
      void watcher.watch(uid, { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    }
    await clock.advance(20_000);
    expect(Math.max(...gaps(megaport.listCallTimes))).toBe(2000);
  });

  it("never ticks faster than the request budget allows", async () => {
    const { clock, megaport, watcher } = setUp({ fastIntervalMs: 2000, pace, minIntervalMs: () => 7000 });
    megaport.add(fakeVxc("vxc-1", { provisioningStatus: "CONFIGURED", vxcApproval: NONE }));
    void watcher.watch("vxc-1", { until: untilLive, deadlineMs: HOUR }).catch(() => undefined);
    await clock.advance(60_000);
    expect(Math.min(...gaps(megaport.listCallTimes))).toBeGreaterThanOrEqual(7000);
  });
});
