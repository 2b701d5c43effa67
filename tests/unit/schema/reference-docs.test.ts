// The reference pages in docs/reference are what `npm run docs` writes from the schemas today, and the README
// links every one.
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
});
