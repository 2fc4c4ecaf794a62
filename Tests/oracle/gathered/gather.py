#!/usr/bin/env python3
"""Builds this folder from snapshots of public repositories (git directories, e.g. the tool library's
`/work/.mirror/<owner>+<name>/repo`): each repository's compose files, env files, Dockerfiles and licence, at the
snapshot's commit, and the `-f` combinations its Markdown documents (plus a few read by hand from a Makefile). Only what loading a project reads is kept:
no source code, no documentation text.

usage: gather.py MIRROR_ROOT            (rewrites MANIFEST.tsv, FILES.tsv, DOCUMENTED.tsv and the project folders)
"""
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FETCHED = "2026-12-02"
# owner/name and the SPDX identifier of the licence at its root (read from the LICENSE file of the snapshot).
REPOSITORIES = [
    ("RocketChat/rocketchat-compose", "MIT"),
    ("saleor/saleor-platform", "BSD-3-Clause"),
    ("apache/apisix-docker", "Apache-2.0"),
    ("open-telemetry/opentelemetry-demo", "Apache-2.0"),
    ("openzipkin/zipkin", "Apache-2.0"),
    ("jaegertracing/jaeger", "Apache-2.0"),
    ("hoppscotch/hoppscotch", "MIT"),
    ("nginx-proxy/acme-companion", "MIT"),
    ("umami-software/umami", "MIT"),
    ("louislam/uptime-kuma", "MIT"),
    ("penpot/penpot", "MPL-2.0"),
]
# Combinations a Makefile builds from variables, read by hand (opentelemetry-demo's Makefile, lines 17-33: `--env-file
# .env --env-file .env.override` with the core, full, observability and extras files).
BY_HAND = {
    "open-telemetry/opentelemetry-demo": [
        (".", "compose.yaml", ".env .env.override"),
        (".", "compose.yaml compose.full.yaml compose.observability.yaml compose.extras.yaml", ".env .env.override"),
    ],
}
MAXIMUM_BYTES = 200_000
DOCUMENTED = re.compile(r"docker[ -]compose((?:\s+(?:-f|--file)[ =]\S+)+)")


def kind(path):
    name = os.path.basename(path)
    if path.startswith((".github/", "node_modules/")) or "/node_modules/" in path:
        return None
    if re.search(r"compose[^/]*\.ya?ml$", name):
        return "compose"
    if name == ".env" or name.endswith(".env") or (name.startswith(".env.") and name != ".envrc"):
        return "env"
    if name.startswith("Dockerfile") or name.endswith(".Dockerfile"):
        return "dockerfile"
    if name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "NOTICE"):
        return "licence" if "/" not in path else None
    return None


def git(repository, *arguments):
    return subprocess.run(["git", "-C", repository] + list(arguments), capture_output=True, check=True).stdout


def main():
    mirrors = sys.argv[1]
    manifest = ["dir\torigin_repo\tcommit\tlicense_spdx\tfetched"]
    files = ["dir\tpath\tkind"]
    documented = ["dir\tfolder\tfiles\tenv_files"]
    for origin, licence in REPOSITORIES:
        repository = os.path.join(mirrors, origin.replace("/", "+"), "repo")
        commit = git(repository, "rev-parse", "HEAD").decode().strip()
        folder = origin.replace("/", "__")
        shutil.rmtree(os.path.join(HERE, folder), ignore_errors=True)
        listing = git(repository, "ls-tree", "-r", "-l", "HEAD").decode().splitlines()
        every = {line.split("\t", 1)[1] for line in listing}
        combinations = []
        # The `-f` combinations the Markdown documents whose files exist (those files are kept whatever their name).
        for path in sorted(every):
            if not path.lower().endswith(".md") or "node_modules" in path:
                continue
            text = git(repository, "show", "HEAD:" + path).decode("utf-8", "replace")
            text = re.sub(r"\\\s*\n\s*#?", " ", text)
            base = os.path.dirname(path)
            for match in DOCUMENTED.finditer(text):
                named = [f.strip("`'\")") for f in re.findall(r"(?:-f|--file)[ =](\S+)", match.group(1))]
                for where in (base, ""):
                    if len(named) > 1 and all(os.path.normpath(os.path.join(where, f)) in every for f in named):
                        if (where or ".", " ".join(named), "") not in combinations:
                            combinations.append((where or ".", " ".join(named), ""))
                        break
        combinations += BY_HAND.get(origin, [])
        named_files = {os.path.normpath(os.path.join(where, f)) for where, names, _ in combinations for f in names.split()}
        kept = set()
        for line in listing:
            meta, path = line.split("\t", 1)
            size = meta.split()[3]
            what = "compose" if path in named_files else kind(path)
            if what is None or size == "-" or int(size) > MAXIMUM_BYTES:
                continue
            target = os.path.join(HERE, folder, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(git(repository, "show", "HEAD:" + path))
            kept.add(path)
            files.append("\t".join([folder, path, what]))
        documented += ["\t".join([folder, where, names, env_files]) for where, names, env_files in combinations]
        manifest.append("\t".join([folder, origin, commit, licence, FETCHED]))
    for name, rows in (("MANIFEST.tsv", manifest), ("FILES.tsv", files), ("DOCUMENTED.tsv", documented)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as out:
            out.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
