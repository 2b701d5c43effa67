// The reference pages in docs/reference are what `npm run docs` writes from the schemas today, the README links
// every one, and no row contradicts itself about what a change does.
import * as fs from "node:fs";
import * as path from "node:path";
import { referencePages } from "../../../scripts/reference-docs";

const ROOT = path.join(__dirname, "../../..");
const pages = referencePages(ROOT);

describe("docs/reference", () => {
  it.each([...pages.keys()])("%s is current (run `npm run docs` when this fails)", (file) => {
    const onDisk = path.join(ROOT, file);
    expect(fs.existsSync(onDisk)).toBe(true);
    expect(fs.readFileSync(onDisk, "utf8")).toBe(pages.get(file));
  });

  it("holds no page for a kind that no longer exists", () => {
    const written = fs
      .readdirSync(path.join(ROOT, "docs/reference"))
      .map((f) => path.join("docs/reference", f));
    expect(written.sort()).toEqual([...pages.keys()].sort());
  });

  it("is linked from the README", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const file of pages.keys()) expect(readme).toContain(`(${file})`);
  });

  it("gives every page its inputs, outputs and an example", () => {
    for (const text of pages.values()) {
      expect(text).toMatch(/## Inputs\n\n\| Input/);
      expect(text).toMatch(/## Outputs/);
      expect(text).toMatch(/## Example\n\n```typescript\n\/\/ From examples\//);
    }
  });

  it("never says an input replaces outright where its description says a change of it changes nothing", () => {
    // The "A change" column comes from the change entry, the description from the doc comment: a field whose change
    // replaces only sometimes must have a conditional entry, whose wording then says when it does not.
    const rows = [...pages.values()].flatMap((text) =>
      text
        .slice(text.indexOf("## Inputs"), text.indexOf("## Outputs"))
        .split("\n")
        .filter((line) => line.startsWith("| `"))
        .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim())),
    );
    expect(rows.length).toBeGreaterThan(20);
    const contradicting = rows
      .filter(
        ([, , , , , change, description]) =>
          change === "replaces the resource" && /changes nothing/i.test(description),
      )
      .map(([, field]) => field);
    expect(contradicting).toEqual([]);
  });
});
