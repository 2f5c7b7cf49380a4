#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
#
# Conformance: chat through skynet-gateway with the real OpenClaw CLI (pinned, see scripts/openclaw-cli.sh).
#
#   bash tests/conformance/openclaw_chat.sh build/bin/skynet-gateway build/tests/fakes/fake-provider
#
# Starts fake-provider (Ollama kind; answers "Echo: <last user message>", one streamed piece per word) and
# the gateway on random ports in a throwaway home, then with the CLI:
#   openclaw agent --session-key ... --message ...        (OPENCLAW_GATEWAY_URL/TOKEN; `agent`, two-phase)
#   openclaw agent --agent main --message ... --json       (the final response payload)
#   openclaw gateway call chat.send --params {...}         (ack), then chat.history polled until the answer is there
#   the same chat.send again (same idempotencyKey)         (must not start a second run)
#   openclaw acp  (stdio JSON-RPC bridge, driven by openclaw_acp_stream.mjs)  (streamed answer, chunk by chunk)
# Prints PASS/FAIL per check and "N passed, N failed"; exits non-zero on any failure. See NOTES.md.
# Env: SKYNET_CACHE_DIR (CLI install cache, default ~/.cache/skynet), SKYNET_SKIP_CONFORMANCE=1 (exit 77 = skip),
#      SKYNET_CONFORMANCE_KEEP=1 (keep the throwaway folder and print its path).
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
# Fix the cache location before HOME is pointed at the throwaway folder below.
export SKYNET_CACHE_DIR=${SKYNET_CACHE_DIR:-${HOME:-/tmp}/.cache/skynet}
# shellcheck source=conformance_lib.sh
source "$HERE/conformance_lib.sh"
TITLE="OpenClaw CLI chat conformance ($("$CLI" --version 2>/dev/null || echo 'openclaw ?') vs $(basename "$GATEWAY"))"

CMD_TIMEOUT=90          # seconds, hard limit per CLI command
RPC_TIMEOUT_MS=15000    # `gateway call --timeout`
AGENT_TIMEOUT_S=60      # `agent --timeout` (the CLI waits that + 30 s for the final response)
HISTORY_WAIT=60         # seconds to poll chat.history for the answer
ACP_TIMEOUT_MS=150000   # the ACP bridge start-up is slow on a loaded 2-core machine
CHUNK_DELAY_MS=40       # fake-provider delay between streamed pieces

# ---- 1. the CLI (first run installs it; the ctest TIMEOUT bounds this) ----
if ! "$CLI" --install-only; then
    fail install "scripts/openclaw-cli.sh --install-only failed"
    conf_summary_and_exit
fi

# ---- 2. fake provider + gateway ----
conf_setup
mkdir -p "$H/cli/home" "$H/cli/state"
conf_start_fake --chunk-delay-ms "$CHUNK_DELAY_MS" || conf_summary_and_exit
conf_start_gateway || conf_summary_and_exit
URL=ws://127.0.0.1:$PORT
printf '%s\n' "$TOKEN" >"$H/cli/token"
chmod 600 "$H/cli/token"

# ---- 3. the CLI commands ----
cli() { # <name> <args...>: runs the CLI, output in $H/out/<name>.{out,err}, sets RC
    local name=$1; shift
    local started=$SECONDS
    HOME=$H/cli/home OPENCLAW_STATE_DIR=$H/cli/state OPENCLAW_LOG_LEVEL=silent OPENCLAW_DISABLE_BONJOUR=1 NO_COLOR=1 \
        timeout -k 5 "$CMD_TIMEOUT" "$CLI" "$@" <&- >"$H/out/$name.out" 2>"$H/out/$name.err"
    RC=$?
    echo "  ran: openclaw $* -> exit $RC in $((SECONDS - started))s" | sed "s/$TOKEN/<token>/g"
    ((RC == 124 || RC == 137)) && echo "  (killed by timeout ${CMD_TIMEOUT}s)"
    return 0
}
show() { # <name>: the command's output, for a failure report
    echo "  --- stdout:"; head -c 3000 "$H/out/$1.out" | sed 's/^/  | /'
    echo "  --- stderr:"; head -c 2000 "$H/out/$1.err" | sed "s/$TOKEN/<token>/g; s/^/  | /"
}
# jcheck <name> <js expression over j (the parsed stdout)>: returns 0 when the expression is true; otherwise
# prints the string it returned (or a generic message) and returns 1.
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
jget() { # <name> <js expression over j>: prints its value ("?" when stdout is not JSON)
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
uuid() { cat /proc/sys/kernel/random/uuid; }

# 3a. `openclaw agent` has no --url/--token: it takes the gateway from OPENCLAW_GATEWAY_URL (+ _TOKEN), which
#     also makes it treat the gateway as remote. Plain output = the final answer text only.
OPENCLAW_GATEWAY_URL=$URL OPENCLAW_GATEWAY_TOKEN=$TOKEN \
    cli agent agent --session-key agent:main:conf-agent --message "hello agent" --timeout "$AGENT_TIMEOUT_S"
if ((RC != 0)); then
    fail agent "exit status $RC"; show agent
elif [[ $(<"$H/out/agent.out") == "Echo: hello agent" ]]; then
    pass "agent (printed \"$(<"$H/out/agent.out")\")"
else
    fail agent "stdout is not exactly the fake's answer \"Echo: hello agent\""; show agent
fi

OPENCLAW_GATEWAY_URL=$URL OPENCLAW_GATEWAY_TOKEN=$TOKEN \
    cli agent-json agent --agent main --message "hello json" --timeout "$AGENT_TIMEOUT_S" --json
check agent-json '(() => {
    if (j.status !== "ok") return "status=" + JSON.stringify(j.status) + ", want \"ok\"";
    const p = j.result && j.result.payloads;
    if (!Array.isArray(p) || !p.length) return "no result.payloads";
    if (p.map((x) => x.text).join("") !== "Echo: hello json") return "payload text " + JSON.stringify(p.map((x) => x.text)) + ", want \"Echo: hello json\"";
    if (typeof j.runId !== "string" || !j.runId) return "no runId";
    return true;
})()'

