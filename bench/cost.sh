#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Prints what prompt caching and model routing save on a standard multi-user, multi-turn workload,
# billed by the Anthropic fake (docs/benchmarks/cost.md). Builds nothing: build the bench first with
#   cmake --build "$BUILD" --target costbench
# BUILD defaults to /work/main/build; COSTBENCH overrides the binary. Extra arguments go to the
# binary (--users, --turns, --seed, --output-tokens, --only 1,2, --list-workload, --help).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

COSTBENCH=${COSTBENCH:-$BUILD/bin/costbench}
if [[ ! -x $COSTBENCH && -x $BUILD/bench/cost/costbench ]]; then
    COSTBENCH=$BUILD/bench/cost/costbench
fi
[[ -x $COSTBENCH ]] || die "no cost bench at $COSTBENCH (build it: cmake --build \"$BUILD\" --target costbench)"

echo "== machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), load $(loadavg)"
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$BENCH_DIR/.." rev-parse --short HEAD 2>/dev/null || echo 'no git')"
start=$(date +%s)
status=0
"$COSTBENCH" "$@" || status=$?
echo "== wall time $(($(date +%s) - start)) s"
exit "$status"
