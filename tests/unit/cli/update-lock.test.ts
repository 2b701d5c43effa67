// Where `megaport-mx orphans` looks for a running update: the lock objects of a file:// backend in both layouts, a
// backend whose locks it cannot read (unknown, so --cancel* needs --no-update-running), and credentials never shown.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { redactedUrl, updateLock } from "../../../cli/update-lock";

const stack = { name: "prod", workspace: { listStacks: async () => [] } } as unknown as Stack;
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-locks-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function lockAt(dir: string) {
  fs.mkdirSync(path.join(root, dir), { recursive: true });
  const content = { pid: 4242, username: "ci", hostname: "runner-7", timestamp: "2026-01-02T03:04:05Z" };
  fs.writeFileSync(path.join(root, dir, "a1b2.json"), JSON.stringify(content));
}

describe("the update lock of a file:// backend", () => {
  it("is idle with no lock, even when other stacks are locked", async () => {
    lockAt(".pulumi/locks/organization/globex/dev");
    expect(await updateLock(stack, "globex", `file://${root}`)).toEqual({ state: "idle" });
  });

  it("is running while the project layout holds a lock, naming who and since when", async () => {
    lockAt(".pulumi/locks/organization/globex/prod");
    expect(await updateLock(stack, "globex", `file://${root}`)).toEqual({
      state: "running",
      detail: "locked by ci@runner-7 (pid 4242) since 2026-01-02T03:04:05Z",
    });
  });

  it("is running while the legacy layout holds a lock", async () => {
    lockAt(".pulumi/locks/prod");
    expect((await updateLock(stack, "globex", `file://${root}`)).state).toBe("running");
  });
});

describe("a backend whose lock cannot be read", () => {
  it.each(["s3://bucket/state", "gs://bucket", "azblob://container"])("%s is unknown", async (url) => {
    expect((await updateLock(stack, "globex", url)).state).toBe("unknown");
  });

  it("a self-hosted service that does not report progress is unknown", async () => {
    expect((await updateLock(stack, "globex", "https://pulumi.example.com")).state).toBe("unknown");
  });

  it("no URL at all is unknown", async () => {
    expect((await updateLock(stack, "globex", undefined)).state).toBe("unknown");
  });
});

it("redacts credentials in a backend URL", () => {
  expect(redactedUrl("postgres://admin:hunter2@db:5432/state")).toBe("postgres://****:****@db:5432/state");
  expect(redactedUrl("postgres://admin:hunter2@db:5432/state")).not.toContain("hunter2");
});
