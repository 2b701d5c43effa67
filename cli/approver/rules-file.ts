/**
 * Rules from a file: YAML or JSON (JSON is YAML), the ApprovalPolicy schema (`rules`, `defaultAction`,
 * `defaultReason`). Read again every cycle (a small file costs less than a stat-and-compare would save), so an
 * edit, a `kubectl` ConfigMap swap or an atomic rename is picked up at the next cycle. Must never write the file.
 *
 * An empty file (or `null`, or one with no rules and no `defaultAction`) is refused: every default then leaves every
 * request for a person, which is what a truncated file or a ConfigMap mounted empty would also look like. A file
 * that means it says so: `rules: []` with `defaultAction: manual` (README, "The approver").
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
      const input: unknown = document.toJS();
      const unsaid = saysNothing(input);
      if (unsaid) {
        return {
          version,
          problems: [
            {
              path: "(file)",
              reason: `${absolute} ${unsaid}, which would leave every request for a person without saying so.`,
              fix: "Write the rules; to leave every request for a person on purpose, write `rules: []` and `defaultAction: manual`.",
              severity: "error" as const,
            },
          ],
        };
      }
      return { version, input };
    },
  };
}

/** How a rules file fails to say what happens to a request, or undefined when it says (rules, or a defaultAction). */
function saysNothing(input: unknown): string | undefined {
  if (input === null || input === undefined) return "is empty (or null)";
  if (typeof input !== "object" || Array.isArray(input)) return undefined; // validatePolicy names the problem
  const { rules, defaultAction } = input as { rules?: unknown; defaultAction?: unknown };
  const noRules = rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
  return noRules && defaultAction === undefined ? "has no rules and no defaultAction" : undefined;
}
