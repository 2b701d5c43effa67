#!/usr/bin/env bash
# Makes the Pulumi YAML language host available on a machine with no internet but the Go module proxy, so the real
# CLI can run `runtime: yaml` programs. A sibling of scripts/pulumi-cli.sh, built and cached the same way.
#
# Prints, as the last line on stdout, a directory holding pulumi-language-yaml: put it on the CLI's PATH, which is
# where the CLI looks for `pulumi-language-<runtime>` (scripts/pulumi-cli-root.ts isolatedPulumiEnv({ yamlHost })).
# Everything else goes to stderr. Usage: bash scripts/pulumi-yaml.sh
#
# Always the pinned build, never a pulumi-language-yaml found on PATH: tests must not depend on what a developer's
# own Pulumi install bundles. Cached outside the repo, keyed by the version and tools/pulumi-language-yaml/go.{mod,sum}.
#
# Version, and why:
#   - github.com/pulumi/pulumi-yaml v1.25.0, package cmd/pulumi-language-yaml: the newest the proxy serves (it lists
#     v1.11.1 and v1.25.0). Its go.mod requires pkg/sdk v3.206.0 and has no replace, so the wrapper module
#     tools/pulumi-language-yaml requires it alone and carries no replace; pkg/sdk v3.206.0 come with it. The CLI
#     (v3.276.0) speaks to it over the language gRPC protocol, which newer engines keep compatible with older hosts.
#   - Go: the machine's own (GOTOOLCHAIN=local); pulumi-yaml declares go 1.24.7.
# Measured on 2 cores shared with other helpers' work: cold (empty module and build caches; 91 modules, 420 MB
# unpacked) 2 min 27 s; cached 0.01 s.
# Flags as upstream's release builds (.goreleaser.yml): CGO_ENABLED=0 -trimpath
#   -ldflags "-w -s -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v<ver>".
set -euo pipefail

YAML_VERSION=v1.25.0

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf 'pulumi-yaml: %s\n' "$*" >&2; }

# 1. The cache.
key=$(cat "$repo"/tools/pulumi-language-yaml/go.{mod,sum} | sha256sum | cut -c1-12)
cache_base=${MEGAPORT_MX_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/megaport-mx}
dir=$cache_base/pulumi-language-yaml/$YAML_VERSION-$key
if [ -x "$dir/pulumi-language-yaml" ]; then
  log "using cached build $dir"
  echo "$dir"
  exit 0
fi

# 2. Build. One builder at a time; a half-built tree never becomes the cache.
mkdir -p "$cache_base/pulumi-language-yaml"
exec 9>"$cache_base/pulumi-language-yaml/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; else log "flock not found: not guarding against a concurrent build"; fi
if [ -x "$dir/pulumi-language-yaml" ]; then
  log "another run built it meanwhile: $dir"
  echo "$dir"
  exit 0
fi
command -v go >/dev/null 2>&1 || { log "Go is needed to build the YAML language host and is not on PATH"; exit 1; }
# -mod=readonly: go.mod and go.sum in tools/ pin every module; a build never rewrites them.
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0
staging=$(mktemp -d "$cache_base/pulumi-language-yaml/.build.XXXXXX")
trap 'rm -rf "$staging"' EXIT
started=$SECONDS
log "building pulumi-language-yaml $YAML_VERSION; a cold build downloads its modules and compiles for 2 to 3 minutes"
(cd "$repo/tools/pulumi-language-yaml" && go build -trimpath \
  -ldflags "-w -s -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION" \
  -o "$staging/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml)
log "built pulumi-language-yaml in $((SECONDS - started)) s"
rm -rf "$dir"
mv "$staging" "$dir"
trap - EXIT
log "cached in $dir"
echo "$dir"
