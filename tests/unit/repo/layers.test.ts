// The layers of docs/design.md ("Layout"), read from the sources: each folder imports only the ones below it, and no
// module imports itself round a cycle. Type-only imports are left out (they load nothing); `require("./…")` is
// counted (the table of kinds loads each kind that way).
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "../../..");

/** Each layer and the layers its modules may load, besides its own. */
const MAY_LOAD: Record<string, readonly string[]> = {
  "provider/client": [],
  "provider/config": ["provider/client"],
  "provider/watch": ["provider/client"],
  "provider/approval": ["provider/client"],
  "provider/kinds": ["provider/client", "provider/config", "provider/watch", "provider/approval"],
  "provider/dynamic": ["provider/client", "provider/config", "provider/kinds"],
  // The provider plugin (issue 17), the second adapter beside the dynamic one.
  "provider/plugin": ["provider/client", "provider/config", "provider/kinds"],
  // StackIdentity's kind talks to no API, so its stored path hands it on without the adapter.
  "provider/resources": ["provider/dynamic", "provider/kinds/stack-identity"],
  // The classes read the table of kinds and the schemas, never an implementation: a program loads no HTTP client.
  sdk: [
    "provider/kinds/kinds.ts",
    "provider/kinds/refused-keys.ts",
    "provider/kinds/hidden-inputs.ts",
    "provider/kinds/stack-identity",
    "provider/client/schemas",
  ],
};
/** Layers above every adapter: they may use anything but an adapter or the stored paths. */
const NEVER_AN_ADAPTER = ["cli", "policy", "scripts", "bench"];
const ADAPTERS = ["provider/dynamic", "provider/plugin", "provider/resources"];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(file);
    return /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [file] : [];
  });
}

/** The repository-relative modules a source loads at run time. */
function loads(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;"']*?\sfrom\s+)?["'](\.[^"']+)["']/gm),
    ...text.matchAll(/\brequire\(\s*["'](\.[^"']+)["']\s*\)/g),
  ].map((match) => match[1]);
  return specifiers.flatMap((specifier) => {
    const base = path.join(path.dirname(file), specifier);
    const found = [`${base}.ts`, path.join(base, "index.ts")].find((c) => fs.existsSync(path.join(ROOT, c)));
    return found ? [found] : [];
  });
}

const within = (file: string, place: string) => file === place || file.startsWith(`${place}/`);
const layerOf = (file: string) =>
  Object.keys(MAY_LOAD)
    .filter((layer) => within(file, layer))
    .sort((a, b) => b.length - a.length)[0];

const FILES = ["provider", "sdk", "cli", "policy", "scripts", "bench"].flatMap(sources);
const GRAPH = new Map(
  FILES.map((file) => [file, loads(file, fs.readFileSync(path.join(ROOT, file), "utf8"))]),
);

describe("the layers of docs/design.md", () => {
  it("finds the layout's folders and their imports", () => {
    for (const layer of Object.keys(MAY_LOAD)) expect(FILES.some((file) => within(file, layer))).toBe(true);
    expect(GRAPH.get("provider/resources/vxc-connection/index.ts")).toEqual([
      "provider/dynamic/dynamic-provider.ts",
    ]);
    expect(GRAPH.get("provider/kinds/kinds.ts")).toContain("provider/kinds/vxc-connection/vxc-connection.ts");
  });

  it("each layer loads only the layers below it", () => {
    const upward: string[] = [];
    for (const [file, targets] of GRAPH) {
      const layer = layerOf(file);
      for (const target of targets) {
        if (layer && !within(target, layer) && !MAY_LOAD[layer].some((allowed) => within(target, allowed)))
          upward.push(`${file} -> ${target}`);
        if (NEVER_AN_ADAPTER.some((top) => within(file, top)) && ADAPTERS.some((a) => within(target, a)))
          upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("no module loads itself round a cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const target of GRAPH.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of FILES) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
