#!/usr/bin/env bash
# Checks the release artefacts in FOLDER as a stranger would use them (`make dist-test`):
#   1. the tarball matches its SHA-256 file and holds the binary, LICENSE, README.md and CHANGELOG.md;
#   2. the binary needs only the C library and its companions (no libyaml, no Swift runtime), and runs in a
#      chroot that holds nothing but those libraries (as root; elsewhere the ldd check stands alone);
#   3. `auditwheel show` (pinned, in a venv) agrees with the wheel's platform tag;
#   4. the wheel installs into a fresh venv, puts compose-audit on PATH, and audits a bundled fixture;
#   5. the README's install commands run as written against a local release folder.
# usage: Scripts/release/dist_test.sh FOLDER
set -euo pipefail
out=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
cleanup() {
    if [ -d "$work/jail/proc/self" ] && ! umount "$work/jail/proc"; then echo "dist-test: could not unmount $work/jail/proc" >&2; return; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "dist-test: FAIL: $*" >&2; exit 1; }
pass() { echo "dist-test: ok: $*"; }

tarball=$(ls "$out"/compose-audit-*.tar.gz | head -1)
wheel=$(ls "$out"/compose_audit-*.whl | head -1)
[ -f "$tarball" ] && [ -f "$wheel" ] || fail "no tarball or wheel in $out"
version=$(basename "$tarball" | sed -E 's/^compose-audit-([^-]+)-.*/\1/')

# 1. Tarball and checksum.
(cd "$out" && sha256sum -c "$(basename "$tarball").sha256" >/dev/null) || fail "checksum of $(basename "$tarball")"
tar -C "$work" -xzf "$tarball"
unpacked=$work/$(basename "$tarball" .tar.gz)
for file in compose-audit LICENSE README.md CHANGELOG.md; do [ -f "$unpacked/$file" ] || fail "tarball lacks $file"; done
binary=$unpacked/compose-audit
[ "$("$binary" --version)" = "$version" ] || fail "--version of the tarball's binary is not $version"
pass "tarball $(basename "$tarball") ($(stat -c %s "$tarball") bytes), checksum, contents, --version $version"

# 2. Shared libraries: only the C library and its companions.
allowed='^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|ld-linux-x86-64\.so\.2|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1)$'
needed=$(ldd "$binary" | awk '{ print $1 }' | sed 's|.*/||')
extra=$(echo "$needed" | grep -Ev "$allowed" || true)
[ -z "$extra" ] || fail "the binary links $extra"
pass "ldd: $(echo $needed | tr '\n' ' ')"
# The chroot holds the binary, the libraries ldd names, a fixture, and the host's /proc (the Swift runtime reads
# its arguments from /proc/self/cmdline).
jail=$work/jail
mkdir -p "$jail/tmp" "$jail/project" "$jail/proc"
cp "$binary" "$jail/compose-audit"
ldd "$binary" | grep -o '/[^ ]*' | while read -r lib; do mkdir -p "$jail$(dirname "$lib")"; cp -L "$lib" "$jail$lib"; done
cp -r "$root/Fixtures/tsh-erp/." "$jail/project/"
[ -z "$(find "$jail" -name 'libyaml*' -o -name 'libswift*')" ] || fail "libyaml or the Swift runtime found its way into the chroot"
libraries=$(find "$jail" -name '*.so*' | wc -l)
if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null && mount --bind /proc "$jail/proc" 2>/dev/null; then
    status=0; chroot "$jail" /compose-audit check /project --fail-on never > "$work/chroot.txt" 2>&1 || status=$?
    umount "$jail/proc"
    [ $status = 0 ] && grep -q '^Score: ' "$work/chroot.txt" || { cat "$work/chroot.txt" >&2; fail "check in a chroot without libyaml (exit $status)"; }
    pass "runs in a chroot holding only $libraries C libraries: $(grep '^Score: ' "$work/chroot.txt")"
else
    echo "dist-test: note: no chroot run (needs root and a bind mount of /proc); the ldd check above stands alone"
