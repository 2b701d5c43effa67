// Where the providers get their endpoint and credentials: stack config first, then MEGAPORT_* variables, the
// simulator when nothing names an environment, and one clear error for each thing missing or wrong.
import { ValidationError } from "../../../provider/client/errors";
import { SIMULATOR_SEED_KEYS } from "../../../provider/client/simulator-keys";
import {
  configure,
  resolveSettings,
  settingsProblem,
  SIMULATOR_BASE_URL,
} from "../../../provider/config/provider-config";
import { provider as vxcProvider } from "../../../provider/resources/vxc-connection";

const KEYS = { MEGAPORT_ACCESS_KEY: "access", MEGAPORT_SECRET_KEY: "s3cret-never-shown" };
const SEEDED = {
  MEGAPORT_ACCESS_KEY: SIMULATOR_SEED_KEYS.globexAdmin.accessKey,
  MEGAPORT_SECRET_KEY: SIMULATOR_SEED_KEYS.globexAdmin.secretKey,
};

function configOf(values: Record<string, string>) {
  return { config: { get: (key: string) => values[key] } };
}

afterEach(async () => {
  // Forget the stack config; with nothing set, configure records the problem (tested below).
  await configure(configOf({}));
});

describe("resolveSettings", () => {
  it.each([
    {
      name: "the simulator's seeded keys alone: the simulator, said to be a default",
      env: SEEDED,
      expected: { environment: "simulator", baseUrl: SIMULATOR_BASE_URL, defaulted: true },
    },
    {
      name: "any keys with the simulator named on purpose",
      env: { ...KEYS, MEGAPORT_ENVIRONMENT: "simulator" },
      expected: { environment: "simulator", baseUrl: SIMULATOR_BASE_URL, defaulted: false },
    },
    {
      name: "an environment named: its own URLs, no default",
      env: { ...KEYS, MEGAPORT_ENVIRONMENT: "production" },
      expected: { environment: "production", baseUrl: undefined },
    },
    {
      name: "explicit URLs",
      env: { ...KEYS, MEGAPORT_BASE_URL: "http://127.0.0.1:9", MEGAPORT_TOKEN_URL: "http://127.0.0.1:9/t" },
      expected: { baseUrl: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/t" },
    },
  ])("$name", ({ env, expected }) => {
    expect(resolveSettings(env)).toMatchObject(expected);
  });

  it("stack config wins over the environment", async () => {
    await configure(
      configOf({
        "megaport:accessKey": "from-config",
        "megaport:secretKey": "secret-from-config",
        "megaport:environment": "staging",
      }),
    );
    expect(resolveSettings(KEYS)).toMatchObject({
      accessKey: "from-config",
      secretKey: "secret-from-config",
      environment: "staging",
    });
  });

  it.each([
    {
      name: "no credentials",
      env: {},
      field: "megaport:accessKey",
      reason: /missing accessKey and secretKey/,
    },
    {
      name: "keys that are not the simulator's seeded keys, with no environment named",
      env: KEYS,
      field: "megaport:environment",
      reason: /not the simulator's seeded keys, so they will not be sent to the simulator default/,
    },
    {
      name: "an unknown environment",
      env: { ...KEYS, MEGAPORT_ENVIRONMENT: "prod" },
      field: "megaport:environment",
      reason: /unknown environment "prod"/,
    },
    {
      name: "a base URL without its token URL",
      env: { ...KEYS, MEGAPORT_BASE_URL: "http://127.0.0.1:9" },
      field: "megaport:tokenUrl",
      reason: /without megaport:tokenUrl/,
    },
  ])("$name fails naming $field, and never shows the secret", ({ env, field, reason }) => {
    let error: unknown;
    try {
      resolveSettings(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldPath).toBe(field);
    expect((error as ValidationError).reason).toMatch(reason);
    expect(String((error as Error).message)).not.toContain("s3cret-never-shown");
  });
});

describe("configure", () => {
  const vxc = {
    name: "x",
    rateLimit: 100,
    aEnd: { productUid: "6f9e7b61-6cb9-4e67-b6e9-90f162d0463f" },
    bEnd: { productUid: "55465685-0cdb-46c8-8bee-cbb6050acbd1" },
  };

  it("with no credentials set, every check fails with the fix, so preview stops before any request", async () => {
    await configure(configOf({}));
    expect(settingsProblem()).toMatchObject({ code: "MX_VALIDATION", fieldPath: "megaport:accessKey" });
    const result = await vxcProvider.check({} as never, vxc as never);
    expect(result.failures).toEqual([
      {
        property: "",
        reason: expect.stringMatching(/^Invalid megaport:accessKey: .* Fix: run `pulumi config set --secret/),
      },
    ]);
  });

  it("refuses real-looking keys with no environment named, naming megaport:environment and never the secret", async () => {
    await configure(
      configOf({ "megaport:accessKey": "real-key", "megaport:secretKey": "s3cret-never-shown" }),
    );
    expect(settingsProblem()).toMatchObject({ fieldPath: "megaport:environment" });
    const result = await vxcProvider.check({} as never, vxc as never);
    expect(JSON.stringify(result.failures)).toContain("megaport:environment");
    expect(JSON.stringify(result.failures)).not.toContain("s3cret-never-shown");
  });

  it("good settings leave nothing to report", async () => {
    await configure(
      configOf({
        "megaport:accessKey": "real-key",
        "megaport:secretKey": "x",
        "megaport:environment": "staging",
      }),
    );
    expect(settingsProblem()).toBeUndefined();
    expect((await vxcProvider.check({} as never, vxc as never)).failures).toBeUndefined();
  });
});
