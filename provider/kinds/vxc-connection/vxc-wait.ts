// The VXC's long waits, all through the one process-wide watcher (provider/watch): approval and LIVE after an
// order, the provider's answer to a speed increase, and DECOMMISSIONED after a cancel. Each prints a progress line
// at a steady pace that says what it waits for, for how long, and who must act.
// Never prints credentials or the service key.
import {
  answerMayBeLost,
  ApiError,
  AuthError,
  describeLoss,
  ForbiddenError,
  isNotFound,
  MegaportError,
  NetworkError,
} from "../../client/errors";
import { processCancellation, refuseIfCancelled } from "../../client/cancellation";
import type { MegaportClient } from "../../client/megaport-client";
import { FINISHED, GONE, IMMINENT, isIn, READY } from "../../client/provisioning-states";
import type { Vxc } from "../../client/schemas/products";
import { sharedRequestBudget } from "../../client/request-budget";
import {
  describeVxcState,
  formatDuration,
  getVxcWatcher,
  type WatchPace,
  type WatchSource,
  type WatchProgress,
  type WatchVerdict,
} from "../../watch/watcher";
import { WatchFailedError } from "../../watch/watch-errors";
import { RequestDeniedError } from "../resource-errors";
import { listingsOf } from "../listings";
import type { ResolvedBEnd } from "./vxc-b-end";

export const DEFAULT_TIMEOUTS = {
  /** A person at the provider may take a while to accept: wait an hour, then keep the VXC in state and stop. */
  createMs: 60 * 60_000,
  updateMs: 60 * 60_000,
  /** Teardown is Megaport's own work: a couple of minutes normally. */
  deleteMs: 15 * 60_000,
};

/**
 * The one watcher for this client. It polls through the shared listing of our products at the request budget's
 * highest priority (its listing is the one the next lookups read), ticks at the fast interval while some VXC's next
 * state is a moment away (CONFIGURED, CANCELLED), backs off to 10 s while Megaport works on an order, to 30 s while
 * every wait is on a person, and never faster than the budget allows. Its pace can be tuned by environment (the
 * provider process inherits the CLI's): MEGAPORT_MX_POLL_INTERVAL_MS (the fast interval, default 2 s),
 * MEGAPORT_MX_WORKING_POLL_INTERVAL_MS (default 10 s), MEGAPORT_MX_MAX_POLL_INTERVAL_MS (default 30 s) and
 * MEGAPORT_MX_PROGRESS_INTERVAL_MS (progress lines, default 10 s).
 */
export function watcherFor(client: MegaportClient) {
  const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const maxIntervalMs = env("MEGAPORT_MX_MAX_POLL_INTERVAL_MS") ?? 30_000;
  return getVxcWatcher(pollSourceOf(client), {
    fastIntervalMs: env("MEGAPORT_MX_POLL_INTERVAL_MS") ?? 2_000,
    workingMaxIntervalMs: Math.min(maxIntervalMs, env("MEGAPORT_MX_WORKING_POLL_INTERVAL_MS") ?? 10_000),
    maxIntervalMs,
    progressIntervalMs: env("MEGAPORT_MX_PROGRESS_INTERVAL_MS"),
    pace: paceOf,
    minIntervalMs: () => sharedRequestBudget().pollIntervalFloorMs(),
    // A revoked key or a missing permission will not heal by waiting: fail every wait at once.
    isPermanentError: (error) => error instanceof AuthError || error instanceof ForbiddenError,
  });
}

/** What the watcher polls: one object per client, so every wait in the process shares one watcher. */
function pollSourceOf(client: MegaportClient): WatchSource<Vxc> {
  let source = pollSources.get(client);
  if (!source) {
    source = {
      listProducts: () => listingsOf(client).products(0, "poll"),
      getProduct: (uid: string) => client.getProduct(uid, { priority: "poll" }),
    };
    pollSources.set(client, source);
  }
  return source;
}
const pollSources = new WeakMap<MegaportClient, WatchSource<Vxc>>();

/** How soon a VXC will change by itself: see VxcWatcherOptions.pace. */
function paceOf(vxc: Vxc): WatchPace {
  if (vxc.vxcApproval?.status?.startsWith("PENDING")) return "waiting";
  if (isIn(IMMINENT, vxc.provisioningStatus)) return "imminent";
  return "working";
}

