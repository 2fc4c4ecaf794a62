#!/usr/bin/env python3
"""Runs the GitHub Action's shell steps locally, as the runner would, with a fake GITHUB_* environment, and the
GitLab job of integrations/gitlab-ci.yml as a GitLab runner would (before_script and script in one shell).

The release tarball comes from a dist folder through a file:// URL (CA_DOWNLOAD_BASE) instead of GitHub.
Each step's `env:` is evaluated from the inputs (only `inputs.*` and `runner.temp` expressions, the ones
action.yml uses); `run:` is executed with `bash --noprofile --norc -eo pipefail`, and GITHUB_PATH entries of
earlier steps are put on PATH, as the runner does. The `uses:` step (the SARIF upload) cannot run here.
usage: action_test.py ACTION_YML DIST_FOLDER (needs PyYAML; `make action-test` provides it in a venv)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

failures = []
passes = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    (passes if condition else failures).append(message)


def evaluate(value, inputs, temp):
    def replace(match):
        expression = match.group(1).strip()
        if expression == "runner.temp":
            return temp
        if expression.startswith("inputs."):
            return inputs[expression[len("inputs."):]]
        raise SystemExit("action_test: expression the test cannot evaluate: " + expression)
    return re.sub(r"\$\{\{(.*?)\}\}", replace, str(value))


def run_action(action, root, dist, given):
    """Runs every shell step; returns (exit status of the first failing step or 0, its name, outputs)."""
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update(given)
    temp = tempfile.mkdtemp(prefix="runner-temp-")
    github_path = os.path.join(temp, "github_path")
    summary = os.path.join(temp, "step_summary.md")
    open(github_path, "w").close()
    open(summary, "w").close()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "CA_"))}
    base.update({"GITHUB_ACTION_PATH": root, "GITHUB_PATH": github_path, "GITHUB_STEP_SUMMARY": summary,
                 "GITHUB_WORKSPACE": root, "RUNNER_TEMP": temp, "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
                 "CA_DOWNLOAD_BASE": "file://" + dist, "NO_COLOR": "1"})
    result = {"temp": temp, "summary": summary, "output": ""}
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        env = dict(base)
        extra_path = [line for line in open(github_path).read().splitlines() if line]
        env["PATH"] = os.pathsep.join(list(reversed(extra_path)) + [base.get("PATH", "")])
        for key, value in (step.get("env") or {}).items():
            env[key] = evaluate(value, inputs, temp)
        process = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                 cwd=root, env=env, capture_output=True, text=True, timeout=300)
        result["output"] += process.stdout + process.stderr
        if process.returncode != 0:
            return process.returncode, step["name"], result
    return 0, None, result


def run_gitlab_job(root, releases, version):
    """Runs the job's lines in one bash session in a workspace holding the seed fixture; apt-get lines are left
    out (the machine has curl). Returns (status, workspace)."""
    with open(os.path.join(root, "integrations", "gitlab-ci.yml")) as handle:
        job = yaml.safe_load(handle)["compose-audit"]
    workspace = tempfile.mkdtemp(prefix="gitlab-")
    subprocess.run(["cp", "-r", os.path.join(root, "Fixtures", "tsh-erp"), os.path.join(workspace, "tsh-erp")], check=True)
    lines = [line for line in job["before_script"] + job["script"] if not line.startswith("apt-get")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CI_")}
    env.update({key: str(value) for key, value in job["variables"].items()})
    env.update({"COMPOSE_AUDIT_URL": "file://" + releases, "NO_COLOR": "1", "CI_PROJECT_DIR": workspace})
    check(job["variables"]["COMPOSE_AUDIT_VERSION"] == version, "GitLab job names this release (%s)" % version)
    check(job["artifacts"]["when"] == "always", "GitLab job keeps its report when the gate fails")
    process = subprocess.run(["bash", "-eo", "pipefail", "-c", "\n".join(lines)], cwd=workspace, env=env,
                             capture_output=True, text=True, timeout=300)
    return process.returncode, workspace


def main():
    action_path, dist = sys.argv[1], os.path.abspath(sys.argv[2])
    root = os.path.dirname(os.path.abspath(action_path))
    with open(action_path) as handle:
        text = handle.read()
    action = yaml.safe_load(text)
    version = subprocess.run([os.path.join(root, ".build/release/compose-audit"), "--version"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # A release folder laid out as GitHub serves it: BASE/vVERSION/FILE.
    releases = tempfile.mkdtemp(prefix="releases-")
    os.makedirs(os.path.join(releases, "v" + version))
    for name in os.listdir(dist):
        if name.startswith("compose-audit-%s-" % version):
            os.symlink(os.path.join(dist, name), os.path.join(releases, "v" + version, name))

    # Static checks: inputs reach scripts only through env, and the default version is this release.
    for step in action["runs"]["steps"]:
        if "run" in step:
            check("${{" not in step["run"], "step `%s` pastes no expression into its script" % step["name"])
            script = re.search(r"Scripts/action/[a-z_]+\.sh", step["run"])
            check(script is not None and os.access(os.path.join(root, script.group(0)), os.X_OK),
                  "step `%s` runs an executable script of this repository" % step["name"])
    check(action["inputs"]["version"]["default"] == version,
          "the default version input (%s) is the tool's version (%s)" % (action["inputs"]["version"]["default"], version))
    check("security-events: write" in text, "action.yml documents the security-events permission")
    with open(os.path.join(root, "integrations", "github-workflow.yml")) as handle:
        workflow = yaml.safe_load(handle)
    used = [step for step in workflow["jobs"]["audit"]["steps"] if step.get("uses", "").startswith("compose-audit/compose-audit@")]
    check(len(used) == 1 and set(used[0].get("with", {})) <= set(action["inputs"]),
          "the README's workflow snippet passes only inputs the Action has")

    # 1. The seed fixture: SARIF and summary written, the gate fails on its high findings with annotations.
    status, step, out = run_action(action, root, releases, {"path": "Fixtures/tsh-erp"})
    check(status == 1 and step == "Gate", "seed fixture: the gate step fails with exit 1 (got %s in %s)" % (status, step))
    check("::error file=Fixtures/tsh-erp/" in out["output"], "seed fixture: annotations name repository paths")
    sarif_path = os.path.join(out["temp"], "compose-audit.sarif")
    sarif = json.load(open(sarif_path)) if os.path.exists(sarif_path) else {}
    check(sarif.get("version") == "2.1.0" and len(sarif["runs"][0]["results"]) > 0, "seed fixture: SARIF 2.1.0 with results")
    check(open(out["summary"]).read().startswith("# compose-audit report"), "seed fixture: Markdown job summary written")

    # 2. fail-on never, no SARIF: every step passes and no SARIF is written.
    status, step, out = run_action(action, root, releases, {"path": "Fixtures/tsh-erp", "fail-on": "never", "upload-sarif": "false"})
    check(status == 0, "fail-on never: every step passes (got %s in %s)" % (status, step))
    check(not os.path.exists(os.path.join(out["temp"], "compose-audit.sarif")), "upload-sarif false: no SARIF written")

    # 3. min-score and extra args reach the gate; a score gate fails on its own.
    status, step, out = run_action(action, root, releases, {"path": "Fixtures/tsh-erp", "fail-on": "never", "min-score": "9.5",
                                                        "args": "--profile nothing-here"})
    check(status == 1 and step == "Gate", "min-score 9.5: the gate fails (got %s in %s)" % (status, step))

    # 4. Inputs are data, never code.
    marker = os.path.join(tempfile.gettempdir(), "compose-audit-action-test-pwned")
    if os.path.exists(marker):
        os.remove(marker)
    status, step, out = run_action(action, root, releases, {"path": "Fixtures/tsh-erp\"; touch %s; echo \"" % marker,
                                                        "args": "$(touch %s)" % marker, "upload-sarif": "false"})
    check(not os.path.exists(marker), "hostile inputs: nothing they name is executed")
    check(status == 2, "hostile path: an input error, exit 2 (got %s in %s)" % (status, step))

    # 5. A version without a release fails in the install step.
    status, step, out = run_action(action, root, releases, {"version": "9.9.9", "path": "Fixtures/tsh-erp"})
    check(status != 0 and step == "Install compose-audit", "unknown version: the install step fails (got %s in %s)" % (status, step))

    # 6. The GitLab job: the Code Quality report is written, then the gate fails on the fixture's findings.
    status, workspace = run_gitlab_job(root, releases, version)
    report = os.path.join(workspace, "gl-code-quality-report.json")
    findings = json.load(open(report)) if os.path.exists(report) else []
    check(status == 1, "GitLab job: the gate fails with exit 1 (got %s)" % status)
    check(len(findings) > 0 and all(not f["location"]["path"].startswith("/") for f in findings),
          "GitLab job: Code Quality report with relative paths (%d findings)" % len(findings))

    print("action-test: %d passed, %d failed" % (len(passes), len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
