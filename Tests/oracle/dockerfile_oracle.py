#!/usr/bin/env python3
"""Differential test of compose-audit's Dockerfile parser against BuildKit's own (PyPI `dockerfile`).

For every Dockerfile of the corpus (FILES.tsv kind `dockerfile`) and of corpus-edge/dockerfile, the
instructions `compose-audit dockerfile FILE` prints must equal what BuildKit's parser returns for the same
file: keyword, ONBUILD's wrapped keyword, flags, values, JSON form, first and last line, and heredoc names
and bodies. A file BuildKit rejects must be rejected by compose-audit too (exit 2). The expected values
come from BuildKit at test time.

usage: dockerfile_oracle.py COMPOSE_AUDIT CORPUS_DIR EDGE_DIR
"""
import json
import os
import subprocess
import sys

import dockerfile


def theirs(path):
    try:
        commands = dockerfile.parse_file(path)
    except dockerfile.GoParseError as error:
        return None, str(error).splitlines()[0]
    except UnicodeDecodeError:
        return "unchecked", "the Python wrapper reads UTF-8 only"
    return [{
        "keyword": c.cmd.upper(), "sub": c.sub_cmd.upper() if c.sub_cmd else None, "flags": list(c.flags),
        "values": list(c.value), "json": c.json, "lines": (c.start_line, c.end_line),
        "heredocs": [(h.name, h.content) for h in c.heredocs],
    } for c in commands], None


def ours(tool, path):
    result = subprocess.run([tool, "dockerfile", path], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        return None, result.stderr.strip()
    model = json.loads(result.stdout)
    return [{
        "keyword": i["keyword"], "sub": i.get("subKeyword"), "flags": i["flags"], "values": i["values"],
        "json": i["json"], "lines": (i["startLine"], i["endLine"]),
        "heredocs": [(h["name"], h["content"]) for h in i["heredocs"]],
    } for i in model["instructions"]], None


def compare(tool, path):
    expected, their_error = theirs(path)
    actual, our_error = ours(tool, path)
    if expected == "unchecked":
        return ("unchecked", their_error) if actual is not None else ("failed", "compose-audit rejects it: %s" % our_error)
    if expected is None:
        return ("ok-rejected", None) if actual is None else ("failed", "BuildKit rejects it (%s), compose-audit accepts it" % their_error)
    if actual is None:
        return "failed", "compose-audit rejects what BuildKit accepts: %s" % our_error
    if len(expected) != len(actual):
        return "failed", "%d instructions, BuildKit has %d" % (len(actual), len(expected))
    for theirs_item, ours_item in zip(expected, actual):
        for key in theirs_item:
            if theirs_item[key] != ours_item[key]:
                return "failed", "line %d %s %s: BuildKit %r, compose-audit %r" % (
                    theirs_item["lines"][0], theirs_item["keyword"], key, theirs_item[key], ours_item[key])
    return "ok", len(expected)


def main():
    tool, corpus, edge = (os.path.abspath(a) for a in sys.argv[1:4])
    rows = [line.split("\t") for line in open(os.path.join(corpus, "FILES.tsv"), encoding="utf-8").read().splitlines()[1:]]
    paths = [os.path.join(corpus, r[0], r[1]) for r in rows if r[2] == "dockerfile" and os.path.isfile(os.path.join(corpus, r[0], r[1]))]
    edge_folder = os.path.join(edge, "dockerfile")
    paths += sorted(os.path.join(edge_folder, n) for n in os.listdir(edge_folder) if not n.endswith(".md"))
    results = [(path,) + compare(tool, path) for path in paths]
    failed = [r for r in results if r[1] == "failed"]
    for path, _, detail in failed:
        print("FAIL %s: %s" % (os.path.relpath(path), detail))
    ok = [r for r in results if r[1] == "ok"]
    rejected = [r for r in results if r[1] == "ok-rejected"]
    unchecked = [r for r in results if r[1] == "unchecked"]
    print("dockerfile oracle: %d Dockerfiles, %d equal to BuildKit (%d instructions), %d rejected by both, "
          "%d not UTF-8 (parsed by compose-audit, unchecked: the wrapper reads UTF-8 only), %d failed"
          % (len(results), len(ok), sum(r[2] for r in ok), len(rejected), len(unchecked), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
