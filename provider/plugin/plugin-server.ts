// The second adapter (issue 17): the resource kinds as a Pulumi provider plugin, pulumi-resource-megaport-mx, served
// over the engine's gRPC interface (pulumirpc.ResourceProvider) with the protocol definitions @pulumi/pulumi ships.
// Not through @pulumi/pulumi/provider's server: it drops the provider config in Configure, never passes custom
// timeouts to create/update/delete, and hands secret inputs over wrapped. Here:
// - Configure hands `megaport-mx:*` config and explicit provider inputs to provider/config, under the names it reads;
// - secrets arrive wrapped (the plugin accepts secrets), are unwrapped for the kind, and every output or checked
//   input that was secret, or that the kind declares secret, goes back wrapped, so state encrypts it;
// - what the dynamic SDK adds to a resource's inputs (hidden-inputs.ts) is made from the request: the owner and
//   idempotency key from the URN, the timeouts from the request's own timeout.
import * as grpc from "@grpc/grpc-js";
import { MegaportError } from "../client/errors";
import {
  configure,
  type ConfigSource,
  packageVersion,
  resolveSettings,
  settingsFailures,
} from "../config/provider-config";
import {
  IDEMPOTENCY_KEY,
  idempotencyKey,
  OWNER_KEY,
  type Owner,
  STACK_ID_KEY,
  TIMEOUTS_KEY,
  type Timeouts,
} from "../kinds/hidden-inputs";
import schema from "./schema.json";
import { isSecretMarked, SECRET_MARK } from "../kinds/secret-mark";
import { computedOutputNames, KIND_NAMES, KINDS, type KindName } from "../kinds/kinds";
import type { KindImplementation } from "../kinds/kind-implementation";
import { flushLogs, withUrn } from "./engine-log";
import { configureStackId, resourceStackId, withProviderStackId } from "./stack-id";

const provrpc =
  require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto =
  require("@pulumi/pulumi/proto/provider_pb") as typeof import("@pulumi/pulumi/proto/provider_pb");
const plugproto =
  require("@pulumi/pulumi/proto/plugin_pb") as typeof import("@pulumi/pulumi/proto/plugin_pb");
const statusproto =
  require("@pulumi/pulumi/proto/status_pb") as typeof import("@pulumi/pulumi/proto/status_pb");
const structproto =
  require("google-protobuf/google/protobuf/struct_pb") as typeof import("google-protobuf/google/protobuf/struct_pb");
const emptyproto =
  require("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");
const anyproto =
  require("google-protobuf/google/protobuf/any_pb") as typeof import("google-protobuf/google/protobuf/any_pb");

/** The package's name, as the schema and the type tokens say it. */
export const PACKAGE = schema.name;
/** The settings the plugin takes, as config `megaport-mx:<name>` or provider inputs, as the schema lists them. */
export const SETTINGS: readonly string[] = Object.keys(schema.config.variables);

/**
 * The schema `npm run schema` writes (scripts/plugin-schema.ts), as that script writes it. Imported, so the build
 * copies it into dist/ beside this module and the package ships it there.
 */
export const SCHEMA_TEXT = `${JSON.stringify(schema, null, 2)}\n`;

type Props = Record<string, unknown>;

/** A secret as the engine sends it over gRPC: marked, with its value. */
const isSecret = (value: unknown): value is { value: unknown } => isSecretMarked(value);

/** The value with every secret unwrapped, and the top-level keys that held one anywhere inside. */
export function unwrapSecrets(props: Props): { plain: Props; secretKeys: Set<string> } {
  const secretKeys = new Set<string>();
  const strip = (value: unknown, top: string): unknown => {
    if (isSecret(value)) {
      secretKeys.add(top);
      return strip(value.value, top);
    }
    if (Array.isArray(value)) return value.map((item) => strip(item, top));
    if (typeof value === "object" && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v, top)]));
    return value;
  };
  const plain = Object.fromEntries(Object.entries(props).map(([key, value]) => [key, strip(value, key)]));
  return { plain, secretKeys };
}

