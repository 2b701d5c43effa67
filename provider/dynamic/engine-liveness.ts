// Ends this provider process within seconds once the Pulumi engine that started it is gone (a `kill -9` of the CLI, a
// CI runner that died). The Node.js dynamic-provider host has no such check: without it the process keeps waiting
// on approvals for up to an hour and, once the dead CLI's pipes close, spins writing EPIPE errors to them.
// It asks the engine's gRPC address for its health the way Pulumi's own Go plugins do (rpcutil.Healthcheck): any
// answer, UNIMPLEMENTED included, means alive; unreachable twice running means gone. Waits die with the process;
// the orders they wait on are tagged, so the next `pulumi up` finds them. Must never keep the process alive itself.
import * as grpc from "@grpc/grpc-js";

export interface EngineWatchOptions {
  /** The engine's gRPC address ("127.0.0.1:port"), as the engine passes it to the provider process. */
  address: string;
  /** How often to ask. Default 2 s. */
  intervalMs?: number;
  /** What to do when the engine is gone. Default: exit the process. */
  onGone?: () => void;
}

const HEALTH_CHECK = "/grpc.health.v1.Health/Check";
const ALIVE_CODES = new Set([grpc.status.OK, grpc.status.UNIMPLEMENTED]);

/** Starts watching; returns a function that stops it. */
export function watchEngine(options: EngineWatchOptions): () => void {
  const intervalMs = options.intervalMs ?? 2000;
  const onGone = options.onGone ?? (() => process.exit(1));
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

let watching = false;

/**
 * In the dynamic-provider host (argv: node …/cmd/dynamic-provider <engine address>), start watching the engine once
 * per process, and leave at once if stdout or stderr break (the CLI that read them is gone). Elsewhere (tests, the
 * approver) it does nothing.
 */
export function watchEngineOfThisProcess(argv: readonly string[] = process.argv): void {
  if (watching) return;
  const script = argv[1] ?? "";
  const address = argv[2];
  if (!/dynamic-provider/.test(script) || !address || !/:\d+$/.test(address)) return;
  watching = true;
  watchEngine({ address });
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") process.exit(1);
    });
  }
}
