// The stack policies, called with fabricated stacks: the redundant-pair diversity check (advisory) and the
// Ordering-emails subscription (mandatory).
import { pluginTypeToken } from "../../provider/kinds/kinds";
import { stackOrderingSubscription } from "../../policy/policies/stack-ordering-subscription";
import { vxcRedundantPairDiversity } from "../../policy/policies/vxc-redundant-pair-diversity";
import { BLUE_PORT, HAPPY_CONFIG, happyBlueVxc, happySubscription, happyVxc, RED_PORT } from "./fixtures";
import {
  expectNoViolations,
  expectNotApplicable,
  expectViolation,
  runStackPolicy,
  UNKNOWN_AT_PREVIEW,
} from "./policy-harness";

describe("megaport-vxc-connection-redundant-pair-diversity", () => {
  const policy = vxcRedundantPairDiversity;
  const must = 'VXCs "blue", "red" to the same provider must span both diversity zones';

  it("passes a pair from a red and a blue port whose B-ends follow their A-ends' zones", async () => {
    expectNoViolations(await runStackPolicy(policy, [happyVxc(), happyBlueVxc()], HAPPY_CONFIG));
  });

  it("does not apply to a stack without two VXCs to one named provider", async () => {
    const other = happyBlueVxc();
    other.props.bEnd = { providerName: "Initech", sameDiversityZone: true };
    expectNotApplicable(
      await runStackPolicy(policy, [happyVxc(), other], HAPPY_CONFIG),
      "the stack has no two VXCs to the same named provider",
    );
  });

  it("groups VXCs by provider name in any case", async () => {
    const blue = happyBlueVxc();
    blue.props.aEnd.productUid = RED_PORT;
    blue.props.bEnd!.providerName = "ACME NETWORKS";
    expectViolation(await runStackPolicy(policy, [happyVxc(), blue], HAPPY_CONFIG), must);
  });

  it("fails a pair that starts from one A-end port", async () => {
    const blue = happyBlueVxc();
    blue.props.aEnd.productUid = RED_PORT;
    expectViolation(
      await runStackPolicy(policy, [happyVxc(), blue], HAPPY_CONFIG),
      `${must}: they all start from the same A-end port, which is in one zone.`,
    );
  });

  it("says it cannot confirm a pair whose B-end zone is chosen by distance", async () => {
    const blue = happyBlueVxc();
    delete blue.props.bEnd!.sameDiversityZone;
    const outcome = await runStackPolicy(policy, [happyVxc(), blue], HAPPY_CONFIG);
    expectViolation(
      outcome,
      `${must}: cannot confirm at preview, because "blue" does not set bEnd.sameDiversityZone: true`,
    );
    expect(outcome.violations[0].urn).toContain("::blue"); // on the VXC that should set it
  });

  it("says it cannot confirm a pair whose A-end ports' zones are not configured", async () => {
    expectViolation(
      await runStackPolicy(policy, [happyVxc(), happyBlueVxc()]),
      `${must}: cannot confirm at preview, because the diversity zones of their A-end ports are not listed in portDiversityZones.`,
    );
  });

  it("fails a pair whose A-end ports are both in one zone", async () => {
    const config = { portDiversityZones: { [RED_PORT]: "red", [BLUE_PORT]: "red" } };
    expectViolation(
      await runStackPolicy(policy, [happyVxc(), happyBlueVxc()], config),
      `${must}: all their A-end ports are in the red zone.`,
    );
  });
});

describe("megaport-stack-ordering-subscription", () => {
  const policy = stackOrderingSubscription;
  const message =
    'A stack that orders VXCs must subscribe at least one person to Ordering emails (a NotificationSubscription whose groups include "Ordering").';

  it("passes a stack with VXCs and someone subscribed to Ordering", async () => {
    expectNoViolations(await runStackPolicy(policy, [happyVxc(), happySubscription()]));
  });

  it("does not apply to a stack that orders no VXCs", async () => {
    expectNotApplicable(await runStackPolicy(policy, [happySubscription()]), "the stack orders no VXCs");
  });

  it("fails a stack with VXCs and no subscriptions", async () => {
    expectViolation(await runStackPolicy(policy, [happyVxc()]), message);
  });

  it("counts VXCs and subscriptions declared through the provider plugin as the dynamic ones", async () => {
    const vxc = { ...happyVxc(), type: pluginTypeToken("VxcConnection") };
    const subscription = { ...happySubscription(), type: pluginTypeToken("NotificationSubscription") };
    expectViolation(await runStackPolicy(policy, [vxc]), message);
    expectNoViolations(await runStackPolicy(policy, [vxc, subscription]));
  });

  it("fails a stack whose subscriptions leave out Ordering", async () => {
    const subscription = happySubscription();
    subscription.props.groups = ["SECURITY", "FINANCIAL"];
    expectViolation(await runStackPolicy(policy, [happyVxc(), subscription]), message);
  });

  it("accepts the group as users write it, in any case", async () => {
    const subscription = happySubscription();
    subscription.props.groups = ["ordering"];
    expectNoViolations(await runStackPolicy(policy, [happyVxc(), subscription]));
  });

  it("cannot run during preview when the groups are not known yet", async () => {
    const subscription = happySubscription();
    subscription.props.groups = UNKNOWN_AT_PREVIEW;
    expect(await runStackPolicy(policy, [happyVxc(), subscription])).toEqual({
      violations: [],
      unknownAtPreview: true,
    });
  });
});
