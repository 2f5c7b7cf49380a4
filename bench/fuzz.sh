#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Runs every libFuzzer target (tests/fuzz) for SECONDS each (default 60) on a copy of its seed
# corpus, one at a time, and prints executions, speed, coverage and the outcome per target
# ("no finding", or the crash/leak/timeout file) plus the totals. Exits non-zero when any target
# found something.
#   bench/fuzz.sh [SECONDS] [TARGET[:SECONDS]...]
# e.g. bench/fuzz.sh 60 fuzz_cron:600 fuzz_dispatch (fuzz_cron for 600 s, fuzz_dispatch for 60 s).
# FUZZ_BUILD (default build-san) is a build configured with clang and
# -DSKYNET_FUZZ=ON -DSKYNET_SANITIZE=ON (scripts/fuzz-build.sh does that). Crashes are kept in
# $FUZZ_OUT (default: a new temporary directory) as crash-*/leak-*/timeout-* files.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_BUILD=$(realpath -m "${FUZZ_BUILD:-build-san}")
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    mapfile -t TARGETS < <(sed -n 's/^    \(fuzz_[a-z_0-9]*\)$/\1/p' tests/fuzz/CMakeLists.txt)
fi
FUZZ_OUT=${FUZZ_OUT:-$(mktemp -d /tmp/skynet-fuzz.XXXXXX)}
export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
total=0
failed=0
started=$(date +%s)
printf '%-24s %8s %12s %10s %8s %s\n' target seconds executions exec/s cov result
for spec in "${TARGETS[@]}"; do
    t=${spec%%:*}
    secs=$SECONDS_EACH
    [ "$spec" = "$t" ] || secs=${spec#*:}
    bin="$FUZZ_BUILD/tests/fuzz/$t"
    [ -x "$bin" ] || { echo "bench/fuzz: $bin is not built (cmake --build $FUZZ_BUILD --target $t)" >&2; exit 1; }
    work="$FUZZ_OUT/$t"
    mkdir -p "$work/corpus"
    cp -r tests/fuzz/corpus/"$t"/. "$work/corpus/" 2>/dev/null || true
    log="$work/log.txt"
    set +e
    (cd "$work" && "$bin" -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/" corpus >"$log" 2>&1)
    rc=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    result="no finding"
    if [ $rc -ne 0 ]; then
        result="FAILED (rc $rc; $(ls "$work" | grep -E '^(crash|leak|timeout|oom)-' | head -1); log $log)"
        failed=$((failed + 1))
    fi
    total=$((total + ${runs:-0}))
    printf '%-24s %8s %12s %10s %8s %s\n' "$t" "$secs" "${runs:-?}" "${speed:-?}" "${cov:-?}" "$result"
done
echo "total executions: $total in $(($(date +%s) - started)) s; targets with findings: $failed; output: $FUZZ_OUT"
[ $failed -eq 0 ]
