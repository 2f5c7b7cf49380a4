// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Whole HTTP requests with bodies, as raw bytes on a loopback connection to a real gateway
// (fuzzgateway.h): the request head parser, the body reader (Content-Length; Transfer-Encoding
// is refused), keep-alive and pipelining, and the JSON body entry points behind the router
// (POST /v1/chat/completions with "$TOKEN" replaced by the gateway token, the webhooks, /health,
// /v1/models). Checks: every input gets an HTTP/1.1 response with a status line; the status of a
// head that parseRequestHead() rejects is the status that function gives; a body above
// max_body_bytes gets 413; the gateway closes or completes every exchange (no hang).
#include "fuzzgateway.h"

#include <QTcpSocket>

#include "http/httprequest.h"

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace
{

// The end of the first response in buffer (status line, headers, Content-Length or chunked
// body); -1 while incomplete.
qsizetype firstResponseEnd(const QByteArray &buffer, int *status)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return -1;
    *status = buffer.mid(9, 3).toInt();
    const QByteArray head = buffer.left(headEnd).toLower();
    if (head.contains("\r\ntransfer-encoding: chunked")) {
        const qsizetype end = buffer.indexOf("\r\n0\r\n\r\n", headEnd);
        return end < 0 ? -1 : end + 7;
    }
    const qsizetype at = head.indexOf("\r\ncontent-length: ");
    if (at < 0)
        return headEnd + 4;
    const qsizetype lineEnd = head.indexOf("\r\n", at + 2);
    const qint64 length = head.mid(at + 18, (lineEnd < 0 ? head.size() : lineEnd) - at - 18).toLongLong();
    return buffer.size() >= headEnd + 4 + length ? headEnd + 4 + length : -1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 512 * 1024)
        return 0;
    FuzzSupport::Gateway &gw = FuzzSupport::gateway();
    static int unauthorized = 0;
    if (unauthorized >= 8) {
        FuzzSupport::clearAuthLimiter(gw);
        unauthorized = 0;
    }
    QByteArray input = FuzzSupport::bytes(data, size);
    input.replace("$TOKEN", gw.token.toUtf8());

    // What the gateway's own parser says about the first head, and whether the input is exactly
    // one complete request (then the client may leave after the first response).
    std::optional<Gateway::Http::ParseError> rejected;
    bool single = false;
    bool upgrade = false; // handed to QWebSocketServer, which answers (or drops) the handshake itself
    qint64 declared = -1;
    const qsizetype headEnd = input.indexOf("\r\n\r\n");
    if (headEnd >= 0 && headEnd + 4 <= 16384) {
        auto head = Gateway::Http::parseRequestHead(input.left(headEnd + 4));
        if (!head) {
            rejected = head.error();
        } else if (head->isWebSocketUpgrade() && !head->hasHeader("content-length")) {
            upgrade = head->path == u"/"_s;
        } else if (!head->isWebSocketUpgrade() || head->hasHeader("content-length")) {
            declared = qMax<qint64>(head->contentLength(), 0);
            single = input.size() == headEnd + 4 + declared;
        }
    }

    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, gw.port);
    if (!socket.waitForConnected(5000))
        std::abort();
    socket.write(input);
    int status = 0;
    const bool settled = FuzzSupport::runUntil(
        [&] {
            if (closed)
                return true;
            if (received.startsWith("HTTP/1.1 101 "))
                return true; // a WebSocket now: fuzz_handshake's business
            return single && firstResponseEnd(received, &status) > 0;
        },
        8000);
    socket.abort();
    if (!settled)
        std::abort(); // the exchange neither completed nor closed
    if (upgrade)
        return 0;
    if (received.size() < 13 || !received.startsWith("HTTP/1.1 ") || received.at(12) != ' ')
        std::abort(); // no response, or not a status line
    status = received.mid(9, 3).toInt();
    if (status < 100 || status > 599)
        std::abort();
    unauthorized += int(received.count("HTTP/1.1 401 ")) + int(received.count("HTTP/1.1 429 "));
    if (rejected && status != rejected->status)
        std::abort(); // the server and the parser disagree
    if (declared > 256 * 1024 && status != 413)
        std::abort();
    return 0;
}
