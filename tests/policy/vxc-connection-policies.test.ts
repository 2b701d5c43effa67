// The VxcConnection policies, each called with a happy VXC that passes, then one change per test and the "must …"
// message it must produce.
import { vxcAllowedLocation } from "../../policy/policies/vxc-allowed-location";
import { vxcAllowedProvider } from "../../policy/policies/vxc-allowed-provider";
import { vxcAllowedTerms } from "../../policy/policies/vxc-allowed-terms";
import { vxcAllowedVlans } from "../../policy/policies/vxc-allowed-vlans";
import { vxcCostCentre } from "../../policy/policies/vxc-cost-centre";
import { vxcNamePattern } from "../../policy/policies/vxc-name-pattern";
import { vxcProtectInProduction } from "../../policy/policies/vxc-protect-in-production";
import { vxcRateLimitCeiling } from "../../policy/policies/vxc-rate-limit-ceiling";
import { vxcTargetKnownAtPreview } from "../../policy/policies/vxc-target-known-at-preview";
import { pluginTypeToken } from "../../provider/kinds/kinds";
import { ACME_COMPANY_UID, HAPPY_CONFIG, happyApprovalPolicy, happyVxc, SERVICE_KEY } from "./fixtures";
import {
  expectNoViolations,
  expectNotApplicable,
  expectViolation,
  runResourcePolicy,
  UNKNOWN_AT_PREVIEW,
} from "./policy-harness";

/** A VXC named by port UID, the way the simulator's Acme port is ordered without a lookup. */
const ACME_PORT = "55465685-0cdb-46c8-8bee-cbb6050acbd1";

describe("megaport-vxc-connection-allowed-provider", () => {
  const policy = vxcAllowedProvider;

  it("judges a VXC declared through the provider plugin (megaport-mx:index:VxcConnection) as a dynamic one", async () => {
    const vxc = { ...happyVxc(), type: pluginTypeToken("VxcConnection") };
    expectNoViolations(await runResourcePolicy(policy, vxc, HAPPY_CONFIG));
    vxc.props.bEnd!.providerName = "Initech";
    expectViolation(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      `VXC must go to an allowed provider ("Acme Networks" or "${ACME_COMPANY_UID}"); bEnd.providerName names another.`,
    );
  });

  it("passes a VXC to a provider on the list", async () => {
    expectNoViolations(await runResourcePolicy(policy, happyVxc(), HAPPY_CONFIG));
  });

  it("matches the provider's name in any case", async () => {
    const vxc = happyVxc();
    vxc.props.bEnd!.providerName = "ACME networks";
    expectNoViolations(await runResourcePolicy(policy, vxc, HAPPY_CONFIG));
  });

  it("does not apply until allowedProviders is configured", async () => {
    expectNotApplicable(await runResourcePolicy(policy, happyVxc()), "no allowedProviders are configured");
  });

  it("fails a VXC to a provider not on the list", async () => {
    const vxc = happyVxc();
    vxc.props.bEnd!.providerName = "Initech";
    expectViolation(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      `VXC must go to an allowed provider ("Acme Networks" or "${ACME_COMPANY_UID}"); bEnd.providerName names another.`,
    );
  });

  it("passes a VXC whose pinned company UID is on the list, whatever its name", async () => {
    const vxc = happyVxc();
    vxc.props.bEnd = { providerName: "Acme", providerCompanyUid: ACME_COMPANY_UID.toUpperCase() };
    expectNoViolations(await runResourcePolicy(policy, vxc, HAPPY_CONFIG));
  });

  it("fails a VXC whose name and pinned company UID are both off the list", async () => {
    const vxc = happyVxc();
    vxc.props.bEnd = { providerName: "Acme", providerCompanyUid: "9d1c6f0e-1111-4222-8333-944455556666" };
    expectViolation(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      "bEnd.providerName and bEnd.providerCompanyUid name another.",
    );
  });

  it("says it cannot judge a VXC to a bare port UID, instead of passing it", async () => {
    const vxc = happyVxc();
    vxc.props.bEnd = { productUid: ACME_PORT };
    expectNotApplicable(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      "provider and location Megaport resolves only when the VXC is ordered, so its provider cannot be checked at preview",
    );
  });

  it("says it cannot judge a VXC ordered with a service key, instead of passing it", async () => {
    const vxc = happyVxc();
    delete vxc.props.bEnd;
    vxc.props.serviceKey = SERVICE_KEY;
    expectNotApplicable(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      "ordered with a service key, which names the provider's port only to Megaport",
    );
  });
});

