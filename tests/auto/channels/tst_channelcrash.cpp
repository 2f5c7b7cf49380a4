// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The built gateway killed with SIGKILL during bursts of inbound messages on Discord and WhatsApp,
// then started again with the same home (the Telegram one is in tst_telegram.cpp). The fakes and
// the Ollama fake stay in this process; every reply names the message it answers ("Echo: <text>"),
// so the fakes' records show how often each message was answered.
//
// - WhatsApp (whatsapp-cloud-api.md): Meta redelivers a notification until it is answered 200,
//   also the ones that arrived while the gateway was dead, and the restarted gateway keeps its
//   callback URL (same port). Every message gets exactly one reply. Sending has no idempotency,
//   so (as for Telegram) the process is killed only while no reply is on its way to Meta.
// - Discord (discord-api.md): a RESUME replays missed events, but a new session (IDENTIFY) gets
//   nothing from before it. The gateway stores its session and resumes it after a restart, so
//   messages sent while it was dead are replayed; the test demands exactly one reply for every
//   message the gateway recorded, and that those sent while it was dead were recorded exactly when
//   the session was resumed. The process is killed the moment Discord
//   created a reply and before the gateway saw the answer: the reply is posted again after the
//   restart with the same nonce and enforce_nonce, and must not appear twice.

#include <algorithm>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QScopeGuard>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

#include "fakediscord.h"
#include "fakeollama.h"
#include "fakewhatsapp.h"
#include "storage/database.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeDiscord;
using Fakes::FakeOllama;
using Fakes::FakeWhatsApp;
using TestSupport::GatewayProcess;

namespace
{

constexpr int WAVES = 3;
constexpr int PER_WAVE = 5;
constexpr int WHILE_DEAD = 2; ///< messages sent while the gateway is down, per wave
constexpr int LONG_WAIT_MS = 60'000;

/// One number from the gateway's database (opened next to the running process; WAL).
int countRows(const QString &database, const QString &sql)
{
    Gateway::Storage::Database db;
    if (!db.open({ database }))
        return -1;
    QSqlQuery q(db.connection());
    const int n = q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
    db.close();
    return n;
}

/// The platform ids of the recorded inbound messages of a channel.
QSet<QString> recordedIds(const QString &database, const QString &channel)
{
    QSet<QString> ids;
    Gateway::Storage::Database db;
    if (!db.open({ database }))
        return ids;
    {
        QSqlQuery q(db.connection());
        q.prepare(u"SELECT platform_id FROM channel_inbound WHERE channel = ?"_s);
        q.addBindValue(channel);
        if (q.exec()) {
            while (q.next())
                ids.insert(q.value(0).toString());
        }
    }
    db.close();
    return ids;
}

} // namespace

class tst_ChannelCrash final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    int m_stallAt = 0; ///< this model request (counted from the start) hangs; 0 = none

    /// The n-th model request from now on hangs; the others get the fake's echo of the message
    /// they answer, whatever order the messages arrived in (webhooks are POSTed in parallel).
    void stallRequest(int n) { m_stallAt = modelRequests() + n; }
    /// The hanging request arrived (the run it belongs to is in progress).
    bool stalled() const { return m_stallAt == 0; }

    int modelRequests() const
    {
        int n = 0;
        for (const auto &r : m_ollama->server().requests())
            n += r.path == u"/api/chat" ? 1 : 0;
        return n;
    }

    QStringList baseEnvironment() const
    {
        return { u"SKYNET_PROVIDERS_OLLAMA_BASE_URL="_s + m_ollama->baseUrl().toString(),
            u"SKYNET_PROVIDERS_OLLAMA_MAX_RETRIES=0"_s, u"SKYNET_PROVIDERS_ANTHROPIC_ENABLED=false"_s,
            u"SKYNET_PROVIDERS_OPENAI_ENABLED=false"_s, u"SKYNET_LOGGING_FILE=false"_s };
    }

    static QString database(const GatewayProcess &gateway) { return QDir(gateway.home()).filePath(u"skynet.db"_s); }

    /// After the last wave: nothing left to answer or send, a clean stop, a sound database.
    static void checkDatabase(const QString &database, const QString &channel, int answered)
    {
        Gateway::Storage::Database db;
        QVERIFY(db.open({ database }));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"ok"_s);
        q.prepare(u"SELECT COUNT(*) FROM channel_inbound WHERE channel = ? AND state = 'answered'"_s);
        q.addBindValue(channel);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), answered);
        q.prepare(u"SELECT COUNT(*) FROM channel_outbox WHERE channel = ? AND state = 'sent'"_s);
        q.addBindValue(channel);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), answered);
    }

