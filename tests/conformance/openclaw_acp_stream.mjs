// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// Streams one chat turn through the real OpenClaw CLI without a terminal: `openclaw acp` is the CLI's
// Agent Client Protocol bridge (JSON-RPC 2.0, one JSON object per line on stdio) and forwards a prompt to
// the gateway as `chat.send`, relaying the gateway's `chat` delta events as `agent_message_chunk` updates.
//
//   node openclaw_acp_stream.mjs --cli scripts/openclaw-cli.sh --url ws://127.0.0.1:PORT --token-file F \
//        --session agent:main:conf-acp --message "hello acp stream" --expect "Echo: hello acp stream" \
//        [--chunk-delay-ms N] [--timeout-ms N] [--log FILE]
//
// Prints "PASS <name>" / "FAIL <name>: <why>" lines (acp-initialize, acp-session-new, acp-stream); exits 0 only
// if all passed. --log receives every JSON-RPC line in both directions and the bridge's stderr.
import { spawn } from "node:child_process";
import fs from "node:fs";
import readline from "node:readline";

function arg(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const cli = arg("--cli");
const url = arg("--url");
const tokenFile = arg("--token-file");
const session = arg("--session", "agent:main:conf-acp");
const message = arg("--message", "hello acp stream");
const expected = arg("--expect", `Echo: ${message}`);
const chunkDelayMs = Number(arg("--chunk-delay-ms", "0"));
// The bridge loads much of the CLI before it answers `initialize` (seconds; far more on a loaded machine).
const timeoutMs = Number(arg("--timeout-ms", "150000"));
const logFile = arg("--log");
if (!cli || !url || !tokenFile) {
    console.error("usage: node openclaw_acp_stream.mjs --cli openclaw-cli.sh --url ws://... --token-file FILE");
    process.exit(2);
}
const log = logFile ? fs.createWriteStream(logFile, { flags: "a" }) : null;
const t0 = performance.now();
const stamp = () => `+${(performance.now() - t0).toFixed(0)}ms`;

let failed = 0;
const pass = (name, note) => console.log(`PASS ${name}${note ? ` (${note})` : ""}`);
const fail = (name, why) => {
    failed++;
    console.log(`FAIL ${name}: ${why}`);
};

// --no-prefix-cwd: otherwise the bridge prepends "[Working directory: <cwd>]\n\n" to the prompt text.
const child = spawn("bash", [cli, "acp", "--url", url, "--token-file", tokenFile, "--session", session, "--no-prefix-cwd"], {
    stdio: ["pipe", "pipe", "pipe"],
});
let exited = null;
child.on("exit", (code, signal) => {
    exited = { code, signal };
    log?.write(`${stamp()} bridge exited code=${code} signal=${signal}\n`);
    for (const [, p] of pending) p.reject(new Error(`the ACP bridge exited (code ${code}, signal ${signal})`));
    pending.clear();
});
child.stderr.on("data", (d) => log?.write(`${stamp()} stderr ${d}`));

let nextId = 0;
const pending = new Map();
const updates = [];
const rl = readline.createInterface({ input: child.stdout });
rl.on("line", (line) => {
    log?.write(`${stamp()} << ${line}\n`);
    let m;
    try {
        m = JSON.parse(line);
    } catch {
        return; // not protocol output
    }
    if (m.method === "session/update") {
        updates.push({ at: performance.now(), update: m.params?.update ?? {} });
    } else if (m.method !== undefined && m.id !== undefined) {
        // A request from the bridge (e.g. session/request_permission): this client offers nothing.
        send({ jsonrpc: "2.0", id: m.id, error: { code: -32601, message: `not supported by this test client: ${m.method}` } });
    } else if (m.id !== undefined && pending.has(m.id)) {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) p.reject(new Error(`JSON-RPC error ${JSON.stringify(m.error)}`));
        else p.resolve(m.result);
    }
});
function send(obj) {
    const line = JSON.stringify(obj);
    log?.write(`${stamp()} >> ${line}\n`);
    child.stdin.write(line + "\n");
}
function call(method, params, ms) {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
        if (exited) return reject(new Error(`the ACP bridge exited (code ${exited.code}, signal ${exited.signal})`));
        const timer = setTimeout(() => {
            pending.delete(id);
            reject(new Error(`no answer to ${method} within ${ms} ms`));
        }, ms);
        pending.set(id, {
            resolve: (v) => (clearTimeout(timer), resolve(v)),
            reject: (e) => (clearTimeout(timer), reject(e)),
        });
        send({ jsonrpc: "2.0", id, method, params });
    });
}
async function stopBridge() {
    if (exited) return;
    child.stdin.end();
    child.kill("SIGTERM");
    await new Promise((resolve) => {
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            resolve();
        }, 5000);
        child.on("exit", () => (clearTimeout(timer), resolve()));
    });
}

