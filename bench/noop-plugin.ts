// The plugin adapter's yardstick: a provider plugin, pulumi-resource-megaport-bench-noop, serving one resource type,
// `megaport-bench-noop:index:Noop`, whose create returns its inputs, whose diff finds no change and whose delete
// returns. It is served as the megaport-mx plugin is (a Node.js process, @grpc/grpc-js, @pulumi/pulumi's protocol
// definitions; provider/plugin/plugin-server.ts) and driven by a Pulumi YAML program, as the plugin rows are, so `up`
// of N of them is what the engine, the YAML host and a Node.js plugin cost for N resources, megaport-mx's work apart:
// the plugin rows' engine floor, as the no-op dynamic resources (bench/programs/noop) are the dynamic rows'.
import * as grpc from "@grpc/grpc-js";

const provrpc =
  require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto =
  require("@pulumi/pulumi/proto/provider_pb") as typeof import("@pulumi/pulumi/proto/provider_pb");
const plugproto =
  require("@pulumi/pulumi/proto/plugin_pb") as typeof import("@pulumi/pulumi/proto/plugin_pb");
const emptyproto =
  require("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");

export const NOOP_PACKAGE = "megaport-bench-noop";
export const NOOP_TYPE = `${NOOP_PACKAGE}:index:Noop`;

const SCHEMA = JSON.stringify({
  name: NOOP_PACKAGE,
  version: "0.0.1",
  resources: {
    [NOOP_TYPE]: {
      description: "A resource whose create, diff and delete do nothing.",
      inputProperties: { key: { type: "string" } },
      requiredInputs: ["key"],
      properties: { key: { type: "string" } },
      required: ["key"],
    },
  },
});

type Handler = (call: { request: unknown }, callback: (err: unknown, res?: unknown) => void) => void;
const answer =
  (make: (req: never) => unknown): Handler =>
  (call, callback) =>
    callback(null, make(call.request as never));
const unimplemented =
  (name: string): Handler =>
  (_call, callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by ${NOOP_PACKAGE}` });

type CheckRequest = InstanceType<typeof provproto.CheckRequest>;
const checked = (req: CheckRequest) => {
  const resp = new provproto.CheckResponse();
  const news = req.getNews();
  if (news) resp.setInputs(news);
  return resp;
};

const handlers: Record<string, Handler> = {
  handshake: unimplemented("Handshake"),
  parameterize: unimplemented("Parameterize"),
  getMapping: unimplemented("GetMapping"),
  getMappings: unimplemented("GetMappings"),
  invoke: unimplemented("Invoke"),
  streamInvoke: unimplemented("StreamInvoke"),
  call: unimplemented("Call"),
  construct: unimplemented("Construct"),
  diffConfig: unimplemented("DiffConfig"),
  getPluginInfo: answer(() => {
    const info = new plugproto.PluginInfo();
    info.setVersion("0.0.1");
    return info;
  }),
  attach: answer(() => new emptyproto.Empty()),
  getSchema: answer(() => {
    const resp = new provproto.GetSchemaResponse();
    resp.setSchema(SCHEMA);
    return resp;
  }),
  checkConfig: answer(checked),
  configure: answer(() => {
    const resp = new provproto.ConfigureResponse();
    resp.setAcceptsecrets(true);
    resp.setSupportspreview(false);
    resp.setAcceptresources(false);
    return resp;
  }),
  check: answer(checked),
  diff: answer(() => {
    const resp = new provproto.DiffResponse();
    resp.setChanges(provproto.DiffResponse.DiffChanges.DIFF_NONE);
    return resp;
  }),
  create: answer((req: InstanceType<typeof provproto.CreateRequest>) => {
    const resp = new provproto.CreateResponse();
    const props = req.getProperties();
    resp.setId(String(props?.toJavaScript().key ?? "noop"));
    if (props) resp.setProperties(props);
    return resp;
  }),
  read: answer((req: InstanceType<typeof provproto.ReadRequest>) => {
    const resp = new provproto.ReadResponse();
    resp.setId(req.getId());
    const props = req.getProperties();
    if (props) resp.setProperties(props);
    return resp;
  }),
  update: answer((req: InstanceType<typeof provproto.UpdateRequest>) => {
    const resp = new provproto.UpdateResponse();
    const news = req.getNews();
    if (news) resp.setProperties(news);
    return resp;
  }),
  delete: answer(() => new emptyproto.Empty()),
  cancel: answer(() => new emptyproto.Empty()),
};

if (require.main === module) {
  const server = new grpc.Server();
  server.addService(
    provrpc.ResourceProviderService,
    handlers as unknown as grpc.UntypedServiceImplementation,
  );
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`pulumi-resource-${NOOP_PACKAGE}: ${String(err)}\n`);
      process.exit(1);
    }
    // The engine reads the port from the first line on stdout.
    process.stdout.write(`${port}\n`);
  });
}
