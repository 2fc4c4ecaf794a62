#!/usr/bin/env python3
"""compose-audit side by side with its peers.

    peers.py render                       docs/peer-rules.tsv -> docs/peer-rules.md (make docs runs it)
    peers.py measure BINARY FOLDER...     run compose-audit, compose-lint, hadolint and tally over every compose
                                          project below FOLDER and print, per peer rule, how many of its findings
                                          compose-audit matched at the same place

`measure` needs the peers on PATH (make peers-venv installs the pinned versions). A peer finding counts as matched
when compose-audit reports one of the rules the table names for it (`covered_by`) in the same file within two
lines (compose-lint points at a service's first line, compose-audit at the key; a finding about a whole file matches
anywhere in the project, as CA304 reports a Dockerfile's missing HEALTHCHECK at the service). Findings in stages no
service builds are counted apart (compose-audit does not judge them, on purpose), and so are ShellCheck's SC3xxx
portability findings in stages whose /bin/sh is not dash as far as the tool knows (BusyBox's sh has those bash
features; an unknown image may have bash as sh; CA423 reports them for dash only). CA201
and CA405 stand at the stage's FROM and match a peer's finding anywhere in the file. ShellCheck codes that hadolint and tally report (`SC2086`, `shellcheck/SC2086`) are looked up in
the shellcheck rows, and compose-audit needs `shellcheck` on PATH for CA423. Rows marked `policy` or
`not-applicable` are deliberate differences and are counted apart. compose-audit runs with its opt-in
`hardening` set, which the peers report by default.
"""
import collections
import json
import os
import re
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
           "difference, `not-applicable` a peer rule about the peer itself or about what files cannot show (a registry's",
           "manifests, Windows containers), `missing` a gap not closed yet.", "",
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
    """compose-audit's findings (file, line, rule id, message), and each Dockerfile a service builds with its targets
    (None: the last stage)."""
    report = json.loads(run([binary, "check", project, "--format", "json", "--min-severity", "info", "--fail-on", "never",
                             "--extend-select", "hardening"]) or "{}")
    # One entry a cause (schema version 2): a cause repeated in several services lists each one's finding.
    findings = [(os.path.realpath(o["file"]), o["line"], f["ruleId"], o["message"])
                for f in report.get("findings", []) for o in (f.get("occurrences") or [f])]
    model = json.loads(run([binary, "config", project]) or "{}")
    dockerfiles = collections.defaultdict(set)
    for service in (model.get("services") or {}).values():
        build = service.get("build") or {}
        if build.get("context") and build.get("dockerfile") and not build.get("dockerfileInline"):
            path = os.path.normpath(os.path.join(build["context"], build["dockerfile"]))  # relative to the working folder
            if os.path.isfile(path):
                dockerfiles[path].add((build.get("target") or "").lower() or None)
    return findings, dockerfiles


INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\b")


