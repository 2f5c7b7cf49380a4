// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The Scheduler with an injected clock over a real SQLite file: firing at the due time, the one
// timer re-armed, catch-up policies after a shutdown, delivery after a crash between recording
// and delivering (same idempotency key), the session transcript target, 10,000 jobs in order,
// validation of bad jobs.
#include <QDateTime>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "scheduler/jobstore.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Scheduler::Firing;
using Gateway::Scheduler::FiringPlan;
using Gateway::Scheduler::Job;
using Gateway::Scheduler::Scheduler;

namespace
{
qint64 utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t.toMSecsSinceEpoch();
}

/// The channel outbox as the scheduler sees it: keyed by idempotency key, like channel_outbox.
struct FakeOutbox
{
    struct Message
    {
        QString channel;
        QString chat;
        QString text;
        QString key;
    };
    QList<Message> messages; ///< distinct (what the user sees)
    QList<QString> calls; ///< every send, keys
    QHash<QString, qint64> ids;
    bool failing = false;

    Scheduler::Sender sender()
    {
        return [this](const QString &channel, const QString &chat, const QString &text, const QString &key,
                   const QString &) -> Gateway::Result<qint64> {
            calls.append(key);
            if (failing)
                return Gateway::Error { u"INVALID_REQUEST"_s, u"unknown or disabled channel: "_s + channel };
            if (!ids.contains(key)) {
                ids.insert(key, ids.size() + 1);
                messages.append({ channel, chat, text, key });
            }
            return ids.value(key);
        };
    }
};
} // namespace

