#!/usr/bin/env bash
# Builds the release artefacts from a release binary: a tarball with its SHA-256 file and a Python wheel.
# usage: Scripts/release/dist.sh RELEASE_BINARY OUTPUT_FOLDER
# The version is the binary's own (`--version`, from ToolInfo.version); nothing here states it again.
set -euo pipefail
binary=$1; out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$("$binary" --version)
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86_64 ;;
    Linux-aarch64) platform=linux-aarch64 ;;
    Darwin-arm64) platform=macos-arm64 ;;
    Darwin-x86_64) platform=macos-x86_64 ;;
    *) echo "dist: unsupported platform $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac
name=compose-audit-$version-$platform
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
mkdir -p "$out" "$stage/$name"
cp "$binary" "$stage/$name/compose-audit"
strip "$stage/$name/compose-audit" 2>/dev/null || true
cp "$root/LICENSE" "$root/README.md" "$root/CHANGELOG.md" "$stage/$name/"
# Reproducible: fixed order, owner and time (the release date is the commit's).
epoch=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name" | gzip -9n > "$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
python3 "$root/Scripts/release/make_wheel.py" --binary "$stage/$name/compose-audit" --version "$version" \
    --license "$root/LICENSE" --readme "$root/README.md" --epoch "$epoch" --out "$out"
ls -l "$out"
