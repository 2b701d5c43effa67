// Wrapper module that pins the Pulumi Node.js language host so scripts/pulumi-cli.sh can build it offline
// from the Go module proxy. Why this version, and why pkg/sdk v3.188.0 here: see scripts/pulumi-cli.sh.
module github.com/megaport-mx/megaport-mx/tools/pulumi-language-nodejs

go 1.24.1

// Carried over from the language host's own go.mod (its only non-local replace).
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

require (
	github.com/pulumi/pulumi/pkg/v3 v3.188.0
	github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 v3.0.0-20250806165243-bee5e4fa4815
	github.com/pulumi/pulumi/sdk/v3 v3.188.0
)
