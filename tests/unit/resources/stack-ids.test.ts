// Which identities a stack's exported state holds (stackIdsOf): the dynamic adapter's StackIdentity resource, the
// plugin's providers and the resources of either adapter. A plugin stack whose default provider was made anew (an
// upgrade) or that has a second explicit provider holds several, every one of them the stack's.
import { stackIdOf, stackIdsOf } from "../../../provider/kinds/stack-identity/stack-identity";

const identity = (stackId: string) => ({
  type: "pulumi-nodejs:dynamic/megaport:StackIdentity",
  outputs: { stackId },
});
const of = (type: string, stackId?: string) => ({ type, inputs: stackId ? { __stackId: stackId } : {} });

describe("stackIdsOf", () => {
  it("reads a dynamic stack's identity", () => {
    const resources = [identity("dyn"), of("pulumi-nodejs:dynamic/megaport:VxcConnection", "dyn")];
    expect(stackIdsOf({ resources })).toEqual(["dyn"]);
    expect(stackIdOf({ resources })).toBe("dyn");
  });

  it("reads every identity of a plugin stack: its providers' and its resources'", () => {
    const resources = [
      of("pulumi:providers:megaport-mx", "old-default"),
      of("pulumi:providers:megaport-mx", "explicit"),
      of("megaport-mx:index:VxcConnection", "old-default"),
      of("megaport-mx:index:VxcConnection", "explicit"),
      // Made under a default provider the state no longer holds: the resource keeps the identity on its VXC's tags.
      of("megaport-mx:index:MarketplaceProfile", "gone-provider"),
    ];
    expect(stackIdsOf({ resources })).toEqual(["old-default", "explicit", "gone-provider"]);
  });

  it("puts a migrated stack's identity first and ignores other packages' resources", () => {
    const resources = [
      of("pulumi:providers:megaport-mx", "moved"),
      identity("moved"),
      of("aws:s3:Bucket", "not-ours"),
      of("pulumi:providers:aws", "not-ours"),
    ];
    expect(stackIdsOf({ resources })).toEqual(["moved"]);
  });

  it("is empty for a stack from before identities", () => {
    expect(stackIdsOf({ resources: [of("pulumi-nodejs:dynamic/megaport:VxcConnection")] })).toEqual([]);
    expect(stackIdOf({})).toBeUndefined();
  });
});
