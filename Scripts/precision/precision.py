#!/usr/bin/env python3
"""Draw a stratified random sample of compose-audit's findings over folders of real projects, and render the
judged sample as docs/precision.md.

    precision.py sample BINARY FOLDER... > Scripts/precision/sample.tsv
    precision.py sample --seed N BINARY FOLDER... > Scripts/precision/sample-seed-N.tsv
    precision.py render Scripts/precision/sample.tsv Scripts/precision/judgements.tsv > docs/precision.md

`sample` runs `BINARY check --recursive FOLDER --format json` on each folder and takes the findings the default
text report shows (low and above), one a cause as the report gives them. Every rule that fires gets two findings
(or its only one), drawn at random; the rest of the sample is drawn at random from all the other findings, so a
rule that fires often is sampled often. The seed is fixed (18, or `--seed N` for a second draw that checks the
first was no accident): the same tool over the same folders draws the same sample. `render` joins the sample with the judgements (key, verdict true/debatable/false, reason) and fails when a
sampled finding is not judged; `notes.md` beside the judgements (the history of the draws) goes after the totals.
"""
import collections
import json
import os
import random
import subprocess
import sys

SEED = 18
SIZE = 130
PER_RULE = 2
SHOWN = {"critical", "high", "medium", "low"}
HABITS = {"CA301", "CA303", "CA304", "CA306", "CA205"}


def findings(binary, folder):
    result = subprocess.run([binary, "check", "--recursive", folder, "--format", "json", "--fail-on", "never"],
                            capture_output=True, text=True, timeout=600)
    if result.returncode not in (0, 1):
        sys.exit(f"precision: {binary} check --recursive {folder} exited {result.returncode}: {result.stderr[:400]}")
    for finding in json.loads(result.stdout).get("findings", []):
        if finding["severity"] in SHOWN:
            yield finding


def key(finding):
    return f'{finding["ruleId"]} {finding["file"]}:{finding["line"]}:{finding["column"]}'


def sample(binary, folders, seed=SEED):
    pool = [f for folder in folders for f in findings(binary, folder)]
    by_rule = collections.defaultdict(list)
    for finding in pool:
        by_rule[finding["ruleId"]].append(finding)
    rng = random.Random(seed)
    chosen = []
    for rule in sorted(by_rule):
        chosen += rng.sample(by_rule[rule], min(PER_RULE, len(by_rule[rule])))
    taken = {key(f) + f["message"] for f in chosen}
    rest = [f for f in pool if key(f) + f["message"] not in taken]
    chosen += rng.sample(rest, max(0, min(len(rest), SIZE - len(chosen))))
    counts = collections.Counter(f["ruleId"] for f in pool)
    print(f"# {len(pool)} findings shown (low and above, one a cause), {len(by_rule)} rules; sample of {len(chosen)}, seed {seed}")
    print("key\trule\tfired\tseverity\tmessage")
    for finding in sorted(chosen, key=lambda f: (f["ruleId"], key(f))):
        message = finding["message"].replace("\t", " ").replace("\n", " ")
        print(f'{key(finding)}\t{finding["ruleId"]}\t{counts[finding["ruleId"]]}\t{finding["severity"]}\t{message}')


def read_tsv(path):
    rows = []
    header = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            rows.append(dict(zip(header, fields)))
    return rows


def render(sample_path, judgement_path):
    rows = read_tsv(sample_path)
    judged = {row["key"]: row for row in read_tsv(judgement_path)}
    missing = [row["key"] for row in rows if row["key"] not in judged]
    if missing:
        sys.exit("precision: not judged: " + ", ".join(missing))
    with open(sample_path, encoding="utf-8") as handle:
        headline = handle.readline().lstrip("# ").strip()
    verdicts = collections.Counter(judged[row["key"]]["verdict"] for row in rows)
    # Findings about files the corpus copy leaves out (n/a) cannot be judged: they are counted apart.
    judged_rows = [row for row in rows if judged[row["key"]]["verdict"] != "n/a"]
    total = len(judged_rows)
    # Weighted by how often each rule fires: a rule's share of the sample's verdicts stands for its share of findings.
    fired = {row["rule"]: int(row["fired"]) for row in rows}
    per_rule = collections.defaultdict(collections.Counter)
    for row in rows:
        per_rule[row["rule"]][judged[row["key"]]["verdict"]] += 1
    judged_fired = {rule: count for rule, count in fired.items() if sum(v for k, v in per_rule[rule].items() if k != "n/a")}
    all_fired = sum(judged_fired.values())
    weighted = collections.Counter()
    for rule in judged_fired:
        counter = per_rule[rule]
        judged_count = sum(v for k, v in counter.items() if k != "n/a")
        for verdict, count in counter.items():
            if verdict != "n/a":
                weighted[verdict] += fired[rule] / all_fired * count / judged_count

    def share(count):
        return f"{count} ({100 * count / total:.0f}%)"

    out = ["# Precision of compose-audit's findings", "",
           "Generated by `Scripts/precision/precision.py render` from the sample it drew and the judgements in",
           "`Scripts/precision/judgements.tsv` (one line a sampled finding: verdict and reason, judged from the source).",
           "", "Sample: " + headline + ".", "",
           "Drawn with:", "", "```sh",
           "swift build",
           "python3 Scripts/precision/precision.py sample .build/debug/compose-audit ../shared/corpus Tests/oracle/gathered \\",
           "    > Scripts/precision/sample.tsv",
           "python3 Scripts/precision/precision.py render Scripts/precision/sample.tsv Scripts/precision/judgements.tsv > docs/precision.md",
           "```", "",
           "A finding is **true** when a demanding platform engineer would act on it as reported, **debatable** when",
           "it is accurate but not worth acting on here or has the wrong severity, **false** when it is wrong.", "",
           f"Of the {len(rows)} sampled findings, {verdicts['n/a']} are about a file the copy of the project leaves out",
           "(the corpus holds compose files, Dockerfiles and env files only, see its README): they are listed, not counted.",
           "", "| Verdict | Of the judged findings | Weighted by how often the rule fires |", "|---|---|---|"]
    for verdict in ("true", "debatable", "false"):
        out.append(f"| {verdict} | {share(verdicts[verdict])} | {100 * weighted[verdict]:.0f}% |")
    notes = os.path.join(os.path.dirname(judgement_path), "notes.md")
    if os.path.exists(notes):
        with open(notes, encoding="utf-8") as handle:
            out += [""] + handle.read().rstrip("\n").split("\n")
    out += ["", "## Per rule", "", "| Rule | Fired | Sampled | True | Debatable | False | n/a |", "|---|---|---|---|---|---|---|"]
    for rule in sorted(per_rule):
        counter = per_rule[rule]
        out.append(f"| {rule} | {fired[rule]} | {sum(counter.values())} | {counter['true']} | {counter['debatable']} | {counter['false']} | {counter['n/a']} |")
    out += ["", "## The sample", "", "| Finding | Severity | Message | Verdict | Reason |", "|---|---|---|---|---|"]
    for row in rows:
        judgement = judged[row["key"]]
        message = row["message"].replace("|", "\\|")
        if len(message) > 220:
            message = message[:220] + "…"
        out.append(f'| `{row["key"]}` | {row["severity"]} | {message} | {judgement["verdict"]} | {judgement["reason"].replace("|", "/")} |')
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1:3] == ["sample", "--seed"] and sys.argv[3].isdigit():
        sample(sys.argv[4], sys.argv[5:], seed=int(sys.argv[3]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "sample" and sys.argv[2] != "--seed":
        sample(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 4 and sys.argv[1] == "render":
        render(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
