// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QHostAddress>
#include <QObject>

#include "config/settings.h"
#include "core/result.h"
#include "http/httprequest.h"

class QTcpServer;
class QTcpSocket;

namespace Gateway::Http
{

class Router;

/// @brief The transport: one TCP port for HTTP/1.1 and the WebSocket upgrade.
///
/// Each accepted socket is read until its request head is complete (bounded in size and time).
/// WebSocket upgrades are handed, unread, to the upgrade handler (which passes them to a
/// QWebSocketServer); everything else is answered through the Router.
class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)

public:
    /// Receives the socket with the request head still unread; takes ownership.
    using UpgradeHandler = std::function<void(QTcpSocket *socket, const Request &request)>;

    Server(const Config::GatewaySettings &settings, const Router &router, QObject *parent = nullptr);
    ~Server() override;

    Status listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    void setUpgradeHandler(UpgradeHandler handler);
    void setAccessLogEnabled(bool enabled) { m_accessLog = enabled; }
    /// HTTP connections currently open (upgraded sockets are no longer counted).
    int connectionCount() const { return m_connections; }

private:
    friend class Connection;
    void acceptPending();

    const Config::GatewaySettings &m_settings;
    const Router &m_router;
    QTcpServer *m_server = nullptr;
    UpgradeHandler m_upgradeHandler;
    int m_connections = 0;
    bool m_accessLog = true;
};

} // namespace Gateway::Http
