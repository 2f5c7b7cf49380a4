// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The built skynet-gateway with a reminder due on Telegram (a fake): the process kills itself
// (SIGKILL) right after the firing is recorded and before anything is delivered; restarted, it
// delivers the firing, and the chat gets exactly one message, also after further restarts.
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "faketelegram.h"
#include "storage/database.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeTelegram;
using TestSupport::GatewayProcess;

class tst_SchedulerCrash final : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeTelegram> m_telegram;

    QStringList environment() const
    {
        return { u"SKYNET_PROVIDERS_OLLAMA_ENABLED=false"_s, u"SKYNET_PROVIDERS_ANTHROPIC_ENABLED=false"_s,
            u"SKYNET_PROVIDERS_OPENAI_ENABLED=false"_s, u"SKYNET_CHANNELS_TELEGRAM_ENABLED=true"_s,
            u"SKYNET_CHANNELS_TELEGRAM_BASE_URL="_s + m_telegram->baseUrl().toString(),
            u"SKYNET_CHANNELS_TELEGRAM_TOKEN=123456789:AAFakeTelegramTokenForTests"_s,
            u"SKYNET_CHANNELS_TELEGRAM_POLL_TIMEOUT_S=1"_s, u"SKYNET_LOGGING_FILE=false"_s };
    }
    int reminders() const
    {
        int n = 0;
        for (const FakeTelegram::Call &call : m_telegram->sentMessages())
            n += call.text == u"Reminder: take the cake out" ? 1 : 0;
        return n;
    }
    static int count(const QString &database, const QString &sql)
    {
        Gateway::Storage::Database db;
        if (!db.open({ database }))
            return -1;
        QSqlQuery q(db.connection());
        const int n = q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
        q.finish();
        db.close();
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(GatewayProcess::binary()),
            qPrintable(u"no gateway binary at "_s + GatewayProcess::binary() + u" (run through CTest)"_s));
        m_telegram = std::make_unique<FakeTelegram>();
        QVERIFY(m_telegram->listen());
        m_telegram->addChat(1000); // the baker's private chat with the bot
    }

    void killedAfterRecordingDeliversOnceAfterRestart()
    {
        GatewayProcess gateway;
        const auto dump = qScopeGuard([&] {
            if (QTest::currentTestFailed())
                qInfo().noquote() << "gateway stderr:" << QString::fromUtf8(gateway.standardError().right(6000));
        });
        // The database of the gateway's home, with a user and a reminder due in three seconds to
        // Telegram chat 1000. (Starts are slow on a loaded machine: nothing here depends on the
        // gateway having printed its "listening" line within start()'s wait.)
        const QString database = QDir(gateway.home()).filePath(u"skynet.db"_s);
        const qint64 due = (QDateTime::currentMSecsSinceEpoch() / 1000 + 3) * 1000;
        {
            Gateway::Storage::Database db;
            QVERIFY(db.open({ database }));
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(u"INSERT INTO users (id, display_name, role, created_at) VALUES "
                           "('u_baker', 'Baker', 'user', 0)"_s));
            q.prepare(u"INSERT INTO scheduler_jobs (user_id, name, kind, spec, tz, message, channel, target, next_due, "
                      "created_at, updated_at) VALUES ('u_baker', 'cake', 'once', ?, 'UTC', "
                      "'Reminder: take the cake out', 'telegram', '1000', ?, ?, ?)"_s);
            q.addBindValue(QDateTime::fromMSecsSinceEpoch(due, Qt::UTC).toString(Qt::ISODate));
            q.addBindValue(due);
            q.addBindValue(due - 3000);
            q.addBindValue(due - 3000);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            q.finish();
            db.close();
        }

        // Killed right after the firing is recorded.
        QStringList crashing = environment();
        crashing.append(u"SKYNET_TEST_SCHEDULER_ABORT_AFTER_RECORD=1"_s);
        // (On a slow machine the job may be due before the gateway prints that it listens, and the
        // process is gone before start() saw that line: what it recorded is checked below.)
        (void)gateway.start({}, crashing);
        QTRY_VERIFY_WITH_TIMEOUT(gateway.process().state() == QProcess::NotRunning, 60'000);
        QCOMPARE(gateway.process().exitStatus(), QProcess::CrashExit);
        QCOMPARE(count(database, u"SELECT COUNT(*) FROM scheduler_runs WHERE state = 'recorded'"_s), 1);
        QCOMPARE(count(database, u"SELECT COUNT(*) FROM channel_outbox"_s), 0);
        QCOMPARE(reminders(), 0);

        // Restarted: the recorded firing is delivered, once.
        (void)gateway.start({}, environment());
        QTRY_VERIFY_WITH_TIMEOUT(gateway.standardOutput().contains("listening on"), 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(reminders(), 1, 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(
            count(database, u"SELECT COUNT(*) FROM channel_outbox WHERE state = 'sent'"_s), 1, 30'000);
        QCOMPARE(gateway.terminate(), 0);
        QCOMPARE(count(database, u"SELECT COUNT(*) FROM scheduler_runs WHERE state = 'queued'"_s), 1);
        QCOMPARE(count(database, u"SELECT COUNT(*) FROM scheduler_jobs WHERE next_due IS NULL"_s), 1);

        // Another restart (and a kill) changes nothing.
        (void)gateway.start({}, environment());
        QTRY_VERIFY_WITH_TIMEOUT(gateway.standardOutput().contains("listening on"), 60'000);
        gateway.kill();
        (void)gateway.start({}, environment());
        QTRY_VERIFY_WITH_TIMEOUT(gateway.standardOutput().contains("listening on"), 60'000);
        QCOMPARE(gateway.terminate(), 0);
        QCOMPARE(reminders(), 1);
        QCOMPARE(count(database, u"SELECT COUNT(*) FROM scheduler_runs"_s), 1);
        const QList<FakeTelegram::Call> sent = m_telegram->sentMessages();
        QCOMPARE(sent.constLast().chatId, 1000);
    }
};

QTEST_GUILESS_MAIN(tst_SchedulerCrash)
#include "tst_schedulercrash.moc"
