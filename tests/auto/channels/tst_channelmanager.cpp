// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The channel manager with a loopback channel, a real SQLite file and the Ollama fake: every
// inbound message is recorded before it is acknowledged and answered exactly once (also across a
// restart in the middle of a run); strangers get a pairing code and nothing else; groups need a
// mention; the outbox retries until the platform accepts and honours retry_after.

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "channels/channelmanager.h"
#include "channels/channelstore.h"
#include "fakeollama.h"
#include "loopbackchannel.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using Gateway::Channels::DeliveryResult;
using Gateway::Channels::InboundMessage;
using TestSupport::LoopbackChannel;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

class tst_ChannelManager final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<TestGateway> m_gateway;
    QTemporaryDir m_home;
    QPointer<LoopbackChannel> m_channel;

    /// A gateway with a loopback channel of the given access policy; storage opens after the
    /// channel is added, as at a real start.
    void startGateway(const QString &dmPolicy = u"open"_s, const QStringList &allowFrom = {})
    {
        const QString url = m_ollama->baseUrl().toString();
        m_gateway = std::make_unique<TestGateway>(
            [url](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = url;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
            },
            false, m_home.path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
        m_channel = new LoopbackChannel();
        manager()->add(m_channel);
        manager()->setAccess(u"loopback"_s, dmPolicy, allowFrom);
        QVERIFY(m_gateway->service()->openStorage());
        QCOMPARE(m_channel->state(), Gateway::Channels::Channel::State::Running);
    }

    Gateway::Channels::ChannelManager *manager() const { return m_gateway->service()->channels(); }

    static InboundMessage dm(const QString &id, const QString &sender, const QString &text)
    {
        InboundMessage m;
        m.platformId = id;
        m.chatId = u"chat-"_s + sender;
        m.senderId = sender;
        m.senderName = u"Sender "_s + sender;
        m.text = text;
        return m;
    }

    int chatRequests() const
    {
        int n = 0;
        for (const auto &r : m_ollama->server().requests())
            n += r.path == u"/api/chat" ? 1 : 0;
        return n;
    }

    QString inboundState(const QString &platformId) const
    {
        const auto record = manager()->store()->inbound(u"loopback"_s, platformId);
        return record ? record->state : QString();
    }

private Q_SLOTS:
    void init()
    {
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
    }

    void cleanup()
    {
        m_gateway.reset();
        m_ollama.reset();
        QDir(m_home.path()).removeRecursively();
        QDir().mkpath(m_home.path());
    }

    void answersEachMessageOnce()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hello, "_s, u"Ana!"_s }));
        QVERIFY(m_channel->inject(dm(u"100"_s, u"ana"_s, u"Hi there"_s)));
        // Recorded before it was acknowledged.
        QVERIFY(manager()->store()->inbound(u"loopback"_s, u"100"_s).has_value());
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().first().text, u"Hello, Ana!"_s);
        QCOMPARE(m_channel->delivered().first().chatId, u"chat-ana"_s);
        QVERIFY(m_channel->typingCount() >= 1);
        QCOMPARE(inboundState(u"100"_s), u"answered"_s);
        // The platform redelivers the same update: recorded once, answered once.
        QVERIFY(m_channel->inject(dm(u"100"_s, u"ana"_s, u"Hi there"_s)));
        QTest::qWait(0);
        QCOMPARE(chatRequests(), 1);
        // The sender is a person now, with the channel identity.
        const auto identity = m_gateway->service()->people()->users()->identity(u"loopback"_s, u"ana"_s);
        QVERIFY(identity);
        QCOMPARE(m_gateway->service()->people()->user(identity->userId)->displayName, u"Sender ana"_s);
        // The outbox row is sent, with the platform's message id.
        const auto rows = manager()->store()->outbox(u"loopback"_s, 10);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().state, u"sent"_s);
        // Another message from the same person continues the same conversation.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Again!"_s }));
        QVERIFY(m_channel->inject(dm(u"101"_s, u"ana"_s, u"And again"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 2, TestSupport::WAIT_MS);
        const QJsonArray messages
            = m_ollama->server().lastRequest(u"/api/chat"_s).json().value(u"messages"_s).toArray();
        QVERIFY(messages.size() >= 4); // system, Hi there, Hello Ana, And again
    }

    void strangersGetAPairingCodeAndNothingElse()
    {
        startGateway(u"pairing"_s);
        QVERIFY(m_channel->inject(dm(u"1"_s, u"eve"_s, u"Let me in"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        const QString text = m_channel->delivered().first().text;
        const QRegularExpressionMatch match = QRegularExpression(u"pairing code is ([A-Z0-9]{8})"_s).match(text);
        QVERIFY2(match.hasMatch(), qPrintable(text));
        QCOMPARE(chatRequests(), 0);
        QVERIFY(!m_gateway->service()->people()->users()->identity(u"loopback"_s, u"eve"_s));
        // Asking again: the same code, still no model.
        QVERIFY(m_channel->inject(dm(u"2"_s, u"eve"_s, u"Please?"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 2, TestSupport::WAIT_MS);
        QVERIFY(m_channel->delivered().at(1).text.contains(match.captured(1)));
        QCOMPARE(chatRequests(), 0);

        // The owner sees the request and approves it.
        ProtocolClient owner;
        QVERIFY(owner.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }));
        const QJsonArray pending
            = owner.request(u"pairing.list"_s).value(u"payload"_s).toObject().value(u"requests"_s).toArray();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().toObject().value(u"code"_s).toString(), match.captured(1));
        QCOMPARE(owner.request(u"pairing.approve"_s, { { u"channel"_s, u"loopback"_s }, { u"code"_s, u"WRONG123"_s } })
                     .value(u"ok"_s)
                     .toBool(),
            false);
        const QJsonObject approved = owner.request(
            u"pairing.approve"_s, { { u"channel"_s, u"loopback"_s }, { u"code"_s, match.captured(1).toLower() } });
        QVERIFY(approved.value(u"ok"_s).toBool());
        QVERIFY(m_gateway->service()->people()->users()->identity(u"loopback"_s, u"eve"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 3, TestSupport::WAIT_MS);
        QVERIFY(m_channel->delivered().at(2).text.contains(u"approved"_s));
        // Now she is answered.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Welcome, Eve."_s }));
        QVERIFY(m_channel->inject(dm(u"3"_s, u"eve"_s, u"Hello?"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 4, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().at(3).text, u"Welcome, Eve."_s);
        // The decision is audited.
        const QJsonArray audit = owner.request(u"audit.list"_s, { { u"action"_s, u"pairing.*"_s } })
                                     .value(u"payload"_s)
                                     .toObject()
                                     .value(u"entries"_s)
                                     .toArray();
        QVERIFY(audit.size() >= 2); // the request and the approval
    }

    void allowlistAndGroups()
    {
        startGateway(u"allowlist"_s, { u"bob"_s });
        QVERIFY(m_channel->inject(dm(u"1"_s, u"mallory"_s, u"hi"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(inboundState(u"1"_s), u"ignored"_s, TestSupport::WAIT_MS);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hi Bob"_s }));
        QVERIFY(m_channel->inject(dm(u"2"_s, u"bob"_s, u"hi"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().first().text, u"Hi Bob"_s);

        // Group: not addressed → ignored; addressed by a known person → answered in the group.
        InboundMessage group = dm(u"3"_s, u"bob"_s, u"talking among ourselves"_s);
        group.chatType = u"group"_s;
        group.chatId = u"group-1"_s;
        QVERIFY(m_channel->inject(group));
        QTRY_COMPARE_WITH_TIMEOUT(inboundState(u"3"_s), u"ignored"_s, TestSupport::WAIT_MS);
        group.platformId = u"4"_s;
        group.mentioned = true;
        group.text = u"@skynet what time is it?"_s;
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Noon."_s }));
        QVERIFY(m_channel->inject(group));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 2, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().at(1).chatId, u"group-1"_s);
        // A stranger mentioning the bot in a group is ignored, without a pairing code.
        group.platformId = u"5"_s;
        group.senderId = u"mallory"_s;
        QVERIFY(m_channel->inject(group));
        QTRY_COMPARE_WITH_TIMEOUT(inboundState(u"5"_s), u"ignored"_s, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().size(), 2);
        QCOMPARE(chatRequests(), 2);
    }

    void outboxRetriesUntilAccepted()
    {
        startGateway();
        DeliveryResult rateLimited;
        rateLimited.outcome = DeliveryResult::Outcome::Retry;
        rateLimited.retryAfterMs = 200;
        rateLimited.error = u"429 Too Many Requests"_s;
        m_channel->failNext(rateLimited);
        DeliveryResult down;
        down.outcome = DeliveryResult::Outcome::Retry;
        down.retryAfterMs = 0;
        down.error = u"502"_s;
        m_channel->failNext(down);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Eventually."_s }));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_channel->inject(dm(u"7"_s, u"ana"_s, u"hello"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        // retry_after was honoured (not retried at once).
        QVERIFY(clock.elapsed() >= 200);
        const auto rows = manager()->store()->outbox(u"loopback"_s, 10);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().state, u"sent"_s);
        QCOMPARE(rows.first().attempts, 3);
        // A permanent failure stops the retries and is recorded.
        DeliveryResult blocked;
        blocked.outcome = DeliveryResult::Outcome::Failed;
        blocked.error = u"403 bot was blocked by the user"_s;
        m_channel->failNext(blocked);
        QVERIFY(manager()->send(u"loopback"_s, u"chat-ana"_s, u"ping"_s, u"k1"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->outbox(u"loopback"_s, 1).first().state, u"failed"_s, TestSupport::WAIT_MS);
        QCOMPARE(manager()->store()->outbox(u"loopback"_s, 1).first().lastError, blocked.error);
        // send is idempotent by key.
        const auto first = manager()->send(u"loopback"_s, u"chat-ana"_s, u"once"_s, u"k2"_s);
        const auto again = manager()->send(u"loopback"_s, u"chat-ana"_s, u"once"_s, u"k2"_s);
        QVERIFY(first && again);
        QCOMPARE(*first, *again);
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 2, TestSupport::WAIT_MS);
        QTest::qWait(0);
        QCOMPARE(m_channel->delivered().size(), 2);
        // Unknown channels are refused.
        QVERIFY(!manager()->send(u"nope"_s, u"x"_s, u"y"_s, u"k3"_s));
    }

    void restartDuringARunAnswersOnce()
    {
        startGateway();
        // The model hangs: the process stops with the message recorded but not answered.
        m_ollama->enqueue(FakeOllama::Turn::stall({ u"Half an"_s }));
        QVERIFY(m_channel->inject(dm(u"42"_s, u"ana"_s, u"Tell me a story"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), 1, TestSupport::WAIT_MS);
        QCOMPARE(inboundState(u"42"_s), u"received"_s);
        m_gateway.reset();

        // Start again: the message is picked up and answered once.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Once upon a time."_s }));
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().first().text, u"Once upon a time."_s);
        QCOMPARE(inboundState(u"42"_s), u"answered"_s);
        // And once more: nothing left to do, nothing sent twice.
        m_gateway.reset();
        startGateway();
        QTest::qWait(0);
        QCOMPARE(m_channel->delivered().size(), 0);
        QCOMPARE(manager()->store()->outbox(u"loopback"_s, 10).size(), 1);
    }

    void pendingRepliesSurviveARestart()
    {
        startGateway();
        DeliveryResult down;
        down.outcome = DeliveryResult::Outcome::Retry;
        down.retryAfterMs = 60'000; // would be sent in a minute
        m_channel->failNext(down);
        QVERIFY(manager()->send(u"loopback"_s, u"chat-x"_s, u"survive"_s, u"persist"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->outbox(u"loopback"_s, 1).first().attempts, 1, TestSupport::WAIT_MS);
        m_gateway.reset();
        startGateway();
        // Still pending and due in a minute: the restart does not send it early.
        QCOMPARE(manager()->store()->outbox(u"loopback"_s, 1).first().state, u"pending"_s);
        QCOMPARE(m_channel->delivered().size(), 0);
    }

    void statusShowsChannels()
    {
        startGateway();
        ProtocolClient owner;
        QVERIFY(owner.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }));
        const QJsonObject health = owner.request(u"health"_s).value(u"payload"_s).toObject();
        QCOMPARE(health.value(u"channelOrder"_s).toArray(), QJsonArray { u"loopback"_s });
        QCOMPARE(health.value(u"channels"_s).toObject().value(u"loopback"_s).toObject().value(u"state"_s).toString(),
            u"running"_s);
        QCOMPARE(health.value(u"channelLabels"_s).toObject().value(u"loopback"_s).toString(), u"Loopback"_s);
        const QJsonObject status = owner.request(u"channels.status"_s).value(u"payload"_s).toObject();
        QCOMPARE(status.value(u"channelOrder"_s).toArray(), QJsonArray { u"loopback"_s });
        QCOMPARE(owner.request(u"status"_s).value(u"payload"_s).toObject().value(u"channelSummary"_s).toArray(),
            QJsonArray { u"Loopback: running"_s });
    }
};

QTEST_GUILESS_MAIN(tst_ChannelManager)
#include "tst_channelmanager.moc"
