// The plugin's console routing (provider/plugin/engine-log.ts) against a stand-in for the engine's Log RPC: each line
// carries the URN of the call it was printed in, across awaits and timers and with calls interleaved; a line outside
// any call carries none; nothing reaches stdout.
import * as grpc from "@grpc/grpc-js";
import {
  engineAddress,
  engineSink,
  flushLogs,
  routeConsole,
  withUrn,
} from "../../../provider/plugin/engine-log";

const enginerpc =
  require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof import("@pulumi/pulumi/proto/engine_grpc_pb");
const emptyproto =
  require("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");

type Logged = { severity: number; message: string; urn: string; ephemeral: boolean };

describe("the plugin's console routing to the engine's Log", () => {
  const saved = { ...console };
  const logged: Logged[] = [];
  let server: grpc.Server;
  let sink: ReturnType<typeof engineSink>;

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(enginerpc.EngineService, {
      log: (
        call: grpc.ServerUnaryCall<import("@pulumi/pulumi/proto/engine_pb").LogRequest, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        const r = call.request;
        logged.push({
          severity: r.getSeverity(),
          message: r.getMessage(),
          urn: r.getUrn(),
          ephemeral: r.getEphemeral(),
        });
        cb(null, new emptyproto.Empty());
      },
    } as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    sink = engineSink(`127.0.0.1:${port}`);
  });

  afterAll(() => {
    Object.assign(console, saved);
    sink?.close();
    server?.forceShutdown();
  });

  it("finds the engine's address after the flags the engine may pass first", () => {
    expect(engineAddress(["127.0.0.1:4000"])).toBe("127.0.0.1:4000");
    expect(engineAddress(["--logtostderr", "-v=9", "--tracing", "file:/tmp/t", "127.0.0.1:4000"])).toBe(
      "127.0.0.1:4000",
    );
    expect(engineAddress([])).toBeUndefined();
  });

  it("logs each line against the URN of the call it is printed in, and none on stdout", async () => {
    const stdout = jest.spyOn(process.stdout, "write");
    routeConsole(sink);
    const call = (urn: string, delayMs: number) =>
      withUrn(urn, async () => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        console.log("waiting on %s", urn);
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            console.warn(`still waiting on ${urn}`);
            resolve();
          }, delayMs),
        );
      });
    await Promise.all([call("urn:a", 30), call("urn:b", 5), call("urn:c", 15)]);
    console.log("outside any call");
    await flushLogs();
    Object.assign(console, saved);
    expect(stdout).not.toHaveBeenCalled();
    stdout.mockRestore();

    for (const urn of ["urn:a", "urn:b", "urn:c"]) {
      expect(logged.filter((l) => l.urn === urn)).toEqual([
        { severity: 1, message: `waiting on ${urn}`, urn, ephemeral: false },
        { severity: 2, message: `still waiting on ${urn}`, urn, ephemeral: false },
      ]);
    }
    expect(logged.filter((l) => l.urn === "")).toEqual([
      { severity: 1, message: "outside any call", urn: "", ephemeral: false },
    ]);
  });
});
