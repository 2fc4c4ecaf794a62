#!/usr/bin/env bash
# GitHub Action step: write the SARIF report for code scanning (when CA_UPLOAD_SARIF is true) and the Markdown
# job summary. Never gates (--fail-on never): the gate is its own step, after the upload.
# An input error (exit 2: a file that cannot be read) is reported and fails the step.
set -euo pipefail
. "$(dirname "$0")/options.sh"
if [ "${CA_UPLOAD_SARIF:-true}" = true ]; then
    compose-audit check "${options[@]}" --format sarif --output "${CA_SARIF:?}" --fail-on never
    echo "SARIF written to $CA_SARIF"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    compose-audit check "${options[@]}" --format markdown --fail-on never >> "$GITHUB_STEP_SUMMARY"
fi
