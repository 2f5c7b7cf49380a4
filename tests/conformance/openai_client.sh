#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
#
# Conformance: the official OpenAI Node SDK (npm `openai`, pinned in openai-client/package-lock.json) against
# skynet-gateway's OpenAI-compatible endpoint (/v1/chat/completions, /v1/models; Bearer = the gateway token).
#
#   bash tests/conformance/openai_client.sh build/bin/skynet-gateway build/tests/fakes/fake-provider
#
# Starts fake-provider (Ollama kind; answers "Echo: <last user message>", one streamed piece per word) and the
# gateway on random ports in a throwaway home, then runs openai-client/check.mjs: a non-streaming completion,
# a streaming one with stream_options.include_usage, models.list, and a wrong key (AuthenticationError 401).
# Prints PASS/FAIL per check and "N passed, N failed"; exits non-zero on any failure.
#
# The SDK (openai >= 6 needs Node >= 22) runs on the pinned Node 24 of scripts/openclaw-cli.sh (installed on first
# use with the OpenClaw CLI). The SDK itself is installed with `npm ci` into
# ${SKYNET_CACHE_DIR:-~/.cache/skynet}/openai-client-<hash of the lockfile>, serialised with flock.
# Env: SKYNET_CACHE_DIR, SKYNET_SKIP_CONFORMANCE=1 (exit 77 = skip), SKYNET_CONFORMANCE_KEEP=1 (keep the folder).
set -uo pipefail

GATEWAY=${1:-}
FAKE=${2:-}
[[ -n $GATEWAY && -x $GATEWAY && -n $FAKE && -x $FAKE ]] ||
    { echo "usage: $0 /path/to/skynet-gateway /path/to/fake-provider" >&2; exit 2; }
if [[ ${SKYNET_SKIP_CONFORMANCE:-0} == 1 ]]; then
    echo "SKIP: SKYNET_SKIP_CONFORMANCE=1"
    exit 77
fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLI=$ROOT/scripts/openclaw-cli.sh
SPEC=$HERE/openai-client
export SKYNET_CACHE_DIR=${SKYNET_CACHE_DIR:-${HOME:-/tmp}/.cache/skynet}
# shellcheck source=conformance_lib.sh
source "$HERE/conformance_lib.sh"

CHECK_TIMEOUT=180      # seconds for the whole check.mjs run
REQUEST_TIMEOUT_MS=30000  # the SDK's per-request timeout
CHUNK_DELAY_MS=40      # fake-provider delay between streamed pieces
INSTALL_TIMEOUT=600

SDK_VERSION=$(sed -n 's/^[[:space:]]*"openai":[[:space:]]*"\([^"]*\)".*/\1/p' "$SPEC/package.json" | head -n1)
TITLE="OpenAI SDK conformance (openai $SDK_VERSION vs $(basename "$GATEWAY"))"

# ---- 1. Node 24 (from the OpenClaw CLI install) and the SDK ----
install_sdk() { # sets SDK_DIR; returns 1 with a message on stderr
    local key lock log
    key=$(cd "$SPEC" && sha256sum package.json package-lock.json | sha256sum | cut -c1-16)
    SDK_DIR=$SKYNET_CACHE_DIR/openai-client-$key
    local marker=$SDK_DIR/.skynet-install-complete
    [[ -f $marker && -f $SDK_DIR/node_modules/openai/package.json ]] && return 0
    command -v npm >/dev/null || { echo "npm not found" >&2; return 1; }
    command -v flock >/dev/null || { echo "flock not found (util-linux)" >&2; return 1; }
    mkdir -p "$SKYNET_CACHE_DIR"
    lock=$SKYNET_CACHE_DIR/openai-client-$key.lock
    log=$SKYNET_CACHE_DIR/openai-client-$key.install.log
    (
        flock -w "$INSTALL_TIMEOUT" 9 || { echo "timed out waiting for $lock" >&2; exit 1; }
        [[ -f $marker && -f $SDK_DIR/node_modules/openai/package.json ]] && exit 0
        echo "openai_client: installing openai $SDK_VERSION into $SDK_DIR (first run only)" >&2
        rm -rf "$SDK_DIR"
        mkdir -p "$SDK_DIR"
        cp "$SPEC/package.json" "$SPEC/package-lock.json" "$SDK_DIR/"
        # npm runs on the pinned Node (the SDK's engines field wants >= 22); no install scripts are needed.
        if ! (cd "$SDK_DIR" && PATH="$(dirname "$NODE_BIN"):$PATH" \
                npm_config_cache=$SKYNET_CACHE_DIR/npm npm_config_audit=false npm_config_fund=false \
                npm_config_update_notifier=false npm_config_progress=false npm_config_loglevel=warn \
                npm_config_prefer_offline=true timeout "$INSTALL_TIMEOUT" npm ci --ignore-scripts) >"$log" 2>&1; then
            tail -n 30 "$log" >&2; echo "npm ci failed; full log: $log" >&2; exit 1
        fi
        got=$("$NODE_BIN" -p 'require(process.argv[1]).version' "$SDK_DIR/node_modules/openai/package.json" 2>>"$log")
        [[ $got == "$SDK_VERSION" ]] || { echo "installed openai $got, expected $SDK_VERSION" >&2; exit 1; }
        printf '%s' "$key" >"$marker.tmp" && mv -f "$marker.tmp" "$marker"
    ) 9>"$lock"
}

