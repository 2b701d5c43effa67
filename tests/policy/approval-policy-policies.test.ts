// The ApprovalPolicy policies (the service provider's side), with a happy policy and one change per test.
import { approvalDenyReason } from "../../policy/policies/approval-deny-reason";
import { approvalNoOpenAccept } from "../../policy/policies/approval-no-open-accept";
import { happyApprovalPolicy } from "./fixtures";
import { expectNoViolations, expectViolation, runResourcePolicy } from "./policy-harness";

describe("megaport-approval-policy-no-open-accept", () => {
  const policy = approvalNoOpenAccept;

  it("passes accept rules that name companies or cap the speed", async () => {
    expectNoViolations(await runResourcePolicy(policy, happyApprovalPolicy()));
  });

  it("fails an accept rule for every company at any speed", async () => {
    const approvals = happyApprovalPolicy();
    approvals.props.rules[1].match = {
      requestTypes: ["NEW"],
      ports: ["55465685-0cdb-46c8-8bee-cbb6050acbd1"],
    };
    expectViolation(
      await runResourcePolicy(policy, approvals),
      "Approval policy must not accept every company without a rate ceiling: rules[1] accepts any company at any speed; set match.companies or match.rateLimit.max (at most 10000 Mbps).",
    );
  });

  it("fails an open accept rule with only a lower speed bound", async () => {
    const approvals = happyApprovalPolicy();
    approvals.props.rules[1].match = { rateLimit: { min: 100 } };
    expectViolation(await runResourcePolicy(policy, approvals), "rules[1] accepts any company at any speed");
  });

  it("fails an open accept rule whose ceiling is above the configured maximum", async () => {
    expectViolation(
      await runResourcePolicy(policy, happyApprovalPolicy(), { maxOpenAcceptRateLimitMbps: 500 }),
      "Approval policy must cap what it accepts from every company at 500 Mbps: rules[1] accepts any company up to a higher match.rateLimit.max.",
    );
  });

  it('fails defaultAction "accept"', async () => {
    const approvals = happyApprovalPolicy();
    approvals.props.defaultAction = "accept";
    expectViolation(
      await runResourcePolicy(policy, approvals),
      'Approval policy must not accept every company without a rate ceiling: defaultAction "accept" accepts any request no rule matched; use "manual" or "deny".',
    );
  });

  it("passes open deny and manual rules", async () => {
    const approvals = happyApprovalPolicy();
    approvals.props.rules = [
      { name: "look", match: {}, action: "manual" },
      { name: "never", match: {}, action: "deny", reason: "Not taking new customers." },
    ];
    expectNoViolations(await runResourcePolicy(policy, approvals));
  });
});

describe("megaport-approval-policy-deny-reason", () => {
  const policy = approvalDenyReason;

  it("passes deny rules with reasons", async () => {
    expectNoViolations(await runResourcePolicy(policy, happyApprovalPolicy()));
  });

  it.each([
    ["no reason", undefined],
    ["a blank reason", "  "],
  ])("fails a deny rule with %s", async (_case, reason) => {
    const approvals = happyApprovalPolicy();
    approvals.props.rules[2].reason = reason;
    expectViolation(
      await runResourcePolicy(policy, approvals),
      "Approval policy rules[2] must give a reason when it denies.",
    );
  });

  it('fails defaultAction "deny" without a defaultReason', async () => {
    const approvals = happyApprovalPolicy();
    approvals.props.defaultAction = "deny";
    expectViolation(
      await runResourcePolicy(policy, approvals),
      'Approval policy must give a defaultReason when defaultAction is "deny".',
    );
    approvals.props.defaultReason = "Ask sales@acme.example for access.";
    expectNoViolations(await runResourcePolicy(policy, approvals));
  });
});
