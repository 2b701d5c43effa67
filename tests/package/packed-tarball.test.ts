// The package as a new user gets it: `npm pack` on a fresh copy of this repository (prepack builds dist/), the
// tarball installed with `npm install` into a new TypeScript Pulumi project outside the repository, and that project
// run with the real CLI against the simulator the package ships: a preview checked by the installed policy pack, up
// of a VxcConnection to Acme's auto-approving port and a NotificationSubscription, a preview the pack stops, destroy,
// and `npx megaport-mx --help`; then `npx megaport-mx plugin install` into the test's PULUMI_HOME, and a Pulumi
// YAML program and a TypeScript program (through the generated SDK the package ships, `megaport-mx/plugin-sdk`)
// that each order a VXC to Acme by provider name, wait for LIVE, raise its rate limit in place and cancel it through
// that installed plugin, with no plugin on PATH.
// Nothing here resolves `megaport-mx` through the repository's self-link. Prints one `[package]` line with the
// tarball's size and each step's time.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiYamlHostDir } from "../../scripts/pulumi-cli-root";
import { pluginPackageJsons } from "../support/plugin-package-jsons";
import { SEED } from "../../simulator/seed";
import { textUnder } from "../support/pulumi-stack";
import { ApiAs, getVxc } from "../support/simulator-http";
import {
  copyOfCheckout,
  expectSuccess,
  makeTmpDir,
  pulumiEnv,
  REPO_ROOT,
  run,
  since,
  userEnv,
} from "./user-shell";

const STEP_TIMEOUT = 5 * 60_000;
const INSTALLED_PACK = path.join("node_modules", "megaport-mx", "policy");
const repoPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** What an installed package needs at run time, by path in the tarball. */
const MUST_SHIP = [
  "package.json",
  "README.md",
  "dist/sdk/index.js",
  "dist/sdk/index.d.ts",
  "dist/provider/resources/vxc-connection/index.js",
  "dist/provider/resources/notification-subscription/index.js",
  "dist/cli/main.js",
  "dist/cli/plugin.js",
  "bin/pulumi-resource-megaport-mx",
  "dist/provider/plugin/main.js",
  "dist/provider/plugin/schema.json",
  "plugin-sdk/package.json",
  "dist/plugin-sdk/package.json",
  "dist/plugin-sdk/index.js",
  "dist/plugin-sdk/index.d.ts",
  "dist/plugin-sdk/vxcConnection.js",
  "dist/plugin-sdk/types/input.d.ts",
  "dist/simulator/cli.js",
  "dist/policy/index.js",
  "policy/PulumiPolicy.yaml",
  "policy/package.json",
  "policy/pack-entry.js",
  "policy/README.md",
  "docs/reference/vxc-connection.md",
];

/** Test-only, source-only or repository-only paths: none may be in the tarball. */
const MUST_NOT_SHIP = [
  /^(tests|examples|quickstart|scripts|tools|sdks|\.ci)\//,
  /^docs\/(?!reference\/)/,
  /^dist\/(tests|scripts)\//,
  /\.map$/,
  /(?<!\.d)\.ts$/,
  /^(provider|sdk|simulator|cli)\//,
  /^policy\/(policies\/|index\.ts)/,
  /^(Pulumi\.yaml|tsconfig.*\.json|jest\.config\.js|eslint\.config\.js|package-lock\.json)$/,
];

const PROGRAM = `import { NotificationSubscription, VxcConnection } from "megaport-mx";

// Globex's red Sydney port to Acme's port that approves connections itself.
const vxc = new VxcConnection("to-acme", {
  name: "Globex to Acme (instant)",
  rateLimit: 100,
  aEnd: { productUid: "${SEED.ports.globexSydRed.uid}", vlan: 401 },
  bEnd: { providerName: "Acme Networks", location: "Global Switch Sydney West", portName: "Acme Sydney Instant" },
  costCentre: "NET-001",
});

new NotificationSubscription("noc", { user: "${SEED.users.globexTechnicalContact.email}", groups: ["Ordering"] });

export const vxcUid = vxc.vxcUid;
export const status = vxc.provisioningStatus;
export const acmePort = vxc.chosenBEndPortName;
export const rateLimit = vxc.rateLimit;
`;

