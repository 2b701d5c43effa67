// The state rewrite of `megaport-mx migrate`, on a state shaped as the dynamic resources leave it: what moves, what
// goes, what stays, and the states it refuses.
import { migrateDeployment, MigrationRefused, type StateResource } from "../../../cli/migrate-state";

const STACK = "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev";
const NODE_PROVIDER = "urn:pulumi:dev::shop::pulumi:providers:pulumi-nodejs::default";
const IDENTITY =
  "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/megaport:StackIdentity::megaport-mx-stack-identity";
const VXC = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/megaport:VxcConnection::edge";
const OTHER = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic:Resource::someone-elses";

function dynamicState(): StateResource[] {
  const provider = `${NODE_PROVIDER}::p1`;
  return [
    { urn: STACK, type: "pulumi:pulumi:Stack" },
    { urn: NODE_PROVIDER, type: "pulumi:providers:pulumi-nodejs", id: "p1", custom: true },
    {
      urn: IDENTITY,
      type: "pulumi-nodejs:dynamic/megaport:StackIdentity",
      outputs: { stackId: "sid" },
      provider,
    },
    {
      urn: VXC,
      type: "pulumi-nodejs:dynamic/megaport:VxcConnection",
      id: "vxc-1",
      provider,
      parent: STACK,
      inputs: { name: "edge", __provider: "code", __timeouts: {}, __stackId: "sid", __idempotencyKey: "k" },
      outputs: { name: "edge", __provider: "code", __timeouts: {}, __stackId: "sid", vxcUid: "vxc-1" },
      dependencies: [IDENTITY],
      propertyDependencies: { __stackId: [IDENTITY], name: [] },
    },
    { urn: OTHER, type: "pulumi-nodejs:dynamic:Resource", id: "o", provider, dependencies: [VXC] },
  ];
}

const options = { stack: "dev", project: "shop", providerName: "default", settings: { baseUrl: "u" } };

describe("migrateDeployment", () => {
  it("moves our resources to the plugin's default provider with the stack's identity, and nothing else", () => {
    const plan = migrateDeployment({ resources: dynamicState() }, options);
    const byType = new Map(plan.deployment.resources!.map((r) => [r.type, r]));
    const vxc = byType.get("megaport-mx:index:VxcConnection")!;
    const provider = byType.get("pulumi:providers:megaport-mx")!;
    expect(plan.stackId).toBe("sid");
    expect(vxc.urn).toBe("urn:pulumi:dev::shop::megaport-mx:index:VxcConnection::edge");
    expect(vxc.id).toBe("vxc-1");
    expect(vxc.provider).toBe(`${provider.urn}::${provider.id}`);
    expect(vxc.inputs).toEqual({ name: "edge", __stackId: "sid", __idempotencyKey: "k" });
    expect(vxc.outputs).toEqual({ name: "edge", __stackId: "sid", vxcUid: "vxc-1" });
    expect(vxc.dependencies).toEqual([]);
    expect(vxc.propertyDependencies).toEqual({ __stackId: [], name: [] });
    expect(provider.inputs).toEqual({ baseUrl: "u", __stackId: "sid" });
    // The identity resource goes; another package's dynamic resource keeps the Node provider, and its dependency on
    // the VXC follows the VXC's new URN.
    expect(byType.has("pulumi-nodejs:dynamic/megaport:StackIdentity")).toBe(false);
    expect(byType.get("pulumi-nodejs:dynamic:Resource")!.dependencies).toEqual([vxc.urn]);
    expect(byType.has("pulumi:providers:pulumi-nodejs")).toBe(true);
    // A provider comes before the resources that name it.
    const types = plan.deployment.resources!.map((r) => r.type);
    expect(types.indexOf("pulumi:providers:megaport-mx")).toBeLessThan(types.indexOf(vxc.type));
  });

  it("drops the dynamic provider when nothing names it any more", () => {
    const resources = dynamicState().filter((r) => r.urn !== OTHER);
    const plan = migrateDeployment({ resources }, options);
    expect(plan.deployment.resources!.map((r) => r.type)).not.toContain("pulumi:providers:pulumi-nodejs");
  });

  it.each([
    [
      "pending operations",
      { resources: dynamicState(), pending_operations: [{ type: "creating" }] },
      /pending/,
    ],
    ["nothing of ours", { resources: dynamicState().slice(0, 2) }, /no megaport-mx dynamic resources/],
    [
      "a plugin provider already there",
      {
        resources: [
          ...dynamicState(),
          {
            urn: "urn:pulumi:dev::shop::pulumi:providers:megaport-mx::default",
            type: "pulumi:providers:megaport-mx",
          },
        ],
      },
      /already has the plugin's provider/,
    ],
  ])("refuses a state with %s", (_, deployment, reason) => {
    expect(() => migrateDeployment(deployment, options)).toThrow(MigrationRefused);
    expect(() => migrateDeployment(deployment, options)).toThrow(reason);
  });
});
