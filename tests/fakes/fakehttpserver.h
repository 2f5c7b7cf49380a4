// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QQueue>
#include <QUrl>

class QTcpServer;

namespace Fakes
{

class FakeHttpConnection;

/// @brief A request as the fake received it.
struct RecordedRequest
{
    QByteArray method;
    QString path; ///< without the query
    QByteArray query;
    QList<QPair<QByteArray, QByteArray>> headers; ///< names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const;
    QJsonObject json() const; ///< body parsed as a JSON object ({} when it is not one)
};

/// @brief What the fake answers with: status, headers, then the body in chunks written one by
/// one (so a client sees a real stream), optionally followed by a stall or a connection reset.
struct ScriptedResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QList<QByteArray> chunks;
    int chunkDelayMs = 0; ///< between chunks; 0 = the next event-loop turn
    bool stallAfterChunks = false; ///< then keep the connection open and silent
    bool resetAfterChunks = false; ///< then abort the TCP connection (no clean end)
    /// Frame the body with Transfer-Encoding: chunked (as the real servers do) instead of
    /// delimiting it by closing the connection. A reset then leaves the chunked body unfinished,
    /// which QNetworkAccessManager reports as RemoteHostClosedError.
    bool chunkedTransfer = false;
    /// Write nothing at all, not even the status line; then reset if resetAfterChunks, else stall.
    bool silent = false;

    static ScriptedResponse json(int status, const QJsonObject &body);
    /// A stream: each chunk written separately (one per event-loop turn or chunkDelayMs apart).
    static ScriptedResponse stream(const QByteArray &contentType, const QList<QByteArray> &chunks);
    void setHeader(const QByteArray &name, const QByteArray &value); ///< replaces a same-named header
};

/// @brief Answers one deferred request (see FakeHttpServer::setAsyncHandler). Copyable; only the
/// first respond() counts, and it does nothing once the client has closed the connection.
class Responder
{
public:
    Responder() = default;
    void respond(const ScriptedResponse &response) const;
    /// The client is still connected and no answer was sent yet.
    bool isWaiting() const;

private:
    friend class FakeHttpConnection;
    std::function<void(const ScriptedResponse &)> m_respond;
    std::function<bool()> m_waiting;
};

/// @brief A small HTTP/1.1 server for provider and channel fakes: answers each request from a
/// per-path FIFO of scripted responses, else from a per-path handler, else 404. Streams are
/// close-delimited (Connection: close) unless Content-Length fits, exactly as a real client sees
/// an SSE or NDJSON stream.
class FakeHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<ScriptedResponse(const RecordedRequest &request)>;
    /// A handler that answers later (long polls): it keeps the Responder and calls respond() once.
    using AsyncHandler = std::function<void(const RecordedRequest &request, const Responder &responder)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    /// Listens on 127.0.0.1 on a free port.
    bool listen();
    /// Listens on 127.0.0.1:port (0 = a free port).
    bool listen(quint16 port);
    QUrl baseUrl() const; ///< "http://127.0.0.1:PORT"
    quint16 port() const;

    /// One-shot answer for the next request to path (FIFO per path).
    void enqueue(const QString &path, const ScriptedResponse &response);
    /// Answer for every request to path that finds no queued response. A path ending in '*'
    /// matches every path with that prefix (e.g. "/v1/models/*"); exact paths win.
    void setHandler(const QString &path, Handler handler);
    /// Like setHandler, but the answer may come later through the Responder (same path rules; a
    /// path has either a handler or an async handler, whichever was set last).
    void setAsyncHandler(const QString &path, AsyncHandler handler);
    /// Answer for requests that match no queue and no handler (default: 404 text).
    void setFallbackHandler(Handler handler);

    QList<RecordedRequest> requests() const { return m_requests; }
    int requestCount(const QString &path) const;
    /// The last request to path (an empty RecordedRequest when there was none).
    RecordedRequest lastRequest(const QString &path) const;
    void clearRequests() { m_requests.clear(); }
    /// Connections currently open (a client that aborted a stream closes its connection).
    int openConnections() const;

    /// Requests for which predicate returns true are held: recorded, but handed to no queue or
    /// handler, as if the platform had not processed them yet (crash tests: no reply is accepted
    /// while the client is being killed). An empty predicate holds nothing new.
    void setHold(std::function<bool(const RecordedRequest &request)> predicate);
    /// Stops holding and hands over every held request whose client is still connected and
    /// waiting; the others (their client died) are dropped unprocessed. Returns how many were dropped.
    int release();
    int heldCount() const { return int(m_held.size()); }
    /// Takes every connection the kernel has completed but the event loop has not accepted yet
    /// (they count in openConnections() from then on, and their requests meet the hold). Call it
    /// after killing a client and before waiting for openConnections() to reach 0: else a request
    /// the dead client left in the listen backlog is accepted after release(), unheld, and
    /// processed as if the platform had taken it. Returns how many were taken.
    int acceptPending();

Q_SIGNALS:
    void requestReceived(const Fakes::RecordedRequest &request);

private:
    friend class FakeHttpConnection;
    void onNewConnection();
    /// The answer for a parsed request: queue, exact handler, prefix handler, fallback, 404.
    /// Calls responder now, or later for an async handler.
    void respond(const RecordedRequest &request, const Responder &responder);
    void record(const RecordedRequest &request);

    QTcpServer *m_server;
    Handler m_fallback;
    QHash<QString, QQueue<ScriptedResponse>> m_queues;
    QHash<QString, Handler> m_handlers;
    QHash<QString, AsyncHandler> m_asyncHandlers;
    QList<RecordedRequest> m_requests;
    int m_open = 0;
    std::function<bool(const RecordedRequest &)> m_hold;
    QList<QPair<RecordedRequest, Responder>> m_held;
};

} // namespace Fakes
