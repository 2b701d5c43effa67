// Where the providers get their endpoint and credentials: stack config first, then MEGAPORT_* variables, the
// simulator when nothing names an environment, and one clear error for each thing missing or wrong.
import { ValidationError } from "../../../provider/client/errors";
import { configure, resolveSettings, SIMULATOR_BASE_URL } from "../../../provider/resources/provider-config";

const KEYS = { MEGAPORT_ACCESS_KEY: "access", MEGAPORT_SECRET_KEY: "s3cret-never-shown" };

function configOf(values: Record<string, string>) {
  return { config: { get: (key: string) => values[key] } };
}

afterEach(async () => {
  await configure(configOf({}));
});

describe("resolveSettings", () => {
  it.each([
    {
      name: "keys alone: the simulator, said to be a default",
      env: KEYS,
      expected: { environment: "simulator", baseUrl: SIMULATOR_BASE_URL, defaulted: true },
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
    await configure(configOf({ "megaport:accessKey": "from-config", "megaport:environment": "staging" }));
    expect(resolveSettings(KEYS)).toMatchObject({ accessKey: "from-config", environment: "staging" });
  });

  it.each([
    {
      name: "no credentials",
      env: {},
      field: "megaport:accessKey",
      reason: /missing accessKey and secretKey/,
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
