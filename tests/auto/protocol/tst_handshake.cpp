// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The OpenClaw handshake against a real in-process gateway with real QWebSocket clients: every
// failure gets the error code and close code of openclaw-protocol.md, and the gateway keeps
// serving other clients afterwards.

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include "config/settings.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

class tst_Handshake final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestGateway> m_gateway;

    // After every failure case: a fresh client still gets served.
    void verifyStillServing()
    {
        ProtocolClient other;
        QVERIFY(other.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        const QJsonObject health = other.request(u"health"_s);
        QCOMPARE(health.value(u"ok"_s).toBool(), true);
        QCOMPARE(health.value(u"payload"_s).toObject().value(u"ok"_s).toBool(), true);
    }

    static QJsonObject errorOf(const QJsonObject &response) { return response.value(u"error"_s).toObject(); }
    static QString detailCode(const QJsonObject &response)
    {
        return errorOf(response).value(u"details"_s).toObject().value(u"code"_s).toString();
    }

private Q_SLOTS:
    void init()
    {
        m_gateway = std::make_unique<TestGateway>([](Gateway::Config::Settings &s) {
            s.gateway.handshakeTimeoutMs = 1500;
            s.gateway.tickIntervalMs = 1000;
        });
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
    }

    void cleanup() { m_gateway.reset(); }

    void challengeComesFirst()
    {
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        const QJsonObject challenge = client.challenge();
        QCOMPARE(client.frames().first(), challenge);
        QCOMPARE(challenge.value(u"type"_s).toString(), u"event"_s);
        const QJsonObject payload = challenge.value(u"payload"_s).toObject();
        QVERIFY(!payload.value(u"nonce"_s).toString().isEmpty());
        QVERIFY(payload.value(u"ts"_s).toInteger() > 0);
        QVERIFY(!challenge.contains(u"seq"_s));

        ProtocolClient second;
        QVERIFY(second.open(m_gateway->wsUrl()));
        QVERIFY(second.challenge().value(u"payload"_s).toObject().value(u"nonce"_s) != payload.value(u"nonce"_s));
    }

    void helloOkIsComplete_data()
    {
        QTest::addColumn<int>("minProtocol");
        QTest::addColumn<int>("maxProtocol");
        QTest::addColumn<int>("expected");
        QTest::addRow("v3-only client") << 3 << 3 << 3;
        QTest::addRow("v4-only client") << 4 << 4 << 4;
        QTest::addRow("3..4 probe-style client") << 3 << 4 << 4;
        QTest::addRow("future client 4..6") << 4 << 6 << 4;
        QTest::addRow("old range 1..3") << 1 << 3 << 3;
    }

    void helloOkIsComplete()
    {
        QFETCH(int, minProtocol);
        QFETCH(int, maxProtocol);
        QFETCH(int, expected);
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        const QJsonObject response
            = client.connect(ProtocolClient::connectParams(m_gateway->token(), minProtocol, maxProtocol));
        QCOMPARE(response.value(u"type"_s).toString(), u"res"_s);
        QCOMPARE(response.value(u"id"_s).toString(), u"c1"_s);
        QVERIFY2(response.value(u"ok"_s).toBool(), QJsonDocument(response).toJson().constData());
        const QJsonObject hello = response.value(u"payload"_s).toObject();
        QCOMPARE(hello.value(u"type"_s).toString(), u"hello-ok"_s);
        QCOMPARE(hello.value(u"protocol"_s).toInt(), expected);
        const QJsonObject server = hello.value(u"server"_s).toObject();
        QVERIFY(server.value(u"version"_s).toString().startsWith(u"skynet-"));
        QVERIFY(!server.value(u"connId"_s).toString().isEmpty());
        const QJsonObject features = hello.value(u"features"_s).toObject();
        const QStringList methods = features.value(u"methods"_s).toVariant().toStringList();
        for (const QString &method : { u"health"_s, u"status"_s, u"system-presence"_s, u"models.list"_s,
                 u"agents.list"_s, u"sessions.list"_s, u"commands.list"_s })
            QVERIFY2(methods.contains(method), qPrintable(method));
        const QStringList events = features.value(u"events"_s).toVariant().toStringList();
        QVERIFY(events.contains(u"tick"_s));
        QVERIFY(events.contains(u"connect.challenge"_s));
        const QJsonObject snapshot = hello.value(u"snapshot"_s).toObject();
        QVERIFY(snapshot.value(u"presence"_s).isArray());
        QVERIFY(snapshot.value(u"health"_s).isObject());
        QVERIFY(snapshot.value(u"stateVersion"_s).isObject());
        QVERIFY(snapshot.value(u"uptimeMs"_s).isDouble());
        QCOMPARE(snapshot.value(u"sessionDefaults"_s).toObject().value(u"mainSessionKey"_s).toString(),
            u"agent:main:main"_s);
        const QJsonObject auth = hello.value(u"auth"_s).toObject();
        QCOMPARE(auth.value(u"role"_s).toString(), u"operator"_s);
        QCOMPARE(auth.value(u"scopes"_s).toArray(), QJsonArray { u"operator.read"_s });
        const QJsonObject policy = hello.value(u"policy"_s).toObject();
        QCOMPARE(policy.value(u"maxPayload"_s).toInteger(), 26214400);
        QCOMPARE(policy.value(u"maxBufferedBytes"_s).toInteger(), 52428800);
        QCOMPARE(policy.value(u"tickIntervalMs"_s).toInt(), 1000);
    }

    void featureMethodsAreExactlyTheServedOnes()
    {
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        const QJsonObject hello
            = client.connect(ProtocolClient::connectParams(m_gateway->token(), 3, 4, { u"operator.admin"_s }))
                  .value(u"payload"_s)
                  .toObject();
        // Every advertised method is served: called without params it answers, either with a
        // result, with a params error, or (a feature switched off in the config, e.g. the admin
        // terminal) with UNAVAILABLE — never "unknown method".
        for (const QJsonValue &method : hello.value(u"features"_s).toObject().value(u"methods"_s).toArray()) {
            const QJsonObject response = client.request(method.toString());
            QCOMPARE(response.value(u"type"_s).toString(), u"res"_s);
            if (!response.value(u"ok"_s).toBool()) {
                const QString code = errorOf(response).value(u"code"_s).toString();
                if (code == u"UNAVAILABLE") {
                    QVERIFY2(method.toString().startsWith(u"terminal."_s), qPrintable(method.toString()));
                    continue;
                }
                QCOMPARE(code, u"INVALID_REQUEST"_s);
                QVERIFY2(errorOf(response).value(u"message"_s).toString().startsWith(u"invalid "),
                    qPrintable(method.toString() + u": "_s + errorOf(response).value(u"message"_s).toString()));
            }
        }
    }

    void noScopesMeansAdmin()
    {
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        QJsonObject params = ProtocolClient::connectParams(m_gateway->token());
        params.remove(u"scopes"_s);
        const QJsonObject hello = client.connect(params).value(u"payload"_s).toObject();
        QCOMPARE(hello.value(u"auth"_s).toObject().value(u"scopes"_s).toArray(), QJsonArray { u"operator.admin"_s });
    }

    void passwordFieldCarriesTheToken()
    {
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        QJsonObject params = ProtocolClient::connectParams(QString());
        params.insert(u"auth"_s, QJsonObject { { u"password"_s, m_gateway->token() } });
        QVERIFY(client.connect(params).value(u"ok"_s).toBool());
    }

    void authFailures_data()
    {
        QTest::addColumn<QJsonValue>("auth");
        QTest::addColumn<QString>("detail");
        QTest::addRow("wrong token") << QJsonValue(QJsonObject { { u"token"_s, u"not-the-token"_s } })
                                     << u"AUTH_TOKEN_MISMATCH"_s;
        QTest::addRow("token prefix") << QJsonValue(QJsonObject { { u"token"_s, u"x"_s } }) << u"AUTH_TOKEN_MISMATCH"_s;
        QTest::addRow("empty token") << QJsonValue(QJsonObject { { u"token"_s, QString() } })
                                     << u"AUTH_TOKEN_MISSING"_s;
        QTest::addRow("no auth object") << QJsonValue(QJsonValue::Undefined) << u"AUTH_TOKEN_MISSING"_s;
        QTest::addRow("number token") << QJsonValue(QJsonObject { { u"token"_s, 12345 } }) << u"AUTH_TOKEN_MISSING"_s;
    }

    void authFailures()
    {
        QFETCH(QJsonValue, auth);
        QFETCH(QString, detail);
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        QJsonObject params = ProtocolClient::connectParams(QString());
        if (!auth.isUndefined())
            params.insert(u"auth"_s, auth);
        const QJsonObject response = client.connect(params);
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QCOMPARE(detailCode(response), detail);
        QVERIFY(errorOf(response).value(u"message"_s).toString().startsWith(u"unauthorized"));
        QCOMPARE(client.waitForClose(), 1008);
        QVERIFY(!client.closeReason().isEmpty());
        // The rejected secret is never echoed back.
        QVERIFY(!QJsonDocument(response).toJson().contains("not-the-token"));
        verifyStillServing();
    }

    void protocolMismatch_data()
    {
        QTest::addColumn<int>("minProtocol");
        QTest::addColumn<int>("maxProtocol");
        QTest::addRow("too old 1..2") << 1 << 2;
        QTest::addRow("too new 5..6") << 5 << 6;
    }

    void protocolMismatch()
    {
        QFETCH(int, minProtocol);
        QFETCH(int, maxProtocol);
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        const QJsonObject response
            = client.connect(ProtocolClient::connectParams(m_gateway->token(), minProtocol, maxProtocol));
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QCOMPARE(errorOf(response).value(u"message"_s).toString(), u"protocol mismatch"_s);
        const QJsonObject details = errorOf(response).value(u"details"_s).toObject();
        QCOMPARE(details.value(u"code"_s).toString(), u"PROTOCOL_MISMATCH"_s);
        QCOMPARE(details.value(u"clientMinProtocol"_s).toInt(), minProtocol);
        QCOMPARE(details.value(u"clientMaxProtocol"_s).toInt(), maxProtocol);
        QCOMPARE(details.value(u"expectedProtocol"_s).toInt(), 4);
        QCOMPARE(details.value(u"minimumProbeProtocol"_s).toInt(), 3);
        QCOMPARE(client.waitForClose(), 1002);
        verifyStillServing();
    }

    void firstFrameNotConnect()
    {
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        const QJsonObject response = client.request(u"health"_s, {}, u"h1"_s);
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QCOMPARE(
            errorOf(response).value(u"message"_s).toString(), u"invalid handshake: first request must be connect"_s);
        QCOMPARE(client.waitForClose(), 1008);
        verifyStillServing();
    }

    void badFramesBeforeConnect_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("binary");
        QTest::addRow("invalid JSON") << QByteArray("{\"type\":\"req\",") << false;
        QTest::addRow("JSON array") << QByteArray("[1,2,3]") << false;
        QTest::addRow("not a req") << QByteArray(R"({"type":"event","event":"x"})") << false;
        QTest::addRow("missing id") << QByteArray(R"({"type":"req","method":"connect","params":{}})") << false;
        QTest::addRow("binary frame") << QByteArray("\x00\x01\x02", 3) << true;
        QTest::addRow("empty text") << QByteArray() << false;
    }

    void badFramesBeforeConnect()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, binary);
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        if (binary)
            client.sendBinary(frame);
        else
            client.sendText(frame);
        QCOMPARE(client.waitForClose(), 1008);
        verifyStillServing();
    }

    void invalidConnectParams_data()
    {
        QTest::addColumn<QJsonObject>("params");
        const QJsonObject good = ProtocolClient::connectParams(u"t"_s);
        QJsonObject p = good;
        p.remove(u"minProtocol"_s);
        QTest::addRow("no minProtocol") << p;
        p = good;
        p.insert(u"maxProtocol"_s, u"4"_s);
        QTest::addRow("string maxProtocol") << p;
        p = good;
        p.insert(u"minProtocol"_s, 5);
        p.insert(u"maxProtocol"_s, 3);
        QTest::addRow("min above max") << p;
        p = good;
        p.remove(u"client"_s);
        QTest::addRow("no client") << p;
        p = good;
        p.insert(u"client"_s, QJsonObject { { u"id"_s, u"cli"_s } });
        QTest::addRow("client without mode") << p;
        p = good;
        p.insert(u"role"_s, u"node"_s);
        QTest::addRow("node role") << p;
        p = good;
        p.insert(u"scopes"_s, u"operator.read"_s);
        QTest::addRow("scopes not an array") << p;
        p = good;
        p.insert(u"auth"_s, u"token"_s);
        QTest::addRow("auth not an object") << p;
    }

    void invalidConnectParams()
    {
        QFETCH(QJsonObject, params);
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        const QJsonObject response = client.connect(params);
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QVERIFY(errorOf(response).value(u"message"_s).toString().startsWith(u"invalid connect params"));
        QCOMPARE(client.waitForClose(), 1008);
        verifyStillServing();
    }

    void oversizeFrameBeforeConnect()
    {
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        // 64 KiB is the limit before connect: one byte more closes with 1009 (message too big).
        client.sendText(QByteArray(64 * 1024 + 1, 'x'));
        QCOMPARE(client.waitForClose(), 1009);
        verifyStillServing();
    }

    void largeFrameAfterConnectIsAllowed()
    {
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        // Beyond the pre-connect limit but within maxPayload: answered normally.
        const QJsonObject frame { { u"type"_s, u"req"_s }, { u"id"_s, u"big"_s }, { u"method"_s, u"health"_s },
            { u"params"_s, QJsonObject { { u"padding"_s, QString(200 * 1024, u'p') } } } };
        client.sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
        QCOMPARE(client.waitForResponse(u"big"_s).value(u"ok"_s).toBool(), true);
    }

    void oversizeFrameAfterConnect()
    {
        m_gateway
            = std::make_unique<TestGateway>([](Gateway::Config::Settings &s) { s.gateway.maxPayload = 256 * 1024; });
        QVERIFY(m_gateway->isRunning());
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        client.sendText(QByteArray(256 * 1024 + 1, 'x'));
        QCOMPARE(client.waitForClose(), 1009);
        verifyStillServing();
    }

    void badFramesAfterConnectKeepTheSocket_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("answeredId"); // empty: no answer possible
        QTest::addColumn<QString>("messageStart");
        QTest::addRow("invalid JSON") << QByteArray("{nope") << QString() << QString();
        QTest::addRow("missing id") << QByteArray(R"({"type":"req","method":"health"})") << QString() << QString();
        QTest::addRow("empty id") << QByteArray(R"({"type":"req","id":"","method":"health"})") << QString()
                                  << QString();
        QTest::addRow("numeric id") << QByteArray(R"({"type":"req","id":7,"method":"health"})") << QString()
                                    << QString();
        QTest::addRow("unknown method") << QByteArray(R"({"type":"req","id":"u1","method":"no.such.method"})")
                                        << u"u1"_s << u"unknown method: no.such.method"_s;
        QTest::addRow("missing method") << QByteArray(R"({"type":"req","id":"m1"})") << u"m1"_s << u"invalid request"_s;
        QTest::addRow("params not object") << QByteArray(R"({"type":"req","id":"p1","method":"health","params":[1]})")
                                           << u"p1"_s << u"invalid request"_s;
        QTest::addRow("res frame from client")
            << QByteArray(R"({"type":"res","id":"x1","ok":true})") << u"x1"_s << u"invalid frame"_s;
        QTest::addRow("binary") << QByteArray() << QString() << QString();
    }

    void badFramesAfterConnectKeepTheSocket()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, answeredId);
        QFETCH(QString, messageStart);
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        if (frame.isEmpty())
            client.sendBinary(QByteArray("\x01\x02", 2));
        else
            client.sendText(frame);
        if (!answeredId.isEmpty()) {
            const QJsonObject response = client.waitForResponse(answeredId);
            QCOMPARE(response.value(u"ok"_s).toBool(), false);
            QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
            QVERIFY2(errorOf(response).value(u"message"_s).toString().startsWith(messageStart),
                qPrintable(errorOf(response).value(u"message"_s).toString()));
        }
        // The socket stays open and serves the next request.
        const QJsonObject health = client.request(u"health"_s);
        QCOMPARE(health.value(u"ok"_s).toBool(), true);
        QVERIFY(client.isOpen());
    }

    void duplicateConnect()
    {
        ProtocolClient reader;
        QVERIFY(reader.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        const QJsonObject denied = reader.connect(ProtocolClient::connectParams(m_gateway->token()), u"again"_s);
        QCOMPARE(denied.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorOf(denied).value(u"code"_s).toString(), u"FORBIDDEN"_s);
        QCOMPARE(detailCode(denied), u"MISSING_SCOPE"_s);
        QVERIFY(reader.isOpen());

        ProtocolClient admin;
        QVERIFY(admin.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }));
        const QJsonObject again = admin.connect(ProtocolClient::connectParams(m_gateway->token()), u"again"_s);
        QCOMPARE(again.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorOf(again).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QCOMPARE(detailCode(again), u"ALREADY_CONNECTED"_s);
        QCOMPARE(admin.request(u"health"_s).value(u"ok"_s).toBool(), true);
    }

    void handshakeTimeout()
    {
        ProtocolClient idle;
        QVERIFY(idle.open(m_gateway->wsUrl()));
        QCOMPARE(idle.waitForClose(), 1008);
        QCOMPARE(idle.closeReason(), u"connect timeout"_s);
        verifyStillServing();
    }

    void ticksCarryIncreasingSeq()
    {
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        QVERIFY(QTest::qWaitFor(
            [&] {
                int ticks = 0;
                for (const QJsonObject &f : client.frames())
                    ticks += f.value(u"event"_s).toString() == u"tick" ? 1 : 0;
                return ticks >= 2;
            },
            TestSupport::WAIT_MS));
        qint64 last = 0;
        for (const QJsonObject &frame : client.frames()) {
            if (frame.value(u"type"_s).toString() != u"event"
                || frame.value(u"event"_s).toString() == u"connect.challenge")
                continue;
            const qint64 seq = frame.value(u"seq"_s).toInteger();
            QCOMPARE(seq, last + 1);
            last = seq;
            QVERIFY(frame.value(u"payload"_s).toObject().value(u"ts"_s).toInteger() > 0);
        }
        QVERIFY(last >= 2);
    }

    void scopeIsEnforced()
    {
        // health needs operator.read; a client holding only approvals is refused, socket kept.
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.approvals"_s }));
        const QJsonObject response = client.request(u"health"_s);
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"FORBIDDEN"_s);
        QCOMPARE(detailCode(response), u"MISSING_SCOPE"_s);
        QCOMPARE(
            errorOf(response).value(u"details"_s).toObject().value(u"missingScope"_s).toString(), u"operator.read"_s);
        QVERIFY(client.isOpen());
    }

    void passwordMode()
    {
        m_gateway = std::make_unique<TestGateway>([](Gateway::Config::Settings &s) {
            s.gateway.auth = u"password"_s;
            s.gateway.password = u"secret:gateway.token"_s; // reuse the stored secret as the password
        });
        QVERIFY(m_gateway->isRunning());
        ProtocolClient good;
        QVERIFY(good.open(m_gateway->wsUrl()));
        QJsonObject params = ProtocolClient::connectParams(QString());
        params.insert(u"auth"_s, QJsonObject { { u"password"_s, m_gateway->token() } });
        QVERIFY(good.connect(params).value(u"ok"_s).toBool());

        ProtocolClient bad;
        QVERIFY(bad.open(m_gateway->wsUrl()));
        params.insert(u"auth"_s, QJsonObject { { u"password"_s, u"wrong"_s } });
        const QJsonObject response = bad.connect(params);
        QCOMPARE(detailCode(response), u"AUTH_PASSWORD_MISMATCH"_s);
        QCOMPARE(bad.waitForClose(), 1008);

        ProtocolClient missing;
        QVERIFY(missing.open(m_gateway->wsUrl()));
        QCOMPARE(detailCode(missing.connect(ProtocolClient::connectParams(QString()))), u"AUTH_PASSWORD_MISSING"_s);
    }

    void bruteForceIsRateLimited()
    {
        // Ten free failures, then the address waits (AUTH_RATE_LIMITED with retryAfterMs) even
        // with the right token.
        for (int i = 0; i < 11; ++i) {
            ProtocolClient client;
            QVERIFY(client.open(m_gateway->wsUrl()));
            const QJsonObject response = client.connect(ProtocolClient::connectParams(u"guess-%1"_s.arg(i)));
            QCOMPARE(detailCode(response), u"AUTH_TOKEN_MISMATCH"_s);
        }
        ProtocolClient limited;
        QVERIFY(limited.open(m_gateway->wsUrl()));
        const QJsonObject response = limited.connect(ProtocolClient::connectParams(m_gateway->token()));
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(detailCode(response), u"AUTH_RATE_LIMITED"_s);
        QVERIFY(errorOf(response).value(u"retryAfterMs"_s).toInteger() > 0);
        QCOMPARE(errorOf(response).value(u"retryable"_s).toBool(), true);
        QCOMPARE(limited.waitForClose(), 1008);
    }

    void foreignOriginIsRefused()
    {
        ProtocolClient browser;
        QVERIFY(!browser.open(m_gateway->wsUrl(), "https://evil.example"));
        ProtocolClient local;
        QVERIFY(local.open(m_gateway->wsUrl(), "http://127.0.0.1:" + QByteArray::number(m_gateway->port())));
    }

    void clientCountFollowsConnections()
    {
        QSignalSpy spy(m_gateway->service(), &Gateway::Service::clientCountChanged);
        QCOMPARE(m_gateway->service()->clientCount(), 0);
        {
            ProtocolClient a;
            QVERIFY(a.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
            ProtocolClient b;
            QVERIFY(b.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
            QTRY_COMPARE(m_gateway->service()->clientCount(), 2);
            const QJsonArray presence = a.request(u"system-presence"_s).value(u"payload"_s).toArray();
            QCOMPARE(presence.size(), 3); // the gateway itself plus both clients
            QCOMPARE(presence.first().toObject().value(u"reason"_s).toString(), u"self"_s);
        }
        QTRY_COMPARE(m_gateway->service()->clientCount(), 0);
        QVERIFY(spy.count() >= 4);
    }

    void shutdownEventThenClose()
    {
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        m_gateway->service()->stop();
        const QJsonObject shutdown = client.waitForEvent(u"shutdown"_s);
        QCOMPARE(shutdown.value(u"payload"_s).toObject().value(u"reason"_s).toString(), u"stop"_s);
        QCOMPARE(client.waitForClose(), 1001);
    }
};

QTEST_GUILESS_MAIN(tst_Handshake)
#include "tst_handshake.moc"
