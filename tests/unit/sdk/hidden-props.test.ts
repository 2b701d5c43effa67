// The idempotency key every resource carries: deterministic, and distinct for same-named resources under
// different components.
import type * as pulumi from "@pulumi/pulumi";
import { hiddenProps } from "../../../sdk/hidden-props";

const saved = { project: process.env.PULUMI_NODEJS_PROJECT, stack: process.env.PULUMI_NODEJS_STACK };
beforeAll(() => {
  process.env.PULUMI_NODEJS_PROJECT = "globex-connectivity";
  process.env.PULUMI_NODEJS_STACK = "prod";
});
afterAll(() => {
  process.env.PULUMI_NODEJS_PROJECT = saved.project;
  process.env.PULUMI_NODEJS_STACK = saved.stack;
});

const component = (type: string, name: string, parent?: object) =>
  ({ __pulumiType: type, __name: name, __parentResource: parent }) as unknown as pulumi.Resource;
const keyOf = (name: string, parent?: pulumi.Resource) => hiddenProps(name, { parent }).__idempotencyKey;

describe("the idempotency key", () => {
  it("is the same for the same project, stack, parents and name", () => {
    expect(keyOf("red")).toBe(keyOf("red"));
    expect(keyOf("red")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("differs for same-named resources under different components", () => {
    const stack = component("pulumi:pulumi:Stack", "globex-connectivity-prod");
    const site = component("acme:index:Site", "sydney", stack);
    const other = component("acme:index:Backup", "sydney", stack);
    expect(keyOf("red", site)).not.toBe(keyOf("red"));
    expect(keyOf("red", site)).not.toBe(keyOf("red", other));
    expect(keyOf("red", component("acme:index:Site", "melbourne", stack))).not.toBe(keyOf("red", site));
  });

  it("copies customTimeouts into milliseconds, leaving out what was not given", () => {
    expect(hiddenProps("red", { customTimeouts: { create: "1h30m", delete: "90s" } }).__timeouts).toEqual({
      createMs: 5_400_000,
      deleteMs: 90_000,
    });
  });
});
