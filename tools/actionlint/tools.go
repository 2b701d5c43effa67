//go:build tools

// Package tools pins the main package scripts/actionlint.sh builds.
package tools

import (
	_ "github.com/rhysd/actionlint/cmd/actionlint"
)