class tst_Scheduler final : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Gateway::Storage::Database> m_db;
    qint64 m_now = 0;
    FakeOutbox m_outbox;

    std::unique_ptr<Scheduler> makeScheduler(Scheduler::Options options = {})
    {
        auto s = std::make_unique<Scheduler>(options);
        s->setClock([this] { return m_now; });
        s->setSender(m_outbox.sender());
        s->setSessionKeyFunction(
            [](const QString &userId) -> QString { return u"agent:main:u:"_s + userId + u":main"_s; });
        return s;
    }
    Job job(const QString &kind, const QString &spec, const QString &catchUp = u"once"_s)
    {
        Job j;
        j.userId = u"u1"_s;
        j.kind = kind;
        j.spec = spec;
        j.timeZone = u"UTC"_s;
        j.catchUp = catchUp;
        j.message = u"Reminder: water the plants"_s;
        j.channel = u"telegram"_s;
        j.target = u"42"_s;
        return j;
    }
    int count(const QString &sql)
    {
        QSqlQuery q(m_db->connection());
        return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = std::make_unique<Gateway::Storage::Database>();
        QVERIFY(m_db->open({ m_dir->filePath(u"skynet.db"_s) }));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"INSERT INTO users (id, display_name, role, created_at) VALUES ('u1', 'U', 'user', 0), "
                       "('u2', 'V', 'user', 0)"_s));
        m_now = utc(u"2026-11-26T10:00:00"_s);
        m_outbox = FakeOutbox();
    }
    void cleanup()
    {
        m_db.reset();
        m_dir.reset();
    }

    void schemaHasTheUniqueFiring()
    {
        QVERIFY(m_db->schemaVersion() >= 6); // later migrations add other tables
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"INSERT INTO scheduler_jobs (user_id, kind, spec, message, created_at, updated_at) "
                       "VALUES ('u1', 'cron', '* * * * *', 'x', 0, 0)"_s));
        QVERIFY(q.exec(u"INSERT INTO scheduler_runs (job_id, due, fired_at, state) VALUES (1, 5, 5, 'recorded')"_s));
        QVERIFY(!q.exec(u"INSERT INTO scheduler_runs (job_id, due, fired_at, state) VALUES (1, 5, 6, 'recorded')"_s));
        QVERIFY(!q.exec(u"INSERT INTO scheduler_jobs (user_id, kind, spec, message, created_at, updated_at) "
                        "VALUES ('u1', 'weekly', 'x', 'x', 0, 0)"_s));
    }

    void firesAtItsDueTimeAndRearms()
    {
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        QVERIFY(!s->armedFor());
        const auto added = s->addJob(job(u"once"_s, u"2026-11-26T10:01:00"_s));
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        const qint64 due = m_now + 60'000;
        QCOMPARE(*added->nextDue, due);
        QCOMPARE(*s->armedFor(), due);
        QVERIFY(s->isTimerActive());
        QCOMPARE(s->timerInterval(), 60'000);

        QSignalSpy fired(s.get(), &Scheduler::fired);
        m_now = due - 1;
        s->tick();
        QCOMPARE(fired.size(), 0);
        QCOMPARE(m_outbox.messages.size(), 0);
        QCOMPARE(s->timerInterval(), 1);

        m_now = due;
        s->tick();
        QCOMPARE(fired.size(), 1);
        QCOMPARE(m_outbox.messages.size(), 1);
        QCOMPARE(m_outbox.messages.at(0).key, u"cron:%1:%2"_s.arg(added->id).arg(due));
        QCOMPARE(m_outbox.messages.at(0).chat, u"42"_s);
        QCOMPARE(m_outbox.messages.at(0).text, u"Reminder: water the plants"_s);
        // A one-shot job is finished; nothing else is scheduled.
        QVERIFY(!s->store()->job(added->id)->nextDue);
        QVERIFY(!s->armedFor());
        QVERIFY(!s->isTimerActive());
        const QList<Firing> runs = s->store()->runs(added->id, 10, 0);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).state, u"queued"_s);
        QCOMPARE(*runs.at(0).outboxId, 1);
        // Ticking again changes nothing.
        m_now += 3'600'000;
        s->tick();
        QCOMPARE(m_outbox.calls.size(), 1);
    }

    void theRealTimerFiresWithoutPolling()
    {
        // The real clock: the one precise timer wakes for the job and for nothing else.
        auto s = std::make_unique<Scheduler>(Scheduler::Options {});
        s->setSender(m_outbox.sender());
        QVERIFY(s->attachStorage(m_db.get()));
        const auto added = s->addJob(job(u"interval"_s, u"1s"_s));
        QVERIFY(added);
        QVERIFY(s->isTimerActive());
        QVERIFY(s->timerInterval() <= 1000);
        QSignalSpy fired(s.get(), &Scheduler::fired);
        QTRY_VERIFY_WITH_TIMEOUT(fired.size() >= 2, 10'000);
        QVERIFY(m_outbox.messages.size() >= 2);
        // Each firing is one second after the previous (anchor + k × interval).
        const QList<Firing> runs = s->store()->runs(added->id, 10, 0);
        QVERIFY(runs.size() >= 2);
        QCOMPARE(runs.at(0).due - runs.at(1).due, 1000);
        QVERIFY(s->removeJob(added->id));
        QVERIFY(!s->isTimerActive());
    }

    void recurringJobsContinue()
    {
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        const auto added = s->addJob(job(u"cron"_s, u"*/10 * * * *"_s));
        QVERIFY(added);
        QCOMPARE(*added->nextDue, m_now + 600'000);
        for (int i = 1; i <= 5; ++i) {
            m_now = *s->armedFor();
            s->tick();
            QCOMPARE(m_outbox.messages.size(), i);
        }
        QCOMPARE(*s->armedFor(), utc(u"2026-11-26T11:00:00"_s));
    }

    void catchUpPolicies_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<int>("delivered");
        QTest::addColumn<int>("skipped");
        QTest::addRow("once (default): one firing for everything missed") << u"once"_s << 1 << 0;
        QTest::addRow("all: every missed firing") << u"all"_s << 5 << 0;
        QTest::addRow("skip: none, recorded as skipped") << u"skip"_s << 0 << 1;
    }
    void catchUpPolicies()
    {
        QFETCH(QString, policy);
        QFETCH(int, delivered);
        QFETCH(int, skipped);
        qint64 jobId = 0;
        {
            auto s = makeScheduler();
            QVERIFY(s->attachStorage(m_db.get()));
            const auto added = s->addJob(job(u"cron"_s, u"0 * * * *"_s, policy)); // hourly, first at 11:00
            QVERIFY(added);
            jobId = added->id;
            s->detach(); // shut down
        }
        // Down from 10:00 until 15:10: the 11:00 … 15:00 firings were missed.
        m_now = utc(u"2026-11-26T15:10:00"_s);
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        QCOMPARE(int(m_outbox.messages.size()), delivered);
        const QList<Firing> runs = s->store()->runs(jobId, 100, 0);
        int skippedRuns = 0;
        for (const Firing &f : runs)
            skippedRuns += f.state == u"skipped" ? 1 : 0;
        QCOMPARE(skippedRuns, skipped);
        if (policy == u"once")
            QCOMPARE(runs.at(0).due, utc(u"2026-11-26T15:00:00"_s)); // the latest missed one
        // The job continues on its schedule.
        QCOMPARE(*s->armedFor(), utc(u"2026-11-26T16:00:00"_s));
        m_now = *s->armedFor();
        s->tick();
        QCOMPARE(int(m_outbox.messages.size()), delivered + 1);
    }

    void lateWithinTheGraceIsOnTimeEvenForSkip()
    {
        qint64 jobId = 0;
        {
            auto s = makeScheduler();
            QVERIFY(s->attachStorage(m_db.get()));
            jobId = s->addJob(job(u"cron"_s, u"0 11 * * *"_s, u"skip"_s))->id;
            s->detach();
        }
        m_now = utc(u"2026-11-26T11:00:30"_s); // a restart 30 s after the due time
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        QCOMPARE(m_outbox.messages.size(), 1);
        QCOMPARE(s->store()->runs(jobId, 10, 0).at(0).state, u"queued"_s);
    }

    void crashBetweenRecordAndDeliveryDeliversOnce()
    {
        qint64 jobId = 0;
        qint64 due = 0;
        {
            auto s = makeScheduler();
            QVERIFY(s->attachStorage(m_db.get()));
            const auto added = s->addJob(job(u"once"_s, u"2026-11-26T10:05:00"_s));
            jobId = added->id;
            due = *added->nextDue;
            // What tick() records before delivering, then the process dies.
            FiringPlan plan;
            plan.jobId = jobId;
            plan.expectedNextDue = due;
            plan.fire = { due };
            const auto recorded = s->store()->record({ plan }, due);
            QVERIFY(recorded);
            QCOMPARE(recorded->size(), 1);
            // Recording the same due again records nothing (UNIQUE (job_id, due)).
            QVERIFY(s->store()->record({ plan }, due)->isEmpty());
            s->detach();
        }
        QCOMPARE(m_outbox.calls.size(), 0);
        m_now = due + 5000;
        {
            auto s = makeScheduler();
            QVERIFY(s->attachStorage(m_db.get()));
            QCOMPARE(m_outbox.calls.size(), 1);
            QCOMPARE(m_outbox.calls.at(0), u"cron:%1:%2"_s.arg(jobId).arg(due));
            s->detach();
        }
        // A crash after the outbox took it but before the firing was marked: the same key again,
        // which the outbox ignores.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"UPDATE scheduler_runs SET state = 'recorded', outbox_id = NULL"_s));
        {
            auto s = makeScheduler();
            QVERIFY(s->attachStorage(m_db.get()));
            QCOMPARE(m_outbox.calls.size(), 2);
            QCOMPARE(m_outbox.calls.at(1), m_outbox.calls.at(0));
        }
        QCOMPARE(m_outbox.messages.size(), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM scheduler_runs WHERE state = 'queued'"_s), 1);
    }

    void sessionTargetGoesIntoTheTranscriptOnce()
    {
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        Job j = job(u"once"_s, u"2026-11-26T10:00:10"_s);
        j.channel.clear();
        j.target.clear(); // the owner's main session
        const auto added = s->addJob(j);
        QVERIFY(added);
        QCOMPARE(added->target, u"agent:main:u:u1:main"_s);
        QSignalSpy handled(s.get(), &Scheduler::firingHandled);
        m_now += 10'000;
        s->tick();
        QCOMPARE(handled.size(), 1);
        QCOMPARE(handled.at(0).at(2).toString(), u"delivered"_s);
        QCOMPARE(m_outbox.calls.size(), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM messages WHERE session_key = 'agent:main:u:u1:main' AND role = "
                       "'assistant' AND content LIKE '%water the plants%'"_s),
            1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM sessions WHERE key = 'agent:main:u:u1:main' AND user_id = 'u1'"_s), 1);
        // Delivering the same firing again (a restart) adds nothing.
        const Firing f = s->store()->runs(added->id, 1, 0).at(0);
        QVERIFY(s->store()->deliverToSession(f, *added, added->message, m_now));
        QCOMPARE(count(u"SELECT COUNT(*) FROM messages"_s), 1);
    }

    void aFailedDeliveryIsRecorded()
    {
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        m_outbox.failing = true;
        const auto added = s->addJob(job(u"once"_s, u"2026-11-26T10:00:10"_s));
        m_now += 10'000;
        s->tick();
        const Firing f = s->store()->runs(added->id, 1, 0).at(0);
        QCOMPARE(f.state, u"failed"_s);
        QVERIFY(f.error.contains(u"unknown or disabled channel"_s));
    }

    void runNowFiresApartFromTheSchedule()
    {
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        const auto added = s->addJob(job(u"cron"_s, u"0 9 * * *"_s));
        const auto firing = s->runNow(added->id);
        QVERIFY(firing);
        QVERIFY(firing->manual);
        QCOMPARE(firing->state, u"queued"_s);
        QCOMPARE(m_outbox.messages.size(), 1);
        QCOMPARE(*s->store()->job(added->id)->nextDue, *added->nextDue);
        QVERIFY(!s->runNow(424242));
    }

    void changesRearmTheTimer()
    {
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        const auto late = s->addJob(job(u"once"_s, u"2026-11-26T12:00:00"_s));
        QCOMPARE(*s->armedFor(), *late->nextDue);
        const auto early = s->addJob(job(u"once"_s, u"2026-11-26T11:00:00"_s));
        QCOMPARE(*s->armedFor(), *early->nextDue);
        Job moved = *early;
        moved.spec = u"2026-11-26T13:00:00"_s;
        QVERIFY(s->updateJob(moved));
        QCOMPARE(*s->armedFor(), *late->nextDue);
        Job disabled = *late;
        disabled.enabled = false;
        QVERIFY(s->updateJob(disabled));
        QCOMPARE(*s->armedFor(), utc(u"2026-11-26T13:00:00"_s));
        QVERIFY(s->removeJob(early->id));
        QVERIFY(!s->armedFor());
        QVERIFY(!s->isTimerActive());
        QVERIFY(!s->removeJob(early->id));
    }

    void tenThousandJobsFireInOrder()
    {
        Scheduler::Options options;
        options.maxJobsPerUser = 20'000;
        auto s = makeScheduler(options);
        QVERIFY(s->attachStorage(m_db.get()));
        QRandomGenerator random(7);
        constexpr int JOBS = 10'000;
        const qint64 start = m_now;
        {
            QSqlDatabase db = m_db->connection();
            QVERIFY(db.transaction());
            for (int i = 0; i < JOBS; ++i) {
                // Due within the next two hours, at whole seconds (many share one).
                const qint64 due = start + 1000 * (1 + qint64(random.bounded(7200)));
                Job j = job(u"once"_s, QDateTime::fromMSecsSinceEpoch(due, Qt::UTC).toString(Qt::ISODate));
                j.userId = i % 2 ? u"u1"_s : u"u2"_s;
                j.message = QString::number(due);
                Gateway::Result<Job> added = s->store()->add([&] {
                    (void)s->prepare(j, start);
                    j.createdAt = start;
                    j.updatedAt = start;
                    return j;
                }());
                QVERIFY(added);
            }
            QVERIFY(db.commit());
        }
        s->tick(); // nothing due yet; arms for the earliest
        std::optional<qint64> earliest = s->store()->nextDue();
        QCOMPARE(s->armedFor(), earliest);
        qint64 previousDue = 0;
        int ticks = 0;
        QSet<QString> keys;
        while (const std::optional<qint64> armed = s->armedFor()) {
            QCOMPARE(s->timerInterval(), int(qMin<qint64>(*armed - m_now, 3'600'000)));
            m_now = *armed;
            const qsizetype before = m_outbox.messages.size();
            s->tick();
            ++ticks;
            QVERIFY(m_outbox.messages.size() > before);
            for (qsizetype i = before; i < m_outbox.messages.size(); ++i) {
                const qint64 due = m_outbox.messages.at(i).text.toLongLong();
                QCOMPARE(due, m_now); // on time, never early
                QVERIFY(due >= previousDue);
                previousDue = due;
                keys.insert(m_outbox.messages.at(i).key);
            }
            // Adding a job earlier than the armed one re-arms for it.
            if (ticks == 100) {
                const auto soon = s->addJob(job(u"interval"_s, u"1s"_s));
                QVERIFY(soon);
                QCOMPARE(*s->armedFor(), m_now + 1000);
                QVERIFY(s->removeJob(soon->id));
            }
        }
        QCOMPARE(int(m_outbox.messages.size()), JOBS);
        QCOMPARE(int(keys.size()), JOBS);
        QCOMPARE(count(u"SELECT COUNT(*) FROM scheduler_runs WHERE state = 'queued'"_s), JOBS);
        QCOMPARE(count(u"SELECT COUNT(*) FROM scheduler_jobs WHERE next_due IS NOT NULL"_s), 0);
    }

    void badJobsAreRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("tz");
        QTest::addColumn<QString>("catchUp");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("error");
        QTest::addRow("unknown kind") << u"weekly"_s << u"x"_s << u"UTC"_s << u"once"_s << u"m"_s << u"kind must be"_s;
        QTest::addRow("bad cron") << u"cron"_s << u"61 * * * *"_s << u"UTC"_s << u"once"_s << u"m"_s
                                  << u"minute field"_s;
        QTest::addRow("bad interval") << u"interval"_s << u"0s"_s << u"UTC"_s << u"once"_s << u"m"_s << u"interval"_s;
        QTest::addRow("bad time") << u"once"_s << u"tomorrow"_s << u"UTC"_s << u"once"_s << u"m"_s << u"ISO 8601"_s;
        QTest::addRow("in the past") << u"once"_s << u"2026-11-26T09:00"_s << u"UTC"_s << u"once"_s << u"m"_s
                                     << u"in the past"_s;
        QTest::addRow("unknown zone") << u"cron"_s << u"* * * * *"_s << u"Mars/Olympus"_s << u"once"_s << u"m"_s
                                      << u"unknown time zone"_s;
        QTest::addRow("bad catch-up") << u"cron"_s << u"* * * * *"_s << u"UTC"_s << u"sometimes"_s << u"m"_s
                                      << u"catchUp must be"_s;
        QTest::addRow("empty message") << u"cron"_s << u"* * * * *"_s << u"UTC"_s << u"once"_s << u"  "_s
                                       << u"message must be"_s;
        QTest::addRow("huge message") << u"cron"_s << u"* * * * *"_s << u"UTC"_s << u"once"_s << QString(5000, u'x')
                                      << u"message must be"_s;
        QTest::addRow("empty spec") << u"cron"_s << u""_s << u"UTC"_s << u"once"_s << u"m"_s << u"spec must be"_s;
    }
    void badJobsAreRefused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, spec);
        QFETCH(QString, tz);
        QFETCH(QString, catchUp);
        QFETCH(QString, message);
        QFETCH(QString, error);
        auto s = makeScheduler();
        QVERIFY(s->attachStorage(m_db.get()));
        Job j = job(kind, spec, catchUp);
        j.timeZone = tz;
        j.message = message;
        const auto added = s->addJob(j);
        QVERIFY(!added);
        QVERIFY2(added.error().message.contains(error), qPrintable(added.error().message));
        QCOMPARE(count(u"SELECT COUNT(*) FROM scheduler_jobs"_s), 0);
    }

    void maxJobsPerUser()
    {
        Scheduler::Options options;
        options.maxJobsPerUser = 2;
        auto s = makeScheduler(options);
        QVERIFY(s->attachStorage(m_db.get()));
        QVERIFY(s->addJob(job(u"cron"_s, u"0 9 * * *"_s)));
        QVERIFY(s->addJob(job(u"cron"_s, u"0 10 * * *"_s)));
        const auto third = s->addJob(job(u"cron"_s, u"0 11 * * *"_s));
        QVERIFY(!third);
        QCOMPARE(third.error().code, u"LIMIT"_s);
        Job other = job(u"cron"_s, u"0 11 * * *"_s);
        other.userId = u"u2"_s;
        QVERIFY(s->addJob(other));
    }

    void disabledSchedulerFiresNothing()
    {
        {
            auto s = makeScheduler();
            QVERIFY(s->attachStorage(m_db.get()));
            QVERIFY(s->addJob(job(u"once"_s, u"2026-11-26T10:00:10"_s)));
            s->detach();
        }
        Scheduler::Options off;
        off.enabled = false;
        m_now += 60'000;
        auto s = makeScheduler(off);
        QVERIFY(s->attachStorage(m_db.get()));
        s->tick();
        QVERIFY(!s->isTimerActive());
        QCOMPARE(m_outbox.calls.size(), 0);
        const auto refused = s->addJob(job(u"once"_s, u"2026-11-26T12:00:00"_s));
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"disabled"_s));
    }
};

QTEST_GUILESS_MAIN(tst_Scheduler)
#include "tst_scheduler.moc"