interface WaitSubject {
  name: string;
  readyWhen?: "LIVE" | "CONFIGURED";
  rateLimit: number;
}

/** LIVE, or also CONFIGURED when the resource asks for it (readyWhen), as Megaport's own tools accept. */
export function readyStatuses(readyWhen: string | undefined): readonly string[] {
  return readyWhen === "CONFIGURED" ? [...READY] : ["LIVE"];
}

/** Until the provider has accepted (or nothing needed accepting) and the VXC is LIVE, or CONFIGURED if asked. */
export async function waitUntilReady(
  client: MegaportClient,
  uid: string,
  subject: WaitSubject,
  bEnd: ResolvedBEnd,
  deadlineMs: number,
  /** What a denial leaves beside the failed order, as a sentence (a move's old VXC). */
  keptOnDenial?: string,
): Promise<Vxc> {
  const readyStates = readyStatuses(subject.readyWhen);
  const provider = bEnd.companyName ?? "the provider";
  try {
    return await watcherFor(client).watch(uid, {
      deadlineMs,
      stop: processCancellation(),
      waitingFor: `VXC "${subject.name}" (${uid}) to be accepted by ${provider} and ${readyStates.join(" or ")}`,
      until: (vxc): WatchVerdict => {
        if (isIn(FINISHED, vxc.provisioningStatus)) return "fail"; // a denied or expired order is FAILED (9.1a)
        const pendingNew =
          vxc.vxcApproval?.status?.startsWith("PENDING") && vxc.vxcApproval.type !== "SPEED_CHANGE";
        return !pendingNew && readyStates.includes(vxc.provisioningStatus ?? "") ? "done" : "continue";
      },
      describeFailure: (vxc) => `the VXC became ${describeVxcState(vxc)}`,
      whoMustAct: (vxc) => (isPending(vxc) ? providerMustAccept(provider, "connection request") : undefined),
      onProgress: (elapsedMs, vxc, progress) =>
        console.log(
          progressLine(subject.name, uid, vxc, provider, elapsedMs, readyStates) + apiTrouble(progress),
        ),
    });
  } catch (err) {
    // Only a denied or expired order (FAILED) is cleaned up; a wait that failed for another reason (a revoked
    // key) leaves the order as it is, still tagged, for the next `pulumi up` to find.
    const lastSeen = err instanceof WatchFailedError ? (err.lastSeen as Vxc | undefined) : undefined;
    if (lastSeen?.provisioningStatus !== "FAILED") throw err;
    const cleaned = await cleanUpFailedOrder(client, uid, subject.name);
    throw new RequestDeniedError({
      vxcUid: uid,
      vxcName: subject.name,
      provider,
      request: "connection request",
      reason: lastSeen.vxcApproval?.message ?? undefined,
      expired: lastSeen.vxcApproval?.status === "EXPIRED",
      outcome: `${cleaned}${keptOnDenial ? ` ${keptOnDenial}` : ""} Change the request, or agree it with ${provider}, before the next \`pulumi up\` orders again.`,
    });
  }
}

function isPending(vxc: Vxc): boolean {
  return vxc.vxcApproval?.status?.startsWith("PENDING") === true;
}

function providerMustAccept(provider: string, request: string): string {
  return `${provider} must accept the ${request} in the Megaport Portal (or with their approver)`;
}

