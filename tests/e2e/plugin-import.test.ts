// `pulumi import` through the provider plugin (bin/pulumi-resource-megaport-mx over dist/: `npm run build` first),
// from a Pulumi YAML program, against a simulator: VXCs Globex ordered in the "portal" (straight through the API) are
// imported by product UID; the YAML the CLI generates, put into the program, previews with no changes; the sweep
// lists none of them; a VXC another stack's tags hold, another company's VXC and a decommissioned one are refused;
// the imported VXC is this stack's (a second stack cannot import it; destroy after unprotect cancels it).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { SEED } from "../../simulator/seed";
import { IMPORTED_TAG, RESOURCE_TAG, STACK_ID_TAG, STACK_TAG } from "../../provider/kinds/hidden-inputs";
import { stackIdsOf } from "../../provider/kinds/stack-identity/stack-identity";
import { eventually } from "../support/eventually";
import { backendText, collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { startWorld, type World } from "../support/world";
import { portalVxc, pulumi } from "./plugin-import-cli";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-import");
const VXC = "megaport-mx:index:VxcConnection";

/** Runs `megaport-mx <args>` (dist/cli/main.js) as a user would, with the stack's backend, passphrase and CLI. */
async function megaportMx(e2e: E2eStack, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, "dist/cli/main.js"), ...args, "--stack", e2e.stack.name, "--cwd", e2e.workDir],
      { cwd: e2e.workDir, env: { ...process.env, ...e2e.envVars, ...env }, maxBuffer: 16 * 1024 * 1024 },
    );
    e2e.output.push(stdout);
    return { code: 0, stdout };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    e2e.output.push(failed.stdout ?? "", failed.stderr ?? "");
    return { code: failed.code ?? 1, stdout: (failed.stdout ?? "") + (failed.stderr ?? "") };
  }
}

/** Adds the resources of the YAML code `pulumi import` generated to the program. */
export function addGeneratedCode(e2e: E2eStack, code: string): Record<string, { type: string }> {
  const generated = (parse(code) as { resources?: Record<string, { type: string }> }).resources ?? {};
  const file = path.join(e2e.workDir, "Pulumi.yaml");
  const program = parse(fs.readFileSync(file, "utf8")) as { resources?: Record<string, unknown> };
  program.resources = { ...(program.resources ?? {}), ...generated };
  fs.writeFileSync(file, stringify(program));
  return generated;
}

/** A stack of the empty program with Globex's key as the default provider's settings. */
export async function importStack(world: World, stackName: string): Promise<E2eStack> {
  return createStack(PROGRAM, {
    stackName,
    yamlHost: true,
    plugin: true,
    config: {
      ...world.configFor("globex", "megaport-mx"),
    },
  });
}

