// `megaport-mx import`: the names it gives, the file it writes, its command line, and whose VXC the tags say it is.
import { importFileText, planImport, resourceName } from "../../../cli/import-plan";
import { parseImportArgs, runImport } from "../../../cli/import";
import { EXIT } from "../../../cli/exit-codes";
import { UsageError } from "../../../cli/errors";
import {
  idempotencyKey,
  IDEMPOTENCY_KEY,
  IDEMPOTENCY_TAG,
  OWNER_KEY,
  RESOURCE_TAG,
  STACK_ID_KEY,
  STACK_ID_TAG,
  STACK_TAG,
} from "../../../provider/kinds/hidden-inputs";
import { holderElsewhere } from "../../../provider/kinds/vxc-connection/vxc-import";

describe("resource names", () => {
  it.each([
    ["Sydney transit", "sydney-transit"],
    ["  Globex → Acme (10G) ", "globex-acme-10g"],
    ["Zürich über-link", "zurich-uber-link"],
    ["100G to AWS", "vxc-100g-to-aws"],
    ["", "vxc"],
    ["→ ← !!", "vxc"],
    ["a".repeat(80), "a".repeat(60)],
  ])("%j becomes %j", (label, name) => {
    expect(resourceName(label, "vxc")).toBe(name);
  });
});

describe("the import plan", () => {
  it("gives each object a unique name, also against the stack's own, and keeps a name this stack's tags give", () => {
    const plan = planImport(
      [
        { kind: "VxcConnection", id: "u1", label: "Sydney transit" },
        { kind: "VxcConnection", id: "u2", label: "Sydney transit" },
        { kind: "VxcConnection", id: "u3", label: "sydney TRANSIT" },
        { kind: "VxcConnection", id: "u4", label: "Renamed in the portal", taggedName: "toAws" },
        { kind: "MarketplaceProfile", id: "c1", label: "Globex Corporation profile" },
        { kind: "NotificationSubscription", id: "42", label: "notifications noc@globex.example" },
      ],
      ["sydney-transit"],
    );
    expect(plan.file.resources).toEqual([
      { type: "megaport-mx:index:VxcConnection", name: "sydney-transit-2", id: "u1" },
      { type: "megaport-mx:index:VxcConnection", name: "sydney-transit-3", id: "u2" },
      { type: "megaport-mx:index:VxcConnection", name: "sydney-transit-4", id: "u3" },
      { type: "megaport-mx:index:VxcConnection", name: "toAws", id: "u4" },
      { type: "megaport-mx:index:MarketplaceProfile", name: "globex-corporation-profile", id: "c1" },
      {
        type: "megaport-mx:index:NotificationSubscription",
        name: "notifications-noc-globex-example",
        id: "42",
      },
    ]);
    expect(plan.leftOut).toEqual([]);
  });

  it("leaves out what it is told to, and a VXC whose tagged name another resource of the stack has now", () => {
    const plan = planImport(
      [
        {
          kind: "VxcConnection",
          id: "u1",
          label: "Core",
          leaveOut: "another stack holds it by its tags (…)",
        },
        { kind: "VxcConnection", id: "u2", label: "Old", taggedName: "core" },
      ],
      ["core"],
    );
    expect(plan.file.resources).toEqual([]);
    expect(plan.leftOut).toEqual([
      { kind: "VxcConnection", id: "u1", label: "Core", why: "another stack holds it by its tags (…)" },
      {
        kind: "VxcConnection",
        id: "u2",
        label: "Old",
        why: expect.stringContaining(
          'its tags name resource "core" of this stack, which holds another object',
        ),
      },
    ]);
  });

  it("writes the file pulumi import --file reads: type, name and id of each resource, nothing else", () => {
    const plan = planImport([{ kind: "VxcConnection", id: "u1", label: "A", leaveOut: undefined }], []);
    expect(JSON.parse(importFileText(plan))).toEqual({
      resources: [{ type: "megaport-mx:index:VxcConnection", name: "a", id: "u1" }],
    });
    expect(importFileText(planImport([], []))).toBe('{\n  "resources": []\n}\n');
  });
});