/** Until the provider accepts the speed change (rate limit reaches the target) or rejects it. */
export async function waitForSpeedChange(
  client: MegaportClient,
  uid: string,
  subject: WaitSubject,
  bEnd: ResolvedBEnd,
  deadlineMs: number,
): Promise<Vxc> {
  const provider = bEnd.companyName ?? "the provider";
  let seenPending = false;
  try {
    return await watchSpeedChange();
  } catch (err) {
    const lastSeen = err instanceof WatchFailedError ? (err.lastSeen as Vxc | undefined) : undefined;
    if (!lastSeen || isIn(FINISHED, lastSeen.provisioningStatus)) throw err;
    throw new RequestDeniedError({
      vxcUid: uid,
      vxcName: subject.name,
      provider,
      request: "speed change",
      reason: lastSeen.vxcApproval?.message ?? undefined,
      expired: lastSeen.vxcApproval?.status === "EXPIRED",
      outcome:
        `The VXC stays at ${lastSeen.rateLimit} Mbps and so does the stack. Set rateLimit back to ` +
        `${lastSeen.rateLimit}, or agree the change with ${provider} before the next \`pulumi up\` asks again.`,
    });
  }

  function watchSpeedChange() {
    return watcherFor(client).watch(uid, {
      deadlineMs,
      stop: processCancellation(),
      waitingFor: `${provider} to accept the speed change of VXC "${subject.name}" (${uid}) to ${subject.rateLimit} Mbps`,
      until: (vxc): WatchVerdict => {
        if (vxc.rateLimit === subject.rateLimit) return "done";
        if (isIn(FINISHED, vxc.provisioningStatus)) return "fail";
        const approval = vxc.vxcApproval;
        if (approval?.type === "SPEED_CHANGE" && approval.status?.startsWith("PENDING")) {
          seenPending = true;
          return "continue";
        }
        // Not pending and not applied: answered (or the listing lags the PUT until we have seen it pending once).
        const answered = approval?.status === "REJECTED" || approval?.status === "EXPIRED";
        return answered || seenPending ? "fail" : "continue";
      },
      whoMustAct: (vxc) => (isPending(vxc) ? providerMustAccept(provider, "speed change") : undefined),
      onProgress: (elapsedMs, _vxc, progress) =>
        console.log(
          `waiting for ${provider} to accept the speed change of "${subject.name}" to ${subject.rateLimit} Mbps (${formatDuration(elapsedMs)})` +
            apiTrouble(progress),
        ),
    });
  }
}

/**
 * Cancel now and wait for DECOMMISSIONED: a 200 alone is no proof, the real API can leave a VXC CANCELLED and
 * billed (docs/megaport-api.md §9.1a). A VXC already gone, or never deployed (FAILED), counts as deleted.
 */
export async function deleteAndWait(client: MegaportClient, uid: string, name: string, deadlineMs: number) {
  // The shared listing of our products (a hundred deletes read one) says where the VXC stands; one not in it is read.
  const listed = (await listingsOf(client).products())
    .flatMap((p) => p.associatedVxcs ?? [])
    .find((v) => v.productUid === uid);
  const vxc =
    listed ??
    (await client.getVxc(uid).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err))));
  if (!vxc || isIn(GONE, vxc.provisioningStatus)) return;
  // Nothing is cancelled because the operation was: the VXC stays as it is, and in the stack.
  if (vxc.provisioningStatus !== "CANCELLED") refuseIfCancelled(`cancelling VXC "${name}" (${uid})`);
  if (vxc.provisioningStatus !== "CANCELLED" && (await cancelSettled(client, uid, name)) === "gone") return;
  await watcherFor(client).watch(uid, {
    deadlineMs,
    stop: processCancellation(),
    waitingFor: `VXC "${name}" (${uid}) to be DECOMMISSIONED`,
    until: (v): WatchVerdict => (v.provisioningStatus === "DECOMMISSIONED" ? "done" : "continue"),
    onProgress: (elapsedMs, v, progress) =>
      console.log(
        `waiting for VXC "${name}" to be decommissioned: ${v?.provisioningStatus ?? "?"} (${formatDuration(elapsedMs)})` +
          apiTrouble(progress),
      ),
  });
}

/** How many times one delete sends its cancel when each answer is lost and Megaport still shows the VXC up. */
const MAX_CANCEL_ATTEMPTS = 3;

/**
 * Cancels a VXC now. A refusal because it was cancelled meanwhile (the listing may be a moment old) is fine. A cancel
 * whose answer was lost or unreadable is settled by reading the VXC: cancelled, the cancel arrived; still up, it did
 * not, and it is sent again, at most MAX_CANCEL_ATTEMPTS times in all. "gone": nothing is left to wait for.
 */
async function cancelSettled(
  client: MegaportClient,
  uid: string,
  name: string,
): Promise<"cancelled" | "gone"> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) refuseIfCancelled(`cancelling VXC "${name}" (${uid}) again`);
    try {
      await client.cancelProduct(uid, "CANCEL_NOW");
      return "cancelled";
    } catch (err) {
      if (isNotFound(err)) return "gone";
      const now = await client.getVxc(uid).catch(() => undefined);
      if (isIn(FINISHED, now?.provisioningStatus))
        return now?.provisioningStatus === "CANCELLED" ? "cancelled" : "gone";
      if (now === undefined || !answerMayBeLost(err) || attempt >= MAX_CANCEL_ATTEMPTS) throw err;
      console.log(
        `VXC "${name}" (${uid}): the answer to its cancel was lost (${describeLoss(err)}) and Megaport still ` +
          `shows it ${now.provisioningStatus ?? "?"}: cancelling again`,
      );
    }
  }
}

