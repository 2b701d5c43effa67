// Shared set-up for the client tests: a loopback server, clients pointed at it with tiny retry delays and
// a private rate limiter, a record of every error a test provoked, and the leak check that proves no
// credential is in any of them. Must never: let a test pass while an error it caught holds a secret.

import { inspect } from "node:util";
import type { MegaportError } from "../../../../provider/client/errors";
import { MegaportClient, type MegaportClientOptions } from "../../../../provider/client/megaport-client";
import { RequestBudget } from "../../../../provider/client/request-budget";
import { startTestServer, type TestServer } from "./test-server";

export interface Harness {
  server: TestServer;
  client(overrides?: Partial<MegaportClientOptions>): MegaportClient;
  /** Awaits a promise that must reject, records the error for the leak check, and returns it. */
  failure(promise: Promise<unknown>): Promise<MegaportError>;
  /** Everything that must never appear in an error: secret key, Basic value, every issued token. */
  secrets(): string[];
  /** Errors recorded by failure(). */
  errors: unknown[];
  /** Log lines written by clients made with client(). */
  logLines: string[];
}

/** Registers beforeEach/afterEach hooks and returns a harness whose members are fresh per test. */
export function useHarness(): Harness {
  const clients: MegaportClient[] = [];
  const extraSecrets: string[] = [];
  const harness: Harness = {
    server: undefined as unknown as TestServer,
    errors: [],
    logLines: [],
    client(overrides = {}) {
      // A test that gives its own key must have it leak-checked too.
      if (overrides.secretKey)
        extraSecrets.push(
          overrides.secretKey,
          basicValue(overrides.accessKey ?? harness.server.accessKey, overrides.secretKey),
        );
      const client = new MegaportClient({
        accessKey: harness.server.accessKey,
        secretKey: harness.server.secretKey,
        baseUrl: harness.server.url,
        tokenUrl: harness.server.tokenUrl,
        rateLimiter: RequestBudget.unlimited(),
        log: (line) => harness.logLines.push(line),
        ...overrides,
        // Tests override single retry knobs; the rest stay tiny so no test really waits.
        retry: { baseDelayMs: 1, maxDelayMs: 20, random: () => 0, ...overrides.retry },
      });
      clients.push(client);
      return client;
    },
    async failure(promise) {
      try {
        await promise;
      } catch (err) {
        harness.errors.push(err);
        return err as MegaportError;
      }
      throw new Error("expected the call to fail, but it succeeded");
    },
    secrets() {
      const basic = harness.server.expectedBasic;
      return [
        harness.server.secretKey,
        basic,
        basic.slice("Basic ".length),
        ...harness.server.issuedTokens,
        ...extraSecrets,
      ];
    },
  };
  beforeEach(async () => {
    harness.server = await (await import("./test-server")).startTestServer();
    harness.errors.length = 0;
    harness.logLines.length = 0;
    extraSecrets.length = 0;
  });
  afterEach(async () => {
    try {
      // The leak check runs on every error every test provoked, then on every log line.
      expectNoSecrets([...harness.errors, ...harness.logLines], harness.secrets());
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await harness.server.close();
    }
  });
  return harness;
}

/** Fails when any secret appears in JSON.stringify or util.inspect (hidden properties and causes too). */
export function expectNoSecrets(values: readonly unknown[], secrets: readonly string[]): void {
  for (const value of values) {
    const renderings = [safeStringify(value), inspect(value, { depth: 12, showHidden: true, getters: true })];
    if (value instanceof Error) renderings.push(value.message, value.stack ?? "", safeStringify(value.cause));
    for (const text of renderings) {
      for (const secret of secrets) {
        if (secret && text.includes(secret)) {
          throw new Error(
            `a secret leaked into ${describe(value)}: …${text.slice(Math.max(0, text.indexOf(secret) - 40), text.indexOf(secret))}[secret]`,
          );
        }
      }
    }
  }
}

function basicValue(accessKey: string, secretKey: string): string {
  return Buffer.from(`${accessKey}:${secretKey}`).toString("base64");
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message.slice(0, 80)}` : typeof value;
}

export { startTestServer };
