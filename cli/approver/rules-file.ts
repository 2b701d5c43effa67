/**
 * Rules from a file: YAML or JSON (JSON is YAML), the ApprovalPolicy schema (`rules`, `defaultAction`,
 * `defaultReason`). Read again every cycle (a small file costs less than a stat-and-compare would save), so an
 * edit, a `kubectl` ConfigMap swap or an atomic rename is picked up at the next cycle. Must never write the file.
 */
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { parseDocument } from "yaml";
import type { PolicyRead, PolicySource } from "./policy-source";
import { versionOf } from "./policy-source";

export function rulesFileSource(file: string): PolicySource {
  const absolute = path.resolve(file);
  return {
    description: `rules file ${absolute}`,
    due: () => true,
    async read(): Promise<PolicyRead> {
      const text = await readFile(absolute, "utf8");
      const version = versionOf(text);
      const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
      if (document.errors.length > 0) {
        return {
          version,
          problems: document.errors.map((error) => ({
            path: `(file, line ${error.linePos?.[0]?.line ?? "?"})`,
            reason: `${absolute} is not valid YAML or JSON: ${error.message.split("\n")[0]}`,
            fix: "Correct the syntax at that line.",
            severity: "error" as const,
          })),
        };
      }
      return { version, input: document.toJS() ?? {} };
    },
  };
}
