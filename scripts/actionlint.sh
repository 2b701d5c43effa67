#!/usr/bin/env bash
# Makes actionlint (the GitHub Actions workflow linter) available on a machine with no internet but the Go module
# proxy: builds it from the wrapper module tools/actionlint and caches it outside the repo, as scripts/pulumi-cli.sh
# does for the Pulumi CLI.
#
# Prints, as the last line on stdout, the path of the actionlint binary; everything else goes to stderr.
# Usage: bash scripts/actionlint.sh   (then: "$(bash scripts/actionlint.sh | tail -1)" -color <workflow files>)
#
# Version, and why: github.com/rhysd/actionlint v1.7.12 (2026-03-30), the newest the proxy serves. Its go.mod
# declares go 1.25.0; the machine's Go (GOTOOLCHAIN=local) must be at least that. It knows the inputs of
# pulumi/actions up to v6 and accepts v7 (same inputs) without checking them; it runs shellcheck over `run:` blocks
# when shellcheck is on PATH.
# Measured on 2 cores shared with other work: cold (empty module and build caches) about 55 s; cached 0 s.
set -euo pipefail

VERSION=v1.7.12

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf 'actionlint: %s\n' "$*" >&2; }

key=$(cat "$repo"/tools/actionlint/go.{mod,sum} | sha256sum | cut -c1-12)
cache_base=${MEGAPORT_MX_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/megaport-mx}
binary=$cache_base/actionlint/$VERSION-$key/actionlint
if [ -x "$binary" ]; then
  log "using cached build $binary"
  echo "$binary"
  exit 0
fi

# One builder at a time; a half-written binary never becomes the cache.
mkdir -p "$cache_base/actionlint"
exec 9>"$cache_base/actionlint/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; else log "flock not found: not guarding against a concurrent build"; fi
if [ -x "$binary" ]; then
  log "another run built it meanwhile: $binary"
  echo "$binary"
  exit 0
fi
command -v go >/dev/null 2>&1 || { log "Go is needed to build actionlint and is not on PATH"; exit 1; }
# -mod=readonly: go.mod and go.sum in tools/actionlint pin every module; a build never rewrites them.
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly
staging=$(mktemp -d "$cache_base/actionlint/.build.XXXXXX")
trap 'rm -rf "$staging"' EXIT
started=$SECONDS
log "building actionlint $VERSION from the Go module proxy"
# The version stamp upstream's release builds set (otherwise `actionlint -version` says the wrapper's version).
(cd "$repo/tools/actionlint" && go build -trimpath \
  -ldflags "-s -w -X github.com/rhysd/actionlint.version=$VERSION" \
  -o "$staging/actionlint" github.com/rhysd/actionlint/cmd/actionlint)
"$staging/actionlint" -version >/dev/null
mkdir -p "$(dirname "$binary")"
mv "$staging/actionlint" "$binary"
log "built in $((SECONDS - started)) s, cached in $binary"
echo "$binary"
