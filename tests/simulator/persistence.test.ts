import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Simulator } from "../../simulator/server";
import {
  ApiAs,
  getVxc,
  orderVxcUid,
  SEED,
  simPost,
  waitForStatus,
  type Json,
} from "../support/simulator-http";
import { eventually } from "../support/eventually";
import { startTestSimulator } from "../support/simulator";

const P = SEED.ports;

describe("state file persistence", () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-sim-state-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loses nothing acknowledged when the process dies right after an answer", async () => {
    const file = path.join(dir, "restart.json");
    const first = await startTestSimulator({ stateFile: file });
    const globex = new ApiAs(first, "globexAdmin");
    const acme = new ApiAs(first, "acmeAdmin");

    const live = await orderVxcUid(globex, {
      from: P.globexSydRed.uid,
      to: P.acmeSydRed.uid,
      name: "survives",
      aVlan: 901,
    });
    await acme.put(`/v3/product/vxc/${live}`, { isApproved: true, bEndVlan: 902 });
    await waitForStatus(globex, live, "LIVE");
    const pending = await orderVxcUid(globex, {
      from: P.globexSydBlue.uid,
      to: P.acmeSydBlue.uid,
      name: "still pending",
    });
    await globex.put(`/v2/product/${live}/tags`, { resourceTags: [{ key: "idempotency", value: "abc" }] });
    await acme.put("/v2/marketplace/profile", { companyBio: "Persisted bio" });
    const key = (
      await acme.post("/v2/service/key", { productUid: P.acmeMelRed.uid, singleUse: true, vlan: 42 })
    ).body.data.key;
    await acme.put(`/v2/notificationPreferences?employeeId=${SEED.users.acmeTechnicalContact.employeeId}`, {
      destinations: { EMAIL: [{ messageGroup: "ORDERING", subscribed: true }] },
    });
    await simPost(first, "/_sim/clock/advance", { ms: 10 * 24 * 3600 * 1000 });
    const token = await globex.accessToken();
    const lastAnswer = await globex.put(`/v3/product/vxc/${live}`, { name: "renamed last" });
    expect(lastAnswer.status).toBe(200);

    // What is on disk at this instant is what a crash would leave behind.
    const crashed = path.join(dir, "crashed.json");
    fs.copyFileSync(file, crashed);
    const simulatedNow = first.store.now();
    const outboxSize = first.store.state.outbox.length;
    await first.close();

    const second = await startTestSimulator({ stateFile: crashed });
    try {
      const again = new ApiAs(second, "globexAdmin");
      const vxc = await getVxc(again, live);
      expect(vxc).toMatchObject({
        productName: "renamed last",
        provisioningStatus: "LIVE",
        aEnd: { vlan: 901 },
        bEnd: { vlan: 902 },
      });
      expect((await getVxc(again, pending)).vxcApproval.status).toBe("PENDING_EXTERNAL");
      expect((await again.get(`/v2/product/${live}/tags`)).body.data.resourceTags).toEqual([
        { key: "idempotency", value: "abc" },
      ]);
      const acme2 = new ApiAs(second, "acmeAdmin");
      expect((await acme2.get("/v2/marketplace/profile")).body.data.companyBio).toBe("Persisted bio");
      expect((await acme2.get(`/v2/service/key?key=${key}`)).body.data.vlan).toBe(42);
      const prefs = await acme2.get(
        `/v2/notificationPreferences?employeeId=${SEED.users.acmeTechnicalContact.employeeId}`,
      );
      expect(
        prefs.body.data.destinations.EMAIL.find((g: Json) => g.messageGroup === "ORDERING").subscribed,
      ).toBe(true);
      expect(second.store.now()).toBeGreaterThanOrEqual(simulatedNow);
      expect(second.store.state.outbox.length).toBe(outboxSize);
      // A token issued before the restart still works.
      const res = await fetch(`${second.url}/v2/products`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      // The VLAN is still taken.
      const clash = await again.get(`/v2/product/port/${P.globexSydRed.uid}/vlan?vlan=901`);
      expect(clash.body.data).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a corrupt state file instead of silently reseeding", async () => {
    const file = path.join(dir, "corrupt.json");
    fs.writeFileSync(file, "{ not json");
    await expect(startTestSimulator({ stateFile: file })).rejects.toThrow();
  });

  it("keeps every acknowledged order when the process is killed with SIGKILL mid-traffic", async () => {
    const file = path.join(dir, "sigkill.json");
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register", path.join(__dirname, "fixtures", "run-simulator.ts"), file],
      {
        cwd: path.join(__dirname, "..", ".."),
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", TS_NODE_SWC: "true" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const line = out.split("\n").find((l) => l.startsWith("{"));
          if (line) resolve(JSON.parse(line).url);
        });
        child.once("exit", (code) => reject(new Error(`simulator child exited early (${code})`)));
      });
      const sim = { url, tokenUrl: `${url}/oauth2/token` } as Simulator;
      const globex = new ApiAs(sim, "globexAdmin");
      const acked: string[] = [];
      let stop = false;
      const worker = async (from: string) => {
        while (!stop) {
          try {
            acked.push(await orderVxcUid(globex, { from, to: P.acmeSydAuto.uid, rateLimit: 10 }));
          } catch {
            return; // the connection died with the process
          }
        }
      };
      const workers = [P.globexSydRed.uid, P.globexSydBlue.uid, P.globexMelRed.uid].map(worker);
      await eventually(
        () => acked.length >= 30,
        20_000,
        () => `30 acknowledged orders (${acked.length} so far)`,
        {
          intervalMs: 5,
        },
      );
      child.kill("SIGKILL");
      stop = true;
      await Promise.all(workers);
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r),
      );

      const restarted = await startTestSimulator({ stateFile: file });
      try {
        const known = new Set(restarted.store.state.vxcs.map((v) => v.productUid));
        expect(acked.length).toBeGreaterThanOrEqual(30);
        expect(acked.filter((uid) => !known.has(uid))).toEqual([]);
        // No leftover temp files from the interrupted writer matter: the state file itself is whole JSON.
        expect(() => JSON.parse(fs.readFileSync(file, "utf8"))).not.toThrow();
      } finally {
        await restarted.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }, 30_000);

  it("a state file from before the approval queue and lock flags still loads, its pending requests queued", async () => {
    const file = path.join(dir, "older.json");
    const first = await startTestSimulator({ stateFile: file });
    const globex = new ApiAs(first, "globexAdmin");
    const uid = await orderVxcUid(globex, {
      from: P.globexSydRed.uid,
      to: P.acmeSydRed.uid,
      name: "old request",
    });
    await first.close();
    // What an older simulator wrote: no queue, no lock flags, a personId beside each employeeId.
    const older = JSON.parse(fs.readFileSync(file, "utf8")) as Json;
    delete older.orderApprovals;
    delete older.nextOrderApprovalId;
    for (const port of older.ports) delete port.locked;
    for (const [i, user] of older.users.entries()) user.personId = 90000 + i;
    fs.writeFileSync(file, JSON.stringify(older));

    const restarted = await startTestSimulator({ stateFile: file });
    try {
      const acme = new ApiAs(restarted, "acmeAdmin");
      const queue = await acme.get("/v3/order_approvals?status=PENDING");
      expect(queue.body.data).toHaveLength(1);
      expect(queue.body.data[0]).toMatchObject({
        status: "PENDING",
        detail: { productRequest: [{ productUid: uid }] },
      });
      expect((await acme.post(`/v3/order_approvals/${queue.body.data[0].uid}/approve`, {})).status).toBe(200);
      expect((await getVxc(acme, uid)).vxcApproval.status).toBeNull();
      expect((await acme.get(`/v2/product/${P.acmeSydRed.uid}`)).body.data.locked).toBe(false);
      const users = (await acme.get("/v2/employment")).body.data as Json[];
      expect(users.map((u) => u.personId).sort()).toEqual(users.map((u) => u.partyId).sort());
    } finally {
      await restarted.close();
    }
  });
});
