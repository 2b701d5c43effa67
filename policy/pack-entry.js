// What the Pulumi CLI runs: its Node.js language host `require`s this folder, and package.json's `main` names this
// file. It loads the pack compiled by `npm run build` (dist/policy/index.js). Without this file a missing build
// would not fail: Node would fall back to index.ts, which the language host compiles with ts-node under the
// previewed program's tsconfig, type-checking the whole pack on every run.
"use strict";
const path = require("node:path");

const compiled = path.join(__dirname, "..", "dist", "policy", "index.js");
try {
  require.resolve(compiled);
} catch {
  console.error(
    `megaport-mx policy pack: ${compiled} is missing. Run \`npm ci && npm run build\` at the repository root first.`,
  );
  process.exit(1);
}
require(compiled);
