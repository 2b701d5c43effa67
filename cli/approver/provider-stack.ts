/**
 * The service provider's Pulumi stack, read through the Automation API: its config (the `megaport:*` credentials
 * and endpoint, as the provider sees them) and the outputs of its ApprovalPolicy resource (the rules), declared
 * through either adapter (the dynamic resources or the provider plugin). The backend,
 * passphrase and PULUMI_HOME come from the environment, as for the `pulumi` CLI; the CLI must be on PATH.
 *
 * Must never change the stack (no up, refresh or config writes), never log what it exports (exportStack
 * decrypts every secret in the state), and keep only the policy's fields of what it read.
 */
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { StackUnavailableError } from "../errors";
import { kindOfType } from "../../provider/kinds/kinds";
import { stackConfigSource } from "../stack-config";
import type { PolicyRead, PolicySource } from "./policy-source";
import { versionOf } from "./policy-source";

export interface StackOptions {
  stackName: string;
  /** The program directory, with Pulumi.yaml. */
  workDir: string;
}

export async function openStack(options: StackOptions): Promise<Stack> {
  try {
    return await LocalWorkspace.selectStack({ stackName: options.stackName, workDir: options.workDir });
  } catch (error) {
    throw new StackUnavailableError(
      `Could not open stack "${options.stackName}" in ${options.workDir}: ${firstLine(error)}. Check --stack and ` +
        "--cwd (the provider program's directory), that `pulumi` is on PATH, and that PULUMI_BACKEND_URL and " +
        "PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) are set as for `pulumi up`.",
      { cause: error },
    );
  }
}

/**
 * The stack's config as the provider's `configure` sees it: `get("megaport:accessKey")`, secrets decrypted; a stack
 * of the provider plugin answers from its `megaport-mx:*` settings.
 */
export async function stackConfig(stack: Stack): Promise<{ get(key: string): string | undefined }> {
  return stackConfigSource(await stack.getAllConfig());
}

interface StateResource {
  urn?: string;
  type?: string;
  outputs?: Record<string, unknown>;
  delete?: boolean;
}

/** The ApprovalPolicy outputs of the stack, re-read every `refreshMs` (each read runs `pulumi stack export`). */
export function stackPolicySource(
  stack: Stack,
  options: { policyName?: string; refreshMs: number; now?: () => number },
): PolicySource {
  const now = options.now ?? Date.now;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  const which = options.policyName ? ` (ApprovalPolicy "${options.policyName}")` : "";
  return {
    description: `stack ${stack.name}${which}`,
    due: (nowMs) => nowMs - lastReadAt >= options.refreshMs,
    async read(): Promise<PolicyRead> {
      lastReadAt = now();
      let resources: StateResource[];
      try {
        const exported = (await stack.exportStack()) as { deployment?: { resources?: StateResource[] } };
        resources = exported.deployment?.resources ?? [];
      } catch (error) {
        throw new StackUnavailableError(`Could not read stack "${stack.name}": ${firstLine(error)}`, {
          cause: error,
        });
      }
      return policyFromResources(resources, stack.name, options.policyName);
    },
  };
}

/** Picks the one ApprovalPolicy (by name when given) and keeps only the rules engine's fields of its outputs. */
export function policyFromResources(
  resources: readonly StateResource[],
  stackName: string,
  policyName?: string,
): PolicyRead {
  const policies = resources
    .filter((r) => kindOfType(r.type ?? "") === "ApprovalPolicy" && !r.delete)
    .map((r) => ({ name: (r.urn ?? "").split("::").pop() ?? "", outputs: r.outputs ?? {} }));
  const chosen = policyName ? policies.filter((p) => p.name === policyName) : policies;
  if (chosen.length !== 1) {
    const names = policies.map((p) => `"${p.name}"`).join(", ") || "none";
    const reason =
      chosen.length === 0
        ? policyName
          ? `stack "${stackName}" has no ApprovalPolicy named "${policyName}" (it has: ${names})`
          : `stack "${stackName}" has no ApprovalPolicy resource`
        : `stack "${stackName}" has ${chosen.length} ApprovalPolicy resources (${names})`;
    const fix =
      chosen.length === 0
        ? "Run `pulumi up` on the provider stack with an ApprovalPolicy, or point --stack/--policy at the right one; until then nothing is answered."
        : "Say which with --policy <name>.";
    const text = JSON.stringify({ reason });
    return {
      version: versionOf(text),
      problems: [{ path: "(stack)", reason: `${reason}.`, fix, severity: "error" }],
    };
  }
  const { outputs } = chosen[0];
  const input = withoutUndefined({
    rules: outputs.rules,
    defaultAction: outputs.defaultAction,
    defaultReason: outputs.defaultReason,
  });
  const companyUid = typeof outputs.companyUid === "string" ? outputs.companyUid : undefined;
  return { version: versionOf(JSON.stringify([input, companyUid ?? null])), input, companyUid };
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== null),
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? text
  );
}
