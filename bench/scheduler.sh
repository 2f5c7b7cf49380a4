#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Prints the scheduler's lateness: 10,000 one-shot jobs due within 10 s while 200 interval jobs fire
# every second and 10,000 more wait (docs/scheduler.md). Builds the bench if BUILD has a build tree:
#   BUILD=build bench/scheduler.sh [--jobs N --window S --background N --idle N --seed N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SCHEDBENCH=${SCHEDBENCH:-$BUILD/bin/schedbench}
if [[ ! -x $SCHEDBENCH && -f $BUILD/build.ninja ]]; then
    cmake --build "$BUILD" --target schedbench >/dev/null
fi
[[ -x $SCHEDBENCH ]] || die "no scheduler bench at $SCHEDBENCH (build it: cmake --build \"$BUILD\" --target schedbench)"

echo "== machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), load $(loadavg)"
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$BENCH_DIR/.." rev-parse --short HEAD 2>/dev/null || echo 'no git')"
"$SCHEDBENCH" "$@"
