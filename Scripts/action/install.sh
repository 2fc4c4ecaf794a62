#!/usr/bin/env bash
# GitHub Action step: download the release tarball of CA_VERSION, check its SHA-256, put compose-audit on PATH.
# Inputs come through the environment (never pasted into the script):
#   CA_VERSION        release version, e.g. 0.1.0 (a leading v is accepted)
#   CA_DOWNLOAD_BASE  where releases live (default: the project's GitHub releases; tests use a file:// URL)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH   set by the runner
set -euo pipefail
version=${CA_VERSION#v}
base=${CA_DOWNLOAD_BASE:-https://github.com/compose-audit/compose-audit/releases/download}
case "${RUNNER_OS:-Linux}-${RUNNER_ARCH:-X64}" in
    Linux-X64) platform=linux-x86_64 ;;
    *) echo "::error::compose-audit ${version} has no release binary for ${RUNNER_OS}-${RUNNER_ARCH}; use a Linux x64 runner or build from source (make install)"; exit 2 ;;
esac
name=compose-audit-${version}-${platform}
folder=${RUNNER_TEMP:?}/compose-audit-${version}
mkdir -p "$folder"
curl --fail --silent --show-error --location --retry 3 -o "$folder/$name.tar.gz" "$base/v$version/$name.tar.gz"
curl --fail --silent --show-error --location --retry 3 -o "$folder/$name.tar.gz.sha256" "$base/v$version/$name.tar.gz.sha256"
(cd "$folder" && sha256sum -c "$name.tar.gz.sha256")
tar -C "$folder" -xzf "$folder/$name.tar.gz"
installed=$("$folder/$name/compose-audit" --version)
[ "$installed" = "$version" ] || { echo "::error::the downloaded binary says $installed, not $version"; exit 1; }
echo "$folder/$name" >> "${GITHUB_PATH:?}"
echo "compose-audit $installed installed from $base/v$version/$name.tar.gz"