describe("megaport-vxc-connection-allowed-location", () => {
  const policy = vxcAllowedLocation;

  it("passes a VXC at an allowed location, by name in any case or by id", async () => {
    expectNoViolations(await runResourcePolicy(policy, happyVxc(), HAPPY_CONFIG));
    const byId = happyVxc();
    byId.props.bEnd!.location = 3;
    expectNoViolations(await runResourcePolicy(policy, byId, HAPPY_CONFIG));
    const lowerCase = happyVxc();
    lowerCase.props.bEnd!.location = "equinix sy1";
    expectNoViolations(await runResourcePolicy(policy, lowerCase, HAPPY_CONFIG));
  });

  it("does not apply until allowedLocations is configured", async () => {
    expectNotApplicable(await runResourcePolicy(policy, happyVxc()), "no allowedLocations are configured");
  });

  it("fails a VXC at another location", async () => {
    const vxc = happyVxc();
    vxc.props.bEnd!.location = "NextDC M1";
    expectViolation(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      'VXC must go to an allowed location ("Equinix SY1" or 3); bEnd.location names another.',
    );
  });

  it("fails a VXC that names its provider but no location, since the nearest port could be anywhere", async () => {
    const vxc = happyVxc();
    delete vxc.props.bEnd!.location;
    expectViolation(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      'VXC must name its B-end location (bEnd.location: "Equinix SY1" or 3)',
    );
  });

  it("says it cannot judge a VXC to a bare port UID", async () => {
    const vxc = happyVxc();
    vxc.props.bEnd = { productUid: ACME_PORT };
    expectNotApplicable(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      "so its location cannot be checked at preview",
    );
  });
});

describe("megaport-vxc-connection-target-known-at-preview", () => {
  const policy = vxcTargetKnownAtPreview;

  it("does not apply to a VXC that names its provider", async () => {
    expectNotApplicable(await runResourcePolicy(policy, happyVxc()), "the VXC names its provider");
  });

  it("warns about a VXC to a bare port UID", async () => {
    const vxc = happyVxc();
    vxc.props.bEnd = { productUid: ACME_PORT };
    expectViolation(
      await runResourcePolicy(policy, vxc),
      "VXC must name its provider (bEnd.providerName) for the allowed-provider and allowed-location policies to check it: the VXC names its B-end by port UID",
    );
  });

  it("warns about a VXC ordered with a service key, without printing the key", async () => {
    const vxc = happyVxc();
    delete vxc.props.bEnd;
    vxc.props.serviceKey = SERVICE_KEY;
    const outcome = await runResourcePolicy(policy, vxc);
    expectViolation(outcome, "the VXC is ordered with a service key");
    expect(JSON.stringify(outcome)).not.toContain(SERVICE_KEY);
  });
});

describe("megaport-vxc-connection-rate-limit-ceiling", () => {
  const policy = vxcRateLimitCeiling;

  it("passes a VXC at or under the default ceiling of 10000 Mbps", async () => {
    const vxc = happyVxc();
    vxc.props.rateLimit = 10_000;
    expectNoViolations(await runResourcePolicy(policy, vxc));
  });

  it("fails a VXC over the default ceiling", async () => {
    const vxc = happyVxc();
    vxc.props.rateLimit = 10_001;
    expectViolation(await runResourcePolicy(policy, vxc), "VXC must have a rateLimit of at most 10000 Mbps.");
  });

  it("takes the ceiling from config", async () => {
    expectViolation(
      await runResourcePolicy(policy, happyVxc(), { maxRateLimitMbps: 200 }),
      "VXC must have a rateLimit of at most 200 Mbps.",
    );
  });

  it("cannot run during preview when the rate limit is not known yet", async () => {
    const vxc = happyVxc();
    vxc.props.rateLimit = UNKNOWN_AT_PREVIEW;
    expect(await runResourcePolicy(policy, vxc)).toEqual({ violations: [], unknownAtPreview: true });
  });
});

describe("megaport-vxc-connection-allowed-vlans", () => {
  const policy = vxcAllowedVlans;

  it("passes an A-end VLAN inside an allowed range", async () => {
    expectNoViolations(await runResourcePolicy(policy, happyVxc(), HAPPY_CONFIG));
  });

  it("does not apply until allowedVlanRanges is configured", async () => {
    expectNotApplicable(await runResourcePolicy(policy, happyVxc()), "no allowedVlanRanges are configured");
  });

  it.each([
    ["a VLAN outside every range", 250, "VXC must use an A-end VLAN (aEnd.vlan) in 100–199."],
    ["a VLAN left to Megaport", 0, "VXC must name its A-end VLAN (aEnd.vlan in 100–199)"],
    ["no VLAN at all", undefined, "VXC must name its A-end VLAN (aEnd.vlan in 100–199)"],
    ["an untagged A-end", -1, "VXC must use a tagged A-end VLAN in 100–199; untagged is not allowed."],
  ])("fails %s", async (_case, vlan, message) => {
    const vxc = happyVxc();
    vxc.props.aEnd.vlan = vlan;
    expectViolation(await runResourcePolicy(policy, vxc, HAPPY_CONFIG), message);
  });

  it("passes an untagged A-end when allowUntagged is set", async () => {
    const vxc = happyVxc();
    vxc.props.aEnd.vlan = -1;
    expectNoViolations(await runResourcePolicy(policy, vxc, { ...HAPPY_CONFIG, allowUntagged: true }));
  });
});

