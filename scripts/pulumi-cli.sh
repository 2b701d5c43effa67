#!/usr/bin/env bash
# Makes a working Pulumi CLI available on a machine with no internet but the Go module proxy and npm.
#
# Prints, as the last line on stdout, a directory ROOT with ROOT/bin/pulumi, ROOT/bin/pulumi-language-nodejs and
# ROOT/bin/pulumi-resource-pulumi-nodejs: the `root` that Automation API's PulumiCommand.get({ root }) wants.
# Everything else goes to stderr. Usage: bash scripts/pulumi-cli.sh   (or: export PATH="$(… | tail -1)/bin:$PATH")
#
# Order of preference:
#   1. a `pulumi` on PATH that is 3.276 or newer and has its Node.js language host beside it or on PATH;
#   2. the cached build, keyed by the versions below and the wrapper modules' go.mod/go.sum;
#   3. a build from the Go module proxy, cached outside the repo so the next run takes seconds.
#
# Versions, and why:
#   - CLI github.com/pulumi/pulumi/pkg/v3 v3.276.0: the newest the proxy serves, the same release as the newest
#     Node SDK on npm (@pulumi/pulumi 3.276.0). The CLI must not be older than the SDK.
#     Wrapper module: tools/pulumi-cli (carries pkg's non-local replace of atotto/clipboard).
#   - Node.js language host github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3: the module has no
#     tags, only pseudo-versions, and the proxy refuses to list them and refuses the pseudo-versions of every
#     release commit from v3.200 to v3.259 that we asked for (`go list -m -json <module>@<pseudo-version>`
#     answers 403). The one it serves is v3.0.0-20250806165243-bee5e4fa4815 (commit bee5e4fa4815, 2025-08-06,
#     five commits before sdk/v3.188.0). It does not compile against sdk v3.276.0 (the gRPC interfaces grew
#     methods), so it is built in its own wrapper module, tools/pulumi-language-nodejs, against pkg/sdk v3.188.0,
#     the release that contains that commit, and stamped v3.188.0. The CLI speaks to it over the language gRPC
#     protocol, which newer engines keep compatible with older hosts.
#     The host's module is not in the checksum database, hence GONOSUMDB for it; go.sum pins its hash.
#   - Go: the machine's own (GOTOOLCHAIN=local). pkg v3.276.0 declares go 1.26.6; Go 1.26.8 is enough.
# Measured on 2 cores: cold (empty module and build caches) 16 min under load, about 6 min otherwise; cached 0 s.
# Flags as upstream's release builds: -trimpath -tags osusergo,grpcnotrace -ldflags "-w -s -X …Version=v<ver>".
set -euo pipefail

CLI_VERSION=v3.276.0
HOST_VERSION=v3.188.0
MIN_PATH_VERSION=3.276.0

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf 'pulumi-cli: %s\n' "$*" >&2; }

version_at_least() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# 1. A suitable pulumi on PATH.
if [ -z "${MEGAPORT_MX_BUILD_PULUMI:-}" ] && command -v pulumi >/dev/null 2>&1; then
  path_pulumi=$(readlink -f "$(command -v pulumi)")
  path_version=$(PULUMI_SKIP_UPDATE_CHECK=true "$path_pulumi" version 2>/dev/null | sed 's/^v//' || true)
  path_dir=$(dirname "$path_pulumi")
  if [ -n "$path_version" ] && version_at_least "$path_version" "$MIN_PATH_VERSION" &&
    { [ -x "$path_dir/pulumi-language-nodejs" ] || command -v pulumi-language-nodejs >/dev/null 2>&1; } &&
    { [ -x "$path_dir/pulumi-resource-pulumi-nodejs" ] || command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; } &&
    [ "$(basename "$path_dir")" = bin ]; then
    log "using pulumi $path_version on PATH ($path_pulumi)"
    dirname "$path_dir"
    exit 0
  fi
fi

# 2. The cache.
node_sdk=$repo/node_modules/@pulumi/pulumi
if [ ! -f "$node_sdk/pulumi-resource-pulumi-nodejs" ]; then
  log "node_modules/@pulumi/pulumi is missing: run 'npm ci' first"
  exit 1
fi
key=$(cat "$repo"/tools/pulumi-cli/go.{mod,sum} "$repo"/tools/pulumi-language-nodejs/go.{mod,sum} \
  "$node_sdk/pulumi-resource-pulumi-nodejs" | sha256sum | cut -c1-12)
cache_base=${MEGAPORT_MX_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/megaport-mx}
root=$cache_base/pulumi-cli/$CLI_VERSION-$key
if [ -x "$root/bin/pulumi" ] && [ -x "$root/bin/pulumi-language-nodejs" ]; then
  log "using cached build $root"
  echo "$root"
  exit 0
fi

# 3. Build. One builder at a time; a half-built tree never becomes the cache.
mkdir -p "$cache_base/pulumi-cli"
exec 9>"$cache_base/pulumi-cli/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; else log "flock not found: not guarding against a concurrent build"; fi
if [ -x "$root/bin/pulumi" ] && [ -x "$root/bin/pulumi-language-nodejs" ]; then
  log "another run built it meanwhile: $root"
  echo "$root"
  exit 0
fi
command -v go >/dev/null 2>&1 || { log "Go is needed to build the Pulumi CLI and is not on PATH"; exit 1; }
# -mod=readonly: go.mod and go.sum in tools/ pin every module; a build never rewrites them.
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly
export GONOSUMDB=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs
staging=$(mktemp -d "$cache_base/pulumi-cli/.build.XXXXXX")
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/bin"
build() { # $1 wrapper module dir, $2 main package, $3 output name, $4 version stamp
  local started=$SECONDS
  log "building $3 ($2, $4); a cold build downloads about 350 MB of modules (1.4 GB unpacked) and compiles for 5 to 15 minutes"
  (cd "$repo/tools/$1" && go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$4" \
    -o "$staging/bin/$3" "$2")
  log "built $3 in $((SECONDS - started)) s"
}
build pulumi-cli github.com/pulumi/pulumi/pkg/v3/cmd/pulumi pulumi "$CLI_VERSION"
build pulumi-language-nodejs github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 \
  pulumi-language-nodejs "$HOST_VERSION"
install -m 755 "$node_sdk/pulumi-resource-pulumi-nodejs" "$staging/bin/pulumi-resource-pulumi-nodejs"
"$staging/bin/pulumi" version >/dev/null
rm -rf "$root"
mv "$staging" "$root"
trap - EXIT
log "cached in $root"
echo "$root"
