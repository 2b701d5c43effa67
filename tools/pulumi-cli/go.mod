// Wrapper module that pins the Pulumi CLI and the Node.js language host so
// scripts/pulumi-cli.sh can build them offline from the Go module proxy.
// Versions and the reason for each are recorded in scripts/pulumi-cli.sh.
module github.com/megaport-mx/megaport-mx/tools/pulumi-cli

go 1.26.6

// Carried over from github.com/pulumi/pulumi/pkg/v3@v3.274.1's own go.mod
// (its only non-local replace), so the dependency graph matches upstream.
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

require (
	github.com/pulumi/pulumi/pkg/v3 v3.274.1
	github.com/pulumi/pulumi/sdk/v3 v3.274.1
)
