// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "http/httpserver.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QTimerEvent>

#include "http/responder.h"
#include "http/router.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Http
{

namespace
{
constexpr int LISTEN_BACKLOG = 4096;
} // namespace

class Connection;

/// @brief The listening socket: creates a QTcpSocket (or a QSslSocket for TLS) for each accepted
/// descriptor and hands it to the Server at once (no pending queue), so that limits apply before
/// any TLS work.
class Listener final : public QTcpServer
{
public:
    Listener(Server *server, bool tls) : QTcpServer(server), m_server(server), m_tls(tls) { }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        m_server->admit(socket);
    }

private:
    Server *m_server;
    bool m_tls;
};

/// @brief The Responder handed to route handlers; forwards to its connection while it lives.
class ConnectionResponder final : public Responder
{
public:
    explicit ConnectionResponder(Connection *connection) : m_connection(connection) { }
    void send(const Response &response) override;
    void beginStream(
        int status, const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers) override;
    void write(const QByteArray &data) override;
    void end() override;
    bool isOpen() const override { return m_connection && !m_finished; }
    void setOnClosed(std::function<void()> callback) override { m_onClosed = std::move(callback); }

    void clientGone()
    {
        if (m_finished)
            return;
        m_finished = true;
        if (m_onClosed)
            m_onClosed();
    }
    void finished() { m_finished = true; }

private:
    QPointer<Connection> m_connection;
    bool m_finished = false;
    bool m_streaming = false;
    std::function<void()> m_onClosed;
};

