// What the bench prints and writes: one table per N (a row per method, the issue's columns), the targets beside
// it marked met / missed, where the requests went, and the results as JSON plus an SVG chart in the output
// directory: `<stamp>.json` / `.svg` for every run, `latest.json` / `.svg` for the newest run (a smoke run writes
// `smoke-…` files instead, so it never replaces the figures of a real run).
import * as fs from "node:fs";
import * as path from "node:path";
import type { BenchResults, BenchSettings, MethodResult, NResult } from "./bench-result";
import { chartSvg } from "./chart-svg";

const COLUMNS: { title: string; cell: (m: MethodResult) => string }[] = [
  { title: "method", cell: (m) => m.method },
  { title: "wall", cell: (m) => seconds(m.wallMs) + (m.finished ? "" : " (cap)") },
  { title: "wall/D", cell: (m) => (m.finished ? m.wallOverD.toFixed(2) : `>${m.wallOverD.toFixed(2)}`) },
  {
    title: "above D (floor)",
    cell: (m) => (m.engineFloorMs === null ? "—" : `${seconds(m.aboveDMs)} (${seconds(m.engineFloorMs)})`),
  },
  { title: "req/VXC", cell: (m) => m.requestsPerVxc.toFixed(2) },
  { title: "requests", cell: (m) => String(m.requests) },
  { title: "429s", cell: (m) => String(m.tooMany) },
  { title: "max in 5 min", cell: (m) => (m.peak5MinWindow === null ? "?" : String(m.peak5MinWindow)) },
  {
    title: "peak RSS (no-op)",
    cell: (m) =>
      m.peakRssMiB === null
        ? "—"
        : `${m.peakRssMiB.toFixed(0)} MiB${m.noopPeakRssMiB === null ? "" : ` (${m.noopPeakRssMiB.toFixed(0)})`}`,
  },
  {
    title: "LIVE→return p50 / p95",
    cell: (m) =>
      m.liveToReturn
        ? `${seconds(m.liveToReturn.medianMs)} / ${seconds(m.liveToReturn.p95Ms)}${m.kind === "poller" ? " (seen)" : ""}`
        : "—",
  },
  { title: "destroy", cell: (m) => (m.destroyMs === null ? "—" : seconds(m.destroyMs)) },
  {
    title: "preview (no-op)",
    cell: (m) =>
      m.previewMs === null || m.noopPreviewMs === null || m.previewRatio === null
        ? "—"
        : `${seconds(m.previewMs)} (${seconds(m.noopPreviewMs)}) = ${m.previewRatio.toFixed(2)} ×`,
  },
];

/** The table of one N, its targets, its notes and where its requests went, as printed on stdout. */
export function formatNResult(result: NResult, settings: BenchSettings): string {
  const parallel = settings.parallel ?? result.n;
  const lines = [
    `N = ${result.n} · D = ${settings.delaySeconds} s (CONFIGURED→LIVE ${settings.configuredSeconds} s) · ` +
      `cancel delay ${settings.cancelDelaySeconds} s · limit 500 requests / 5 min per IP · --parallel ${parallel}`,
  ];
  const rows = [COLUMNS.map((c) => c.title), ...result.methods.map((m) => COLUMNS.map((c) => c.cell(m)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    lines.push(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    );
  for (const m of result.methods) if (m.note) lines.push(`  ${m.method}: ${m.note}`);
  for (const m of result.methods) {
    if (m.previewRequests === null && m.destroyRequests === null) continue;
    lines.push(
      `  ${m.method}: a no-change preview made ${m.previewRequests ?? "?"} requests; destroy ${m.destroyRequests ?? "?"} (${m.destroyTooMany ?? "?"} × 429)`,
    );
  }
  lines.push(`targets (${result.targetTier}; printed, never asserted):`);
  for (const t of result.targets) {
    const mark = t.met === null ? "?  unknown" : t.met ? "✓  met    " : "✗  missed ";
    lines.push(`  ${mark} ${t.target}: ${t.value}`);
  }
  lines.push("requests by route:");
  for (const m of result.methods) {
    lines.push(`  ${m.method}${m.kind === "megaport-mx" ? " up" : ""}: ${routes(m.byRoute)}`);
    if (m.destroyByRoute) lines.push(`  ${m.method} destroy: ${routes(m.destroyByRoute)}`);
  }
  return lines.join("\n");
}

function routes(byRoute: Record<string, number>): string {
  const sorted = Object.entries(byRoute).sort((a, b) => b[1] - a[1]);
  return sorted.map(([route, count]) => `${route} ${count}`).join(", ") || "none";
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export interface WrittenFiles {
  json: string;
  svg: string;
  latestJson: string;
  latestSvg: string;
}

/** Writes `<stamp>.json` / `.svg` and the `latest` pair (prefixed `smoke-` for a smoke run). */
export function writeResults(outDir: string, results: BenchResults, stamp: string): WrittenFiles {
  fs.mkdirSync(outDir, { recursive: true });
  const prefix = results.settings.smoke ? "smoke-" : "";
  // Three decimals are more than any figure here means (ms, MiB, ratios).
  const json = `${JSON.stringify(results, (_key, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toFixed(3)) : v), 2)}\n`;
  const svg = chartSvg(results);
  const files: WrittenFiles = {
    json: path.join(outDir, `${prefix}${stamp}.json`),
    svg: path.join(outDir, `${prefix}${stamp}.svg`),
    latestJson: path.join(outDir, `${prefix}latest.json`),
    latestSvg: path.join(outDir, `${prefix}latest.svg`),
  };
  fs.writeFileSync(files.json, json);
  fs.writeFileSync(files.svg, svg);
  fs.writeFileSync(files.latestJson, json);
  fs.writeFileSync(files.latestSvg, svg);
  return files;
}