# 3b. chat.send: acknowledged at once; the answer lands in the transcript.
IDEM=$(uuid)
SEND_PARAMS="{\"sessionKey\":\"conf\",\"message\":\"hello\",\"idempotencyKey\":\"$IDEM\"}"
cli chat-send gateway call chat.send --url "$URL" --token "$TOKEN" --json --timeout "$RPC_TIMEOUT_MS" --params "$SEND_PARAMS"
check chat-send '(() => {
    if (typeof j.runId !== "string" || !j.runId) return "no runId in " + JSON.stringify(j);
    if (j.status !== "started" && j.status !== "ok") return "status=" + JSON.stringify(j.status) + ", want \"started\"";
    return true;
})()'
if ((RC == 0)) && ! jcheck chat-send "j.runId === \"$IDEM\"" >/dev/null; then
    warn chat-send-runid "runId is not the idempotencyKey (the reference gateway uses runId = idempotencyKey)"
fi

# History: poll (bounded) until the assistant answer for this run is there.
HISTORY_OK='(() => {
    const msgs = Array.isArray(j.messages) ? j.messages : [];
    const text = (m) => typeof m.content === "string" ? m.content
        : Array.isArray(m.content) ? m.content.filter((p) => p && p.type === "text").map((p) => p.text).join("") : "";
    const u = msgs.findIndex((m) => m.role === "user" && text(m) === "hello");
    if (u < 0) return "no user message \"hello\" in " + msgs.length + " messages";
    const a = msgs.findIndex((m, i) => i > u && m.role === "assistant" && text(m) === "Echo: hello");
    if (a < 0) return "user message there, no assistant \"Echo: hello\" after it (yet)";
    return true;
})()'
deadline=$((SECONDS + HISTORY_WAIT))
polls=0
while :; do
    polls=$((polls + 1))
    cli chat-history gateway call chat.history --url "$URL" --token "$TOKEN" --json --timeout "$RPC_TIMEOUT_MS" \
        --params '{"sessionKey":"conf"}'
    why=
    if ((RC == 0)) && why=$(jcheck chat-history "$HISTORY_OK"); then
        pass "chat-history (user + assistant answer after $polls poll(s))"
        break
    fi
    if ((SECONDS >= deadline)); then
        fail chat-history "${why:-exit status $RC} (after $polls polls, ${HISTORY_WAIT}s)"; show chat-history
        break
    fi
    sleep 0.2
done

# 3c. The same idempotencyKey again: the same run, not a second one (spec §6).
cli chat-send-again gateway call chat.send --url "$URL" --token "$TOKEN" --json --timeout "$RPC_TIMEOUT_MS" --params "$SEND_PARAMS"
RUN1=$(jget chat-send 'JSON.stringify(j.runId) || "null"')
check chat-send-again "j.runId === $RUN1 || \"runId \" + JSON.stringify(j.runId) + \", want the first send's \" + $RUN1"
cli chat-history-again gateway call chat.history --url "$URL" --token "$TOKEN" --json --timeout "$RPC_TIMEOUT_MS" \
    --params '{"sessionKey":"conf"}'
check chat-history-again '(() => {
    const n = (j.messages || []).filter((m) => m.role === "user").length;
    return n === 1 || n + " user messages after sending the same idempotencyKey twice, want 1";
})()'

# 3d. Streaming with the CLI, non-interactively: the ACP bridge (`openclaw acp`) over stdio.
started=$SECONDS
HOME=$H/cli/home OPENCLAW_STATE_DIR=$H/cli/state OPENCLAW_LOG_LEVEL=silent OPENCLAW_DISABLE_BONJOUR=1 NO_COLOR=1 \
    timeout -k 5 $((ACP_TIMEOUT_MS / 1000 + 30)) "$CLI" --node "$HERE/openclaw_acp_stream.mjs" \
    --cli "$CLI" --url "$URL" --token-file "$H/cli/token" --session agent:main:conf-acp \
    --message "hello acp stream" --expect "Echo: hello acp stream" --chunk-delay-ms "$CHUNK_DELAY_MS" \
    --timeout-ms "$ACP_TIMEOUT_MS" --log "$H/out/acp.log" <&- >"$H/out/acp.out" 2>"$H/out/acp.err"
RC=$?
echo "  ran: openclaw acp (via openclaw_acp_stream.mjs) -> exit $RC in $((SECONDS - started))s"
while IFS= read -r line; do
    case $line in
        "PASS "*) pass "${line#PASS }" ;;
        "FAIL "*) name=${line#FAIL }; fail "${name%%: *}" "${name#*: }" ;;
    esac
done <"$H/out/acp.out"
if ((RC != 0)) && ! grep -q '^FAIL ' "$H/out/acp.out"; then
    fail acp "driver exited with status $RC without a FAIL line"
fi
if ((RC != 0)); then
    echo "  --- driver stderr:"; head -c 2000 "$H/out/acp.err" | sed 's/^/  | /'
    echo "  --- ACP traffic (tail):"; tail -n 30 "$H/out/acp.log" 2>/dev/null | cut -c1-400 | sed "s/$TOKEN/<token>/g; s/^/  | /"
fi

# ---- 4. stop ----
conf_stop_gateway
conf_summary_and_exit
