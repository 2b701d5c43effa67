/**
 * Time-driven states: when things happen, not what happens. Services carry their next transition (`next:
 * { status, at }` in simulated ms, written by domain/transitions.ts) and pending approvals carry their expiry;
 * `runDueTransitions` applies everything that is due, in time order, through the domain (transitions.ts for
 * the provisioning path, approvals.ts for a request nobody answered in 60 days), so advancing the clock by an
 * hour walks an order all the way from DEPLOYABLE to LIVE. Only the server and the admin routes call it; the
 * domain never does.
 */
import type { Store } from "./store";
import type { ProvisioningStatus } from "../provider/client/schemas/scalars";
import type { PortRecord, VxcRecord } from "./state";
import { expireApproval } from "./domain/approvals";
import { applyPortTransition, applyVxcTransition } from "./domain/transitions";

type Due =
  | { at: number; kind: "vxc"; vxc: VxcRecord; status: ProvisioningStatus }
  | { at: number; kind: "port"; port: PortRecord; status: ProvisioningStatus }
  | { at: number; kind: "expiry"; vxc: VxcRecord };

function nextDue(store: Store, now: number): Due | null {
  let best: Due | null = null;
  const consider = (due: Due) => {
    if (due.at <= now && (best === null || due.at < best.at)) best = due;
  };
  for (const vxc of store.state.vxcs) {
    if (vxc.next) consider({ at: vxc.next.at, kind: "vxc", vxc, status: vxc.next.status });
    if (vxc.approval) consider({ at: vxc.approval.expiresAt, kind: "expiry", vxc });
  }
  for (const port of store.state.ports) {
    if (port.next) consider({ at: port.next.at, kind: "port", port, status: port.next.status });
  }
  return best;
}

/** Apply every transition due at the current simulated time; returns how many ran. */
export function runDueTransitions(store: Store): number {
  const now = store.now();
  let count = 0;
  // Each transition may schedule the next one, so keep going until nothing is due (bounded for safety).
  for (let due = nextDue(store, now); due !== null && count < 100_000; due = nextDue(store, now)) {
    if (due.kind === "vxc") applyVxcTransition(store, due.vxc, due.status, due.at);
    else if (due.kind === "port") applyPortTransition(store, due.port, due.status);
    else expireApproval(store, due.vxc);
    count++;
  }
  return count;
}
