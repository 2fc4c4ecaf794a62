#!/usr/bin/env bash
# Compares what two builds of compose-audit print, byte for byte, over the bundled fixtures, the edge corpus and
# (when it is beside the repository) ../shared/corpus: `check` in json, markdown and sarif, and the unsafe
# fix's dry-run diff of every project. A refactoring should print nothing here; a rule change prints what moved.
# Usage: Scripts/compare/outputs.sh OLD_BINARY NEW_BINARY
set -u
old=${1:?usage: outputs.sh OLD_BINARY NEW_BINARY}
new=${2:?usage: outputs.sh OLD_BINARY NEW_BINARY}
cd "$(dirname "$0")/../.."
roots=(Fixtures/tsh-erp Fixtures/twlan)
for dir in Tests/Fixtures/corpus-edge/*/ ../shared/corpus/*/; do [ -d "$dir" ] && roots+=("${dir%/}"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
differences=0
for root in "${roots[@]}"; do
    for run in "check --format json" "check --format markdown" "check --format sarif" "fix --unsafe-fixes"; do
        # shellcheck disable=SC2086
        "$old" $run --recursive "$root" > "$work/old" 2>&1; echo "exit $?" >> "$work/old"
        # shellcheck disable=SC2086
        "$new" $run --recursive "$root" > "$work/new" 2>&1; echo "exit $?" >> "$work/new"
        if ! cmp -s "$work/old" "$work/new"; then
            differences=$((differences + 1))
            echo "=== $root: $run"
            diff "$work/old" "$work/new" | head -40
        fi
    done
done
echo "${#roots[@]} roots, $differences runs differ"
[ "$differences" -eq 0 ]
