// Progress per resource (issue 17): what the kinds print with console.* while the plugin serves a call goes to the
// engine's Log RPC with that call's URN, so the CLI shows it on the resource's row. The kinds keep calling console.log
// (they know nothing of an engine); the call's URN travels in AsyncLocalStorage, which follows the kinds' awaits and
// timers (a watch's progress timer is set inside the call that started the watch). Never to stdout: the engine reads
// the plugin's port from there. Not `ephemeral`: the kinds' lines are records as well as progress (what was ordered,
// cancelled or left behind), and an ephemeral line is dropped from the CLI's diagnostics once the row moves on.
import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";
import * as grpc from "@grpc/grpc-js";

const enginerpc =
  require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof import("@pulumi/pulumi/proto/engine_grpc_pb");
const engineproto =
  require("@pulumi/pulumi/proto/engine_pb") as typeof import("@pulumi/pulumi/proto/engine_pb");

type Severity = import("@pulumi/pulumi/proto/engine_pb").LogSeverity;

const callUrn = new AsyncLocalStorage<string>();

/** Runs `fn` as part of the engine's call on the resource `urn`: what it logs is logged against that URN. */
export function withUrn<T>(urn: string, fn: () => T): T {
  return callUrn.run(urn, fn);
}

/**
 * The engine's address from the plugin's command line: the engine starts a plugin as
 * `pulumi-resource-x [--logtostderr] [-v=N] [--tracing <endpoint>] <engine-address>`.
 */
export function engineAddress(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i++;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

/** Where the routed lines go: the engine's Log, or stderr when there is no engine to hand them to. */
export interface LogSink {
  log(severity: Severity, message: string, urn: string): Promise<void>;
}

const stderrSink: LogSink = {
  async log(_severity, message, urn) {
    process.stderr.write(`${urn ? `${urn}: ` : ""}${message}\n`);
  },
};

/** The engine's Log RPC at `address`; a line the engine does not take goes to stderr instead of being lost. */
export function engineSink(address: string): LogSink & { close(): void } {
  const client = new enginerpc.EngineClient(address, grpc.credentials.createInsecure());
  return {
    log(severity, message, urn) {
      const req = new engineproto.LogRequest();
      req.setSeverity(severity);
      req.setMessage(message);
      req.setUrn(urn);
      req.setEphemeral(false);
      return new Promise((resolve) =>
        client.log(req, (err) => {
          if (err) void stderrSink.log(severity, message, urn);
          resolve();
        }),
      );
    },
    close: () => client.close(),
  };
}

const pending = new Set<Promise<void>>();

/** Until every line logged so far has reached the engine: a call answers after what it logged. */
export async function flushLogs(): Promise<void> {
  await Promise.all([...pending]);
}

/** Sends console.log/info/debug/warn/error to `sink`, with the URN of the call they are made in ("" outside one). */
export function routeConsole(sink: LogSink = stderrSink): void {
  const { DEBUG, INFO, WARNING, ERROR } = engineproto.LogSeverity;
  const route =
    (severity: Severity) =>
    (...args: unknown[]) => {
      const sent = sink.log(severity, format(...args), callUrn.getStore() ?? "");
      pending.add(sent);
      void sent.finally(() => pending.delete(sent));
    };
  console.log = route(INFO);
  console.info = route(INFO);
  console.debug = route(DEBUG);
  console.warn = route(WARNING);
  console.error = route(ERROR);
}
