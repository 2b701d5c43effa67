#!/usr/bin/env bash
# Everything `npm test` needs beyond node_modules, so the README's `npm ci && npm test` passes on a fresh machine
# with nothing skipped. `npm test` runs it first (package.json `pretest`); `.ci/run` gets it through `npm test`.
#
#   - Debian's chromium (the portal browser test), postgresql (throwaway clusters for the GitOps state backend and
#     the approver's leader lock, tests/support/postgres.ts) and shellcheck (tests/lint). Missing ones are installed
#     with apt-get when this runs as root; otherwise it stops at once and prints the one command that installs them.
#   - The Pulumi CLI (scripts/pulumi-cli.sh), its YAML language host (scripts/pulumi-yaml.sh), the Go language host
#     (scripts/pulumi-sdk-hosts.sh go: the Go SDK's regeneration and the Go program test) and actionlint
#     (scripts/actionlint.sh): cached builds from the Go module proxy, so no test's timeout has to cover a cold build.
#
# When everything is there it takes a second or two. Usage: bash scripts/test-setup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { printf 'test-setup: %s\n' "$*" >&2; }

missing_packages() {
  # The path tests/browser/portal.test.ts launches.
  [ -x /usr/bin/chromium ] || echo chromium
  # tests/support/postgres.ts takes the newest /usr/lib/postgresql/<v>/bin, or PG_BIN.
  if [ -z "${PG_BIN:-}" ] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then echo postgresql; fi
  command -v shellcheck >/dev/null 2>&1 || echo shellcheck
}
if [ -n "${PG_BIN:-}" ] && [ ! -x "$PG_BIN/initdb" ]; then
  log "PG_BIN=$PG_BIN has no initdb"
  exit 1
fi

mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "the tests need Debian's ${missing[*]}, which this machine lacks. Install with:"
    printf '  sudo sh -c "apt-get update && apt-get install -y %s"\n' "${missing[*]}" >&2
    exit 1
  fi
  log "installing Debian's ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "apt-get installed ${missing[*]} but it is still missing"
    exit 1
  fi
fi

# (Debian's chromium wrapper may print shell noise of its own on stderr.)
chromium_version=$(/usr/bin/chromium --version 2>/dev/null)
pg_bin=${PG_BIN:-$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1)}
postgres_version=$("$pg_bin/postgres" --version)
shellcheck_version=$(shellcheck --version | sed -n 2p)
log "$chromium_version; $postgres_version; shellcheck $shellcheck_version"

pulumi_root=$(bash scripts/pulumi-cli.sh | tail -n 1)
pulumi_version=$(PULUMI_SKIP_UPDATE_CHECK=true "$pulumi_root/bin/pulumi" version)
yaml_host_dir=$(bash scripts/pulumi-yaml.sh | tail -n 1)
[ -x "$yaml_host_dir/pulumi-language-yaml" ] || { log "scripts/pulumi-yaml.sh gave no pulumi-language-yaml"; exit 1; }
sdk_hosts_dir=$(bash scripts/pulumi-sdk-hosts.sh go | tail -n 1)
[ -x "$sdk_hosts_dir/pulumi-language-go" ] || { log "scripts/pulumi-sdk-hosts.sh gave no pulumi-language-go"; exit 1; }
actionlint=$(bash scripts/actionlint.sh | tail -n 1)
actionlint_version=$("$actionlint" -version | sed -n 1p)
log "pulumi $pulumi_version at $pulumi_root; YAML host at $yaml_host_dir; SDK hosts at $sdk_hosts_dir; actionlint $actionlint_version"
