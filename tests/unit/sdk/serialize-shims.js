// Serializes each resource kind's provider shim the way the engine does (outside jest, whose module registry
// would make the serializer capture modules by value), and prints what it got as JSON.
const pulumi = require("@pulumi/pulumi");
const { providerShim } = require("../../../dist/sdk/provider-shim");
const { KIND_NAMES, providerModulePath } = require("../../../dist/provider/kinds/kinds");
process.env.MEGAPORT_SECRET_KEY = "a-secret-that-must-not-be-captured";

(async () => {
  const results = {};
  for (const kind of KIND_NAMES) {
    const shim = providerShim(providerModulePath(kind));
    const serialized = await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true });
    results[kind] = { text: serialized.text, containsSecrets: serialized.containsSecrets };
  }
  process.stdout.write(JSON.stringify(results));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
