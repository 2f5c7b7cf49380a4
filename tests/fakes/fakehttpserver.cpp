// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "fakehttpserver.h"

#include <memory>
#include <utility>

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace Fakes
{

namespace
{

constexpr qsizetype MAX_HEADER_BYTES = 64 * 1024;
constexpr qsizetype MAX_BODY_BYTES = 64 * 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 529:
        return "Site Overloaded";
    default:
        return "Status";
    }
}

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &lowerName)
{
    for (const auto &h : headers) {
        if (h.first.toLower() == lowerName)
            return true;
    }
    return false;
}

} // namespace

/// @brief One accepted TCP connection: parses requests (keep-alive aware) and writes scripted
/// responses chunk by chunk.
class FakeHttpConnection final : public QObject
{
public:
    FakeHttpConnection(FakeHttpServer &server, QTcpSocket *socket) : QObject(socket), m_server(server), m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, &FakeHttpConnection::onReadyRead);
    }

private:
    void onReadyRead()
    {
        if (m_busy)
            return; // the next request is parsed once the current response is done
        m_buffer += m_socket->readAll();
        parse();
    }

    void parse()
    {
        if (m_busy)
            return;
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (m_buffer.size() > MAX_HEADER_BYTES)
                fail(431, "Request Header Fields Too Large");
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            fail(400, "Bad Request");
            return;
        }
        RecordedRequest request;
        request.method = requestLine.at(0);
        const QByteArray target = requestLine.at(1);
        const qsizetype q = target.indexOf('?');
        request.path = QString::fromUtf8(QByteArray::fromPercentEncoding(q < 0 ? target : target.left(q)));
        request.query = q < 0 ? QByteArray() : target.mid(q + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            request.headers.append({ line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
        }
        qsizetype length = 0;
        const QByteArray lengthHeader = request.header("content-length");
        if (!lengthHeader.isEmpty()) {
            bool ok = false;
            length = lengthHeader.toLongLong(&ok);
            if (!ok || length < 0) {
                fail(400, "Bad Request");
                return;
            }
        } else if (!request.header("transfer-encoding").isEmpty()) {
            fail(411, "Length Required");
            return;
        }
        if (length > MAX_BODY_BYTES) {
            fail(413, "Payload Too Large");
            return;
        }
        if (m_buffer.size() < headerEnd + 4 + length)
            return; // wait for the rest of the body
        request.body = m_buffer.mid(headerEnd + 4, length);
        m_buffer.remove(0, headerEnd + 4 + length);
        m_keepAlive = requestLine.at(2) == "HTTP/1.1" && request.header("connection").toLower() != "close";

        m_server.record(request);
        m_busy = true; // until the (possibly deferred) answer is written
        const quint64 generation = ++m_generation;
        auto answered = std::make_shared<bool>(false);
        QPointer<FakeHttpConnection> self(this);
        Responder responder;
        responder.m_respond = [self, generation, answered, request](const ScriptedResponse &response) {
            if (*answered || !self || self->m_generation != generation)
                return;
            *answered = true;
            if (self->m_socket->state() != QAbstractSocket::ConnectedState)
                return;
            self->start(request, response);
        };
        responder.m_waiting = [self, generation, answered] {
            return !*answered && self && self->m_generation == generation
                && self->m_socket->state() == QAbstractSocket::ConnectedState;
        };
        m_server.respond(request, responder);
    }

    void fail(int status, const QByteArray &text)
    {
        m_keepAlive = false;
        ScriptedResponse response;
        response.status = status;
        response.headers = { { "Content-Type", "text/plain" } };
        response.chunks = { text };
        start(RecordedRequest(), response);
    }

    void start(const RecordedRequest &request, const ScriptedResponse &response)
    {
        m_busy = true;
        m_response = response;
        m_next = 0;
        if (response.silent) {
            // Not even a status line: the client's time-to-first-byte timeout must fire.
            if (response.resetAfterChunks)
                resetWhenFlushed();
            return;
        }
        const bool head = request.method == "HEAD";
        const bool bodyless = head || response.status == 204 || response.status == 304
            || (response.status >= 100 && response.status < 200);
        const bool streamed = !bodyless
            && (response.chunkedTransfer || response.chunks.size() > 1 || response.chunkDelayMs > 0
                || response.stallAfterChunks || response.resetAfterChunks);
        m_chunked = streamed && response.chunkedTransfer;
        if (streamed && !m_chunked)
            m_keepAlive = false; // the end of the body is the end of the connection

        QByteArray head_
            = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
        for (const auto &h : response.headers) {
            const QByteArray name = h.first.toLower();
            if (name == "content-length" || name == "transfer-encoding" || name == "connection")
                continue; // framing is the server's business
            head_ += h.first + ": " + h.second + "\r\n";
        }
        if (!hasHeader(response.headers, "date"))
            head_ += "Date: "
                + QDateTime::currentDateTimeUtc().toString(u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1() + "\r\n";
        if (!streamed) {
            qsizetype total = 0;
            for (const QByteArray &c : response.chunks)
                total += c.size();
            head_ += "Content-Length: " + QByteArray::number(total) + "\r\n";
        } else if (m_chunked) {
            head_ += "Transfer-Encoding: chunked\r\n";
        }
        head_ += m_keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
        head_ += "\r\n";

        if (!streamed) {
            for (const QByteArray &c : response.chunks) {
                if (!bodyless)
                    head_ += c;
            }
            m_socket->write(head_);
            finish();
            return;
        }
        m_socket->write(head_);
        scheduleNext();
    }

    void scheduleNext()
    {
        QTimer::singleShot(m_next == 0 ? 0 : m_response.chunkDelayMs, this, &FakeHttpConnection::writeNext);
    }

    void writeNext()
    {
        if (m_next < m_response.chunks.size()) {
            const QByteArray &chunk = m_response.chunks.at(m_next++);
            if (m_chunked) {
                if (!chunk.isEmpty()) // an empty chunk would end a chunked body
                    m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            } else {
                m_socket->write(chunk);
            }
            m_socket->flush();
            scheduleNext();
            return;
        }
        if (m_response.stallAfterChunks)
            return; // silent until the client gives up; openConnections() shows it
        if (m_response.resetAfterChunks) {
            resetWhenFlushed();
            return;
        }
        if (m_chunked)
            m_socket->write("0\r\n\r\n");
        finish();
    }

    // Abort only after the kernel took every byte: the client must see the partial body first.
    void resetWhenFlushed()
    {
        if (m_socket->bytesToWrite() > 0) {
            m_socket->flush();
            QTimer::singleShot(1, this, &FakeHttpConnection::resetWhenFlushed);
            return;
        }
        // Give the peer a few milliseconds to read what is on the wire, then send a RST.
        QTimer::singleShot(20, this, [this] {
#ifdef Q_OS_UNIX
            // SO_LINGER with a zero timeout turns close() into a RST instead of a FIN.
            struct linger lin;
            lin.l_onoff = 1;
            lin.l_linger = 0;
            ::setsockopt(static_cast<int>(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lin, sizeof(lin));
#endif
            m_socket->abort();
        });
    }

    void finish()
    {
        m_busy = false;
        if (!m_keepAlive) {
            m_socket->disconnectFromHost(); // writes what is buffered, then FIN
            return;
        }
        m_buffer += m_socket->readAll();
        if (!m_buffer.isEmpty())
            QTimer::singleShot(0, this, &FakeHttpConnection::parse);
    }

    FakeHttpServer &m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    ScriptedResponse m_response;
    qsizetype m_next = 0;
    bool m_busy = false;
    bool m_keepAlive = true;
    bool m_chunked = false;
    quint64 m_generation = 0;
};

QByteArray RecordedRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

void Responder::respond(const ScriptedResponse &response) const
{
    if (m_respond)
        m_respond(response);
}

bool Responder::isWaiting() const
{
    return m_waiting && m_waiting();
}

ScriptedResponse ScriptedResponse::json(int status, const QJsonObject &body)
{
    ScriptedResponse response;
    response.status = status;
    response.headers = { { "Content-Type", "application/json" } };
    response.chunks = { QJsonDocument(body).toJson(QJsonDocument::Compact) };
    return response;
}

ScriptedResponse ScriptedResponse::stream(const QByteArray &contentType, const QList<QByteArray> &chunks)
{
    ScriptedResponse response;
    response.headers = { { "Content-Type", contentType } };
    response.chunks = chunks;
    return response;
}

void ScriptedResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    const QByteArray lower = name.toLower();
    headers.removeIf([&](const QPair<QByteArray, QByteArray> &h) { return h.first.toLower() == lower; });
    headers.append({ name, value });
}

FakeHttpServer::FakeHttpServer(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onNewConnection);
}

