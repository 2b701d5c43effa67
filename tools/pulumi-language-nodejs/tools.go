//go:build tools

// Package tools pins the main package scripts/pulumi-cli.sh builds.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
)
