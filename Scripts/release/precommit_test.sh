#!/usr/bin/env bash
# `make hooks-test`: the pre-commit hooks as a user's repository runs them. A throwaway git repository holding a
# compose project in a subfolder uses this repository's hooks at its HEAD commit; pre-commit (pinned, in a venv)
# installs the `language: python` hook, which resolves the compose-audit wheel from the dist folder
# (PIP_FIND_LINKS) as it would from PyPI. Nothing is compiled in the user's repository.
# usage: Scripts/release/precommit_test.sh DIST_FOLDER
set -euo pipefail
dist=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$root/.build/hooks-venv
if [ ! -f "$venv/ready-pre-commit-4.7.0" ]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q pre-commit==4.7.0 && touch "$venv/ready-pre-commit-4.7.0"
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() { if eval "$1"; then echo "ok: $2"; passed=$((passed + 1)); else echo "FAIL: $2"; failed=$((failed + 1)); fi; }

rev=$(git -C "$root" rev-parse HEAD)
git -C "$root" diff --quiet HEAD -- .pre-commit-hooks.yaml pyproject.toml \
    || echo "hooks-test: note: .pre-commit-hooks.yaml or pyproject.toml has uncommitted changes; pre-commit uses HEAD ($rev)"
repo=$work/user-repo
mkdir -p "$repo/deploy"
cp -r "$root/Fixtures/tsh-erp/." "$repo/deploy/"
cat > "$repo/.pre-commit-config.yaml" <<CONFIG
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: compose-audit
        args: [--fail-on, critical]
CONFIG
git -C "$repo" init -q && git -C "$repo" add -A
git -C "$repo" -c user.name=test -c user.email=test@example.com commit -qm init
export PRE_COMMIT_HOME=$work/pre-commit-home PIP_FIND_LINKS=$dist NO_COLOR=1
status=0; (cd "$repo" && "$venv/bin/pre-commit" run compose-audit --all-files) > "$work/out.txt" 2>&1 || status=$?
cat "$work/out.txt"
check '[ $status = 1 ]' "the hook fails on the seed fixture's critical findings (exit $status)"
check 'grep -q "deploy/docker-compose.yml:[0-9]*:[0-9]*: critical" "$work/out.txt"' "findings name the subfolder's files with line and column"
check '[ -x "$(ls -d "$PRE_COMMIT_HOME"/repo*/py_env-*/bin/compose-audit | head -1)" ]' "the hook's venv has compose-audit from the wheel"

# Files outside the hook's `files` pattern do not run it; a .env change does.
echo "notes" > "$repo/notes.txt"; git -C "$repo" add notes.txt
status=0; (cd "$repo" && "$venv/bin/pre-commit" run compose-audit --files notes.txt) > "$work/skip.txt" 2>&1 || status=$?
check '[ $status = 0 ] && grep -q "no files to check" "$work/skip.txt"' "a change to notes.txt skips the hook"
for file in deploy/.env deploy/nginx/nginx.conf deploy/Dockerfile deploy/docker-compose.yml .compose-audit.yml; do
    check "python3 -c 'import re,sys; sys.exit(0 if re.search(sys.argv[1], sys.argv[2]) else 1)' \"\$(grep -m1 -o \"'(^|/).*'\" \"$root/.pre-commit-hooks.yaml\" | tr -d \"'\")\" $file" "the hook's files pattern matches $file"
done
for id in $(grep -o 'id: [a-z-]*' "$root/integrations/pre-commit-config.yaml" | cut -d' ' -f2); do
    check "grep -qx -- '- id: $id' '$root/.pre-commit-hooks.yaml'" "the README's pre-commit snippet names an existing hook: $id"
done
echo "hooks-test: $passed passed, $failed failed"
[ $failed = 0 ]
