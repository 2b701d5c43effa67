// The README's first command: `npm run demo` (here its compiled script, as `npm test` has just built it) tells the
// whole story against the simulator when not run from a terminal: the policy pack stops a bad change, the approver
// answers by Acme's policy, every VXC ends LIVE with its quoted price, and nothing is left running. Run twice in a
// row, the second run starts afresh. The simulator runs at its "test" timings: the story and the rerun are the same
// at any pace, and the demo's half-minute orders are for a person watching.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../support/pulumi-stack";

function runDemo() {
  const started = Date.now();
  const result = spawnSync("node", [path.join(REPO_ROOT, "dist/scripts/demo.js")], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    input: "",
    env: { ...process.env, MEGAPORT_MX_DEMO_TIMINGS: "test" },
    timeout: 4 * 60_000,
  });
  return { ...result, ms: Date.now() - started };
}

describe("npm run demo", () => {
  it(
    "runs the story to every VXC LIVE, twice in a row",
    () => {
      for (const run of [1, 2]) {
        const demo = runDemo();
        const output = `${demo.stdout}\n${demo.stderr}`;
        expect({ run, status: demo.status, tail: demo.status === 0 ? "" : output.slice(-3000) }).toEqual({
          run,
          status: 0,
          tail: "",
        });
        expect(output).toContain("[policy] VXC must have a rateLimit of at most 10000 Mbps.");
        expect(output).toMatch(
          /\[approver\] NEW "Globex to Acme \(red\)" from Globex Corporation at 200 Mbps: rule trusted-customer-on-red says accept \(applied\)/,
        );
        expect(output).toMatch(
          /\[approver\] SPEED_CHANGE "Globex to Acme \(red\)" .* says accept \(applied\)/,
        );
        expect(output).toMatch(/waiting for Acme Networks to accept the connection request/);
        expect(output).toContain("the demo accepts the blue request itself");
        expect(output).toMatch(
          /techcontact@acme\.example\n\s+New connection request from Globex Corporation/,
        );
        expect(output).toMatch(/'Globex to Acme \(red\)'\s+│ 'LIVE' │ 500 .*│ '\d+(\.\d+)? AUD'/);
        expect(output).toMatch(/'Globex to Acme \(blue\)'\s+│ 'LIVE' │ 200/);
        expect(output).toMatch(/'Globex via Acme service key'\s+│ 'LIVE'/);
        expect(output).not.toContain("globex-admin-secret");
        console.log(`demo run ${run}: ${(demo.ms / 1000).toFixed(0)} s`);
      }
    },
    10 * 60_000,
  );
});
