// A service provider from stack config: `profile` (MarketplaceProfile args), `policy` (ApprovalPolicy args) and
// `subscriptions` (a list of { resourceName, user, groups }).
const pulumi = require("@pulumi/pulumi");
const { ApprovalPolicy, MarketplaceProfile, NotificationSubscription } = require("megaport-mx");

const config = new pulumi.Config();

const profile = new MarketplaceProfile("profile", config.requireObject("profile"));
const policy = new ApprovalPolicy("policy", config.requireObject("policy"), { dependsOn: [profile] });
for (const { resourceName, ...args } of config.getObject("subscriptions") ?? []) {
  const subscription = new NotificationSubscription(resourceName, args);
  exports[resourceName] = subscription.subscribedGroups;
}

exports.companyUid = profile.companyUid;
exports.listedPorts = profile.portVisibility;
exports.pendingRequests = policy.pendingRequests;
exports.lastSettlement = policy.lastSettlement;
