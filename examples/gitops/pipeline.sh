#!/usr/bin/env bash
# The GitOps steps of this repository as one script, for any CI or a terminal: the same Pulumi commands and flags the
# GitHub workflows in .github/workflows run through pulumi/actions.
#
#   pipeline.sh preview   pull request: preview with the policy pack; a mandatory violation blocks the change
#   pipeline.sh up        merge: deploy (with the policy pack, --parallel); a VXC still waiting for its provider
#                         at the deadline stops the run, saying who must act; the next run resumes the wait
#   pipeline.sh drift     schedule: refresh from Megaport and expect no changes; a change made in the Portal fails
#   pipeline.sh waiting   list the stack's VXCs waiting for a provider, and who must act
#   pipeline.sh --help    this text
#
# Environment (CI: from its secret store):
#   PULUMI_BACKEND_URL        state backend, e.g. postgres://user:password@host:5432/pulumi?sslmode=require
#   STACK_NAME                the stack, e.g. prod
#   PULUMI_CONFIG_PASSPHRASE  encrypts the stack's secrets (or PULUMI_CONFIG_PASSPHRASE_FILE)
#   MEGAPORT_ACCESS_KEY, MEGAPORT_SECRET_KEY   the Megaport API key
#   MEGAPORT_ENVIRONMENT      production or staging (or MEGAPORT_BASE_URL + MEGAPORT_TOKEN_URL: a simulator)
#   POLICY_PACK               the policy pack's folder (preview and up)
#   POLICY_PACK_CONFIG        its config (default: policy-config.json beside this script, if present)
#   PULUMI_PARALLEL           resource operations at once for up (default here 64; see README: each VXC waiting
#                             for a provider holds one slot for the whole wait)
#   VXC_APPROVAL_TIMEOUT      how long a run waits for a provider (index.ts: default 20m; the same for every run
#                             of a stack, or every VXC shows as changed)
#   PULUMI_WORK_DIR           the Pulumi project (default: the folder holding this script)
#
# Exit codes: 0 done; 1 failed (a blocked preview, a failed up); 2 missing or wrong settings; 3 drift;
# 4 a VXC is waiting for its provider (the next run resumes); 5 the stack is locked by another run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf 'pipeline: %s\n' "$*"; }
fail() { # code, message lines
  local code=$1
  shift
  for line in "$@"; do printf 'pipeline: %s\n' "$line" >&2; done
  exit "$code"
}

usage="usage: pipeline.sh preview|up|drift|waiting   (pipeline.sh --help: the settings and exit codes)"
case ${1:-} in -h | --help)
  sed -n '2,/^set -euo/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 0
  ;;
esac
[ $# -eq 1 ] || fail 2 "$usage"
mode=$1
case $mode in preview | up | drift | waiting) ;; *) fail 2 "unknown step '$mode'" "$usage" ;; esac