/// @brief One accepted socket until it is answered, upgraded or closed. A child of the socket.
class Connection final : public QObject
{
public:
    Connection(Server *server, QTcpSocket *socket)
        : QObject(socket), m_server(server), m_socket(socket), m_settings(server->m_settings)
    {
        ++server->m_connections;
        m_peer = socket->peerAddress().toString();
        connect(socket, &QTcpSocket::readyRead, this, [this] { process(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        armTimer();
        m_clock.start();
    }

    ~Connection() override
    {
        if (m_server)
            --m_server->m_connections;
        if (m_responder)
            m_responder->clientGone();
    }

    void process()
    {
        // Loop: a keep-alive client may have pipelined several requests; while a response is
        // pending the next request waits in the socket buffer.
        while (!m_closing && m_state != State::Waiting && m_socket->bytesAvailable() >= 0) {
            if (m_state == State::Head) {
                if (m_socket->bytesAvailable() == 0 || !readHead())
                    return;
            }
            if (m_state == State::Body) {
                if (m_socket->bytesAvailable() < m_bodyNeeded)
                    return;
                m_request.body = m_socket->read(m_bodyNeeded);
                dispatch();
            }
        }
    }

    // ---- used by ConnectionResponder
    void respond(const Response &response, bool forceClose = false);
    void beginStream(int status, const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        if (m_closing)
            return;
        m_chunked = m_request.versionMinor >= 1;
        m_streamKeepAlive = m_chunked && m_request.wantsKeepAlive();
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        head += "Content-Type: " + contentType + "\r\n";
        head += m_chunked ? "Transfer-Encoding: chunked\r\n" : "";
        head += m_streamKeepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
        head += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
        for (const auto &h : headers)
            head += h.first + ": " + h.second + "\r\n";
        head += "\r\n";
        m_socket->write(head);
        m_streamStatus = status;
    }
    void writeChunk(const QByteArray &data)
    {
        if (m_closing || data.isEmpty())
            return;
        if (m_chunked)
            m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
        else
            m_socket->write(data);
        m_streamBytes += data.size();
    }
    void endStream()
    {
        if (m_closing)
            return;
        if (m_chunked)
            m_socket->write("0\r\n\r\n");
        logAccess(m_streamStatus, m_streamBytes);
        finishExchange(m_streamKeepAlive);
    }

protected:
    void timerEvent(QTimerEvent *event) override
    {
        if (event->timerId() != m_timerId)
            return;
        killTimer(m_timerId);
        m_timerId = 0;
        if (m_state == State::Waiting)
            return;
        if (m_state == State::Head && m_socket->bytesAvailable() == 0 && m_requests > 0) {
            m_socket->disconnectFromHost(); // idle keep-alive connection
            return;
        }
        qCInfo(lcGatewayHttp).noquote() << "dropped" << m_peer << "- request not received within"
                                        << m_settings.headerTimeoutMs << "ms";
        respond(Response::error(408, u"request not received in time"_s), /*forceClose=*/true);
    }

private:
    enum class State { Head, Body, Waiting };

    // Returns false when more bytes are needed or the connection is finished.
    bool readHead()
    {
        const qint64 limit = m_settings.maxHeaderBytes;
        const QByteArray peeked = m_socket->peek(limit + 4);
        const qsizetype end = peeked.indexOf("\r\n\r\n");
        if (end < 0 || end + 4 > limit) {
            if (peeked.size() >= limit || end + 4 > limit)
                respond(Response::error(431, u"request head larger than %1 bytes"_s.arg(limit)), true);
            return false;
        }
        m_clock.restart();
        auto parsed = parseRequestHead(peeked.left(end + 4));
        if (!parsed) {
            m_socket->read(end + 4);
            respond(Response::error(parsed.error().status, parsed.error().message), true);
            return false;
        }
        m_request = std::move(parsed.value());
        m_request.peer = m_peer;

        if (m_request.isWebSocketUpgrade() && !m_request.hasHeader("content-length")) {
            if (m_request.path != u"/") {
                m_socket->read(end + 4);
                respond(Response::error(404, u"the WebSocket endpoint is /"_s), true);
                return false;
            }
            upgrade();
            return false;
        }
        m_socket->read(end + 4);
        const qint64 length = m_request.contentLength();
        if (length > m_settings.maxBodyBytes) {
            respond(Response::error(413, u"request body larger than %1 bytes"_s.arg(m_settings.maxBodyBytes)), true);
            return false;
        }
        m_bodyNeeded = qMax<qint64>(length, 0);
        m_state = State::Body;
        return true;
    }

    void upgrade()
    {
        killTimer(m_timerId);
        m_timerId = 0;
        disconnect(m_socket, nullptr, this, nullptr);
        disconnect(m_socket, &QTcpSocket::disconnected, m_socket, &QObject::deleteLater);
        QTcpSocket *socket = m_socket;
        const Request request = m_request;
        Server *server = m_server;
        // Leave the socket before handing it over; the new owner decides its fate.
        setParent(nullptr);
        deleteLater();
        if (server && server->m_upgradeHandler)
            server->m_upgradeHandler(socket, request);
        else
            socket->abort();
    }

    void dispatch()
    {
        m_state = State::Waiting;
        killTimer(m_timerId);
        m_timerId = 0;
        m_responder = std::make_shared<ConnectionResponder>(this);
        const std::shared_ptr<ConnectionResponder> responder = m_responder;
        m_server->m_router.dispatch(m_request, responder);
    }

    void logAccess(int status, qint64 bytes)
    {
        if (m_server && m_server->m_accessLog) {
            qCInfo(lcGatewayAccess).noquote()
                << u"http method=%1 path=%2 status=%3 durationMs=%4 bytes=%5 peer=%6"_s
                       .arg(QString::fromLatin1(m_request.method.isEmpty() ? QByteArray("-") : m_request.method),
                           m_request.path.isEmpty() ? u"-"_s : m_request.path.left(200))
                       .arg(status)
                       .arg(m_clock.elapsed())
                       .arg(bytes)
                       .arg(m_peer);
        }
    }

    // The exchange is over: keep the connection for the next request or close it.
    void finishExchange(bool keepAlive)
    {
        ++m_requests;
        if (m_responder) {
            m_responder->finished();
            m_responder.reset();
        }
        m_request = Request();
        m_state = State::Head;
        m_bodyNeeded = 0;
        m_streamBytes = 0;
        if (keepAlive) {
            armTimer();
            // A pipelined request may already be waiting.
            if (m_socket->bytesAvailable() > 0)
                QMetaObject::invokeMethod(
                    this, [this] { process(); }, Qt::QueuedConnection);
        } else {
            m_closing = true;
            killTimer(m_timerId);
            m_timerId = 0;
            m_socket->disconnectFromHost();
        }
    }

    void armTimer()
    {
        if (m_timerId)
            killTimer(m_timerId);
        m_timerId = startTimer(m_settings.headerTimeoutMs);
    }

    QPointer<Server> m_server;
    QTcpSocket *m_socket;
    const Config::GatewaySettings &m_settings;
    QString m_peer;
    Request m_request;
    State m_state = State::Head;
    qint64 m_bodyNeeded = 0;
    int m_timerId = 0;
    int m_requests = 0;
    bool m_closing = false;
    QElapsedTimer m_clock;
    std::shared_ptr<ConnectionResponder> m_responder;
    bool m_chunked = false;
    bool m_streamKeepAlive = false;
    int m_streamStatus = 200;
    qint64 m_streamBytes = 0;
};

void Connection::respond(const Response &response, bool forceClose)
{
    if (m_closing)
        return;
    const bool keepAlive = !forceClose && m_request.wantsKeepAlive() && response.status < 400;
    const bool headOnly = m_request.method == "HEAD";
    m_socket->write(serializeResponse(response, keepAlive, headOnly));
    logAccess(response.status, response.body.size());
    finishExchange(keepAlive);
}

void ConnectionResponder::send(const Response &response)
{
    if (!isOpen() || m_streaming)
        return;
    m_finished = true;
    m_connection->respond(response);
}

void ConnectionResponder::beginStream(
    int status, const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (!isOpen() || m_streaming)
        return;
    m_streaming = true;
    m_connection->beginStream(status, contentType, headers);
}

void ConnectionResponder::write(const QByteArray &data)
{
    if (isOpen() && m_streaming)
        m_connection->writeChunk(data);
}

void ConnectionResponder::end()
{
    if (!isOpen() || !m_streaming)
        return;
    m_finished = true;
    m_connection->endStream();
}

Server::Server(const Config::GatewaySettings &settings, const Router &router, QObject *parent)
    : QObject(parent), m_settings(settings), m_router(router)
{
}

Server::~Server() = default;

Status Server::listen(const QHostAddress &address, quint16 port)
{
    close();
    m_server = new Listener(this, isTls());
    m_server->setListenBacklogSize(LISTEN_BACKLOG);
    m_server->setMaxPendingConnections(LISTEN_BACKLOG);
    if (!m_server->listen(address, port)) {
        const QString message
            = u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(m_server->errorString());
        delete m_server;
        m_server = nullptr;
        return Error { u"LISTEN_FAILED"_s, message };
    }
    return {};
}

void Server::close()
{
    if (!m_server)
        return;
    m_server->close();
    delete m_server; // with the sockets still in their TLS handshake
    m_server = nullptr;
    m_handshaking = 0;
}

bool Server::isListening() const
{
    return m_server && m_server->isListening();
}

QHostAddress Server::serverAddress() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

quint16 Server::serverPort() const
{
    return m_server ? m_server->serverPort() : 0;
}

void Server::setUpgradeHandler(UpgradeHandler handler)
{
    m_upgradeHandler = std::move(handler);
}

void Server::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tlsConfiguration = std::make_unique<QSslConfiguration>(configuration);
}

namespace
{
// One key per host: an IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d.
QHostAddress addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : QHostAddress(address.toIPv6Address());
}
} // namespace

int Server::connectionsFrom(const QHostAddress &address) const
{
    return m_perAddress.value(addressKey(address));
}

void Server::admit(QTcpSocket *socket)
{
    const QHostAddress peer = addressKey(socket->peerAddress());
    if (m_connections + m_handshaking >= m_settings.maxConnections) {
        qCWarning(lcGatewayHttp) << "connection limit reached (" << m_settings.maxConnections << "); refusing"
                                 << peer.toString();
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (!(m_loopbackExempt && peer.isLoopback())) {
        int &count = m_perAddress[peer];
        if (count >= m_settings.maxConnectionsPerAddress) {
            ++m_refusedPerAddress;
            // One line per 100 refusals: a flood must not flood the log as well.
            if (m_refusedPerAddress % 100 == 1)
                qCWarning(lcGatewayHttp).noquote()
                    << "refused" << peer.toString() << "- more than" << m_settings.maxConnectionsPerAddress
                    << "connections from one address (" << m_refusedPerAddress << "refused so far)";
            socket->abort();
            socket->deleteLater();
            return;
        }
        ++count;
        // Counted until the socket is gone, whoever owns it by then (an upgraded WebSocket too).
        connect(socket, &QObject::destroyed, this, [this, peer] {
            auto it = m_perAddress.find(peer);
            if (it != m_perAddress.end() && --*it <= 0)
                m_perAddress.erase(it);
        });
    }

    // Small frames (a first token, an ack) must not wait for the peer's delayed ACK: Nagle
    // added ~40 ms to every time-to-first-token (bench/overhead). WebSocket and SSE
    // connections keep this socket.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!m_tlsConfiguration) {
        serve(socket);
        return;
    }

    // TLS first: the request head is read only from an encrypted socket. The handshake has
    // header_timeout_ms; a plain-text client fails it and is closed.
    auto *ssl = static_cast<QSslSocket *>(socket);
    ++m_handshaking;
    // The guard is the context of the handshake's connections and its timer: deleting it ends them.
    auto *guard = new QTimer(ssl);
    guard->setSingleShot(true);
    const QString peerText = peer.toString();
    const auto fail = [this, ssl, guard, peerText](const QString &reason) {
        qCDebug(lcGatewayHttp).noquote() << "TLS handshake with" << peerText << "failed:" << reason;
        ++m_failedHandshakes;
        --m_handshaking;
        guard->stop();
        guard->deleteLater();
        QObject::disconnect(ssl, nullptr, guard, nullptr);
        ssl->abort();
        ssl->deleteLater();
    };
    connect(guard, &QTimer::timeout, guard,
        [fail, this] { fail(u"not completed within %1 ms"_s.arg(m_settings.headerTimeoutMs)); });
    connect(ssl, &QSslSocket::errorOccurred, guard,
        [fail, ssl](QAbstractSocket::SocketError) { fail(ssl->errorString()); });
    connect(ssl, &QSslSocket::encrypted, guard, [this, ssl, guard] {
        --m_handshaking;
        QObject::disconnect(ssl, nullptr, guard, nullptr);
        guard->stop();
        guard->deleteLater();
        serve(ssl);
    });
    guard->start(m_settings.headerTimeoutMs);
    ssl->setSslConfiguration(*m_tlsConfiguration);
    ssl->startServerEncryption();
}

void Server::serve(QTcpSocket *socket)
{
    auto *connection = new Connection(this, socket);
    if (socket->bytesAvailable() > 0)
        connection->process();
}

} // namespace Gateway::Http
