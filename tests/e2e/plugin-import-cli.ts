// The real CLI and the "portal" for the plugin's `pulumi import` tests (YAML and TypeScript programs): `pulumi` run
// as a user types it in a stack's program directory, and VXCs ordered straight through the API.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { eventually } from "../support/eventually";
import { ApiAs, type OrderOptions, orderVxcUid } from "../support/simulator-http";
import { type E2eStack, pulumiCliRoot } from "../support/pulumi-stack";
import type { World } from "../support/world";

/** Runs the real CLI in the stack's program directory; resolves with its exit code and what it printed. */
export async function pulumi(e2e: E2eStack, args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(pulumiCliRoot(), "bin", "pulumi"),
      [...args, "--stack", e2e.stack.name, "--non-interactive"],
      { cwd: e2e.workDir, env: { ...process.env, ...e2e.envVars }, maxBuffer: 16 * 1024 * 1024 },
    );
    e2e.output.push(stdout, stderr);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    e2e.output.push(failed.stdout ?? "", failed.stderr ?? "");
    return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** A VXC ordered as the portal orders it, outside Pulumi, once LIVE. */
export async function portalVxc(
  world: World,
  as: "globexAdmin" | "acmeAdmin",
  order: OrderOptions & { name: string },
): Promise<string> {
  const uid = await orderVxcUid(new ApiAs(world.sim, as), order);
  const client = as === "globexAdmin" ? world.globex : world.acme;
  await eventually(
    async () => (await client.getVxc(uid)).provisioningStatus === "LIVE" || undefined,
    30_000,
    `${order.name} to be LIVE`,
    { intervalMs: 100 },
  );
  return uid;
}
