// `pulumi up` of N VXCs while the API misbehaves the ways the real one and networks do, each kind of fault alone
// and all together: 5xx (500 included) on any call, 429 bursts with Retry-After, dropped connections, answers lost
// after the work was done, access tokens revoked. Every experiment must end with exactly the N VXCs declared and no
// duplicate; it prints how many `up`s that took (the target is one) and which faults fired where.
//
// Orders are coalesced, so an `up` of N VXCs makes only a handful of requests and a rate-based fault often fires on
// none of them: an experiment that injects nothing proves nothing. So each experiment names the faults it is about
// and makes them deterministic (the Nth request matching a route, every Nth request), asserts from the simulator's
// request log that each fired at least once on the path it tests, and prints the counts. "all together" stays
// rate-based, seeded, as a soak.
import type { FaultConfig, FaultRule } from "../../simulator/faults";
import type { RequestEntry } from "../../simulator/request-log";
import { startWorld, type World } from "../support/world";
import { backendText, collect, type E2eStack } from "../support/pulumi-stack";
import {
  customerStack,
  filesUnder,
  issuedTokens,
  manyVxcs,
  report,
  runSeed,
  secretHits,
  seededRandom,
  tally,
} from "./reliability-world";

// Six VXCs (on both of Globex's A-end ports) still go out as one batched order, the coalescing a lost or refused
// buy hits, and each deterministic experiment asserts its named faults fired. The soak keeps twenty: its faults are
// rate-based, so it needs the traffic. The large figures are the bench's.
const DETERMINISTIC_N = 6;
const SOAK_N = 20;
const MAX_UPS = 3;
const TIMEOUT = 6 * 60_000;
const seed = runSeed();

const BUY = { method: "POST", path: "/v4/networkdesign/buy" };
const VALIDATE = { method: "POST", path: "/v3/networkdesign/validate" };
const LISTING = { method: "GET", path: "^/v2/products$" };

/** A fault that must fire: the label the request log gives it, on "METHOD /route/template" (or anywhere). */
interface Expected {
  fault: string;
  on?: string;
}

interface Experiment {
  label: string;
  /** How many VXCs the `up` declares. */
  n: number;
  faults: FaultConfig;
  expected: Expected[];
}

const rateBased5xx = (rate: number): FaultRule[] =>
  ([500, 502, 503, 504] as const).map((status) => ({ kind: "status", status, rate }));

// Rules that name one request come first: when two rules fire on one request, the first one's answer is sent.
// Scaled to a test run of seconds: the issue's "tokens revoked every 30 s" becomes every 3 s.
const EXPERIMENTS: Experiment[] = [
  {
    label: "5xx (every third request a 500; 502, 503 on the first validate and listing)",
    n: DETERMINISTIC_N,
    faults: {
      rules: [
        { kind: "status", status: 502, ...VALIDATE, nth: 1 },
        { kind: "status", status: 503, ...LISTING, nth: 1 },
        { kind: "status", status: 500, every: 3 },
      ],
    },
    expected: [
      { fault: "status 500" },
      { fault: "status 502", on: "POST /v3/networkdesign/validate" },
      { fault: "status 503", on: "GET /v2/products" },
    ],
  },
  {
    // A third of the time every call is refused with 429, as an IP shared with busy tools would see it; the first
    // buy surely.
    label: "429 bursts with Retry-After",
    n: DETERMINISTIC_N,
    faults: {
      rules: [
        { kind: "status", status: 429, ...BUY, nth: 1, retryAfterSeconds: 1 },
        { kind: "status", status: 429, periodMs: 1500, burstMs: 500 },
      ],
    },
    expected: [{ fault: "status 429", on: "POST /v4/networkdesign/buy" }],
  },
  {
    label: "dropped connections (the first validate and listing, every seventh request)",
    n: DETERMINISTIC_N,
    faults: {
      rules: [
        { kind: "drop", ...VALIDATE, nth: 1 },
        { kind: "drop", ...LISTING, nth: 1 },
        { kind: "drop", every: 7 },
      ],
    },
    expected: [
      { fault: "drop", on: "POST /v3/networkdesign/validate" },
      { fault: "drop", on: "GET /v2/products" },
    ],
  },
  {
    label: "answers lost after the work (the first buy dropped, the first validate a 502, once made)",
    n: DETERMINISTIC_N,
    faults: {
      rules: [
        { kind: "drop", after: true, ...BUY, nth: 1 },
        { kind: "status", status: 502, after: true, ...VALIDATE, nth: 1 },
      ],
    },
    expected: [
      { fault: "drop (after)", on: "POST /v4/networkdesign/buy" },
      { fault: "status 502 (after)", on: "POST /v3/networkdesign/validate" },
    ],
  },
  {
    label: "tokens revoked (between validate and buy, and every 3 s)",
    n: DETERMINISTIC_N,
    faults: {
      rules: [{ kind: "token-expiry", ...BUY, nth: 1 }],
      revokeTokensEveryMs: 3000,
    },
    // The schedule is counted ("token revoked on schedule") but not asserted: a run may end before a boundary.
    expected: [{ fault: "token-expiry", on: "POST /v4/networkdesign/buy" }],
  },
  {
    label: "all together (seeded rates, a soak)",
    n: SOAK_N,
    faults: {
      rules: [
        ...rateBased5xx(0.025),
        { kind: "status", status: 429, periodMs: 1500, burstMs: 500 },
        { kind: "drop", rate: 0.03 },
        { kind: "drop", after: true, rate: 0.05, method: "POST" },
        { kind: "status", status: 502, after: true, rate: 0.05, method: "POST" },
      ],
      revokeTokensEveryMs: 3000,
    },
    expected: [],
  },
];

