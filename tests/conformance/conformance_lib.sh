# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
#
# Shared by openclaw_chat.sh and openai_client.sh (sourced, not run): PASS/FAIL bookkeeping, a throwaway
# folder, and starting fake-provider (Ollama kind) + skynet-gateway on random ports, everything stopped on exit.
#
# The sourcing script sets TITLE (summary heading) and then calls, in order:
#   conf_setup                 throwaway folder $H (mktemp -d), TOKEN, trap for cleanup
#   conf_start_fake [args...]  fake-provider --kind ollama --port 0 [args]; sets FAKE_PORT (or records a FAIL)
#   conf_start_gateway         skynet-gateway on the fake; sets PORT (or records a FAIL)
#   ... its checks with pass/fail/warn ...
#   conf_stop_gateway; conf_summary_and_exit
# Env: SKYNET_CONFORMANCE_KEEP=1 keeps $H and prints its path.

CONF_START_TIMEOUT=${CONF_START_TIMEOUT:-30}   # seconds for a server to print its listening line

RESULTS=()
PASSED=0
FAILED=0
pass() { RESULTS+=("PASS  $1"); PASSED=$((PASSED + 1)); echo "PASS  $1"; }
fail() { RESULTS+=("FAIL  $1: $2"); FAILED=$((FAILED + 1)); echo "FAIL  $1: $2"; }
warn() { RESULTS+=("WARN  $1: $2"); echo "WARN  $1: $2"; }

# If this script is killed outright (SIGKILL, e.g. a ctest timeout), its servers die with it.
PDEATH=()
setpriv --help 2>/dev/null | grep -q -- --pdeathsig && PDEATH=(setpriv --pdeathsig KILL)

H=
TOKEN=
GW_PID=
FAKE_PID=
DRAIN_PIDS=()

conf_kill() { # <pid>: SIGTERM, up to 5 s, then SIGKILL; reaps it
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    timeout 5 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

conf_cleanup() {
    conf_kill "$GW_PID"; GW_PID=
    conf_kill "$FAKE_PID"; FAKE_PID=
    local p
    for p in "${DRAIN_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    DRAIN_PIDS=()
    [[ -n $H && -d $H ]] || return 0
    if [[ ${SKYNET_CONFORMANCE_KEEP:-0} == 1 ]]; then
        echo "kept $H"
    else
        rm -rf "$H"
    fi
}

conf_setup() {
    H=$(mktemp -d "${TMPDIR:-/tmp}/skynet-conformance.XXXXXX")
    trap conf_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
    mkdir -p "$H/skynet" "$H/out"
}

# conf_start_server <name> <regex with one group = port> <pid var> <port var> <cmd...>: runs cmd with stdout
# into a fifo, reads lines until the regex matches (bounded by CONF_START_TIMEOUT), then keeps draining stdout
# into $H/<name>.out. stderr goes to $H/<name>.err. Returns 1 (after a FAIL) when it did not start.
conf_start_server() {
    local name=$1 regex=$2 pidvar=$3 portvar=$4; shift 4
    local fifo=$H/$name.fifo line left rc deadline pid port=
    mkfifo "$fifo"
    "${PDEATH[@]}" "$@" >"$fifo" 2>"$H/$name.err" </dev/null &
    pid=$!
    printf -v "$pidvar" '%s' "$pid"
    exec 3<"$fifo"
    deadline=$((SECONDS + CONF_START_TIMEOUT))
    while :; do
        left=$((deadline - SECONDS))
        if ((left <= 0)); then
            fail "$name-start" "no listening line on stdout within ${CONF_START_TIMEOUT}s"
            break
        fi
        if IFS= read -r -t "$left" line <&3; then
            printf '%s\n' "$line" >>"$H/$name.out"
            if [[ $line =~ $regex ]]; then
                port=${BASH_REMATCH[1]}
                break
            fi
        elif ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid"; rc=$?
            fail "$name-start" "$name exited with status $rc before listening"
            printf -v "$pidvar" '%s' ""
            break
        fi
    done
    cat <&3 >>"$H/$name.out" &
    DRAIN_PIDS+=($!)
    exec 3<&-
    if [[ -z $port ]]; then
        echo "  --- $name stderr (tail):"; tail -n 20 "$H/$name.err" 2>/dev/null | sed 's/^/  | /'
        return 1
    fi
    printf -v "$portvar" '%s' "$port"
    pass "$name-start (port $port)"
}

conf_start_fake() { # [extra fake-provider args...]
    conf_start_server fake 'listening on http://127\.0\.0\.1:([0-9]+)' FAKE_PID FAKE_PORT \
        "$FAKE" --kind ollama --port 0 "$@"
}

conf_start_gateway() {
    # Only the (fake) Ollama provider: hosted providers off, fixed routing to ollama.
    conf_start_server gateway 'Skynet gateway listening on ws://127\.0\.0\.1:([0-9]+)' GW_PID PORT \
        env SKYNET_GATEWAY_TOKEN="$TOKEN" \
            SKYNET_PROVIDERS_OLLAMA_BASE_URL="http://127.0.0.1:$FAKE_PORT" \
            SKYNET_PROVIDERS_ANTHROPIC_ENABLED=false SKYNET_PROVIDERS_OPENAI_ENABLED=false \
            SKYNET_ROUTING_MODE=fixed SKYNET_ROUTING_STANDARD=ollama \
            "$GATEWAY" --home "$H/skynet" --port 0
}

conf_stop_gateway() {
    [[ -n $GW_PID ]] || return 0
    kill -TERM "$GW_PID" 2>/dev/null
    if timeout 10 tail --pid="$GW_PID" -f /dev/null; then
        wait "$GW_PID"; local rc=$?
        ((rc == 0)) || warn gateway-stop "exited with status $rc after SIGTERM"
    else
        warn gateway-stop "still running 10 s after SIGTERM; killed"
        kill -KILL "$GW_PID" 2>/dev/null; wait "$GW_PID" 2>/dev/null
    fi
    GW_PID=
}

conf_summary_and_exit() {
    echo
    echo "==== $TITLE summary"
    local r
    for r in "${RESULTS[@]}"; do echo "  $r"; done
    if ((FAILED > 0)) && [[ -n $H && -d $H ]]; then
        echo "---- gateway stderr (tail) ----"; tail -n 60 "$H/gateway.err" 2>/dev/null
        echo "---- fake-provider stderr (tail) ----"; tail -n 20 "$H/fake.err" 2>/dev/null
    fi
    echo "${PASSED} passed, ${FAILED} failed"
    ((FAILED == 0)) && exit 0
    exit 1
}