describe("pulumi import of megaport-mx resources through the provider plugin", () => {
  let world: World;
  let e2e: E2eStack;
  let second: E2eStack | undefined;
  let brownfield: E2eStack | undefined;

  beforeAll(
    async () => {
      world = await startWorld();
      e2e = await importStack(world, "plugin-import");
    },
    15 * 60 * 1000,
  );

  afterAll(async () => {
    await second?.cleanup();
    await brownfield?.cleanup();
    await e2e?.cleanup();
    await world?.close();
  });

  it("imports a portal VXC by its UID into code that previews clean, and refuses what is not this stack's", async () => {
    const ports = SEED.ports;
    const uid = await portalVxc(world, "globexAdmin", {
      from: ports.globexSydRed.uid,
      to: ports.acmeSydAuto.uid,
      name: "Globex to Acme (portal)",
      rateLimit: 200,
      aVlan: 321,
      term: 12,
    });

    const out = path.join(e2e.tmpDir, "import.yaml");
    const imported = await pulumi(e2e, ["import", VXC, "portalVxc", uid, "--yes", "--out", out]);
    // Succeeded, and the inputs Read gave passed the plugin's own check (the engine warns when they do not).
    expect({ code: imported.code, printed: imported.stdout + imported.stderr }).toEqual({
      code: 0,
      printed: expect.not.stringMatching(/failed to validate|error:/),
    });
    const generated = addGeneratedCode(e2e, fs.readFileSync(out, "utf8"));
    expect(generated).toEqual({
      portalVxc: {
        type: "megaport-mx:VxcConnection", // YAML's short form of the token

        properties: {
          name: "Globex to Acme (portal)",
          rateLimit: 200,
          aEnd: { productUid: ports.globexSydRed.uid, vlan: 321 },
          bEnd: { productUid: ports.acmeSydAuto.uid },
          term: 12,
        },
        options: { protect: true },
      },
    });

    const preview = await e2e.stack.preview({ expectNoChanges: true, onOutput: collect(e2e) });
    expect(preview.changeSummary).toEqual({ same: 2 }); // the default provider and the VXC
    // The stack holds it by its tags, as an adoption: it names this stack, and says it was imported, not ordered.
    const tags = new Map((await world.globex.getResourceTags(uid)).map((t) => [t.key, t.value]));
    expect(tags.get(STACK_TAG)).toBe("megaport-mx-plugin-import/plugin-import");
    expect(tags.get(RESOURCE_TAG)).toBe("portalVxc");
    expect(tags.get(IMPORTED_TAG)).toBeDefined();
    // The import wrote them; the next `up` has nothing to do, to the VXC or its tags.
    const up = await e2e.stack.up({ onOutput: collect(e2e) });
    expect(up.summary.resourceChanges).toEqual({ same: 2 });
    const after = new Map((await world.globex.getResourceTags(uid)).map((t) => [t.key, t.value]));
    expect(after).toEqual(tags);

    // Another stack's VXC (its tags say so) is refused, naming the holder; nothing is imported.
    const held = await portalVxc(world, "globexAdmin", {
      from: ports.globexSydRed.uid,
      to: ports.acmeSydAuto.uid,
      name: "Held by the network team",
    });
    await world.globex.setResourceTags(held, [
      { key: STACK_TAG, value: "network/prod" },
      { key: RESOURCE_TAG, value: "core" },
      { key: STACK_ID_TAG, value: "5b7c0d5e-0d1c-4a57-9c55-2f0b8e3c1a11" },
    ]);
    const refused = await pulumi(e2e, ["import", VXC, "theirs", held, "--yes"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain(
      `cannot import VXC ${held}: another Pulumi stack or resource holds it by its tags (stack network/prod, ` +
        'resource "core", stack identity 5b7c0d5e-0d1c-4a57-9c55-2f0b8e3c1a11)',
    );

    // Tags that name this very stack and resource, with another stack identity (a same-named stack on another
    // backend): the plugin's provider has this stack's own identity, so it refuses, naming both.
    const sameNames = await portalVxc(world, "globexAdmin", {
      from: ports.globexSydRed.uid,
      to: ports.acmeSydAuto.uid,
      name: "Ordered by the dynamic resources",
    });
    await world.globex.setResourceTags(sameNames, [
      { key: STACK_TAG, value: "megaport-mx-plugin-import/plugin-import" },
      { key: RESOURCE_TAG, value: "mine" },
      { key: STACK_ID_TAG, value: "0c7d7f43-2b7e-4a0e-a7c8-6a7d1f1f0b01" },
    ]);
    const unproven = await pulumi(e2e, ["import", VXC, "mine", sameNames, "--yes"]);
    expect(unproven.code).not.toBe(0);
    const [ownId] = stackIdsOf((await e2e.stack.exportStack()).deployment);
    expect(unproven.stdout + unproven.stderr).toContain(
      `cannot import VXC ${sameNames}: its tags name this stack and resource, but stack identity ` +
        `0c7d7f43-2b7e-4a0e-a7c8-6a7d1f1f0b01, which is not this stack's (${ownId})`,
    );

    // Acme ordered this one to Globex's port (with a key Globex gave it): Globex sees it, but only Acme may manage it.
    const key = await world.globex.createServiceKey({
      productUid: ports.globexSydBlue.uid,
      singleUse: true,
      vlan: 300,
      maxSpeed: 500,
      preApproved: true,
      description: "Acme, single use",
    });
    const acmes = await portalVxc(world, "acmeAdmin", {
      from: ports.acmeSydRed.uid,
      serviceKey: key.key,
      name: "Acme to Globex",
    });
    const notOurs = await pulumi(e2e, ["import", VXC, "acmes", acmes, "--yes"]);
    expect(notOurs.code).not.toBe(0);
    expect(notOurs.stdout + notOurs.stderr).toContain(
      `cannot import VXC ${acmes}: its A-end ${ports.acmeSydRed.uid} is not one of this company's ports or MCRs`,
    );

    const gone = await portalVxc(world, "globexAdmin", {
      from: ports.globexSydRed.uid,
      to: ports.acmeSydAuto.uid,
      name: "Cancelled already",
    });
    await world.globex.cancelProduct(gone, "CANCEL_NOW");
    await eventually(
      async () => (await world.globex.getVxc(gone)).provisioningStatus === "DECOMMISSIONED" || undefined,
      30_000,
      "the cancelled VXC to be DECOMMISSIONED",
      { intervalMs: 100 },
    );
    const finished = await pulumi(e2e, ["import", VXC, "gone", gone, "--yes"]);
    expect(finished.code).not.toBe(0);
    expect(finished.stdout + finished.stderr).toContain(`cannot import VXC ${gone}: it is DECOMMISSIONED`);

    // An ApprovalPolicy exists only in the stack that declares it: there is nothing to read back.
    const policy = await pulumi(e2e, ["import", "megaport-mx:index:ApprovalPolicy", "rules", "any", "--yes"]);
    expect(policy.code).not.toBe(0);
    expect(policy.stdout + policy.stderr).toContain(
      "cannot import ApprovalPolicy any: a policy exists only in the stack that declares it",
    );

    const state = await e2e.stack.exportStack();
    const vxcs = (state.deployment.resources ?? []).filter((r: { type: string }) => r.type === VXC);
    expect(vxcs.map((r: { id: string }) => r.id)).toEqual([uid]);

    // A second stack (same program, another stack) cannot take the VXC this one imported.
    second = await importStack(world, "plugin-import-other");
    const twice = await pulumi(second, ["import", VXC, "portalVxc", uid, "--yes"]);
    expect(twice.code).not.toBe(0);
    expect(twice.stdout + twice.stderr).toContain(
      'stack megaport-mx-plugin-import/plugin-import, resource "portalVxc"',
    );

    // Imported resources are protected; once unprotected, destroy cancels the VXC, as for one the stack ordered.
    expect((await pulumi(e2e, ["state", "unprotect", "--all", "--yes"])).code).toBe(0);
    const destroy = await e2e.stack.destroy({ onOutput: collect(e2e) });
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect((await world.globex.getVxc(uid)).provisioningStatus).toBe("DECOMMISSIONED");
    expect((await world.globex.getVxc(held)).provisioningStatus).toBe("LIVE");

    const haystack = e2e.output.join("\n") + backendText(e2e);
    for (const secret of world.secrets()) expect(haystack).not.toContain(secret);
  }, 300_000);

  it("megaport-mx import writes one file with which a single pulumi import adopts the company's VXCs, profile and subscriptions", async () => {
    const ports = SEED.ports;
    const order = (name: string, rateLimit: number) =>
      portalVxc(world, "globexAdmin", {
        from: ports.globexSydBlue.uid,
        to: ports.acmeSydAuto.uid,
        name,
        rateLimit,
      });
    const first = await order("Sydney transit", 100);
    const twin = await order("Sydney transit", 300); // the same name twice: two resources, two names
    const theirs = await order("Core (network team)", 500);
    const marked = await order("Sydney <b>backup</b>", 100); // made in the Portal; the check refuses HTML
    await world.globex.setResourceTags(theirs, [
      { key: STACK_TAG, value: "network/prod" },
      { key: RESOURCE_TAG, value: "core" },
    ]);

    brownfield = await importStack(world, "brownfield");
    const file = path.join(brownfield.tmpDir, "import.json");
    // Globex's profile has no contact email, which a MarketplaceProfile declares: left out until it has one.
    const noEmail = await megaportMx(brownfield, ["import", "--out", file, "--json"]);
    expect(JSON.parse(noEmail.stdout).leftOut).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "MarketplaceProfile",
          why: expect.stringContaining("it has no contact email"),
        }),
      ]),
    );
    const profile = await world.globex.getMarketplaceProfile();
    await world.globex.setMarketplaceProfile({
      companyName: profile.companyName,
      contactEmail: "peering@globex.example",
      services: profile.services,
    });
    const listed = await megaportMx(brownfield, ["import", "--out", file, "--json"]);
    expect(listed.code).toBe(0);
    const plan = JSON.parse(listed.stdout) as {
      file: { resources: { type: string; name: string; id: string }[] };
      leftOut: { id: string; why: string }[];
    };
    const written = JSON.parse(fs.readFileSync(file, "utf8")) as typeof plan.file;
    expect(written).toEqual(plan.file);
    const vxcEntries = written.resources.filter((r) => r.type === VXC);
    expect(vxcEntries.map((r) => r.id).sort()).toEqual([first, twin].sort());
    expect(vxcEntries.map((r) => r.name).sort()).toEqual(["sydney-transit", "sydney-transit-2"]);
    expect(written.resources.map((r) => r.type)).toEqual(
      expect.arrayContaining(["megaport-mx:index:MarketplaceProfile"]),
    );
    for (const entry of written.resources) expect(Object.keys(entry).sort()).toEqual(["id", "name", "type"]);
    expect(plan.leftOut).toEqual(
      expect.arrayContaining([
        {
          kind: "VxcConnection",
          id: theirs,
          label: "Core (network team)",
          why: expect.stringContaining("another stack holds it by its tags (stack network/prod"),
        },
        {
          kind: "VxcConnection",
          id: marked,
          label: "Sydney <b>backup</b>",
          why: expect.stringMatching(
            /^its name would not pass the check \(.*\): change it in the Portal first$/,
          ),
        },
      ]),
    );

    const code = path.join(brownfield.tmpDir, "code.yaml");
    const imported = await pulumi(brownfield, ["import", "--file", file, "--yes", "--out", code]);
    expect({ code: imported.code, printed: imported.stdout + imported.stderr }).toEqual({
      code: 0,
      printed: expect.not.stringMatching(/failed to validate|error:/),
    });
    addGeneratedCode(brownfield, fs.readFileSync(code, "utf8"));
    const preview = await brownfield.stack.preview({ expectNoChanges: true, onOutput: collect(brownfield) });
    expect(preview.changeSummary).toEqual({ same: written.resources.length + 1 }); // and the default provider

    // Nothing here is anyone's orphan; run again, the command finds nothing more to import.
    // (The sweep reads the dynamic resources' megaport:* config; this stack's key is given as MEGAPORT_* instead.)
    const globex = SEED.apiKeys.globexAdmin;
    const orphans = await megaportMx(brownfield, ["orphans", "--json"], {
      MEGAPORT_ACCESS_KEY: globex.accessKey,
      MEGAPORT_SECRET_KEY: globex.secretKey,
      MEGAPORT_BASE_URL: world.sim.url,
      MEGAPORT_TOKEN_URL: world.sim.tokenUrl,
    });
    expect(orphans).toMatchObject({ code: 0 });
    expect(JSON.parse(orphans.stdout)).toMatchObject({ orphans: [], pending: [] });
    const again = await megaportMx(brownfield, ["import", "--out", file, "--json"]);
    expect(JSON.parse(again.stdout).file.resources).toEqual([]);
    expect((await world.globex.getVxc(theirs)).provisioningStatus).toBe("LIVE");

    const haystack = brownfield.output.join("\n") + backendText(brownfield) + fs.readFileSync(file, "utf8");
    for (const secret of world.secrets()) expect(haystack).not.toContain(secret);
  }, 300_000);
});
