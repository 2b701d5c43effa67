// Environments and explicit URLs (docs/megaport-api.md §1): where the client sends the API calls and the key.

import { ValidationError } from "../../../provider/client/errors";
import { ENVIRONMENT_ENDPOINTS, resolveEndpoints } from "../../../provider/client/environments";
import { MegaportClient } from "../../../provider/client/megaport-client";

describe("environments", () => {
  test.each([
    ["production", "https://api.megaport.com", "https://auth-m2m.megaport.com/oauth2/token"],
    ["staging", "https://api-staging.megaport.com", "https://auth-m2m-staging.megaport.com/oauth2/token"],
    [
      "development",
      "https://api-mpone-dev.megaport.com",
      "https://auth-m2m-mpone-dev.megaport.com/oauth2/token",
    ],
  ] as const)("%s uses %s and %s", (environment, baseUrl, tokenUrl) => {
    expect(resolveEndpoints({ environment })).toEqual({ baseUrl, tokenUrl });
    expect(ENVIRONMENT_ENDPOINTS[environment]).toEqual({ baseUrl, tokenUrl });
  });

  test("explicit baseUrl and tokenUrl override the environment (the simulator)", () => {
    expect(
      resolveEndpoints({
        environment: "production",
        baseUrl: "http://127.0.0.1:4010/",
        tokenUrl: "http://127.0.0.1:4010/oauth2/token",
      }),
    ).toEqual({ baseUrl: "http://127.0.0.1:4010", tokenUrl: "http://127.0.0.1:4010/oauth2/token" });
  });

  test("a known Megaport base URL without a token URL gets that environment's token URL", () => {
    expect(resolveEndpoints({ baseUrl: "https://api-staging.megaport.com/" }).tokenUrl).toBe(
      "https://auth-m2m-staging.megaport.com/oauth2/token",
    );
  });

  test.each([
    ["nothing at all", {}, "environment"],
    ["an unknown environment", { environment: "prod" as never }, "environment"],
    ["an unknown base URL without a token URL", { baseUrl: "https://megaport.internal.example" }, "tokenUrl"],
    [
      "a base URL that is not a URL",
      { baseUrl: "api.megaport.com", tokenUrl: "https://x.example/t" },
      "baseUrl",
    ],
    [
      "plain http to a remote host",
      { baseUrl: "http://sim.example:4010", tokenUrl: "http://sim.example:4010/oauth2/token" },
      "baseUrl",
    ],
  ])("%s is refused with ValidationError naming %s", (_, options, fieldPath) => {
    expect(() => resolveEndpoints(options)).toThrow(ValidationError);
    try {
      resolveEndpoints(options);
    } catch (err) {
      expect(err).toMatchObject({ fieldPath });
    }
  });

  test("plain http to a remote host is allowed when asked for explicitly", () => {
    expect(
      resolveEndpoints({
        baseUrl: "http://sim.example:4010",
        tokenUrl: "http://sim.example:4010/oauth2/token",
        allowInsecureHttp: true,
      }).baseUrl,
    ).toBe("http://sim.example:4010");
  });

  test("a client without credentials is refused before any request, without echoing anything", () => {
    expect(() => new MegaportClient({ accessKey: "", secretKey: "x", environment: "staging" })).toThrow(
      /accessKey/,
    );
  });
});
