// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "ws/hub.h"

#include <QHostAddress>
#include <QSysInfo>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

#include "core/network.h"
#include "http/httprequest.h"
#include "http/origin.h"
#include "logging.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "protocol/methods.h"
#include "ws/connection.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Ws
{

namespace
{

void refuse(QTcpSocket *socket, int status, const QString &message)
{
    socket->write(Http::serializeResponse(Http::Response::error(status, message), false, false));
    socket->disconnectFromHost();
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace

Hub::Hub(const Config::Settings &settings, const Protocol::Dispatcher &dispatcher, const Protocol::GatewayInfo &info,
    QObject *parent)
    : QObject(parent),
      m_settings(settings),
      m_dispatcher(dispatcher),
      m_info(info),
      m_server(new QWebSocketServer(u"Skynet"_s, QWebSocketServer::NonSecureMode, this)),
      m_allowedOrigins(Http::parseOriginList(settings.gateway.allowedOrigins))
{
    m_server->setMaxPendingConnections(1 << 20);
    m_server->setHandshakeTimeout(settings.gateway.headerTimeoutMs);
    connect(m_server, &QWebSocketServer::newConnection, this, &Hub::takePending);

    m_tickTimer.setInterval(settings.gateway.tickIntervalMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &Hub::sendTicks);
}

Hub::~Hub()
{
    // Sockets (and their Connection children) go with m_server's or our children; make sure no
    // Connection calls back into a half-destroyed hub.
    const QSet<Connection *> connections = m_connections;
    m_connections.clear();
    for (Connection *connection : connections)
        delete connection;
}

void Hub::setAuth(const AuthConfig &auth)
{
    m_auth = auth;
}

void Hub::accept(QTcpSocket *socket, const Http::Request &request)
{
    // Browsers send Origin; CLIs do not. A browser page may connect from the gateway's own
    // origin, from gateway.allowed_origins, or from a loopback page while bound to loopback.
    if (!Http::originAllowed(request, m_allowedOrigins, isLoopbackHost(m_settings.gateway.bind))) {
        qCWarning(lcGatewayWs).noquote() << "refused WebSocket from" << request.peer << "with Origin"
                                         << QString::fromLatin1(request.header("origin").left(200));
        refuse(socket, 403, u"origin not allowed"_s);
        return;
    }
    if (m_connections.size() >= m_settings.gateway.maxConnections) {
        qCWarning(lcGatewayWs) << "WebSocket limit reached (" << m_settings.gateway.maxConnections << "); refusing"
                               << request.peer;
        refuse(socket, 503, u"too many connections"_s);
        return;
    }
    // QWebSocketServer reads the (still unread) request head and answers the handshake.
    socket->setParent(nullptr);
    m_server->handleConnection(socket);
}

void Hub::takePending()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        auto *connection = new Connection(this, socket);
        m_connections.insert(connection);
    }
}

void Hub::connectionAuthenticated(Connection *connection)
{
    if (!m_connections.contains(connection))
        return;
    m_byConnId.insert(connection->session().connId, connection);
    ++m_authenticated;
    if (m_authenticated == 1 && !m_tickTimer.isActive())
        m_tickTimer.start();
    Q_EMIT clientCountChanged();
}

void Hub::connectionClosed(Connection *connection)
{
    if (!m_connections.remove(connection))
        return;
    m_byConnId.remove(connection->session().connId);
    for (const QString &key : m_subscriptions.take(connection)) {
        auto it = m_subscribers.find(key);
        if (it != m_subscribers.end()) {
            it->remove(connection);
            if (it->isEmpty())
                m_subscribers.erase(it);
        }
    }
    if (connection->isAuthenticated()) {
        --m_authenticated;
        if (m_authenticated == 0)
            m_tickTimer.stop();
        Q_EMIT clientCountChanged();
    }
}

QJsonArray Hub::presence(int limit) const
{
    // The gateway's own entry never changes; QSysInfo reads files, so build it once.
    if (m_selfPresence.isEmpty()) {
        const QString version = Protocol::serverVersion();
        const QString host = QSysInfo::machineHostName();
        m_selfPresence = QJsonObject {
            { u"host"_s, host },
            { u"version"_s, version },
            { u"platform"_s, QString(QSysInfo::kernelType() + u' ' + QSysInfo::kernelVersion()) },
            { u"deviceFamily"_s, QSysInfo::productType() },
            { u"mode"_s, u"gateway"_s },
            { u"reason"_s, u"self"_s },
            { u"text"_s, u"Gateway: %1 · %2"_s.arg(host, version) },
            { u"ts"_s, m_info.startedAtMs() },
        };
    }
    QJsonArray entries { m_selfPresence };
    for (const Connection *connection : m_connections) {
        if (entries.size() >= limit)
            break;
        if (!connection->isAuthenticated())
            continue;
        const Protocol::ClientSession &s = connection->session();
        QJsonObject entry {
            { u"ts"_s, s.connectedAtMs },
            { u"ip"_s, s.remoteAddress },
            { u"version"_s, s.clientVersion },
            { u"platform"_s, s.platform },
            { u"mode"_s, s.mode },
            { u"reason"_s, u"connect"_s },
            { u"text"_s, u"%1 (%2)"_s.arg(s.displayName.isEmpty() ? s.clientId : s.displayName, s.mode) },
            { u"roles"_s, QJsonArray { s.role } },
            { u"scopes"_s, QJsonArray::fromStringList(s.scopes) },
        };
        if (!s.deviceFamily.isEmpty())
            entry.insert(u"deviceFamily"_s, s.deviceFamily);
        if (!s.instanceId.isEmpty())
            entry.insert(u"instanceId"_s, s.instanceId);
        entries.append(entry);
    }
    return entries;
}

void Hub::broadcast(const QString &event, const QJsonValue &payload, const QString &requiredScope)
{
    // Copy: a send may drop a slow consumer, which edits m_connections.
    const QSet<Connection *> connections = m_connections;
    for (Connection *connection : connections) {
        if (!m_connections.contains(connection) || !connection->isAuthenticated())
            continue;
        if (!requiredScope.isEmpty() && !connection->session().hasScope(requiredScope))
            continue;
        connection->sendEvent(event, payload);
    }
}

void Hub::broadcastIf(const QString &event, const QJsonValue &payload,
    const std::function<bool(const Protocol::ClientSession &session)> &accept)
{
    const QSet<Connection *> connections = m_connections;
    for (Connection *connection : connections) {
        if (m_connections.contains(connection) && connection->isAuthenticated() && accept(connection->session()))
            connection->sendEvent(event, payload);
    }
}

int Hub::closeUser(const QString &userId, int code, const QString &reason)
{
    int closed = 0;
    const QSet<Connection *> connections = m_connections;
    for (Connection *connection : connections) {
        if (m_connections.contains(connection) && connection->isAuthenticated() && !userId.isEmpty()
            && !connection->session().isOwner && connection->session().userId == userId) {
            connection->close(code, reason);
            ++closed;
        }
    }
    return closed;
}

void Hub::subscribe(const QString &connId, const QString &sessionKey)
{
    // Bounded: a socket follows at most this many sessions (the oldest interest is kept).
    constexpr int MAX_SUBSCRIPTIONS = 256;
    Connection *connection = m_byConnId.value(connId);
    if (!connection)
        return;
    QSet<QString> &keys = m_subscriptions[connection];
    if (keys.contains(sessionKey) || keys.size() >= MAX_SUBSCRIPTIONS)
        return;
    keys.insert(sessionKey);
    m_subscribers[sessionKey].insert(connection);
}

void Hub::publish(const QString &sessionKey, const QString &event, const QJsonObject &payload,
    const QJsonObject &payloadV3, const QString &requiredCap)
{
    const auto it = m_subscribers.constFind(sessionKey);
    if (it == m_subscribers.cend())
        return;
    const QSet<Connection *> targets = *it;
    const QString read = Protocol::Scope::Read.toString();
    for (Connection *connection : targets) {
        if (!m_connections.contains(connection) || !connection->isAuthenticated())
            continue;
        const Protocol::ClientSession &s = connection->session();
        if (!s.hasScope(read) || (!requiredCap.isEmpty() && !s.caps.contains(requiredCap)))
            continue;
        if (s.protocol >= 4)
            connection->sendEvent(event, payload);
        else if (!payloadV3.isEmpty())
            connection->sendEvent(event, payloadV3);
    }
}

void Hub::sendTicks()
{
    broadcast(u"tick"_s, QJsonObject { { u"ts"_s, Protocol::nowMs() } });
}

void Hub::shutdown(const QString &reason, int restartExpectedMs)
{
    m_tickTimer.stop();
    QJsonObject payload { { u"reason"_s, reason } };
    if (restartExpectedMs >= 0)
        payload.insert(u"restartExpectedMs"_s, restartExpectedMs);
    broadcast(u"shutdown"_s, payload);
    const QSet<Connection *> connections = m_connections;
    for (Connection *connection : connections) {
        if (m_connections.contains(connection))
            connection->close(restartExpectedMs >= 0 ? 1012 : 1001, u"gateway "_s + reason);
    }
}

} // namespace Gateway::Ws
