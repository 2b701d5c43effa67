// The GitOps example's GitHub workflows and the repository's shell scripts, linted as CI would: actionlint (built
// from the Go module proxy by scripts/actionlint.sh, with the example's .github/actionlint.yaml) over the workflows,
// shellcheck (Debian's; scripts/test-setup.sh installs it) over every script and, through actionlint, every `run:`
// block. Plus what neither knows: every input given to pulumi/actions@v7 is one of its inputs, and the jobs that take
// a stack's lock share its concurrency group without cancelling each other. And the example's program type-checks.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-cli-root";

const EXAMPLE = path.join(REPO_ROOT, "examples/gitops");
const WORKFLOWS = path.join(EXAMPLE, ".github/workflows");
const CONFIG = path.join(EXAMPLE, ".github/actionlint.yaml");

/** The inputs of pulumi/actions v7 (its action.yml). actionlint v1.7.12 checks them only up to v6. */
const PULUMI_ACTION_INPUTS = [
  "command",
  "stack-name",
  "pulumi-version",
  "pulumi-version-file",
  "work-dir",
  "comment-on-pr",
  "comment-on-pr-number",
  "comment-on-summary",
  "github-token",
  "cloud-url",
  "secrets-provider",
  "parallel",
  "message",
  "config-map",
  "expect-no-changes",
  "diff",
  "replace",
  "exclude",
  "exclude-dependents",
  "target",
  "target-dependents",
  "policyPacks",
  "policyPackConfigs",
  "refresh",
  "upsert",
  "remove",
  "edit-pr-comment",
  "color",
  "exclude-protected",
  "plan",
  "suppress-outputs",
  "suppress-progress",
  "always-include-summary",
  "continue-on-error",
  "log-verbosity",
  "log-flow",
  "debug",
];

let actionlint: string;

