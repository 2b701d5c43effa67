// megaport-mx: Pulumi resources for the Megaport Marketplace. The classes users import; each is a thin typed
// wrapper over a dynamic provider that lives in this package (provider/kinds, served by provider/dynamic) and is loaded by name at run time.
export { VxcConnection, type VxcConnectionArgs } from "./vxc-connection";
export { MarketplaceProfile, type MarketplaceProfileArgs } from "./marketplace-profile";
export { ApprovalPolicy, type ApprovalPolicyArgs } from "./approval-policy";
export { NotificationSubscription, type NotificationSubscriptionArgs } from "./notification-subscription";
