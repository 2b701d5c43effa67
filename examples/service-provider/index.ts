// A service provider on the Megaport Marketplace: its public profile and the ports it lists, the rules that
// answer incoming connection requests and speed increases, and who on its staff gets which emails.
import * as pulumi from "@pulumi/pulumi";
import { ApprovalPolicy, MarketplaceProfile, NotificationSubscription } from "megaport-mx";

const config = new pulumi.Config();
// Our ports. The defaults are the simulator's seeded Acme ports; set your own with `pulumi config set`.
const sydneyRed = config.get("sydneyRedPortUid") ?? "55465685-0cdb-46c8-8bee-cbb6050acbd1";
const sydneyBlue = config.get("sydneyBluePortUid") ?? "6aae78f0-2d15-4b20-9fa5-83dddbe7da9a";
const trustedCustomer = config.get("trustedCustomer") ?? "Globex Corporation";

const profile = new MarketplaceProfile("acme", {
  companyName: "Acme Networks",
  companyBio:
    "Low-latency transit and cloud on-ramps across Australia, with a person on call around the clock.",
  contactEmail: "sales@acme.example",
  website: "https://acme.example",
  visibility: "public",
  services: ["IP Transit", "Cloud Connect", "DDoS Protection"],
  listedPorts: [sydneyRed, sydneyBlue],
});

// First match wins. Anything no rule answers waits for a person in the portal's Approvals page.
const policy = new ApprovalPolicy(
  "incoming-requests",
  {
    rules: [
      {
        name: "trusted-customer-on-red",
        match: { companies: [trustedCustomer], ports: [sydneyRed], rateLimit: { max: 1000 } },
        action: "accept",
      },
      {
        name: "nothing-over-1g-without-a-contract",
        match: { rateLimit: { min: 1001 } },
        action: "deny",
        reason: "Connections over 1 Gbps need a contract: please contact sales@acme.example",
      },
    ],
    defaultAction: "manual",
  },
  { dependsOn: [profile] },
);

// Only Company Admin, Technical Admin and Technical Contact users may subscribe.
const noc = new NotificationSubscription("noc", {
  user: "techcontact@acme.example",
  groups: ["Ordering", "Services"],
});
const duty = new NotificationSubscription("duty-manager", {
  user: "techadmin@acme.example",
  groups: ["Ordering", "Security"],
});

export const companyUid = profile.companyUid;
export const listedPorts = profile.portVisibility;
export const pendingRequests = policy.pendingRequests;
export const lastSettlement = policy.lastSettlement;
export const nocGroups = noc.subscribedGroups;
export const dutyGroups = duty.subscribedGroups;