beforeAll(() => {
  actionlint = execFileSync("bash", [path.join(REPO_ROOT, "scripts/actionlint.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .pop()!;
  if (spawnSync("shellcheck", ["--version"]).status !== 0) {
    throw new Error(
      "shellcheck is not installed: apt-get install -y shellcheck (npm test does, as root: scripts/test-setup.sh)",
    );
  }
}, 10 * 60_000);

const workflowFiles = () =>
  fs
    .readdirSync(WORKFLOWS)
    .filter((f) => f.endsWith(".yml"))
    .map((f) => path.join(WORKFLOWS, f));

function runActionlint(files: string[], cwd: string) {
  const run = spawnSync(actionlint, ["-no-color", "-config-file", CONFIG, ...files], {
    cwd,
    encoding: "utf8",
  });
  return { code: run.status, output: run.stdout + run.stderr };
}

/** The `with:` keys of each step that uses pulumi/actions, by file. */
function pulumiActionInputs(text: string): string[][] {
  const steps: string[][] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const uses = /^(\s*)(?:- )?uses: pulumi\/actions@/.exec(line);
    if (!uses) return;
    const stepIndent = line.indexOf("uses:");
    const keys: string[] = [];
    let inWith = false;
    let withIndent = -1;
    for (const next of lines.slice(i + 1)) {
      const indent = next.search(/\S/);
      if (indent < 0 || next.trim().startsWith("#")) continue;
      if (indent < stepIndent || next.trimStart().startsWith("- ")) break; // the next step
      if (indent === stepIndent) {
        inWith = next.trim() === "with:";
        continue;
      }
      if (inWith) {
        if (withIndent < 0) withIndent = indent;
        if (indent === withIndent) keys.push(next.trim().split(":")[0]);
      }
    }
    steps.push(keys);
  });
  return steps;
}

describe("the GitOps example's workflows", () => {
  it("pass actionlint, with shellcheck over their run: blocks", () => {
    const files = workflowFiles();
    expect(files.map((f) => path.basename(f)).sort()).toEqual(["deploy.yml", "drift.yml", "preview.yml"]);
    const run = runActionlint(files, EXAMPLE);
    expect(run.output).toBe("");
    expect(run.code).toBe(0);
  });

  it("fail actionlint on a misspelt repository variable and on a shell mistake in a run: block", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-actionlint-"));
    try {
      const broken = fs
        .readFileSync(path.join(WORKFLOWS, "deploy.yml"), "utf8")
        .replace("vars.POLICY_PACK", "vars.POLICY_PAK")
        .replace('} >> "$GITHUB_STEP_SUMMARY"', "} >> $GITHUB_STEP_SUMMARY");
      const file = path.join(dir, "deploy.yml");
      fs.writeFileSync(file, broken);
      const run = runActionlint([file], dir);
      expect(run.code).toBe(1);
      expect(run.output).toContain('undefined configuration variable "policy_pak"');
      expect(run.output).toContain("SC2086");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("give pulumi/actions@v7 only inputs it has", () => {
    for (const file of workflowFiles()) {
      const steps = pulumiActionInputs(fs.readFileSync(file, "utf8"));
      expect(steps.length).toBeGreaterThan(0);
      for (const keys of steps) {
        expect(keys).toContain("command");
        expect(keys.filter((k) => !PULUMI_ACTION_INPUTS.includes(k))).toEqual([]);
      }
    }
  });

  it("run up and the drift check of a stack one at a time, in the group pulumi-<stack>, never cancelling", () => {
    for (const name of ["deploy.yml", "drift.yml"]) {
      const text = fs.readFileSync(path.join(WORKFLOWS, name), "utf8");
      expect(text).toMatch(
        /concurrency:\n\s+group: pulumi-\$\{\{ matrix\.stack \}\}\n\s+cancel-in-progress: false\n\s+queue: max\n/,
      );
    }
    const preview = fs.readFileSync(path.join(WORKFLOWS, "preview.yml"), "utf8");
    expect(preview).not.toMatch(/group: pulumi-\$\{\{ matrix\.stack \}\}\n/);
  });

  it("run the same Pulumi commands as pipeline.sh", () => {
    const text = (name: string) => fs.readFileSync(path.join(WORKFLOWS, name), "utf8");
    const script = fs.readFileSync(path.join(EXAMPLE, "pipeline.sh"), "utf8");
    expect(text("preview.yml")).toMatch(/command: preview[\s\S]*policyPacks:[\s\S]*comment-on-pr: true/);
    expect(script).toMatch(/run_pulumi preview --stack "\$STACK_NAME" --diff "\$\{policy_args\[@\]\}"/);
    expect(text("deploy.yml")).toMatch(/command: up[\s\S]*policyPacks:[\s\S]*parallel: 64/);
    expect(script).toMatch(/run_pulumi up .*--parallel "\$parallel" "\$\{policy_args\[@\]\}"/);
    expect(script).toContain("parallel=${PULUMI_PARALLEL:-64}");
    expect(text("drift.yml")).toMatch(/command: preview[\s\S]*refresh: true\n\s+expect-no-changes: true/);
    expect(script).toContain('pulumi preview --stack "$STACK_NAME" --refresh --expect-no-changes --json');
  });
});

describe("the GitOps example's program", () => {
  it("type-checks (tests/e2e/gitops.test.ts runs it without ts-node's type-check)", () => {
    const tsc = require.resolve("typescript/bin/tsc");
    const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", path.join(EXAMPLE, "tsconfig.json")], {
      encoding: "utf8",
    });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 60_000);
});

describe("the repository's shell scripts", () => {
  it("pass shellcheck", () => {
    const scripts = [
      path.join(EXAMPLE, "pipeline.sh"),
      path.join(REPO_ROOT, ".ci/run"),
      ...fs
        .readdirSync(path.join(REPO_ROOT, "scripts"))
        .filter((f) => f.endsWith(".sh"))
        .map((f) => path.join(REPO_ROOT, "scripts", f)),
    ];
    const run = spawnSync("shellcheck", ["--severity=warning", ...scripts], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
