// The package.json files that would make the Node.js language host report a resource plugin as a program's
// dependency: it reads every package.json under node_modules, at any depth, and takes `"pulumi": { "resource": true }`
// as "this program needs that plugin", which the CLI then downloads when it is not installed.
import * as fs from "node:fs";
import * as path from "node:path";

/** The package.json files under `dir` that say they come with a resource plugin, skipping node_modules and .git. */
export function pluginPackageJsons(dir: string): string[] {
  const found: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== ".git") walk(rel);
      else if (entry.isFile() && entry.name === "package.json") {
        const json = JSON.parse(fs.readFileSync(path.join(dir, rel), "utf8")) as {
          pulumi?: { resource?: boolean };
        };
        if (json.pulumi?.resource) found.push(rel);
      }
    }
  };
  walk("");
  return found;
}