describe("megaport-vxc-connection-allowed-terms", () => {
  const policy = vxcAllowedTerms;

  it("passes an allowed term", async () => {
    expectNoViolations(await runResourcePolicy(policy, happyVxc(), HAPPY_CONFIG));
  });

  it("does not apply until allowedTerms is configured", async () => {
    expectNotApplicable(await runResourcePolicy(policy, happyVxc()), "no allowedTerms are configured");
  });

  it("fails a term that is not allowed", async () => {
    const vxc = happyVxc();
    vxc.props.term = 36;
    expectViolation(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      "VXC must have a term of 1, 12 months.",
    );
  });

  it("counts an unset term as Megaport's default of 1 month", async () => {
    const vxc = happyVxc();
    delete vxc.props.term;
    expectNoViolations(await runResourcePolicy(policy, vxc, HAPPY_CONFIG));
    expectViolation(
      await runResourcePolicy(policy, vxc, { allowedTerms: [12, 24] }),
      "VXC must have a term of 12, 24 months (unset means 1).",
    );
  });
});

describe("megaport-vxc-connection-cost-centre", () => {
  const policy = vxcCostCentre;

  it("passes any non-blank cost centre by default, and the configured format when set", async () => {
    const vxc = happyVxc();
    vxc.props.costCentre = "marketing";
    expectNoViolations(await runResourcePolicy(policy, vxc));
    expectNoViolations(await runResourcePolicy(policy, happyVxc(), HAPPY_CONFIG));
  });

  it.each([
    ["is missing", undefined],
    ["is blank", "   "],
  ])("fails a VXC whose cost centre %s", async (_case, costCentre) => {
    const vxc = happyVxc();
    vxc.props.costCentre = costCentre;
    expectViolation(await runResourcePolicy(policy, vxc), "VXC must have a costCentre.");
  });

  it("fails a cost centre that does not match the configured pattern", async () => {
    const vxc = happyVxc();
    vxc.props.costCentre = "marketing";
    expectViolation(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      "VXC must have a costCentre matching /^NET-[0-9]{3}$/.",
    );
  });
});

describe("megaport-vxc-connection-name-pattern", () => {
  const policy = vxcNamePattern;

  it("passes a name that matches the configured pattern", async () => {
    expectNoViolations(await runResourcePolicy(policy, happyVxc(), HAPPY_CONFIG));
  });

  it("fails a name with a trailing space under the default pattern", async () => {
    const vxc = happyVxc();
    vxc.props.name = "Globex to Acme ";
    expectViolation(await runResourcePolicy(policy, vxc), "VXC must have a name matching /^\\S(.*\\S)?$/.");
  });

  it("fails a name that does not match the configured pattern", async () => {
    const vxc = happyVxc();
    vxc.props.name = "acme-1";
    expectViolation(
      await runResourcePolicy(policy, vxc, HAPPY_CONFIG),
      "VXC must have a name matching /^Globex to [A-Za-z ]+ \\((red|blue)\\)$/.",
    );
  });
});

describe("megaport-vxc-connection-protect-in-production", () => {
  const policy = vxcProtectInProduction;

  it("passes a protected VXC in a production stack", async () => {
    const vxc = { ...happyVxc(), stack: "prod", opts: { protect: true } };
    expectNoViolations(await runResourcePolicy(policy, vxc));
  });

  it.each(["prod", "production", "prod-sydney"])('fails an unprotected VXC in stack "%s"', async (stack) => {
    expectViolation(
      await runResourcePolicy(policy, { ...happyVxc(), stack }),
      `VXC must be protected (resource option protect: true) in production stack "${stack}".`,
    );
  });

  it.each(["dev", "staging", "products", "preprod"])('does not apply in stack "%s"', async (stack) => {
    expectNotApplicable(
      await runResourcePolicy(policy, { ...happyVxc(), stack }),
      "the stack is not a production stack",
    );
  });

  it("takes the production stack pattern from config", async () => {
    expectViolation(
      await runResourcePolicy(policy, { ...happyVxc(), stack: "live" }, { productionStackPattern: "^live$" }),
      'in production stack "live"',
    );
  });
});

describe("every VxcConnection policy", () => {
  it("does not apply to other resource types", async () => {
    const policies = [
      vxcAllowedProvider,
      vxcAllowedLocation,
      vxcTargetKnownAtPreview,
      vxcRateLimitCeiling,
      vxcAllowedVlans,
      vxcAllowedTerms,
      vxcCostCentre,
      vxcNamePattern,
      vxcProtectInProduction,
    ];
    for (const policy of policies) {
      expectNotApplicable(
        await runResourcePolicy(policy, happyApprovalPolicy(), HAPPY_CONFIG),
        "Policy only applies to resources of type 'pulumi-nodejs:dynamic/megaport:VxcConnection' or " +
          "'megaport-mx:index:VxcConnection'",
      );
    }
  });
});
