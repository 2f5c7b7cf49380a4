#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Idle RSS of skynet-gateway 5 s after start with the default config (fresh home, loopback,
# no client). Target: <= 16 MB. RUNS (default 3) fresh starts; the median VmRSS is the figure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_gateway
RUNS=${RUNS:-3}
SETTLE=${SETTLE:-5}
trap stop_gateway EXIT

echo "idle RSS: $GATEWAY, $RUNS run(s), sampled ${SETTLE}s after exec (load $(loadavg))"
rss_all=()
for ((run = 1; run <= RUNS; run++)); do
    start_gateway
    # Sleep until SETTLE seconds after exec (start_gateway already waited for the port line).
    started=$(awk '{ print $22 }' "/proc/$GW_PID/stat")
    hz=$(getconf CLK_TCK)
    now=$(awk '{ print $1 }' /proc/uptime)
    wait_s=$(awk -v s="$started" -v hz="$hz" -v now="$now" -v d="$SETTLE" 'BEGIN { w = s / hz + d - now; print (w > 0 ? w : 0) }')
    sleep "$wait_s"
    rss=$(proc_kb "$GW_PID" VmRSS)
    hwm=$(proc_kb "$GW_PID" VmHWM)
    anon=$(proc_kb "$GW_PID" RssAnon)
    file=$(proc_kb "$GW_PID" RssFile)
    threads=$(awk '$1 == "Threads:" { print $2 }' "/proc/$GW_PID/status")
    pss=$(awk '$1 == "Pss:" { print $2 }' "/proc/$GW_PID/smaps_rollup" 2>/dev/null || echo -1)
    fds=$(ls "/proc/$GW_PID/fd" | wc -l)
    printf '  run %d: VmRSS %6.1f MB (anon %.1f, file %.1f), PSS %.1f MB, HWM %.1f MB, %d threads, %d fds\n' \
        "$run" "$(bc -l <<<"$rss/1024")" "$(bc -l <<<"$anon/1024")" "$(bc -l <<<"$file/1024")" \
        "$(bc -l <<<"$pss/1024")" "$(bc -l <<<"$hwm/1024")" "$threads" "$fds"
    rss_all+=("$rss")
    last="{\"rss_kb\":$rss,\"hwm_kb\":$hwm,\"anon_kb\":$anon,\"file_kb\":$file,\"pss_kb\":$pss,\"threads\":$threads,\"fds\":$fds}"
    stop_gateway
done
median=$(printf '%s\n' "${rss_all[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
printf 'idle RSS median %.1f MB (target <= 16 MB)\n' "$(bc -l <<<"$median/1024")"
save_result idle-rss "{\"bench\":\"idle-rss\",\"runs\":$RUNS,\"median_rss_kb\":$median,\"all_rss_kb\":[$(IFS=,; echo "${rss_all[*]}")],\"last\":$last}"
