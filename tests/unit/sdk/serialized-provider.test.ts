// What the engine stores in state as each resource's `__provider`: a small shim that loads this package by name,
// with no credentials and nothing large captured (pulumi-notes §1.3-1.4).
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { VxcConnection } from "../../../sdk/vxc-connection";
import { MarketplaceProfile } from "../../../sdk/marketplace-profile";
import { ApprovalPolicy } from "../../../sdk/approval-policy";
import { NotificationSubscription } from "../../../sdk/notification-subscription";

const serialized = JSON.parse(
  execFileSync("node", [path.join(__dirname, "serialize-shims.js")], { encoding: "utf8", cwd: __dirname }),
) as Record<string, { text: string; containsSecrets: boolean }>;

describe("the serialized provider shims", () => {
  it.each(Object.entries(serialized))(
    "%s is small, loads the package by name and captures no secret",
    (kind, s) => {
      expect(s.text.length).toBeLessThan(4000);
      expect(s.text).toContain(`megaport-mx/dist/provider/resources/${kind}`);
      expect(s.text).toContain("require(modulePath)");
      expect(s.text).not.toContain("a-secret-that-must-not-be-captured");
      expect(s.text).not.toMatch(/MegaportClient|undici|zod/);
      expect(s.containsSecrets).toBe(false);
    },
  );
});

describe("type tokens", () => {
  it.each([
    [VxcConnection, "VxcConnection"],
    [MarketplaceProfile, "MarketplaceProfile"],
    [ApprovalPolicy, "ApprovalPolicy"],
    [NotificationSubscription, "NotificationSubscription"],
  ])("%p carries its own token for policies to target", (cls, kind) => {
    expect(cls.__pulumiType).toBe(`pulumi-nodejs:dynamic/megaport:${kind}`);
    expect(cls.isInstance({ __pulumiType: `pulumi-nodejs:dynamic/megaport:${kind}` })).toBe(true);
    expect(cls.isInstance({ __pulumiType: "pulumi-nodejs:dynamic:Resource" })).toBe(false);
  });
});
