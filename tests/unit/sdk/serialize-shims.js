// Serializes each resource kind's provider shim the way the engine does (outside jest, whose module registry
// would make the serializer capture modules by value), and prints what it got as JSON.
const pulumi = require("@pulumi/pulumi");
const { providerShim } = require("../../../dist/sdk/provider-shim");

const kinds = ["vxc-connection", "marketplace-profile", "approval-policy", "notification-subscription"];
process.env.MEGAPORT_SECRET_KEY = "a-secret-that-must-not-be-captured";

(async () => {
  const results = {};
  for (const kind of kinds) {
    const shim = providerShim(`megaport-mx/dist/provider/resources/${kind}`);
    const serialized = await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true });
    results[kind] = { text: serialized.text, containsSecrets: serialized.containsSecrets };
  }
  process.stdout.write(JSON.stringify(results));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
