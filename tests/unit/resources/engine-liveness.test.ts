// The provider process leaves once the engine that started it is gone, and stays while it answers.
import * as grpc from "@grpc/grpc-js";
import { watchEngine } from "../../../provider/config/engine-liveness";
import { eventually } from "../../support/eventually";

/** A stand-in for the engine that answers every health check UNIMPLEMENTED, as an engine without the service does. */
async function startEngineStandIn(): Promise<{
  address: string;
  checks: () => number;
  stop: () => Promise<void>;
}> {
  const server = new grpc.Server();
  let checks = 0;
  server.register(
    "/grpc.health.v1.Health/Check",
    (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => {
      checks++;
      callback({ code: grpc.status.UNIMPLEMENTED });
    },
    (bytes: Buffer) => bytes,
    (bytes: Buffer) => bytes,
    "unary",
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    checks: () => checks,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

describe("watching the engine", () => {
  test("an engine that answers (even UNIMPLEMENTED) keeps the provider alive", async () => {
    const engine = await startEngineStandIn();
    let gone = false;
    const stop = watchEngine({ address: engine.address, intervalMs: 50, onGone: () => (gone = true) });
    try {
      await eventually(() => engine.checks() >= 5, 5000, "five health checks answered", { intervalMs: 10 });
      expect(gone).toBe(false);
    } finally {
      stop();
      await engine.stop();
    }
  });

  test("an engine that goes away ends the provider within a few checks", async () => {
    const engine = await startEngineStandIn();
    let gone = false;
    const stop = watchEngine({ address: engine.address, intervalMs: 50, onGone: () => (gone = true) });
    try {
      await eventually(() => engine.checks() >= 1, 5000, "a health check answered", { intervalMs: 10 });
      expect(gone).toBe(false);
      await engine.stop();
      await eventually(() => gone, 3000, "the watch to report the engine gone", { intervalMs: 10 });
    } finally {
      stop();
    }
  });

  test("a stopped watch never reports", async () => {
    let gone = false;
    const stop = watchEngine({ address: "127.0.0.1:1", intervalMs: 50, onGone: () => (gone = true) });
    stop();
    // The wait is the point: nothing may happen once stopped, and only time shows that. Eight intervals is four
    // times what a watch left running needs to report an address where nothing listens (two misses).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(gone).toBe(false);
  });
});
