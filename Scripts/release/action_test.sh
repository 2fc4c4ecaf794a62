#!/usr/bin/env bash
# `make action-test`: the GitHub Action's shell steps against the dist folder, in a venv with pinned PyYAML.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$root/.build/action-venv
if [ ! -f "$venv/ready-pyyaml-6.0.3" ]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q PyYAML==6.0.3 && touch "$venv/ready-pyyaml-6.0.3"
fi
exec "$venv/bin/python" "$root/Scripts/release/action_test.py" "$root/action.yml" "$1"
