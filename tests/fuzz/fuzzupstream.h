// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

// Provider streams end to end (fuzz_anthropic_stream, fuzz_openai_stream): the real provider
// class calls a fake upstream in this process (a QTcpServer on loopback, keep-alive), which
// answers with the input as the response body, once in one piece (Content-Length) and once
// chunked in pieces of 1..64 bytes. Everything from HttpExchange over the SSE parser to the
// provider's event → text / tool call / usage logic runs as in the gateway.
//
// Input: byte 0 picks the status (mostly 200; 400, 401, 404, 429, 500, 503, 529), byte 1 the
// chunk size, the rest is the body. Checks: exactly one of finished/failed, nothing after it;
// a non-2xx status never finishes; no error message contains the API key; tool calls have a
// name; both deliveries give the same text, tool calls and outcome (split invariance).

#include "fuzzsupport.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

#include "providers/provider.h"

#include <cstdlib>
#include <functional>

namespace FuzzSupport
{

inline const QString UPSTREAM_KEY = QStringLiteral("fuzz-upstream-key-5f1c2a9e");

/// @brief The fake upstream: answers every request (read up to its declared body) with the
/// current response.
class Upstream final : public QTcpServer
{
public:
    int status = 200;
    int chunk = 0; ///< 0: Content-Length; else chunked in pieces of this size
    QByteArray contentType = "text/event-stream";
    QByteArray body;

    Upstream()
    {
        if (!listen(QHostAddress::LocalHost, 0))
            std::abort();
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                // No Nagle: the chunked answer is many small writes, each held for the client's
                // delayed ACK (40 ms) otherwise.
                socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onRead(socket); });
            }
        });
    }

private:
    void onRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QByteArray head = buffer.left(headEnd).toLower();
            qint64 length = 0;
            const qsizetype at = head.indexOf("\r\ncontent-length:");
            if (at >= 0)
                length
                    = head.mid(at + 17, head.indexOf("\r\n", at + 2) < 0 ? -1 : head.indexOf("\r\n", at + 2) - at - 17)
                          .trimmed()
                          .toLongLong();
            if (buffer.size() < headEnd + 4 + length)
                return;
            buffer.remove(0, headEnd + 4 + length);
            respond(socket);
        }
    }

    void respond(QTcpSocket *socket)
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType + "\r\n";
        if (chunk <= 0) {
            out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            socket->write(out);
            return;
        }
        out += "Transfer-Encoding: chunked\r\n\r\n";
        socket->write(out);
        for (qsizetype at = 0; at < body.size(); at += chunk) {
            const QByteArray piece = body.mid(at, chunk);
            socket->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
            socket->flush();
        }
        socket->write("0\r\n\r\n");
    }

    QHash<QTcpSocket *, QByteArray> m_buffers;
};

inline Upstream &upstream()
{
    app();
    static Upstream *instance = new Upstream;
    return *instance;
}

/// What one stream produced.
struct Outcome
{
    QString text;
    QByteArray tools; ///< the tool calls as JSON, in order
    int terminals = 0;
    bool finished = false;
    int stop = -1;
    QByteArray usage;
    int errorKind = -1;

    bool operator==(const Outcome &o) const
    {
        return text == o.text && tools == o.tools && finished == o.finished && stop == o.stop && usage == o.usage
            && errorKind == o.errorKind;
    }
};

inline Outcome runStream(const std::function<::Gateway::Providers::ChatStream *()> &start)
{
    using namespace ::Gateway::Providers;
    Outcome outcome;
    ChatStream *stream = start();
    QObject::connect(stream, &ChatStream::textDelta, [&outcome](const QString &delta) {
        if (outcome.terminals)
            std::abort(); // output after the end
        outcome.text += delta;
    });
    QObject::connect(stream, &ChatStream::toolCall, [&outcome](const ToolCall &call) {
        if (outcome.terminals || call.name.isEmpty())
            std::abort();
        outcome.tools
            += QJsonDocument(QJsonObject { { QStringLiteral("id"), call.id }, { QStringLiteral("name"), call.name },
                                 { QStringLiteral("arguments"), call.arguments } })
                   .toJson(QJsonDocument::Compact);
    });
    QObject::connect(stream, &ChatStream::finished, [&outcome](StopReason reason, const Usage &usage) {
        ++outcome.terminals;
        outcome.finished = true;
        outcome.stop = int(reason);
        outcome.usage = QByteArray::number(usage.inputTokens) + ',' + QByteArray::number(usage.outputTokens) + ','
            + QByteArray::number(usage.cacheWriteTokens) + ',' + QByteArray::number(usage.cacheReadTokens);
    });
    QObject::connect(stream, &ChatStream::failed, [&outcome](const ProviderError &error) {
        ++outcome.terminals;
        outcome.errorKind = int(error.kind);
        if (error.message.contains(UPSTREAM_KEY) || error.errorType.contains(UPSTREAM_KEY))
            std::abort(); // the key leaked into an error
    });
    const QDeadlineTimer deadline(8000);
    while (outcome.terminals == 0) {
        if (deadline.hasExpired())
            std::abort(); // the stream never ended
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    // Anything still queued for this stream (a second terminal signal) shows up here.
    QCoreApplication::processEvents();
    if (outcome.terminals != 1)
        std::abort();
    delete stream;
    return outcome;
}

/// One input: both deliveries through start(), compared.
inline void fuzzStream(
    const uint8_t *data, size_t size, const std::function<::Gateway::Providers::ChatStream *()> &start)
{
    if (size < 2 || size > 256 * 1024)
        return;
    static const int statuses[] = { 400, 401, 404, 429, 500, 503, 529 };
    Upstream &up = upstream();
    up.status = data[0] < 224 ? 200 : statuses[data[0] % 7];
    up.body = bytes(data + 2, size - 2);
    up.chunk = 0;
    const Outcome whole = runStream(start);
    up.chunk = 1 + data[1] % 64;
    const Outcome pieces = runStream(start);
    if (up.status != 200 && (whole.finished || pieces.finished))
        std::abort(); // an error status never finishes
    if (!(whole == pieces))
        std::abort(); // the result depends on how the bytes arrived
}

} // namespace FuzzSupport
