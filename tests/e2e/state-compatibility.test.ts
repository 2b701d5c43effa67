// A stack written by an earlier release previews with no change under this one. Every resource's state holds the
// provider shim that release serialized, whose text requires a module of this package by path
// (provider/resources/README.md): deletes and refreshes run that stored text, so the path must keep resolving, and
// the kinds must read the inputs and outputs that release wrote. The fixtures are real exports of stacks made with
// the release at commit dc998ff (tests/fixtures/README.md says how); each is imported into a fresh stack of the same
// program with the same config and previewed with this checkout's build.
//
// Releases since then add one hidden StackIdentity resource per stack (provider/kinds/stack-identity), so the
// preview of such a stack plans exactly one step that is not "same": the create of that identity. Any update,
// replace or delete of a resource the old release made fails the test.
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { KIND_NAMES, kindOfType, providerModulePath } from "../../provider/kinds/kinds";
import { STACK_IDENTITY_TOKEN } from "../../provider/kinds/stack-identity/stack-identity";
import { FAST_PROVIDER_ENV, startWorld, World } from "../support/world";
import { collect, createStack, E2eStack, REPO_ROOT } from "../support/pulumi-stack";

interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
interface ExportedState {
  version: number;
  deployment: { resources: StateResource[] } & Record<string, unknown>;
}

const FIXTURES = [
  {
    file: "state-2026-12-07-dc998ff-service-provider.json",
    program: "service-provider",
    stackName: "acme",
    company: "acme",
  },
  {
    file: "state-2026-12-07-dc998ff-customer.json",
    program: "customer",
    stackName: "globex",
    company: "globex",
  },
] as const;

/** Where the simulator listened when the fixtures were made; this run's simulator replaces it. */
const RECORDED_SIMULATOR = "http://127.0.0.1:38965";

let world: World;
const stacks: E2eStack[] = [];

beforeAll(async () => {
  world = await startWorld();
}, 60_000);

afterAll(async () => {
  for (const e2e of stacks) await e2e.cleanup();
  await world?.close();
});

function fixture(file: string): ExportedState {
  const text = fs.readFileSync(path.join(REPO_ROOT, "tests/fixtures/state", file), "utf8");
  return JSON.parse(text.split(RECORDED_SIMULATOR).join(new URL(world.sim.url).origin)) as ExportedState;
}

describe("a stack written by release dc998ff", () => {
  it("holds shims that load the module paths this release serializes", () => {
    const seen = new Set<string>();
    for (const { file } of FIXTURES) {
      for (const resource of fixture(file).deployment.resources) {
        const kind = kindOfType(resource.type);
        if (!kind) continue;
        seen.add(kind);
        expect(resource.outputs?.__provider).toContain(`require(modulePath)`);
        expect(resource.outputs?.__provider).toContain(JSON.stringify(providerModulePath(kind)));
      }
    }
    expect([...seen].sort()).toEqual([...KIND_NAMES].sort());
  });

  it.each(FIXTURES)(
    "$program: imported into a fresh stack, previews only the stack identity's create",
    async ({ file, program, stackName, company }) => {
      const state = fixture(file);
      const defaultProvider = state.deployment.resources.find(
        (r) => r.type === "pulumi:providers:pulumi-nodejs",
      );
      // The program's own config, as the old stack had it (the default provider's inputs record it).
      const programConfig = Object.fromEntries(
        Object.entries(defaultProvider?.inputs ?? {})
          .filter(([key]) => key.startsWith("megaport-mx-e2e-"))
          .map(([key, value]) => [key, String(value)]),
      );
      expect(Object.keys(programConfig).length).toBeGreaterThan(0);
      const e2e = await createStack(path.join(REPO_ROOT, "tests/e2e/programs", program), {
        stackName,
        envVars: FAST_PROVIDER_ENV,
        config: { ...world.configFor(company), ...programConfig },
      });
      stacks.push(e2e);
      await e2e.stack.importStack(state as never);

      const steps: { op: string; type: string }[] = [];
      const onEvent = (event: EngineEvent) => {
        const metadata = event.resourcePreEvent?.metadata;
        if (metadata) steps.push({ op: metadata.op, type: metadata.type });
      };
      const preview = await e2e.stack.preview({ onOutput: collect(e2e), onEvent });

      const old = state.deployment.resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r) => r.type);
      expect(steps.filter((step) => step.op !== "same")).toEqual([
        { op: "create", type: STACK_IDENTITY_TOKEN },
      ]);
      expect(
        steps
          .filter((step) => step.op === "same")
          .map((step) => step.type)
          .sort(),
      ).toEqual([...old, "pulumi:pulumi:Stack"].sort());
      // The summary counts resources, not providers: the old stack's own resources and the Stack, all unchanged.
      const ours = state.deployment.resources.filter((r) => kindOfType(r.type) !== undefined).length;
      expect(preview.changeSummary).toEqual({ create: 1, same: ours + 1 });
    },
    180_000,
  );
});
