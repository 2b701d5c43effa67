// What the reliability experiments share: Globex's stacks of many VXCs, counting what Megaport holds (exactly the
// VXCs declared, no duplicates, no orphans), a stand-in for Acme's people answering requests, the one summary line
// each experiment prints, and the search of everything the suite wrote for secrets.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { MegaportClient } from "../../provider/client/megaport-client";
import type { Vxc } from "../../provider/client/schemas/products";
import { RESOURCE_TAG, STACK_ID_TAG, STACK_TAG } from "../../provider/kinds/hidden-inputs";
import { findOrphans, heldVxcsOf } from "../../provider/kinds/vxc-connection/vxc-orphans";
import { stackIdsOf } from "../../provider/kinds/stack-identity/stack-identity";
import { SEED } from "../../simulator/seed";
import { FAST_PROVIDER_ENV, visibleVxcs, type World } from "../support/world";
import { createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";

export const CUSTOMER_PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/customer");
export const PROJECT = "megaport-mx-e2e-customer";

export interface VxcSpec {
  resourceName: string;
  name: string;
  rateLimit: number;
  aEnd: { productUid: string; vlan?: number };
  bEnd: Record<string, unknown>;
  customTimeouts?: { create?: string; update?: string; delete?: string };
}

/** N VXCs from Globex's Sydney ports to a port of Acme's: the auto-approving one unless told otherwise. */
export function manyVxcs(
  prefix: string,
  count: number,
  options: { port?: string; firstVlan?: number; rateLimit?: number } = {},
): VxcSpec[] {
  const port = options.port ?? SEED.ports.acmeSydAuto.uid;
  return Array.from({ length: count }, (_, i) => ({
    resourceName: `${prefix}-${i}`,
    name: `${prefix} ${i}`,
    rateLimit: options.rateLimit ?? 50,
    aEnd: { productUid: i % 2 ? SEED.ports.globexSydBlue.uid : SEED.ports.globexSydRed.uid, vlan: 0 },
    bEnd: { productUid: port, vlan: options.firstVlan === undefined ? 0 : options.firstVlan + i },
  }));
}

/** A stack of the customer program holding `vxcs`, pointed at the world's simulator with Globex's key. */
export async function customerStack(world: World, stackName: string, vxcs: VxcSpec[]): Promise<E2eStack> {
  const e2e = await createStack(CUSTOMER_PROGRAM, {
    stackName,
    envVars: FAST_PROVIDER_ENV,
    config: world.configFor("globex"),
  });
  await setVxcs(e2e.stack, vxcs);
  return e2e;
}

export async function setVxcs(stack: Stack, vxcs: VxcSpec[]): Promise<void> {
  await stack.setConfig("vxcs", { value: JSON.stringify(vxcs) });
}

/** Globex's VXCs that are not gone, whose names start with `prefix`, grouped by name. */
export async function liveByName(client: MegaportClient, prefix: string): Promise<Map<string, Vxc[]>> {
  const byName = new Map<string, Vxc[]>();
  for (const vxc of (await visibleVxcs(client)).values()) {
    if (!vxc.productName?.startsWith(prefix)) continue;
    if (["DECOMMISSIONED", "CANCELLED", "FAILED", "CANCELLED_PARENT"].includes(vxc.provisioningStatus ?? ""))
      continue;
    byName.set(vxc.productName, [...(byName.get(vxc.productName) ?? []), vxc]);
  }
  return byName;
}

/** What Megaport holds against what the stack declares: counts for the summary line and the assertions. */
export async function tally(world: World, e2e: E2eStack, prefix: string) {
  const byName = await liveByName(world.globex, prefix);
  const live = [...byName.values()].flat();
  const duplicates = [...byName.values()].reduce((n, list) => n + Math.max(0, list.length - 1), 0);
  const state = await e2e.stack.exportStack();
  const report = await findOrphans(
    world.globex,
    `${PROJECT}/${e2e.stack.name}`,
    heldVxcsOf(state.deployment),
    stackIdsOf(state.deployment),
  );
  return { live: live.length, names: byName.size, duplicates, orphans: report.orphans.length, report };
}

/**
 * Acme's people, answering every request that waits on Acme (new connections and speed changes) every `everyMs`,
 * until stopped. Returns how many it accepted.
 */
export function acmeAcceptsEverything(world: World, everyMs = 250): { stop(): Promise<number> } {
  let stopped = false;
  let accepted = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        for (const vxc of (await visibleVxcs(world.acme)).values()) {
          if (vxc.vxcApproval?.status === "PENDING_INTERNAL") {
            await world.acme.updateVxc(vxc.productUid, { isApproved: true }).catch(() => undefined);
            accepted += 1;
          }
        }
      } catch {
        // the simulator may be restarting: look again
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return accepted;
    },
  };
}

/** Runs `run` with `env` added to process.env (as `megaport-mx orphans` reads it), restoring it afterwards. */
export async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    process.env = saved;
  }
}

/** A seeded random source (mulberry32), so a failing run can be repeated with the seed it printed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed for this run: RELIABILITY_SEED to repeat one, else the clock. */
export function runSeed(): number {
  return process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : Date.now() % 1_000_000;
}

/** One summary line per experiment, on stdout where CI shows it. */
export function report(line: string): void {
  process.stdout.write(`[reliability] ${line}\n`);
}

/**
 * Every file the tests wrote (backends, PULUMI_HOME logs) and every line the CLI and the providers printed, searched
 * for the secrets and for anything that looks like a credential header. Returns the hits, each "where: what".
 */
export function secretHits(places: { name: string; text: string }[], secrets: readonly string[]): string[] {
  const patterns: [string, RegExp][] = [
    ...secrets
      .filter(Boolean)
      .map((s) => [`secret ${s.slice(0, 4)}…`, new RegExp(escapeRegExp(s))] as [string, RegExp]),
    ["Basic credentials", /Basic [A-Za-z0-9+/=]{8,}/],
    ["Bearer token", /Bearer [A-Za-z0-9._~+/=-]{8,}/],
  ];
  return places.flatMap(({ name, text }) =>
    patterns.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${name}: ${what}`),
  );
}

/** The text of every file under `dir`. */
export function filesUnder(dir: string): { name: string; text: string }[] {
  if (!fs.existsSync(dir)) return [];
  const found: { name: string; text: string }[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.statSync(full).size < 20_000_000)
        found.push({ name: full, text: fs.readFileSync(full, "latin1") });
    }
  };
  walk(dir);
  return found;
}

/** Every access token the simulator issued (they must never show anywhere either). */
export function issuedTokens(world: World): string[] {
  return world.sim.store.state.tokens.map((t) => t.accessToken);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A VXC Globex orders by hand carrying the tags of stack `stack` ("project/stack") and its identity, when given, that
 * no resource holds: a real orphan of that stack.
 */
export async function orderTaggedFor(
  world: World,
  stack: string,
  name: string,
  stackId: string | undefined,
): Promise<string> {
  const [uid] = await world.globex.buyVxc([
    {
      productUid: SEED.ports.globexSydRed.uid,
      associatedVxcs: [
        {
          productName: name,
          rateLimit: 50,
          term: 1,
          shutdown: false,
          costCentre: "",
          aEnd: { vlan: 0 },
          bEnd: { productUid: SEED.ports.acmeSydAuto.uid, vlan: 0 },
          resourceTags: [
            { key: STACK_TAG, value: stack },
            { key: RESOURCE_TAG, value: name.replace(" ", "-") },
            ...(stackId ? [{ key: STACK_ID_TAG, value: stackId }] : []),
          ],
        },
      ],
    },
  ]);
  return uid;
}
