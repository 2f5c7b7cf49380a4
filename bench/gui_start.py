#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
"""GUI cold start and idle RSS of the desktop app `skynet`, software scene graph, offscreen.

Each run starts `skynet` on a fresh --home and a free port with QT_QPA_PLATFORM=offscreen and
QT_QUICK_BACKEND=software, and SKYNET_BENCH_FIRST_FRAME=1, which makes it print the steady-clock
time of its first swapped frame. Cold start = that time minus the time just before exec (both
CLOCK_MONOTONIC). Idle RSS = VmRSS IDLE_S seconds after the first frame. Prints one JSON line.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def one_run(app, idle_s, timeout_s):
    home = tempfile.mkdtemp(prefix="skynet-gui-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software",
               SKYNET_BENCH_FIRST_FRAME="1", HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    try:
        t0 = time.monotonic_ns()
        proc = subprocess.Popen([app, "--home", os.path.join(home, "skynet"), "--port", str(free_port())],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                env=env)
        try:
            deadline = time.monotonic() + timeout_s
            frame_ns = None
            while time.monotonic() < deadline:
                line = proc.stderr.readline()
                if not line:
                    break
                if line.startswith(b"first-frame-steady-ns "):
                    frame_ns = int(line.split()[1])
                    break
            if frame_ns is None:
                raise RuntimeError("no first frame reported (exit %s)" % proc.poll())
            time.sleep(idle_s)  # a benchmark may wait: this is the idle period being measured
            return (frame_ns - t0) / 1e6, rss_kb(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--idle", type=float, default=5.0)
    args = ap.parse_args()
    starts, rss = [], []
    for i in range(args.warmup + args.runs):
        ms, kb = one_run(args.app, args.idle if i >= args.warmup else 0.2, 30)
        if i >= args.warmup:
            starts.append(ms)
            rss.append(kb)
            print("run %d: first frame %.1f ms, RSS %.1f MB" % (i - args.warmup + 1, ms, kb / 1024), file=sys.stderr)
    starts.sort()
    result = {"runs": args.runs, "median_ms": statistics.median(starts), "min_ms": starts[0],
              "p90_ms": starts[min(len(starts) - 1, int(0.9 * len(starts)))],
              "median_rss_kb": statistics.median(rss), "max_rss_kb": max(rss)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