/** The same VXC through the plugin's generated SDK, its rate limit from stack config. */
const SDK_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as mx from "megaport-mx/plugin-sdk";

const vxc = new mx.VxcConnection("to-acme", {
  name: "Globex to Acme (plugin SDK)",
  rateLimit: new pulumi.Config().requireNumber("rateLimit"),
  aEnd: { productUid: "${SEED.ports.globexSydRed.uid}", vlan: 402 },
  bEnd: { providerName: "Acme Networks", location: "Global Switch Sydney West", portName: "Acme Sydney Instant" },
});

export const vxcUid = vxc.vxcUid;
export const status = vxc.provisioningStatus;
export const acmePort = vxc.chosenBEndPortName;
export const rateLimit = vxc.rateLimit;
`;

/**
 * The same story in Pulumi YAML through the installed plugin (a MarketplaceProfile too: the plugin's other kinds
 * load), the rate limit from stack config.
 */
const YAML_PROGRAM = `name: try-megaport-mx-yaml
runtime: yaml
config:
  rateLimit:
    type: integer
resources:
  profile:
    type: megaport-mx:index:MarketplaceProfile
    properties:
      companyName: Globex Plugin Test
      contactEmail: sales@globex.example
  toAcme:
    type: megaport-mx:index:VxcConnection
    properties:
      name: Globex to Acme (YAML)
      rateLimit: \${rateLimit}
      aEnd:
        productUid: ${SEED.ports.globexSydRed.uid}
        vlan: 403
      bEnd:
        providerName: Acme Networks
        location: Global Switch Sydney West
        portName: Acme Sydney Instant
outputs:
  companyUid: \${profile.companyUid}
  vxcUid: \${toAcme.vxcUid}
  status: \${toAcme.provisioningStatus}
  acmePort: \${toAcme.chosenBEndPortName}
  rateLimit: \${toAcme.rateLimit}
