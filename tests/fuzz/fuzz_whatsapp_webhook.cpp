// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// WhatsApp Cloud API webhook bodies: any bytes POSTed with a valid X-Hub-Signature-256 (so the
// notification parser runs, not only the signature check); the first byte decides whether the
// signature is valid, so the refusal path is exercised too.
#include "fuzzsupport.h"

#include "channels/whatsappchannel.h"
#include "http/httprequest.h"
#include "http/router.h"

namespace
{
const QByteArray SECRET = QByteArrayLiteral("fuzz-app-secret");
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Gateway;
    if (size < 1)
        return 0;
    FuzzSupport::app();
    static Channels::WhatsAppChannel *channel = [] {
        Channels::WhatsAppChannel::Options options;
        options.graphBase = QUrl(QStringLiteral("http://127.0.0.1:9"));
        options.phoneNumberId = QStringLiteral("1234567890");
        options.accessToken = QStringLiteral("fuzz-access-token");
        options.appSecret = QString::fromLatin1(SECRET);
        options.verifyToken = QStringLiteral("fuzz-verify");
        return new Channels::WhatsAppChannel(options);
    }();
    static Http::Router *router = [] {
        auto *r = new Http::Router;
        channel->registerRoutes(*r);
        return r;
    }();
    Http::Request request;
    request.method = "POST";
    request.target = "/webhooks/whatsapp";
    request.path = QStringLiteral("/webhooks/whatsapp");
    request.body = FuzzSupport::bytes(data + 1, size - 1);
    const QByteArray signature
        = data[0] & 1 ? Channels::WhatsAppChannel::signature(request.body, SECRET) : QByteArrayLiteral("sha256=00");
    request.headers = { { "content-type", "application/json" }, { "x-hub-signature-256", signature } };
    request.peer = QStringLiteral("127.0.0.1");
    (void)router->route(request);
    return 0;
}