private Q_SLOTS:
    void init()
    {
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
        m_stallAt = 0;
        // Recorded before it is answered: the stall is queued just in time for that request.
        connect(&m_ollama->server(), &Fakes::FakeHttpServer::requestReceived, m_ollama.get(),
            [this](const Fakes::RecordedRequest &request) {
                if (request.path == u"/api/chat" && m_stallAt > 0 && modelRequests() == m_stallAt) {
                    m_ollama->enqueue(FakeOllama::Turn::stall({ u"Half an answer"_s }));
                    m_stallAt = 0;
                }
            });
        QVERIFY2(QFileInfo::exists(GatewayProcess::binary()),
            qPrintable(u"no gateway binary at "_s + GatewayProcess::binary() + u" (run through CTest)"_s));
    }

    void cleanup() { m_ollama.reset(); }

    void whatsAppCrashDuringABurstAnswersEveryMessageOnce()
    {
        FakeWhatsApp whatsapp;
        QVERIFY(whatsapp.listen());
        // Meta keeps redelivering an unanswered notification (for days; here every 100 ms).
        whatsapp.setRetryDelayMs(100);
        whatsapp.setMaxAttempts(100'000);
        whatsapp.setStatusFlow(FakeWhatsApp::StatusFlow::Delivered);
        const QString user = u"16505551234"_s;
        QStringList env = baseEnvironment();
        env += { u"SKYNET_CHANNELS_WHATSAPP_ENABLED=true"_s,
            u"SKYNET_CHANNELS_WHATSAPP_GRAPH_BASE="_s + whatsapp.baseUrl().toString(),
            u"SKYNET_CHANNELS_WHATSAPP_PHONE_NUMBER_ID="_s + whatsapp.phoneNumberId(),
            u"SKYNET_CHANNELS_WHATSAPP_ACCESS_TOKEN="_s + whatsapp.accessToken(),
            u"SKYNET_CHANNELS_WHATSAPP_APP_SECRET="_s + QString::fromUtf8(whatsapp.appSecret()),
            u"SKYNET_CHANNELS_WHATSAPP_VERIFY_TOKEN=crash-verify"_s, u"SKYNET_CHANNELS_WHATSAPP_DM_POLICY=open"_s };
        GatewayProcess gateway;
        QVERIFY(gateway.start({}, env));
        const auto dump = qScopeGuard([&] {
            if (QTest::currentTestFailed())
                qInfo().noquote() << "gateway stderr:" << QString::fromUtf8(gateway.standardError().right(6000));
        });
        // Meta's callback URL does not change: the gateway comes back on the same port.
        const QStringList samePort { u"--port"_s, QString::number(gateway.port()) };
        whatsapp.setWebhookUrl(QUrl(u"http://127.0.0.1:%1/webhooks/whatsapp"_s.arg(gateway.port())));

        const QString db = database(gateway);
        const auto replies = [&] {
            QStringList out;
            for (const FakeWhatsApp::SentMessage &m : whatsapp.sentMessages()) {
                if (m.type == u"text"_s)
                    out.append(m.text);
            }
            return out;
        };
        const auto pendingReplies
            = [&] { return countRows(db, u"SELECT COUNT(*) FROM channel_outbox WHERE state = 'pending'"_s); };

        QStringList texts;
        const auto send = [&](const QString &text) {
            texts.append(text);
            whatsapp.injectText(user, text, u"Sheena"_s);
        };
        for (int wave = 0; wave < WAVES; ++wave) {
            const int before = int(texts.size());
            // Wave 1: the model hangs on the first message of the burst, and the process dies
            // while the rest of the burst is being POSTed. Otherwise two answers go out and the
            // third run hangs. Killed once nothing is on its way to Meta (the window no platform
            // without idempotency can close).
            stallRequest(wave == 1 ? 1 : 3);
            for (int i = 0; i < PER_WAVE; ++i)
                send(u"message-%1"_s.arg(before + i));
            QTRY_VERIFY_WITH_TIMEOUT(stalled(), LONG_WAIT_MS);
            QTRY_COMPARE_WITH_TIMEOUT(pendingReplies(), 0, LONG_WAIT_MS);
            gateway.kill();
            // Meta goes on: new messages while the gateway is down, tried at once (and refused)
            // and redelivered until it is back.
            QList<int> whileDead;
            for (int i = 0; i < WHILE_DEAD; ++i) {
                send(u"message-%1"_s.arg(texts.size()));
                whileDead.append(int(whatsapp.deliveries().size()));
            }
            QTRY_VERIFY_WITH_TIMEOUT(std::all_of(whileDead.cbegin(), whileDead.cend(),
                                         [&](int id) { return !whatsapp.delivery(id).attemptStatuses.isEmpty(); }),
                LONG_WAIT_MS);
            QVERIFY(gateway.start(samePort, env));
            QCOMPARE(gateway.port(), quint16(samePort.last().toUInt()));
            QTRY_VERIFY_WITH_TIMEOUT(int(replies().size()) >= int(texts.size()), LONG_WAIT_MS);
        }
        QTRY_COMPARE_WITH_TIMEOUT(pendingReplies(), 0, LONG_WAIT_MS);
        qInfo().noquote() << "replies:" << replies().join(u" | "_s);
        // Exactly one reply per message: the echo names the message it answers.
        for (const QString &text : std::as_const(texts)) {
            const qsizetype n = replies().count(u"Echo: "_s + text);
            QVERIFY2(n == 1, qPrintable(u"%1 answered %2 times"_s.arg(text).arg(n)));
        }
        // Every notification was answered 200 in the end (status webhooks of the last replies may
        // still be on their way); those sent while the gateway was dead needed more than one attempt.
        const auto allDelivered = [&] {
            const QList<FakeWhatsApp::Delivery> deliveries = whatsapp.deliveries();
            return std::all_of(deliveries.cbegin(), deliveries.cend(), [](const auto &d) { return d.delivered; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allDelivered(), LONG_WAIT_MS);
        int redelivered = 0;
        for (const FakeWhatsApp::Delivery &d : whatsapp.deliveries()) {
            QVERIFY2(d.delivered, qPrintable(u"notification %1 (%2) never answered 200"_s.arg(d.id).arg(d.kind)));
            redelivered += d.kind == u"messages"_s && d.attemptStatuses.size() > 1 ? 1 : 0;
        }
        QVERIFY2(redelivered >= WAVES * WHILE_DEAD, qPrintable(QString::number(redelivered)));
        QCOMPARE(gateway.terminate(), 0);
        QCOMPARE(int(replies().size()), int(texts.size()));
        checkDatabase(db, u"whatsapp"_s, int(texts.size()));
    }

    void discordCrashDuringABurstAnswersRecordedMessagesOnce()
    {
        FakeDiscord discord;
        // Room for the burst: this test is about crashes, not about rate limits.
        discord.setRateLimit(FakeDiscord::Route::CreateMessage, 1000, 1000);
        discord.setRateLimit(FakeDiscord::Route::Typing, 1000, 1000);
        discord.setGlobalRateLimit(1000, 1000);
        QVERIFY(discord.listen());
        QStringList env = baseEnvironment();
        env += { u"SKYNET_CHANNELS_DISCORD_ENABLED=true"_s, u"SKYNET_CHANNELS_DISCORD_TOKEN="_s + discord.token(),
            u"SKYNET_CHANNELS_DISCORD_API_BASE="_s + discord.apiUrl().toString(),
            u"SKYNET_CHANNELS_DISCORD_DM_POLICY=open"_s };
        GatewayProcess gateway;
        QVERIFY(gateway.start({}, env));
        const auto dump = qScopeGuard([&] {
            if (QTest::currentTestFailed())
                qInfo().noquote() << "gateway stderr:" << QString::fromUtf8(gateway.standardError().right(6000));
        });
        QTRY_COMPARE_WITH_TIMEOUT(discord.identifyCount(), 1, LONG_WAIT_MS);
        const QString db = database(gateway);
        const auto replies = [&] {
            QStringList out;
            for (const FakeDiscord::SentMessage &m : discord.sentMessages())
                out.append(m.request.value(u"content"_s).toString());
            return out;
        };
        // Everything recorded is answered and nothing is waiting to be sent.
        const auto settled = [&] {
            return countRows(db,
                       u"SELECT (SELECT COUNT(*) FROM channel_inbound WHERE state = 'received') + "
                       "(SELECT COUNT(*) FROM channel_outbox WHERE state = 'pending')"_s)
                == 0;
        };

        QHash<QString, QString> textOf; ///< Discord message id → text
        QStringList whileAlive;
        QStringList whileDead;
        const auto send = [&](const QString &text, QStringList *list) {
            const QJsonObject message = discord.injectDirectMessage(text);
            textOf.insert(message.value(u"id"_s).toString(), text);
            list->append(text);
        };
        // The gateway dies the moment Discord created the wave's second reply, before the answer
        // to that POST reached it.
        bool armed = false;
        int killAt = 0;
        int kills = 0;
        QObject context;
        connect(&discord, &FakeDiscord::messageSent, &context, [&] {
            if (armed && int(discord.sentMessages().size()) == killAt) {
                armed = false;
                gateway.kill();
                ++kills;
                // The third run may not have asked the model yet: the next process must not hang.
                m_stallAt = 0;
            }
        });
        for (int wave = 0; wave < WAVES; ++wave) {
            const int base = int(textOf.size());
            stallRequest(3);
            killAt = int(discord.sentMessages().size()) + 2;
            armed = true;
            for (int i = 0; i < PER_WAVE; ++i)
                send(u"message-%1"_s.arg(base + i), &whileAlive);
            QTRY_COMPARE_WITH_TIMEOUT(kills, wave + 1, LONG_WAIT_MS);
            // Discord goes on: these reach only the old session, which is never resumed.
            for (int i = 0; i < WHILE_DEAD; ++i)
                send(u"message-%1"_s.arg(textOf.size()), &whileDead);
            const int sessions = discord.identifyCount() + discord.resumeCount();
            QVERIFY(gateway.start({}, env));
            QTRY_VERIFY_WITH_TIMEOUT(discord.identifyCount() + discord.resumeCount() > sessions, LONG_WAIT_MS);
            QTRY_VERIFY_WITH_TIMEOUT(settled(), LONG_WAIT_MS);
        }
        // After the last restart nothing that arrives is lost.
        const int base = int(textOf.size());
        for (int i = 0; i < PER_WAVE; ++i)
            send(u"message-%1"_s.arg(base + i), &whileAlive);
        const auto lastWaveAnswered = [&] {
            QSet<QString> texts;
            for (const QString &id : recordedIds(db, u"discord"_s))
                texts.insert(textOf.value(id));
            for (int i = 0; i < PER_WAVE; ++i) {
                if (!texts.contains(u"message-%1"_s.arg(base + i)))
                    return false;
            }
            return settled();
        };
        QTRY_VERIFY_WITH_TIMEOUT(lastWaveAnswered(), LONG_WAIT_MS);
        QCOMPARE(gateway.terminate(), 0);

        const QSet<QString> recorded = recordedIds(db, u"discord"_s);
        const QStringList sent = replies();
        qInfo().noquote() << "replies:" << sent.join(u" | "_s);
        QStringList recordedTexts;
        for (const QString &id : recorded)
            recordedTexts.append(textOf.value(id));
        // Every message that reached a live connection was recorded.
        for (const QString &text : std::as_const(whileAlive))
            QVERIFY2(recordedTexts.contains(text), qPrintable(text + u" was delivered to a live session but lost"_s));
        // A new session gets nothing from before it (discord-api.md): without a RESUME the
        // messages sent while the gateway was dead never reach it. Had it resumed its session,
        // Discord would have replayed them and they would have to be answered.
        const bool resumed = discord.resumeCount() > 0;
        for (const QString &text : std::as_const(whileDead))
            QVERIFY2(recordedTexts.contains(text) == resumed,
                qPrintable(text + (resumed ? u" was not replayed on RESUME"_s : u" reached a new session"_s)));
        qInfo().noquote() << whileDead.size() << "message(s) sent while the gateway was dead;"
                          << (resumed ? "the session was resumed" : "new sessions: Discord did not replay them");
        // Exactly one reply per recorded message, none for the others.
        for (auto it = textOf.cbegin(); it != textOf.cend(); ++it) {
            const qsizetype n = sent.count(u"Echo: "_s + it.value());
            const qsizetype expected = recorded.contains(it.key()) ? 1 : 0;
            QVERIFY2(n == expected,
                qPrintable(u"%1 answered %2 times (expected %3)"_s.arg(it.value()).arg(n).arg(expected)));
        }
        QCOMPARE(int(sent.size()), int(recorded.size()));
        // The reply Discord created while the gateway died was posted again after the restart with
        // the same nonce and enforce_nonce: Discord answered with the existing message.
        QHash<QString, int> posts;
        for (const auto &r : discord.server().requests()) {
            if (r.method == "POST" && r.path.endsWith(u"/messages"_s))
                ++posts[r.json().value(u"nonce"_s).toString()];
        }
        int repeated = 0;
        for (auto it = posts.cbegin(); it != posts.cend(); ++it) {
            QVERIFY2(!it.key().isEmpty(), "a reply without a nonce");
            repeated += it.value() - 1;
        }
        QVERIFY2(repeated >= WAVES, qPrintable(u"%1 replies posted again"_s.arg(repeated)));
        checkDatabase(db, u"discord"_s, int(recorded.size()));
    }
};

QTEST_GUILESS_MAIN(tst_ChannelCrash)
#include "tst_channelcrash.moc"
