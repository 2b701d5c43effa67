// The provider plugin's process told to stop while a create waits for the provider (bin/pulumi-resource-megaport-mx,
// over dist/: `npm run build` first), spoken to over gRPC as the engine does: SIGTERM (or SIGINT, as the engine
// sends when it is done with a plugin) stops the wait, the create still answers, as a partial failure holding the
// VXC's id so the engine records it, and the process exits 0. The VXC is not cancelled.
import * as grpc from "@grpc/grpc-js";
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import type * as ProviderGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderPb from "@pulumi/pulumi/proto/provider_pb";
import type * as StatusPb from "@pulumi/pulumi/proto/status_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import { FINISHED, isIn } from "../../../provider/client/provisioning-states";
import { SEED } from "../../../simulator/seed";
import { clientFor, PROVIDER_ENV_KEYS } from "../../support/simulator-clients";
import { startTestSimulator, type Simulator } from "../../support/simulator";
import { waitForPendingRequest } from "../../support/world";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof ProviderGrpc;
const provproto = require("@pulumi/pulumi/proto/provider_pb") as typeof ProviderPb;
const statusproto = require("@pulumi/pulumi/proto/status_pb") as typeof StatusPb;
const structproto = require("google-protobuf/google/protobuf/struct_pb") as typeof StructPb;

const LAUNCHER = path.join(__dirname, "../../../bin/pulumi-resource-megaport-mx");
type Client = InstanceType<typeof provrpc.ResourceProviderClient>;

function rpc<Res>(client: Client, method: string, request: unknown): Promise<Res> {
  const fn = (
    client as unknown as Record<
      string,
      (r: unknown, cb: (e: grpc.ServiceError | null, r: Res) => void) => void
    >
  )[method].bind(client);
  return new Promise((resolve, reject) => fn(request, (err, res) => (err ? reject(err) : resolve(res))));
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim?.close();
});

describe.each(["SIGTERM", "SIGINT"] as const)("%s to the plugin while a create waits", (signal) => {
  let plugin: ChildProcess | undefined;
  afterEach(() => {
    if (plugin && plugin.exitCode === null && plugin.signalCode === null) plugin.kill("SIGKILL");
  });

  it("the create answers as a partial failure with the VXC's id, the process exits 0, nothing is cancelled", async () => {
    const env = Object.fromEntries(
      Object.entries({ ...process.env, MEGAPORT_MX_POLL_INTERVAL_MS: "50" }).filter(
        (e): e is [string, string] =>
          e[1] !== undefined && !(PROVIDER_ENV_KEYS as readonly string[]).includes(e[0]),
      ),
    );
    const child = spawn(LAUNCHER, [], { stdio: ["ignore", "pipe", "pipe"], env });
    plugin = child;
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once("exit", (code, sig) => resolve({ code, signal: sig })),
    );
    const port = await new Promise<string>((resolve) =>
      readline.createInterface({ input: child.stdout! }).once("line", resolve),
    );
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const configure = new provproto.ConfigureRequest();
      const key = SEED.apiKeys.globexAdmin;
      for (const [name, value] of Object.entries({
        accessKey: key.accessKey,
        secretKey: key.secretKey,
        baseUrl: sim.url,
        tokenUrl: sim.tokenUrl,
      }))
        configure.getVariablesMap().set(`megaport-mx:${name}`, value);
      await rpc(client, "configure", configure);
      const urn = `urn:pulumi:dev::plugin-test::megaport-mx:index:VxcConnection::told-${signal}`;
      const name = `Globex told ${signal}`;
      const check = new provproto.CheckRequest();
      check.setUrn(urn);
      check.setOlds(structproto.Struct.fromJavaScript({}));
      check.setNews(
        structproto.Struct.fromJavaScript({
          name,
          rateLimit: 100,
          aEnd: { productUid: SEED.ports.globexSydRed.uid },
          bEnd: { productUid: SEED.ports.acmeSydRed.uid }, // waits for a person at Acme: nobody comes
        } as never),
      );
      const checked = await rpc<InstanceType<typeof provproto.CheckResponse>>(client, "check", check);
      const create = new provproto.CreateRequest();
      create.setUrn(urn);
      create.setProperties(checked.getInputs()!);
      create.setTimeout(3600);
      const answer = rpc(client, "create", create).then(
        () => undefined,
        (e: grpc.ServiceError) => e,
      );
      await waitForPendingRequest(clientFor(sim, SEED.apiKeys.acmeAdmin), (v) => v.productName === name);

      const at = Date.now();
      child.kill(signal);
      const err = await answer;
      const exit = await exited;
      const tookMs = Date.now() - at;

      expect(err?.message).toMatch(/the operation was cancelled \(SIG(TERM|INT) to the provider process\)/);
      const status = statusproto.Status.deserializeBinary(
        err!.metadata.get("grpc-status-details-bin")[0] as Buffer,
      );
      const failed = provproto.ErrorResourceInitFailed.deserializeBinary(
        status.getDetailsList()[0].getValue_asU8(),
      );
      const uid = failed.getId();
      expect(uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(tookMs).toBeLessThan(10_000);
      const vxc = await clientFor(sim, SEED.apiKeys.globexAdmin).getVxc(uid);
      expect(isIn(FINISHED, vxc.provisioningStatus)).toBe(false);
    } finally {
      client.close();
    }
  }, 60_000);
});
