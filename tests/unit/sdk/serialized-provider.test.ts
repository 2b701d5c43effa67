// What the engine stores in state as each resource's `__provider`: a small shim that loads this package by name,
// with no credentials and nothing large captured (docs/design.md, "The provider in Pulumi's state").
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import * as fs from "node:fs";
import { KIND_NAMES, KINDS, providerModulePath, typeToken } from "../../../provider/kinds/kinds";
import * as sdk from "../../../sdk";
import { shimFor } from "../../../sdk/megaport-resource";

const serialized = JSON.parse(
  execFileSync("node", [path.join(__dirname, "serialize-shims.js")], { encoding: "utf8", cwd: __dirname }),
) as Record<string, { text: string; containsSecrets: boolean }>;

describe("the serialized provider shims", () => {
  it.each(Object.entries(serialized))(
    "%s is small, loads the package by name and captures no secret",
    (kind, s) => {
      expect(s.text.length).toBeLessThan(4000);
      expect(s.text).toContain(providerModulePath(kind as keyof typeof KINDS));
      expect(s.text).toContain("require(modulePath)");
      expect(s.text).not.toContain("a-secret-that-must-not-be-captured");
      expect(s.text).not.toMatch(/MegaportClient|undici|zod/);
      expect(s.containsSecrets).toBe(false);
    },
  );
});

describe("the table of kinds", () => {
  it("serializes a shim for every kind", () => {
    expect(Object.keys(serialized).sort()).toEqual([...KIND_NAMES].sort());
  });

  it.each(KIND_NAMES)("%s names a provider module that exists and exports a provider", (kind) => {
    const file = path.join(__dirname, "../../../provider/resources", KINDS[kind].module, "index.ts");
    expect(fs.existsSync(file)).toBe(true);
    expect(typeof require(file).provider?.create).toBe("function");
  });

  it.each(KIND_NAMES)(
    "%s has one shim for every resource of the kind, so the SDK serializes it once",
    (kind) => {
      expect(shimFor(kind)).toBe(shimFor(kind));
      expect(shimFor(kind)).not.toBe(shimFor(KIND_NAMES.find((other) => other !== kind)!));
    },
  );

  it("keeps the type tokens existing state holds", () => {
    // State written by every earlier release names these; a change would orphan every stack's resources.
    expect(KIND_NAMES.map(typeToken)).toEqual([
      "pulumi-nodejs:dynamic/megaport:VxcConnection",
      "pulumi-nodejs:dynamic/megaport:MarketplaceProfile",
      "pulumi-nodejs:dynamic/megaport:ApprovalPolicy",
      "pulumi-nodejs:dynamic/megaport:NotificationSubscription",
    ]);
  });

  it.each(KIND_NAMES)("the SDK exports %s, carrying its own token for policies to target", (kind) => {
    const cls = sdk[kind];
    expect(cls.__pulumiType).toBe(typeToken(kind));
    expect(cls.isInstance({ __pulumiType: typeToken(kind) })).toBe(true);
    expect(cls.isInstance({ __pulumiType: "pulumi-nodejs:dynamic:Resource" })).toBe(false);
  });
});
