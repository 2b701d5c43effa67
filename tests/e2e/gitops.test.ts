// The GitOps pipeline of examples/gitops end to end: `pipeline.sh preview|up|drift` run as CI would (a child process,
// nothing on a terminal) against a real PostgreSQL state backend (`postgres://…`) and the simulator, with the real
// Pulumi CLI and the policy pack. Steps follow one another as a team's changes would, on one backend:
// a violating pull request is blocked, the fixed one passes, a merge deploys; a second deploy of the stack while the
// first waits for the provider is refused by the backend's lock and loses nothing; a VXC the provider has not accepted
// by the deadline stops the run saying who must act, and the next run resumes; a rename made through the API is
// reported as drift. Each step works on a copy of the example (a checkout), never on the repository's own folder.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { startPostgres, type Postgres } from "../support/postgres";
import {
  FAST_PROVIDER_ENV,
  startWorld,
  visibleVxcs,
  waitForPendingRequest,
  type World,
} from "../support/world";
import { PASSPHRASE, REPO_ROOT } from "../support/pulumi-stack";
import { isolatedPulumiEnv } from "../../scripts/pulumi-cli-root";

const EXAMPLE = path.join(REPO_ROOT, "examples/gitops");
const STEP_TIMEOUT = 3 * 60_000;

interface Connection {
  resource: string;
  name: string;
  rateLimit: number;
  aEnd: { productUid: string; vlan: number };
  bEnd: Record<string, unknown>;
  costCentre: string;
}

interface Declarations {
  connections: Connection[];
  subscriptions: { resource: string; user: string; groups: string[] }[];
}

/** What the example's repository declares today (a team's main branch). */
const committed = (): Declarations =>
  JSON.parse(fs.readFileSync(path.join(EXAMPLE, "connections.json"), "utf8")) as Declarations;

interface Run {
  code: number;
  /** stdout and stderr, interleaved as a CI log shows them. */
  output: string;
}

let pg: Postgres;
let world: World;
let tmpDir: string;
let backendUrl: string;
const running = new Set<ReturnType<typeof spawn>>();

beforeAll(async () => {
  pg = await startPostgres();
  world = await startWorld();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-gitops-"));
  // lib/pq, the CLI's PostgreSQL driver, defaults to sslmode=require; the throwaway server has no TLS.
  backendUrl = `${pg.createDatabase("pulumi_state")}?sslmode=disable`;
}, STEP_TIMEOUT);

afterAll(async () => {
  for (const child of running) killGroup(child);
  await world?.close();
  await pg?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

/** A checkout of the example repository holding `declarations`, with the repository's node_modules. */
function checkout(name: string, declarations: Declarations): string {
  const dir = path.join(tmpDir, name);
  fs.cpSync(EXAMPLE, dir, {
    recursive: true,
    filter: (src) => !/(^|\/)(node_modules|Pulumi\.[^/]+\.yaml)$/.test(src),
  });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  declare(dir, declarations);
  return dir;
}

/** A new commit: the checkout now declares `declarations`. */
function declare(dir: string, declarations: Declarations) {
  fs.writeFileSync(path.join(dir, "connections.json"), JSON.stringify(declarations, null, 2));
}

/** The environment CI gives the pipeline: nothing from this process's own PULUMI_* or MEGAPORT_* settings. */
function ciEnv(stack: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(PULUMI_|MEGAPORT_)/.test(key)),
  );
  return {
    ...inherited,
    ...isolatedPulumiEnv({ home: path.join(tmpDir, `home-${stack}`), backendUrl, passphrase: PASSPHRASE }),
    STACK_NAME: stack,
    MEGAPORT_ACCESS_KEY: SEED.apiKeys.globexAdmin.accessKey,
    MEGAPORT_SECRET_KEY: SEED.apiKeys.globexAdmin.secretKey,
    MEGAPORT_BASE_URL: world.sim.url,
    MEGAPORT_TOKEN_URL: world.sim.tokenUrl,
    POLICY_PACK: path.join(REPO_ROOT, "policy"),
    // Every run of the program skips ts-node's type-check (seconds each); tests/lint type-checks it once.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...FAST_PROVIDER_ENV,
    ...extra,
  };
}

/** `bash <checkout>/pipeline.sh <step>`, as a CI job runs it. */
function pipeline(dir: string, step: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn("bash", [path.join(dir, "pipeline.sh"), step], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a failed test can stop the CLI and its plugins too
  });
  running.add(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      running.delete(child);
      resolve({ code: code ?? -1, output });
    });
  });
}

