//go:build tools

// Package tools pins the main package scripts/pulumi-sdk-hosts.sh builds.
package tools

import (
	_ "github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java"
)
