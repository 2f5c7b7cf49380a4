// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The Telegram channel against the Telegram fake (telegram-bot-api.md) and the Ollama fake: long
// polling with a persisted offset, replies split and converted, 429/parse-error/migration
// handling, a refused token and a 409 conflict reported; streaming (one draft, edited, the final
// reply edits it; "message is not modified" is success; a long reply edits the draft and sends the
// rest; a restart mid-stream edits the stored draft); forum topics; and the built gateway killed with
// SIGKILL during a burst of messages, then restarted: every message answered exactly once.

#include <algorithm>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "channels/channelmanager.h"
#include "channels/channelstore.h"
#include "channels/telegramchannel.h"
#include "fakeollama.h"
#include "faketelegram.h"
#include "service/service.h"
#include "storage/database.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using Fakes::FakeTelegram;
using Gateway::Channels::Channel;
using Gateway::Channels::TelegramChannel;
using TestSupport::GatewayProcess;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

namespace
{
constexpr char TOKEN_VARIABLE[] = "SKYNET_TEST_TELEGRAM_TOKEN";
}

class tst_Telegram final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<FakeTelegram> m_telegram;
    std::unique_ptr<TestGateway> m_gateway;
    QTemporaryDir m_home;
    QString m_dmPolicy = u"open"_s;
    std::function<void(Gateway::Config::Settings &)> m_extra;

    void startGateway()
    {
        const QString ollama = m_ollama->baseUrl().toString();
        const QString telegram = m_telegram->baseUrl().toString();
        const QString policy = m_dmPolicy;
        const auto extra = m_extra;
        m_gateway = std::make_unique<TestGateway>(
            [ollama, telegram, policy, extra](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = ollama;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
                s.channels.telegram.enabled = true;
                s.channels.telegram.baseUrl = telegram;
                s.channels.telegram.token = u"env:"_s + QString::fromLatin1(TOKEN_VARIABLE);
                s.channels.telegram.dmPolicy = policy;
                s.channels.telegram.pollTimeoutS = 2;
                if (extra)
                    extra(s);
            },
            true, m_home.path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
    }

    Channel *channel() const { return m_gateway->service()->channels()->channel(u"telegram"_s); }

    Gateway::Channels::ChannelManager *manager() const { return m_gateway->service()->channels(); }

    /// Delivers through the channel directly and waits for the result.
    Gateway::Channels::DeliveryResult deliverNow(const Gateway::Channels::OutboundMessage &message, bool draft = false)
    {
        std::optional<Gateway::Channels::DeliveryResult> result;
        const auto done = [&result](const Gateway::Channels::DeliveryResult &r) { result = r; };
        if (draft)
            channel()->edit(message, done);
        else
            channel()->deliver(message, done);
        if (!QTest::qWaitFor([&] { return result.has_value(); }, TestSupport::WAIT_MS)) {
            Gateway::Channels::DeliveryResult timedOut;
            timedOut.outcome = Gateway::Channels::DeliveryResult::Outcome::Failed;
            timedOut.error = u"timed out"_s;
            return timedOut;
        }
        return *result;
    }

    /// A slowly streamed answer (the pieces 150 ms apart).
    static FakeOllama::Turn slowly(const QStringList &pieces)
    {
        FakeOllama::Turn turn = FakeOllama::Turn::text(pieces);
        turn.chunkDelayMs = 150;
        return turn;
    }

    QList<FakeTelegram::Call> sent(const QString &method = u"sendMessage"_s) const
    {
        QList<FakeTelegram::Call> calls;
        for (const FakeTelegram::Call &call : m_telegram->sentMessages()) {
            if (call.method == method && call.ok())
                calls.append(call);
        }
        return calls;
    }

private Q_SLOTS:
    void init()
    {
        qputenv(TOKEN_VARIABLE, "123456789:AAFakeTelegramTokenForTests");
        m_dmPolicy = u"open"_s;
        m_extra = {};
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
        m_telegram = std::make_unique<FakeTelegram>();
        QVERIFY(m_telegram->listen());
    }

    void cleanup()
    {
        m_gateway.reset();
        m_telegram.reset();
        m_ollama.reset();
        QDir(m_home.path()).removeRecursively();
        QDir().mkpath(m_home.path());
    }

    void splitsAtBoundaries()
    {
        QCOMPARE(TelegramChannel::split(u"short"_s), QStringList { u"short"_s });
        const QString paragraph = QString(3000, u'a') + u"\n\n"_s + QString(3000, u'b');
        QCOMPARE(TelegramChannel::split(paragraph), (QStringList { QString(3000, u'a'), QString(3000, u'b') }));
        // No boundary: a hard cut at the limit, never inside a surrogate pair.
        QString emoji;
        for (int i = 0; i < 3000; ++i)
            emoji += u"😀"_s; // two UTF-16 units each
        const QStringList parts = TelegramChannel::split(emoji, 4096);
        QCOMPARE(parts.size(), 2);
        for (const QString &part : parts) {
            QVERIFY(part.size() <= 4096);
            QVERIFY(!part.front().isLowSurrogate());
            QVERIFY(!part.back().isHighSurrogate());
        }
        QCOMPARE(parts.join(QString()), emoji);
    }

    void convertsMarkdownToHtml_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("html");
        QTest::addRow("escapes") << u"a < b && c > d"_s << u"a &lt; b &amp;&amp; c &gt; d"_s;
        QTest::addRow("bold") << u"**yes** and __this__"_s << u"<b>yes</b> and <b>this</b>"_s;
        QTest::addRow("italic") << u"*soft* and _quiet_"_s << u"<i>soft</i> and <i>quiet</i>"_s;
        QTest::addRow("code") << u"run `a<b`"_s << u"run <code>a&lt;b</code>"_s;
        QTest::addRow("block") << u"```cpp\nint x = 1 < 2;\n```"_s << u"<pre>int x = 1 &lt; 2;\n</pre>"_s;
        QTest::addRow("link") << u"[docs](https://example.org/a?b=1&c=2)"_s
                              << u"<a href=\"https://example.org/a?b=1&amp;c=2\">docs</a>"_s;
        QTest::addRow("snake_case stays") << u"a_b_c and 2*3*4"_s << u"a_b_c and 2*3*4"_s;
        QTest::addRow("html is text") << u"<script>alert(1)</script>"_s << u"&lt;script&gt;alert(1)&lt;/script&gt;"_s;
    }

    void convertsMarkdownToHtml()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, html);
        QCOMPARE(TelegramChannel::markdownToHtml(markdown), html);
        // Telegram itself accepts what we produce.
        QString plain;
        QJsonArray entities;
        QString error;
        QVERIFY2(FakeTelegram::parseEntities(html, u"HTML"_s, &plain, &entities, &error), qPrintable(error));
    }

    void answersOverLongPolling()
    {
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hello **Ana**, "_s, u"x < y."_s }));
        const qint64 update = m_telegram->injectMessage(555, 555, u"Hi bot"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 1, TestSupport::WAIT_MS);
        const FakeTelegram::Call reply = sent().first();
        QCOMPARE(reply.chatId, 555);
        QCOMPARE(reply.params.value(u"parse_mode"_s).toString(), u"HTML"_s);
        QCOMPARE(reply.text, u"Hello Ana, x < y."_s); // after Telegram's entity parsing
        QCOMPARE(reply.entities.size(), 1);
        QVERIFY(!sent(u"sendChatAction"_s).isEmpty());
        // The update is confirmed (offset past it) and the offset is stored.
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram->confirmedOffset() > update, TestSupport::WAIT_MS);
        const QJsonObject status = [&] {
            ProtocolClient owner;
            return owner.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s })
                ? owner.request(u"channels.status"_s).value(u"payload"_s).toObject()
                : QJsonObject();
        }();
        QCOMPARE(status.value(u"channels"_s).toObject().value(u"telegram"_s).toObject().value(u"state"_s).toString(),
            u"running"_s);

        // Restart: the stored offset means nothing is asked for again, and nothing is answered twice.
        m_gateway.reset();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Second."_s }));
        const qsizetype callsBefore = m_telegram->calls().size();
        startGateway();
        // The first poll after the restart starts at the stored offset.
        const auto firstPoll = [&]() -> std::optional<FakeTelegram::Call> {
            const QList<FakeTelegram::Call> calls = m_telegram->calls();
            for (qsizetype i = callsBefore; i < calls.size(); ++i) {
                if (calls.at(i).method == u"getUpdates")
                    return calls.at(i);
            }
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(firstPoll().has_value(), TestSupport::WAIT_MS);
        QCOMPARE(firstPoll()->params.value(u"offset"_s).toInteger(), update + 1);
        const qint64 second = m_telegram->injectMessage(555, 555, u"Again"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 2, TestSupport::WAIT_MS);
        QCOMPARE(sent().at(1).text, u"Second."_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram->confirmedOffset() > second, TestSupport::WAIT_MS);
    }

    void splitsLongRepliesAndFallsBackToPlainText()
    {
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        const QString longText = QString(4000, u'x') + u"\n\n"_s + QString(1000, u'y');
        m_ollama->enqueue(FakeOllama::Turn::text({ longText }));
        m_telegram->injectMessage(600, 600, u"Write a lot"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 2, TestSupport::WAIT_MS);
        QCOMPARE(sent().at(0).text, QString(4000, u'x'));
        QCOMPARE(sent().at(1).text, QString(1000, u'y'));

        // Telegram rejects the markup: the same text goes out plain.
        m_telegram->failNext(u"sendMessage"_s, 400, u"Bad Request: can't parse entities: unsupported start tag"_s);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Plain **enough**"_s }));
        m_telegram->injectMessage(600, 600, u"More"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 3, TestSupport::WAIT_MS);
        QCOMPARE(sent().at(2).text, u"Plain **enough**"_s);
        QVERIFY(!sent().at(2).params.contains(u"parse_mode"_s));
    }

    void honoursRetryAfterAndMigration()
    {
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        m_telegram->failNextRetryAfter(u"sendMessage"_s, 1);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"After a pause."_s }));
        QElapsedTimer clock;
        clock.start();
        m_telegram->injectMessage(700, 700, u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 1, TestSupport::WAIT_MS);
        QVERIFY2(clock.elapsed() >= 1000, qPrintable(QString::number(clock.elapsed())));
        int attempts = 0;
        for (const FakeTelegram::Call &call : m_telegram->sentMessages())
            attempts += call.method == u"sendMessage" ? 1 : 0;
        QCOMPARE(attempts, 2); // one 429, one accepted

        // A group upgraded to a supergroup: the reply follows it.
        m_telegram->addChat(-800, u"group"_s);
        QVERIFY(m_gateway->service()->channels()->send(u"telegram"_s, u"-800"_s, u"to the group"_s, u"m1"_s));
        m_telegram->migrateChat(-800, -100800);
        QTRY_VERIFY_WITH_TIMEOUT(!sent().isEmpty() && sent().constLast().chatId == -100800, TestSupport::WAIT_MS);
        QCOMPARE(sent().constLast().text, u"to the group"_s);
    }

    void reportsABadTokenAndConflicts()
    {
        qputenv(TOKEN_VARIABLE, "999:wrong");
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Failed, TestSupport::WAIT_MS);
        QVERIFY2(channel()->lastError().contains(u"token"_s), qPrintable(channel()->lastError()));
        const int calls = m_telegram->server().requests().size();
        QTest::qWait(50);
        QCOMPARE(m_telegram->server().requests().size(), calls); // no retry loop on a refused token
        m_gateway.reset();

        // A webhook is set (or another instance polls): 409, reported and retried with backoff.
        qputenv(TOKEN_VARIABLE, "123456789:AAFakeTelegramTokenForTests");
        m_telegram->setWebhook(QUrl(u"https://example.org/hook"_s));
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Backoff, TestSupport::WAIT_MS);
        QVERIFY2(channel()->lastError().contains(u"conflict"_s), qPrintable(channel()->lastError()));
    }

    void webhookMode()
    {
        qputenv("SKYNET_TEST_TELEGRAM_HOOK", "hook-Secret_42");
        m_extra = [](Gateway::Config::Settings &s) {
            s.channels.telegram.mode = u"webhook"_s;
            s.channels.telegram.webhookUrl = u"https://bot.example.org/webhooks/telegram"_s;
            s.channels.telegram.webhookSecret = u"env:SKYNET_TEST_TELEGRAM_HOOK"_s;
        };
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        // The channel told Telegram where to call, with the secret; it does not poll.
        QCOMPARE(m_telegram->webhookUrl(), QUrl(u"https://bot.example.org/webhooks/telegram"_s));
        QCOMPARE(m_telegram->webhookSecret(), u"hook-Secret_42"_s);
        QCOMPARE(m_telegram->getUpdatesCalls(), 0);
        // That public URL reaches this gateway's port (a reverse proxy would do that).
        m_telegram->setWebhook(m_gateway->httpUrl(u"/webhooks/telegram"_s), u"hook-Secret_42"_s);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hooked."_s }));
        m_telegram->injectMessage(777, 777, u"via webhook"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(sent().first().text, u"Hooked."_s);
        QCOMPARE(sent().first().chatId, 777);
        QVERIFY(!m_telegram->webhookAttempts().isEmpty());
        QCOMPARE(m_telegram->webhookAttempts().constLast().httpStatus, 200);

        // A caller without the secret is refused before anything is read; a redelivered update
        // is recognised.
        const QJsonObject update { { u"update_id"_s, 555000 },
            { u"message"_s,
                QJsonObject { { u"message_id"_s, 9 }, { u"date"_s, 1 }, { u"text"_s, u"forged"_s },
                    { u"chat"_s, QJsonObject { { u"id"_s, 778 }, { u"type"_s, u"private"_s } } },
                    { u"from"_s,
                        QJsonObject { { u"id"_s, 778 }, { u"is_bot"_s, false }, { u"first_name"_s, u"F"_s } } } } } };
        m_telegram->addChat(778); // Telegram knows the chat the update came from
        const QByteArray body = QJsonDocument(update).toJson(QJsonDocument::Compact);
        const auto post = [&](const QByteArray &secret) {
            QByteArray request
                = "POST /webhooks/telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  "Connection: close\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n";
            if (!secret.isEmpty())
                request += "X-Telegram-Bot-Api-Secret-Token: " + secret + "\r\n";
            return TestSupport::rawHttp(m_gateway->port(), request + "\r\n" + body);
        };
        QVERIFY(post({}).startsWith("HTTP/1.1 401"));
        QVERIFY(post("hook-Secret_41").startsWith("HTTP/1.1 401"));
        QVERIFY(!m_gateway->service()->channels()->store()->inbound(u"telegram"_s, u"555000"_s));
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Once."_s }));
        QVERIFY(post("hook-Secret_42").startsWith("HTTP/1.1 200"));
        QVERIFY(post("hook-Secret_42").startsWith("HTTP/1.1 200"));
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 2, TestSupport::WAIT_MS);
        QTest::qWait(100);
        QCOMPARE(sent().size(), 2);
        qunsetenv("SKYNET_TEST_TELEGRAM_HOOK");
    }

    void streamsADraftAndEditsItIntoTheReply()
    {
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        manager()->setStreaming(u"telegram"_s, 200);
        // Pieces 60 ms apart: without the 200 ms throttle every piece would be a draft edit.
        FakeOllama::Turn story = FakeOllama::Turn::text(
            { u"Once "_s, u"upon "_s, u"a "_s, u"time "_s, u"there "_s, u"was "_s, u"a "_s, u"**bot**."_s });
        story.chunkDelayMs = 60;
        m_ollama->enqueue(story);
        m_telegram->injectMessage(950, 950, u"Tell me a story"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_telegram->messageText(950, sent().value(0).messageId) == u"Once upon a time there was a bot."_s,
            TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->outbox(u"telegram"_s, 1).value(0).state, u"sent"_s, TestSupport::WAIT_MS);
        // One message: the draft, posted once, edited while the model wrote, then into the reply.
        QCOMPARE(sent().size(), 1);
        const qint64 draft = sent().first().messageId;
        QVERIFY2(sent().first().text.endsWith(u" …"_s), qPrintable(sent().first().text));
        const QList<FakeTelegram::Call> edits = sent(u"editMessageText"_s);
        QVERIFY2(edits.size() >= 2, qPrintable(QString::number(edits.size()))); // drafts + the final edit
        for (const FakeTelegram::Call &edit : edits)
            QCOMPARE(edit.messageId, draft);
        QCOMPARE(edits.constLast().text, u"Once upon a time there was a bot."_s);
        QCOMPARE(edits.constLast().params.value(u"parse_mode"_s).toString(), u"HTML"_s);
        QCOMPARE(edits.constLast().entities.size(), 1); // bold
        // Draft edits are throttled to one per 200 ms. Arrival times at the fake jitter on a loaded
        // machine (a late request arrives closer to the next one), so the check is on the count:
        // n drafts after the first need at least (n - 1) * 200 ms between the first and the last,
        // give or take one interval of jitter. Without the throttle the model's pieces would
        // produce many edits within a few milliseconds.
        QList<qint64> times { sent().first().atMs };
        for (const FakeTelegram::Call &edit : edits.mid(0, edits.size() - 1))
            times.append(edit.atMs);
        const qint64 span = times.constLast() - times.constFirst();
        QVERIFY2((times.size() - 2) * 200 <= span, qPrintable(u"%1 drafts in %2 ms"_s.arg(times.size()).arg(span)));
        // The reply was recorded as an edit of the draft.
        const auto row = manager()->store()->outbox(u"telegram"_s, 1).first();
        QCOMPARE(row.message.editMessageId, QString::number(draft));
    }

    void notModifiedIsSuccessAndLongRepliesContinueAfterTheDraft()
    {
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        m_telegram->addChat(960);
        Gateway::Channels::OutboundMessage draft;
        draft.chatId = u"960"_s;
        draft.text = u"Draft so far …"_s;
        const auto posted = deliverNow(draft, true);
        QCOMPARE(posted.outcome, Gateway::Channels::DeliveryResult::Outcome::Sent);
        QVERIFY(!posted.platformMessageId.isEmpty());
        // Editing to the same text: Telegram answers 400 "message is not modified" — success.
        draft.editMessageId = posted.platformMessageId;
        const auto same = deliverNow(draft, true);
        QCOMPARE(same.outcome, Gateway::Channels::DeliveryResult::Outcome::Sent);
        QCOMPARE(same.platformMessageId, posted.platformMessageId);
        const FakeTelegram::Call refused = m_telegram->sentMessages().constLast();
        QCOMPARE(refused.method, u"editMessageText"_s);
        QCOMPARE(refused.errorCode, 400);
        QVERIFY(refused.description.contains(u"message is not modified"_s));
        // The same for a final reply whose text the draft already shows.
        const auto final = deliverNow(draft);
        QCOMPARE(final.outcome, Gateway::Channels::DeliveryResult::Outcome::Sent);
        QCOMPARE(sent().size(), 1);

        // A reply longer than 4096: the draft becomes the first part, the rest are new messages.
        Gateway::Channels::OutboundMessage reply = draft;
        reply.text = QString(4000, u'x') + u"\n\n"_s + QString(3000, u'y') + u"\n\n"_s + QString(2000, u'z');
        reply.idempotencyKey = u"in:telegram:long"_s;
        const auto done = deliverNow(reply);
        QCOMPARE(done.outcome, Gateway::Channels::DeliveryResult::Outcome::Sent);
        QCOMPARE(done.platformMessageId, posted.platformMessageId);
        QCOMPARE(m_telegram->messageText(960, posted.platformMessageId.toLongLong()), QString(4000, u'x'));
        QCOMPARE(sent().size(), 3);
        QCOMPARE(sent().at(1).text, QString(3000, u'y'));
        QCOMPARE(sent().at(2).text, QString(2000, u'z'));

        // The draft was deleted meanwhile: the reply is posted instead of lost.
        reply.editMessageId = u"999999"_s;
        reply.text = u"Still here."_s;
        QCOMPARE(deliverNow(reply).outcome, Gateway::Channels::DeliveryResult::Outcome::Sent);
        QCOMPARE(sent().size(), 4);
        QCOMPARE(sent().at(3).text, u"Still here."_s);
    }

    void longStreamedReplyEditsTheDraftThenSendsTheRest()
    {
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        manager()->setStreaming(u"telegram"_s, 200);
        m_ollama->enqueue(slowly({ QString(1000, u'x'), QString(1000, u'x'), QString(1000, u'x'), QString(1000, u'x'),
            u"\n\n"_s + QString(1000, u'y') }));
        m_telegram->injectMessage(970, 970, u"Write a lot"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->outbox(u"telegram"_s, 1).value(0).state, u"sent"_s, TestSupport::WAIT_MS);
        QCOMPARE(sent().size(), 2); // the draft and the rest
        QCOMPARE(m_telegram->messageText(970, sent().at(0).messageId), QString(4000, u'x'));
        QCOMPARE(sent().at(1).text, QString(1000, u'y'));
        QCOMPARE(sent(u"editMessageText"_s).constLast().messageId, sent().at(0).messageId);
    }

    void restartMidStreamEditsTheStoredDraft()
    {
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        manager()->setStreaming(u"telegram"_s, 100);
        m_ollama->enqueue(FakeOllama::Turn::stall({ u"Half an"_s, u" answer"_s }));
        const qint64 update = m_telegram->injectMessage(980, 980, u"Explain everything"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 1, TestSupport::WAIT_MS);
        const qint64 draft = sent().first().messageId;
        QTRY_COMPARE_WITH_TIMEOUT(manager()->store()->inbound(u"telegram"_s, QString::number(update))->draftMessageId,
            QString::number(draft), TestSupport::WAIT_MS);
        QCOMPARE(manager()->store()->outbox(u"telegram"_s, 10).size(), 0);
        m_gateway.reset(); // the process stops in the middle of the answer

        m_ollama->enqueue(FakeOllama::Turn::text({ u"The **whole** answer."_s }));
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(m_telegram->messageText(980, draft), u"The whole answer."_s, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->outbox(u"telegram"_s, 1).value(0).state, u"sent"_s, TestSupport::WAIT_MS);
        // Exactly one visible answer: the draft, edited; nothing posted again.
        QCOMPARE(sent().size(), 1);
        QCOMPARE(manager()->store()->outbox(u"telegram"_s, 10).size(), 1);
    }

    void forumTopicsKeepTheirThread()
    {
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        // The sender becomes known in a private chat first (groups answer only known people).
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hi."_s }));
        m_telegram->injectMessage(990, 990, u"hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 1, TestSupport::WAIT_MS);

        // A forum supergroup, topic 77: the reply, the typing and the draft go to the topic.
        manager()->setStreaming(u"telegram"_s, 150);
        m_ollama->enqueue(slowly({ u"In "_s, u"the "_s, u"topic, "_s, u"as "_s, u"asked."_s }));
        m_telegram->injectMessage(-100990, 990, u"@skynet_test_bot where am I?"_s, u"supergroup"_s, 77);
        QTRY_COMPARE_WITH_TIMEOUT(m_telegram->messageText(-100990, sent().value(1).messageId),
            u"In the topic, as asked."_s, TestSupport::WAIT_MS);
        QCOMPARE(sent().size(), 2); // the draft in the topic, edited into the reply
        QVERIFY2(sent().at(1).text.endsWith(u" …"_s), qPrintable(sent().at(1).text));
        QCOMPARE(sent().at(1).chatId, -100990);
        QCOMPARE(sent().at(1).params.value(u"message_thread_id"_s).toInteger(), 77);
        bool typedInTopic = false;
        for (const FakeTelegram::Call &action : sent(u"sendChatAction"_s))
            typedInTopic |= action.chatId == -100990 && action.params.value(u"message_thread_id"_s).toInteger() == 77;
        QVERIFY(typedInTopic);

        // A quick reply (no draft) to another topic is sent there.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Here too."_s }));
        m_telegram->injectMessage(-100990, 990, u"@skynet_test_bot and here?"_s, u"supergroup"_s, 78);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 3, TestSupport::WAIT_MS);
        QCOMPARE(sent().at(2).params.value(u"message_thread_id"_s).toInteger(), 78);
        QCOMPARE(sent().at(2).text, u"Here too."_s);

        // A reply thread in an ordinary group is not a topic: sending with its id would fail
        // ("message thread not found"), so the answer goes to the group.
        m_telegram->addChat(-100991, u"supergroup"_s);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"In the group."_s }));
        m_telegram->injectUpdate(QJsonObject { { u"message"_s,
            QJsonObject { { u"message_id"_s, 50 }, { u"message_thread_id"_s, 40 }, { u"date"_s, 1 },
                { u"text"_s, u"@skynet_test_bot answer in the thread"_s },
                { u"chat"_s, QJsonObject { { u"id"_s, -100991 }, { u"type"_s, u"supergroup"_s } } },
                { u"from"_s,
                    QJsonObject { { u"id"_s, 990 }, { u"is_bot"_s, false }, { u"first_name"_s, u"A"_s } } } } } });
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 4, TestSupport::WAIT_MS);
        QCOMPARE(sent().at(3).chatId, -100991);
        QVERIFY(!sent().at(3).params.contains(u"message_thread_id"_s));
    }

    void strangersGetOnlyAPairingCode()
    {
        m_dmPolicy = u"pairing"_s;
        startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(channel()->state(), Channel::State::Running, TestSupport::WAIT_MS);
        m_telegram->injectMessage(900, 900, u"who are you?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(sent().size(), 1, TestSupport::WAIT_MS);
        QVERIFY2(sent().first().text.contains(u"pairing code"_s), qPrintable(sent().first().text));
        int modelCalls = 0;
        for (const auto &r : m_ollama->server().requests())
            modelCalls += r.path == u"/api/chat" ? 1 : 0;
        QCOMPARE(modelCalls, 0);
    }

    void crashDuringABurstAnswersEveryMessageOnce()
    {
        // The built gateway as a process; the fakes stay in this process.
        GatewayProcess gateway;
        QVERIFY2(QFileInfo::exists(GatewayProcess::binary()),
            qPrintable(u"no gateway binary at "_s + GatewayProcess::binary() + u" (run through CTest)"_s));
        const QStringList env { u"SKYNET_PROVIDERS_OLLAMA_BASE_URL="_s + m_ollama->baseUrl().toString(),
            u"SKYNET_PROVIDERS_OLLAMA_MAX_RETRIES=0"_s, u"SKYNET_PROVIDERS_ANTHROPIC_ENABLED=false"_s,
            u"SKYNET_PROVIDERS_OPENAI_ENABLED=false"_s, u"SKYNET_CHANNELS_TELEGRAM_ENABLED=true"_s,
            u"SKYNET_CHANNELS_TELEGRAM_BASE_URL="_s + m_telegram->baseUrl().toString(),
            u"SKYNET_CHANNELS_TELEGRAM_TOKEN=123456789:AAFakeTelegramTokenForTests"_s,
            u"SKYNET_CHANNELS_TELEGRAM_DM_POLICY=open"_s, u"SKYNET_CHANNELS_TELEGRAM_POLL_TIMEOUT_S=1"_s,
            u"SKYNET_LOGGING_FILE=false"_s };
        QVERIFY(gateway.start({}, env));
        const auto dump = qScopeGuard([&] {
            if (QTest::currentTestFailed())
                qInfo().noquote() << "gateway stderr:" << QString::fromUtf8(gateway.standardError().right(6000));
        });

        // Three bursts from one person (one conversation: answered in order). In each, the third
        // model call hangs; when every reply so far is marked sent (nothing in flight to Telegram:
        // the one window a platform without idempotency leaves open), the process is killed in
        // the middle of that run and started again, and the burst must finish.
        constexpr int WAVES = 3;
        constexpr int PER_WAVE = 5;
        constexpr int MESSAGES = WAVES * PER_WAVE;
        QStringList texts;
        const QString database = QDir(gateway.home()).filePath(u"skynet.db"_s);
        const auto pendingReplies = [&] {
            Gateway::Storage::Database db;
            if (!db.open({ database }))
                return -1;
            QSqlQuery q(db.connection());
            const int pending = q.exec(u"SELECT COUNT(*) FROM channel_outbox WHERE state = 'pending'"_s) && q.next()
                ? q.value(0).toInt()
                : -1;
            db.close();
            return pending;
        };
        const auto modelRequests = [&] {
            int n = 0;
            for (const auto &r : m_ollama->server().requests())
                n += r.path == u"/api/chat" ? 1 : 0;
            return n;
        };
        for (int wave = 0; wave < WAVES; ++wave) {
            const int base = wave * PER_WAVE;
            m_ollama->enqueue(FakeOllama::Turn::text({ u"Echo: message-%1"_s.arg(base) }));
            m_ollama->enqueue(FakeOllama::Turn::text({ u"Echo: message-%1"_s.arg(base + 1) }));
            m_ollama->enqueue(FakeOllama::Turn::stall({ u"Half an answer"_s }));
            const int requests = modelRequests();
            for (int i = base; i < base + PER_WAVE; ++i) {
                texts.append(u"message-%1"_s.arg(i));
                m_telegram->injectMessage(1000, 1000, texts.constLast());
            }
            QTRY_VERIFY_WITH_TIMEOUT(modelRequests() >= requests + 3, 30'000);
            QTRY_COMPARE_WITH_TIMEOUT(pendingReplies(), 0, 30'000);
            gateway.kill();
            QVERIFY(gateway.start({}, env));
            QTRY_VERIFY_WITH_TIMEOUT(int(sent().size()) >= base + PER_WAVE, 30'000);
        }
        // What the chat shows: every message the bot posted, with its text now (a draft streamed
        // before a kill has been edited into the answer).
        const auto visible = [&] {
            QStringList shown;
            for (const FakeTelegram::Call &call : sent())
                shown.append(m_telegram->messageText(call.chatId, call.messageId));
            return shown;
        };
        const auto allAnswered = [&] {
            const QStringList shown = visible();
            return std::all_of(
                texts.cbegin(), texts.cend(), [&](const QString &text) { return shown.contains(u"Echo: "_s + text); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(int(sent().size()) >= MESSAGES && allAnswered(), 60'000);
        qInfo().noquote() << "replies:" << visible().join(u" | "_s);
        // Exactly one reply per message: the echo names the message it answers.
        for (const QString &text : std::as_const(texts)) {
            const qsizetype replies = visible().count(u"Echo: "_s + text);
            QVERIFY2(replies == 1, qPrintable(u"%1 answered %2 times"_s.arg(text).arg(replies)));
        }
        QCOMPARE(gateway.terminate(), 0);
        QCOMPARE(int(sent().size()), MESSAGES);
        Gateway::Storage::Database db;
        QVERIFY(db.open({ database }));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"ok"_s);
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM channel_inbound WHERE state = 'answered'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), MESSAGES);
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM channel_outbox WHERE state = 'sent'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), MESSAGES);
    }
};

QTEST_GUILESS_MAIN(tst_Telegram)
#include "tst_telegram.moc"
