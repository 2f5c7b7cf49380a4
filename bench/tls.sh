#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# The cost of TLS on the gateway port, plain vs gateway.tls_enabled (self-signed, EC P-256):
# first start (TLS: including the certificate generation) until the listening line, idle RSS
# SETTLE (default 2) s after start, GET /health on a new connection each (median/p90 of REQUESTS,
# default 200, as curl measures them, and the TLS handshake's share), and requests/s over one
# keep-alive connection. Needs curl.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_gateway
command -v curl >/dev/null || die "curl is needed"
REQUESTS=${REQUESTS:-200}
SETTLE=${SETTLE:-2}
trap stop_gateway EXIT

stats() { # prints "median p90" (ms) of the numbers (seconds) on stdin
    sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.2f %.2f\n", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)] }'
}

echo "tls: $GATEWAY, $REQUESTS requests per case, load $(loadavg)"
results=()
for mode in plain tls; do
    if [[ $mode == tls ]]; then export SKYNET_GATEWAY_TLS_ENABLED=true; else unset SKYNET_GATEWAY_TLS_ENABLED; fi
    t0=$(date +%s%N)
    start_gateway
    start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    sleep "$SETTLE"
    rss=$(proc_kb "$GW_PID" VmRSS)
    if [[ $mode == tls ]]; then
        scheme=https
        curl_tls=(--cacert "$GW_HOME/tls/gateway-cert.pem")
    else
        scheme=http
        curl_tls=()
    fi
    url="$scheme://127.0.0.1:$GW_PORT/health"
    curl -sf "${curl_tls[@]}" -o /dev/null "$url" || die "$url did not answer"
    times=$(for ((i = 0; i < REQUESTS; i++)); do
        curl -s "${curl_tls[@]}" -o /dev/null -w '%{time_total} %{time_appconnect} %{time_connect}\n' "$url"
    done)
    read -r total_med total_p90 < <(awk '{ print $1 }' <<<"$times" | stats)
    read -r hs_med hs_p90 < <(awk '{ d = $2 - $3; print (d > 0 ? d : 0) }' <<<"$times" | stats)
    urls=()
    for ((i = 0; i < REQUESTS; i++)); do urls+=("$url"); done
    k0=$(date +%s%N)
    curl -s "${curl_tls[@]}" "${urls[@]}" >/dev/null
    keepalive_ms=$(( ($(date +%s%N) - k0) / 1000000 ))
    rps=$(awk -v n="$REQUESTS" -v ms="$keepalive_ms" 'BEGIN { printf "%.0f", n * 1000 / (ms > 0 ? ms : 1) }')
    printf '  %-5s start %4d ms, idle RSS %5.1f MB, new connection GET /health median %.2f ms (p90 %.2f), TLS handshake median %.2f ms, keep-alive %s req/s\n' \
        "$mode" "$start_ms" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$total_med" "$total_p90" "$hs_med" "$rps"
    results+=("{\"mode\":\"$mode\",\"start_ms\":$start_ms,\"idle_rss_kb\":$rss,\"new_conn_median_ms\":$total_med,\"new_conn_p90_ms\":$total_p90,\"handshake_median_ms\":$hs_med,\"keepalive_rps\":$rps}")
    stop_gateway
done
save_result tls "[$(IFS=,; echo "${results[*]}")]"