/**
 * What a progress line adds when the API is failing, so a status that has not moved is not mistaken for news:
 * "; the Megaport API has failed the last 12 looks for 2m10s (HTTP 429 …), state as last seen 2m15s ago".
 */
export function apiTrouble(progress: WatchProgress): string {
  if (progress.failuresInARow === 0 || progress.lastError === undefined) return "";
  const since = progress.failingForMs === undefined ? "" : ` for ${formatDuration(progress.failingForMs)}`;
  const seen =
    progress.lastSeenAgoMs === undefined
      ? ""
      : `; state as last seen ${formatDuration(progress.lastSeenAgoMs)} ago`;
  const looks = progress.failuresInARow === 1 ? "the last look" : `the last ${progress.failuresInARow} looks`;
  return ` — the Megaport API has failed ${looks}${since} (${describeApiFailure(progress.lastError)}); retrying${seen}`;
}

function describeApiFailure(error: unknown): string {
  if (error instanceof ApiError)
    return `HTTP ${error.status}${error.megaportMessage ? ` ${error.megaportMessage}` : ""}`;
  if (error instanceof NetworkError) return `network: ${error.systemCode ?? "connection failed"}`;
  if (error instanceof MegaportError) return error.code;
  return error instanceof Error ? error.message : String(error);
}

/** The steps Megaport takes a VXC through once nothing waits on a person, in order (docs/megaport-api.md §7.2). */
const DEPLOYMENT_STEPS = ["DEPLOYABLE", "CONFIGURED", "LIVE"] as const;

/**
 * "waiting for Acme Networks to accept the connection request (3m12s)" while the provider must act; once it has
 * not (or no longer) anything to answer: "accepted by Acme Networks; Megaport is deploying it: DEPLOYABLE now,
 * then CONFIGURED, LIVE (31s)". A VXC not listed yet says so.
 */
export function progressLine(
  name: string,
  uid: string,
  vxc: Vxc | undefined,
  provider: string,
  elapsedMs: number,
  readyStates: readonly string[] = ["LIVE"],
) {
  const took = formatDuration(elapsedMs);
  if (vxc?.vxcApproval?.status === "PENDING_EXTERNAL") {
    const who = vxc.vxcApproval.message || provider;
    return `VXC "${name}": waiting for ${who} to accept the connection request (${took})`;
  }
  if (vxc && isPending(vxc) && vxc.vxcApproval?.type !== "SPEED_CHANGE") {
    return `VXC "${name}" (${uid}): waiting for your own company to accept the connection request (${took})`;
  }
  const status = vxc?.provisioningStatus;
  if (!status) return `VXC "${name}" (${uid}): ordered, not listed by Megaport yet (${took})`;
  const target = DEPLOYMENT_STEPS.find((s) => readyStates.includes(s)) ?? "LIVE";
  const at = DEPLOYMENT_STEPS.indexOf(status as (typeof DEPLOYMENT_STEPS)[number]);
  const left = DEPLOYMENT_STEPS.slice(at + 1, DEPLOYMENT_STEPS.indexOf(target) + 1);
  const then = left.length > 0 ? `, then ${left.join(", ")}` : "";
  // Nothing pending on the provider: it accepted (or its port accepts every request at once).
  return `VXC "${name}" (${uid}): accepted by ${provider}; Megaport is deploying it: ${status} now${then} (${took})`;
}

/**
 * A denied order leaves a FAILED VXC; cancel it so nothing lingers. Best effort: it is not billed either way.
 * Returns what was left behind, as a sentence.
 */
async function cleanUpFailedOrder(client: MegaportClient, uid: string, name: string): Promise<string> {
  try {
    await client.cancelProduct(uid, "CANCEL_NOW");
    return "The FAILED order was cancelled; nothing is kept or billed.";
  } catch (err) {
    if (!(err instanceof MegaportError)) throw err;
    console.log(
      `VXC "${name}" (${uid}) is FAILED and could not be cancelled (${err.message}); it is not billed.`,
    );
    return `The order is FAILED (not billed); cancelling it failed (${err.code}), so it may still show in the Portal.`;
  }
}
