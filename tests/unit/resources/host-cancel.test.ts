// The engine's Cancel reaching the provider process, in both adapters, and what the order desk does once it has:
// - the dynamic-provider host (@pulumi/pulumi's cmd/dynamic-provider) answers Cancel with nothing; hearHostCancel
//   hears it on the host's own copy of @grpc/grpc-js. Pinned against the installed @pulumi/pulumi: an upgrade whose
//   grpc-js no longer looks handlers up this way fails here, not silently in a user's `pulumi up`;
// - the plugin's Cancel handler cancels the process;
// - once cancelled, no order is sent.
import * as grpc from "@grpc/grpc-js";
import {
  cancelledBecause,
  cancelThisProcess,
  resetCancellationForTests,
} from "../../../provider/client/cancellation";
import type { MegaportClient } from "../../../provider/client/megaport-client";
import { hearHostCancel } from "../../../provider/dynamic/engine-liveness";
import { placeOrder } from "../../../provider/kinds/vxc-connection/vxc-order-batch";
import { serve } from "../../../provider/plugin/plugin-server";

const HOST_SCRIPT = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
const CANCEL = "/pulumirpc.ResourceProvider/Cancel";
const GET_PLUGIN_INFO = "/pulumirpc.ResourceProvider/GetPluginInfo";

afterEach(() => resetCancellationForTests());

/** Calls one unary method with an empty request, as the engine does for Cancel. */
function callEmpty(address: string, method: string): Promise<void> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise<void>((resolve, reject) =>
    client.makeUnaryRequest(
      method,
      () => Buffer.alloc(0),
      (bytes: Buffer) => bytes,
      {},
      (err) => {
        client.close();
        if (err) reject(err);
        else resolve();
      },
    ),
  );
}

describe("the dynamic-provider host", () => {
  it("hears the engine's Cancel on the host's own gRPC server, and only Cancel", async () => {
    const heard: string[] = [];
    expect(hearHostCancel(HOST_SCRIPT, () => heard.push("cancel"))).toBe(true);
    // A server of the host's copy of grpc-js, answering as the host does: Cancel with nothing.
    const hostGrpc = require(
      require.resolve("@grpc/grpc-js", { paths: [require("node:path").dirname(HOST_SCRIPT)] }),
    ) as typeof grpc;
    const server = new hostGrpc.Server();
    const empty = (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => callback(null, Buffer.alloc(0));
    for (const path of [CANCEL, GET_PLUGIN_INFO])
      server.register(
        path,
        empty,
        (b: Buffer) => b,
        (b: Buffer) => b,
        "unary",
      );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", hostGrpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    try {
      await callEmpty(`127.0.0.1:${port}`, GET_PLUGIN_INFO);
      expect(heard).toEqual([]);
      await callEmpty(`127.0.0.1:${port}`, CANCEL);
      expect(heard).toEqual(["cancel"]);
    } finally {
      server.forceShutdown();
    }
  });

  it("says so when the host's gRPC library cannot be found", () => {
    expect(hearHostCancel("/nowhere/cmd/dynamic-provider/index.js", () => undefined)).toBe(false);
  });
});

describe("the plugin", () => {
  it("cancels the process on the engine's Cancel", async () => {
    const { port, server } = await serve(() => cancelThisProcess("the engine asked to cancel"));
    try {
      expect(cancelledBecause()).toBeUndefined();
      await callEmpty(`127.0.0.1:${port}`, CANCEL);
      expect(cancelledBecause()).toBe("the engine asked to cancel");
    } finally {
      server.forceShutdown();
    }
  });
});

describe("the order desk once the process is cancelled", () => {
  it("sends no order: the create fails saying nothing was ordered", async () => {
    const calls: string[] = [];
    const client = {
      validateVxcOrder: async () => void calls.push("validate"),
      buyVxc: async () => void calls.push("buy"),
    } as unknown as MegaportClient;
    cancelThisProcess("SIGTERM to the provider process");
    const item = {
      productUid: "a-end",
      associatedVxcs: [
        { productName: "to-acme", rateLimit: 100, term: 1 as const, aEnd: { vlan: 0 }, bEnd: {} },
      ],
    };
    const error = await placeOrder(client, { item, lookup: undefined, name: "to-acme" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "MX_CANCELLED" });
    expect((error as Error).message).toBe(
      'Stopped before ordering VXC "to-acme": the operation was cancelled (SIGTERM to the provider process); nothing was sent.',
    );
    expect(calls).toEqual([]);
  });
});
