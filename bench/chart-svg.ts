// The results as one hand-drawn SVG (no charting dependency): three panels over N, a line per method: wall / D,
// API requests per VXC (log scale), and LIVE → create-returns (or seen) p95. A hollow point is a poller stopped at
// its cap, so its figure is a lower bound. Dashed lines are the issue's targets. Readable in any browser.
import type { BenchResults, MethodResult } from "./bench-result";

const WIDTH = 1080;
const HEIGHT = 420;
const PANEL = { width: 300, height: 250, top: 90, gap: 45, left: 60 };
const COLOURS: Record<string, string> = {
  "megaport-mx dynamic": "#1565c0",
  "megaport-mx plugin": "#00897b",
  "poller 10 s": "#c62828",
  "poller 30 s": "#ef6c00",
};
const FALLBACK_COLOURS = ["#6a1b9a", "#2e7d32", "#5d4037"];

interface Panel {
  title: string;
  value: (m: MethodResult) => number | null;
  log: boolean;
  /** Dashed reference lines: value and label (below the line at the left, else above it at the right). */
  references: { at: number; label: string; below?: boolean }[];
}

const PANELS: Panel[] = [
  {
    title: "wall / D",
    value: (m) => m.wallOverD,
    log: false,
    references: [
      { at: 1.15, label: "1.15 (N ≤ 100)", below: true },
      { at: 1.3, label: "1.3 (N ≥ 500)" },
    ],
  },
  {
    title: "API requests per VXC (log)",
    value: (m) => m.requestsPerVxc,
    log: true,
    references: [{ at: 1, label: "1" }],
  },
  {
    title: "LIVE → return / seen, p95 (s)",
    value: (m) => (m.liveToReturn ? m.liveToReturn.p95Ms / 1000 : null),
    log: false,
    references: [{ at: 5, label: "5 s" }],
  },
];

export function chartSvg(results: BenchResults): string {
  const ns = results.runs.map((r) => r.n);
  const methods = [...new Set(results.runs.flatMap((r) => r.methods.map((m) => m.method)))];
  const colour = (method: string) =>
    COLOURS[method] ?? FALLBACK_COLOURS[methods.indexOf(method) % FALLBACK_COLOURS.length];
  const env = results.environment;
  const settings = results.settings;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    text(20, 26, `megaport-mx scale benchmark: pulumi up of N VXCs against the simulator`, {
      size: 16,
      weight: "bold",
    }),
    text(
      20,
      46,
      `D = ${settings.delaySeconds} s, cancel delay ${settings.cancelDelaySeconds} s, 500 requests / 5 min per IP; ` +
        `pollers capped at ${settings.pollerCapSeconds} s (hollow point = capped, a lower bound)`,
      { fill: "#444" },
    ),
  ];
  PANELS.forEach((panel, i) => {
    const x0 = PANEL.left + i * (PANEL.width + PANEL.gap);
    parts.push(drawPanel(panel, x0, ns, results, methods, colour));
  });
  // Legend.
  methods.forEach((method, i) => {
    const x = 20 + i * 160;
    const y = HEIGHT - 42;
    parts.push(
      `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="${colour(method)}" stroke-width="2.5"/>`,
      `<circle cx="${x + 12}" cy="${y}" r="4" fill="${colour(method)}"/>`,
      text(x + 30, y + 4, method),
    );
  });
  parts.push(
    text(
      20,
      HEIGHT - 14,
      `${env.date} · ${env.cpus} CPUs (${env.cpuModel}) · Node ${env.node} · Pulumi CLI ${env.pulumiCli} · ` +
        `commit ${env.gitCommit.slice(0, 10)}${env.gitDirty ? " (modified)" : ""}`,
      { fill: "#666", size: 11 },
    ),
    "</svg>",
  );
  return `${parts.join("\n")}\n`;
}

