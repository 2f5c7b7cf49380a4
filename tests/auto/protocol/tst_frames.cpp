// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Frame parsing: every malformed input is a clear error, with the id kept where there is one.

#include <QJsonDocument>
#include <QTest>

#include "protocol/dispatcher.h"
#include "protocol/frames.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Protocol;

class tst_Frames final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid()
    {
        auto parsed = parseRequest(R"({"type":"req","id":"1:abc","method":"health","params":{"probe":true}})");
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->id, u"1:abc"_s);
        QCOMPARE(parsed->method, u"health"_s);
        QCOMPARE(parsed->params.value(u"probe"_s).toBool(), true);

        auto noParams = parseRequest(R"({"type":"req","id":"2","method":"status"})");
        QVERIFY(noParams.ok());
        QVERIFY(noParams->params.isEmpty());
        auto nullParams = parseRequest(R"({"type":"req","id":"3","method":"status","params":null})");
        QVERIFY(nullParams.ok());
        // Extra v4 fields are tolerated.
        QVERIFY(
            parseRequest(R"({"type":"req","id":"4","method":"x","traceparent":"bad","expectedProfileId":"p"})").ok());
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("message");
        QTest::addRow("empty") << QByteArray() << QString() << u"invalid frame: not JSON"_s;
        QTest::addRow("garbage") << QByteArray("\xff\xfe\x00garbage", 10) << QString() << u"invalid frame: not JSON"_s;
        QTest::addRow("truncated") << QByteArray(R"({"type":"req","id":"1")") << QString()
                                   << u"invalid frame: not JSON"_s;
        QTest::addRow("array") << QByteArray("[]") << QString() << u"invalid frame: expected a JSON object"_s;
        QTest::addRow("string") << QByteArray("\"req\"") << QString() << u"invalid frame"_s;
        QTest::addRow("no type") << QByteArray(R"({"id":"5","method":"x"})") << u"5"_s << u"invalid frame: missing"_s;
        QTest::addRow("event type") << QByteArray(R"({"type":"event","id":"6"})") << u"6"_s
                                    << u"invalid frame: clients send only"_s;
        QTest::addRow("no id") << QByteArray(R"({"type":"req","method":"x"})") << QString()
                               << u"invalid request: missing \"id\""_s;
        QTest::addRow("numeric id") << QByteArray(R"({"type":"req","id":1,"method":"x"})") << QString()
                                    << u"invalid request: \"id\""_s;
        QTest::addRow("huge id") << (R"({"type":"req","id":")" + QByteArray(300, 'a') + R"(","method":"x"})")
                                 << QString() << u"invalid request: \"id\""_s;
        QTest::addRow("no method") << QByteArray(R"({"type":"req","id":"7"})") << u"7"_s
                                   << u"invalid request: \"method\""_s;
        QTest::addRow("empty method") << QByteArray(R"({"type":"req","id":"8","method":""})") << u"8"_s
                                      << u"invalid request: \"method\""_s;
        QTest::addRow("params array") << QByteArray(R"({"type":"req","id":"9","method":"x","params":[]})") << u"9"_s
                                      << u"invalid request: \"params\""_s;
        QTest::addRow("params string") << QByteArray(R"({"type":"req","id":"10","method":"x","params":"a"})") << u"10"_s
                                       << u"invalid request: \"params\""_s;
        QTest::addRow("deep nesting") << (QByteArray(5000, '[') + QByteArray(5000, ']')) << QString()
                                      << u"invalid frame"_s;
    }

    void invalid()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, id);
        QFETCH(QString, message);
        auto parsed = parseRequest(frame);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().id, id);
        QVERIFY2(parsed.error().message.startsWith(message), qPrintable(parsed.error().message));
    }

    void serialization()
    {
        const QJsonObject res = QJsonDocument::fromJson(responseFrame(u"a"_s, QJsonObject { { u"x"_s, 1 } })).object();
        QCOMPARE(res.value(u"type"_s).toString(), u"res"_s);
        QCOMPARE(res.value(u"ok"_s).toBool(), true);
        QCOMPARE(res.keys().size(), 4);

        ProtocolError error = ProtocolError::invalidRequest(u"bad"_s, u"SOME_CODE"_s);
        error.retryable = true;
        error.retryAfterMs = 500;
        const QJsonObject err = QJsonDocument::fromJson(errorFrame(u"b"_s, error)).object();
        QCOMPARE(err.value(u"ok"_s).toBool(), false);
        const QJsonObject e = err.value(u"error"_s).toObject();
        QCOMPARE(e.value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QCOMPARE(e.value(u"details"_s).toObject().value(u"code"_s).toString(), u"SOME_CODE"_s);
        QCOMPARE(e.value(u"retryAfterMs"_s).toInt(), 500);

        const QJsonObject ev = QJsonDocument::fromJson(eventFrame(u"tick"_s, QJsonObject {}, -1)).object();
        QVERIFY(!ev.contains(u"seq"_s));
        QCOMPARE(QJsonDocument::fromJson(eventFrame(u"tick"_s, QJsonObject {}, 7)).object().value(u"seq"_s).toInt(), 7);
    }

    void scopes()
    {
        QVERIFY(Dispatcher::scopeSatisfies({ u"operator.admin"_s }, u"operator.write"_s));
        QVERIFY(Dispatcher::scopeSatisfies({ u"operator.write"_s }, u"operator.read"_s));
        QVERIFY(!Dispatcher::scopeSatisfies({ u"operator.read"_s }, u"operator.write"_s));
        QVERIFY(!Dispatcher::scopeSatisfies({ u"operator.approvals"_s }, u"operator.read"_s));
        QVERIFY(!Dispatcher::scopeSatisfies({}, u"operator.read"_s));
        QVERIFY(Dispatcher::scopeSatisfies({}, QString()));
    }
};

QTEST_APPLESS_MAIN(tst_Frames)
#include "tst_frames.moc"
