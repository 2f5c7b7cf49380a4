#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Desktop app: cold start to the first frame and idle RSS 5 s later, software scene graph,
# offscreen, fresh home per run (so the first-run wizard is part of it). Targets: <= 600 ms,
# <= 90 MB. APP defaults to $BUILD/bin/skynet.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
APP=${APP:-$BUILD/bin/skynet}
[[ -x $APP ]] || die "no desktop app at $APP (build it with -DSKYNET_BUILD_GUI=ON)"
echo "gui: $APP, ${RUNS:-10} runs (load $(loadavg))"
json=$(python3 "$BENCH_DIR/gui_start.py" --app "$APP" --runs "${RUNS:-10}" --warmup "${WARMUP:-1}" --idle "${IDLE_S:-5}")
echo "$json"
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("first frame median %.0f ms (target <= 600), idle RSS median %.1f MB (target <= 90)" % (r["median_ms"], r["median_rss_kb"]/1024))' "$json"
save_result gui "$json"
