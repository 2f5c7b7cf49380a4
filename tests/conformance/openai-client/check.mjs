// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// The official OpenAI Node SDK (pinned in package.json) against Skynet's OpenAI-compatible endpoint.
//
//   node check.mjs --base-url http://127.0.0.1:PORT/v1 --api-key TOKEN [--chunk-delay-ms N] [--timeout-ms N]
//
// Expects the gateway's provider to be tests/fakes' fake-provider (default reply "Echo: <last user message>",
// one streamed piece per word, --chunk-delay-ms apart). Prints one "PASS <name>" or "FAIL <name>: <why>"
// line per check (plus indented detail lines); exits 0 only if every check passed. Run by openai_client.sh.
import OpenAI from "openai";

function arg(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const baseURL = arg("--base-url");
const apiKey = arg("--api-key");
const chunkDelayMs = Number(arg("--chunk-delay-ms", "0"));
const timeoutMs = Number(arg("--timeout-ms", "20000"));
if (!baseURL || !apiKey) {
    console.error("usage: node check.mjs --base-url http://127.0.0.1:PORT/v1 --api-key TOKEN");
    process.exit(2);
}

let failed = 0;
const pass = (name, note) => console.log(`PASS ${name}${note ? ` (${note})` : ""}`);
const fail = (name, why) => {
    failed++;
    console.log(`FAIL ${name}: ${why}`);
};
const detail = (label, value) => {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    console.log(`    ${label}: ${String(text).slice(0, 1500)}`);
};
// Everything the SDK can tell about a failed call: class, HTTP status, body, request id.
function describeError(err) {
    if (!(err instanceof Error)) return String(err);
    const parts = [`${err.constructor?.name ?? "Error"}: ${err.message}`];
    if (err.status !== undefined) parts.push(`status=${err.status}`);
    if (err.error !== undefined) parts.push(`body=${JSON.stringify(err.error)}`);
    for (let c = err.cause, depth = 0; c && depth < 3; c = c.cause, depth++)
        parts.push(`cause=${c.code ? `${c.code} ` : ""}${c.message ?? c}`);
    return parts.join(" ");
}
// A check never hangs: the SDK has its own timeout, this is the backstop.
async function bounded(name, fn) {
    let timer;
    const guard = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no result within ${timeoutMs + 5000} ms`)), timeoutMs + 5000);
    });
    try {
        await Promise.race([fn(), guard]);
    } catch (err) {
        fail(name, describeError(err));
    } finally {
        clearTimeout(timer);
    }
}

// maxRetries 0: a failing request must fail the check, not be retried into a pass.
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: timeoutMs });
const messages = [
    { role: "system", content: "You are a terse test assistant." },
    { role: "user", content: "first question" },
    { role: "assistant", content: "first answer" },
    { role: "user", content: "hello from the openai sdk" },
];
const expected = "Echo: hello from the openai sdk";

// (a) non-streaming
await bounded("chat-completion", async () => {
    const { data: completion, response } = await client.chat.completions
        .create({ model: "skynet", messages })
        .withResponse();
    const choice = completion.choices?.[0];
    const text = choice?.message?.content;
    const problems = [];
    if (completion.object !== "chat.completion") problems.push(`object=${JSON.stringify(completion.object)}, want "chat.completion"`);
    if (typeof completion.id !== "string" || !completion.id) problems.push("no id");
    if (text !== expected) problems.push(`content=${JSON.stringify(text)}, want ${JSON.stringify(expected)}`);
    if (choice?.message?.role !== "assistant") problems.push(`role=${JSON.stringify(choice?.message?.role)}`);
    if (choice?.finish_reason !== "stop") problems.push(`finish_reason=${JSON.stringify(choice?.finish_reason)}, want "stop"`);
    const u = completion.usage;
    if (!u || !(u.completion_tokens > 0) || u.total_tokens !== u.prompt_tokens + u.completion_tokens)
        problems.push(`usage=${JSON.stringify(u)} (want completion_tokens > 0 and total = prompt + completion)`);
    if (problems.length) {
        fail("chat-completion", problems.join("; "));
        detail("response body", completion);
    } else {
        const via = [response.headers.get("x-skynet-provider"), response.headers.get("x-skynet-model")].filter(Boolean).join("/");
        pass("chat-completion", `${JSON.stringify(text)}, usage ${u.prompt_tokens}+${u.completion_tokens}${via ? `, via ${via}` : ""}`);
    }
});

// (a2) the system message and the earlier turns reach the model: the fake counts prompt tokens from the size
// of the messages it gets, so the full conversation must cost clearly more than its last user message alone.
// Separate `user` values give both requests fresh sessions, so stored history cannot make up the difference.
await bounded("chat-completion-context", async () => {
    const short = await client.chat.completions.create({ model: "skynet", messages: messages.slice(-1), user: "conf-ctx-short" });
    const full = await client.chat.completions.create({ model: "skynet", messages, user: "conf-ctx-full" });
    const a = short.usage?.prompt_tokens;
    const b = full.usage?.prompt_tokens;
    const answers = [short.choices?.[0]?.message?.content, full.choices?.[0]?.message?.content];
    if (answers.some((t) => t !== expected)) fail("chat-completion-context", `answers ${JSON.stringify(answers)}, want ${JSON.stringify(expected)} twice`);
    else if (!(typeof a === "number" && typeof b === "number" && b >= a + 5))
        fail("chat-completion-context", `prompt_tokens ${a} (last user message only) vs ${b} (system + 3 earlier turns): the earlier messages did not reach the model`);
    else pass("chat-completion-context", `prompt_tokens ${a} -> ${b} with system + history`);
});

// (b) streaming with a usage chunk
await bounded("chat-completion-stream", async () => {
    const stream = await client.chat.completions.create({
        model: "skynet",
        messages,
        stream: true,
        stream_options: { include_usage: true },
    });
    let text = "";
    let contentChunks = 0;
    let firstContentAt = 0;
    let lastContentAt = 0;
    let finishReason = null;
    let usageChunk = null;
    let role = null;
    const ids = new Set();
    const chunks = [];
    for await (const chunk of stream) {
        chunks.push(chunk);
        ids.add(chunk.id);
        if (chunk.object !== "chat.completion.chunk") throw new Error(`chunk object=${JSON.stringify(chunk.object)}`);
        if (chunk.usage) usageChunk = chunk;
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.delta?.role) role = choice.delta.role;
        if (choice.delta?.content) {
            text += choice.delta.content;
            contentChunks++;
            lastContentAt = performance.now();
            if (!firstContentAt) firstContentAt = lastContentAt;
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    const problems = [];
    if (text !== expected) problems.push(`assembled text=${JSON.stringify(text)}, want ${JSON.stringify(expected)}`);
    if (role !== "assistant") problems.push(`no delta.role "assistant" (got ${JSON.stringify(role)})`);
    if (finishReason !== "stop") problems.push(`finish_reason=${JSON.stringify(finishReason)}, want "stop"`);
    if (ids.size !== 1) problems.push(`${ids.size} different chunk ids, want 1`);
    if (!usageChunk) problems.push("no usage chunk although stream_options.include_usage=true");
    else {
        const u = usageChunk.usage;
        if (!Array.isArray(usageChunk.choices) || usageChunk.choices.length !== 0)
            problems.push(`usage chunk has choices=${JSON.stringify(usageChunk.choices)}, want []`);
        if (!(u.completion_tokens > 0) || u.total_tokens !== u.prompt_tokens + u.completion_tokens)
            problems.push(`usage=${JSON.stringify(u)}`);
        if (chunks[chunks.length - 1] !== usageChunk) problems.push("the usage chunk is not the last chunk");
    }
    const words = expected.split(" ").length;
    if (contentChunks < 2) problems.push(`${contentChunks} content chunk(s): the answer was not streamed (the fake sends ${words} pieces)`);
    // With a chunk delay on the fake, the pieces must reach the client spread out, not in one burst at the end.
    const spreadMs = lastContentAt - firstContentAt;
    const wantSpread = chunkDelayMs > 0 ? Math.floor(((words - 1) * chunkDelayMs) / 2) : 0;
    if (contentChunks >= 2 && spreadMs < wantSpread)
        problems.push(`content chunks arrived within ${spreadMs.toFixed(0)} ms, want >= ${wantSpread} ms (fake sends a piece every ${chunkDelayMs} ms): buffered, not streamed`);
    if (problems.length) {
        fail("chat-completion-stream", problems.join("; "));
        detail("chunks", chunks);
    } else {
        pass("chat-completion-stream", `${contentChunks} content chunks over ${spreadMs.toFixed(0)} ms, usage ${usageChunk.usage.prompt_tokens}+${usageChunk.usage.completion_tokens}`);
    }
});

// (c) models
await bounded("models-list", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    if (ids.includes("skynet")) pass("models-list", ids.join(", "));
    else fail("models-list", `"skynet" not in ${JSON.stringify(ids)}`);
});

// (d) wrong key
const wrong = new OpenAI({ baseURL, apiKey: `wrong-${apiKey.slice(0, 4)}`, maxRetries: 0, timeout: timeoutMs });
for (const [name, call] of [
    ["wrong-key-chat", () => wrong.chat.completions.create({ model: "skynet", messages })],
    ["wrong-key-models", () => wrong.models.list()],
]) {
    await bounded(name, async () => {
        try {
            const result = await call();
            fail(name, `succeeded with a wrong key: ${JSON.stringify(result).slice(0, 300)}`);
        } catch (err) {
            if (err instanceof OpenAI.AuthenticationError && err.status === 401) pass(name, `AuthenticationError 401: ${err.message}`);
            else fail(name, `want OpenAI.AuthenticationError (401), got ${describeError(err)}`);
        }
    });
}

process.exit(failed ? 1 : 0);
