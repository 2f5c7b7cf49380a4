// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The Discord channel against the Discord fake (discord-api.md): IDENTIFY/READY, heartbeats with
// ACKs, a zombie connection resumed with the missed events replayed, RECONNECT, INVALID_SESSION
// (resumable or not), fatal close codes reported without a reconnect loop, message filtering,
// replies with a nonce and allowed_mentions, 429 retry_after and rate-limit buckets (followed per
// route without provoking a 429, a global 429 pausing every route), splitting at 2000 characters,
// drafts edited with PATCH (a long reply edits the draft and posts the rest); and end to end through the gateway with
// the Ollama fake, answered exactly once also across a restart in the middle of a run.

#include <algorithm>

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "channels/channelmanager.h"
#include "channels/channelstore.h"
#include "channels/discordchannel.h"
#include "fakediscord.h"
#include "fakeollama.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeDiscord;
using Fakes::FakeOllama;
using Gateway::Channels::Channel;
using Gateway::Channels::DeliveryResult;
using Gateway::Channels::DiscordChannel;
using Gateway::Channels::InboundMessage;
using Gateway::Channels::OutboundMessage;
using TestSupport::TestGateway;
using TestSupport::WAIT_MS;

class tst_Discord final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDiscord> m_discord;
    std::unique_ptr<DiscordChannel> m_channel;
    QList<InboundMessage> m_inbound;
    bool m_accept = true;

    DiscordChannel::Options options() const
    {
        DiscordChannel::Options o;
        o.apiBase = m_discord->apiUrl();
        o.token = m_discord->token();
        return o;
    }

    void startChannel(DiscordChannel::Options o)
    {
        m_channel = std::make_unique<DiscordChannel>(std::move(o));
        m_channel->setSink([this](const InboundMessage &m) {
            if (!m_accept)
                return false;
            m_inbound.append(m);
            return true;
        });
        m_channel->start();
    }

    void startRunning()
    {
        startChannel(options());
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->state(), Channel::State::Running, WAIT_MS);
    }

    QStringList texts() const
    {
        QStringList out;
        for (const InboundMessage &m : m_inbound)
            out.append(m.text);
        return out;
    }

    /// Sends a reply and waits for its result.
    DeliveryResult deliver(const QString &text, const QString &key, QString chatId = {})
    {
        OutboundMessage message;
        message.chatId = chatId.isEmpty() ? m_discord->defaultDmChannelId() : chatId;
        message.text = text;
        message.idempotencyKey = key;
        std::optional<DeliveryResult> result;
        m_channel->deliver(message, [&result](const DeliveryResult &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, WAIT_MS)) {
            DeliveryResult timedOut;
            timedOut.outcome = DeliveryResult::Outcome::Failed;
            timedOut.error = u"timed out"_s;
            return timedOut;
        }
        return *result;
    }

    /// Starts a delivery (or a draft when draft) without waiting; the result lands in *into.
    void deliverAsync(const QString &text, const QString &key, const QString &chatId,
        std::optional<DeliveryResult> *into, const QString &editId = {}, bool draft = false)
    {
        OutboundMessage message;
        message.chatId = chatId;
        message.text = text;
        message.idempotencyKey = key;
        message.editMessageId = editId;
        const auto done = [into](const DeliveryResult &r) { *into = r; };
        if (draft)
            m_channel->edit(message, done);
        else
            m_channel->deliver(message, done);
    }

    int postCount() const
    {
        int n = 0;
        for (const auto &r : m_discord->server().requests())
            n += r.method == "POST" && r.path.endsWith(u"/messages"_s) ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void init()
    {
        m_inbound.clear();
        m_accept = true;
        m_discord = std::make_unique<FakeDiscord>();
        m_discord->setHeartbeatIntervalMs(400);
        m_discord->setRateLimit(FakeDiscord::Route::CreateMessage, 50, 1000);
        QVERIFY(m_discord->listen());
    }

    void cleanup()
    {
        m_channel.reset();
        m_discord.reset();
    }

    void identifiesAndHeartbeats()
    {
        startRunning();
        QCOMPARE(m_discord->gatewayBotCount(), 1);
        QCOMPARE(m_discord->identifyCount(), 1);
        QCOMPARE(m_channel->botUserId(), m_discord->botUserId());
        QCOMPARE(m_channel->sessionId(), m_discord->lastSessionId());
        const FakeDiscord::Connection c = m_discord->connection(1);
        QVERIFY(c.url.query().contains(u"v=10"_s));
        QVERIFY(c.url.query().contains(u"encoding=json"_s));
        const auto identify = c.fromClient(2);
        QCOMPARE(identify.size(), 1);
        const QJsonObject d = identify.first().d.toObject();
        QCOMPARE(d.value(u"token"_s).toString(), m_discord->token());
        QCOMPARE(d.value(u"intents"_s).toInteger(), FakeDiscord::CHAT_BOT_INTENTS);
        QVERIFY(d.value(u"properties"_s).toObject().contains(u"os"_s));
        // Heartbeats go out and are acknowledged; the connection stays up.
        QTRY_VERIFY_WITH_TIMEOUT(m_discord->ackCount() >= 3, WAIT_MS);
        QCOMPARE(m_discord->connectionCount(), 1);
        // An op 1 from the server gets a beat at once.
        const int beats = m_discord->heartbeatCount();
        m_discord->requestHeartbeat();
        QTRY_VERIFY_WITH_TIMEOUT(m_discord->heartbeatCount() > beats, WAIT_MS);
        QCOMPARE(m_channel->state(), Channel::State::Running);
    }

    void receivesAndFiltersMessages()
    {
        startRunning();
        m_discord->injectDirectMessage(u"hello in private"_s);
        m_discord->injectGuildMessage(u"chatting in the guild"_s);
        const QString mention = m_discord->injectGuildMessage(u"hey bot"_s, true).value(u"content"_s).toString();
        QVERIFY(mention.contains(u"hey bot"_s));
        m_discord->injectGuildMessage(QString(u"<@"_s + m_discord->botUserId() + u"> by text"_s));
        FakeDiscord::IncomingMessage bot;
        bot.content = u"I am a bot"_s;
        bot.authorBot = true;
        bot.dm = true;
        m_discord->injectMessage(bot);
        FakeDiscord::IncomingMessage hook;
        hook.content = u"webhook"_s;
        hook.webhookId = FakeDiscord::newSnowflake();
        m_discord->injectMessage(hook);
        m_discord->injectDirectMessage(QString());
        // Our own reply comes back as MESSAGE_CREATE and is ignored.
        QCOMPARE(deliver(u"own echo"_s, u"k-echo"_s).outcome, DeliveryResult::Outcome::Sent);
        m_discord->injectDirectMessage(u"marker"_s);
        QTRY_VERIFY_WITH_TIMEOUT(texts().contains(u"marker"_s), WAIT_MS);
        QCOMPARE(texts(),
            (QStringList { u"hello in private"_s, u"chatting in the guild"_s, mention,
                QString(u"<@"_s + m_discord->botUserId() + u"> by text"_s), u"marker"_s }));
        const InboundMessage dm = m_inbound.at(0);
        QCOMPARE(dm.channel, u"discord"_s);
        QCOMPARE(dm.chatType, u"private"_s);
        QCOMPARE(dm.chatId, m_discord->defaultDmChannelId());
        QCOMPARE(dm.senderId, m_discord->defaultUserId());
        QVERIFY(!dm.senderName.isEmpty());
        QVERIFY(!dm.platformId.isEmpty());
        QCOMPARE(m_inbound.at(1).chatType, u"group"_s);
        QCOMPARE(m_inbound.at(1).chatId, m_discord->defaultChannelId());
        QVERIFY(!m_inbound.at(1).mentioned);
        QVERIFY(m_inbound.at(2).mentioned);
        QVERIFY(m_inbound.at(3).mentioned);
    }

    void zombieConnectionResumesWithReplay()
    {
        startRunning();
        QSignalSpy closed(m_discord.get(), &FakeDiscord::connectionClosed);
        QSignalSpy resumed(m_channel.get(), &DiscordChannel::resumed);
        m_discord->setZombie(true);
        QTRY_VERIFY_WITH_TIMEOUT(closed.size() >= 1, WAIT_MS);
        // The client closed it (not 1000/1001: the session stays resumable).
        const FakeDiscord::Connection first = m_discord->connection(1);
        QVERIFY(!first.closedByServer);
        QVERIFY(first.closeCode != 1000 && first.closeCode != 1001);
        m_discord->setZombie(false);
        // Sent while the client was away: replayed on RESUME.
        m_discord->injectDirectMessage(u"while you were away"_s);
        QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 1, WAIT_MS);
        QTRY_VERIFY_WITH_TIMEOUT(texts().contains(u"while you were away"_s), WAIT_MS);
        QCOMPARE(m_discord->identifyCount(), 1);
        QCOMPARE(m_discord->resumeCount(), 1);
        const FakeDiscord::Connection second = m_discord->connection(2);
        QVERIFY(second.resumeEndpoint);
        const auto resume = second.fromClient(6);
        QCOMPARE(resume.size(), 1);
        QCOMPARE(resume.first().d.toObject().value(u"session_id"_s).toString(), m_discord->lastSessionId());
        QCOMPARE(m_channel->state(), Channel::State::Running);
    }

    void reconnectRequestResumes()
    {
        startRunning();
        QSignalSpy resumed(m_channel.get(), &DiscordChannel::resumed);
        m_discord->injectDirectMessage(u"one"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_inbound.size(), 1, WAIT_MS);
        const int seq = m_discord->lastSequence(m_channel->sessionId());
        QCOMPARE(m_channel->sequence(), seq);
        m_discord->sendReconnect();
        QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 1, WAIT_MS);
        QCOMPARE(m_discord->identifyCount(), 1);
        const auto resume = m_discord->connection(2).fromClient(6);
        QCOMPARE(resume.size(), 1);
        QCOMPARE(resume.first().d.toObject().value(u"seq"_s).toInt(), seq);
        m_discord->injectDirectMessage(u"two"_s);
        QTRY_COMPARE_WITH_TIMEOUT(texts(), (QStringList { u"one"_s, u"two"_s }), WAIT_MS);
    }

    void invalidSessionResumable()
    {
        startRunning();
        QSignalSpy resumed(m_channel.get(), &DiscordChannel::resumed);
        m_discord->sendInvalidSession(true);
        QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 1, WAIT_MS);
        QCOMPARE(m_discord->identifyCount(), 1);
        QCOMPARE(m_discord->resumeCount(), 1);
    }

    void invalidSessionNotResumableIdentifiesAgain()
    {
        startRunning();
        const QString oldSession = m_channel->sessionId();
        QSignalSpy ready(m_channel.get(), &DiscordChannel::ready);
        m_discord->sendInvalidSession(false);
        // After a 1-5 s pause: a new session, no RESUME.
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 3 * WAIT_MS / 2);
        QCOMPARE(m_discord->identifyCount(), 2);
        QCOMPARE(m_discord->resumeCount(), 0);
        QVERIFY(m_channel->sessionId() != oldSession);
        const FakeDiscord::Connection second = m_discord->connection(2);
        QVERIFY(!second.resumeEndpoint);
        QVERIFY(second.fromClient(6).isEmpty());
        // The pause was there.
        const qint64 closedAt = m_discord->connection(1).frames.last().atMs;
        QVERIFY(second.frames.first().atMs - closedAt >= 900);
    }

    void nonFatalCloseResumes()
    {
        startRunning();
        QSignalSpy resumed(m_channel.get(), &DiscordChannel::resumed);
        QSignalSpy state(m_channel.get(), &Channel::stateChanged);
        m_discord->closeConnection(4000, u"Unknown error"_s);
        QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 1, WAIT_MS);
        QVERIFY(state.size() >= 2); // Backoff, then Running again
        QCOMPARE(m_channel->state(), Channel::State::Running);
        QVERIFY(m_channel->lastError().contains(u"4000"_s));
        // A TCP drop without a close frame: resumed as well, on the same session.
        m_discord->dropConnection();
        m_discord->injectDirectMessage(u"after the drop"_s);
        QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 2, WAIT_MS);
        QTRY_VERIFY_WITH_TIMEOUT(texts().contains(u"after the drop"_s), WAIT_MS);
        QCOMPARE(m_discord->identifyCount(), 1);
    }

    void fatalCloseFailsWithoutLooping_data()
    {
        QTest::addColumn<bool>("badToken");
        QTest::addColumn<QString>("code");
        QTest::newRow("4004 bad token") << true << u"4004"_s;
        QTest::newRow("4014 disallowed intent") << false << u"4014"_s;
    }

    void fatalCloseFailsWithoutLooping()
    {
        QFETCH(bool, badToken);
        QFETCH(QString, code);
        DiscordChannel::Options o = options();
        // The gateway URL is given, so the bad token reaches the gateway (not GET /gateway/bot).
        o.gatewayUrl = QUrl(m_discord->gatewayUrl());
        if (badToken)
            o.token = u"not-the-token"_s;
        else
            m_discord->setAllowedPrivilegedIntents(0);
        QSignalSpy opened(m_discord.get(), &FakeDiscord::connectionOpened);
        startChannel(o);
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->state(), Channel::State::Failed, WAIT_MS);
        QVERIFY2(m_channel->lastError().contains(code), qPrintable(m_channel->lastError()));
        QCOMPARE(opened.size(), 1);
        // No reconnect loop: nothing opens within well over the first backoff.
        QVERIFY(!opened.wait(2000));
        QCOMPARE(m_discord->connectionCount(), 1);
        QCOMPARE(m_channel->state(), Channel::State::Failed);
    }

    void badTokenOnRestFails()
    {
        DiscordChannel::Options o = options();
        o.token = u"wrong"_s;
        startChannel(o);
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->state(), Channel::State::Failed, WAIT_MS);
        QVERIFY(m_channel->lastError().contains(u"401"_s));
        QCOMPARE(m_discord->connectionCount(), 0);
    }

    void unrecordedMessageIsReplayed()
    {
        startRunning();
        QSignalSpy resumed(m_channel.get(), &DiscordChannel::resumed);
        m_accept = false;
        m_discord->injectDirectMessage(u"keep me"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_channel->state() == Channel::State::Backoff, WAIT_MS);
        m_accept = true;
        QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 1, WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(texts(), QStringList { u"keep me"_s }, WAIT_MS);
    }

    void sendsWithNonceAndAllowedMentions()
    {
        startRunning();
        const DeliveryResult result = deliver(u"Hi **there** @everyone"_s, u"reply-1"_s);
        QCOMPARE(result.outcome, DeliveryResult::Outcome::Sent);
        QCOMPARE(m_discord->sentMessages().size(), 1);
        const FakeDiscord::SentMessage sent = m_discord->sentMessages().first();
        QCOMPARE(result.platformMessageId, sent.id);
        QCOMPARE(sent.channelId, m_discord->defaultDmChannelId());
        QCOMPARE(sent.request.value(u"content"_s).toString(), u"Hi **there** @everyone"_s);
        QCOMPARE(sent.request.value(u"allowed_mentions"_s).toObject().value(u"parse"_s).toArray(), QJsonArray());
        const QString nonce = sent.request.value(u"nonce"_s).toString();
        QVERIFY(!nonce.isEmpty() && nonce.size() <= 25);
        QVERIFY(sent.request.value(u"enforce_nonce"_s).toBool());
        const auto request = m_discord->server().lastRequest(
            QString(u"/api/v10/channels/"_s + m_discord->defaultDmChannelId() + u"/messages"_s));
        QCOMPARE(request.header("authorization"), QByteArray("Bot " + m_discord->token().toUtf8()));
        QVERIFY(FakeDiscord::isDiscordUserAgent(request.header("user-agent")));
        // The same reply again (a retry after a crash): Discord returns the earlier message.
        const DeliveryResult again = deliver(u"Hi **there** @everyone"_s, u"reply-1"_s);
        QCOMPARE(again.outcome, DeliveryResult::Outcome::Sent);
        QCOMPARE(again.platformMessageId, sent.id);
        QCOMPARE(m_discord->sentMessages().size(), 1);
        // Typing.
        m_channel->typing(m_discord->defaultDmChannelId(), {});
        QTRY_COMPARE_WITH_TIMEOUT(m_discord->typingCount(m_discord->defaultDmChannelId()), 1, WAIT_MS);
    }

    void rateLimitsAreHonoured()
    {
        startRunning();
        m_discord->enqueueRateLimit(FakeDiscord::RateLimitScope::User, 0.3);
        const DeliveryResult limited = deliver(u"later"_s, u"rl"_s);
        QCOMPARE(limited.outcome, DeliveryResult::Outcome::Retry);
        QCOMPARE(limited.retryAfterMs, 300);
        // The next send on that channel waits for the bucket.
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(deliver(u"later"_s, u"rl"_s).outcome, DeliveryResult::Outcome::Sent);
        QVERIFY(timer.elapsed() >= 200);
        QCOMPARE(m_discord->sentMessages().size(), 1);

        // Bucket headers: 2 per second; three parts never hit a 429.
        m_discord->setRateLimit(FakeDiscord::Route::CreateMessage, 2, 1000);
        const QString chat = m_discord->defaultChannelId();
        const QString text = QString(1900, u'a') + u"\n\n"_s + QString(1900, u'b') + u"\n\n"_s + QString(1900, u'c');
        const int posts = postCount();
        QCOMPARE(deliver(text, u"bucket"_s, chat).outcome, DeliveryResult::Outcome::Sent);
        QCOMPARE(postCount() - posts, 3);
        QCOMPARE(m_discord->sentMessages().size(), 4);
    }

    void errorsAreClassified()
    {
        startRunning();
        m_discord->enqueueError(500, 0, u"500: Internal Server Error"_s);
        QCOMPARE(deliver(u"x"_s, u"e1"_s).outcome, DeliveryResult::Outcome::Retry);
        m_discord->enqueueError(403, 50013, u"Missing Permissions"_s);
        const DeliveryResult forbidden = deliver(u"x"_s, u"e2"_s);
        QCOMPARE(forbidden.outcome, DeliveryResult::Outcome::Failed);
        QVERIFY(forbidden.error.contains(u"50013"_s));
        QCOMPARE(deliver(u"x"_s, u"e3"_s, u"123"_s).outcome, DeliveryResult::Outcome::Failed); // unknown channel
        QCOMPARE(m_discord->sentMessages().size(), 0);
    }

    void splitsAt2000()
    {
        QCOMPARE(DiscordChannel::split(u"short"_s), QStringList { u"short"_s });
        QString long_;
        for (int i = 0; i < 600; ++i)
            long_ += u"word%1 "_s.arg(i, 3, 10, QChar(u'0'));
        const QStringList parts = DiscordChannel::split(long_);
        QVERIFY(parts.size() >= 3);
        for (const QString &p : parts)
            QVERIFY(p.toUcs4().size() <= 2000);
        // A code block cut in two is closed and re-opened.
        const QString code
            = u"Here:\n```\n"_s + QString(2500, u'x').replace(u"xxxxxxxxx"_s, u"xxxxxxxx\n"_s) + u"\n```"_s;
        const QStringList fenced = DiscordChannel::split(code);
        QCOMPARE(fenced.size(), 2);
        QVERIFY(fenced.at(0).endsWith(u"```"_s));
        QVERIFY(fenced.at(1).startsWith(u"```"_s));
        for (const QString &p : fenced) {
            QVERIFY(p.size() <= 2000);
            QCOMPARE(p.count(u"```"_s) % 2, 0);
        }
    }

    void sendsSplitRepliesAndRemainder()
    {
        startRunning();
        QString text;
        for (int i = 0; i < 700; ++i)
            text += u"word%1 "_s.arg(i, 3, 10, QChar(u'0'));
        const QStringList parts = DiscordChannel::split(text);
        QCOMPARE(parts.size(), 3);
        // The second part fails: the first is not sent again, the rest is what is left.
        bool scripted = false;
        connect(m_discord.get(), &FakeDiscord::messageSent, this, [&] {
            if (!scripted) {
                scripted = true;
                m_discord->enqueueError(502, 0, u"Bad Gateway"_s);
            }
        });
        const DeliveryResult first = deliver(text, u"split"_s);
        QCOMPARE(first.outcome, DeliveryResult::Outcome::Retry);
        QCOMPARE(m_discord->sentMessages().size(), 1);
        QVERIFY(!first.remaining.isEmpty());
        QCOMPARE(DiscordChannel::split(first.remaining), parts.mid(1));
        // The retry sends the remainder (as the manager does).
        QCOMPARE(deliver(first.remaining, u"split"_s).outcome, DeliveryResult::Outcome::Sent);
        const auto sent = m_discord->sentMessages();
        QCOMPARE(sent.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(sent.at(i).request.value(u"content"_s).toString(), parts.at(i));
        // Each part has its own nonce.
        QSet<QString> nonces;
        for (const auto &s : sent)
            nonces.insert(s.request.value(u"nonce"_s).toString());
        QCOMPARE(nonces.size(), 3);
    }

    void bucketsAreFollowedWithoutProvokingA429()
    {
        startRunning();
        const QString chat = m_discord->defaultChannelId();
        const QString route = u"POST /channels/{channel.id}/messages"_s;
        // Two messages per second per channel; five replies at once (the outbox delivers rows
        // concurrently): they wait for the bucket instead of running into 429s.
        m_discord->setRateLimit(FakeDiscord::Route::CreateMessage, 2, 1000);
        QElapsedTimer timer;
        timer.start();
        QList<std::optional<DeliveryResult>> results(5);
        for (int i = 0; i < 5; ++i)
            deliverAsync(u"reply %1"_s.arg(i), u"b%1"_s.arg(i), chat, &results[i]);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(results.cbegin(), results.cend(), [](const auto &r) { return r.has_value(); }), WAIT_MS);
        for (const auto &r : std::as_const(results))
            QCOMPARE(r->outcome, DeliveryResult::Outcome::Sent);
        QCOMPARE(m_discord->sentMessages().size(), 5);
        QCOMPARE(m_discord->provokedRateLimits(), 0);
        QVERIFY2(timer.elapsed() >= 1900, qPrintable(QString::number(timer.elapsed()))); // three windows
        // In order, as they were handed over.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_discord->sentMessages().at(i).request.value(u"content"_s).toString(), u"reply %1"_s.arg(i));
        // The bucket is the channel's: another channel is not held up.
        QCOMPARE(m_channel->rateLimitWaitMs(route, m_discord->defaultDmChannelId()), 0);

        // Edits have their own bucket (one per 400 ms here): three drafts in a row, no 429.
        m_discord->setRateLimit(FakeDiscord::Route::EditMessage, 1, 400);
        const QString id = m_discord->sentMessages().first().id;
        QList<std::optional<DeliveryResult>> edits(3);
        for (int i = 0; i < 3; ++i)
            deliverAsync(u"draft %1 …"_s.arg(i), u"b0"_s, chat, &edits[i], id, true);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(edits.cbegin(), edits.cend(), [](const auto &r) { return r.has_value(); }), WAIT_MS);
        for (const auto &r : std::as_const(edits)) {
            QCOMPARE(r->outcome, DeliveryResult::Outcome::Sent);
            QCOMPARE(r->platformMessageId, id);
        }
        QCOMPARE(m_discord->sentMessages().first().edits.size(), 3);
        QCOMPARE(m_discord->sentMessages().first().message.value(u"content"_s).toString(), u"draft 2 …"_s);
        QCOMPARE(m_discord->provokedRateLimits(), 0);

        // A global 429 pauses every route and channel for retry_after.
        m_discord->setRateLimit(FakeDiscord::Route::CreateMessage, 50, 1000);
        m_discord->enqueueRateLimit(FakeDiscord::RateLimitScope::Global, 0.4);
        QCOMPARE(deliver(u"global"_s, u"g1"_s, chat).outcome, DeliveryResult::Outcome::Retry);
        QVERIFY(m_channel->rateLimitWaitMs(route, m_discord->defaultDmChannelId()) > 0);
        QVERIFY(m_channel->rateLimitWaitMs(u"PATCH /channels/{channel.id}/messages/{message.id}"_s, chat) > 0);
        timer.restart();
        QCOMPARE(deliver(u"elsewhere"_s, u"g2"_s).outcome, DeliveryResult::Outcome::Sent);
        QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(m_discord->provokedRateLimits(), 0);
    }

    void longReplyEditsTheDraftThenPostsTheRest()
    {
        startRunning();
        const QString chat = m_discord->defaultDmChannelId();
        std::optional<DeliveryResult> draft;
        deliverAsync(u"Thinking about it …"_s, u"in:discord:42"_s, chat, &draft, {}, true);
        QTRY_VERIFY_WITH_TIMEOUT(draft.has_value(), WAIT_MS);
        QCOMPARE(draft->outcome, DeliveryResult::Outcome::Sent);
        QCOMPARE(m_discord->sentMessages().size(), 1);
        QCOMPARE(m_discord->sentMessages().first().request.value(u"allowed_mentions"_s).toObject(),
            (QJsonObject { { u"parse"_s, QJsonArray() } }));
        // The draft is posted with a nonce that does not depend on its text: posted again (after a
        // crash) Discord answers with the same message.
        std::optional<DeliveryResult> again;
        deliverAsync(u"Thinking about it some more …"_s, u"in:discord:42"_s, chat, &again, {}, true);
        QTRY_VERIFY_WITH_TIMEOUT(again.has_value(), WAIT_MS);
        QCOMPARE(again->platformMessageId, draft->platformMessageId);
        QCOMPARE(m_discord->sentMessages().size(), 1);

        QString text;
        for (int i = 0; i < 700; ++i)
            text += u"word%1 "_s.arg(i, 3, 10, QChar(u'0'));
        const QStringList parts = DiscordChannel::split(text);
        QCOMPARE(parts.size(), 3);
        std::optional<DeliveryResult> reply;
        deliverAsync(text, u"in:discord:42"_s, chat, &reply, draft->platformMessageId);
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), WAIT_MS);
        QCOMPARE(reply->outcome, DeliveryResult::Outcome::Sent);
        QCOMPARE(reply->platformMessageId, draft->platformMessageId);
        const auto sent = m_discord->sentMessages();
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent.at(0).message.value(u"content"_s).toString(), parts.at(0));
        QCOMPARE(sent.at(0).edits.constLast().value(u"allowed_mentions"_s).toObject(),
            (QJsonObject { { u"parse"_s, QJsonArray() } }));
        QCOMPARE(sent.at(1).request.value(u"content"_s).toString(), parts.at(1));
        QCOMPARE(sent.at(2).request.value(u"content"_s).toString(), parts.at(2));

        // A deleted draft (10008 Unknown Message): the reply is posted instead.
        std::optional<DeliveryResult> orphan;
        deliverAsync(u"Fresh."_s, u"in:discord:43"_s, chat, &orphan, u"1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(orphan.has_value(), WAIT_MS);
        QCOMPARE(orphan->outcome, DeliveryResult::Outcome::Sent);
        QCOMPARE(m_discord->sentMessages().size(), 4);
        QCOMPARE(m_discord->sentMessages().constLast().request.value(u"content"_s).toString(), u"Fresh."_s);
    }

    void streamsADraftThroughTheGateway()
    {
        QTemporaryDir home;
        FakeOllama ollama;
        QVERIFY(ollama.listen());
        const QString url = ollama.baseUrl().toString();
        TestGateway gateway(
            [url](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = url;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
            },
            false, home.path());
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        auto *channel = new DiscordChannel(options());
        gateway.service()->channels()->add(channel);
        gateway.service()->channels()->setAccess(u"discord"_s, u"open"_s, {});
        gateway.service()->channels()->setStreaming(u"discord"_s, 200);
        m_discord->setRateLimit(FakeDiscord::Route::EditMessage, 50, 1000);
        QVERIFY(gateway.service()->openStorage());
        QTRY_COMPARE_WITH_TIMEOUT(channel->state(), Channel::State::Running, WAIT_MS);
        FakeOllama::Turn slow = FakeOllama::Turn::text(
            { u"Streaming "_s, u"into "_s, u"one "_s, u"message "_s, u"on "_s, u"Discord "_s, u"@everyone."_s });
        slow.chunkDelayMs = 150;
        ollama.enqueue(slow);
        m_discord->injectDirectMessage(u"Stream please"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            gateway.service()->channels()->store()->outbox(u"discord"_s, 1).value(0).state, u"sent"_s, WAIT_MS);
        // One message: the draft, edited while the model wrote, then into the reply.
        const auto sent = m_discord->sentMessages();
        QCOMPARE(sent.size(), 1);
        QVERIFY2(sent.first().request.value(u"content"_s).toString().endsWith(u" …"_s),
            qPrintable(sent.first().request.value(u"content"_s).toString()));
        QVERIFY2(sent.first().edits.size() >= 2, qPrintable(QString::number(sent.first().edits.size())));
        QCOMPARE(
            sent.first().message.value(u"content"_s).toString(), u"Streaming into one message on Discord @everyone."_s);
        QCOMPARE(sent.first().message.value(u"mention_everyone"_s).toBool(), false);
        QCOMPARE(m_discord->provokedRateLimits(), 0);
    }

    void endToEndAnswersOnceAcrossRestart()
    {
        QTemporaryDir home;
        FakeOllama ollama;
        QVERIFY(ollama.listen());
        std::unique_ptr<TestGateway> gateway;
        const auto startGateway = [&] {
            const QString url = ollama.baseUrl().toString();
            gateway = std::make_unique<TestGateway>(
                [url](Gateway::Config::Settings &s) {
                    s.providers.ollama.baseUrl = url;
                    s.providers.ollama.model = u"llama3.2"_s;
                    s.providers.ollama.maxRetries = 0;
                },
                false, home.path());
            QVERIFY2(gateway->isRunning(), qPrintable(gateway->errorString()));
            auto *channel = new DiscordChannel(options());
            gateway->service()->channels()->add(channel);
            gateway->service()->channels()->setAccess(u"discord"_s, u"open"_s, {});
            QVERIFY(gateway->service()->openStorage());
            QTRY_COMPARE_WITH_TIMEOUT(channel->state(), Channel::State::Running, WAIT_MS);
        };
        const auto chatRequests = [&] {
            int n = 0;
            for (const auto &r : ollama.server().requests())
                n += r.path == u"/api/chat" ? 1 : 0;
            return n;
        };

        startGateway();
        ollama.enqueue(FakeOllama::Turn::text({ u"Hello from "_s, u"Skynet!"_s }));
        m_discord->injectDirectMessage(u"Hi Skynet"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_discord->sentMessages().size(), 1, WAIT_MS);
        QCOMPARE(m_discord->sentMessages().first().request.value(u"content"_s).toString(), u"Hello from Skynet!"_s);
        QCOMPARE(m_discord->sentMessages().first().channelId, m_discord->defaultDmChannelId());
        QVERIFY(m_discord->typingCount(m_discord->defaultDmChannelId()) >= 1);

        // The model hangs: the gateway goes down with the message recorded but not answered.
        ollama.enqueue(FakeOllama::Turn::stall({ u"Half a"_s }));
        const QJsonObject story = m_discord->injectDirectMessage(u"Tell me a story"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), 2, WAIT_MS);
        const auto record
            = gateway->service()->channels()->store()->inbound(u"discord"_s, story.value(u"id"_s).toString());
        QVERIFY(record);
        QCOMPARE(record->state, u"received"_s);
        gateway.reset();

        // Back up: the stored session is resumed (no new IDENTIFY); the recorded message is
        // answered once.
        ollama.enqueue(FakeOllama::Turn::text({ u"Once upon a time."_s }));
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(m_discord->sentMessages().size(), 2, WAIT_MS);
        QCOMPARE(m_discord->sentMessages().at(1).request.value(u"content"_s).toString(), u"Once upon a time."_s);
        QCOMPARE(m_discord->identifyCount(), 1);
        QVERIFY(m_discord->resumeCount() >= 1);

        // And again, with a message sent while the gateway is down: the resumed session replays
        // it, it is answered once, and nothing else is sent twice.
        gateway.reset();
        ollama.enqueue(FakeOllama::Turn::text({ u"Marked."_s }));
        m_discord->injectDirectMessage(u"marker"_s);
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(m_discord->sentMessages().size(), 3, WAIT_MS);
        QCOMPARE(m_discord->sentMessages().at(2).request.value(u"content"_s).toString(), u"Marked."_s);
        QCOMPARE(chatRequests(), 4);
        gateway.reset();
    }
};

QTEST_GUILESS_MAIN(tst_Discord)
#include "tst_discord.moc"
