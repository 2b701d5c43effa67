// The megaport-mx policy pack: `pulumi preview --policy-pack policy`. This file only constructs the pack from the
// policies listed below (one per file in policies/); tests import the policies, never this file, because
// constructing a PolicyPack starts its gRPC server.
//
// The CLI starts the pack with the working directory of the *program* being previewed, and @pulumi/policy reads
// the pack's version from `${process.cwd()}/package.json`: so the pack steps into its own folder (the one holding
// PulumiPolicy.yaml and package.json) while the pack is constructed, and works whatever the program's folder holds.
import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { approvalDenyReason } from "./policies/approval-deny-reason";
import { approvalNoOpenAccept } from "./policies/approval-no-open-accept";
import { stackOrderingSubscription } from "./policies/stack-ordering-subscription";
import { vxcAllowedLocation } from "./policies/vxc-allowed-location";
import { vxcAllowedProvider } from "./policies/vxc-allowed-provider";
import { vxcAllowedTerms } from "./policies/vxc-allowed-terms";
import { vxcAllowedVlans } from "./policies/vxc-allowed-vlans";
import { vxcCostCentre } from "./policies/vxc-cost-centre";
import { vxcNamePattern } from "./policies/vxc-name-pattern";
import { vxcProtectInProduction } from "./policies/vxc-protect-in-production";
import { vxcRateLimitCeiling } from "./policies/vxc-rate-limit-ceiling";
import { vxcRedundantPairDiversity } from "./policies/vxc-redundant-pair-diversity";
import { vxcTargetKnownAtPreview } from "./policies/vxc-target-known-at-preview";

/** The pack's folder, from the source (policy/) or the compiled entry (dist/policy/). */
const PACK_DIR = [__dirname, path.resolve(__dirname, "../../policy")].find((dir) =>
  fs.existsSync(path.join(dir, "PulumiPolicy.yaml")),
);
if (!PACK_DIR)
  throw new Error(`megaport-mx policy pack: no PulumiPolicy.yaml beside ${__dirname} or in ../../policy`);

const programDir = process.cwd();
process.chdir(PACK_DIR);
try {
  new PolicyPack("megaport-mx", {
    description:
      "Guard rails for Megaport Marketplace VXCs, approval policies and notification subscriptions.",
    enforcementLevel: "advisory",
    policies: [
      // Customer side: each VxcConnection.
      vxcAllowedProvider,
      vxcAllowedLocation,
      vxcTargetKnownAtPreview,
      vxcRateLimitCeiling,
      vxcAllowedVlans,
      vxcAllowedTerms,
      vxcCostCentre,
      vxcNamePattern,
      vxcProtectInProduction,
      // Customer side: the stack as a whole.
      vxcRedundantPairDiversity,
      stackOrderingSubscription,
      // Provider side: each ApprovalPolicy.
      approvalNoOpenAccept,
      approvalDenyReason,
    ],
  });
} finally {
  process.chdir(programDir);
}
