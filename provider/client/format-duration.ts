/**
 * Formats elapsed time for people, in the style of Go's and Pulumi's durations ("3m12s", "1h2m0s", "45s"),
 * for progress lines and timeout messages. Pure; it must never read the clock.
 */

/** 192_000 → "3m12s"; whole seconds, rounded down; negative or non-finite input reads as "0s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
