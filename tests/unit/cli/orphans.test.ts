// When `megaport-mx orphans` refuses to cancel, and the one line it prints for an error.
import { CommandError } from "@pulumi/pulumi/automation";
import { parseOrphansArgs, refusalFor } from "../../../cli/orphans";
import { oneLine } from "../../../cli/stack-command";

describe("refusing --cancel*", () => {
  it("while the backend holds the stack's update lock: says so, and that a killed CLI's lock goes with pulumi cancel", () => {
    const why = refusalFor(
      { state: "running", detail: "locked by ci@runner (pid 7) since T" },
      true,
      "p/prod",
    );
    expect(why).toMatch(
      /an update of stack p\/prod is in progress \(locked by ci@runner \(pid 7\) since T\)/,
    );
    expect(why).toContain("`pulumi cancel`");
    expect(why).not.toContain("clear-pending-creates");
  });

  it("when the lock cannot be read: unless --no-update-running confirms none runs", () => {
    const unknown = {
      state: "unknown",
      why: "this command cannot read the locks of a s3:// backend",
    } as const;
    expect(refusalFor(unknown, false, "p/prod")).toMatch(
      /cannot tell .* s3:\/\/ backend\. .* --no-update-running/,
    );
    expect(refusalFor(unknown, true, "p/prod")).toBeUndefined();
    expect(refusalFor({ state: "idle" }, false, "p/prod")).toBeUndefined();
  });

  it("--no-update-running is a flag of the command", () => {
    expect(parseOrphansArgs(["--cancel-all", "--no-update-running"]).noUpdateRunning).toBe(true);
    expect(parseOrphansArgs(["--cancel-all"]).noUpdateRunning).toBe(false);
  });
});

describe("an error, in one line", () => {
  // What the Automation API throws: a CommandError whose message is the whole command dump.
  const dump = (stderr: string) =>
    Object.setPrototypeOf(
      new Error(
        `code: 255\n stdout: \n stderr: Command failed with exit code 255: pulumi stack select\n${stderr}\n`,
      ),
      CommandError.prototype,
    ) as Error;

  it("keeps the CLI's own error line of anything it does not recognise, without the dump", () => {
    const line = oneLine(dump("error: something else went wrong"), "prod", "file:///tmp/b");
    expect(line).toBe("something else went wrong");
  });

  it("passes our own one-line errors through as they are", () => {
    expect(oneLine(new Error("megaport:accessKey is not set: set it"), "prod", undefined)).toBe(
      "megaport:accessKey is not set: set it",
    );
  });

  it("never shows a backend's password", () => {
    const line = oneLine(dump("error: no stack named 'prod' found"), "prod", "postgres://u:secret@db/state");
    expect(line).toContain("postgres://****:****@db/state");
    expect(line).not.toContain("secret");
  });
});