function drawPanel(
  panel: Panel,
  x0: number,
  ns: number[],
  results: BenchResults,
  methods: string[],
  colour: (method: string) => string,
): string {
  const { width, height, top } = PANEL;
  const values = results.runs.flatMap((r) => r.methods.map(panel.value)).filter(isNumber);
  const refs = panel.references.map((r) => r.at);
  const scale = panel.log ? logScale([...values, ...refs]) : linearScale([...values, ...refs]);
  const y = (v: number) => top + height - scale.fraction(v) * height;
  const x = (i: number) => x0 + (ns.length === 1 ? width / 2 : (i / (ns.length - 1)) * (width - 40) + 20);
  const out: string[] = [
    text(x0, top - 12, panel.title, { weight: "bold" }),
    `<rect x="${x0}" y="${top}" width="${width}" height="${height}" fill="none" stroke="#bbb"/>`,
  ];
  for (const tick of scale.ticks) {
    const ty = y(tick);
    out.push(
      `<line x1="${x0}" y1="${ty.toFixed(1)}" x2="${x0 + width}" y2="${ty.toFixed(1)}" stroke="#eee"/>`,
      text(x0 - 6, ty + 4, formatTick(tick), { anchor: "end", fill: "#555" }),
    );
  }
  for (const ref of panel.references) {
    const ry = y(ref.at);
    out.push(
      `<line x1="${x0}" y1="${ry.toFixed(1)}" x2="${x0 + width}" y2="${ry.toFixed(1)}" stroke="#2e7d32" stroke-dasharray="5,4"/>`,
      ref.below
        ? text(x0 + 4, ry + 12, `target ${ref.label}`, { fill: "#2e7d32", size: 10 })
        : text(x0 + width - 4, ry - 4, `target ${ref.label}`, { anchor: "end", fill: "#2e7d32", size: 10 }),
    );
  }
  ns.forEach((n, i) => {
    out.push(text(x(i), top + height + 16, `N = ${n}`, { anchor: "middle", fill: "#555" }));
  });
  methods.forEach((method, k) => {
    // Side by side by a few pixels, so methods with equal figures all show.
    const nudge = (k - (methods.length - 1) / 2) * 7;
    const points = results.runs
      .map((run, i) => {
        const m = run.methods.find((r) => r.method === method);
        const v = m ? panel.value(m) : null;
        return m && isNumber(v) ? { px: x(i) + nudge, py: y(v), v, capped: !m.finished } : null;
      })
      .filter((p) => p !== null);
    if (points.length > 1) {
      const d = points.map((p, i) => `${i ? "L" : "M"}${p.px.toFixed(1)},${p.py.toFixed(1)}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${colour(method)}" stroke-width="2"/>`);
    }
    for (const p of points) {
      out.push(
        `<circle cx="${p.px.toFixed(1)}" cy="${p.py.toFixed(1)}" r="4" fill="${p.capped ? "#fff" : colour(method)}" stroke="${colour(method)}" stroke-width="2"><title>${escape(`${method}: ${p.capped ? "≥ " : ""}${formatTick(p.v)}`)}</title></circle>`,
      );
    }
  });
  return out.join("\n");
}

interface Scale {
  fraction(v: number): number;
  ticks: number[];
}

function linearScale(values: number[]): Scale {
  const max = niceCeiling(Math.max(...values, 1e-9) * 1.1);
  const step = max / 5;
  return {
    fraction: (v) => Math.min(1, Math.max(0, v / max)),
    ticks: Array.from({ length: 6 }, (_, i) => i * step),
  };
}

function logScale(values: number[]): Scale {
  const positive = values.filter((v) => v > 0);
  const low = Math.floor(Math.log10(Math.min(...positive, 1)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...positive, 1))));
  return {
    fraction: (v) => (v <= 0 ? 0 : Math.min(1, Math.max(0, (Math.log10(v) - low) / (high - low)))),
    ticks: Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i)),
  };
}

/** 1, 2, 2.5 or 5 × a power of ten, at least `v`. */
function niceCeiling(v: number): number {
  const power = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= v) ?? 10) * power;
}

function formatTick(v: number): string {
  if (v === 0) return "0";
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 1) return String(Number(v.toFixed(2)));
  return String(Number(v.toPrecision(2)));
}

function text(
  x: number,
  y: number,
  content: string,
  style: { size?: number; weight?: string; fill?: string; anchor?: string } = {},
): string {
  const attrs = [
    `x="${x.toFixed(1)}"`,
    `y="${y.toFixed(1)}"`,
    style.size ? `font-size="${style.size}"` : "",
    style.weight ? `font-weight="${style.weight}"` : "",
    style.fill ? `fill="${style.fill}"` : "",
    style.anchor ? `text-anchor="${style.anchor}"` : "",
  ].filter(Boolean);
  return `<text ${attrs.join(" ")}>${escape(content)}</text>`;
}

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function isNumber(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}