function wrapSecrets(props: Props, secretKeys: Iterable<string>): Props {
  const out = { ...props };
  for (const key of secretKeys)
    if (out[key] !== undefined && !isSecret(out[key])) out[key] = { ...SECRET_MARK, value: out[key] };
  return out;
}

/** "urn:pulumi:<stack>::<project>::<parent types$>type::<name>" → the kind, and the owner the SDK would write. */
export function parseUrn(urn: string): { kind: KindName; owner: Owner } {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) throw new Error(`not a resource URN: ${urn}`);
  const stack = parts[0].slice("urn:pulumi:".length);
  const project = parts[1];
  const qualifiedType = parts[2];
  const name = parts.slice(3).join("::");
  const type = qualifiedType.split("$").pop()!;
  const kind = KIND_NAMES.find((k) => `${PACKAGE}:index:${k}` === type);
  if (!kind) throw new Error(`${PACKAGE} serves no resource type ${type}`);
  // The URN names the parents' types, not their names; with the type chain the path is still unique in the stack.
  const parents = qualifiedType.split("$").slice(0, -1);
  return { kind, owner: { project, stack, resource: [...parents, name].join("/") } };
}

/** The kind's implementation, as the adapter-neutral shape every kind has (the table loads each module once). */
const implementationOf = (kind: KindName): KindImplementation => KINDS[kind].implementation();

/**
 * What the dynamic SDK would have added to the inputs, made from the request's URN for a resource being made. A
 * resource keeps the ones its old inputs hold: its VXC's order tags carry them. That matters for a stack moved from the
 * dynamic resources (`megaport-mx migrate`): the SDK names a resource under components by their types and names
 * ("Type$name/child"), a URN only by their types, so a key made again from the URN would no longer be the one its
 * order is tagged with.
 */
function hiddenInputs(owner: Owner, oldInputs: Props = {}): Props {
  const oldKey = oldInputs[IDEMPOTENCY_KEY];
  const oldOwner = oldInputs[OWNER_KEY] as Partial<Owner> | undefined;
  if (typeof oldKey === "string" && oldKey && typeof oldOwner?.resource === "string")
    return { [IDEMPOTENCY_KEY]: oldKey, [OWNER_KEY]: oldOwner };
  return {
    [IDEMPOTENCY_KEY]: idempotencyKey(owner.project, owner.stack, owner.resource),
    [OWNER_KEY]: owner,
  };
}

/** The request's timeout (seconds; 0 when the program set none) as the kind reads it. */
function withTimeout(props: Props, which: keyof Timeouts, seconds: number): Props {
  if (!seconds) return props;
  const timeouts = { ...((props[TIMEOUTS_KEY] as Timeouts | undefined) ?? {}), [which]: seconds * 1000 };
  return { ...props, [TIMEOUTS_KEY]: timeouts };
}

