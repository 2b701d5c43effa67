// The example READMEs say what to type, so they are checked like code. Every fenced block of examples/*/README.md
// is preceded by a marker saying what it is:
//   <!-- doc-test: run -->               a command block that runs offline: run with bash in a fresh copy of the
//                                        example (files and modes as committed), it must exit 0;
//   <!-- doc-test: output -->            what a command prints;
//   <!-- doc-test: not run: <why> -->    a command block that cannot run here; a tests/… file named as running it
//                                        instead must exist.
// A block without a marker fails. And every `megaport-mx approver …` command line shown, in any block or inline, must
// be accepted by the approver's own flag parser. Needs the package built (`npm test` builds it first).
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { parseApproverFlags } from "../../../cli/approver/flags";
import { REPO_ROOT } from "../../../scripts/pulumi-cli-root";

export interface Block {
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string;
  /** The doc-test marker right above the fence, if any. */
  marker?: string;
}

/** The fenced blocks of a Markdown text, with the doc-test marker on the last non-blank line before each. */
export function blocksOf(readme: string, markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== fence) end++;
    let prev = i - 1;
    while (prev >= 0 && lines[prev].trim() === "") prev--;
    const marker = prev >= 0 ? /^\s*<!-- doc-test: (.+?) -->\s*$/.exec(lines[prev])?.[1] : undefined;
    const body = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join("\n");
    blocks.push({ readme, line: i + 1, lang, body, marker });
    i = end;
  }
  return blocks;
}

/** What is wrong with a block's marker, or undefined. */
export function markerProblem(block: Block, repoRoot: string): string | undefined {
  const { marker } = block;
  if (marker === undefined) {
    return "has no <!-- doc-test: run | output | not run: <why> --> marker above it";
  }
  if (marker === "run") {
    return ["sh", "bash", "shell"].includes(block.lang)
      ? undefined
      : `is marked run but is \`\`\`${block.lang}`;
  }
  if (marker === "output") return undefined;
  const notRun = /^not run: (.{10,})$/.exec(marker);
  if (!notRun) return `has an unknown marker "${marker}"`;
  const missing = [...notRun[1].matchAll(/\btests\/[\w./-]+\.ts\b/g)]
    .map((m) => m[0])
    .filter((file) => !fs.existsSync(path.join(repoRoot, file)));
  return missing.length ? `names ${missing.join(", ")}, which does not exist` : undefined;
}

/** The argument lists of the `megaport-mx approver …` command lines in a text (shell, unit file, YAML, inline code). */
export function approverCommands(text: string, lang = ""): string[][] {
  const commands: string[][] = [];
  if (lang === "yaml" || lang === "yml") {
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        if (/(^|\/)megaport-mx$/.test(String(node[0])) && node[1] === "approver") {
          commands.push(node.slice(2).map(String));
        }
        node.forEach(walk);
      } else if (node && typeof node === "object") Object.values(node).forEach(walk);
    };
    parseAllDocuments(text).forEach((doc) => walk(doc.toJS()));
    return commands;
  }
  for (const m of text.matchAll(/(?:^|[\s/`(])megaport-mx approver\b([^#`\n]*)/g)) {
    commands.push(m[1].trim().split(/\s+/).filter(Boolean));
  }
  return commands;
}

const README_PATHS = fs
  .readdirSync(path.join(REPO_ROOT, "examples"))
  .map((name) => path.join("examples", name, "README.md"))
  .filter((readme) => fs.existsSync(path.join(REPO_ROOT, readme)));
const READMES = README_PATHS.map((readme) => ({
  readme,
  text: fs.readFileSync(path.join(REPO_ROOT, readme), "utf8"),
}));
const BLOCKS = READMES.flatMap(({ readme, text }) => blocksOf(readme, text));
const RUN_BLOCKS = BLOCKS.filter((b) => b.marker === "run");

