// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Gateway::LocalClient: the desktop app's in-process owner session. Calls go through the same
// dispatcher and policy as WebSocket clients; run events of followed sessions arrive as signals,
// also while no listener is bound, and only for the sessions this client follows.

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include "fakeollama.h"
#include "service/localclient.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;
using Fakes::FakeOllama;

class tst_LocalClient final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;

    std::unique_ptr<TestSupport::TestGateway> makeGateway()
    {
        const QString url = m_ollama->baseUrl().toString();
        auto gateway = std::make_unique<TestSupport::TestGateway>([url](Gateway::Config::Settings &s) {
            s.providers.ollama.baseUrl = url;
            s.providers.ollama.model = u"llama3.2"_s;
            s.providers.ollama.maxRetries = 0;
        });
        return gateway;
    }

    /// Calls and waits for the answer.
    static Gateway::LocalReply callAndWait(
        Gateway::LocalClient &client, const QString &method, const QJsonObject &params)
    {
        Gateway::LocalReply result;
        bool done = false;
        client.call(method, params, [&](const Gateway::LocalReply &reply) {
            result = reply;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, TestSupport::WAIT_MS))
            result.errorCode = u"TEST_TIMEOUT"_s;
        return result;
    }

private Q_SLOTS:
    void init()
    {
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
    }
    void cleanup() { m_ollama.reset(); }

    void callsAsTheOwner()
    {
        auto gateway = makeGateway();
        QVERIFY2(gateway->isRunning(), qPrintable(gateway->errorString()));
        Gateway::LocalClient *client = gateway->service()->createLocalClient(u"test"_s, this);
        QVERIFY(client->session().isOwner);

        // The answer never comes from inside call().
        bool answered = false;
        client->call(u"health"_s, {}, [&](const Gateway::LocalReply &) { answered = true; });
        QVERIFY(!answered);
        QTRY_VERIFY_WITH_TIMEOUT(answered, TestSupport::WAIT_MS);

        const Gateway::LocalReply status = callAndWait(*client, u"status"_s, {});
        QVERIFY2(status.ok, qPrintable(status.errorMessage));
        // An admin method works: the client holds operator.admin.
        const Gateway::LocalReply config = callAndWait(*client, u"config.get"_s, {});
        QVERIFY2(config.ok, qPrintable(config.errorMessage));
        // The local session is not a socket: it is not counted as a connected client.
        QCOMPARE(gateway->service()->clientCount(), 0);
        delete client;
    }

    void errorsAreReported()
    {
        auto gateway = makeGateway();
        Gateway::LocalClient *client = gateway->service()->createLocalClient(u"test"_s, this);
        const Gateway::LocalReply unknown = callAndWait(*client, u"no.such.method"_s, {});
        QVERIFY(!unknown.ok);
        QVERIFY(!unknown.errorCode.isEmpty());
        QVERIFY(unknown.errorCode != u"TEST_TIMEOUT");
        const Gateway::LocalReply bad = callAndWait(*client, u"chat.send"_s, { { u"message"_s, 5 } });
        QVERIFY(!bad.ok);
        QVERIFY2(bad.errorMessage.startsWith(u"invalid chat.send params"), qPrintable(bad.errorMessage));
        delete client;
    }

    void streamsRunEventsOfFollowedSessions()
    {
        auto gateway = makeGateway();
        Gateway::LocalClient *client = gateway->service()->createLocalClient(u"a"_s, this);
        Gateway::LocalClient *other = gateway->service()->createLocalClient(u"b"_s, this);
        QSignalSpy events(client, &Gateway::LocalClient::eventReceived);
        QSignalSpy otherEvents(other, &Gateway::LocalClient::eventReceived);

        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hel"_s, u"lo "_s, u"there"_s }));
        const Gateway::LocalReply sent = callAndWait(*client, u"chat.send"_s,
            { { u"sessionKey"_s, u"local"_s }, { u"message"_s, u"hi"_s }, { u"idempotencyKey"_s, u"k1"_s } });
        QVERIFY2(sent.ok, qPrintable(sent.errorMessage));

        const auto finalSeen = [&] {
            for (const QList<QVariant> &e : std::as_const(events)) {
                if (e.at(0).toString() == u"chat" && e.at(1).toJsonObject().value(u"state"_s).toString() == u"final")
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(finalSeen(), TestSupport::WAIT_MS);
        int deltas = 0;
        for (const QList<QVariant> &e : std::as_const(events)) {
            const QJsonObject payload = e.at(1).toJsonObject();
            if (e.at(0).toString() == u"chat" && payload.value(u"state"_s).toString() == u"delta")
                ++deltas;
        }
        QVERIFY2(deltas >= 2, qPrintable(QString::number(deltas)));
        const Gateway::LocalReply history
            = callAndWait(*client, u"chat.history"_s, { { u"sessionKey"_s, u"local"_s } });
        QVERIFY2(history.ok, qPrintable(history.errorMessage));
        const QJsonArray messages = history.payload.toObject().value(u"messages"_s).toArray();
        QVERIFY(!messages.isEmpty());
        QVERIFY(QJsonDocument(messages).toJson().contains("Hello there"));
        // The other client never followed the session.
        QCOMPARE(otherEvents.size(), 0);
        delete other;
        delete client;
    }

    void survivesStopAndStart()
    {
        // The client is made once; the service's listener and storage come and go under it.
        auto gateway = makeGateway();
        Gateway::LocalClient *client = gateway->service()->createLocalClient(u"a"_s, this);
        gateway->service()->stop();
        const Gateway::LocalReply stopped = callAndWait(*client, u"chat.history"_s, { { u"sessionKey"_s, u"x"_s } });
        QVERIFY(stopped.errorCode != u"TEST_TIMEOUT"); // storage closed: still an answer, no crash
        QVERIFY(gateway->service()->start().ok());
        QSignalSpy events(client, &Gateway::LocalClient::eventReceived);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"offline "_s, u"ok"_s }));
        const Gateway::LocalReply sent = callAndWait(*client, u"chat.send"_s,
            { { u"sessionKey"_s, u"nolisten"_s }, { u"message"_s, u"hi"_s }, { u"idempotencyKey"_s, u"k2"_s } });
        QVERIFY2(sent.ok, qPrintable(sent.errorMessage));
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 2, TestSupport::WAIT_MS);
        delete client;
    }

    void destroyedClientGetsNothing()
    {
        auto gateway = makeGateway();
        Gateway::LocalClient *client = gateway->service()->createLocalClient(u"a"_s, this);
        bool called = false;
        client->call(u"health"_s, {}, [&](const Gateway::LocalReply &) { called = true; });
        delete client;
        // A later client still works, and the first callback never runs.
        Gateway::LocalClient *next = gateway->service()->createLocalClient(u"b"_s, this);
        QVERIFY(callAndWait(*next, u"health"_s, {}).ok);
        QVERIFY(!called);
        delete next;
    }
};

QTEST_GUILESS_MAIN(tst_LocalClient)
#include "tst_localclient.moc"
