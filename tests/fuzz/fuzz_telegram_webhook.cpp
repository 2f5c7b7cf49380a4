// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Telegram webhook bodies: any bytes POSTed to the channel's webhook route with the right secret
// header (so the body parser, not the secret check, is what runs).
#include "fuzzsupport.h"

#include "channels/telegramchannel.h"
#include "http/httprequest.h"
#include "http/router.h"

namespace
{
const QString SECRET = QStringLiteral("fuzz-webhook-secret");
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Gateway;
    FuzzSupport::app();
    static Channels::TelegramChannel *channel = [] {
        Channels::TelegramChannel::Options options;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
        options.token = QStringLiteral("123456:fuzz");
        options.webhook = true;
        options.webhookUrl = QUrl(QStringLiteral("https://example.invalid/webhooks/telegram"));
        options.webhookSecret = SECRET;
        return new Channels::TelegramChannel(options);
    }();
    static Http::Router *router = [] {
        auto *r = new Http::Router;
        channel->registerRoutes(*r);
        return r;
    }();
    Http::Request request;
    request.method = "POST";
    request.target = "/webhooks/telegram";
    request.path = QStringLiteral("/webhooks/telegram");
    request.headers
        = { { "content-type", "application/json" }, { "x-telegram-bot-api-secret-token", SECRET.toUtf8() } };
    request.body = FuzzSupport::bytes(data, size);
    request.peer = QStringLiteral("127.0.0.1");
    (void)router->route(request);
    return 0;
}
