/**
 * Reading and atomically writing the state file, and bringing a file written by an older simulator up to date.
 *
 * A write is: write a temp file beside the target, fsync it, rename it over the target, fsync the directory.
 * A crash at any point leaves either the old complete file or the new complete file, never half of one.
 * Writes are synchronous on purpose: the server writes before it answers, so an acknowledged change is on disk.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { openedOrderApproval, type SimState } from "./state";

let tempCounter = 0;

export function writeStateAtomically(file: string, state: SimState): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  const fd = fs.openSync(temp, "w", 0o600);
  try {
    fs.writeFileSync(fd, JSON.stringify(state));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  // The rename itself is only durable once the directory entry is flushed.
  const dirFd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

/** The saved state, or null when the file does not exist yet. A corrupt file is an error, never silently reset. */
export function readStateFile(file: string): SimState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const state = JSON.parse(text) as SimState;
  if (state.version !== 1 || !Array.isArray(state.vxcs) || !Array.isArray(state.ports)) {
    throw new Error(`${file} is not a simulator state file (version ${String(state.version)})`);
  }
  backfillOrderApprovals(state);
  return state;
}

/**
 * State files written before the approval queue existed: start it, and give every request still pending a
 * record so the list shows it.
 */
function backfillOrderApprovals(state: SimState): void {
  const saved: Partial<Pick<SimState, "orderApprovals" | "nextOrderApprovalId">> = state;
  if (saved.orderApprovals && saved.nextOrderApprovalId !== undefined) return;
  state.orderApprovals = [];
  state.nextOrderApprovalId = 5001;
  for (const vxc of state.vxcs) {
    if (!vxc.approval) continue;
    state.orderApprovals.push(
      openedOrderApproval(state.nextOrderApprovalId++, vxc.productUid, vxc.approval, null),
    );
  }
}