describe("the command line", () => {
  it("takes --stack, --cwd, --out (relative to the program) and --json; refuses anything else", () => {
    expect(parseImportArgs(["--stack", "dev", "--out", "i.json"], "/p")).toEqual({
      stack: "dev",
      cwd: "/p",
      out: "/p/i.json",
      json: false,
      help: false,
    });
    expect(parseImportArgs([], "/p").out).toBe("/p/import.json");
    expect(() => parseImportArgs(["--out"], "/p")).toThrow(UsageError);
    expect(() => parseImportArgs(["--yes"], "/p")).toThrow("unknown flag --yes");
  });

  it("a bad command line exits 64 with the usage, before touching a stack; --help exits 0", async () => {
    const printed: string[] = [];
    expect(await runImport(["--stack"], (line) => printed.push(line))).toBe(EXIT.USAGE);
    expect(printed.join("\n")).toMatch(
      /^megaport-mx import: --stack needs a value\nusage: megaport-mx import/,
    );
    expect(await runImport(["--help"], () => undefined)).toBe(EXIT.OK);
  });
});

describe("who holds a VXC by its tags, for an import by resource r of stack p/s", () => {
  const hidden = (stackId?: string) => ({
    [OWNER_KEY]: { project: "p", stack: "s", resource: "r" },
    [IDEMPOTENCY_KEY]: idempotencyKey("p", "s", "r"),
    ...(stackId ? { [STACK_ID_KEY]: stackId } : {}),
  });
  const ours = [
    { key: STACK_TAG, value: "p/s" },
    { key: RESOURCE_TAG, value: "r" },
    { key: IDEMPOTENCY_TAG, value: `${idempotencyKey("p", "s", "r")}.abc` },
  ];

  it("nobody: no tags, or this very resource's (a declined import, an order of this stack)", () => {
    expect(holderElsewhere([], hidden())).toBeUndefined();
    expect(holderElsewhere([{ key: "team", value: "noc" }], hidden())).toBeUndefined();
    expect(holderElsewhere(ours, hidden())).toBeUndefined();
    expect(holderElsewhere([...ours, { key: STACK_ID_TAG, value: "id-1" }], hidden("id-1"))).toBeUndefined();
  });

  it("another stack identity, another stack by name, or another resource of this stack", () => {
    const other = [...ours, { key: STACK_ID_TAG, value: "id-2" }];
    expect(holderElsewhere(other, hidden("id-1"))).toBe('stack p/s, resource "r", stack identity id-2');
    // A stack without an identity cannot prove a tagged identity is its own.
    expect(holderElsewhere(other, hidden())).toContain("stack identity id-2");
    expect(holderElsewhere([{ key: STACK_TAG, value: "network/prod" }], hidden())).toContain(
      "stack network/prod",
    );
    const sibling = [
      { key: STACK_TAG, value: "p/s" },
      { key: RESOURCE_TAG, value: "q" },
      { key: IDEMPOTENCY_TAG, value: `${idempotencyKey("p", "s", "q")}.abc` },
    ];
    expect(holderElsewhere(sibling, hidden())).toContain('resource "q"');
  });

  it("names count only where no identity decides: a renamed stack keeps its VXC by its identity", () => {
    const renamed = [
      { key: STACK_TAG, value: "p/old-name" },
      { key: STACK_ID_TAG, value: "id-1" },
      { key: IDEMPOTENCY_TAG, value: `${idempotencyKey("p", "s", "r")}.abc` },
    ];
    expect(holderElsewhere(renamed, hidden("id-1"))).toBeUndefined();
    expect(holderElsewhere(renamed, hidden())).toBeDefined();
  });
});