if ! "$CLI" --install-only; then
    fail install "scripts/openclaw-cli.sh --install-only (the pinned Node 24) failed"
    conf_summary_and_exit
fi
NODE_BIN=$("$CLI" --node -p process.execPath 2>/dev/null)
if [[ ! -x $NODE_BIN ]]; then
    fail install "cannot find the pinned Node via scripts/openclaw-cli.sh --node"
    conf_summary_and_exit
fi
if ! install_sdk; then
    fail install "openai $SDK_VERSION could not be installed"
    conf_summary_and_exit
fi

# ---- 2. fake provider + gateway ----
conf_setup
conf_start_fake --chunk-delay-ms "$CHUNK_DELAY_MS" || conf_summary_and_exit
conf_start_gateway || conf_summary_and_exit

# ---- 3. the SDK checks ----
# check.mjs imports "openai": run a copy next to a node_modules link into the install folder.
mkdir -p "$H/openai-client"
cp "$SPEC/check.mjs" "$SPEC/package.json" "$H/openai-client/"
ln -s "$SDK_DIR/node_modules" "$H/openai-client/node_modules"
started=$SECONDS
HOME=$H timeout -k 5 "$CHECK_TIMEOUT" "$NODE_BIN" "$H/openai-client/check.mjs" \
    --base-url "http://127.0.0.1:$PORT/v1" --api-key "$TOKEN" \
    --chunk-delay-ms "$CHUNK_DELAY_MS" --timeout-ms "$REQUEST_TIMEOUT_MS" \
    <&- >"$H/out/check.out" 2>"$H/out/check.err"
RC=$?
echo "  ran: node check.mjs (openai $SDK_VERSION on $("$NODE_BIN" --version)) -> exit $RC in $((SECONDS - started))s"
((RC == 124 || RC == 137)) && fail check-timeout "check.mjs killed after ${CHECK_TIMEOUT}s"
while IFS= read -r line; do
    line=${line//$TOKEN/<token>}
    case $line in
        "PASS "*) pass "${line#PASS }" ;;
        "FAIL "*) name=${line#FAIL }; fail "${name%%: *}" "${name#*: }" ;;
        *) echo "$line" ;;
    esac
done <"$H/out/check.out"
npass=$(grep -c '^PASS ' "$H/out/check.out")
nfail=$(grep -c '^FAIL ' "$H/out/check.out")
if ((RC != 0 && nfail == 0)); then
    fail check "check.mjs exited with status $RC without a FAIL line"
elif ((RC == 0 && nfail > 0)); then
    fail check "check.mjs exited 0 although it reported failures"
elif ((RC == 0 && npass < 6)); then
    fail check "check.mjs reported only $npass PASS lines, want 6"
fi
if ((RC != 0)) && [[ -s $H/out/check.err ]]; then
    echo "  --- check.mjs stderr:"; head -c 3000 "$H/out/check.err" | sed "s/$TOKEN/<token>/g; s/^/  | /"
fi

# ---- 4. stop ----
conf_stop_gateway
conf_summary_and_exit