def stages(dockerfile):
    """(first line, name, base, names it copies from) per stage: a rough reading, enough to place a line."""
    found = []
    with open(dockerfile, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            words = line.split()
            if words and words[0].upper() == "FROM":
                rest = [w for w in words[1:] if not w.startswith("--")]
                name = rest[2].lower() if len(rest) >= 3 and rest[1].lower() == "as" else None
                found.append([number, name, rest[0].lower() if rest else "", set()])
            elif found:
                for word in words:
                    for part in word.split(","):
                        if part.startswith("--from="):
                            found[-1][3].add(part[7:].lower())
                        elif part.startswith("from="):
                            found[-1][3].add(part[5:].lower())
    return found


def built_lines(dockerfile, targets):
    """The line ranges of the stages the services' builds need (their targets and what those build on and copy from)."""
    all_stages = stages(dockerfile)
    if not all_stages:
        return [(1, 10 ** 9)]
    by_name = {stage[1]: index for index, stage in enumerate(all_stages) if stage[1]}
    needed, todo = set(), []
    for target in targets:
        todo.append(by_name.get(target, len(all_stages) - 1) if target else len(all_stages) - 1)
    while todo:
        index = todo.pop()
        if index in needed:
            continue
        needed.add(index)
        for reference in [all_stages[index][2]] + sorted(all_stages[index][3]):
            if reference in by_name and by_name[reference] < index:
                todo.append(by_name[reference])
            elif reference.isdigit() and int(reference) < index:
                todo.append(int(reference))
    ends = [stage[0] for stage in all_stages[1:]] + [10 ** 9]
    return [(all_stages[i][0], ends[i] - 1) for i in sorted(needed)]


def instruction_end(dockerfile, line):
    """The last line before the next instruction keyword at the start of a line (heredocs and continuations end there)."""
    keywords = {"FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR",
                "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "MAINTAINER"}
    with open(dockerfile, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    for number in range(line + 1, len(lines) + 1):
        match = INSTRUCTION.match(lines[number - 1])
        if match and match.group(1).upper() in keywords and not lines[number - 1][:1].isspace():
            return number - 1
    return len(lines)


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


def tally_lint(dockerfile):
    try:
        report = json.loads(run(["tally", "lint", "--format", "json", dockerfile]) or "{}")
    except json.JSONDecodeError:
        return []
    found = []
    for file in report.get("files", []):
        for violation in file.get("violations", []):
            found.append((os.path.realpath(dockerfile), violation["location"]["start"]["line"], violation["rule"]))
    return found


def row_for(rows, peer, rule):
    """The table's row for a peer finding; ShellCheck codes reported through hadolint or tally use ShellCheck's rows."""
    code = rule.split("/")[-1]
    if (peer, rule) not in rows and code.startswith("SC") and (peer == "hadolint" or rule.startswith("shellcheck/")):
        return rows.get(("shellcheck", code))
    return rows.get((peer, rule))


def matches(ours, peer, path, line, rule, covering):
    """Whether compose-audit reports one of `covering` for this peer finding (see the module's description)."""
    code = rule.split("/")[-1]
    if code.startswith("SC"):
        # hadolint puts a ShellCheck finding on the RUN's first line, CA423 on the exact line inside the RUN.
        end = instruction_end(path, line)
        return any(p == path and line <= l <= end and r == "CA423" and m.startswith(code + ":") for p, l, r, m in ours)
    if covering & STAGE_RULES:
        return any(p == path and r in covering for p, l, r, _ in ours)
    return any((line <= 0 or (p == path and abs(l - line) <= 2)) and r in covering for p, l, r, _ in ours)


# Rules reported once at the stage's FROM about the whole image (peers point at the USER, VOLUME or LABEL line).
STAGE_RULES = {"CA201", "CA405"}


# Images whose /bin/sh is dash, as CA423 reads them (ShellDialect.swift): official images on Debian or Ubuntu.
DASH_IMAGES = {"debian", "ubuntu", "buildpack-deps", "node", "python", "golang", "ruby", "php", "perl", "rust", "openjdk",
               "eclipse-temurin", "maven", "gradle", "nginx", "httpd", "postgres", "redis", "mariadb", "elixir", "erlang",
               "haskell", "julia", "r-base", "gcc", "swift", "dart", "mongo", "rabbitmq", "wordpress"}
DEBIAN_RELEASES = ("bookworm", "bullseye", "buster", "trixie", "jammy", "noble", "focal")


def portability_left_out(dockerfile, line):
    """Whether CA423 leaves ShellCheck's SC3xxx out at this line: the stage's root image has no dash as /bin/sh
    that the tool knows of (Alpine's BusyBox, or an image it does not know)."""
    all_stages = stages(dockerfile)
    by_name = {stage[1]: stage for stage in all_stages if stage[1]}
    current = next((stage for stage in reversed(all_stages) if stage[0] <= line), None)
    seen = 0
    while current and current[2] in by_name and seen < len(all_stages):
        current, seen = by_name[current[2]], seen + 1
    if not current:
        return False
    image = current[2]
    name, _, tag = image.split("@")[0].rpartition(":") if ":" in image.split("/")[-1] else (image, "", "")
    if "alpine" in image or "busybox" in image:
        return True
    last = name.split("/")[-1]
    official = "/" not in name or name.startswith("library/")
    return not ((last in DASH_IMAGES and official) or any(release in tag for release in DEBIAN_RELEASES))


def measure(binary, folders):
    rows = table()
    tally = collections.defaultdict(collections.Counter)
    for project, compose_file in projects(folders):
        ours, dockerfiles = compose_audit(binary, project)
        theirs = [("compose-lint",) + finding for finding in compose_lint(compose_file)]
        built = {}
        for dockerfile, targets in sorted(dockerfiles.items()):
            built[os.path.realpath(dockerfile)] = built_lines(dockerfile, targets)
            theirs += [("hadolint",) + finding for finding in hadolint(dockerfile)]
            theirs += [("tally",) + finding for finding in tally_lint(dockerfile)]
        for peer, path, line, rule in theirs:
            row = row_for(rows, peer, rule)
            kind = row["covered_by"] if row else "unlisted"
            if path in built and line > 0 and not any(start <= line <= end for start, end in built[path]):
                kind = "unbuilt-stage"  # compose-audit judges only the stages a service builds, on purpose
            code = rule.split("/")[-1]
            if code.startswith("SC3") and kind != "unbuilt-stage" and portability_left_out(path, line):
                kind = "policy"  # CA423 reports SC3xxx for dash only (BusyBox's sh has these bash features)
            if kind in ("policy", "not-applicable", "missing", "unlisted", "unbuilt-stage"):
                tally[(peer, rule)][kind] += 1
                continue
            matched = matches(ours, peer, path, line, rule, set(kind.split(",")))
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
              f"not-applicable {count['not-applicable']}, unbuilt stages {count['unbuilt-stage']}, unlisted {count['unlisted']}")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "render":
        render()
    elif len(sys.argv) >= 4 and sys.argv[1] == "measure":
        measure(os.path.abspath(sys.argv[2]), sys.argv[3:])
    else:
        sys.exit(__doc__)
