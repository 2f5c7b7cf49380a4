// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The request-head parser on its own.

#include <QTest>

#include "http/httprequest.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Http;

class tst_HttpRequest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesHead()
    {
        auto r = parseRequestHead("GET /a%20b?x=1&token=t HTTP/1.1\r\nHost: h:1\r\nUpgrade:  WebSocket \r\n"
                                  "Connection: keep-alive, Upgrade\r\n\r\n");
        QVERIFY(r.ok());
        QCOMPARE(r->method, QByteArray("GET"));
        QCOMPARE(r->path, u"/a b"_s);
        QCOMPARE(r->query, QByteArray("x=1&token=t"));
        QCOMPARE(r->header("host"), QByteArray("h:1"));
        QVERIFY(r->isWebSocketUpgrade());
        QVERIFY(r->wantsKeepAlive());
        QCOMPARE(r->contentLength(), -1);
    }

    void keepAlive()
    {
        QVERIFY(!parseRequestHead("GET / HTTP/1.0\r\n\r\n")->wantsKeepAlive());
        QVERIFY(parseRequestHead("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")->wantsKeepAlive());
        QVERIFY(!parseRequestHead("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")->wantsKeepAlive());
    }

    void notAnUpgrade()
    {
        QVERIFY(!parseRequestHead("POST / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n")
                     ->isWebSocketUpgrade());
        QVERIFY(!parseRequestHead("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n")->isWebSocketUpgrade());
        QVERIFY(!parseRequestHead("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\n")
                     ->isWebSocketUpgrade());
    }

    void response()
    {
        Response r = Response::error(404, u"x"_s);
        r.headers.append({ QByteArrayLiteral("X-A"), QByteArrayLiteral("b") });
        const QByteArray out = serializeResponse(r, false, false);
        QVERIFY(out.startsWith("HTTP/1.1 404 Not Found\r\n"));
        QVERIFY(out.contains(QByteArray("Content-Length: " + QByteArray::number(r.body.size()) + "\r\n")));
        QVERIFY(out.contains("X-A: b\r\n"));
        QVERIFY(out.endsWith(r.body));
        QVERIFY(serializeResponse(r, true, true).endsWith("\r\n\r\n"));
    }
};

QTEST_APPLESS_MAIN(tst_HttpRequest)
#include "tst_httprequest.moc"