/** A copy of examples/<name> as a clone has it (committed modes), with the package installed as a user would. */
function freshCopy(readme: string): string {
  const exampleDir = path.dirname(readme);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-readme-"));
  const listing = execFileSync("git", ["ls-files", "-s", "-z", "--", exampleDir], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  for (const entry of listing.split("\0").filter(Boolean)) {
    const [info, file] = entry.split("\t");
    const target = path.join(dir, path.relative(exampleDir, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, file), target);
    fs.chmodSync(target, info.startsWith("100755") ? 0o755 : 0o644);
  }
  // What `npm install megaport-mx` leaves: the package, its bin, and its dependencies (the checkout's).
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(path.join(modules, ".bin"), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(modules, "megaport-mx"));
  const bin = path.join(modules, ".bin", "megaport-mx");
  fs.writeFileSync(bin, `#!/bin/sh\nexec node "${path.join(REPO_ROOT, "dist/cli/main.js")}" "$@"\n`, {
    mode: 0o755,
  });
  return dir;
}

describe("the example READMEs", () => {
  it("are found, with blocks to run", () => {
    expect(README_PATHS.sort()).toEqual([
      "examples/customer/README.md",
      "examples/gitops/README.md",
      "examples/service-provider/README.md",
      "examples/yaml/README.md",
    ]);
    expect(RUN_BLOCKS.length).toBeGreaterThanOrEqual(2);
  });

  it("mark every fenced block as run, output or not run (with the reason)", () => {
    const problems = BLOCKS.flatMap((b) => {
      const problem = markerProblem(b, REPO_ROOT);
      return problem ? [`${b.readme}:${b.line}: the \`\`\`${b.lang} block ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("show only approver command lines the approver accepts", () => {
    const commands = READMES.flatMap(({ readme, text }) =>
      [
        ...blocksOf(readme, text).flatMap((b) => approverCommands(b.body, b.lang)),
        ...approverCommands(text.replace(/^\s*`{3,}[\s\S]*?^\s*`{3,}\s*$/gm, "")), // inline code outside blocks
      ]
        // A bare `megaport-mx approver` in prose names the command; a command line has flags.
        .filter((args) => args.length > 0)
        .map((args) => ({ readme, args })),
    );
    expect(commands.length).toBeGreaterThanOrEqual(4);
    const refused = commands.flatMap(({ readme, args }) => {
      try {
        parseApproverFlags(args, {});
        return [];
      } catch (error) {
        return [`${readme}: megaport-mx approver ${args.join(" ")}: ${(error as Error).message}`];
      }
    });
    expect(refused).toEqual([]);
  });

  it.each(RUN_BLOCKS.map((b) => [`${b.readme}:${b.line}`, b] as const))(
    "%s runs offline in a fresh copy of the example and exits 0",
    (_where, block) => {
      const main = path.join(REPO_ROOT, "dist/cli/main.js");
      if (!fs.existsSync(main)) throw new Error(`${main} is missing: npm run build first (npm test does)`);
      const dir = freshCopy(block.readme);
      try {
        const run = spawnSync("bash", ["-euo", "pipefail", "-c", block.body], {
          cwd: dir,
          encoding: "utf8",
          timeout: 60_000,
          env: {
            ...process.env,
            PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
            npm_config_offline: "true",
            npm_config_update_notifier: "false",
          },
        });
        expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({
          status: 0,
          output: expect.stringMatching(/\S/),
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

describe("the marker and command parsers", () => {
  it("find a block's marker, and a block without one", () => {
    const md = "Text\n\n<!-- doc-test: run -->\n```sh\n./x --help\n```\n\n```ini\nA=1\n```\n";
    const blocks = blocksOf("r.md", md);
    expect(blocks.map((b) => [b.line, b.lang, b.marker, b.body])).toEqual([
      [4, "sh", "run", "./x --help"],
      [8, "ini", undefined, "A=1"],
    ]);
    expect(markerProblem(blocks[1], REPO_ROOT)).toMatch(/no <!-- doc-test/);
    expect(
      markerProblem({ ...blocks[1], marker: "not run: see tests/e2e/nothing-here.test.ts" }, REPO_ROOT),
    ).toMatch(/nothing-here.test.ts, which does not exist/);
    expect(markerProblem({ ...blocks[1], marker: "run" }, REPO_ROOT)).toMatch(/marked run but is ```ini/);
  });

  it("read approver command lines from shell, unit files, YAML and inline code", () => {
    expect(approverCommands("npx megaport-mx approver --stack dev --listen 9464   # comment")).toEqual([
      ["--stack", "dev", "--listen", "9464"],
    ]);
    expect(
      approverCommands("ExecStart=/srv/x/node_modules/.bin/megaport-mx approver --rules r.yaml --port 9"),
    ).toEqual([["--rules", "r.yaml", "--port", "9"]]);
    expect(
      approverCommands("command: [megaport-mx, approver, --stack, prod, --port, '9464']", "yaml"),
    ).toEqual([["--stack", "prod", "--port", "9464"]]);
    expect(approverCommands("run (`megaport-mx approver --once`) or")).toEqual([["--once"]]);
    expect(() => parseApproverFlags(["--stack", "prod", "--port", "9464"], {})).toThrow(/port/);
  });
});
