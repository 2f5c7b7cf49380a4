// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The OpenAI Chat Completions stream through the real OpenAiProvider (fuzzupstream.h):
// chunks with choices[].delta content and tool_calls fragments (by index), finish_reason, the
// usage chunk, [DONE], error objects and anything else.
#include "fuzzupstream.h"

#include "providers/openaiprovider.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Gateway::Providers;
    static OpenAiProvider *provider = [] {
        ProviderConfig config;
        config.id = QStringLiteral("openai");
        config.kind = QStringLiteral("openai");
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(FuzzSupport::upstream().serverPort()));
        config.apiKey = FuzzSupport::UPSTREAM_KEY;
        return new OpenAiProvider(config);
    }();
    FuzzSupport::fuzzStream(data, size, [] {
        ChatRequest request;
        request.model = QStringLiteral("gpt-fuzz");
        request.messages = { ChatMessage { ChatMessage::Role::User, QStringLiteral("hi"), {}, {}, {}, false } };
        return provider->chat(request, nullptr);
    });
    return 0;
}
