// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The channel manager with a loopback channel, a real SQLite file and the Ollama fake: every
// inbound message is recorded before it is acknowledged and answered exactly once (also across a
// restart in the middle of a run); strangers get a pairing code and nothing else; groups need a
// mention; the outbox retries until the platform accepts and honours retry_after. Streaming: on a
// channel with edits one draft is posted, edited as the model writes, and the final reply edits it
// (also after a restart in the middle of the run); channels without edits get no draft.

#include <QDir>
#include <QJsonArray>
#include <QMap>
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

namespace
{

/// What a platform with editable messages shows: message id → text. It outlives the channels of
/// a test (a restart creates a new channel, the platform keeps its messages).
struct Platform
{
    QMap<int, QString> messages;
    int posts = 0; ///< messages created (drafts and replies)
    int draftEdits = 0;
    QList<Gateway::Channels::OutboundMessage> deliveries;

    QString post(const QString &text)
    {
        messages.insert(++posts, text);
        return QString::number(posts);
    }
};

/// A channel whose messages can be edited (as Telegram's and Discord's), over a Platform.
class EditingChannel final : public Gateway::Channels::Channel
{
    Q_OBJECT

public:
    explicit EditingChannel(Platform *platform, QObject *parent = nullptr) : Channel(parent), m_platform(platform) { }