FakeHttpServer::~FakeHttpServer() = default;

bool FakeHttpServer::listen()
{
    return listen(0);
}

bool FakeHttpServer::listen(quint16 port)
{
    return m_server->isListening() || m_server->listen(QHostAddress::LocalHost, port);
}

QUrl FakeHttpServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port()));
}

quint16 FakeHttpServer::port() const
{
    return m_server->serverPort();
}

void FakeHttpServer::enqueue(const QString &path, const ScriptedResponse &response)
{
    m_queues[path].enqueue(response);
}

void FakeHttpServer::setHandler(const QString &path, Handler handler)
{
    m_asyncHandlers.remove(path);
    m_handlers.insert(path, std::move(handler));
}

void FakeHttpServer::setAsyncHandler(const QString &path, AsyncHandler handler)
{
    m_handlers.remove(path);
    m_asyncHandlers.insert(path, std::move(handler));
}

void FakeHttpServer::setFallbackHandler(Handler handler)
{
    m_fallback = std::move(handler);
}

int FakeHttpServer::requestCount(const QString &path) const
{
    int n = 0;
    for (const RecordedRequest &r : m_requests) {
        if (r.path == path)
            ++n;
    }
    return n;
}

RecordedRequest FakeHttpServer::lastRequest(const QString &path) const
{
    for (auto it = m_requests.crbegin(); it != m_requests.crend(); ++it) {
        if (it->path == path)
            return *it;
    }
    return {};
}

