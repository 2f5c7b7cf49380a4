// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <memory>

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include "config/settings.h"
#include "core/result.h"
#include "http/httprequest.h"

class QSslConfiguration;
class QTcpSocket;

namespace Gateway::Http
{

class Router;
class Listener;

/// @brief The transport: one TCP port for HTTP/1.1 and the WebSocket upgrade.
///
/// Each accepted socket is read until its request head is complete (bounded in size and time).
/// WebSocket upgrades are handed, unread, to the upgrade handler (which passes them to a
/// QWebSocketServer); everything else is answered through the Router. With TLS configured, every
/// socket completes the TLS handshake (within header_timeout_ms) before its head is read, and the
/// upgrade handler receives the encrypted QSslSocket. Connections beyond
/// max_connections_per_address from one non-loopback address are closed at once, before any TLS.
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
    /// Serve TLS with this configuration (certificate and key set); call before listen().
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTls() const { return m_tlsConfiguration != nullptr; }
    /// Loopback peers are exempt from max_connections_per_address (default true; tests turn it off).
    void setLoopbackExempt(bool exempt) { m_loopbackExempt = exempt; }
    /// HTTP connections currently open (upgraded sockets are no longer counted).
    int connectionCount() const { return m_connections; }
    /// Sockets (HTTP, upgraded or in the TLS handshake) open from this address.
    int connectionsFrom(const QHostAddress &address) const;
    /// Connections closed for exceeding max_connections_per_address, since start.
    qint64 refusedPerAddress() const { return m_refusedPerAddress; }
    /// TLS handshakes that failed or timed out (plain-text clients, scanners), since start.
    qint64 failedHandshakes() const { return m_failedHandshakes; }

private:
    friend class Connection;
    friend class Listener;
    void admit(QTcpSocket *socket);
    void serve(QTcpSocket *socket);

    const Config::GatewaySettings &m_settings;
    const Router &m_router;
    Listener *m_server = nullptr;
    UpgradeHandler m_upgradeHandler;
    // Only with TLS: constructing a QSslConfiguration loads Qt's TLS backend (libssl and
    // libcrypto, ~4 MB of resident pages) into every gateway.
    std::unique_ptr<QSslConfiguration> m_tlsConfiguration;
    bool m_loopbackExempt = true;
    QHash<QHostAddress, int> m_perAddress;
    int m_connections = 0;
    int m_handshaking = 0;
    qint64 m_refusedPerAddress = 0;
    qint64 m_failedHandshakes = 0;
    bool m_accessLog = true;
};

} // namespace Gateway::Http