`;

describe("the package npm pack makes, installed into a new Pulumi project", () => {
  let tmpDir: string;
  let tarball: string;
  let project: string;
  let simulator: ChildProcess | undefined;
  const timings: string[] = [];
  let tarballLine = "";

  beforeAll(() => {
    tmpDir = makeTmpDir("package");
  });

  afterAll(async () => {
    if (simulator && simulator.exitCode === null) {
      const exited = new Promise((resolve) => simulator!.once("exit", resolve));
      simulator.kill("SIGTERM");
      await exited;
    }
    process.stdout.write(`[package] ${tarballLine}; ${timings.join(", ")}\n`);
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  const pulumi = (args: string[], extra: Record<string, string> = {}) =>
    run("pulumi", [...args, "--non-interactive"], {
      cwd: project,
      env: pulumiEnv(tmpDir, { PULUMI_BACKEND_URL: `file://${path.join(tmpDir, "backend")}`, ...extra }),
      timeoutMs: STEP_TIMEOUT,
    });

  it(
    "npm pack on a fresh checkout builds dist/ and packs what an installed package runs, and nothing test- or source-only",
    async () => {
      const started = Date.now();
      const checkout = copyOfCheckout(tmpDir);
      expect(fs.existsSync(path.join(checkout, "dist"))).toBe(false);
      const packDir = path.join(tmpDir, "pack");
      fs.mkdirSync(packDir);
      const packed = await run("npm", ["pack", "--json", "--pack-destination", packDir], {
        cwd: checkout,
        env: userEnv(),
        timeoutMs: STEP_TIMEOUT,
      });
      expectSuccess("npm pack", packed);
      // npm prints prepack's build before the JSON report.
      const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[\n"))) as {
        filename: string;
        size: number;
        unpackedSize: number;
        entryCount: number;
        files: { path: string }[];
      }[];
      const { filename, size, unpackedSize, entryCount, files } = report[0];
      tarball = path.join(packDir, filename);
      const paths = files.map((file) => file.path);
      expect(paths).toEqual(expect.arrayContaining(MUST_SHIP));
      expect(paths.filter((p) => MUST_NOT_SHIP.some((pattern) => pattern.test(p)))).toEqual([]);
      expect(size).toBeLessThan(1024 * 1024);
      tarballLine = `tarball ${filename} ${(size / 1024).toFixed(0)} kB (${(unpackedSize / 1024).toFixed(0)} kB unpacked, ${entryCount} files)`;
      timings.push(`pack ${since(started)}`);
    },
    STEP_TIMEOUT,
  );

  it(
    "the tarball installs into a new TypeScript project with npm install, and npx megaport-mx --help lists its commands",
    async () => {
      expect(tarball).toBeDefined();
      const started = Date.now();
      project = path.join(tmpDir, "project");
      fs.mkdirSync(project);
      // What `pulumi new typescript` makes, with megaport-mx from the tarball. No version in package.json: the
      // policy pack must not need one from the program.
      const files: Record<string, string> = {
        "Pulumi.yaml": "name: try-megaport-mx\nruntime: nodejs\n",
        "package.json": JSON.stringify(
          {
            name: "try-megaport-mx",
            main: "index.ts",
            dependencies: {
              "@pulumi/pulumi": repoPackage.dependencies["@pulumi/pulumi"],
              "megaport-mx": `file:${tarball}`,
            },
            devDependencies: {
              "@types/node": repoPackage.devDependencies["@types/node"],
              typescript: repoPackage.devDependencies.typescript,
            },
          },
          null,
          2,
        ),
        "tsconfig.json": JSON.stringify({
          compilerOptions: {
            strict: true,
            target: "ES2022",
            module: "commonjs",
            moduleResolution: "node",
            esModuleInterop: true,
            skipLibCheck: true,
          },
          files: ["index.ts"],
        }),
        "index.ts": PROGRAM,
      };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(project, name), text);

      // The npm cache `npm ci` filled serves every package; the registry is asked only for what it lacks.
      const installed = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], {
        cwd: project,
        env: userEnv(),
        timeoutMs: STEP_TIMEOUT,
      });
      expectSuccess("npm install", installed);
      timings.push(`npm install ${since(started)}`);
      const installedPackage = path.join(project, "node_modules", "megaport-mx");
      expect(fs.lstatSync(installedPackage).isSymbolicLink()).toBe(false);
      expect(fs.existsSync(path.join(installedPackage, "dist", "sdk", "index.js"))).toBe(true);
      // The repository's `prepare` (its self-link) never ran here.
      expect(fs.existsSync(path.join(installedPackage, "node_modules", "megaport-mx"))).toBe(false);
      // No package.json in it claims a resource plugin: the Node.js language host would find it and the CLI would try
      // to download megaport-mx's plugin for every program, dynamic resources only too.
      expect(pluginPackageJsons(installedPackage)).toEqual([]);

      const help = await run("npx", ["megaport-mx", "--help"], {
        cwd: project,
        env: userEnv(),
        timeoutMs: 60_000,
      });
      expectSuccess("npx megaport-mx --help", help);
      expect(help.output).toMatch(/^Usage: megaport-mx <command>/m);
      expect(help.output).toMatch(/^ {2}approver /m);
      expect(help.output).toMatch(/^ {2}orphans /m);
      expect(help.output).toMatch(/^ {2}simulator /m);
      expect(help.output).toMatch(/^ {2}plugin /m);
    },
    STEP_TIMEOUT,
  );

  it(
    "pulumi preview with the installed policy pack (node_modules/megaport-mx/policy) passes, and pulumi up makes the VXC LIVE at Acme's auto-approving port, against the simulator the package ships",
    async () => {
      expect(project).toBeDefined();
      let started = Date.now();
      const sim = await startInstalledSimulator(project);
      simulator = sim.process;
      timings.push(`simulator ${since(started)}`);
      fs.mkdirSync(path.join(tmpDir, "backend"));
      const setup = [
        ["stack", "init", "dev"],
        ["config", "set", "--secret", "megaport:accessKey", SEED.apiKeys.globexAdmin.accessKey],
        ["config", "set", "--secret", "megaport:secretKey", SEED.apiKeys.globexAdmin.secretKey],
        ["config", "set", "megaport:baseUrl", sim.url],
        ["config", "set", "--plaintext", "megaport:tokenUrl", sim.tokenUrl],
      ];
      for (const args of setup) {
        expectSuccess(`pulumi ${args.join(" ")}`, await pulumi(args));
      }

      // The preview a platform team's pipeline runs before anything is ordered: the program, checked by the pack.
      started = Date.now();
      const preview = await pulumi(["preview", "--policy-pack", INSTALLED_PACK]);
      expectSuccess("pulumi preview", preview);
      // The stack, the subscription, the VXC and the stack identity.
      expect(preview.output).toMatch(/\+ 4 to create/);
      expect(preview.output).toContain(`megaport-mx@v${repoPackage.version}`);
      expect(preview.output).not.toMatch(/\[mandatory\]/);
      timings.push(`preview ${since(started)}`);

      started = Date.now();
      const up = await pulumi(["up"]);
      expectSuccess("pulumi up", up);
      expect(up.output).toMatch(/\+ 4 created/);
      timings.push(`up ${since(started)}`);

      const outputs = await pulumi(["stack", "output", "--json"]);
      expectSuccess("pulumi stack output", outputs);
      expect(JSON.parse(outputs.stdout)).toEqual({
        vxcUid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: "LIVE",
        acmePort: SEED.ports.acmeSydAuto.name,
        rateLimit: 100,
      });
    },
    STEP_TIMEOUT,
  );

  it(
    "the installed policy pack stops a preview whose VXC is over a ceiling its config lowers",
    async () => {
      expect(simulator).toBeDefined();
      const started = Date.now();
      const config = path.join(tmpDir, "policy-config.json");
      fs.writeFileSync(
        config,
        JSON.stringify({ "megaport-vxc-connection-rate-limit-ceiling": { maxRateLimitMbps: 50 } }),
      );
      const stops = await pulumi([
        "preview",
        "--policy-pack",
        INSTALLED_PACK,
        "--policy-pack-config",
        config,
      ]);
      expect(stops.code).not.toBe(0);
      expect(stops.output).toMatch(/\[mandatory\].*megaport-vxc-connection-rate-limit-ceiling/);
      timings.push(`preview stopped by the pack ${since(started)}`);
    },
    STEP_TIMEOUT,
  );

  it(
    "pulumi destroy cancels the VXC and removes the subscription",
    async () => {
      expect(simulator).toBeDefined();
      const started = Date.now();
      const destroy = await pulumi(["destroy"]);
      expectSuccess("pulumi destroy", destroy);
      expect(destroy.output).toMatch(/- 4 deleted/);
      timings.push(`destroy ${since(started)}`);
    },
    STEP_TIMEOUT,
  );

  it(
    "npx megaport-mx plugin install installs the package's plugin into PULUMI_HOME at the package's version, and pulumi plugin ls lists it",
    async () => {
      expect(project).toBeDefined();
      const started = Date.now();
      const install = await run("npx", ["megaport-mx", "plugin", "install"], {
        cwd: project,
        env: pulumiEnv(tmpDir),
        timeoutMs: 60_000,
      });
      expectSuccess("npx megaport-mx plugin install", install);
      const pluginDir = path.join(
        pulumiEnv(tmpDir).PULUMI_HOME,
        "plugins",
        `resource-megaport-mx-v${repoPackage.version}`,
      );
      expect(install.output).toContain(`v${repoPackage.version} into ${pluginDir}`);
      expect(fs.existsSync(path.join(pluginDir, "pulumi-resource-megaport-mx"))).toBe(true);
      const ls = await pulumi(["plugin", "ls", "--json"]);
      expectSuccess("pulumi plugin ls", ls);
      const plugins = JSON.parse(ls.stdout) as { name: string; kind: string; version: string }[];
      expect(plugins).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: "megaport-mx", kind: "resource", version: repoPackage.version }),
        ]),
      );
      timings.push(`plugin install ${since(started)}`);
    },
    STEP_TIMEOUT,
  );

  it(
    "a Pulumi YAML program orders a VXC to Acme by provider name through the installed plugin, with no plugin on PATH: LIVE, its rate limit raised in place, cancelled; no key in its output or state",
    async () => {
      expect(simulator).toBeDefined();
      const started = Date.now();
      const yamlProject = path.join(tmpDir, "yaml-project");
      fs.mkdirSync(yamlProject);
      fs.writeFileSync(path.join(yamlProject, "Pulumi.yaml"), YAML_PROGRAM);
      const base = pulumiEnv(tmpDir, { PULUMI_BACKEND_URL: `file://${path.join(tmpDir, "backend")}` });
      const env = { ...base, PATH: `${pulumiYamlHostDir()}${path.delimiter}${base.PATH}` };
      const onPath = env.PATH.split(path.delimiter).filter((dir) =>
        fs.existsSync(path.join(dir, "pulumi-resource-megaport-mx")),
      );
      expect(onPath).toEqual([]);
      const printed: string[] = [];
      const yaml = async (args: string[]) => {
        const ran = await run("pulumi", [...args, "--non-interactive"], {
          cwd: yamlProject,
          env,
          timeoutMs: STEP_TIMEOUT,
        });
        printed.push(ran.output);
        return ran;
      };
      const url = (await pulumi(["config", "get", "megaport:baseUrl"])).stdout.trim();
      const tokenUrl = (await pulumi(["config", "get", "megaport:tokenUrl"])).stdout.trim();
      const globex = new ApiAs({ url, tokenUrl }, "globexAdmin");
      for (const args of [
        ["stack", "init", "yaml"],
        ["config", "set", "--secret", "megaport-mx:accessKey", SEED.apiKeys.globexAdmin.accessKey],
        ["config", "set", "--secret", "megaport-mx:secretKey", SEED.apiKeys.globexAdmin.secretKey],
        ["config", "set", "megaport-mx:baseUrl", url],
        ["config", "set", "--plaintext", "megaport-mx:tokenUrl", tokenUrl],
        ["config", "set", "rateLimit", "100"],
      ]) {
        expectSuccess(`pulumi ${args.join(" ")}`, await yaml(args));
      }
      const outputsOf = async () => {
        const outputs = await yaml(["stack", "output", "--json"]);
        expectSuccess("pulumi stack output (YAML)", outputs);
        return JSON.parse(outputs.stdout) as Record<string, unknown>;
      };

      const up = await yaml(["up"]);
      expectSuccess("pulumi up (YAML)", up);
      expect(up.output).toMatch(/\+ 3 created/); // the stack, the profile, the VXC
      const created = await outputsOf();
      expect(created).toEqual({
        companyUid: SEED.companies.globex.uid,
        vxcUid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: "LIVE",
        acmePort: SEED.ports.acmeSydAuto.name,
        rateLimit: 100,
      });
      const vxcUid = created.vxcUid as string;
      expect(await getVxc(globex, vxcUid)).toMatchObject({
        productName: "Globex to Acme (YAML)",
        rateLimit: 100,
        provisioningStatus: "LIVE",
        bEnd: { productUid: SEED.ports.acmeSydAuto.uid },
      });

      expectSuccess("pulumi config set rateLimit 200", await yaml(["config", "set", "rateLimit", "200"]));
      const edit = await yaml(["up"]);
      expectSuccess("pulumi up (YAML, rate limit)", edit);
      expect(edit.output).toMatch(/~ 1 updated/);
      expect(await outputsOf()).toEqual({ ...created, rateLimit: 200 });
      expect(await getVxc(globex, vxcUid)).toMatchObject({ rateLimit: 200, provisioningStatus: "LIVE" });

      const destroy = await yaml(["destroy"]);
      expectSuccess("pulumi destroy (YAML)", destroy);
      expect(destroy.output).toMatch(/- 3 deleted/);
      expect((await getVxc(globex, vxcUid)).provisioningStatus).toBe("DECOMMISSIONED");

      // Globex's secret key reaches neither what the CLI printed nor the state on disk.
      const haystack = printed.join("\n") + textUnder(path.join(tmpDir, "backend"));
      expect(haystack).not.toContain(SEED.apiKeys.globexAdmin.secretKey);
      timings.push(`YAML VXC up+update+destroy through the installed plugin ${since(started)}`);
    },
    STEP_TIMEOUT,
  );

  it(
    "a TypeScript program orders a VXC to Acme by provider name through megaport-mx/plugin-sdk and the installed plugin: LIVE, its rate limit raised in place, cancelled",
    async () => {
      expect(simulator).toBeDefined();
      const started = Date.now();
      // A second Pulumi project on the same installed packages.
      const sdkProject = path.join(tmpDir, "sdk-project");
      fs.mkdirSync(sdkProject);
      fs.writeFileSync(path.join(sdkProject, "Pulumi.yaml"), "name: try-megaport-mx-sdk\nruntime: nodejs\n");
      fs.writeFileSync(path.join(sdkProject, "index.ts"), SDK_PROGRAM);
      for (const name of ["package.json", "tsconfig.json"])
        fs.copyFileSync(path.join(project, name), path.join(sdkProject, name));
      fs.symlinkSync(path.join(project, "node_modules"), path.join(sdkProject, "node_modules"), "dir");
      const env = pulumiEnv(tmpDir, { PULUMI_BACKEND_URL: `file://${path.join(tmpDir, "backend")}` });
      expect(
        env.PATH.split(path.delimiter).filter((dir) =>
          fs.existsSync(path.join(dir, "pulumi-resource-megaport-mx")),
        ),
      ).toEqual([]);
      const sdk = (args: string[]) =>
        run("pulumi", [...args, "--non-interactive"], { cwd: sdkProject, env, timeoutMs: STEP_TIMEOUT });
      const url = (await pulumi(["config", "get", "megaport:baseUrl"])).stdout.trim();
      const tokenUrl = (await pulumi(["config", "get", "megaport:tokenUrl"])).stdout.trim();
      for (const args of [
        ["stack", "init", "sdk"],
        ["config", "set", "--secret", "megaport-mx:accessKey", SEED.apiKeys.globexAdmin.accessKey],
        ["config", "set", "--secret", "megaport-mx:secretKey", SEED.apiKeys.globexAdmin.secretKey],
        ["config", "set", "megaport-mx:baseUrl", url],
        ["config", "set", "--plaintext", "megaport-mx:tokenUrl", tokenUrl],
        ["config", "set", "rateLimit", "100"],
      ]) {
        expectSuccess(`pulumi ${args.join(" ")}`, await sdk(args));
      }
      const outputsOf = async () => {
        const outputs = await sdk(["stack", "output", "--json"]);
        expectSuccess("pulumi stack output (plugin SDK)", outputs);
        return JSON.parse(outputs.stdout) as Record<string, unknown>;
      };

      const up = await sdk(["up"]);
      expectSuccess("pulumi up (plugin SDK)", up);
      expect(up.output).toMatch(/\+ 2 created/);
      expect(up.output).toContain("megaport-mx:index:VxcConnection");
      const created = await outputsOf();
      expect(created).toEqual({
        vxcUid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: "LIVE",
        acmePort: SEED.ports.acmeSydAuto.name,
        rateLimit: 100,
      });

      expectSuccess("pulumi config set rateLimit 200", await sdk(["config", "set", "rateLimit", "200"]));
      const edit = await sdk(["up"]);
      expectSuccess("pulumi up (plugin SDK, rate limit)", edit);
      expect(edit.output).toMatch(/~ 1 updated/);
      expect(await outputsOf()).toEqual({ ...created, rateLimit: 200 });

      const destroy = await sdk(["destroy"]);
      expectSuccess("pulumi destroy (plugin SDK)", destroy);
      expect(destroy.output).toMatch(/- 2 deleted/);
      timings.push(`TypeScript plugin SDK up+update+destroy ${since(started)}`);
    },
    STEP_TIMEOUT,
  );
});

/**
 * `megaport-mx simulator` from the project's node_modules/.bin, on a free port with the test's short timings;
 * resolves once its banner names the API and token URLs.
 */
async function startInstalledSimulator(
  project: string,
): Promise<{ process: ChildProcess; url: string; tokenUrl: string }> {
  const child = spawn(
    path.join(project, "node_modules", ".bin", "megaport-mx"),
    ["simulator", "--port", "0", "--timings", "test", "--no-rate-limit"],
    { cwd: project, env: userEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let banner = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the simulator printed no URLs in 30 s:\n${banner}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      banner += chunk.toString("utf8");
      const url = /^ {2}API: +(http:\/\/\S+)$/m.exec(banner)?.[1];
      const tokenUrl = /^ {2}Token: +(http:\/\/\S+)$/m.exec(banner)?.[1];
      if (url && tokenUrl) {
        clearTimeout(timer);
        resolve({ process: child, url, tokenUrl });
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited ${code}:\n${banner}`));
    });
  });
}
