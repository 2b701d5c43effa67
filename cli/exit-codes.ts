/**
 * The exit codes of every `megaport-mx` command, in one table so scripts and docs agree. Never reuse a number
 * for another meaning: pipelines branch on them.
 */
export const EXIT = {
  /** Done: nothing to do, or everything found was handled. A service stopped by SIGTERM/SIGINT also exits 0. */
  OK: 0,
  /** Something failed: an API call that stayed failed, an invalid or unreadable policy, bad credentials. */
  FAILED: 1,
  /** Done without failures, but some requests are left for a person (a "manual" rule, or undecidable). */
  LEFT_FOR_PERSON: 2,
  /** `orphans`: VXCs the stack ordered that no resource holds are still there (listed, not all cancelled). */
  ORPHANS_REMAIN: 3,
  /** The command line is wrong (unknown flag, missing value); nothing was done. */
  USAGE: 64,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
