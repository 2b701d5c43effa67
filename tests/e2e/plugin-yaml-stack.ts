// The stack of tests/e2e/programs/plugin-yaml, shared by the plugin's end-to-end tests: Acme's key as the default
// provider's settings (stack config under `megaport-mx:`), Globex's as the explicit provider's, both secret, and the
// simulator's URLs. Each test names its stack and the Acme port its VXC goes to.
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { createStack, type E2eStack, REPO_ROOT } from "../support/pulumi-stack";
import type { World } from "../support/world";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/plugin-yaml");
/** The program's project name: its own config keys live under it. */
export const CONFIG = "megaport-mx-plugin-yaml";

export async function pluginYamlStack(
  world: World,
  options: { stackName: string; acmePort: string; envVars?: Record<string, string> },
): Promise<E2eStack> {
  const globex = SEED.apiKeys.globexAdmin;
  const e2e = await createStack(PROGRAM, {
    stackName: options.stackName,
    yamlHost: true,
    plugin: true,
    ...(options.envVars ? { envVars: options.envVars } : {}),
    config: {
      ...world.configFor("acme", "megaport-mx"),
      [`${CONFIG}:globexPort`]: SEED.ports.globexSydRed.uid,
      [`${CONFIG}:acmePort`]: options.acmePort,
      [`${CONFIG}:companyBio`]: "Transit.",
      [`${CONFIG}:rateLimit`]: "100",
    },
  });
  // createStack marks only keys named like secretKey/accessKey secret; the program's own config says secret: true.
  await e2e.stack.setConfig(`${CONFIG}:globexAccessKey`, { value: globex.accessKey, secret: true });
  await e2e.stack.setConfig(`${CONFIG}:globexSecretKey`, { value: globex.secretKey, secret: true });
  return e2e;
}
