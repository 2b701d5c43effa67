// VxcConnection without credentials: one error naming the missing keys and how to set them, never the key that is
// set; check needs none.
import { provider } from "../../../provider/resources/vxc-connection";
import { clearProviderEnv } from "../../support/simulator-clients";
import { captureLog, SOME_UID, toAuto } from "./vxc-world";

captureLog();

describe("VxcConnection without credentials", () => {
  beforeAll(() => clearProviderEnv());

  it("create fails with one error naming megaport:accessKey and megaport:secretKey and how to set them", async () => {
    const error = await provider.create(toAuto("no-credentials")).then(
      () => new Error("create succeeded"),
      (err: Error) => err,
    );
    expect(error.message).toBe(
      "Invalid megaport:accessKey: Megaport credentials are not set (missing accessKey and secretKey). " +
        "Fix: run `pulumi config set --secret megaport:accessKey <key>` and `pulumi config set --secret megaport:secretKey <secret>`, " +
        "or export MEGAPORT_ACCESS_KEY and MEGAPORT_SECRET_KEY",
    );
  });

  it("with only one of the two keys set, the error names the missing one and never shows the other", async () => {
    process.env.MEGAPORT_SECRET_KEY = "s3cret-value-that-must-not-leak";
    try {
      const error = await provider.create(toAuto("half-credentials")).catch((err: Error) => err);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain("missing accessKey)");
      expect((error as Error).message).not.toContain("s3cret-value-that-must-not-leak");
    } finally {
      delete process.env.MEGAPORT_SECRET_KEY;
    }
    process.env.MEGAPORT_ACCESS_KEY = "access-key-naming-the-account";
    try {
      const error = await provider.read(SOME_UID, {} as never).catch((err: Error) => err);
      expect((error as Error).message).toContain("Invalid megaport:secretKey");
      expect((error as Error).message).not.toContain("access-key-naming-the-account");
    } finally {
      delete process.env.MEGAPORT_ACCESS_KEY;
    }
  });

  it("check needs no credentials", async () => {
    expect((await provider.check({} as never, toAuto("check-only") as never)).failures).toBeUndefined();
  });
});
