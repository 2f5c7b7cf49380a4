# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Shared helpers for the bench/*.sh scripts (sourced, not run).

BUILD=${BUILD:-/work/main/build}
GATEWAY=${GATEWAY:-$BUILD/bin/skynet-gateway}
WSLOAD=${WSLOAD:-$BUILD/bin/wsload}
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export SKYNET_GATEWAY_TOKEN=${SKYNET_GATEWAY_TOKEN:-bench-token-0123456789abcdef}

die() { echo "bench: $*" >&2; exit 1; }

need_gateway() {
    [[ -x $GATEWAY ]] || die "no gateway at $GATEWAY (build it: cmake --build \"$BUILD\" --target skynet-gateway)"
}

need_wsload() {
    [[ -x $WSLOAD ]] || die "no load client at $WSLOAD (build it: cmake --build \"$BUILD\" --target wsload, or set WSLOAD=)"
}

# Writes a result file when run.sh collects them.
save_result() { # name json
    [[ -n ${RESULTS_DIR:-} ]] && printf '%s\n' "$2" >"$RESULTS_DIR/$1.json"
    return 0
}

# start_gateway: runs the gateway on a fresh home and a free port; sets GW_PID, GW_PORT, GW_HOME.
start_gateway() {
    GW_HOME=$(mktemp -d /tmp/skynet-bench-home.XXXXXX)
    GW_LOG=$GW_HOME.log
    "$GATEWAY" --home "$GW_HOME" --port 0 >"$GW_LOG.out" 2>"$GW_LOG.err" &
    GW_PID=$!
    GW_PORT=
    local i
    for ((i = 0; i < 200; i++)); do # up to 10 s
        GW_PORT=$(sed -n 's|.*listening on wss\{0,1\}://[^:]*:\([0-9]*\).*|\1|p' "$GW_LOG.out" 2>/dev/null | head -n1)
        [[ -n $GW_PORT ]] && return 0
        kill -0 "$GW_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "bench: the gateway did not report its port; stderr:" >&2
    cat "$GW_LOG.err" >&2
    stop_gateway
    exit 1
}

stop_gateway() {
    if [[ -n ${GW_PID:-} ]] && kill -0 "$GW_PID" 2>/dev/null; then
        kill -TERM "$GW_PID" 2>/dev/null || true
        local i
        for ((i = 0; i < 100; i++)); do
            kill -0 "$GW_PID" 2>/dev/null || break
            sleep 0.05
        done
        kill -KILL "$GW_PID" 2>/dev/null || true
        wait "$GW_PID" 2>/dev/null || true
    fi
    [[ -n ${GW_HOME:-} ]] && rm -rf "$GW_HOME" "$GW_HOME.log.out" "$GW_HOME.log.err"
    GW_PID= GW_HOME=
    return 0
}

# proc_kb PID FIELD: a "kB" field of /proc/PID/status (VmRSS, VmHWM, RssAnon, RssFile, ...).
proc_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