function killGroup(child: ReturnType<typeof spawn>) {
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Globex's VXCs that exist (not cancelled, decommissioned or failed), by name. */
async function globexVxcsNamed(name: string) {
  return [...(await visibleVxcs(world.globex)).values()].filter(
    (v) =>
      v.productName === name &&
      !["DECOMMISSIONED", "FAILED", "CANCELLED"].includes(v.provisioningStatus ?? ""),
  );
}

/** The rows the CLI keeps in PostgreSQL under `.pulumi/locks/`. */
const lockRows = () =>
  pg
    .sql("SELECT key FROM pulumi_state WHERE key LIKE '%/.pulumi/locks/%'", "pulumi_state")
    .split("\n")
    .filter(Boolean);

const expectExit = (run: Run, code: number) => {
  // On a mismatch, show the log rather than two numbers.
  if (run.code !== code) expect(`exit ${run.code}\n${run.output}`).toBe(`exit ${code}`);
};

describe("the GitOps pipeline on a PostgreSQL state backend", () => {
  let prod: string;

  it("refuses to start without its settings, naming each one", async () => {
    const dir = checkout("unset", committed());
    const run = await pipeline(dir, "up", { PATH: process.env.PATH });
    expectExit(run, 2);
    for (const name of [
      "PULUMI_BACKEND_URL",
      "STACK_NAME",
      "PULUMI_CONFIG_PASSPHRASE",
      "MEGAPORT_ACCESS_KEY",
      "MEGAPORT_SECRET_KEY",
      "MEGAPORT_ENVIRONMENT",
      "POLICY_PACK",
    ]) {
      expect(run.output).toContain(`- ${name}`);
    }
    const misspelt = await pipeline(dir, "preview", {
      ...ciEnv("prod"),
      PULUMI_BACKEND_URL: backendUrl.replace("postgres://", "postgresql://"),
    });
    expectExit(misspelt, 2);
    expect(misspelt.output).toContain("write postgres:// instead");
  });

  it(
    "blocks a pull request that breaks a mandatory policy, and passes the fixed one",
    async () => {
      const tooFast = committed();
      tooFast.connections[0].rateLimit = 5000; // over the team's ceiling in policy-config.json
      prod = checkout("prod", tooFast);
      const blocked = await pipeline(prod, "preview", ciEnv("prod"));
      expectExit(blocked, 1);
      expect(blocked.output).toContain("[mandatory]");
      expect(blocked.output).toContain("megaport-vxc-connection-rate-limit-ceiling");
      expect(blocked.output).toContain("VXC must have a rateLimit of at most 2000 Mbps.");
      expect(blocked.output).toContain("pipeline: BLOCKED");

      declare(prod, committed());
      const passed = await pipeline(prod, "preview", ciEnv("prod"));
      expectExit(passed, 0);
      expect(passed.output).toContain("megaport-mx");
      expect(passed.output).not.toContain("[mandatory]");
      expect(passed.output).toContain("+ 5 to create"); // the stack, its identity, two VXCs, the subscription
      // The state lives in PostgreSQL: the CLI made its table and the stack's first rows.
      expect(pg.sql("SELECT to_regclass('pulumi_state')::text", "pulumi_state")).toBe("pulumi_state");
      expect(pg.sql("SELECT count(*) FROM pulumi_state", "pulumi_state")).not.toBe("0");
    },
    STEP_TIMEOUT,
  );

  it(
    "refuses a second up of the stack while the first waits for the provider, and the first loses nothing",
    async () => {
      const first = pipeline(prod, "up", ciEnv("prod"));
      // Acme sees both requests: the first up holds the stack's lock while it waits for them.
      const [red, blue] = committed().connections.map((c) => c.name);
      const redRequest = await waitForPendingRequest(world.acme, (v) => v.productName === red);
      const blueRequest = await waitForPendingRequest(world.acme, (v) => v.productName === blue);
      expect(lockRows()).toHaveLength(1);

      const second = await pipeline(prod, "up", ciEnv("prod"));
      expectExit(second, 5);
      expect(second.output).toContain("error: the stack is currently locked by 1 lock(s).");
      // The lock is a row of the backend's table; the URL shown masks the user (and any password).
      expect(second.output).toMatch(
        /postgres:\/\/\*\*\*\*:\*\*\*\*@127\.0\.0\.1:\d+\/pulumi_state\/\.pulumi\/locks\/organization\/globex-network\/prod\/[0-9a-f-]+\.json/,
      );
      expect(second.output).toContain("pipeline: stack prod is locked by another run");
      expect(second.output).toContain("this run changed nothing");

      await world.acme.updateVxc(redRequest.productUid, { isApproved: true });
      await world.acme.updateVxc(blueRequest.productUid, { isApproved: true });
      const done = await first;
      expectExit(done, 0);
      expect(done.output).toContain("waiting for Acme Networks to accept the connection request");
      expect(done.output).toContain("+ 5 created"); // the stack, its identity, two VXCs, the subscription
      expect(lockRows()).toEqual([]);
      // Each row is a file of the file backend, under the database's name: the stack's state and its history.
      const keys = pg.sql("SELECT key FROM pulumi_state ORDER BY key", "pulumi_state").split("\n");
      expect(keys).toContain("pulumi_state/.pulumi/stacks/globex-network/prod.json");
      expect(keys.some((k) => k.startsWith("pulumi_state/.pulumi/history/globex-network/prod/"))).toBe(true);

      // Exactly the VXCs declared, once each, LIVE; the state agrees with Megaport.
      for (const name of [red, blue]) {
        const vxcs = await globexVxcsNamed(name);
        expect(vxcs.map((v) => v.provisioningStatus)).toEqual(["LIVE"]);
      }
      const clean = await pipeline(prod, "drift", ciEnv("prod"));
      expectExit(clean, 0);
      expect(clean.output).toContain("pipeline: no drift");
    },
    STEP_TIMEOUT,
  );

  it(
    "stops at the deadline when the provider has not accepted, says who must act and where, and the next run resumes",
    async () => {
      // Another stack on the same backend, with a short wait for the provider (the same for every run of it).
      const melbourne: Declarations = {
        connections: [
          {
            resource: "mel",
            name: "Globex to Acme (Melbourne)",
            rateLimit: 200,
            aEnd: { productUid: SEED.ports.globexMelRed.uid, vlan: 120 },
            bEnd: { providerName: "Acme Networks", location: "NEXTDC M1", sameDiversityZone: true },
            costCentre: "NET-002",
          },
        ],
        // Not prod's subscriber: two stacks setting one user's emails would each see the other's as drift.
        subscriptions: [{ resource: "duty", user: "techadmin@globex.example", groups: ["Ordering"] }],
      };
      const staging = checkout("staging", melbourne);
      const env = ciEnv("staging", { VXC_APPROVAL_TIMEOUT: "5s" });

      const stopped = await pipeline(staging, "up", env);
      expectExit(stopped, 4);
      // The provider's own reason, and the pipeline's summary of it.
      expect(stopped.output).toContain('Gave up waiting for VXC "Globex to Acme (Melbourne)"');
      expect(stopped.output).toContain("the next `pulumi up` resumes waiting without ordering again");
      expect(stopped.output).toMatch(
        /pipeline: {3}- "Globex to Acme \(Melbourne\)" \([0-9a-f-]+\) to Acme Networks, port "Acme Melbourne Red": a new connection request; DEPLOYABLE, approval PENDING_EXTERNAL/,
      );
      expect(stopped.output).toContain(
        "pipeline: Who must act: Acme Networks. Someone there accepts the request in the Megaport Portal (Approvals: Accept Request), or their approver (`megaport-mx approver`",
      );
      expect(stopped.output).toContain("pipeline: Next: the next `pipeline.sh up`");
      expect(stopped.output).toContain("resumes the wait; nothing is ordered twice");
      const [ordered] = await globexVxcsNamed("Globex to Acme (Melbourne)");

      const request = await waitForPendingRequest(
        world.acme,
        (v) => v.productName === "Globex to Acme (Melbourne)",
      );
      expect(request.productUid).toBe(ordered.productUid);
      await world.acme.updateVxc(request.productUid, { isApproved: true });

      const resumed = await pipeline(staging, "up", env);
      expectExit(resumed, 0);
      const vxcs = await globexVxcsNamed("Globex to Acme (Melbourne)");
      expect(vxcs.map((v) => [v.productUid, v.provisioningStatus])).toEqual([[ordered.productUid, "LIVE"]]);
      expectExit(await pipeline(staging, "waiting", env), 0);
    },
    STEP_TIMEOUT,
  );

  it(
    "reports a VXC renamed through the API as drift, naming the resource and the field",
    async () => {
      const [blue] = await globexVxcsNamed(committed().connections[1].name);
      await world.globex.updateVxc(blue.productUid, { name: "Blue, renamed in the portal" });

      const drift = await pipeline(prod, "drift", ciEnv("prod"));
      expectExit(drift, 3);
      expect(drift.output).toContain("pipeline: DRIFT: Megaport no longer matches stack prod");
      expect(drift.output).toContain('pipeline:   ~ VxcConnection "blue" differs:');
      expect(drift.output).toContain(
        'pipeline:       name: Megaport has "Blue, renamed in the portal", the program declares "Globex to Acme (blue)"',
      );
      expect(drift.output).not.toContain('VxcConnection "red"');
    },
    STEP_TIMEOUT,
  );
});
