// VXCs go only to the providers the platform team allows, named by company name or company UID. With no list
// configured the policy does not apply. A VXC whose provider is known only to Megaport (a bare port UID, a service
// key) is reported "not applicable" here with the reason; megaport-vxc-connection-target-known-at-preview warns
// about it, so it is never a silent pass.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchemaWithDefaults, listed, listIncludes, readConfig } from "../policy-config";
import { validateVxcConnection } from "../resource-props";
import { unjudgeableReason, vxcTarget } from "../vxc-target";

export interface AllowedProviderConfig {
  /** Provider companies VXCs may go to: Marketplace company names (any case) or company UIDs. Empty: any. */
  allowedProviders: string[];
}

export const ALLOWED_PROVIDER_DEFAULTS: AllowedProviderConfig = { allowedProviders: [] };

export const vxcAllowedProvider: ResourceValidationPolicy = {
  name: "megaport-vxc-connection-allowed-provider",
  description: "Checks that VXCs go only to allowed Marketplace providers.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Order the VXC from an allowed provider (bEnd.providerName, or bEnd.providerCompanyUid when the name is ambiguous), or ask the platform team to add the provider to allowedProviders.",
  configSchema: configSchemaWithDefaults(ALLOWED_PROVIDER_DEFAULTS, {
    allowedProviders: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description:
        "Marketplace company names (case-insensitive) or company UIDs VXCs may go to. Empty: the policy does not apply.",
    },
  }),
  validateResource: validateVxcConnection((vxc, args, reportViolation) => {
    const { allowedProviders } = readConfig(args, ALLOWED_PROVIDER_DEFAULTS);
    if (allowedProviders.length === 0) {
      args.notApplicable("no allowedProviders are configured");
      return;
    }
    const target = vxcTarget(vxc);
    if (target.by !== "provider") {
      args.notApplicable(`${unjudgeableReason(target)}, so its provider cannot be checked at preview`);
      return;
    }
    // A name allows every company of that name; a UID allows that company alone. Either one given must match.
    const allowed =
      listIncludes(allowedProviders, target.providerName) ||
      listIncludes(allowedProviders, target.providerCompanyUid);
    if (!allowed) {
      const named = [
        target.providerName !== undefined && "bEnd.providerName",
        target.providerCompanyUid !== undefined && "bEnd.providerCompanyUid",
      ].filter(Boolean);
      reportViolation(
        `VXC must go to an allowed provider (${listed(allowedProviders)}); ${named.join(" and ")} name${named.length > 1 ? "" : "s"} another.`,
      );
    }
  }),
};
