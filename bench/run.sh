#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Runs every gateway benchmark and prints a summary table against the targets of
# docs/performance.md. BUILD (default /work/main/build) holds bin/skynet-gateway and bin/wsload.
# Results are kept as JSON in RESULTS_DIR (default: a new temporary directory).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_gateway
need_wsload
export RESULTS_DIR=${RESULTS_DIR:-$(mktemp -d /tmp/skynet-bench-results.XXXXXX)}
mkdir -p "$RESULTS_DIR"

echo "== machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)," \
    "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), load $(loadavg)"
echo "== idle RSS";   "$BENCH_DIR/idle-rss.sh"
echo "== cold start"; "$BENCH_DIR/cold-start.sh"
echo "== handshakes"; "$BENCH_DIR/handshakes.sh"

python3 - "$RESULTS_DIR" <<'PY'
import json, os, sys
d = sys.argv[1]
def load(name):
    try:
        with open(os.path.join(d, name + ".json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None
idle, cold, hs = load("idle-rss"), load("cold-start"), load("handshakes") or []
rows = []
def row(metric, target, value, ok):
    rows.append((metric, target, value, "-" if ok is None else ("ok" if ok else "MISSED")))
if idle:
    mb = idle["median_rss_kb"] / 1024
    row("idle RSS, 5 s after start", "<= 16 MB", "%.1f MB" % mb, mb <= 16)
if cold:
    row("cold start exec -> /health 200 (median of %d)" % cold["runs"], "<= 12 ms",
        "%.2f ms (p90 %.2f, min %.2f)" % (cold["median_ms"], cold["p90_ms"], cold["min_ms"]), cold["median_ms"] <= 12)
for r in hs:
    n = r["n"]
    complete = r["ok"] == n and r["failed"] == 0
    row("handshakes/s, N=%d" % n, ">= 2000/s",
        "%d/s (p50 %.1f ms, p99 %.1f ms)%s" % (r["handshakes_per_s"], r["handshake_ms"]["p50"], r["handshake_ms"]["p99"],
                                              "" if complete else ", %d/%d ok" % (r["ok"], n)),
        complete and r["handshakes_per_s"] >= 2000)
    rss = r["server_rss_kb_held"] / 1024
    held = r["ok"] - r["dropped_while_held"]
    row("server RSS, %d clients held %.0f s" % (held, r["held_s"]), "<= 200 MB" if n >= 10000 else "-",
        "%.1f MB (%.1f KiB/conn), health %d/%d" % (rss, r["server_bytes_per_conn"] / 1024, r["health_answered"], r["health_sent"]),
        (rss <= 200 and held == n) if n >= 10000 else None)
w = [max(len(x[i]) for x in rows + [("metric", "target", "measured", "verdict")]) for i in range(4)]
fmt = "| %-{}s | %-{}s | %-{}s | %-{}s |".format(*w)
print()
print(fmt % ("metric", "target", "measured", "verdict"))
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for r in rows:
    print(fmt % r)
print("\nresults: " + d)
PY
