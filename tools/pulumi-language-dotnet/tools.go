//go:build tools

// Package tools pins the main package scripts/pulumi-sdk-hosts.sh builds.
package tools

import (
	_ "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3"
)
