#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Load: N concurrent WebSocket clients, K of them chatting in a closed loop through skynet-gateway
# against a fast fake Ollama for SECONDS; then the same while a fake Telegram delivers bursts of
# inbound messages (long polling). bench/chatload does the work (docs/reliability.md, "Load").
#   bench/load.sh [N=10000] [K=1000] [SECONDS=60]
# Knobs (environment): CLIENT_THREADS (4), THINK_MS (0: closed loop; else each chatting client
# pauses that long between a final event and its next turn), USERS (K: one person per chatting client),
# CHANNEL_MESSAGES (500), CHANNEL_CHATS (50), BURST_SIZE (100), BURST_INTERVAL (5 s),
# PHASES ("chat bursts"). Each phase runs on a fresh gateway home. Builds nothing: BUILD (default
# /work/main/build) must hold bin/skynet-gateway and bin/chatload
# (cmake --build "$BUILD" --target skynet-gateway chatload; chatload needs BUILD_TESTING=ON).
# Prints each phase's table, then a comparison; writes the JSON to RESULTS_DIR/load.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CHATLOAD=${CHATLOAD:-$BUILD/bin/chatload}
need_gateway
[[ -x $CHATLOAD ]] || die "no load client at $CHATLOAD (build it: cmake --build \"$BUILD\" --target chatload)"
N=${1:-10000}
K=${2:-1000}
SECONDS_=${3:-60}
PHASES=${PHASES:-chat bursts}
export RESULTS_DIR=${RESULTS_DIR:-$(mktemp -d /tmp/skynet-bench-results.XXXXXX)}
mkdir -p "$RESULTS_DIR"

# The gateway (a child of chatload) and chatload each need one fd per connection.
hard=$(ulimit -Hn)
ulimit -Sn "$hard"
if [[ $hard != unlimited ]] && ((hard < N + 300)); then
    die "RLIMIT_NOFILE hard limit is $hard, too low for $N connections per process (raise it as root)"
fi
echo "== load: N=$N, K=$K, ${SECONDS_}s per phase, phases: $PHASES; $(nproc) CPUs, load $(loadavg), nofile $hard"

results=()
rc=0
for phase in $PHASES; do
    channel=0
    [[ $phase == bursts ]] && channel=${CHANNEL_MESSAGES:-500}
    echo "--- phase $phase"
    out=$(mktemp /tmp/skynet-bench-load.XXXXXX)
    set +e
    "$CHATLOAD" --gateway "$GATEWAY" -n "$N" -k "$K" -d "$SECONDS_" -t "${CLIENT_THREADS:-4}" \
        ${USERS:+--users "$USERS"} --channel-messages "$channel" --channel-chats "${CHANNEL_CHATS:-50}" \
        --burst-size "${BURST_SIZE:-100}" --burst-interval "${BURST_INTERVAL:-5}" --think-ms "${THINK_MS:-0}" --label "$phase" | tee "$out"
    prc=${PIPESTATUS[0]}
    set -e
    [[ $prc -eq 0 ]] || { echo "bench: phase $phase reported failures (exit $prc)" >&2; rc=1; }
    json=$(tail -n1 "$out")
    rm -f "$out"
    [[ $json == \{* ]] && results+=("$json")
done
all="[$(IFS=,; echo "${results[*]}")]"
save_result load "$all"

python3 - "$all" <<'PY'
import json, sys
runs = json.loads(sys.argv[1])
if not runs:
    sys.exit(0)
def fmt(r, key):
    if key == "clients":
        return "%d/%d ready, %d chatting over %d users" % (r["ready"], r["n"], r["k"], r["users"])
    if key == "turns":
        return "%.0f turns/s (%d in %.0f s)" % (r["turns_per_s"], r["turns"], r["seconds"])
    if key == "latency":
        l = r["latency_ms"]
        return "p50 %.1f / p99 %.1f ms" % (l["p50"], l["p99"])
    if key == "added":
        return "p50 %.1f / p99 %.1f ms (fake alone p50 %.2f ms)" % (r["added_ms"]["p50"], r["added_ms"]["p99"], r["direct_ms"]["p50"])
    if key == "unloaded":
        return "p50 %.2f / p99 %.2f ms" % (r["unloaded_ms"]["p50"], r["unloaded_ms"]["p99"])
    if key == "starve":
        t = r["turns_per_client"]
        return "min %d / median %d / max %d; %d with 0" % (t["min"], t["median"], t["max"], t["zero"])
    if key == "errors":
        return "%d turn errors, %d dropped, %d handshake failures" % (r["turn_errors"], r["dropped"], r["handshake_failed"])
    if key == "rss":
        m = r["rss_kb"]
        return "%.0f -> %.0f MB connected, max %.0f, after %.0f" % (m["idle"] / 1024, m["connected"] / 1024, m["max_during"] / 1024, m["after"] / 1024)
    if key == "cpu":
        c = r["cpu_s"]
        return "gateway %.0f, fake %.0f, client %.0f" % (c["gateway"], c["fake"], c["client"])
    if key == "channel":
        c = r.get("channel")
        if not c:
            return "-"
        return "%d/%d answered once (%d missing, %d dup), p50 %.0f / p99 %.0f ms" % (c["answered"], c["injected"], c["missing"], c["duplicates"], c["latency_ms"]["p50"], c["latency_ms"]["p99"])
    if key == "load":
        return "%s -> %s" % (r["load_before"], r["load_end_of_chat"])
rows = [("clients", "WS clients"), ("turns", "throughput"), ("latency", "turn latency send -> final"),
        ("added", "gateway-added latency"), ("unloaded", "one client, idle gateway"), ("starve", "turns per client"),
        ("errors", "errors"), ("rss", "gateway RSS"), ("cpu", "CPU s during the chat time"),
        ("channel", "Telegram bursts"), ("load", "load average (1/5/15)")]
head = ["figure"] + [r["label"] for r in runs]
table = [[name] + [fmt(r, key) for r in runs] for key, name in rows]
w = [max(len(x[i]) for x in table + [head]) for i in range(len(head))]
line = lambda cells: "| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(cells)) + " |"
print()
print(line(head))
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for t in table:
    print(line(t))
PY
echo "results: $RESULTS_DIR/load.json"
exit "$rc"
