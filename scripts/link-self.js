// Links this package into its own node_modules (node_modules/megaport-mx -> ..), so the examples and the
// end-to-end programs in this repo resolve `require("megaport-mx")` as a user's project would after
// `npm install megaport-mx`. The dynamic provider shim also loads "megaport-mx/dist/..." by name from the program
// directory. Run by npm's `prepare` after every install.
const fs = require("node:fs");
const path = require("node:path");

const link = path.join(__dirname, "..", "node_modules", "megaport-mx");
try {
  if (fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not there yet
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync("..", link, "dir");
