// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The Anthropic Messages API stream through the real AnthropicProvider (fuzzupstream.h):
// message_start, content blocks (text, tool_use with input_json_delta), message_delta with stop
// reason and usage, message_stop, error events, pings and unknown events.
#include "fuzzupstream.h"

#include "providers/anthropicprovider.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Gateway::Providers;
    static AnthropicProvider *provider = [] {
        ProviderConfig config;
        config.id = QStringLiteral("anthropic");
        config.kind = QStringLiteral("anthropic");
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(FuzzSupport::upstream().serverPort()));
        config.apiKey = FuzzSupport::UPSTREAM_KEY;
        return new AnthropicProvider(config);
    }();
    FuzzSupport::fuzzStream(data, size, [] {
        ChatRequest request;
        request.model = QStringLiteral("claude-fuzz");
        request.messages = { ChatMessage { ChatMessage::Role::User, QStringLiteral("hi"), {}, {}, {}, false } };
        return provider->chat(request, nullptr);
    });
    return 0;
}
