#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
#
# Conformance: the real OpenClaw CLI (pinned, see scripts/openclaw-cli.sh) against a real skynet-gateway.
#
#   bash tests/conformance/openclaw_conformance.sh build/bin/skynet-gateway
#
# Starts the gateway on a random port in a throwaway home, runs
#   openclaw gateway call health --json | gateway call status --json | gateway health | gateway probe --json
# and `gateway call health` with a wrong token (must fail with AUTH_TOKEN_MISMATCH), then stops the gateway.
# Prints PASS/FAIL per check and "N passed, N failed"; exits non-zero on any failure.
# Env: SKYNET_CACHE_DIR (CLI install cache, default ~/.cache/skynet), SKYNET_SKIP_CONFORMANCE=1 (exit 77 = skip),
#      SKYNET_CONFORMANCE_KEEP=1 (keep the throwaway folder and print its path).
set -uo pipefail

GATEWAY=${1:-}
[[ -n $GATEWAY && -x $GATEWAY ]] || { echo "usage: $0 /path/to/skynet-gateway" >&2; exit 2; }
if [[ ${SKYNET_SKIP_CONFORMANCE:-0} == 1 ]]; then
    echo "SKIP: SKYNET_SKIP_CONFORMANCE=1"
    exit 77
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLI=$ROOT/scripts/openclaw-cli.sh
# Fix the cache location before HOME is pointed at the throwaway folder below.
export SKYNET_CACHE_DIR=${SKYNET_CACHE_DIR:-${HOME:-/tmp}/.cache/skynet}

CMD_TIMEOUT=60          # seconds, hard limit per CLI command
RPC_TIMEOUT_MS=15000    # the CLI's own --timeout
PROBE_BUDGET_MS=10000   # `gateway probe --timeout` (overall budget)
START_TIMEOUT=30        # seconds for the gateway to print its listening line

RESULTS=()
PASSED=0
FAILED=0
pass() { RESULTS+=("PASS  $1"); PASSED=$((PASSED + 1)); echo "PASS  $1"; }
fail() { RESULTS+=("FAIL  $1: $2"); FAILED=$((FAILED + 1)); echo "FAIL  $1: $2"; }
warn() { RESULTS+=("WARN  $1: $2"); echo "WARN  $1: $2"; }

summary_and_exit() {
    echo
    echo "==== OpenClaw CLI conformance summary ($("$CLI" --version 2>/dev/null || echo 'openclaw ?') vs $(basename "$GATEWAY"))"
    local r
    for r in "${RESULTS[@]}"; do echo "  $r"; done
    if ((FAILED > 0)) && [[ -n ${H:-} && -d $H ]]; then
        echo "---- gateway stdout (tail) ----"; tail -n 40 "$H/gateway.out" 2>/dev/null
        echo "---- gateway stderr (tail) ----"; tail -n 60 "$H/gateway.err" 2>/dev/null
    fi
    echo "${PASSED} passed, ${FAILED} failed"
    ((FAILED == 0)) && exit 0
    exit 1
}

# ---- 1. the CLI (first run installs it; the ctest TIMEOUT bounds this) ----
if ! "$CLI" --install-only; then
    fail install "scripts/openclaw-cli.sh --install-only failed"
    summary_and_exit
fi

# ---- 2. the gateway ----
H=$(mktemp -d "${TMPDIR:-/tmp}/skynet-conformance.XXXXXX")
GW_PID=
DRAIN_PID=
cleanup() {
    if [[ -n $GW_PID ]] && kill -0 "$GW_PID" 2>/dev/null; then
        kill -KILL "$GW_PID" 2>/dev/null
        wait "$GW_PID" 2>/dev/null
    fi
    [[ -n $DRAIN_PID ]] && kill "$DRAIN_PID" 2>/dev/null
    if [[ ${SKYNET_CONFORMANCE_KEEP:-0} == 1 ]]; then
        echo "kept $H"
    else
        rm -rf "$H"
    fi
}
trap cleanup EXIT

TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
mkdir -p "$H/skynet" "$H/cli/home" "$H/cli/state" "$H/cli/bin" "$H/out"

