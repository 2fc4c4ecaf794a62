#!/usr/bin/env bash
# Runs every fuzz target under libFuzzer for SECONDS each (default 60), seeded from the bundled edge corpus
# (Tests/Fixtures/corpus-edge), the real-world corpus when $COMPOSE_AUDIT_SHARED/corpus (default ../shared) exists,
# plus the regression inputs in Tests/fuzz/regressions/TARGET. New crashers are
# copied into Tests/fuzz/regressions/TARGET (replayed by `make test`); a crash fails the run.
# usage: Tests/fuzz/run.sh FUZZER_BINARY [SECONDS] [TARGET...]
set -euo pipefail
fuzzer=$1; seconds=${2:-60}; shift $(( $# > 1 ? 2 : 1 ))
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(yaml compose dockerfile dockerignore fix)
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${COMPOSE_AUDIT_SHARED:-$root/../shared}
work=$root/.build/fuzz
kind_of() { case $1 in yaml|compose|fix) echo compose;; dockerfile) echo dockerfile;; dockerignore) echo dockerignore;; esac; }
edge_of() { case $1 in yaml|compose|fix) echo compose;; dockerfile) echo dockerfile;; dockerignore) echo dockerignore;; esac; }
status=0
for target in "${targets[@]}"; do
    seeds=$work/seeds/$target; found=$work/corpus/$target; crashes=$work/crashes/$target
    mkdir -p "$seeds" "$found" "$crashes" "$root/Tests/fuzz/regressions/$target"
    if [ -z "$(ls -A "$seeds")" ]; then
        if [ -f "$shared/corpus/FILES.tsv" ]; then
            awk -F'\t' -v kind="$(kind_of "$target")" 'NR > 1 && $3 == kind { print $1 "/" $2 }' "$shared/corpus/FILES.tsv" |
                while read -r file; do [ -f "$shared/corpus/$file" ] && cp "$shared/corpus/$file" "$seeds/$(echo "$file" | tr '/' '_')"; done
        else
            echo "fuzz: no real-world corpus at $shared/corpus; seeding from the bundled edge corpus only"
        fi
        find "$root/Tests/Fixtures/corpus-edge/$(edge_of "$target")" -type f -size -1M ! -name '*.md' -exec cp {} "$seeds/" \; 2>/dev/null || true
    fi
    echo "== $target: ${seconds}s, $(ls "$seeds" | wc -l) seeds"
    log=$work/$target.log
    if CA_FUZZ_TARGET=$target "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$found" "$seeds" "$root/Tests/fuzz/regressions/$target" > "$log" 2>&1; then
        grep -E "^(stat::number_of_executed_units|stat::new_units_added)|cov: " "$log" | tail -3
    else
        status=1
        echo "CRASH in $target (log: $log):"; grep -E "ERROR|Fatal error|SUMMARY" "$log" | head -5
        for crash in "$crashes"/*; do [ -f "$crash" ] && cp "$crash" "$root/Tests/fuzz/regressions/$target/"; done
    fi
done
exit $status
