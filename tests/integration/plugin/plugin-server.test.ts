// The provider plugin's process (bin/pulumi-resource-megaport-mx, over dist/: `npm run build` first), spoken to over
// gRPC as the engine does, without the CLI: it prints its port, serves the generated schema, checks its settings and
// a resource's inputs naming the field, and keeps a secret input wrapped as a secret.
import * as grpc from "@grpc/grpc-js";
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import type * as ProviderGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderPb from "@pulumi/pulumi/proto/provider_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof ProviderGrpc;
const provproto = require("@pulumi/pulumi/proto/provider_pb") as typeof ProviderPb;
const structproto = require("google-protobuf/google/protobuf/struct_pb") as typeof StructPb;
const emptyproto = require("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb;

const ROOT = path.join(__dirname, "../../..");
const LAUNCHER = path.join(ROOT, "bin/pulumi-resource-megaport-mx");
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const URN = "urn:pulumi:dev::plugin-test::megaport-mx:index:VxcConnection::edge";
const UID = "11111111-2222-4333-8444-555555555555";

let plugin: ChildProcess;
let client: InstanceType<typeof provrpc.ResourceProviderClient>;

/** One unary call, as a promise. */
function rpc<Req, Res>(method: string, request: Req): Promise<Res> {
  const fn = (
    client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>
  )[method].bind(client);
  return new Promise((resolve, reject) => fn(request, (err, res) => (err ? reject(err) : resolve(res))));
}

function checkRequest(urn: string, news: Record<string, unknown>) {
  const req = new provproto.CheckRequest();
  req.setUrn(urn);
  req.setOlds(structproto.Struct.fromJavaScript({}));
  req.setNews(structproto.Struct.fromJavaScript(news as never));
  return req;
}

const failuresOf = (resp: InstanceType<typeof provproto.CheckResponse>) =>
  resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));

beforeAll(async () => {
  expect(fs.existsSync(path.join(ROOT, "dist/provider/plugin/main.js"))).toBe(true); // else: npm run build
  plugin = spawn(LAUNCHER, [], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, MEGAPORT_ACCESS_KEY: "", MEGAPORT_SECRET_KEY: "", MEGAPORT_ENVIRONMENT: "" },
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: plugin.stdout! }).once("line", resolve);
    plugin.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before printing its port`)));
  });
  // The handshake: the port, alone on the first line of stdout.
  expect(firstLine).toMatch(/^\d+$/);
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${firstLine}`, grpc.credentials.createInsecure());
}, 30_000);

afterAll(() => {
  client?.close();
  plugin?.kill();
});

describe("pulumi-resource-megaport-mx over gRPC", () => {
  it("GetSchema answers the generated schema", async () => {
    const resp = await rpc<unknown, InstanceType<typeof provproto.GetSchemaResponse>>(
      "getSchema",
      new provproto.GetSchemaRequest(),
    );
    expect(resp.getSchema()).toBe(fs.readFileSync(path.join(ROOT, "provider/plugin/schema.json"), "utf8"));
  });

  it("GetPluginInfo answers package.json's version", async () => {
    const resp = await rpc<unknown, { getVersion(): string }>("getPluginInfo", new emptyproto.Empty());
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(resp.getVersion()).toBe(pkg.version);
  });

  it("CheckConfig names an unknown environment, an unknown setting, and passes good settings", async () => {
    const bad = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      "checkConfig",
      checkRequest("urn:pulumi:dev::plugin-test::pulumi:providers:megaport-mx::default", {
        accessKey: "a",
        secretKey: { ...SECRET_SIG, value: "s" },
        environment: "prod",
      }),
    );
    expect(
      failuresOf(bad)
        .map((f) => f.reason)
        .join("\n"),
    ).toContain('unknown environment "prod"');
    const unknown = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      "checkConfig",
      checkRequest("urn:pulumi:dev::plugin-test::pulumi:providers:megaport-mx::default", { acessKey: "a" }),
    );
    expect(
      failuresOf(unknown)
        .map((f) => f.reason)
        .join("\n"),
    ).toContain("megaport-mx:acessKey: unknown setting");
    const good = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      "checkConfig",
      checkRequest("urn:pulumi:dev::plugin-test::pulumi:providers:megaport-mx::default", {
        accessKey: "a",
        secretKey: { ...SECRET_SIG, value: "s" },
        environment: "staging",
      }),
    );
    expect(failuresOf(good)).toEqual([]);
    // The secret key goes back as the engine sent it: wrapped.
    expect(good.getInputs()!.toJavaScript().secretKey).toEqual({ ...SECRET_SIG, value: "s" });
  });

  it("Configure accepts secrets and previews", async () => {
    const req = new provproto.ConfigureRequest();
    req.getVariablesMap().set("megaport-mx:accessKey", "a");
    req.getVariablesMap().set("megaport-mx:secretKey", "s");
    req.getVariablesMap().set("megaport-mx:environment", "staging");
    const resp = await rpc<unknown, InstanceType<typeof provproto.ConfigureResponse>>("configure", req);
    expect({ secrets: resp.getAcceptsecrets(), preview: resp.getSupportspreview() }).toEqual({
      secrets: true,
      preview: true,
    });
  });

  it("Check of a bad input names the field; no settings problem once configured", async () => {
    const resp = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      "check",
      checkRequest(URN, { name: "edge", rateLimit: "fast", aEnd: { productUid: UID } }),
    );
    const failures = failuresOf(resp);
    expect(failures).toHaveLength(1);
    expect(`${failures[0].property} ${failures[0].reason}`).toContain("rateLimit");
  });

  it("Check keeps a secret input secret, adds the hidden inputs, and refuses an unknown type", async () => {
    const resp = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      "check",
      checkRequest(URN, { name: "edge", rateLimit: 100, aEnd: { productUid: UID }, serviceKey: UID }),
    );
    expect(failuresOf(resp)).toEqual([]);
    const inputs = resp.getInputs()!.toJavaScript() as Record<string, unknown>;
    // Sent plain, it comes back wrapped: the kind declares it secret, so state encrypts it.
    expect(inputs.serviceKey).toEqual({ ...SECRET_SIG, value: UID });
    expect(inputs.__owner).toEqual({ project: "plugin-test", stack: "dev", resource: "edge" });
    expect(inputs.__idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    await expect(
      rpc("check", checkRequest("urn:pulumi:dev::plugin-test::megaport-mx:index:Nope::x", {})),
    ).rejects.toThrow("megaport-mx serves no resource type megaport-mx:index:Nope");
  });
});