mkfifo "$H/gateway.fifo"
SKYNET_GATEWAY_TOKEN=$TOKEN "$GATEWAY" --home "$H/skynet" --port 0 >"$H/gateway.fifo" 2>"$H/gateway.err" &
GW_PID=$!
exec 3<"$H/gateway.fifo"
PORT=
deadline=$((SECONDS + START_TIMEOUT))
while :; do
    left=$((deadline - SECONDS))
    ((left > 0)) || { fail gateway-start "no 'Skynet gateway listening on ws://127.0.0.1:PORT' line on stdout within ${START_TIMEOUT}s"; break; }
    if IFS= read -r -t "$left" line <&3; then
        printf '%s\n' "$line" >>"$H/gateway.out"
        if [[ $line =~ Skynet\ gateway\ listening\ on\ ws://127\.0\.0\.1:([0-9]+) ]]; then
            PORT=${BASH_REMATCH[1]}
            break
        fi
    elif ! kill -0 "$GW_PID" 2>/dev/null; then
        wait "$GW_PID"; rc=$?
        fail gateway-start "skynet-gateway exited with status $rc before listening"
        GW_PID=
        break
    fi
done
# Keep draining stdout so the gateway never blocks on a full pipe.
cat <&3 >>"$H/gateway.out" &
DRAIN_PID=$!
exec 3<&-
if [[ -z $PORT ]]; then
    grep -q 'listening on' "$H/gateway.err" 2>/dev/null &&
        echo "note: the listening line went to stderr (or stdout was not flushed): $(grep -m1 'listening on' "$H/gateway.err")"
    summary_and_exit
fi
pass "gateway-start (port $PORT)"
URL=ws://127.0.0.1:$PORT

# ---- 3. the CLI commands ----
# The CLI gets its own HOME and state dir, no file log (it would go to /tmp/openclaw; console output is
# unaffected), and a stub avahi-browse so `gateway probe` discovery stays off the network.
printf '#!/bin/sh\nexit 0\n' >"$H/cli/bin/avahi-browse"
chmod +x "$H/cli/bin/avahi-browse"
cli() { # <name> <args...>: runs the CLI, output in $H/out/<name>.{out,err}, sets RC
    local name=$1; shift
    local started=$SECONDS
    HOME=$H/cli/home OPENCLAW_STATE_DIR=$H/cli/state OPENCLAW_LOG_LEVEL=silent \
        OPENCLAW_DISABLE_BONJOUR=1 NO_COLOR=1 PATH="$H/cli/bin:$PATH" \
        timeout -k 5 "$CMD_TIMEOUT" "$CLI" "$@" <&- >"$H/out/$name.out" 2>"$H/out/$name.err"
    RC=$?
    echo "  ran: openclaw $* -> exit $RC in $((SECONDS - started))s" | sed "s/$TOKEN/<token>/g"
    ((RC == 124 || RC == 137)) && echo "  (killed by timeout ${CMD_TIMEOUT}s)"
}
show() { # <name>: the command's output, for a failure report
    echo "  --- stdout:"; head -c 3000 "$H/out/$1.out" | sed 's/^/  | /'
    echo "  --- stderr:"; head -c 2000 "$H/out/$1.err" | sed 's/^/  | /'
}
# jcheck <name> <js expression over j (the parsed stdout)>: prints nothing and returns 0 when the expression
# is true; otherwise prints the string it returned (or a generic message) and returns 1.
jcheck() {
    "$CLI" --node -e '
        const fs = require("fs");
        const [file, expr] = process.argv.slice(1);
        let j;
        try { j = JSON.parse(fs.readFileSync(file, "utf8")); }
        catch (e) { console.log("stdout is not JSON (" + e.message + ")"); process.exit(1); }
        let r;
        try { r = new Function("j", "return (" + expr + ");")(j); } catch (e) { r = "check threw: " + e.message; }
        if (r === true) process.exit(0);
        console.log(typeof r === "string" ? r : "check failed: " + expr);
        process.exit(1);' "$H/out/$1.out" "$2"
}
jget() { # <name> <js expression over j>: prints its value
    "$CLI" --node -e '
        const [file, expr] = process.argv.slice(1);
        try { console.log(String(new Function("j", "return (" + expr + ");")(JSON.parse(require("fs").readFileSync(file, "utf8"))))); }
        catch (e) { console.log("?"); }' "$H/out/$1.out" "$2"
}
check() { # <name> <js expression>: PASS/FAIL on exit 0 + the JSON expression
    local name=$1 expr=$2 why
    if ((RC != 0)); then
        fail "$name" "exit status $RC"; show "$name"; return
    fi
    if why=$(jcheck "$name" "$expr"); then pass "$name"; else fail "$name" "$why"; show "$name"; fi
}

cli call-health gateway call health --url "$URL" --token "$TOKEN" --json --timeout "$RPC_TIMEOUT_MS"
check call-health 'j !== null && typeof j === "object" && j.ok === true || "health payload has ok=" + JSON.stringify(j && j.ok) + ", want true"'

cli call-status gateway call status --url "$URL" --token "$TOKEN" --json --timeout "$RPC_TIMEOUT_MS"
check call-status 'j !== null && typeof j === "object" && !Array.isArray(j) && Object.keys(j).length > 0 || "status payload is not a non-empty object: " + JSON.stringify(j).slice(0, 200)'

cli health gateway health --url "$URL" --token "$TOKEN" --timeout "$RPC_TIMEOUT_MS"
if ((RC != 0)); then
    fail health "exit status $RC"; show health
elif grep -Eq '^OK( \([0-9]+ms\))?$' "$H/out/health.out"; then
    pass "health ($(grep -Em1 '^OK' "$H/out/health.out"))"
else
    fail health "no 'OK (<n>ms)' line in the output"; show health
fi

# --port = the same port makes the explicit URL and the "local loopback" target one and the same, so the
# probe does not also knock on the default port 18789.
cli probe gateway probe --url "$URL" --port "$PORT" --token "$TOKEN" --json --timeout "$PROBE_BUDGET_MS"
check probe '(() => {
    const t = (j.targets || []).find((x) => x.id === "explicit");
    if (j.ok !== true) return "probe ok=" + j.ok + " (gateway not reachable)";
    if (!t) return "no explicit target in the probe result";
    if (!t.connect || t.connect.ok !== true) return "connect failed: " + (t.connect && t.connect.error);
    if (t.connect.rpcOk !== true) return "connected, but the read probe (health, status, system-presence, config.get) failed: " + t.connect.error;
    const cap = t.auth && t.auth.capability;
    if (!["read_only", "write_capable", "admin_capable"].includes(cap)) return "capability " + cap + ", want read_only or better";
    return true;
})()'
if ((RC == 0)) && ! why=$(jcheck probe '(() => {
        const t = (j.targets || []).find((x) => x.id === "explicit");
        return !(t && t.connect.rpcOk) || !!t.self || "system-presence has no gateway self entry (mode:\"gateway\", reason:\"self\")";
    })()'); then
    warn probe-self "$why"
