// Whether the Pulumi engine that started this provider process is still there (a `kill -9` of the CLI, a CI runner
// that died, leave it waiting on approvals for up to an hour). Both adapters watch it: the dynamic-provider host
// (provider/dynamic/engine-liveness.ts) and the plugin (provider/plugin/main.ts); each decides what "gone" does.
// It asks the engine's gRPC address for its health the way Pulumi's own Go plugins do (rpcutil.Healthcheck): any
// answer, UNIMPLEMENTED included, means alive; unreachable twice running means gone. Must never keep the process
// alive itself.
import * as grpc from "@grpc/grpc-js";

export interface EngineWatchOptions {
  /** The engine's gRPC address ("127.0.0.1:port"), as the engine passes it to the provider process. */
  address: string;
  /** How often to ask. Default 2 s. */
  intervalMs?: number;
  /** What to do when the engine is gone. */
  onGone: () => void;
}

const HEALTH_CHECK = "/grpc.health.v1.Health/Check";
const ALIVE_CODES = new Set([grpc.status.OK, grpc.status.UNIMPLEMENTED]);

/** Starts watching; returns a function that stops it. */
export function watchEngine(options: EngineWatchOptions): () => void {
  const intervalMs = options.intervalMs ?? 2000;
  const onGone = options.onGone;
  const client = new grpc.Client(options.address, grpc.credentials.createInsecure());
  let misses = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const ask = () => {
    const deadline = new Date(Date.now() + intervalMs);
    client.makeUnaryRequest(
      HEALTH_CHECK,
      () => Buffer.alloc(0),
      (bytes: Buffer) => bytes,
      {},
      new grpc.Metadata(),
      { deadline },
      (err) => {
        if (stopped) return;
        misses = !err || ALIVE_CODES.has(err.code) ? 0 : misses + 1;
        if (misses >= 2) {
          stop();
          onGone();
          return;
        }
        schedule();
      },
    );
  };
  const schedule = () => {
    timer = setTimeout(ask, intervalMs);
    timer.unref();
  };
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    client.close();
  };
  schedule();
  return stop;
}
