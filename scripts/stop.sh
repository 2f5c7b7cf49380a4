#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Stops a Skynet started by scripts/start.sh (SIGTERM: clients get a shutdown event).
set -euo pipefail
PIDFILE="${SKYNET_HOME:-$HOME/.skynet}/skynet.pid"
if [ ! -f "$PIDFILE" ]; then echo "Skynet is not running (no $PIDFILE)"; exit 0; fi
PID=$(cat "$PIDFILE")
if kill "$PID" 2>/dev/null; then
  for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
fi
rm -f "$PIDFILE"
echo "Skynet stopped."
