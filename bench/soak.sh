#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# The soak (docs/reliability.md, "Soak"): a compressed day. Runs skynet-gateway on a fresh home
# with an accelerated clock (SKYNET_TEST_CLOCK_SCALE, default 24: one virtual day per wall hour)
# and the Ollama fake as its model, drives a steady workload with soakdriver (50 clients over 10
# users, 3 chat turns/s, reconnects, health requests, 40 interval and cron jobs firing on the
# virtual clock), samples RSS, open fds and the database (+WAL) size every 15 s, and writes
# samples.csv, summary.json, summary.txt and the gateway's logs into the results folder:
#   BUILD=build bench/soak.sh [minutes, default 60]
# SOAK_OUT (default ./soak-results/<UTC time>), SOAK_SCALE, SOAK_CLIENTS, SOAK_USERS, SOAK_TPS,
# SOAK_SAMPLE_S override the defaults. Exit status 0 = every target met.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MINUTES=${1:-60}
SCALE=${SOAK_SCALE:-24}
OUT=${SOAK_OUT:-$PWD/soak-results/$(date -u +%Y%m%dT%H%M%SZ)}
SOAKDRIVER=${SOAKDRIVER:-$BUILD/bin/soakdriver}
FAKE_PROVIDER=${FAKE_PROVIDER:-$BUILD/bin/fake-provider}
[[ -x $FAKE_PROVIDER || ! -x $BUILD/tests/fakes/fake-provider ]] || FAKE_PROVIDER=$BUILD/tests/fakes/fake-provider
if [[ -f $BUILD/build.ninja && (! -x $SOAKDRIVER || ! -x $GATEWAY || ! -x $FAKE_PROVIDER) ]]; then
    cmake --build "$BUILD" --target soakdriver skynet-gateway fake-provider >/dev/null
fi
need_gateway
[[ -x $SOAKDRIVER ]] || die "no soak driver at $SOAKDRIVER (build it: cmake --build \"$BUILD\" --target soakdriver)"
[[ -x $FAKE_PROVIDER ]] || die "no fake provider at $FAKE_PROVIDER (build it: cmake --build \"$BUILD\" --target fake-provider)"
mkdir -p "$OUT"

FAKE_PID=
cleanup() {
    [[ -n $FAKE_PID ]] && kill "$FAKE_PID" 2>/dev/null || true
    if [[ -n ${GW_HOME:-} ]]; then
        cp -r "$GW_HOME/logs" "$OUT/gateway-logs" 2>/dev/null || true
        cp "$GW_HOME.log.err" "$OUT/gateway.stderr" 2>/dev/null || true
    fi
    stop_gateway
}
trap cleanup EXIT

{
    echo "== machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), load $(loadavg)"
    echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$BENCH_DIR/.." rev-parse --short HEAD 2>/dev/null || echo 'no git')"
    echo "== $MINUTES min, clock x$SCALE, gateway $GATEWAY"
} | tee "$OUT/run.txt"

# The model: the Ollama fake (a short streamed answer, no delay).
"$FAKE_PROVIDER" --kind ollama --port 0 >"$OUT/fake-provider.out" 2>&1 &
FAKE_PID=$!
FAKE_URL=
for ((i = 0; i < 200; i++)); do
    FAKE_URL=$(sed -n 's/^listening on \(.*\)$/\1/p' "$OUT/fake-provider.out" | head -n1)
    [[ -n $FAKE_URL ]] && break
    sleep 0.05
done
[[ -n $FAKE_URL ]] || die "the fake provider did not start"

export SKYNET_TEST_CLOCK_SCALE=$SCALE
export SKYNET_PROVIDERS_OLLAMA_BASE_URL=$FAKE_URL
export SKYNET_PROVIDERS_ANTHROPIC_ENABLED=false
export SKYNET_PROVIDERS_OPENAI_ENABLED=false
export SKYNET_ROUTING_MODE=fixed
export SKYNET_ROUTING_STANDARD=ollama:llama3.2
start_gateway
unset SKYNET_TEST_CLOCK_SCALE
grep -m1 "TEST MODE" "$GW_LOG.err" | tee -a "$OUT/run.txt" || die "the gateway did not report the accelerated clock"

status=0
"$SOAKDRIVER" --url "ws://127.0.0.1:$GW_PORT" --pid "$GW_PID" --db "$GW_HOME/skynet.db" --out "$OUT" \
    --minutes "$MINUTES" --scale "$SCALE" --clients "${SOAK_CLIENTS:-50}" --users "${SOAK_USERS:-10}" \
    --turns-per-second "${SOAK_TPS:-3}" --sample-seconds "${SOAK_SAMPLE_S:-15}" 2> >(tee "$OUT/driver.log" >&2) ||
    status=$?
kill -0 "$GW_PID" 2>/dev/null || { echo "bench: the gateway died during the soak" | tee -a "$OUT/summary.txt"; status=1; }
echo "== results in $OUT"
exit "$status"