fi

# 3. auditwheel agrees with the wheel's platform tag.
venv=$root/.build/dist-venv
ready=$venv/ready-auditwheel-6.8.2
if [ ! -f "$ready" ]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q auditwheel==6.8.2 && touch "$ready"
fi
tag=$(basename "$wheel" .whl | sed -E 's/.*-py3-none-//')
"$venv/bin/auditwheel" show "$wheel" > "$work/auditwheel.txt" 2>&1 || { cat "$work/auditwheel.txt" >&2; fail "auditwheel show"; }
tr '\n' ' ' < "$work/auditwheel.txt" | grep -q "consistent with the following platform tag: \"$tag\"" \
    || { cat "$work/auditwheel.txt" >&2; fail "auditwheel does not agree with $tag"; }
pass "auditwheel show: consistent with $tag ($(stat -c %s "$wheel") bytes)"

# 4. A fresh venv: install the wheel (no index), run the tool from PATH on a bundled fixture.
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --no-index "$wheel" || fail "pip install $wheel"
PATH="$work/venv/bin:$PATH"
[ "$(command -v compose-audit)" = "$work/venv/bin/compose-audit" ] || fail "compose-audit is not on the venv's PATH"
[ "$(compose-audit --version)" = "$version" ] || fail "--version from the wheel is not $version"
status=0; (cd "$root" && NO_COLOR=1 compose-audit check Fixtures/tsh-erp > "$work/wheel-check.txt") || status=$?
[ $status = 1 ] || fail "check Fixtures/tsh-erp from the wheel exited $status (expected 1: findings at or above high)"
grep -q '^Score: ' "$work/wheel-check.txt" || fail "no score in the wheel's check output"
pass "wheel installs into a fresh venv; compose-audit $version from PATH: $(grep '^Score: ' "$work/wheel-check.txt")"

# 5. The README's install commands (the blocks marked <!-- run by dist-test -->), as written, with the release
#    URL pointing at a local release folder, HOME in a scratch folder, pip from a fresh venv on PATH, `make` in
#    this repository, and apt-get lines left out (the machine has the packages).
mkdir -p "$work/releases/v$version"
for file in "$tarball" "$tarball.sha256" "$wheel"; do ln -s "$file" "$work/releases/v$version/"; done
python3 -m venv "$work/readme-venv"
awk -v dir="$work" '
    /<!-- run by dist-test -->/ { marked = 1; next }
    marked && /^```sh/ { n++; inside = 1; marked = 0; next }
    inside && /^```/ { inside = 0; next }
    inside { print > (dir "/readme-block-" n ".sh") }' "$root/README.md"
blocks=$(ls "$work"/readme-block-*.sh 2>/dev/null | wc -l)
[ "$blocks" -ge 3 ] || fail "README.md has $blocks blocks marked <!-- run by dist-test --> (expected the three install ways)"
for block in "$work"/readme-block-*.sh; do
    {
        echo "make() { command make -C \"$root\" \"\$@\"; }"
        grep -v 'apt-get' "$block" | sed "s|https://github.com/compose-audit/compose-audit/releases/download|file://$work/releases|g"
    } > "$block.run"
    home=$block.home; mkdir -p "$home/downloads"   # each block starts from an empty HOME
    status=0
    (cd "$home/downloads" && HOME=$home PATH="$work/readme-venv/bin:$PATH" bash -e "$block.run") > "$block.out" 2>&1 || status=$?
    [ $status = 0 ] || { cat "$block.out" >&2; fail "README install block $(basename "$block") exited $status"; }
    grep -qx "$version" "$block.out" || [ "$("$home/.local/bin/compose-audit" --version 2>/dev/null)" = "$version" ] \
        || { cat "$block.out" >&2; fail "README install block $(basename "$block") did not install compose-audit $version"; }
    pass "README install block $(basename "$block" .sh): $(grep -v '^make()' "$block.run" | head -1 | cut -c1-90)"
done
