// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include "config/settings.h"
#include "http/httprequest.h"
#include "agent/eventbus.h"
#include "ws/authlimiter.h"

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace Gateway::Protocol
{
class Dispatcher;
class GatewayInfo;
struct ClientSession;
} // namespace Gateway::Protocol

namespace Gateway::Ws
{

class Connection;

/// @brief The person a personal access token belongs to.
struct TokenUser
{
    QString userId;
    QString role; ///< admin, user, child
};

/// @brief Shared-secret configuration of the WebSocket endpoint.
struct AuthConfig
{
    QString mode = QStringLiteral("token"); ///< token | password | none
    QString token; ///< the gateway token: the owner (an admin)
    QString password;
    /// Personal access tokens of users (People::Directory); std::nullopt = not a user's token.
    std::function<std::optional<TokenUser>(const QString &token)> userToken;
};

/// @brief All WebSocket clients of the gateway: takes upgraded sockets from the HTTP server,
/// runs the handshake through Connection, sends `tick`s, broadcasts, and shuts clients down.
class Hub final : public QObject, public Agent::EventBus
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Hub)

public:
    Hub(const Config::Settings &settings, const Protocol::Dispatcher &dispatcher, const Protocol::GatewayInfo &info,
        QObject *parent = nullptr);
    ~Hub() override;

    void setAuth(const AuthConfig &auth);
    const AuthConfig &auth() const { return m_auth; }

    /// Takes a socket whose upgrade request head is still unread (from Http::Server).
    void accept(QTcpSocket *socket, const Http::Request &request);

    /// Sockets that completed `connect`.
    int clientCount() const { return m_authenticated; }
    /// Every open WebSocket, authenticated or not.
    int socketCount() const { return int(m_connections.size()); }
    QJsonArray presence(int limit) const;
    /// Sends `event` to every authenticated socket holding requiredScope (empty: all).
    void broadcast(const QString &event, const QJsonValue &payload, const QString &requiredScope = {});
    /// An event for the authenticated clients `accept` says yes to (e.g. admins only).
    void broadcastIf(const QString &event, const QJsonValue &payload,
        const std::function<bool(const Protocol::ClientSession &session)> &accept);
    /// Closes every socket authenticated as this user (a personal token revoked, the user
    /// deleted); returns how many.
    int closeUser(const QString &userId, int code, const QString &reason);
    // Agent::EventBus
    void subscribe(const QString &connId, const QString &sessionKey) override;
    void publish(const QString &sessionKey, const QString &event, const QJsonObject &payload,
        const QJsonObject &payloadV3, const QString &requiredCap = {}) override;

    /// Sends `shutdown` and closes every socket (1012 when a restart is expected, else 1001).
    void shutdown(const QString &reason, int restartExpectedMs = -1);

    // Used by Connection.
    const Config::Settings &settings() const { return m_settings; }
    const Protocol::Dispatcher &dispatcher() const { return m_dispatcher; }
    const Protocol::GatewayInfo &info() const { return m_info; }
    AuthLimiter &authLimiter() { return m_limiter; }
    void connectionAuthenticated(Connection *connection);
    void connectionClosed(Connection *connection);

Q_SIGNALS:
    void clientCountChanged();
    /// A connect was refused for a wrong or missing secret (not for rate limiting): for the
    /// audit log. code is the error code (AUTH_TOKEN_MISMATCH, ...).
    void authenticationFailed(const QString &address, const QString &code);

private:
    void takePending();
    void sendTicks();

    const Config::Settings &m_settings;
    const Protocol::Dispatcher &m_dispatcher;
    const Protocol::GatewayInfo &m_info;
    AuthConfig m_auth;
    AuthLimiter m_limiter;
    QWebSocketServer *m_server;
    QStringList m_allowedOrigins; ///< gateway.allowed_origins, normalised
    QSet<Connection *> m_connections;
    QHash<QString, Connection *> m_byConnId; ///< authenticated sockets
    QHash<QString, QSet<Connection *>> m_subscribers; ///< session key → interested sockets
    QHash<Connection *, QSet<QString>> m_subscriptions; ///< socket → its session keys
    int m_authenticated = 0;
    QTimer m_tickTimer;
    mutable QJsonObject m_selfPresence;
};

} // namespace Gateway::Ws
