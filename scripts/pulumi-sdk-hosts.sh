#!/usr/bin/env bash
# Makes the language hosts that `pulumi package gen-sdk` needs for Go, Python, .NET and Java available on a machine with no
# internet but the Go module proxy (gen-sdk asks the host of each language to write its SDK; the Node.js host comes
# with the CLI, scripts/pulumi-cli.sh). A sibling of scripts/pulumi-yaml.sh, built and cached the same way.
#
# Prints, as the last line on stdout, a directory holding the hosts asked for (pulumi-language-<host>; all four when
# none is named): put it on the CLI's PATH (scripts/sdks.ts). Everything else goes to stderr. `npm test` builds only
# the Go host (it regenerates the Go SDK and runs a Go program); `npm run sdks` builds all four.
# Usage: bash scripts/pulumi-sdk-hosts.sh [go] [python] [dotnet] [java]
#
# These hosts are here to generate SDKs. pulumi-language-go also runs Go programs (it needs only Go);
# pulumi-language-python would run Python programs through Pulumi's Python SDK, which comes from PyPI, out of reach
# here, so its executor (a script upstream ships beside the host, which the host only checks is there at start-up)
# is a stub of ours that says so. The .NET host would need the .NET SDK and NuGet, the Java host a JDK, Gradle and
# Maven Central.
#
# Versions, and why:
#   - Go and Python hosts: github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 and
#     …/sdk/python/cmd/pulumi-language-python/v3 have no tags; the proxy refuses to list them and serves the
#     pseudo-version v3.0.0-20250806165243-bee5e4fa4815, the same commit as the Node.js host's (see
#     scripts/pulumi-cli.sh). Built the same way, in wrapper modules tools/pulumi-language-{go,python} against pkg/sdk
#     v3.188.0, the release that contains that commit, and stamped v3.188.0. Not in the checksum database, hence
#     GONOSUMDB; go.sum pins their hashes.
#   - .NET host: github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3 v3.101.0 (the proxy refuses the list and
#     v3.80/v3.90; it serves v3.101.0). It requires pkg/sdk at a pseudo-version after v3.219 and carries three
#     non-local replaces, copied into tools/pulumi-language-dotnet. Its SDK generator downloads a logo with a plain
#     HTTP GET (from the schema's logoUrl, else GitHub): scripts/sdks.ts serves one on loopback.
#   - Java host: github.com/pulumi/pulumi-java/pkg v1.0.0 (2025-01; the proxy refuses the list and v1.20/v1.39, the
#     version the CLI would download; it serves v1.0.0), with its two replaces, in tools/pulumi-language-java. It
#     requires pkg/sdk v3.144.1.
#   - Go: the machine's own (GOTOOLCHAIN=local).
# Measured on 2 cores shared with other work, the Go build cache empty and the modules already downloaded: 592 s
# (Go 203 s, Python 12 s, .NET 314 s, Java 63 s); with the build cache warm from an earlier build, about 1 minute;
# cached: 0.01 s. A fresh machine also downloads the modules the CLI's build has not (the .NET and Java hosts' pkg).
set -euo pipefail

GO_PY_VERSION=v3.188.0
DOTNET_VERSION=v3.101.0
JAVA_VERSION=v1.0.0
ALL_HOSTS=(go python dotnet java)
HOSTS=("$@")
[ "${#HOSTS[@]}" -gt 0 ] || HOSTS=("${ALL_HOSTS[@]}")
for host in "${HOSTS[@]}"; do
  case " ${ALL_HOSTS[*]} " in *" $host "*) ;; *) echo "pulumi-sdk-hosts: no host named $host (${ALL_HOSTS[*]})" >&2; exit 64 ;; esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf 'pulumi-sdk-hosts: %s\n' "$*" >&2; }

# 1. The cache.
key=$(for host in "${HOSTS[@]}"; do cat "$repo/tools/pulumi-language-$host"/go.{mod,sum}; done | sha256sum | cut -c1-12)
cache_base=${MEGAPORT_MX_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/megaport-mx}
dir=$cache_base/pulumi-sdk-hosts/$key
complete() { for host in "${HOSTS[@]}"; do [ -x "$dir/pulumi-language-$host" ] || return 1; done; }
if complete; then
  log "using cached build $dir"
  echo "$dir"
  exit 0
fi

# 2. Build. One builder at a time; a half-built tree never becomes the cache.
mkdir -p "$cache_base/pulumi-sdk-hosts"
exec 9>"$cache_base/pulumi-sdk-hosts/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; else log "flock not found: not guarding against a concurrent build"; fi
if complete; then
  log "another run built it meanwhile: $dir"
  echo "$dir"
  exit 0
fi
command -v go >/dev/null 2>&1 || { log "Go is needed to build the SDK language hosts and is not on PATH"; exit 1; }
# -mod=readonly: go.mod and go.sum in tools/ pin every module; a build never rewrites them.
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0
export GONOSUMDB=github.com/pulumi/pulumi/sdk/go/pulumi-language-go,github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python
staging=$(mktemp -d "$cache_base/pulumi-sdk-hosts/.build.XXXXXX")
trap 'rm -rf "$staging"' EXIT
build() { # $1 host, $2 main package, $3 -ldflags -X setting
  local started=$SECONDS
  log "building pulumi-language-$1 ($2); a cold build downloads its modules and compiles for a few minutes"
  (cd "$repo/tools/pulumi-language-$1" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "-w -s -X $3" \
    -o "$staging/pulumi-language-$1" "$2")
  log "built pulumi-language-$1 in $((SECONDS - started)) s"
}
sdk_version=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version
for host in "${HOSTS[@]}"; do
  case $host in
    go) build go github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 "$sdk_version=$GO_PY_VERSION" ;;
    python)
      build python github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 "$sdk_version=$GO_PY_VERSION"
      cat >"$staging/pulumi-language-python-exec" <<'EOF'
#!/bin/sh
echo "pulumi-language-python here is built to generate SDKs (scripts/pulumi-sdk-hosts.sh); running Python programs needs Pulumi's Python SDK" >&2
exit 1
EOF
      chmod 755 "$staging/pulumi-language-python-exec"
      ;;
    dotnet)
      build dotnet github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3 \
        "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3/version.Version=$DOTNET_VERSION"
      ;;
    java)
      build java github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java \
        "github.com/pulumi/pulumi-java/pkg/version.Version=$JAVA_VERSION"
      ;;
  esac
done
rm -rf "$dir"
mv "$staging" "$dir"
trap - EXIT
log "cached in $dir"
echo "$dir"