/** Our own errors reach a person as their message, without a stack; a partial failure keeps its id and outputs. */
function grpcError(err: unknown, secretKeys: Iterable<string> = []): grpc.ServiceError {
  const message =
    err instanceof MegaportError ? `megaport-mx: ${err.message}` : String((err as Error)?.stack ?? err);
  const metadata = new grpc.Metadata();
  const partial = err as { id?: unknown; properties?: Props; reasons?: string[] };
  if (typeof partial.id === "string" && partial.id) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(partial.id);
    detail.setProperties(
      structproto.Struct.fromJavaScript(wrapSecrets(partial.properties ?? {}, secretKeys) as never),
    );
    detail.setReasonsList(partial.reasons ?? [message]);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

const toStruct = (props: Props) => structproto.Struct.fromJavaScript(props as never);
const fromStruct = (struct: { toJavaScript(): unknown } | undefined) =>
  (struct?.toJavaScript() ?? {}) as Props;

/** A ConfigSource over the plugin's settings, under the names provider/config reads (`megaport:<name>`). */
function configSource(variables: Map<string, string>, args: Props): ConfigSource {
  return {
    get(key: string) {
      const name = key.replace(/^megaport:/, "");
      const fromArgs = args[name];
      if (typeof fromArgs === "string" && fromArgs) return fromArgs;
      return variables.get(`${PACKAGE}:${name}`) || variables.get(`${PACKAGE}:config:${name}`) || undefined;
    },
  };
}

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/**
 * Runs an async handler, answering with its result or its error shaped for the engine. What it logs is logged against
 * the request's resource (engine-log.ts), and reaches the engine before the answer.
 */
function unary<Req, Res>(handler: (req: Req) => Promise<Res>, secretsOf?: (req: Req) => Iterable<string>) {
  const wrapped: Unary<Req, Res> = (call, callback) => {
    const request = call.request as { getUrn?: () => string };
    const urn = typeof request?.getUrn === "function" ? request.getUrn() : "";
    const answered = withUrn(urn, () => handler(call.request)).then(
      async (result) => {
        await flushLogs();
        callback(null, result);
      },
      async (err: unknown) => {
        await flushLogs();
        const error = grpcError(err, secretsOf?.(call.request));
        callback(error, null, error.metadata);
      },
    );
    answering.add(answered);
    void answered.finally(() => answering.delete(answered));
  };
  return wrapped;
}

const answering = new Set<Promise<void>>();

/** Until every request received so far is answered: the process may end then (lifetime.ts). */
export async function untilAnswered(): Promise<void> {
  while (answering.size > 0) await Promise.allSettled([...answering]);
}

function unimplemented(name: string): Unary<unknown, unknown> {
  return (_call, callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by ${PACKAGE}` }, null);
}

/** The kind's check, with a settings problem reported on it as the dynamic adapter does. */
async function checkResource(kind: KindName, urn: string, olds: Props, news: Props) {
  const { owner } = parseUrn(urn);
  const { plain, secretKeys } = unwrapSecrets(news);
  const oldInputs = unwrapSecrets(olds).plain;
  const result = await implementationOf(kind).check!(oldInputs, {
    ...plain,
    ...hiddenInputs(owner, oldInputs),
    ...resourceStackId(oldInputs),
  });
  const failures = [...(result.failures ?? []), ...settingsFailures()];
  const secret = new Set([...secretKeys, ...KINDS[kind].secretInputs]);
  return { inputs: wrapSecrets((result.inputs ?? news) as Props, secret), failures };
}

/** The engine's marker of a value not known until the resource is created or updated. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * What a preview of create or update answers, should the engine ask (Configure says it need not): the inputs, and
 * every computed output unknown. Nothing is sent to Megaport.
 */
function previewOutputs(kind: KindName, inputs: Props): Props {
  return { ...inputs, ...Object.fromEntries(computedOutputNames(kind).map((name) => [name, UNKNOWN])) };
}

/** The handlers of pulumirpc.ResourceProvider. */
export function providerHandlers(onCancel: () => void) {
  const checkResponse = (inputs: Props, failures: { property: string; reason: string }[]) => {
    const resp = new provproto.CheckResponse();
    resp.setInputs(toStruct(inputs));
    resp.setFailuresList(
      failures.map((f) => {
        const failure = new provproto.CheckFailure();
        failure.setProperty(f.property);
        failure.setReason(f.reason);
        return failure;
      }),
    );
    return resp;
  };
  const secretsOfRequest = (req: {
    getProperties?: () => unknown;
    getNews?: () => unknown;
    getUrn(): string;
  }) => {
    const struct = (req.getNews?.() ?? req.getProperties?.()) as { toJavaScript(): unknown } | undefined;
    const kind = KIND_NAMES.find((k) => req.getUrn().includes(`${PACKAGE}:index:${k}`));
    return [...unwrapSecrets(fromStruct(struct)).secretKeys, ...(kind ? KINDS[kind].secretInputs : [])];
  };

  return {
    handshake: unimplemented("Handshake"),
    parameterize: unimplemented("Parameterize"),
    getMapping: unimplemented("GetMapping"),
    getMappings: unimplemented("GetMappings"),
    invoke: unimplemented("Invoke"),
    streamInvoke: unimplemented("StreamInvoke"),
    call: unimplemented("Call"),
    construct: unimplemented("Construct"),
    diffConfig: unimplemented("DiffConfig"),
    getPluginInfo: unary(async () => {
      const info = new plugproto.PluginInfo();
      info.setVersion(packageVersion());
      return info;
    }),
    attach: unary(async () => new emptyproto.Empty()),
    getSchema: unary(async () => {
      const resp = new provproto.GetSchemaResponse();
      resp.setSchema(SCHEMA_TEXT);
      return resp;
    }),
    checkConfig: unary(async (req: InstanceType<typeof provproto.CheckRequest>) => {
      const news = withProviderStackId(
        unwrapSecrets(fromStruct(req.getOlds())).plain,
        fromStruct(req.getNews()),
      );
      const { plain } = unwrapSecrets(news);
      const failures: { property: string; reason: string }[] = [];
      for (const [key, value] of Object.entries(plain)) {
        if (key === "version" || key === STACK_ID_KEY) continue;
        if (!SETTINGS.includes(key))
          failures.push({
            property: "",
            reason: `${PACKAGE}:${key}: unknown setting; the settings are ${SETTINGS.join(", ")}`,
          });
        else if (typeof value !== "string")
          failures.push({ property: "", reason: `${PACKAGE}:${key} must be text` });
      }
      if (failures.length === 0) {
        try {
          resolveSettings(process.env, configSource(new Map(), plain));
        } catch (err) {
          if (!(err instanceof MegaportError)) throw err;
          failures.push({ property: "", reason: err.message });
        }
      }
      return checkResponse(news, failures);
    }),
    configure: unary(async (req: InstanceType<typeof provproto.ConfigureRequest>) => {
      const variables = new Map(req.getVariablesMap().toArray());
      const args = unwrapSecrets(fromStruct(req.getArgs())).plain;
      configureStackId(args);
      await configure({ config: configSource(variables, args) });
      const resp = new provproto.ConfigureResponse();
      // Secrets come wrapped, so the plugin knows what to keep secret. No preview calls to create or update: the
      // engine previews them itself, as it does for the dynamic resources (computed outputs unknown). Resource
      // references arrive as their ids, which is what the kinds read.
      resp.setAcceptsecrets(true);
      resp.setSupportspreview(false);
      resp.setAcceptresources(false);
      return resp;
    }),
    check: unary(async (req: InstanceType<typeof provproto.CheckRequest>) => {
      const { kind } = parseUrn(req.getUrn());
      const { inputs, failures } = await checkResource(
        kind,
        req.getUrn(),
        fromStruct(req.getOlds()),
        fromStruct(req.getNews()),
      );
      return checkResponse(inputs, failures);
    }),
    diff: unary(async (req: InstanceType<typeof provproto.DiffRequest>) => {
      const { kind } = parseUrn(req.getUrn());
      const olds = unwrapSecrets(fromStruct(req.getOlds())).plain;
      const news = unwrapSecrets(fromStruct(req.getNews())).plain;
      const result = await implementationOf(kind).diff!(req.getId(), olds, news);
      const resp = new provproto.DiffResponse();
      const changes = provproto.DiffResponse.DiffChanges;
      resp.setChanges(
        result.changes === true
          ? changes.DIFF_SOME
          : result.changes === false
            ? changes.DIFF_NONE
            : changes.DIFF_UNKNOWN,
      );
      resp.setReplacesList(result.replaces ?? []);
      resp.setStablesList(result.stables ?? []);
      resp.setDeletebeforereplace(result.deleteBeforeReplace ?? false);
      return resp;
    }),
    create: unary(async (req: InstanceType<typeof provproto.CreateRequest>) => {
      const { kind } = parseUrn(req.getUrn());
      const { plain, secretKeys } = unwrapSecrets(fromStruct(req.getProperties()));
      const resp = new provproto.CreateResponse();
      if (req.getPreview()) {
        resp.setProperties(
          toStruct(wrapSecrets(previewOutputs(kind, plain), [...secretKeys, ...KINDS[kind].secretInputs])),
        );
        return resp;
      }
      const result = await implementationOf(kind).create(withTimeout(plain, "createMs", req.getTimeout()));
      resp.setId(result.id);
      resp.setProperties(
        toStruct(wrapSecrets((result.outs ?? {}) as Props, [...secretKeys, ...KINDS[kind].secretInputs])),
      );
      return resp;
    }, secretsOfRequest),
    read: unary(async (req: InstanceType<typeof provproto.ReadRequest>) => {
      const { kind, owner } = parseUrn(req.getUrn());
      let { plain, secretKeys } = unwrapSecrets(fromStruct(req.getProperties()));
      if (Object.keys(plain).length === 0)
        ({ plain, secretKeys } = unwrapSecrets(fromStruct(req.getInputs())));
      // An id and nothing else: `pulumi import` (the kind reads the object by its natural id and says its inputs).
      const importing = Object.keys(plain).length === 0;
      const result = importing
        ? await implementationOf(kind).import(req.getId(), { ...hiddenInputs(owner), ...resourceStackId({}) })
        : await implementationOf(kind).read(req.getId(), plain);
      const secret = [...secretKeys, ...KINDS[kind].secretInputs];
      const resp = new provproto.ReadResponse();
      resp.setId(result.id ?? "");
      resp.setProperties(toStruct(wrapSecrets((result.props ?? {}) as Props, secret)));
      if (result.inputs) resp.setInputs(toStruct(wrapSecrets(result.inputs as Props, secret)));
      return resp;
    }),
    update: unary(async (req: InstanceType<typeof provproto.UpdateRequest>) => {
      const { kind } = parseUrn(req.getUrn());
      const olds = unwrapSecrets(fromStruct(req.getOlds())).plain;
      const { plain, secretKeys } = unwrapSecrets(fromStruct(req.getNews()));
      const resp = new provproto.UpdateResponse();
      const secret = [...secretKeys, ...KINDS[kind].secretInputs];
      if (req.getPreview()) {
        resp.setProperties(toStruct(wrapSecrets(previewOutputs(kind, plain), secret)));
        return resp;
      }
      const result = await implementationOf(kind).update(
        req.getId(),
        olds,
        withTimeout(plain, "updateMs", req.getTimeout()),
      );
      resp.setProperties(toStruct(wrapSecrets((result.outs ?? {}) as Props, secret)));
      return resp;
    }, secretsOfRequest),
    delete: unary(async (req: InstanceType<typeof provproto.DeleteRequest>) => {
      const { kind } = parseUrn(req.getUrn());
      const props = unwrapSecrets(fromStruct(req.getProperties())).plain;
      await implementationOf(kind).delete(req.getId(), withTimeout(props, "deleteMs", req.getTimeout()));
      return new emptyproto.Empty();
    }),
    cancel: unary(async () => {
      onCancel();
      return new emptyproto.Empty();
    }),
  };
}

/** Serves the provider on a free local port; resolves to the port, which the engine reads from stdout. */
export async function serve(
  onCancel: () => void = () => undefined,
): Promise<{ port: number; server: grpc.Server }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(
    provrpc.ResourceProviderService,
    providerHandlers(onCancel) as unknown as grpc.UntypedServiceImplementation,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  return { port, server };
}
