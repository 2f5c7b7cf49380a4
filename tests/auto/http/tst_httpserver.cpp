// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The HTTP side of the one port, against a real in-process gateway.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::TestGateway;

class tst_HttpServer final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestGateway> m_gateway;

    static int statusOf(const QByteArray &raw)
    {
        if (!raw.startsWith("HTTP/1.1 "))
            return 0;
        return raw.mid(9, 3).toInt();
    }

private Q_SLOTS:
    void init()
    {
        m_gateway = std::make_unique<TestGateway>([](Gateway::Config::Settings &s) {
            s.gateway.headerTimeoutMs = 700;
            s.gateway.maxBodyBytes = 1024;
        });
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
    }
    void cleanup() { m_gateway.reset(); }

    void health()
    {
        for (const QString &path : { u"/health"_s, u"/healthz"_s }) {
            const auto result = TestSupport::httpGet(m_gateway->httpUrl(path));
            QCOMPARE(result.status, 200);
            const QJsonObject body = QJsonDocument::fromJson(result.body).object();
            QCOMPARE(body.value(u"ok"_s).toBool(), true);
            QCOMPARE(body.value(u"status"_s).toString(), u"live"_s);
            QVERIFY(body.value(u"version"_s).toString().startsWith(u"skynet-"));
            QVERIFY(body.value(u"uptimeMs"_s).isDouble());
        }
    }

    void securityHeaders()
    {
        const auto result = TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s));
        bool nosniff = false;
        bool noStore = false;
        for (const auto &h : result.headers) {
            nosniff |= h.first.toLower() == "x-content-type-options" && h.second == "nosniff";
            noStore |= h.first.toLower() == "cache-control" && h.second == "no-store";
        }
        QVERIFY(nosniff);
        QVERIFY(noStore);
    }

    void readinessFollowsStorage()
    {
        m_gateway
            = std::make_unique<TestGateway>(std::function<void(Gateway::Config::Settings &)>(), /*openStorage=*/false);
        QVERIFY(m_gateway->isRunning());
        auto result = TestSupport::httpGet(m_gateway->httpUrl(u"/readyz"_s));
        QCOMPARE(result.status, 503);
        QCOMPARE(QJsonDocument::fromJson(result.body).object().value(u"failing"_s).toArray().first().toString(),
            u"storage"_s);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200); // live while not ready
        QVERIFY(m_gateway->service()->openStorage().ok());
        result = TestSupport::httpGet(m_gateway->httpUrl(u"/readyz"_s));
        QCOMPARE(result.status, 200);
        QCOMPARE(QJsonDocument::fromJson(result.body).object().value(u"ready"_s).toBool(), true);
    }

    void unknownPathAndWrongMethod()
    {
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/nope"_s)).status, 404);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health/"_s)).status, 404);
        const auto post = TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s), "POST");
        QCOMPARE(post.status, 405);
        bool allow = false;
        for (const auto &h : post.headers)
            allow |= h.first.toLower() == "allow" && h.second.contains("GET");
        QVERIFY(allow);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s), "DELETE").status, 405);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s), "HEAD").status, 200);
        // Plain GET on the WebSocket endpoint.
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/"_s)).status, 426);
    }

    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addRow("garbage") << QByteArray("\x16\x03\x01 hello\r\n\r\n") << 400;
        QTest::addRow("no version") << QByteArray("GET /health\r\n\r\n") << 400;
        QTest::addRow("HTTP/2 prior knowledge") << QByteArray("GET /health HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
        QTest::addRow("absolute URI") << QByteArray("GET http://x/health HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
        QTest::addRow("no Host on 1.1") << QByteArray("GET /health HTTP/1.1\r\n\r\n") << 400;
        QTest::addRow("bare LF") << QByteArray("GET /health HTTP/1.1\nHost: x\n\r\n\r\n") << 400;
        QTest::addRow("folded header") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n") << 400;
        QTest::addRow("header without colon") << QByteArray("GET /health HTTP/1.1\r\nHost x\r\n\r\n") << 400;
        QTest::addRow("smuggling: CL + TE") << QByteArray(
            "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                            << 400;
        QTest::addRow("smuggling: two CL")
            << QByteArray("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
            << 400;
        QTest::addRow("chunked body") << QByteArray(
            "POST /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                      << 501;
        QTest::addRow("bad CL") << QByteArray("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::addRow("body too large") << QByteArray(
            "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")
                                        << 413;
        QTest::addRow("control character in header") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\nX: a\x01"
                                                                   "b\r\n\r\n")
                                                     << 400;
        QTest::addRow("NUL in header") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n", 41) << 400;
        QTest::addRow("WebSocket on other path")
            << QByteArray("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            << 404;
    }

    void badRequests()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        const QByteArray answer = TestSupport::rawHttp(m_gateway->port(), raw);
        QCOMPARE(statusOf(answer), status);
        QVERIFY(answer.contains("Connection: close"));
        // ... and the gateway keeps serving.
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200);
    }

    void oversizedHead()
    {
        QByteArray raw = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(17 * 1024, 'a') + "\r\n\r\n";
        QCOMPARE(statusOf(TestSupport::rawHttp(m_gateway->port(), raw)), 431);
        // An endless head with no terminator is cut off at the limit too.
        QCOMPARE(
            statusOf(TestSupport::rawHttp(m_gateway->port(), "GET /health HTTP/1.1\r\nX: " + QByteArray(20000, 'b'))),
            431);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200);
    }

    void slowHeadIsDropped()
    {
        // Slowloris: a head that never completes is answered 408 and closed after the timeout.
        const QByteArray answer = TestSupport::rawHttp(m_gateway->port(), "GET /health HTTP/1.1\r\nHost: x\r\n");
        QCOMPARE(statusOf(answer), 408);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200);
    }

    void keepAliveServesSeveralRequests()
    {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_gateway->port());
        QVERIFY(socket.waitForConnected(TestSupport::WAIT_MS));
        // Two pipelined requests and a third after the answers.
        socket.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).count("HTTP/1.1 200 OK") == 2, TestSupport::WAIT_MS);
        socket.write("GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).contains("404 Not Found"), TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, TestSupport::WAIT_MS);
    }

    void http10ClosesByDefault()
    {
        const QByteArray answer = TestSupport::rawHttp(m_gateway->port(), "GET /health HTTP/1.0\r\n\r\n");
        QCOMPARE(statusOf(answer), 200);
        QVERIFY(answer.contains("Connection: close"));
    }
};

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"