fi

WRONG=wrong-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
cli wrong-token gateway call health --url "$URL" --token "$WRONG" --json --timeout "$RPC_TIMEOUT_MS"
if ((RC == 0)); then
    fail wrong-token "gateway call health with a wrong token succeeded"; show wrong-token
elif ((RC == 124 || RC == 137)); then
    fail wrong-token "timed out instead of being refused"; show wrong-token
elif why=$(jcheck wrong-token 'j.ok === false && j.error && j.error.details && j.error.details.code === "AUTH_TOKEN_MISMATCH" || "want error.details.code AUTH_TOKEN_MISMATCH, got " + JSON.stringify(j.error)'); then
    pass "wrong-token (refused: $(jget wrong-token 'j.error.message'))"
else
    fail wrong-token "$why"; show wrong-token
fi

# ---- 4. stop the gateway ----
if [[ -n $GW_PID ]]; then
    kill -TERM "$GW_PID" 2>/dev/null
    if timeout 10 tail --pid="$GW_PID" -f /dev/null; then
        wait "$GW_PID"; rc=$?
        ((rc == 0)) || warn gateway-stop "exited with status $rc after SIGTERM"
    else
        warn gateway-stop "still running 10 s after SIGTERM; killed"
        kill -KILL "$GW_PID" 2>/dev/null; wait "$GW_PID" 2>/dev/null
    fi
    GW_PID=
fi
wait "$DRAIN_PID" 2>/dev/null
DRAIN_PID=

summary_and_exit
