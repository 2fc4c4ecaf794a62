#!/usr/bin/env bash
# GitHub Action step: annotate findings on the pull request and gate (exit 1 on findings at or above
# CA_FAIL_ON, or a score below CA_MIN_SCORE; exit 2 on an input error).
set -euo pipefail
. "$(dirname "$0")/options.sh"
gate=(--fail-on "${CA_FAIL_ON:-high}")
if [ -n "${CA_MIN_SCORE:-}" ]; then gate+=(--min-score "$CA_MIN_SCORE"); fi
exec compose-audit check "${options[@]}" --format github "${gate[@]}"
