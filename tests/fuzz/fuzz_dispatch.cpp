// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Protocol requests through the dispatcher after connect, as the owner (the widest surface: every
// method is allowed): a real Service with its SQLite database in a temporary folder, providers
// pointing at a closed port. Each input is a frame; a parsed request is dispatched and the event
// loop runs until it is answered (up to a second). The gateway must never crash.
#include "fuzzsupport.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QTemporaryDir>

#include "config/settings.h"
#include "protocol/frames.h"
#include "secrets/secretstore.h"
#include "service/localclient.h"
#include "service/service.h"

#include <cstdlib>

namespace
{

struct World
{
    QTemporaryDir home;
    std::unique_ptr<Gateway::Service> service;
    Gateway::LocalClient *client = nullptr;

    World()
    {
        Gateway::Config::Settings settings;
        settings.home = home.path();
        settings.gateway.bind = QStringLiteral("127.0.0.1");
        settings.gateway.port = 0;
        settings.gateway.auth = QStringLiteral("token");
        settings.gateway.token = QStringLiteral("fuzz-token-0123456789abcdef");
        settings.logging.file = false;
        // Nothing listens there: provider calls fail fast instead of reaching a real service.
        settings.providers.ollama.baseUrl = QStringLiteral("http://127.0.0.1:9");
        auto secrets
            = std::make_shared<Gateway::Secrets::FileSecretStore>(home.filePath(QStringLiteral("secrets.json")));
        if (!secrets->open() || !Gateway::Service::prepareStorage(settings))
            std::abort();
        service = std::make_unique<Gateway::Service>(settings, secrets);
        if (!service->start())
            std::abort();
        client = service->createLocalClient(QStringLiteral("fuzz"));
    }
};

World &world()
{
    static World *w = new World; // never destroyed: libFuzzer exits from inside the loop
    return *w;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzSupport::app();
    World &w = world();
    const auto request = Gateway::Protocol::parseRequest(FuzzSupport::bytes(data, size));
    if (!request)
        return 0;
    auto answered = std::make_shared<bool>(false);
    w.client->call(request->method, request->params, [answered](const Gateway::LocalReply &) { *answered = true; });
    // Methods that stream (chat.send, agent) answer at once and run on; methods that wait on
    // purpose (agent.wait with a timeout) may answer after this input: they are bounded by their
    // own timeouts, and libFuzzer's -timeout catches a real hang.
    const QDeadlineTimer deadline(1000);
    while (!*answered && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return 0;
}
