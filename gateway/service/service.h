// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>

#include "config/settings.h"
#include "core/result.h"

namespace Gateway
{

class LocalClient;

namespace Http
{
class Server;
}
namespace Storage
{
class Database;
}
namespace Secrets
{
class SecretStore;
}
namespace Protocol
{
class Dispatcher;
}
namespace Agent
{
class ChatRuntime;
class ProviderPool;
} // namespace Agent
namespace People
{
class Directory;
}
namespace Channels
{
class ChannelManager;
}
namespace Scheduler
{
class Scheduler;
}
namespace Skills
{
class SkillManager;
}
namespace Terminal
{
class Manager;
}

/// @brief Owns everything the gateway is made of: listener, storage, secrets, protocol.
///
/// Both executables build one Service and run an event loop around it; the desktop app exposes
/// its state to QML through app/backend.
class Service final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Service)

public:
    /// secrets is shared with the caller (the bootstrap resolved the gateway token with it).
    Service(Config::Settings settings, std::shared_ptr<Secrets::SecretStore> secrets, QObject *parent = nullptr);
    ~Service() override;

    /// Binds the listener and opens storage: listen() then openStorage(). Fails with a clear
    /// message (port in use, refused non-loopback bind, database newer than this binary, ...) and
    /// leaves the service stopped.
    Status start();
    /// Binds the listener only: /health answers, /readyz says 503 until openStorage() succeeds.
    Status listen();
    /// Opens and migrates the database; the service is ready afterwards.
    Status openStorage();
    /// Creates and migrates the database of these settings, then closes it: the slow part of
    /// openStorage() (file creation, migrations, fsyncs), safe to run on another thread while
    /// the listener already answers /health.
    static Status prepareStorage(const Config::Settings &settings);
    /// Closes every client (with a `shutdown` event) and the listener.
    void stop();

    /// An in-process protocol client acting as the owner (the desktop app's UI). It stays valid
    /// across stop()/start(); calls fail with UNAVAILABLE-style errors while storage is closed.
    LocalClient *createLocalClient(const QString &displayName, QObject *parent = nullptr);

    bool isRunning() const;
    bool isReady() const;
    QHostAddress address() const;
    quint16 port() const;
    /// "ws://127.0.0.1:18789" style URL of the WebSocket endpoint ("wss://" with TLS).
    QString url() const;
    /// Listening with TLS.
    bool isTls() const;
    /// SHA-256 fingerprint of the served certificate ("AB:CD:…"); empty without TLS.
    QString tlsFingerprint() const;
    qint64 uptimeMs() const;
    int clientCount() const;
    const Config::Settings &settings() const;
    Storage::Database *database() const;
    Agent::ProviderPool *providerPool() const;
    Agent::ChatRuntime *chatRuntime() const;
    People::Directory *people() const;
    Channels::ChannelManager *channels() const;
    Scheduler::Scheduler *scheduler() const;
    Skills::SkillManager *skills() const;
    Terminal::Manager *terminal() const;

Q_SIGNALS:
    void runningChanged();
    void readyChanged();
    void clientCountChanged();
    void errorOccurred(const QString &message);

private:
    void recordAuthFailure(const QString &address, const QString &code);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Gateway
