#!/usr/bin/env python3
"""compose-audit side by side with its peers.

    peers.py render                       docs/peer-rules.tsv -> docs/peer-rules.md (make docs runs it)
    peers.py measure BINARY FOLDER...     run compose-audit, compose-lint and hadolint over every compose project
                                          below FOLDER and print, per peer rule, how many of its findings
                                          compose-audit matched at the same place

`measure` needs the peers on PATH (make peers-venv installs the pinned versions). A peer finding counts as matched
when compose-audit reports one of the rules the table names for it (`covered_by`) in the same file within two
lines (compose-lint points at a service's first line, compose-audit at the key). Rows marked `policy` or
`not-applicable` are deliberate differences and are counted apart. compose-audit runs with its opt-in
`hardening` set, which the peers report by default.
"""
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TABLE = os.path.join(ROOT, "docs", "peer-rules.tsv")
PAGE = os.path.join(ROOT, "docs", "peer-rules.md")
COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")


def table():
    with open(TABLE, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    rows = [dict(zip(lines[0].split("\t"), line.split("\t"))) for line in lines[1:] if line]
    return {(row["peer"], row["peer_rule"]): row for row in rows}


def render():
    rows = list(table().values())
    counts = collections.defaultdict(collections.Counter)
    for row in rows:
        kind = row["covered_by"] if row["covered_by"] in ("policy", "not-applicable", "missing") else "covered"
        counts[row["peer"]][kind] += 1
    out = ["# compose-audit and its peers' rules", "",
           "Generated from [peer-rules.tsv](peer-rules.tsv) by `Scripts/compare/peers.py render` (`make docs`); a test",
           "checks that every rule of each peer version named there has exactly one row and that every rule id exists.",
           "`covered_by` names the compose-audit rules that report the same problem; `policy` marks a deliberate",
           "difference, `not-applicable` a peer rule about the peer itself, `missing` a gap not closed yet.", "",
           "| peer | rules | covered | policy | not applicable | missing |", "|---|---|---|---|---|---|"]
    for peer, count in sorted(counts.items()):
        out.append(f"| {peer} | {sum(count.values())} | {count['covered']} | {count['policy']} | "
                   f"{count['not-applicable']} | {count['missing']} |")
    out += ["", "| peer | peer rule | covered by | reason |", "|---|---|---|---|"]
    for row in rows:
        covered = row["covered_by"].replace(",", ", ")
        reason = row["reason"].replace("|", "\\|")
        out.append(f"| {row['peer']} | {row['peer_rule']} | {covered} | {reason} |")
    with open(PAGE, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out) + "\n")


def run(command, cwd=None):
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return ""
    return result.stdout


def projects(folders):
    for folder in folders:
        for path, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
            names = [name for name in COMPOSE_NAMES if name in files]
            if names:
                yield path, os.path.join(path, names[0])


def compose_audit(binary, project):
    report = json.loads(run([binary, "check", project, "--format", "json", "--min-severity", "info", "--fail-on", "never",
                             "--extend-select", "hardening"]) or "{}")
    findings = [(os.path.realpath(f["file"]), f["line"], f["ruleId"]) for f in report.get("findings", [])]
    model = json.loads(run([binary, "config", project]) or "{}")
    dockerfiles = set()
    for service in (model.get("services") or {}).values():
        build = service.get("build") or {}
        if build.get("context") and build.get("dockerfile") and not build.get("dockerfileInline"):
            path = os.path.normpath(os.path.join(build["context"], build["dockerfile"]))  # relative to the working folder
            if os.path.isfile(path):
                dockerfiles.add(path)
    return findings, sorted(dockerfiles)


def compose_lint(compose_file):
    report = json.loads(run(["compose-lint", "check", "--format", "json", compose_file]) or "{}")
    folder = os.path.dirname(compose_file)
    return [(os.path.realpath(os.path.join(folder, f["file"]) if not os.path.isabs(f["file"]) else f["file"]),
             f["line"], f["rule_id"]) for f in report.get("findings", []) if not f.get("suppressed")]


def hadolint(dockerfile):
    try:
        report = json.loads(run(["hadolint", "--no-fail", "-f", "json", dockerfile]) or "[]")
    except json.JSONDecodeError:
        return []
    return [(os.path.realpath(dockerfile), f["line"], f["code"]) for f in report]


def measure(binary, folders):
    rows = table()
    tally = collections.defaultdict(collections.Counter)
    for project, compose_file in projects(folders):
        ours, dockerfiles = compose_audit(binary, project)
        theirs = [("compose-lint",) + finding for finding in compose_lint(compose_file)]
        for dockerfile in dockerfiles:
            theirs += [("hadolint",) + finding for finding in hadolint(dockerfile)]
        for peer, path, line, rule in theirs:
            row = rows.get((peer, rule))
            kind = row["covered_by"] if row else "unlisted"
            if kind in ("policy", "not-applicable", "missing", "unlisted"):
                tally[(peer, rule)][kind] += 1
                continue
            covering = set(kind.split(","))
            matched = any(p == path and abs(l - line) <= 2 and r in covering for p, l, r in ours)
            tally[(peer, rule)]["matched" if matched else "unmatched"] += 1
            if not matched and os.environ.get("PEERS_VERBOSE"):
                print(f"unmatched {peer} {rule} {os.path.relpath(path)}:{line}", file=sys.stderr)
    totals = collections.defaultdict(collections.Counter)
    print(f"{'peer':<13} {'rule':<8} {'findings':>8} {'matched':>8} {'unmatched':>9}  other")
    for (peer, rule), count in sorted(tally.items()):
        other = ", ".join(f"{k} {v}" for k, v in count.items() if k not in ("matched", "unmatched"))
        print(f"{peer:<13} {rule:<8} {sum(count.values()):>8} {count['matched']:>8} {count['unmatched']:>9}  {other}")
        totals[peer].update(count)
    print()
    for peer, count in sorted(totals.items()):
        comparable = count["matched"] + count["unmatched"]
        share = 100 * count["matched"] / comparable if comparable else 0
        print(f"{peer}: {sum(count.values())} findings; outside policy/not-applicable/missing rows {comparable}, "
              f"matched {count['matched']} ({share:.0f}%); policy {count['policy']}, missing {count['missing']}, "
              f"not-applicable {count['not-applicable']}, unlisted {count['unlisted']}")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "render":
        render()
    elif len(sys.argv) >= 4 and sys.argv[1] == "measure":
        measure(os.path.abspath(sys.argv[2]), sys.argv[3:])
    else:
        sys.exit(__doc__)
