// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

// A real gateway Service for the targets that talk to its port (fuzz_handshake, fuzz_http_body):
// SQLite in a temporary folder, token auth with a known token, listening on 127.0.0.1 at a free
// port, providers pointing at a closed port, short HTTP and handshake timeouts so that an input
// that stops half-way is answered quickly. Created once per process and never destroyed
// (libFuzzer exits from inside its loop).

#include "fuzzsupport.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTemporaryDir>

#include "config/settings.h"
#include "secrets/secretstore.h"
#include "service/service.h"

#include <cstdlib>
#include <functional>

namespace FuzzSupport
{

struct Gateway
{
    QTemporaryDir home;
    std::unique_ptr<::Gateway::Service> service;
    QString token = QStringLiteral("fuzz-token-0123456789abcdef0123456789");
    quint16 port = 0;

    Gateway()
    {
        ::Gateway::Config::Settings settings;
        settings.home = home.path();
        settings.gateway.bind = QStringLiteral("127.0.0.1");
        settings.gateway.port = 0;
        settings.gateway.auth = QStringLiteral("token");
        settings.gateway.token = token;
        settings.gateway.headerTimeoutMs = 200;
        settings.gateway.handshakeTimeoutMs = 2000;
        settings.gateway.maxBodyBytes = 256 * 1024;
        settings.logging.file = false;
        settings.providers.anthropic.enabled = false;
        settings.providers.openai.enabled = false;
        settings.providers.ollama.baseUrl = QStringLiteral("http://127.0.0.1:9");
        auto secrets
            = std::make_shared<::Gateway::Secrets::FileSecretStore>(home.filePath(QStringLiteral("secrets.json")));
        if (!home.isValid() || !secrets->open() || !::Gateway::Service::prepareStorage(settings))
            std::abort();
        service = std::make_unique<::Gateway::Service>(settings, secrets);
        if (!service->start())
            std::abort();
        port = service->port();
    }
};

inline Gateway &gateway()
{
    app();
    static Gateway *instance = new Gateway;
    return *instance;
}

/// Runs the event loop until done() or the deadline; false on the deadline.
inline bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

/// Ten failed logins a minute are free per address, then the address waits (Ws::AuthLimiter,
/// shared by the WebSocket connect and the Bearer token of /v1). A request with the right token
/// clears the address: the targets call this before the limit, so the token checks stay
/// reachable instead of every later input meeting AUTH_RATE_LIMITED.
inline void clearAuthLimiter(Gateway &gw)
{
    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, gw.port);
    socket.write("GET /v1/models HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\nAuthorization: Bearer "
        + gw.token.toUtf8() + "\r\n\r\n");
    if (!runUntil([&] { return closed; }, 10000) || !received.startsWith("HTTP/1.1 ")
        || received.startsWith("HTTP/1.1 401 ") || received.startsWith("HTTP/1.1 429 "))
        std::abort(); // the right token no longer gets in
}

} // namespace FuzzSupport
