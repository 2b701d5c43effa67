// Infrastructure as code for the Megaport Marketplace: Pulumi resources for marketplace profiles, VXC connections, approval policies and notification subscriptions.
package megaportmx
