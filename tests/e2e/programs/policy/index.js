// Resources for previews with the policy pack, all from stack config, so each test shapes its own stack:
//   vxcs: [{ resourceName, protect?, ...VxcConnection args }]
//   subscriptions: [{ resourceName, ...NotificationSubscription args }]
//   approvalPolicies: [{ resourceName, ...ApprovalPolicy args }]
// Its package.json has no "version" on purpose: the pack must not depend on the program's package.json.
const pulumi = require("@pulumi/pulumi");
const { ApprovalPolicy, NotificationSubscription, VxcConnection } = require("megaport-mx");

const config = new pulumi.Config();

for (const { resourceName, protect, ...args } of config.getObject("vxcs") ?? []) {
  new VxcConnection(resourceName, args, { protect });
}
for (const { resourceName, ...args } of config.getObject("subscriptions") ?? []) {
  new NotificationSubscription(resourceName, args);
}
for (const { resourceName, ...args } of config.getObject("approvalPolicies") ?? []) {
  new ApprovalPolicy(resourceName, args);
}
