// The Megaport side goes away mid-run: the simulator, run as its own process with a state file, is killed with
// SIGKILL while `pulumi up` of 6 VXCs waits for them, and started again on the same port a moment later. Nothing it
// acknowledged may be lost; the `up` in flight either rides it out or fails with a message and no stack trace; the
// next `up` converges on exactly the 6 VXCs.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { FAST_PROVIDER_ENV } from "../support/world";
import { backendText, collect, createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import { clientFor } from "../support/simulator-clients";
import { eventually } from "../support/eventually";
import { freePort } from "../support/free-port";
import { CUSTOMER_PROGRAM, liveByName, manyVxcs, report, secretHits, setVxcs } from "./reliability-world";

const TIMEOUT = 5 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the simulator stays down: the outage the provider must ride out, not a wait for anything. */
const OUTAGE_MS = 1500;

let dir: string;
let port: number;
let sim: ChildProcess | undefined;
let e2e: E2eStack | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-restart-"));
  port = await freePort();
});

afterAll(async () => {
  await e2e?.cleanup();
  sim?.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The simulator as a process of its own, with a state file, answering on `port` once this resolves. */
async function startSimulatorProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, "dist/simulator/cli.js"),
      ...["--port", String(port), "--state", path.join(dir, "state.json"), "--timings", "test"],
      ...["--deployable-ms", "2500", "--configured-ms", "500", "--no-rate-limit"],
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  try {
    await eventually(answers, 10_000, "the simulator to answer");
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return child;
}

async function answers(): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/v3/locations`).then(
    (res) => res.ok,
    () => false,
  );
}

async function vxcUids(): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/_sim/vxcs`);
  return ((await res.json()) as { data: { productUid: string }[] }).data.map((v) => v.productUid);
}

describe("the simulator killed and restarted mid-run", () => {
  it(
    "loses nothing it acknowledged, and the next up converges on exactly the VXCs declared",
    async () => {
      sim = await startSimulatorProcess();
      const url = `http://127.0.0.1:${port}`;
      const key = SEED.apiKeys.globexAdmin;
      e2e = await createStack(CUSTOMER_PROGRAM, {
        stackName: "restart",
        envVars: FAST_PROVIDER_ENV,
        config: {
          "megaport:accessKey": key.accessKey,
          "megaport:secretKey": key.secretKey,
          "megaport:baseUrl": url,
          "megaport:tokenUrl": `${url}/oauth2/token`,
        },
      });
      await setVxcs(e2e.stack, manyVxcs("SR", 6));
      const first = e2e.stack.up({ onOutput: collect(e2e) }).then(
        () => "succeeded",
        (err: Error) => err,
      );

      // Kill it once it has acknowledged a few orders (or after 10 s, with whatever it has).
      let acknowledged: string[] = [];
      await eventually(
        async () => (acknowledged = await vxcUids().catch(() => [])).length >= 3,
        10_000,
        "three acknowledged VXCs",
        { intervalMs: 50 },
      ).catch(() => undefined);
      sim.kill("SIGKILL");
      await new Promise((resolve) => sim!.once("exit", resolve));
      await sleep(OUTAGE_MS);
      sim = await startSimulatorProcess();
      const kept = await vxcUids();
      const lost = acknowledged.filter((uid) => !kept.includes(uid));

      const outcome = await first;
      let ups = 1;
      if (outcome !== "succeeded") {
        expect((outcome as Error).message).not.toMatch(/\n\s+at .+:\d+:\d+/);
        await e2e.stack.up({ onOutput: collect(e2e) });
        ups = 2;
      }
      const globex = clientFor({ url, tokenUrl: `${url}/oauth2/token` }, key);
      const byName = await liveByName(globex, "SR");
      await globex.close();
      const live = [...byName.values()].flat().length;
      const duplicates = [...byName.values()].reduce((n, list) => n + list.length - 1, 0);
      report(
        `simulator restart: ${acknowledged.length} VXCs acknowledged before the kill, ${lost.length} lost; the up in ` +
          `flight ${outcome === "succeeded" ? "succeeded" : "failed cleanly"}; ${live} VXCs for 6 declared after ` +
          `${ups} up(s), ${duplicates} duplicates`,
      );
      expect(lost).toEqual([]);
      expect({ live, duplicates }).toEqual({ live: 6, duplicates: 0 });
      const hits = secretHits(
        [
          { name: "CLI output", text: e2e.output.join("\n") },
          { name: "backend", text: backendText(e2e) },
        ],
        [key.secretKey],
      );
      expect(hits).toEqual([]);
    },
    TIMEOUT,
  );
});
