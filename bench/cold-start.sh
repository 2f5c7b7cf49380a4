#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Cold start: exec -> first /health 200, RUNS (default 20) runs, each on a fresh --home and a
# free --port, after WARMUP (default 1) discarded run. Target: median <= 12 ms.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_gateway
echo "cold start: $GATEWAY, ${RUNS:-20} runs (load $(loadavg))"
json=$(python3 "$BENCH_DIR/cold_start.py" --gateway "$GATEWAY" --runs "${RUNS:-20}" --warmup "${WARMUP:-1}")
echo "$json"
save_result cold-start "$json"
