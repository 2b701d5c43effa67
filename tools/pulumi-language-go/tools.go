//go:build tools

// Package tools pins the main package scripts/pulumi-sdk-hosts.sh builds.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3"
)
