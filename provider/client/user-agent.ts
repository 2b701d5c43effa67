// The User-Agent the client sends: "megaport-mx/<version>", after any caller-supplied product token
// (megaportgo lets callers prepend theirs the same way). Must never: throw because package.json moved.

import { readFileSync } from "node:fs";
import { join } from "node:path";

let cachedVersion: string | undefined;

/** This package's version, read from package.json (two levels up from source, three from dist/). */
export function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  for (const up of ["../..", "../../.."]) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, up, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "megaport-mx" && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // try the next candidate
    }
  }
  return (cachedVersion = "0.0.0");
}

export function userAgent(callerProduct?: string): string {
  const ours = `megaport-mx/${packageVersion()}`;
  return callerProduct ? `${callerProduct} ${ours}` : ours;
}
