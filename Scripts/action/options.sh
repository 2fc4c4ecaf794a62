# Sourced by the Action's audit steps: the options every `check` of the Action shares, built from inputs in the
# environment into the array `options` (no input is ever evaluated as shell code).
#   CA_PATH      folder to audit; every compose project below it (--recursive)
#   CA_CONFIG    configuration file (empty: each project's .compose-audit.yml)
#   CA_BASELINE  baseline file (empty: none)
#   CA_ARGS      extra arguments, split on white space (e.g. "--profile debug --env-file ci.env")
options=(--recursive "${CA_PATH:-.}")
if [ -n "${CA_CONFIG:-}" ]; then options+=(--config "$CA_CONFIG"); fi
if [ -n "${CA_BASELINE:-}" ]; then options+=(--baseline "$CA_BASELINE"); fi
if [ -n "${CA_ARGS:-}" ]; then read -r -a extra <<< "$CA_ARGS"; options+=("${extra[@]}"); fi
