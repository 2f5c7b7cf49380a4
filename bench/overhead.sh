#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Gateway overhead: time to first token and relay rate through skynet-gateway versus a client
# talking to the same fake Ollama directly (bench/overhead/overhead.cpp, docs/benchmarks/overhead.md).
# Targets: <= 2 ms added TTFT at p50; >= 20,000 relayed deltas/s on one connection.
# Knobs: REQUESTS (200 per TTFT series), REPEATS (3 series), PIECES (100000 in the long reply),
# STREAM_REPEATS (3 relay runs); NODELAY_SHIM=1 runs the gateway with bin/liboverhead_nodelay.so
# preloaded (TCP_NODELAY on its accepted sockets: what the TTFT would be with Nagle off).
# Build: cmake --build "$BUILD" --target skynet-gateway overhead (needs BUILD_TESTING=ON for the fakes).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
OVERHEAD=${OVERHEAD:-$BUILD/bin/overhead}
need_gateway
[[ -x $OVERHEAD ]] || die "no overhead bench at $OVERHEAD (build it: cmake --build \"$BUILD\" --target overhead)"

out=$(mktemp /tmp/skynet-bench-overhead.XXXXXX)
trap 'rm -f "$out"' EXIT
preload=()
if [[ ${NODELAY_SHIM:-0} == 1 ]]; then
    shim=${NODELAY_SO:-$(dirname "$OVERHEAD")/liboverhead_nodelay.so}
    [[ -f $shim ]] || die "no TCP_NODELAY shim at $shim (build it: cmake --build \"$BUILD\" --target overhead_nodelay)"
    preload=(--gateway-preload "$(realpath "$shim")")
fi
set +e
"$OVERHEAD" --gateway "$GATEWAY" "${preload[@]}" --requests "${REQUESTS:-200}" --repeats "${REPEATS:-3}" \
    --pieces "${PIECES:-100000}" --stream-repeats "${STREAM_REPEATS:-3}" | tee "$out"
rc=${PIPESTATUS[0]}
set -e
save_result "overhead${preload:+-nodelay}" "$(tail -n1 "$out")"
exit "$rc"
