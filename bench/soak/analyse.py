#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
"""Second look at a soak's samples.csv (bench/soak.sh): RSS and fds against several baselines.

    python3 bench/soak/analyse.py <results folder>

soakdriver judges RSS growth from the end of a fixed warm-up (the first quarter of the run).
Bounded caches that are still filling then (SQLite's page cache of 2 MiB, the last 1,000 run
outcomes, the 2,000-line event log) show as growth that stops; a leak keeps its slope. This prints,
for the baselines at 10 %, 25 % and 50 % of the run, the growth to the end and the least-squares
slope from there, so the two cases can be told apart. Standard library only.
"""
import csv
import re
import statistics
import sys


def slope(points):
    """Least-squares slope of (x, y) points; 0 when undefined."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


LINE = re.compile(
    r"soak: t=\s*(?P<real_s>[\d.]+)s virt=\s*(?P<virtual_h>[\d.]+)h rss=(?P<rss_kb>-?\d+) kB fds=(?P<fds>-?\d+) "
    r"thr=-?\d+ db=(?P<db_bytes>\d+)\+(?P<wal_bytes>\d+) B turns=(?P<turns_ok>\d+) err=(?P<errors>\d+) "
    r"recon=\d+ firings=(?P<firings>-?\d+)"
)


def read_samples(folder):
    """samples.csv, or (a run that was stopped before it wrote one) the lines of driver.log."""
    try:
        with open(folder + "/samples.csv", newline="") as f:
            return [r for r in csv.DictReader(f) if int(r["rss_kb"]) > 0]
    except FileNotFoundError:
        with open(folder + "/driver.log") as f:
            rows = [m.groupdict() for m in map(LINE.search, f) if m]
        for r in rows:
            r["messages"] = "?"
        return [r for r in rows if int(r["rss_kb"]) > 0]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: analyse.py <results folder with samples.csv>")
    rows = read_samples(sys.argv[1])
    if len(rows) < 4:
        sys.exit("analyse.py: too few samples")
    end_s = float(rows[-1]["real_s"])
    last = rows[-1]
    print(f"{len(rows)} samples over {end_s / 60:.1f} min; end: RSS {last['rss_kb']} kB, fds {last['fds']}")
    for fraction in (0.10, 0.25, 0.50):
        base = next(r for r in rows if float(r["real_s"]) >= fraction * end_s)
        after = [r for r in rows if float(r["real_s"]) >= float(base["real_s"])]
        rss0 = int(base["rss_kb"])
        growth = 100.0 * (int(last["rss_kb"]) - rss0) / rss0
        peak = max(int(r["rss_kb"]) for r in after)
        per_hour = slope([(float(r["real_s"]) / 3600.0, int(r["rss_kb"])) for r in after])
        fds = [int(r["fds"]) for r in after]
        print(
            f"from {fraction:.0%} ({float(base['real_s']) / 60:.1f} min): RSS {rss0} -> {last['rss_kb']} kB "
            f"({growth:+.2f} %, peak {peak} kB), slope {per_hour:+.0f} kB/h; fds {fds[0]} -> {fds[-1]} "
            f"(min {min(fds)}, max {max(fds)})"
        )
    db0 = int(rows[0]["db_bytes"]) + int(rows[0]["wal_bytes"])
    db1 = int(last["db_bytes"]) + int(last["wal_bytes"])
    hours = float(last["virtual_h"]) - float(rows[0]["virtual_h"])
    if hours > 0:
        print(
            f"database + WAL: {db0 / 1e6:.2f} -> {db1 / 1e6:.2f} MB over {hours:.1f} virtual h "
            f"= {(db1 - db0) / 1e6 / hours * 24:.2f} MB per virtual day; {last['messages']} messages, "
            f"{last['firings']} scheduler firings"
        )


if __name__ == "__main__":
    main()