async function run() {
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(1000, deadline - Date.now());
    let sessionId;
    try {
        const init = await call("initialize", {
            protocolVersion: 1,
            clientCapabilities: { fs: { readTextFile: false, writeTextFile: false }, terminal: false },
        }, left());
        pass("acp-initialize", `${init?.agentInfo?.name ?? "?"} ${init?.agentInfo?.version ?? ""}, protocol ${init?.protocolVersion} after ${stamp()}`);
    } catch (err) {
        fail("acp-initialize", err.message);
        return;
    }
    try {
        const created = await call("session/new", { cwd: process.cwd(), mcpServers: [] }, Math.min(left(), 30000));
        sessionId = created?.sessionId;
        if (!sessionId) throw new Error(`no sessionId in ${JSON.stringify(created).slice(0, 300)}`);
        pass("acp-session-new", `bound to ${session}`);
    } catch (err) {
        fail("acp-session-new", err.message);
        return;
    }
    const from = updates.length;
    let result;
    try {
        result = await call("session/prompt", { sessionId, prompt: [{ type: "text", text: message }] }, Math.min(left(), 60000));
    } catch (err) {
        fail("acp-stream", `session/prompt: ${err.message}`);
        return;
    }
    const chunks = updates.slice(from).filter((u) => u.update.sessionUpdate === "agent_message_chunk");
    const text = chunks.map((u) => u.update.content?.text ?? "").join("");
    const problems = [];
    if (result?.stopReason !== "end_turn") problems.push(`stopReason=${JSON.stringify(result?.stopReason)}, want "end_turn"`);
    if (text !== expected) problems.push(`streamed text=${JSON.stringify(text)}, want ${JSON.stringify(expected)}`);
    const words = expected.split(" ").length;
    if (chunks.length < 2) problems.push(`${chunks.length} agent_message_chunk update(s): not streamed (the fake sends ${words} pieces)`);
    const spread = chunks.length >= 2 ? chunks[chunks.length - 1].at - chunks[0].at : 0;
    const wantSpread = chunkDelayMs > 0 ? Math.floor(((words - 1) * chunkDelayMs) / 2) : 0;
    if (chunks.length >= 2 && spread < wantSpread)
        problems.push(`chunks arrived within ${spread.toFixed(0)} ms, want >= ${wantSpread} ms (fake sends a piece every ${chunkDelayMs} ms)`);
    if (problems.length) fail("acp-stream", problems.join("; "));
    else pass("acp-stream", `${JSON.stringify(text)} in ${chunks.length} agent_message_chunk updates over ${spread.toFixed(0)} ms`);
}

const guard = setTimeout(() => {
    fail("acp", `overall timeout ${timeoutMs + 10000} ms`);
    child.kill("SIGKILL");
    process.exit(1);
}, timeoutMs + 10000);
await run();
await stopBridge();
clearTimeout(guard);
log?.end();
process.exit(failed ? 1 : 0);
