// The provider process leaves once the engine that started it is gone, and stays while it answers.
import * as grpc from "@grpc/grpc-js";
import { watchEngine } from "../../../provider/resources/engine-watch";

async function startEngineStandIn(): Promise<{ address: string; stop: () => Promise<void> }> {
  // A gRPC server with no services answers every call UNIMPLEMENTED, as an engine without a health service does.
  const server = new grpc.Server();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

function goneWithin(ms: number, start: (onGone: () => void) => () => void): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, ms);
    const stop = start(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe("watching the engine", () => {
  test("an engine that answers (even UNIMPLEMENTED) keeps the provider alive", async () => {
    const engine = await startEngineStandIn();
    try {
      const gone = await goneWithin(600, (onGone) =>
        watchEngine({ address: engine.address, intervalMs: 50, onGone }),
      );
      expect(gone).toBe(false);
    } finally {
      await engine.stop();
    }
  });

  test("an engine that goes away ends the provider within a few checks", async () => {
    const engine = await startEngineStandIn();
    let stopWatching: () => void = () => undefined;
    const gone = goneWithin(
      3000,
      (onGone) => (stopWatching = watchEngine({ address: engine.address, intervalMs: 50, onGone })),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await engine.stop();
    expect(await gone).toBe(true);
    stopWatching();
  });

  test("a stopped watch never reports", async () => {
    const gone = await goneWithin(400, (onGone) => {
      const stop = watchEngine({ address: "127.0.0.1:1", intervalMs: 50, onGone });
      stop();
      return stop;
    });
    expect(gone).toBe(false);
  });
});
