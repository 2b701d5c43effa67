// The shapes of a benchmark's results, as bench/results/*.json holds them, and the statistics they are made with.
// Every field is always present: a figure that does not apply to a method (a poller has no provider process, no
// destroy and no preview) is null, never left out, so a reader (and the CI smoke test) can rely on the keys.

export const METHODS = ["megaport-mx", "poller"] as const;

/** How megaport-mx is served: dynamic resources in a Node.js program, or the provider plugin from a YAML program. */
export const ADAPTERS = ["dynamic", "plugin"] as const;
export type Adapter = (typeof ADAPTERS)[number];

export interface Distribution {
  count: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface MethodResult {
  /** "megaport-mx dynamic", "megaport-mx plugin", "poller 10 s", "poller 30 s". */
  method: string;
  kind: (typeof METHODS)[number];
  /** megaport-mx's adapter; null for a poller. */
  adapter: Adapter | null;
  /**
   * The engine floor: `up` of N no-op resources served as this adapter's are (a no-op dynamic provider from a Node.js
   * program; a no-op Node.js plugin from a YAML program), ms; null for a poller.
   */
  engineFloorMs: number | null;
  /** The poller's period, s; null for megaport-mx. */
  pollSeconds: number | null;
  /** Every VXC LIVE (megaport-mx: `up` succeeded; a poller: every VXC seen LIVE before the cap). */
  finished: boolean;
  /** Why not, in words ("did not finish in 10 min: …"); null when finished. */
  note: string | null;
  /** `pulumi up`, or the poller from its first order to the last VXC seen LIVE (or to the cap). */
  wallMs: number;
  wallOverD: number;
  /** `wallMs` less the provisioning delay D: what the run spent beyond the wait nobody can shorten. */
  aboveDMs: number;
  /** VXCs LIVE and returned (megaport-mx) or seen LIVE (poller). */
  vxcsDone: number;
  /** API requests (the token endpoint apart, as Megaport's limit counts). */
  requests: number;
  requestsPerVxc: number;
  /** 429 answers among `requests`. */
  tooMany: number;
  tokenRequests: number;
  /** The most API requests within any 5 minutes of the run; null if the simulator's log could not show it. */
  peak5MinWindow: number | null;
  /** Requests by route ("GET /v2/product/{uid}"). */
  byRoute: Record<string, number>;
  /** Peak resident memory of the provider process (dynamic provider or plugin) during `up`, MiB; null for a poller. */
  peakRssMiB: number | null;
  /** The same of the no-op stack's provider during its `up`: what a bare Node.js provider of that adapter costs. */
  noopPeakRssMiB: number | null;
  /** The simulator's LIVE time to when create returned (megaport-mx) or the poll that saw LIVE returned. */
  liveToReturn: Distribution | null;
  /** `pulumi destroy`, ms; null for a poller. */
  destroyMs: number | null;
  destroyRequests: number | null;
  destroyTooMany: number | null;
  destroyByRoute: Record<string, number> | null;
  /**
   * `destroy`'s API requests per `bucketSeconds` from its start: where the request budget paced it (a destroy of
   * hundreds of VXCs needs a tag read and a cancel each); null for a poller or when the log had a gap.
   */
  destroyRequestRate: { bucketSeconds: number; counts: number[] } | null;
  /** `pulumi preview` with no changes, ms (fastest of the runs); null for a poller. */
  previewMs: number | null;
  previewRequests: number | null;
  /** The same of the stack of N no-op resources of that adapter, ms. */
  noopPreviewMs: number | null;
  previewRatio: number | null;
  /** API requests per `bucketSeconds` from the start of the run; null if the simulator's log had a gap. */
  requestRate: { bucketSeconds: number; counts: number[] } | null;
}

export interface TargetVerdict {
  /** What is judged, e.g. "wall ≤ 1.15 × D". */
  target: string;
  /** The figure, as printed. */
  value: string;
  /** null: cannot be judged from this run (the figure is missing, or only a bound is known). */
  met: boolean | null;
}

export interface NResult {
  n: number;
  methods: MethodResult[];
  /** Which issue targets apply at this N ("N = 100" or "N = 500"). */
  targetTier: string;
  targets: TargetVerdict[];
}

export interface BenchSettings {
  ns: number[];
  /** megaport-mx's rows, one per adapter. */
  adapters: Adapter[];
  /** Order → LIVE, s (D). */
  delaySeconds: number;
  /** Of which CONFIGURED → LIVE, s. */
  configuredSeconds: number;
  cancelDelaySeconds: number;
  pollers: number[];
  pollerCapSeconds: number;
  /** `--parallel` of every pulumi command; null = N. */
  parallel: number | null;
  previewRuns: number;
  rateLimitMbps: number;
  smoke: boolean;
}

export interface BenchEnvironment {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
  gitCommit: string;
  /** Uncommitted changes under provider/, sdk/ or simulator/ when the run started. */
  gitDirty: boolean;
  simulatorRateLimit: { maxRequests: number; windowMs: number };
  /** 1, 5 and 15 minutes, when the run started: the machine may be shared. */
  loadAverageAtStart: number[];
}

export interface BenchResults {
  schema: 1;
  environment: BenchEnvironment;
  settings: BenchSettings;
  runs: NResult[];
}

/** Linear interpolation between closest ranks (the common "type 7" percentile), of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function distribution(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  return {
    count: values.length,
    medianMs: percentile(values, 50),
    p95Ms: percentile(values, 95),
    maxMs: Math.max(...values),
  };
}

/** How many of `times` (epoch ms) fall in each `bucketMs` from `startMs`. */
export function histogram(times: readonly number[], startMs: number, bucketMs: number): number[] {
  const counts: number[] = [];
  for (const t of times) {
    const i = Math.max(0, Math.floor((t - startMs) / bucketMs));
    while (counts.length <= i) counts.push(0);
    counts[i]++;
  }
  return counts;
}