    QString id() const override { return u"editing"_s; }
    QString label() const override { return u"Editing"_s; }
    void start() override { setState(State::Running); }
    void stop() override { setState(State::Stopped); }
    bool supportsEdits() const override { return true; }
    void typing(const QString &, const QString &) override { }
    bool inject(const InboundMessage &message)
    {
        InboundMessage m = message;
        m.channel = id();
        return hand(m);
    }
    void deliver(
        const Gateway::Channels::OutboundMessage &message, std::function<void(const DeliveryResult &)> done) override
    {
        m_platform->deliveries.append(message);
        DeliveryResult result;
        if (!message.editMessageId.isEmpty() && m_platform->messages.contains(message.editMessageId.toInt())) {
            m_platform->messages.insert(message.editMessageId.toInt(), message.text);
            result.platformMessageId = message.editMessageId;
        } else {
            result.platformMessageId = m_platform->post(message.text);
        }
        done(result);
    }
    void edit(
        const Gateway::Channels::OutboundMessage &message, std::function<void(const DeliveryResult &)> done) override
    {
        DeliveryResult result;
        if (message.editMessageId.isEmpty()) {
            result.platformMessageId = m_platform->post(message.text);
        } else {
            ++m_platform->draftEdits;
            m_platform->messages.insert(message.editMessageId.toInt(), message.text);
            result.platformMessageId = message.editMessageId;
        }
        // Asynchronous, as a platform answers.
        QTimer::singleShot(0, this, [done, result] { done(result); });
    }

private:
    Platform *m_platform;
};

} // namespace

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

    QString inboundState(const QString &platformId) const { return inboundStateOf(u"loopback"_s, platformId); }

    QString inboundStateOf(const QString &channel, const QString &platformId) const
    {
        const auto record = manager()->store()->inbound(channel, platformId);
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
        QSignalSpy requested(manager(), &Gateway::Channels::ChannelManager::pairingRequested);
        QVERIFY(m_channel->inject(dm(u"1"_s, u"eve"_s, u"Let me in"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        const QString text = m_channel->delivered().first().text;
        const QRegularExpressionMatch match = QRegularExpression(u"pairing code is ([A-Z0-9]{8})"_s).match(text);
        QVERIFY2(match.hasMatch(), qPrintable(text));
        QCOMPARE(chatRequests(), 0);
        QVERIFY(!m_gateway->service()->people()->users()->identity(u"loopback"_s, u"eve"_s));
        // The desktop is told once: channel, code, the sender's name.
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toString(), u"loopback"_s);
        QCOMPARE(requested.first().at(1).toString(), match.captured(1));
        QCOMPARE(requested.first().at(2).toString(), u"Sender eve"_s);
        // Asking again: the same code, still no model, no second notification.
        QVERIFY(m_channel->inject(dm(u"2"_s, u"eve"_s, u"Please?"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 2, TestSupport::WAIT_MS);
        QVERIFY(m_channel->delivered().at(1).text.contains(match.captured(1)));
        QCOMPARE(chatRequests(), 0);
        QCOMPARE(requested.size(), 1);

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

    void chatAllowlist()
    {
        startGateway(u"allowlist"_s, { u"bob"_s });
        manager()->setAccess(u"loopback"_s, u"allowlist"_s, { u"bob"_s }, { u"team-room"_s });
        InboundMessage group = dm(u"1"_s, u"carol"_s, u"@skynet hello from the team"_s);
        group.chatType = u"group"_s;
        group.chatId = u"team-room"_s;
        group.mentioned = true;
        // A stranger in an allowed chat is let in (and becomes a person).
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hello team"_s }));
        QVERIFY(m_channel->inject(group));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().first().chatId, u"team-room"_s);
        QVERIFY(m_gateway->service()->people()->users()->identity(u"loopback"_s, u"carol"_s).has_value());
        // Any other group is ignored, even for a person on the user allowlist.
        group.platformId = u"2"_s;
        group.chatId = u"other-room"_s;
        group.senderId = u"bob"_s;
        QVERIFY(m_channel->inject(group));
        QTRY_COMPARE_WITH_TIMEOUT(inboundState(u"2"_s), u"ignored"_s, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().size(), 1);
        QCOMPARE(chatRequests(), 1);
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

    void queuedMessagesCostNoAttemptWhenTheProcessStops()
    {
        // The first message hangs the model three times (three stops during its run); the second
        // waits behind it in the same session each time. The first is answered with the error
        // after its third attempt; the second never reached the model, so it is still answered.
        for (int stop = 0; stop < 3; ++stop) {
            const int before = chatRequests();
            m_ollama->enqueue(FakeOllama::Turn::stall({ u"Half an"_s }));
            startGateway();
            if (stop == 0) {
                QVERIFY(m_channel->inject(dm(u"42"_s, u"ana"_s, u"Tell me a story"_s)));
                QVERIFY(m_channel->inject(dm(u"43"_s, u"ana"_s, u"And another one"_s)));
            }
            QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), before + 1, TestSupport::WAIT_MS);
            QCOMPARE(inboundState(u"43"_s), u"received"_s);
            m_gateway.reset();
        }
        m_ollama->enqueue(FakeOllama::Turn::text({ u"The second story."_s }));
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 2, TestSupport::WAIT_MS);
        QVERIFY2(m_channel->delivered().at(0).text.startsWith(u"Sorry, I could not answer that: interrupted"_s),
            qPrintable(m_channel->delivered().at(0).text));
        QCOMPARE(m_channel->delivered().at(1).text, u"The second story."_s);
        QCOMPARE(inboundState(u"42"_s), u"answered"_s);
        QCOMPARE(inboundState(u"43"_s), u"answered"_s);
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

    void streamsOneDraftThenEditsItIntoTheReply()
    {
        startGateway();
        Platform platform;
        auto *editing = new EditingChannel(&platform);
        manager()->add(editing);
        editing->start();
        manager()->setAccess(u"editing"_s, u"open"_s, {});
        manager()->setStreaming(u"editing"_s, 100);
        QSignalSpy drafts(manager(), &Gateway::Channels::ChannelManager::draftShown);
        FakeOllama::Turn slow = FakeOllama::Turn::text(
            { u"One, "_s, u"two, "_s, u"three, "_s, u"four, "_s, u"five, "_s, u"six, "_s, u"seven."_s });
        slow.chunkDelayMs = 120;
        m_ollama->enqueue(slow);
        InboundMessage m = dm(u"s1"_s, u"ana"_s, u"Count to seven"_s);
        QVERIFY(editing->inject(m));
        QTRY_COMPARE_WITH_TIMEOUT(platform.deliveries.size(), 1, TestSupport::WAIT_MS);
        // One draft, edited while the model wrote, then the reply edited it: one visible answer.
        QCOMPARE(platform.posts, 1);
        QVERIFY2(platform.draftEdits >= 1, qPrintable(QString::number(platform.draftEdits)));
        QVERIFY(drafts.size() >= 2);
        QCOMPARE(platform.deliveries.first().editMessageId, u"1"_s);
        QCOMPARE(platform.messages.value(1), u"One, two, three, four, five, six, seven."_s);
        const auto record = manager()->store()->inbound(u"editing"_s, u"s1"_s);
        QCOMPARE(record->draftMessageId, u"1"_s);
        QCOMPARE(manager()->store()->outbox(u"editing"_s, 1).first().state, u"sent"_s);

        // A quick answer is not drafted at all; channels without edits never are.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Quick."_s }));
        m.platformId = u"s2"_s;
        QVERIFY(editing->inject(m));
        QTRY_COMPARE_WITH_TIMEOUT(platform.deliveries.size(), 2, TestSupport::WAIT_MS);
        QCOMPARE(platform.posts, 2);
        QVERIFY(platform.deliveries.at(1).editMessageId.isEmpty());
        manager()->setStreaming(u"loopback"_s, 100);
        FakeOllama::Turn slowToo = slow;
        m_ollama->enqueue(slowToo);
        QVERIFY(m_channel->inject(dm(u"s3"_s, u"ana"_s, u"Count again"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        QVERIFY(m_channel->delivered().first().editMessageId.isEmpty());
    }

    void restartMidStreamEditsTheStoredDraft()
    {
        Platform platform;
        QPointer<EditingChannel> editing;
        const auto start = [&] {
            startGateway();
            editing = new EditingChannel(&platform);
            manager()->add(editing);
            editing->start();
            manager()->setAccess(u"editing"_s, u"open"_s, {});
            manager()->setStreaming(u"editing"_s, 50);
        };
        start();
        // The model writes half an answer and hangs: the draft shows it; the process stops.
        m_ollama->enqueue(FakeOllama::Turn::stall({ u"Half an"_s, u" answer"_s }));
        QVERIFY(editing->inject(dm(u"c1"_s, u"ana"_s, u"Tell me everything"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(platform.posts, 1, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->inbound(u"editing"_s, u"c1"_s)->draftMessageId, u"1"_s, TestSupport::WAIT_MS);
        QVERIFY(platform.messages.value(1).startsWith(u"Half an answer"_s));
        QCOMPARE(platform.deliveries.size(), 0);
        m_gateway.reset();

        // After the restart the message is answered again, and the answer is the draft, edited.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"The whole answer."_s }));
        start();
        QTRY_COMPARE_WITH_TIMEOUT(platform.deliveries.size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(platform.deliveries.first().editMessageId, u"1"_s);
        QCOMPARE(platform.posts, 1);
        QCOMPARE(platform.messages.size(), 1);
        QCOMPARE(platform.messages.value(1), u"The whole answer."_s);
        QCOMPARE(inboundStateOf(u"editing"_s, u"c1"_s), u"answered"_s);
    }

    void statusShowsChannels()
    {
        startGateway();
        ProtocolClient owner;
        QVERIFY(owner.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }));
        const QJsonObject health = owner.request(u"health"_s).value(u"payload"_s).toObject();
        // (Other channels may be on by default, such as the web chat.)
        QVERIFY(health.value(u"channelOrder"_s).toArray().contains(u"loopback"_s));
        QCOMPARE(health.value(u"channels"_s).toObject().value(u"loopback"_s).toObject().value(u"state"_s).toString(),
            u"running"_s);
        QCOMPARE(health.value(u"channelLabels"_s).toObject().value(u"loopback"_s).toString(), u"Loopback"_s);
        const QJsonObject status = owner.request(u"channels.status"_s).value(u"payload"_s).toObject();
        QCOMPARE(status.value(u"channelOrder"_s).toArray(), health.value(u"channelOrder"_s).toArray());
        QVERIFY(owner.request(u"status"_s)
                    .value(u"payload"_s)
                    .toObject()
                    .value(u"channelSummary"_s)
                    .toArray()
                    .contains(u"Loopback: running"_s));
    }
};

QTEST_GUILESS_MAIN(tst_ChannelManager)
#include "tst_channelmanager.moc"