# --- settings -------------------------------------------------------------------------------------------------------
missing=()
[ -n "${PULUMI_BACKEND_URL:-}" ] || missing+=("PULUMI_BACKEND_URL (the state backend, e.g. postgres://user:password@host:5432/pulumi?sslmode=require)")
[ -n "${STACK_NAME:-}" ] || missing+=("STACK_NAME (the stack to run, e.g. prod)")
[ -n "${PULUMI_CONFIG_PASSPHRASE:-}${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ] ||
  missing+=("PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE: the passphrase of the stack's secrets)")
if [ "$mode" != waiting ]; then
  [ -n "${MEGAPORT_ACCESS_KEY:-}" ] || missing+=("MEGAPORT_ACCESS_KEY (the Megaport API key)")
  [ -n "${MEGAPORT_SECRET_KEY:-}" ] || missing+=("MEGAPORT_SECRET_KEY (the API key's secret)")
  [ -n "${MEGAPORT_ENVIRONMENT:-}${MEGAPORT_BASE_URL:-}" ] ||
    missing+=("MEGAPORT_ENVIRONMENT (production or staging; or MEGAPORT_BASE_URL and MEGAPORT_TOKEN_URL for a simulator)")
fi
if [ "$mode" = preview ] || [ "$mode" = up ]; then
  [ -n "${POLICY_PACK:-}" ] || missing+=("POLICY_PACK (the policy pack's folder, holding PulumiPolicy.yaml)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  lines=("cannot run '$mode': not set in the environment:")
  for m in "${missing[@]}"; do lines+=("  - $m"); done
  lines+=("In CI these come from the secret store (see README.md); at a desk, export them first.")
  fail 2 "${lines[@]}"
fi

case $PULUMI_BACKEND_URL in
  postgresql://*)
    fail 2 "PULUMI_BACKEND_URL starts with postgresql://, which the Pulumi CLI takes for a Pulumi Cloud URL" \
      "(and asks for PULUMI_ACCESS_TOKEN): write postgres:// instead" ;;
esac
work_dir=${PULUMI_WORK_DIR:-$here}
[ -f "$work_dir/Pulumi.yaml" ] || fail 2 "no Pulumi.yaml in $work_dir (set PULUMI_WORK_DIR to the Pulumi project)"
if [ "$mode" = preview ] || [ "$mode" = up ]; then
  [ -f "$POLICY_PACK/PulumiPolicy.yaml" ] || fail 2 "POLICY_PACK=$POLICY_PACK holds no PulumiPolicy.yaml"
  policy_config=${POLICY_PACK_CONFIG:-}
  if [ -z "$policy_config" ] && [ -f "$here/policy-config.json" ]; then policy_config=$here/policy-config.json; fi
  if [ -n "$policy_config" ] && [ ! -f "$policy_config" ]; then fail 2 "POLICY_PACK_CONFIG=$policy_config does not exist"; fi
fi
command -v pulumi >/dev/null 2>&1 || fail 2 "the Pulumi CLI is not on PATH (3.176 or newer: the first with postgres:// backends)"
command -v node >/dev/null 2>&1 || fail 2 "Node.js is not on PATH"

# Never interactive, never an update check, and the passphrase salt taken from the stack's state when no
# Pulumi.<stack>.yaml is checked in (a fresh CI checkout has none; see .gitignore).
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_SKIP_CONFIRMATIONS=true PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER=true
parallel=${PULUMI_PARALLEL:-64}

# The backend as it may be printed: a password in the URL becomes ****.
backend_shown=$(printf '%s' "$PULUMI_BACKEND_URL" | sed -E 's#^([a-z]+://[^:/@]+):[^@]*@#\1:****@#')
say "$mode of stack $STACK_NAME in $work_dir"
say "state backend $backend_shown"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Runs pulumi in the project, echoing the command, keeping its output in $log; returns pulumi's exit code.
run_pulumi() {
  say "+ pulumi $*"
  local status=0
  (cd "$work_dir" && pulumi "$@" --non-interactive) 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
  return "$status"
}

# The stack's VXCs waiting for their provider, and who must act (pipeline-report.js); nothing when there are none.
explain_waiting() {
  (cd "$work_dir" && pulumi stack export --stack "$STACK_NAME" --non-interactive 2>/dev/null) |
    node "$here/pipeline-report.js" waiting
}

lock_message() {
  grep -q "the stack is currently locked" "$log" || return 1
  fail 5 "stack $STACK_NAME is locked by another run (lock shown above): this run changed nothing." \
    "The PostgreSQL backend fails rather than waits. Run again when the other run has finished; in CI the" \
    "concurrency group pulumi-$STACK_NAME queues runs of this stack. A lock left by a killed run: \`pulumi cancel\`."
}

# --- the steps --------------------------------------------------------------------------------------------------------
select_stack() { # --create for preview and up: a new stack's first pull request and merge
  say "+ pulumi stack select $*"
  (cd "$work_dir" && pulumi stack select "$@" --non-interactive) >/dev/null ||
    fail 1 "cannot select stack $STACK_NAME on $backend_shown (see the error above)"
}

policy_args=()
if [ "$mode" = preview ] || [ "$mode" = up ]; then
  policy_args=(--policy-pack "$POLICY_PACK")
  [ -z "$policy_config" ] || policy_args+=(--policy-pack-config "$policy_config")
fi

case $mode in
  preview)
    select_stack --create --secrets-provider passphrase "$STACK_NAME"
    if ! run_pulumi preview --stack "$STACK_NAME" --diff "${policy_args[@]}"; then
      if grep -q "\[mandatory\]" "$log"; then
        fail 1 "BLOCKED: the change breaks mandatory policies of the pack (listed above with what to fix);" \
          "nothing was changed. Fix the program and push again."
      fi
      fail 1 "preview failed (see the error above); nothing was changed."
    fi
    say "preview passed the policy pack: merging deploys the changes shown above."
    ;;
  up)
    select_stack --create --secrets-provider passphrase "$STACK_NAME"
    if ! run_pulumi up --stack "$STACK_NAME" --yes --skip-preview --parallel "$parallel" "${policy_args[@]}"; then
      lock_message || true
      waiting=$(explain_waiting)
      if [ -n "$waiting" ]; then
        printf '%s\n' "$waiting" | while IFS= read -r line; do say "$line"; done >&2
        fail 4 "up stopped at the deadline (VXC_APPROVAL_TIMEOUT, now ${VXC_APPROVAL_TIMEOUT:-20m}) with the VXCs above still waiting."
      fi
      if grep -q "\[mandatory\]" "$log"; then
        # The pack judges each resource as the update reaches it: what came before the violation may be done.
        fail 1 "BLOCKED: up stopped at a mandatory policy violation (above). What was done before it is saved in" \
          "the stack; fix the program in a pull request (its preview runs the same pack)."
      fi
      fail 1 "up failed (see the errors above). What was done is saved in the stack; fix the cause and run again."
    fi
    # A wait a `pulumi refresh` cleared is not resumed by up (see pipeline-report.js): say so, but it is no failure.
    waiting=$(explain_waiting)
    if [ -n "$waiting" ]; then
      printf '%s\n' "$waiting" | while IFS= read -r line; do say "$line"; done
    fi
    say "up done: stack $STACK_NAME matches the program."
    ;;
  drift)
    select_stack "$STACK_NAME"
    # --json: the steps with old and new inputs, so the report names each field that changed.
    preview_json=$(mktemp)
    say "+ pulumi preview --stack $STACK_NAME --refresh --expect-no-changes --json"
    status=0
    (cd "$work_dir" && pulumi preview --stack "$STACK_NAME" --refresh --expect-no-changes --json --non-interactive) \
      >"$preview_json" 2>"$log" || status=$?
    cat "$log" >&2
    report=$(node "$here/pipeline-report.js" drift <"$preview_json")
    rm -f "$preview_json"
    if [ "$status" -ne 0 ]; then
      if grep -q "no changes were expected" "$log"; then
        lines=("DRIFT: Megaport no longer matches stack $STACK_NAME; changed outside this repository (in the Megaport"
          "Portal or through the API):")
        while IFS= read -r line; do lines+=("$line"); done <<<"$report"
        lines+=("Either declare Megaport's values in a pull request, or restore the declared ones with \`pulumi refresh\`"
          "then \`pipeline.sh up\` (not while a VXC waits for its provider: see README.md).")
        fail 3 "${lines[@]}"
      fi
      [ -z "$report" ] || printf '%s\n' "$report" >&2
      fail 1 "drift check failed (see the errors above)."
    fi
    say "no drift: Megaport matches stack $STACK_NAME."
    # Not drift, but worth seeing on every scheduled run: requests the provider has not answered yet.
    waiting=$(explain_waiting)
    if [ -n "$waiting" ]; then
      printf '%s\n' "$waiting" | while IFS= read -r line; do say "$line"; done
    fi
    ;;
  waiting)
    select_stack "$STACK_NAME"
    waiting=$(explain_waiting)
    if [ -n "$waiting" ]; then
      printf '%s\n' "$waiting"
      exit 4
    fi
    say "no VXC of stack $STACK_NAME is waiting for a provider."
    ;;
esac
