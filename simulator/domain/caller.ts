/**
 * Who is asking, and what their role lets them do. API-key callers act as the user who created the key but
 * with the key's role (Company Admin or Read Only); portal callers act as themselves.
 */
import { forbidden } from "../domain-error";
import type { UserPosition } from "../../provider/client/schemas/users";

export interface Caller {
  companyUid: string;
  role: UserPosition;
  employeeId: number;
  personUid: string;
}

/** Roles that may accept or deny connection requests (Marketplace guide; Technical Contact may not). */
export const APPROVER_POSITIONS: readonly UserPosition[] = ["Company Admin", "Technical Admin"];

/** Roles that may subscribe to notification emails (Marketplace guide: "Who Can Receive the Notifications?"). */
export const SUBSCRIBER_POSITIONS: readonly UserPosition[] = [
  "Company Admin",
  "Technical Admin",
  "Technical Contact",
];

/** Read Only gets 403 on every change, whatever the endpoint. */
export function assertMayChange(caller: Caller): void {
  if (caller.role === "Read Only") {
    throw forbidden(
      "Permission denied: the Read Only role cannot make changes. Use a Company Admin API key.",
    );
  }
}

export function mayApprove(role: UserPosition): boolean {
  return APPROVER_POSITIONS.includes(role);
}

export function assertMayApprove(caller: Caller): void {
  assertMayChange(caller);
  if (!mayApprove(caller.role)) {
    throw forbidden(`Permission denied: a ${caller.role} cannot accept or deny connection requests`);
  }
}

export function assertCompanyAdmin(caller: Caller, what: string): void {
  assertMayChange(caller);
  if (caller.role !== "Company Admin") throw forbidden(`Permission denied: only a Company Admin can ${what}`);
}
