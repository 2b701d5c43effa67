// A clone of the repository must be able to follow every citation in it: no tracked file may point at notes that
// live outside it (the project's old notes, in a folder beside the checkout), and every `docs/megaport-api.md §N`
// must name a section that page has.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../../scripts/pulumi-cli-root";

const API_NOTES = "docs/megaport-api.md";

// It names the outside notes as the patterns it looks for.
const EXEMPT = new Set(["tests/unit/repo/self-contained.test.ts"]);

/**
 * The folder beside the checkout where the notes were, as a relative path. Put together here so that even this file
 * holds no citation of it that a plain search for the path would find.
 */
const NOTES_DIR = ["..", "shared"].join("/");

/** Names of the project's notes that were never in the repository. */
const OUTSIDE = [
  // The folder or a file in it, not a sibling module whose name starts with it (NOTES_DIR + "-x").
  new RegExp(`${NOTES_DIR.replace(/[./]/g, "\\$&")}(?![\\w-])`),
  /\/work\/shared\b/,
  /pulumi-notes/,
  /marketplace-guide/,
  /style(-anchors)?\.md/,
];

export interface Offence {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Section numbers docs/megaport-api.md has: headings (`## 5.`, `### 9.1a`) and the numbered items of §14. */
export function sectionsOf(markdown: string): Set<string> {
  const sections = new Set<string>();
  let current = "";
  for (const line of markdown.split("\n")) {
    const heading = /^#{2,4} (\d+(?:\.\d+)?[a-z]?)\.? /.exec(line);
    if (heading) {
      current = heading[1];
      sections.add(current);
      continue;
    }
    const item = /^(\d+)\. /.exec(line);
    if (item && current === "14") sections.add(`14.${item[1]}`);
  }
  return sections;
}

/** What in `text` (the contents of tracked file `file`) points outside the repository or at a missing section. */
export function offencesIn(file: string, text: string, sections: Set<string>): Offence[] {
  const offences: Offence[] = [];
  text.split("\n").forEach((line, i) => {
    const at = (why: string) => offences.push({ file, line: i + 1, text: line.trim(), why });
    for (const pattern of OUTSIDE)
      if (pattern.test(line)) at(`cites ${pattern.source}, which is not in the repository`);
    for (const m of line.matchAll(/megaport-api\.md/g)) {
      const before = line.slice(0, m.index);
      const relativeLink = file.startsWith("docs/") && before.endsWith("](");
      if (!before.endsWith("docs/") && !relativeLink)
        at(`cites megaport-api.md without its path: ${API_NOTES}`);
      // The sections named right after the citation, up to the end of its parenthesis or clause.
      const cited = line.slice(m.index + m[0].length).split(/[);]/)[0];
      for (const s of cited.matchAll(/§(\d+(?:\.\d+)?[a-z]?)/g)) {
        if (!sections.has(s[1])) at(`cites ${API_NOTES} §${s[1]}, which that page does not have`);
      }
    }
  });
  return offences;
}

function trackedTextFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" })
    .split("\0")
    .filter((f) => f && !EXEMPT.has(f) && fs.existsSync(path.join(REPO_ROOT, f)))
    .filter((f) => !fs.readFileSync(path.join(REPO_ROOT, f)).subarray(0, 8000).includes(0));
}

describe("the repository is self-contained", () => {
  const sections = sectionsOf(fs.readFileSync(path.join(REPO_ROOT, API_NOTES), "utf8"));

  it("docs/megaport-api.md has the sections the code cites", () => {
    for (const s of [
      "0",
      "2.1",
      "4.3",
      "5.3",
      "6.4",
      "7.1",
      "9.1",
      "9.1a",
      "9.2",
      "11a",
      "14.3",
      "14.14",
      "15",
    ]) {
      expect(sections).toContain(s);
    }
  });

  it("no tracked file cites notes outside the repository or a section docs/megaport-api.md lacks", () => {
    const offences = trackedTextFiles().flatMap((file) =>
      offencesIn(file, fs.readFileSync(path.join(REPO_ROOT, file), "utf8"), sections),
    );
    expect(offences.map((o) => `${o.file}:${o.line}: ${o.why}\n    ${o.text}`)).toEqual([]);
  });

  it.each([
    ["provider/x.ts", "// the envelope (megaport-api.md §3)", "without its path"],
    ["provider/x.ts", `// as the notes say (${NOTES_DIR}/notes.md)`, "not in the repository"],
    ["docs/design.md", `Started from \`${NOTES_DIR}/design.md\``, "not in the repository"],
    ["tests/x.test.ts", "// nothing large captured (pulumi-notes §1.3-1.4)", "not in the repository"],
    ["docs/design.md", "each event of the guide (`marketplace-guide.txt`)", "not in the repository"],
    ["provider/x.ts", "// waits (docs/megaport-api.md §9.1, §9.7)", "§9.7, which that page does not have"],
  ])("finds %s: %s", (file, line, why) => {
    expect(offencesIn(file, line, sections).map((o) => o.why)).toEqual([expect.stringContaining(why)]);
  });

  it.each([
    ["provider/x.ts", "// the envelope (docs/megaport-api.md §3, §4.1; megaportgo client.go)"],
    ["docs/design.md", "are in [docs/megaport-api.md](megaport-api.md); the"],
    ["tests/fixtures/README.md", "notes ([docs/megaport-api.md](../../docs/megaport-api.md), §13 for"],
    ["provider/x.ts", "// no listing endpoint (docs/megaport-api.md §9.1, §14.3); see docs/design.md §2"],
  ])("accepts %s: %s", (file, line) => {
    expect(offencesIn(file, line, sections)).toEqual([]);
  });
});

describe("the repository's shell scripts", () => {
  it("are committed executable, so a clone can run them as ./script", () => {
    const entries = execFileSync("git", ["ls-files", "-s", "-z"], { cwd: REPO_ROOT, encoding: "utf8" })
      .split("\0")
      .filter(Boolean)
      .map((entry) => ({ mode: entry.split(" ")[0], file: entry.split("\t")[1] }));
    const shellScripts = entries.filter(({ file }) => {
      const full = path.join(REPO_ROOT, file);
      if (!fs.existsSync(full)) return false;
      return /^#!\s*\/(usr\/)?bin\/(env )?(ba)?sh\b/.test(fs.readFileSync(full, "utf8").slice(0, 100));
    });
    expect(shellScripts.map(({ file }) => file)).toEqual(
      expect.arrayContaining(["examples/gitops/pipeline.sh", ".ci/run", "scripts/test-setup.sh"]),
    );
    expect(shellScripts.filter(({ mode }) => mode !== "100755").map(({ file }) => file)).toEqual([]);
  });
});
