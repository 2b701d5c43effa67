// Whether an update (up, refresh, destroy, import) of a stack is running, read where its backend records it, so
// `megaport-mx orphans` never cancels what a running update may hold but has not written to state yet.
// - DIY backends (file://, postgres:// and the other buckets) record it as a lock object per running update at
//   .pulumi/locks/organization/<project>/<stack>/<id>.json (.pulumi/locks/<stack>/… in the legacy layout), JSON with
//   the pid, user, host and start time of the CLI; `pulumi cancel` deletes them. They do not report it through the
//   CLI (`pulumi stack ls --json` leaves updateInProgress out for them), so this reads the objects themselves: files
//   for file://, rows of the state table (`pulumi_state`, or ?table=) for postgres://. Outside file://, the URL's path
//   prefixes every key: for postgres:// that is the database name ("<db>/.pulumi/locks/…").
// - Pulumi Cloud reports it: the stack summary's updateInProgress.
// - Any other backend (s3://, gs://, azblob://, a self-hosted service that does not say): unknown. The caller refuses
//   to cancel unless the user confirms no update runs.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Stack } from "@pulumi/pulumi/automation";

export type UpdateLock =
  { state: "running"; detail: string } | { state: "idle" } | { state: "unknown"; why: string };

interface LockContent {
  pid?: number;
  username?: string;
  hostname?: string;
  timestamp?: string;
}

/** The backend URL the stack lives on, without credentials, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = "****";
      parsed.password = parsed.password ? "****" : "";
    }
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//****@");
  }
}

/** Whether an update of `stack` (of `project`) runs now on the backend at `backendUrl`. */
export async function updateLock(
  stack: Stack,
  project: string,
  backendUrl: string | undefined,
): Promise<UpdateLock> {
  if (!backendUrl) return { state: "unknown", why: "the backend's URL could not be found" };
  const dirs = lockDirs(project, stack.name);
  if (backendUrl.startsWith("file://")) return fileLock(fileURLToPath(backendUrl), dirs);
  if (backendUrl.startsWith("postgres://") || backendUrl.startsWith("postgresql://")) {
    return postgresLock(backendUrl, dirs);
  }
  if (/^https?:\/\//.test(backendUrl)) {
    const summary = (await stack.workspace.listStacks()).find(
      (s) => s.name === stack.name || s.name.endsWith(`/${stack.name}`),
    );
    if (summary?.updateInProgress === true) {
      return {
        state: "running",
        detail: `${redactedUrl(backendUrl)} reports an update of ${summary.name} in progress`,
      };
    }
    if (summary?.updateInProgress === false) return { state: "idle" };
    return {
      state: "unknown",
      why: `${redactedUrl(backendUrl)} does not report whether an update is in progress`,
    };
  }
  return {
    state: "unknown",
    why: `this command cannot read the locks of a ${backendUrl.split(":")[0]}:// backend`,
  };
}

/** The lock directories of a stack, relative to the backend's root: the project layout's, then the legacy one's. */
function lockDirs(project: string, stack: string): string[] {
  return [`.pulumi/locks/organization/${project}/${stack}`, `.pulumi/locks/${stack}`];
}

function fileLock(root: string, dirs: readonly string[]): UpdateLock {
  const locks: string[] = [];
  for (const dir of dirs) {
    const full = path.join(root, dir);
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(full).filter((name) => name.endsWith(".json"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    for (const name of entries) {
      let content: LockContent = {};
      try {
        content = JSON.parse(fs.readFileSync(path.join(full, name), "utf8")) as LockContent;
      } catch {
        // released between the listing and the read, or not ours to parse: it was a lock all the same
      }
      locks.push(describeLock(content));
    }
  }
  return locks.length > 0 ? { state: "running", detail: locks.join("; ") } : { state: "idle" };
}

async function postgresLock(url: string, dirs: readonly string[]): Promise<UpdateLock> {
  const parsed = new URL(url);
  const table = parsed.searchParams.get("table") ?? "pulumi_state";
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(table)) {
    return { state: "unknown", why: `the state table name "${table}" is not one this command reads` };
  }
  parsed.searchParams.delete("table");
  const prefix = parsed.pathname.replace(/^\/+/, "");
  const keyDirs = dirs.map((d) => (prefix ? `${prefix.replace(/\/?$/, "/")}${d}` : d));
  const { Client } = await import("pg");
  const client = new Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    const like = (dir: string) => `${dir.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
    const rows = await client.query<{ key: string; updated_at: Date }>(
      `SELECT key, updated_at FROM ${table} WHERE key LIKE $1 OR key LIKE $2`,
      keyDirs.map(like),
    );
    // A key one level deeper than the stack's lock directory is another stack's (legacy names have no slashes).
    const locks = rows.rows.filter((r) => keyDirs.some((d) => path.posix.dirname(r.key) === d));
    if (locks.length === 0) return { state: "idle" };
    return {
      state: "running",
      detail: locks
        .map((r) => `lock ${path.posix.basename(r.key)} since ${r.updated_at.toISOString()}`)
        .join("; "),
    };
  } finally {
    await client.end();
  }
}

function describeLock(content: LockContent): string {
  const who = `${content.username ?? "?"}@${content.hostname ?? "?"}`;
  return `locked by ${who} (pid ${content.pid ?? "?"}) since ${content.timestamp ?? "?"}`;
}