let world: World;
const places: { name: string; text: string }[] = [];
const tokens = new Set<string>();

beforeAll(async () => {
  report(`faults: seed ${seed} for the soak's rates (RELIABILITY_SEED=${seed} repeats them)`);
  world = await startWorld({ random: seededRandom(seed) });
});

afterAll(async () => {
  const hits = secretHits(places, [...world.secrets(), ...tokens]);
  report(
    `faults: searched ${places.length} outputs and files for secrets, Basic and Bearer values: ${hits.length} hits`,
  );
  await world?.close();
  expect(hits).toEqual([]);
});

describe("pulumi up of VXCs under faults", () => {
  it.each(EXPERIMENTS.map((e) => [e.label, e.n, e] as const))(
    "%s: exactly %i VXCs, no duplicate, each named fault fired",
    async (label, N, { faults, expected }) => {
      const prefix = `F${EXPERIMENTS.findIndex((e) => e.label === label)}`;
      let e2e: E2eStack | undefined;
      try {
        e2e = await customerStack(world, `faults-${prefix.toLowerCase()}`, manyVxcs(prefix, N));
        world.sim.requests.reset();
        await putFaults(faults);
        const started = Date.now();
        let ups = 0;
        let converged = false;
        while (!converged && ups < MAX_UPS) {
          ups += 1;
          converged = await e2e.stack.up({ onOutput: collect(e2e), parallel: N }).then(
            () => true,
            (err: Error) => {
              const lines = err.message.split("\n").filter((l) => /error:/.test(l));
              report(
                `faults[${label}]: up ${ups} failed: ${[...new Set(lines)].slice(0, 3).join(" | ").slice(0, 600)}`,
              );
              return false;
            },
          );
          for (const token of issuedTokens(world)) tokens.add(token);
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        await putFaults({ rules: [], revokeTokensEveryMs: false });
        const log = world.sim.requests.snapshot(Number.MAX_SAFE_INTEGER);
        const fired = firedFaults(log.recent);
        const { live, names, duplicates, orphans } = await tally(world, e2e, prefix);
        report(
          `faults[${label}]: ${live} VXCs for ${N} declared, ${duplicates} duplicates, ${orphans} orphans, ` +
            `converged in ${converged ? ups : `more than ${MAX_UPS}`} up(s), ${seconds} s, ` +
            `${log.total} API requests, ${log.token.total} token requests, 401s ${log.byStatus["401"] ?? 0}; ` +
            `faults fired: ${[...fired].map(([where, n]) => `${n}× ${where}`).join(", ") || "none"}`,
        );
        expect(converged).toBe(true);
        // Each named fault fired on the path it tests (and the log held every request of the run).
        expect(log.recent.length).toBe(log.total + log.token.total);
        const whereFired = [...fired.keys()];
        const missing = expected.filter(({ fault, on }) =>
          on
            ? !fired.has(`${fault} on ${on}`)
            : !whereFired.some((where) => where.startsWith(`${fault} on `)),
        );
        expect(missing).toEqual([]);
        expect({ live, names, duplicates, orphans }).toEqual({
          live: N,
          names: N,
          duplicates: 0,
          orphans: 0,
        });

        await e2e.stack.destroy({ onOutput: collect(e2e), parallel: N });
        expect((await tally(world, e2e, prefix)).live).toBe(0);
      } finally {
        await putFaults({ rules: [], revokeTokensEveryMs: false });
        if (e2e) {
          places.push({ name: `${label}: CLI output`, text: e2e.output.join("\n") });
          places.push({ name: `${label}: backend`, text: backendText(e2e) });
          places.push(...filesUnder(`${e2e.tmpDir}/home`));
          await e2e.cleanup();
        }
      }
    },
    TIMEOUT,
  );
});

/** "status 502 (after) on POST /v3/networkdesign/validate" → how many times, from the request log's entries. */
function firedFaults(entries: readonly RequestEntry[]): Map<string, number> {
  const fired = new Map<string, number>();
  for (const entry of entries) {
    // A 401 no rule caused is a token the schedule revoked (revokeTokensEveryMs).
    const scheduled = entry.fault === null && entry.status === 401 ? ["token revoked on schedule"] : [];
    for (const fault of [...(entry.fault?.split(", ") ?? []), ...scheduled]) {
      const where = `${fault} on ${entry.method} ${entry.route}`;
      fired.set(where, (fired.get(where) ?? 0) + 1);
    }
  }
  return fired;
}

async function putFaults(config: FaultConfig): Promise<void> {
  const res = await fetch(`${world.sim.url}/_sim/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  if (!res.ok) throw new Error(`PUT /_sim/faults answered ${res.status}: ${await res.text()}`);
}