int FakeHttpServer::openConnections() const
{
    return m_open;
}

void FakeHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_open;
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_open;
            socket->deleteLater();
        });
        new FakeHttpConnection(*this, socket);
    }
}

void FakeHttpServer::setHold(std::function<bool(const RecordedRequest &request)> predicate)
{
    m_hold = std::move(predicate);
}

int FakeHttpServer::release()
{
    m_hold = {};
    const QList<QPair<RecordedRequest, Responder>> held = std::exchange(m_held, {});
    int dropped = 0;
    for (const auto &[request, responder] : held) {
        if (responder.isWaiting())
            respond(request, responder);
        else
            ++dropped;
    }
    return dropped;
}

int FakeHttpServer::acceptPending()
{
    const int before = m_open;
    // waitForNewConnection(0) polls the listening socket and accepts what is there, emitting
    // newConnection (onNewConnection) before it returns; false once the backlog is empty.
    while (m_server->waitForNewConnection(0)) { }
    return m_open - before;
}

void FakeHttpServer::respond(const RecordedRequest &request, const Responder &responder)
{
    if (m_hold && m_hold(request)) {
        m_held.append({ request, responder });
        return;
    }
    auto queue = m_queues.find(request.path);
    if (queue != m_queues.end() && !queue->isEmpty()) {
        responder.respond(queue->dequeue());
        return;
    }
    const auto dispatch = [&](const QString &key) {
        const auto async = m_asyncHandlers.constFind(key);
        if (async != m_asyncHandlers.constEnd())
            (*async)(request, responder);
        else
            responder.respond(m_handlers.value(key)(request));
    };
    if (m_handlers.contains(request.path) || m_asyncHandlers.contains(request.path)) {
        dispatch(request.path);
        return;
    }
    QString bestPrefix;
    bool anyPrefix = false;
    const auto consider = [&](const QString &key) {
        if (key.endsWith(u'*')) {
            const QString prefix = key.chopped(1);
            if (request.path.startsWith(prefix) && prefix.size() >= bestPrefix.size()) {
                bestPrefix = prefix;
                anyPrefix = true;
            }
        }
    };
    for (auto it = m_handlers.constBegin(); it != m_handlers.constEnd(); ++it)
        consider(it.key());
    for (auto it = m_asyncHandlers.constBegin(); it != m_asyncHandlers.constEnd(); ++it)
        consider(it.key());
    if (anyPrefix) {
        dispatch(bestPrefix + u'*');
        return;
    }
    if (m_fallback) {
        responder.respond(m_fallback(request));
        return;
    }
    ScriptedResponse notFound;
    notFound.status = 404;
    notFound.headers = { { "Content-Type", "text/plain; charset=utf-8" } };
    notFound.chunks = { "404 page not found" };
    responder.respond(notFound);
}

void FakeHttpServer::record(const RecordedRequest &request)
{
    m_requests.append(request);
    Q_EMIT requestReceived(request);
}

} // namespace Fakes
