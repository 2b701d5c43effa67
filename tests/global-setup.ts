// Jest global setup: get the Pulumi CLI once (cached build from scripts/pulumi-cli.sh) before any test runs, so no
// single test's timeout has to cover a cold build. tests/support/pulumi-stack.ts reads MEGAPORT_MX_PULUMI_ROOT.
import { pulumiCliRoot } from "./support/pulumi-stack";

export default function globalSetup(): void {
  process.env.MEGAPORT_MX_PULUMI_ROOT = pulumiCliRoot();
}
