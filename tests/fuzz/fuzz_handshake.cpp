// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// WebSocket frames BEFORE connect: each input is a WebSocket session with a real gateway
// (fuzzgateway.h) on loopback. After the connect.challenge, every input line is sent as one
// frame ("$TOKEN" and "$NONCE" are replaced by the gateway token and the challenge's nonce; a
// line starting with \x01 goes as a binary frame): bad or odd connect params, requests before
// connect, wrong protocol versions, token, password and missing auth. Checks: the first frame is
// connect.challenge with a nonce; every server frame is a JSON res or event; nothing succeeds
// unless a frame carried the token; a session that did not authenticate is closed by the
// gateway; an authenticated one still answers a final health request.
#include "fuzzgateway.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace
{
int g_authFailures = 0;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 128 * 1024)
        return 0;
    FuzzSupport::Gateway &gw = FuzzSupport::gateway();
    if (g_authFailures >= 8) {
        FuzzSupport::clearAuthLimiter(gw);
        g_authFailures = 0;
    }

    QList<QByteArray> lines = FuzzSupport::bytes(data, size).split('\n');
    if (lines.size() > 8)
        lines.resize(8);

    static quint64 counter = 0;
    const QString finalId = u"fuzz-end-%1"_s.arg(++counter);
    QWebSocket socket;
    socket.setMaxAllowedIncomingMessageSize(4 * 1024 * 1024);
    QList<QJsonObject> frames;
    bool closed = false;
    bool authenticated = false;
    bool finalAnswered = false;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &text) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        const QJsonObject frame = document.object();
        const QString type = frame.value(u"type"_s).toString();
        if (error.error != QJsonParseError::NoError || !document.isObject() || (type != u"res" && type != u"event"))
            std::abort(); // the gateway sent something that is not a protocol frame
        if (frames.isEmpty()
            && (frame.value(u"event"_s) != u"connect.challenge"_s
                || frame.value(u"payload"_s).toObject().value(u"nonce"_s).toString().isEmpty()))
            std::abort(); // the challenge must come first
        if (type == u"res" && frame.value(u"ok"_s).toBool())
            authenticated = true;
        if (type == u"res" && frame.value(u"id"_s).toString() == finalId)
            finalAnswered = true;
        const QString code
            = frame.value(u"error"_s).toObject().value(u"details"_s).toObject().value(u"code"_s).toString();
        if (code.startsWith(u"AUTH_"_s) && code != u"AUTH_RATE_LIMITED"_s)
            ++g_authFailures;
        frames.append(frame);
    });
    QObject::connect(&socket, &QWebSocket::binaryMessageReceived, [](const QByteArray &) {
        std::abort(); // the gateway only sends text frames
    });
    QObject::connect(&socket, &QWebSocket::disconnected, [&] { closed = true; });
    socket.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(gw.port)));
    if (!FuzzSupport::runUntil([&] { return !frames.isEmpty() || closed; }, 5000) || frames.isEmpty())
        std::abort(); // no challenge
    const QString nonce = frames.first().value(u"payload"_s).toObject().value(u"nonce"_s).toString();

    bool offeredToken = false;
    for (const QByteArray &line : lines) {
        QByteArray frame = line;
        frame.replace("$TOKEN", gw.token.toUtf8());
        frame.replace("$NONCE", nonce.toUtf8());
        offeredToken = offeredToken || frame.contains(gw.token.toUtf8());
        if (frame.startsWith('\x01'))
            socket.sendBinaryMessage(frame.mid(1));
        else
            socket.sendTextMessage(QString::fromUtf8(frame));
    }
    // A final request after the input's frames: an authenticated session answers it (in order,
    // after the input's requests); any other session has been closed by the gateway.
    socket.sendTextMessage(u"{\"type\":\"req\",\"id\":\"%1\",\"method\":\"health\",\"params\":{}}"_s.arg(finalId));
    if (!FuzzSupport::runUntil([&] { return closed || finalAnswered; }, 5000))
        std::abort(); // neither answered nor closed: a session left hanging
    if (finalAnswered && !authenticated)
        std::abort(); // a request answered on a session that never connected
    if (authenticated && !offeredToken)
        std::abort(); // in without the token
    socket.abort();
    return 0;
}
