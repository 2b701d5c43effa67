#!/usr/bin/env bash
# Rewrites citations of notes that lived outside the repository into citations of the repository's own docs, one
# line at a time, so it can be run again after a merge brings old citations back (it changes nothing twice):
#   megaport-api.md §5.3 / megaport-api.md 9.1, 14.3 / ../shared/megaport-api.md  ->  docs/megaport-api.md §…
#   (pulumi-notes §1.3-1.4)  ->  (docs/design.md, "The provider in Pulumi's state")
#   `marketplace-guide.txt`  ->  `docs/megaport-api.md` §11a
# tests/unit/repo/self-contained.test.ts fails while any citation of an outside file is left.
# Usage: bash scripts/repo-citations.sh   (from anywhere in the checkout; edits tracked files in place)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mapfile -t files < <(git grep -lE 'megaport-api\.md|pulumi-notes|marketplace-guide' -- . ':!docs/megaport-api.md' \
  ':!scripts/repo-citations.sh' ':!tests/unit/repo/self-contained.test.ts')
[ "${#files[@]}" -gt 0 ] || exit 0

# 1. Any spelling of the API notes' name becomes docs/megaport-api.md (never doubled: not after "docs/"; not a
#    Markdown link's target, which is relative to its page).
# 2. Bare section numbers after it get their § (`9.1, 14.3` -> `§9.1, §14.3`; `6.1/6.2` -> `§6.1, §6.2`).
perl -pi -e '
  s{(?<![\w/])(?<!\]\()(?:\.\./shared/)?megaport-api\.md}{docs/megaport-api.md}g;
  s{(docs/megaport-api\.md`? )(\d+(?:\.\d+)*[a-z]?(?:(?:, |/)\d+(?:\.\d+)*[a-z]?)*)}{
    $1 . join(", ", map { "\xc2\xa7$_" } split(m{, |/}, $2))
  }ge;
  s{\(pulumi-notes \xc2\xa71\.3-1\.4\)}{(docs/design.md, "The provider in Pulumi\x27s state")}g;
  s{`marketplace-guide\.txt`}{`docs/megaport-api.md` \xc2\xa711a}g;
' "${files[@]}"
git diff --stat -- "${files[@]}"
