#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Handshakes/s and server RSS with N concurrent authenticated WebSocket clients.
# For each N in NS (default "1000 10000") a fresh gateway (token from SKYNET_GATEWAY_TOKEN) is
# started and bench/wsload opens N connections, CONCURRENCY (default 256) handshakes in flight,
# holds them HOLD (default 5) s, reads the gateway's VmRSS and sends `health` on a sample.
# Targets: >= 2000 handshakes/s; 10,000 idle clients held with RSS <= 200 MB.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_gateway
need_wsload
NS=${NS:-1000 10000}
CONCURRENCY=${CONCURRENCY:-256}
CLIENT_THREADS=${CLIENT_THREADS:-1}
HOLD=${HOLD:-5}
trap stop_gateway EXIT

# The gateway and wsload each need one fd per connection; both inherit this shell's limit.
hard=$(ulimit -Hn)
ulimit -Sn "$hard"
max_n=$(tr ' ' '\n' <<<"$NS" | sort -n | tail -n1)
if [[ $hard != unlimited ]] && ((hard < max_n + 100)); then
    die "RLIMIT_NOFILE hard limit is $hard, too low for $max_n connections per process (raise it as root)"
fi
read -r port_lo port_hi </proc/sys/net/ipv4/ip_local_port_range
echo "handshakes: NS=\"$NS\" concurrency $CONCURRENCY, $CLIENT_THREADS client loop(s), hold ${HOLD}s;" \
    "nofile $hard, ephemeral ports $((port_hi - port_lo + 1)), somaxconn $(cat /proc/sys/net/core/somaxconn)," \
    "load $(loadavg)"

results=()
for n in $NS; do
    start_gateway
    echo "--- N=$n (gateway pid $GW_PID, port $GW_PORT)"
    set +e
    json=$("$WSLOAD" --url "ws://127.0.0.1:$GW_PORT/" -n "$n" -c "$CONCURRENCY" -t "$CLIENT_THREADS" \
        --pid "$GW_PID" --hold "$HOLD" --sample "${SAMPLE:-100}" --timeout "${TIMEOUT:-180}")
    rc=$?
    set -e
    echo "$json"
    [[ $rc -eq 0 ]] || echo "bench: wsload reported failures for N=$n (exit $rc)" >&2
    alive=no
    kill -0 "$GW_PID" 2>/dev/null && alive=yes
    echo "gateway alive after the run: $alive"
    [[ -n $json ]] && results+=("$json")
    stop_gateway
done
save_result handshakes "[$(IFS=,; echo "${results[*]}")]"
