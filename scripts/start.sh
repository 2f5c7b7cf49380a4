#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# README command one: installs what is needed, builds, and starts Skynet — the desktop app when a
# display is present, else the headless gateway — on ~/.skynet (or $SKYNET_HOME) with the default
# config, in the background. Waits until /health answers, then prints where it is.
#   --foreground   run in the foreground instead (Ctrl-C stops it)
#   --headless     never start the desktop app
set -euo pipefail
cd "$(dirname "$0")/.."

FOREGROUND=0
HEADLESS=0
for arg in "$@"; do
  case "$arg" in
    --foreground) FOREGROUND=1 ;;
    --headless) HEADLESS=1 ;;
    *) echo "usage: $0 [--foreground] [--headless]" >&2; exit 2 ;;
  esac
done

./scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
HOME_DIR=${SKYNET_HOME:-$HOME/.skynet}
mkdir -p "$HOME_DIR"

if [ "$HEADLESS" = "0" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  BIN=("$BUILD_DIR/bin/skynet")
else
  BIN=("$BUILD_DIR/bin/skynet-gateway")
fi

if [ "$FOREGROUND" = "1" ]; then
  exec "${BIN[@]}"
fi

PIDFILE="$HOME_DIR/skynet.pid"
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  echo "Skynet is already running (pid $(cat "$PIDFILE")); stop it with scripts/stop.sh"
  exit 0
fi
LOG="$HOME_DIR/logs/console.log"
mkdir -p "$(dirname "$LOG")"
nohup "${BIN[@]}" >"$LOG" 2>&1 &
echo $! >"$PIDFILE"

# Wait for the "listening on" line (or a failure) instead of sleeping a fixed time.
for _ in $(seq 1 200); do
  if grep -q "listening on" "$LOG" 2>/dev/null; then break; fi
  if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "Skynet failed to start:" >&2; cat "$LOG" >&2; rm -f "$PIDFILE"; exit 1
  fi
  sleep 0.05
done
URL=$(grep -o 'http://[^ )]*/health' "$LOG" | head -n1)
echo "Skynet is running (pid $(cat "$PIDFILE"), ${BIN[0]##*/})."
if grep -q "generated a gateway token" "$LOG"; then
  echo "A gateway token was generated for clients: $("$BUILD_DIR/bin/skynet-gateway" token)"
fi
echo "Health:  curl ${URL:-http://127.0.0.1:18789/health}"
echo "Token:   $BUILD_DIR/bin/skynet-gateway token"
echo "Logs:    $HOME_DIR/logs/"
echo "Stop:    scripts/stop.sh"
