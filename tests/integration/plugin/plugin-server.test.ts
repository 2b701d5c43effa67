// The provider plugin's process (bin/pulumi-resource-megaport-mx, over dist/: `npm run build` first), spoken to over
// gRPC as the engine does, without the CLI: it prints its port, serves the generated schema, checks its settings and
// a resource's inputs naming the field, keeps a secret input wrapped as a secret, runs a resource's lifecycle against
// the simulator, and the real CLI starts it and reads its schema.
import * as grpc from "@grpc/grpc-js";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import type * as ProviderGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderPb from "@pulumi/pulumi/proto/provider_pb";
import type * as StatusPb from "@pulumi/pulumi/proto/status_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";

import { isolatedPulumiEnv, pulumiCliRoot } from "../../../scripts/pulumi-cli-root";
import { SEED } from "../../../simulator/seed";
import { clientFor, PROVIDER_ENV_KEYS } from "../../support/simulator-clients";
import { startTestSimulator, type Simulator } from "../../support/simulator";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof ProviderGrpc;
const provproto = require("@pulumi/pulumi/proto/provider_pb") as typeof ProviderPb;
const statusproto = require("@pulumi/pulumi/proto/status_pb") as typeof StatusPb;
const structproto = require("google-protobuf/google/protobuf/struct_pb") as typeof StructPb;
const emptyproto = require("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb;

const ROOT = path.join(__dirname, "../../..");
const LAUNCHER = path.join(ROOT, "bin/pulumi-resource-megaport-mx");
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const URN = "urn:pulumi:dev::plugin-test::megaport-mx:index:VxcConnection::edge";
const UID = "11111111-2222-4333-8444-555555555555";

type Client = InstanceType<typeof provrpc.ResourceProviderClient>;

/** Starts the plugin as the engine does and connects to the port it prints. */
async function startPlugin(env: Record<string, string>): Promise<{ client: Client; stop(): void }> {
  expect(fs.existsSync(path.join(ROOT, "dist/provider/plugin/main.js"))).toBe(true); // else: npm run build
  const plugin: ChildProcess = spawn(LAUNCHER, [], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: plugin.stdout! }).once("line", resolve);
    plugin.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before printing its port`)));
  });
  // The handshake: the port, alone on the first line of stdout.
  expect(firstLine).toMatch(/^\d+$/);
  const client = new provrpc.ResourceProviderClient(
    `127.0.0.1:${firstLine}`,
    grpc.credentials.createInsecure(),
  );
  return {
    client,
    stop() {
      client.close();
      plugin.kill();
    },
  };
}

/** One unary call, as a promise. */
function rpc<Req, Res>(client: Client, method: string, request: Req): Promise<Res> {
  const fn = (
    client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>
  )[method].bind(client);
  return new Promise((resolve, reject) => fn(request, (err, res) => (err ? reject(err) : resolve(res))));
}

function checkRequest(urn: string, news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const req = new provproto.CheckRequest();
  req.setUrn(urn);
  req.setOlds(structproto.Struct.fromJavaScript(olds as never));
  req.setNews(structproto.Struct.fromJavaScript(news as never));
  return req;
}

/** Configure as the engine does: stack config under the package's name (the secret key among it), for `key`. */
async function configureFor(
  client: Client,
  sim: Pick<Simulator, "url" | "tokenUrl">,
  key: { accessKey: string; secretKey: string },
): Promise<void> {
  const req = new provproto.ConfigureRequest();
  req.getVariablesMap().set("megaport-mx:accessKey", key.accessKey);
  req.getVariablesMap().set("megaport-mx:secretKey", key.secretKey);
  req.getVariablesMap().set("megaport-mx:baseUrl", sim.url);
  req.getVariablesMap().set("megaport-mx:tokenUrl", sim.tokenUrl);
  await rpc(client, "configure", req);
}

const failuresOf = (resp: InstanceType<typeof provproto.CheckResponse>) =>
  resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));

/** The test process's environment without any MEGAPORT_* setting: the plugin's settings come from Configure. */
const NO_SETTINGS = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !(PROVIDER_ENV_KEYS as readonly string[]).includes(entry[0]),
  ),
);

describe("pulumi-resource-megaport-mx over gRPC", () => {
  let client: Client;
  let stop: () => void;
  beforeAll(async () => {
    ({ client, stop } = await startPlugin(NO_SETTINGS));
  }, 30_000);
  afterAll(() => stop?.());

  it("GetSchema answers the generated schema", async () => {
    const resp = await rpc<unknown, InstanceType<typeof provproto.GetSchemaResponse>>(
      client,
      "getSchema",
      new provproto.GetSchemaRequest(),
    );
    expect(resp.getSchema()).toBe(fs.readFileSync(path.join(ROOT, "provider/plugin/schema.json"), "utf8"));
  });

  it("GetPluginInfo answers package.json's version", async () => {
    const resp = await rpc<unknown, { getVersion(): string }>(
      client,
      "getPluginInfo",
      new emptyproto.Empty(),
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(resp.getVersion()).toBe(pkg.version);
  });

  it("CheckConfig names an unknown environment, an unknown setting, and passes good settings", async () => {
    const bad = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      client,
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
      client,
      "checkConfig",
      checkRequest("urn:pulumi:dev::plugin-test::pulumi:providers:megaport-mx::default", { acessKey: "a" }),
    );
    expect(
      failuresOf(unknown)
        .map((f) => f.reason)
        .join("\n"),
    ).toContain("megaport-mx:acessKey: unknown setting");
    const good = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      client,
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

  it("Configure accepts secrets and leaves previews of create and update to the engine", async () => {
    const req = new provproto.ConfigureRequest();
    req.getVariablesMap().set("megaport-mx:accessKey", "a");
    req.getVariablesMap().set("megaport-mx:secretKey", "s");
    req.getVariablesMap().set("megaport-mx:environment", "staging");
    const resp = await rpc<unknown, InstanceType<typeof provproto.ConfigureResponse>>(
      client,
      "configure",
      req,
    );
    expect({ secrets: resp.getAcceptsecrets(), preview: resp.getSupportspreview() }).toEqual({
      secrets: true,
      preview: false,
    });
  });

  it("Check of a bad input names the field; no settings problem once configured", async () => {
    const resp = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      client,
      "check",
      checkRequest(URN, { name: "edge", rateLimit: "fast", aEnd: { productUid: UID } }),
    );
    const failures = failuresOf(resp);
    expect(failures).toHaveLength(1);
    expect(`${failures[0].property} ${failures[0].reason}`).toContain("rateLimit");
  });

  it("Check keeps a secret input secret, adds the hidden inputs, and refuses an unknown type", async () => {
    const resp = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      client,
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
      rpc(client, "check", checkRequest("urn:pulumi:dev::plugin-test::megaport-mx:index:Nope::x", {})),
    ).rejects.toThrow("megaport-mx serves no resource type megaport-mx:index:Nope");
  });
});

describe("pulumi-resource-megaport-mx against the simulator", () => {
  const PROFILE = "urn:pulumi:dev::plugin-test::megaport-mx:index:MarketplaceProfile::profile";
  let sim: Simulator;
  let client: Client;
  let stop: () => void;
  beforeAll(async () => {
    sim = await startTestSimulator();
    ({ client, stop } = await startPlugin(NO_SETTINGS));
    await configureFor(client, sim, SEED.apiKeys.acmeAdmin);
  }, 30_000);
  afterAll(async () => {
    stop?.();
    await sim?.close();
  });

  it("checks, creates, diffs, updates, reads and deletes a MarketplaceProfile", async () => {
    const declared = { companyName: "Acme Networks", contactEmail: "sales@acme.example" };
    const checked = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      client,
      "check",
      checkRequest(PROFILE, declared),
    );
    expect(failuresOf(checked)).toEqual([]);
    const inputs = checked.getInputs()!;
    expect(inputs.toJavaScript()).toMatchObject({ ...declared, visibility: "public" });

    const create = new provproto.CreateRequest();
    create.setUrn(PROFILE);
    create.setProperties(inputs);
    create.setTimeout(60);
    const created = await rpc<unknown, InstanceType<typeof provproto.CreateResponse>>(
      client,
      "create",
      create,
    );
    expect(created.getId()).toBe(SEED.companies.acme.uid);
    const outs = created.getProperties()!.toJavaScript() as Record<string, unknown>;
    expect(outs).toMatchObject({ companyName: "Acme Networks", companyUid: SEED.companies.acme.uid });

    const changed = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      client,
      "check",
      checkRequest(PROFILE, { ...declared, companyBio: "Transit." }, inputs.toJavaScript() as never),
    );
    const diff = new provproto.DiffRequest();
    diff.setUrn(PROFILE);
    diff.setId(created.getId());
    diff.setOlds(created.getProperties()!);
    diff.setNews(changed.getInputs()!);
    const diffed = await rpc<unknown, InstanceType<typeof provproto.DiffResponse>>(client, "diff", diff);
    expect({ changes: diffed.getChanges(), replaces: diffed.getReplacesList() }).toEqual({
      changes: provproto.DiffResponse.DiffChanges.DIFF_SOME,
      replaces: [],
    });

    const update = new provproto.UpdateRequest();
    update.setUrn(PROFILE);
    update.setId(created.getId());
    update.setOlds(created.getProperties()!);
    update.setNews(changed.getInputs()!);
    const updated = await rpc<unknown, InstanceType<typeof provproto.UpdateResponse>>(
      client,
      "update",
      update,
    );
    expect(updated.getProperties()!.toJavaScript()).toMatchObject({ companyBio: "Transit." });

    const read = new provproto.ReadRequest();
    read.setUrn(PROFILE);
    read.setId(created.getId());
    read.setProperties(updated.getProperties()!);
    const readBack = await rpc<unknown, InstanceType<typeof provproto.ReadResponse>>(client, "read", read);
    expect(readBack.getId()).toBe(SEED.companies.acme.uid);
    expect(readBack.getProperties()!.toJavaScript()).toMatchObject({ companyBio: "Transit." });

    const del = new provproto.DeleteRequest();
    del.setUrn(PROFILE);
    del.setId(created.getId());
    del.setProperties(updated.getProperties()!);
    await rpc(client, "delete", del);
    const portal = clientFor(sim, SEED.apiKeys.acmeAdmin);
    expect((await portal.getMarketplaceProfile()).profileVisibility).toBe("PRIVATE");
  });
});

describe("pulumi-resource-megaport-mx with the real CLI", () => {
  /** The schema as the CLI prints it back: it leaves out empty lists. */
  const withoutEmptyLists = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withoutEmptyLists);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => [k, withoutEmptyLists(v)]),
    );
  };

  it("pulumi package get-schema starts the plugin, reads its port and gets the generated schema", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-cli-"));
    try {
      const result = spawnSync(
        path.join(pulumiCliRoot(), "bin", "pulumi"),
        ["package", "get-schema", LAUNCHER],
        {
          encoding: "utf8",
          env: { ...NO_SETTINGS, ...isolatedPulumiEnv({ home, passphrase: "unused" }) },
          timeout: 60_000,
        },
      );
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
      const written = JSON.parse(
        fs.readFileSync(path.join(ROOT, "provider/plugin/schema.json"), "utf8"),
      ) as unknown;
      expect(JSON.parse(result.stdout)).toEqual(withoutEmptyLists(written));
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

describe("pulumi-resource-megaport-mx: a create's timeout comes from the request", () => {
  const VXC = "urn:pulumi:dev::plugin-test::megaport-mx:index:VxcConnection::slow";
  let sim: Simulator;
  let client: Client;
  let stop: () => void;
  beforeAll(async () => {
    sim = await startTestSimulator();
    ({ client, stop } = await startPlugin({
      ...NO_SETTINGS,
      MEGAPORT_MX_POLL_INTERVAL_MS: "50",
      MEGAPORT_MX_MAX_POLL_INTERVAL_MS: "200",
    }));
    await configureFor(client, sim, SEED.apiKeys.globexAdmin);
  }, 30_000);
  afterAll(async () => {
    stop?.();
    await sim?.close();
  });

  it("a VXC nobody accepts fails at the request's deadline with its id kept, and delete cancels it", async () => {
    const checked = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      client,
      "check",
      checkRequest(VXC, {
        name: "Globex slow",
        rateLimit: 100,
        aEnd: { productUid: SEED.ports.globexSydRed.uid },
        // Acme's Sydney Red waits for a person at Acme to accept: nobody does.
        bEnd: { productUid: SEED.ports.acmeSydRed.uid },
      }),
    );
    expect(failuresOf(checked)).toEqual([]);
    const create = new provproto.CreateRequest();
    create.setUrn(VXC);
    create.setProperties(checked.getInputs()!);
    // customTimeouts.create of 2 s, as the engine sends it: without it the kind would wait its default (an hour).
    create.setTimeout(2);
    const started = Date.now();
    const err = await rpc(client, "create", create).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(err?.message).toContain("megaport-mx:");
    // A partial failure: the engine records the VXC from the details, so nothing ordered is lost.
    const details = err!.metadata.get("grpc-status-details-bin")[0] as Buffer;
    const status = statusproto.Status.deserializeBinary(details);
    const failed = provproto.ErrorResourceInitFailed.deserializeBinary(
      status.getDetailsList()[0].getValue_asU8(),
    );
    const uid = failed.getId();
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    const globex = clientFor(sim, SEED.apiKeys.globexAdmin);
    expect((await globex.getVxc(uid)).provisioningStatus).not.toBe("DECOMMISSIONED");

    const del = new provproto.DeleteRequest();
    del.setUrn(VXC);
    del.setId(uid);
    del.setProperties(failed.getProperties()!);
    del.setTimeout(30);
    await rpc(client, "delete", del);
    expect(["CANCELLED", "DECOMMISSIONED"]).toContain((await globex.getVxc(uid)).provisioningStatus);
  }, 30_000);
});

describe("pulumi-resource-megaport-mx's stack identity and setting names", () => {
  const PROVIDER = "urn:pulumi:dev::plugin-test::pulumi:providers:megaport-mx::default";
  const SETTINGS = { accessKey: "a", secretKey: { ...SECRET_SIG, value: "s" }, environment: "staging" };
  let client: Client;
  let stop: () => void;
  beforeAll(async () => {
    ({ client, stop } = await startPlugin(NO_SETTINGS));
  }, 30_000);
  afterAll(() => stop?.());

  const checkConfig = async (olds: Record<string, unknown>) =>
    (
      await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
        client,
        "checkConfig",
        checkRequest(PROVIDER, SETTINGS, olds),
      )
    )
      .getInputs()!
      .toJavaScript() as Record<string, unknown>;

  it("CheckConfig mints an identity for a new provider and keeps the one its old inputs hold", async () => {
    const first = await checkConfig({});
    const second = await checkConfig({});
    const kept = await checkConfig({ ...SETTINGS, __stackId: "the-stacks-own" });
    expect(first.__stackId).toMatch(/^[0-9a-f-]{36}$/);
    // Two providers never made before (another backend's stack of the same names) get two identities.
    expect(second.__stackId).not.toBe(first.__stackId);
    expect(kept.__stackId).toBe("the-stacks-own");
  });

  it("a new resource takes its provider's identity; a resource made before keeps its own", async () => {
    const news = { name: "edge", rateLimit: 100, aEnd: { productUid: UID }, serviceKey: UID };
    const made = { ...news, __stackId: "its-own" };
    const req = new provproto.ConfigureRequest();
    req.setArgs(structproto.Struct.fromJavaScript({ ...SETTINGS, __stackId: "provider-id" } as never));
    await rpc(client, "configure", req);
    const check = async (olds: Record<string, unknown>) =>
      (
        await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
          client,
          "check",
          checkRequest(URN, news, olds),
        )
      )
        .getInputs()!
        .toJavaScript() as Record<string, unknown>;
    expect((await check({})).__stackId).toBe("provider-id");
    // Made under another provider (an older plugin's default provider): its VXC's tags carry that identity.
    expect((await check(made)).__stackId).toBe("its-own");
  });

  it("a resource keeps the order key and owner it was made with; a new one's come from its URN", async () => {
    const news = { name: "edge", rateLimit: 100, aEnd: { productUid: UID }, serviceKey: UID };
    const check = async (urn: string, olds: Record<string, unknown>) =>
      (
        await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
          client,
          "check",
          checkRequest(urn, news, olds),
        )
      )
        .getInputs()!
        .toJavaScript() as Record<string, unknown>;
    const child = "urn:pulumi:dev::plugin-test::acme:index:Site$megaport-mx:index:VxcConnection::edge";
    const fresh = await check(child, {});
    expect(fresh.__owner).toEqual({ project: "plugin-test", stack: "dev", resource: "acme:index:Site/edge" });
    expect(fresh.__idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    // Migrated from the dynamic resources, whose SDK names the component by type and name: its VXC's order tags carry
    // that key, which the URN (types only) cannot give again.
    const migrated = {
      ...news,
      __idempotencyKey: "0123456789abcdef0123456789abcdef",
      __owner: { project: "plugin-test", stack: "dev", resource: "acme:index:Site$site-1/edge" },
    };
    const kept = await check(child, migrated);
    expect(kept.__idempotencyKey).toBe(migrated.__idempotencyKey);
    expect(kept.__owner).toEqual(migrated.__owner);
  });

  it("a settings problem names the key as the plugin reads it (megaport-mx:…)", async () => {
    const resp = await rpc<unknown, InstanceType<typeof provproto.CheckResponse>>(
      client,
      "checkConfig",
      checkRequest(PROVIDER, { environment: "staging" }),
    );
    const reasons = failuresOf(resp)
      .map((f) => f.reason)
      .join("\n");
    expect(reasons).toContain("pulumi config set --secret megaport-mx:accessKey");
    expect(reasons).not.toMatch(/(^|[^-])megaport:/);
  });
});
