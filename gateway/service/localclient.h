// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include "protocol/dispatcher.h"

namespace Gateway
{

/// @brief The answer to one LocalClient::call().
struct LocalReply
{
    bool ok = false;
    QJsonValue payload; ///< the `res` payload (also set on some failures, e.g. `agent`)
    QString errorCode; ///< empty when ok
    QString errorMessage;
};

/// @brief An in-process protocol client: the desktop app's way into the gateway.
///
/// It calls the same methods a WebSocket client calls, through the same Dispatcher, scope checks
/// and role policy, as the owner (the holder of the gateway token: an admin with every scope),
/// without a socket or a token. Run events of the sessions it sent to or read arrive as
/// event(). Created by Service::createLocalClient(); it outlives stop()/start() of the service,
/// and calls made while storage is closed fail with a clear error.
class LocalClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalClient)

public:
    using Callback = std::function<void(const LocalReply &reply)>;

    ~LocalClient() override;

    /// Calls method with params; callback runs later on this thread (never inside call()), and
    /// not at all when this object is destroyed first. Returns the request id.
    QString call(const QString &method, const QJsonObject &params = {}, Callback callback = {});
    const Protocol::ClientSession &session() const { return m_session; }
    /// Emits eventReceived(); called by the service's event routing.
    void deliver(const QString &name, const QJsonObject &payload);

Q_SIGNALS:
    /// A run event (`chat`, `agent`) for a session this client follows.
    void eventReceived(const QString &name, const QJsonObject &payload);

private:
    friend class Service;
    LocalClient(const Protocol::Dispatcher &dispatcher, const QString &displayName, QObject *parent);

    const Protocol::Dispatcher &m_dispatcher;
    Protocol::ClientSession m_session;
    quint64 m_nextId = 1;
};

} // namespace Gateway
