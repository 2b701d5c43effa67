// examples/gitops/pipeline-report.js, fed the JSON the CLI prints (`pulumi stack export`, `pulumi preview --json`),
// as pipeline.sh feeds it: table-driven, one case per kind of waiting VXC and of drift.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../../scripts/pulumi-cli-root";

const SCRIPT = path.join(REPO_ROOT, "examples/gitops/pipeline-report.js");
const VXC = "pulumi-nodejs:dynamic/megaport:VxcConnection";
const urn = (type: string, name: string) => `urn:pulumi:prod::globex-network::${type}::${name}`;

function report(mode: string, json: unknown): { code: number | null; out: string } {
  const run = spawnSync(process.execPath, [SCRIPT, mode], {
    input: typeof json === "string" ? json : JSON.stringify(json),
    encoding: "utf8",
    env: { ...process.env, STACK_NAME: "prod" },
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

function vxc(name: string, outputs: Record<string, unknown>, initErrors?: string[], type = VXC) {
  return {
    type,
    urn: urn(type, name),
    id: `uid-${name}`,
    outputs: {
      name: `Globex ${name}`,
      providerCompanyName: "Acme Networks",
      chosenBEndPortName: "Acme Sydney Red",
      rateLimit: 500,
      ...outputs,
    },
    ...(initErrors ? { initErrors } : {}),
  };
}

const state = (...resources: unknown[]) => ({ deployment: { resources } });
const pending = { provisioningStatus: "DEPLOYABLE", approvalStatus: "PENDING_EXTERNAL" };

describe("pipeline-report.js waiting", () => {
  it.each([
    [
      "a new VXC stopped at its deadline: who must act, and that the next up resumes",
      state(vxc("red", pending, ["Gave up waiting …"])),
      [
        "1 VXC(s) of stack prod are waiting for their provider to accept:",
        '  - "Globex red" (uid-red) to Acme Networks, port "Acme Sydney Red": a new connection request; DEPLOYABLE, approval PENDING_EXTERNAL',
        "Who must act: Acme Networks. Someone there accepts the request in the Megaport Portal (Approvals: Accept Request), or their approver (`megaport-mx approver`",
        "Next: the next `pipeline.sh up`",
      ],
    ],
    [
      "a VXC of the plugin (megaport-mx:index:VxcConnection) is reported the same",
      state(vxc("green", pending, ["Gave up waiting …"], "megaport-mx:index:VxcConnection")),
      [
        "1 VXC(s) of stack prod are waiting for their provider to accept:",
        '  - "Globex green" (uid-green) to Acme Networks, port "Acme Sydney Red": a new connection request',
      ],
    ],
    [
      "a speed increase stopped at its deadline",
      state(
        vxc(
          "red",
          { provisioningStatus: "LIVE", approvalStatus: "PENDING_EXTERNAL", pendingRateLimit: 1000 },
          ["…"],
        ),
      ),
      ["a speed change to 1000 Mbps (now 500 Mbps); LIVE, approval PENDING_EXTERNAL"],
    ],
    [
      "a VXC still pending whose wait a refresh cleared: listed, and said that up no longer waits",
      state(vxc("blue", pending)),
      [
        "1 VXC(s) of stack prod were last recorded waiting for their provider, but a `pulumi refresh` since has cleared the mark",
        '  - "Globex blue" (uid-blue)',
        "For the unmarked ones `up` no longer waits",
      ],
    ],
  ])("%s", (_name, json, lines) => {
    const { code, out } = report("waiting", json);
    expect(code).toBe(0);
    for (const line of lines) expect(out).toContain(line);
  });

  it.each([
    ["nothing waits", state(vxc("red", { provisioningStatus: "LIVE", approvalStatus: null }))],
    ["the stack is empty", state()],
    ["the CLI printed no JSON (it failed first and said why)", "error: no stack named 'prod' found"],
  ])("prints nothing when %s", (_name, json) => {
    expect(report("waiting", json)).toEqual({ code: 0, out: "" });
  });
});

describe("pipeline-report.js drift", () => {
  const step = (op: string, name: string, before: object, after: object, type = VXC) => ({
    op,
    urn: urn(type, name),
    oldState: { inputs: before },
    newState: { inputs: after },
  });
  const declared = {
    name: "Globex blue",
    rateLimit: 500,
    aEnd: { productUid: "p", vlan: 102 },
    __generation: 1,
  };

  it.each([
    [
      "a rename, field by field, Megaport's value first",
      [step("update", "blue", { ...declared, name: "Renamed", __generation: 0 }, declared)],
      [
        '  ~ VxcConnection "blue" differs:',
        '      name: Megaport has "Renamed", the program declares "Globex blue"',
      ],
    ],
    [
      "a nested field",
      [step("update", "blue", { ...declared, aEnd: { productUid: "p", vlan: 7 } }, declared)],
      ["      aEnd.vlan: Megaport has 7, the program declares 102"],
    ],
    [
      "a subscription's groups",
      [
        step(
          "update",
          "noc",
          { user: "u", groups: ["ORDERING"] },
          { user: "u", groups: ["ORDERING", "SERVICES"] },
          "pulumi-nodejs:dynamic/megaport:NotificationSubscription",
        ),
      ],
      ['      groups: Megaport has ["ORDERING"], the program declares ["ORDERING","SERVICES"]'],
    ],
    [
      "only the timeouts, which is not Megaport's doing",
      [step("update", "red", { ...declared, __timeouts: { createMs: 1 } }, { ...declared, __timeouts: {} })],
      [
        '  ~ VxcConnection "red" differs',
        "only its customTimeouts: run with the VXC_APPROVAL_TIMEOUT the last up used",
      ],
    ],
    [
      "a VXC deleted outside the repository",
      [{ op: "create", urn: urn(VXC, "mel"), newState: { inputs: declared } }],
      [
        '  + VxcConnection "mel" is missing at Megaport (deleted outside this repository?): up would create it again',
      ],
    ],
  ])("reports %s", (_name, steps, lines) => {
    const { code, out } = report("drift", {
      steps: [{ op: "refresh", urn: urn("pulumi:pulumi:Stack", "s") }, ...steps],
    });
    expect(code).toBe(0);
    for (const line of lines) expect(out).toContain(line);
    expect(out).not.toContain("__generation");
  });

  it("prints the errors of a preview that failed for another reason", () => {
    const { out } = report("drift", {
      steps: [],
      diagnostics: [
        { urn: urn(VXC, "red"), severity: "error", message: "Invalid megaport:accessKey: …\n" },
        { severity: "info", message: "noise" },
      ],
    });
    expect(out).toBe('error: VxcConnection "red": Invalid megaport:accessKey: …\n');
  });

  it("prints nothing when nothing changed", () => {
    const same = [{ op: "same", urn: urn(VXC, "red") }];
    expect(report("drift", { steps: same })).toEqual({ code: 0, out: "" });
  });
});
