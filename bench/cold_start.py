#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
"""Cold start: time from exec of skynet-gateway to its first HTTP 200 from /health.

Each run uses a fresh --home (so first-run work such as writing the default config counts) and
a free port; the port is polled every 0.5 ms with a raw socket (no curl, no sleeps longer than
the poll interval). Prints one JSON line on stdout and a summary on stderr.
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


def health_status(port):
    """Status code of GET /health, or None if nothing listens yet."""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
    except (ConnectionRefusedError, ConnectionResetError):
        return None
    with s:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port)
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                return None
            data += chunk
        parts = data.split(b" ", 2)
        return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def one_run(gateway, poll_s, timeout_s, home=None):
    keep_home = home is not None
    home = home or tempfile.mkdtemp(prefix="skynet-cold-")
    port = free_port()
    err = open(home + ".err", "w+b")
    try:
        t0 = time.perf_counter_ns()
        proc = subprocess.Popen([gateway, "--home", home, "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL)
        try:
            while True:
                status = health_status(port)
                if status == 200:
                    return (time.perf_counter_ns() - t0) / 1e6
                if proc.poll() is not None:
                    err.seek(0)
                    raise RuntimeError("gateway exited with %d: %s" % (proc.returncode, err.read().decode(errors="replace")[-500:]))
                if (time.perf_counter_ns() - t0) / 1e9 > timeout_s:
                    raise RuntimeError("no 200 from /health within %g s (last status %r)" % (timeout_s, status))
                time.sleep(poll_s)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        err.close()
        os.unlink(home + ".err")
        if not keep_home:
            shutil.rmtree(home, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=1, help="discarded runs first (page cache)")
    parser.add_argument("--poll-ms", type=float, default=0.5)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--reuse-home", action="store_true",
                        help="diagnostic: every run starts on one already-initialised home (no first-run work)")
    args = parser.parse_args()

    shared_home = tempfile.mkdtemp(prefix="skynet-cold-") if args.reuse_home else None
    try:
        for _ in range(max(args.warmup, 1 if shared_home else 0)):
            one_run(args.gateway, args.poll_ms / 1000, args.timeout, shared_home)
        times = [one_run(args.gateway, args.poll_ms / 1000, args.timeout, shared_home) for _ in range(args.runs)]
    finally:
        if shared_home:
            shutil.rmtree(shared_home, ignore_errors=True)
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, max(0, -(-9 * len(ordered) // 10) - 1))]
    result = {
        "bench": "cold-start",
        "home": "reused" if shared_home else "fresh",
        "runs": args.runs,
        "median_ms": round(statistics.median(times), 2),
        "p90_ms": round(p90, 2),
        "min_ms": round(ordered[0], 2),
        "max_ms": round(ordered[-1], 2),
        "all_ms": [round(t, 2) for t in times],
    }
    print(json.dumps(result), flush=True)
    print("cold start (%s home) exec -> first /health 200 over %d runs: median %.2f ms, p90 %.2f ms, min %.2f ms, max %.2f ms"
          % (result["home"], args.runs, result["median_ms"], result["p90_ms"], result["min_ms"], result["max_ms"]), file=sys.stderr)


if __name__ == "__main__":
    main()
