// The pack as a whole. Its compiled entry (dist/policy/index.js, built by `npm run build`) is started the way the
// CLI's language host starts it, from a folder with no package.json, and asked over gRPC which policies it serves:
// every policy in policy/policies/, with its level and config defaults, under the pack's own version. And no
// policy ever puts the service key, a secret, into a message.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { HAPPY_CONFIG, happyApprovalPolicy, happyVxc, SERVICE_KEY } from "./fixtures";
import { runResourcePolicy, runStackPolicy, schemaDefaults } from "./policy-harness";

const REPO_ROOT = path.resolve(__dirname, "../..");
const POLICIES_DIR = path.join(REPO_ROOT, "policy/policies");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"]; // pulumirpc.EnforcementLevel by number

/** Every policy exported by the files in policy/policies/. */
function policiesInFolder(): Policy[] {
  return fs
    .readdirSync(POLICIES_DIR)
    .filter((file) => file.endsWith(".ts"))
    .flatMap((file) => Object.values(require(path.join(POLICIES_DIR, file)) as Record<string, unknown>))
    .filter(
      (value): value is Policy => typeof value === "object" && value !== null && "enforcementLevel" in value,
    );
}

interface ServedPolicy {
  name: string;
  description: string;
  enforcementlevel: number;
  configschema?: { properties?: { fieldsMap: [string, unknown][] } };
}

describe("the policy pack served by dist/policy/index.js", () => {
  let pack: ChildProcess;
  let info: { name: string; version: string; policiesList: ServedPolicy[] };
  const programDir = fs.mkdtempSync(path.join(os.tmpdir(), "megaport-mx-policy-cwd-"));

  beforeAll(async () => {
    // The CLI starts a pack with the previewed program's folder as working directory; this one has no package.json.
    pack = spawn(process.execPath, [path.join(REPO_ROOT, "dist/policy/index.js")], {
      cwd: programDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    pack.stderr!.on("data", (chunk) => (stderr += chunk));
    const port = await new Promise<string>((resolve, reject) => {
      pack.stdout!.once("data", (chunk) => resolve(String(chunk).trim()));
      pack.once("exit", (code) => reject(new Error(`the pack exited with ${code}: ${stderr}`)));
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    info = await new Promise((resolve, reject) =>
      client.getAnalyzerInfo(new Empty(), (err: Error | null, response: { toObject(): typeof info }) =>
        err ? reject(err) : resolve(response.toObject()),
      ),
    );
    client.close();
  });

  afterAll(() => {
    pack?.kill();
    fs.rmSync(programDir, { recursive: true, force: true });
  });

  it("is megaport-mx at the version in policy/package.json, whatever the working directory holds", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy/package.json"), "utf8"));
    expect(info.name).toBe("megaport-mx");
    expect(info.version).toBe(version);
  });

  it("lists every policy in policy/policies/, each once, at its own enforcement level", () => {
    const inFolder = policiesInFolder();
    const served = info.policiesList.map((p) => [p.name, LEVELS[p.enforcementlevel]]);
    expect(served.sort()).toEqual(inFolder.map((p) => [p.name, p.enforcementLevel]).sort());
    expect(new Set(served.map(([name]) => name)).size).toBe(served.length);
  });

  it("gives every policy a description that says what it checks", () => {
    for (const policy of info.policiesList) expect(policy.description).toMatch(/^Checks that .+\.$/);
  });

  it("serves each policy's config schema with a default for every key", () => {
    for (const policy of policiesInFolder()) {
      const served = info.policiesList.find((p) => p.name === policy.name)!;
      const keys = (served.configschema?.properties?.fieldsMap ?? []).map(([key]) => key);
      expect(keys.sort()).toEqual(Object.keys(schemaDefaults(policy)).sort());
    }
  });
});

describe("every policy's messages", () => {
  it("never contain the service key, even for a VXC that breaks every rule", async () => {
    const vxc = happyVxc();
    delete vxc.props.bEnd;
    Object.assign(vxc.props, {
      serviceKey: SERVICE_KEY,
      rateLimit: 100_000,
      term: 60,
      name: ` ${SERVICE_KEY} `,
    });
    vxc.props.costCentre = SERVICE_KEY;
    const stack = { ...vxc, stack: "prod" };
    const outcomes = [];
    for (const policy of policiesInFolder()) {
      const config = { ...HAPPY_CONFIG, maxRateLimitMbps: 100 };
      outcomes.push(
        "validateStack" in policy
          ? await runStackPolicy(
              policy as StackValidationPolicy,
              [stack, stack, happyApprovalPolicy()],
              config,
            )
          : await runResourcePolicy(policy as ResourceValidationPolicy, stack, config),
      );
    }
    expect(outcomes.flatMap((o) => o.violations).length).toBeGreaterThan(5);
    expect(JSON.stringify(outcomes)).not.toContain(SERVICE_KEY);
  });
});
