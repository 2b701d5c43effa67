// The errors of the megaport-mx command (cli/): one UsageError for every command's command line, and the
// approver's own. Codes are registered in provider/client/errors.ts with the rest.
import { MegaportError, type MegaportErrorCode } from "../provider/client/errors";

/** The command line is wrong (unknown flag, missing value, flags that do not go together); nothing was done. */
export class UsageError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_USAGE";
}

/** The approver may not answer now: another replica holds the lock, or the lock's connection is gone. */
export class NotLeaderError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_NOT_LEADER";
}

/** A Pulumi stack or its program cannot be opened. */
export class StackUnavailableError extends MegaportError {
  static override readonly code: MegaportErrorCode = "MX_STACK_UNAVAILABLE";
}
