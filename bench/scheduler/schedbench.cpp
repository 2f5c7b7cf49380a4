// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// schedbench: how late the scheduler fires. Schedules --jobs one-shot jobs due within a --window
// (real clock, a real SQLite file with the gateway's pragmas), while --background interval jobs
// fire every second and --idle jobs wait beyond the window; every firing is queued into the real
// channel outbox (ChannelStore::enqueue, as ChannelManager::send does). Prints the median, p99
// and maximum lateness (fired − due) of the window's firings. Target: every firing within 1 s.
#include <algorithm>
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include "channels/channel.h"
#include "channels/channelstore.h"
#include "scheduler/jobstore.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Scheduler::Job;
using Gateway::Scheduler::Scheduler;

namespace
{
qint64 percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = qMin<qsizetype>(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values.at(index);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Scheduler lateness under load (docs/scheduler.md)"_s);
    parser.addHelpOption();
    parser.addOption({ u"jobs"_s, u"one-shot jobs due within the window"_s, u"n"_s, u"10000"_s });
    parser.addOption({ u"window"_s, u"seconds the jobs are spread over"_s, u"s"_s, u"10"_s });
    parser.addOption({ u"background"_s, u"interval jobs firing every second meanwhile"_s, u"n"_s, u"200"_s });
    parser.addOption({ u"idle"_s, u"jobs due after the window (table size)"_s, u"n"_s, u"10000"_s });
    parser.addOption({ u"seed"_s, u"random seed"_s, u"n"_s, u"1"_s });
    parser.process(app);
    const int jobs = parser.value(u"jobs"_s).toInt();
    const int windowS = parser.value(u"window"_s).toInt();
    const int background = parser.value(u"background"_s).toInt();
    const int idle = parser.value(u"idle"_s).toInt();
    QRandomGenerator random(parser.value(u"seed"_s).toUInt());

    QTemporaryDir dir;
    Gateway::Storage::Database db;
    if (Gateway::Status s = db.open({ dir.filePath(u"bench.db"_s) }); !s) {
        std::fprintf(stderr, "cannot open the database: %s\n", qPrintable(s.error().message));
        return 1;
    }
    QSqlQuery(db.connection())
        .exec(u"INSERT INTO users (id, display_name, role, created_at) VALUES ('u1', 'B', 'admin', 0)"_s);
    Gateway::Channels::ChannelStore outbox(&db);

    Scheduler::Options options;
    options.maxJobsPerUser = jobs + background + idle + 10;
    Scheduler scheduler(options);
    QList<qint64> lateness;
    QList<qint64> backgroundLateness;
    lateness.reserve(jobs);
    // Lateness is taken when the firing's outbox row is committed (firingHandled after the batch).
    QSet<qint64> windowJobs;
    QObject::connect(&scheduler, &Scheduler::firingHandled, &app, [&](qint64 jobId, qint64 due, const QString &) {
        (windowJobs.contains(jobId) ? lateness : backgroundLateness).append(QDateTime::currentMSecsSinceEpoch() - due);
    });
    scheduler.setSender([&](const QString &channel, const QString &chat, const QString &text, const QString &key,
                            const QString &userId) -> Gateway::Result<qint64> {
        Gateway::Channels::OutboundMessage message;
        message.chatId = chat;
        message.text = text;
        message.idempotencyKey = u"send:"_s + key;
        return outbox.enqueue(channel, userId, message, QDateTime::currentMSecsSinceEpoch());
    });
    if (Gateway::Status s = scheduler.attachStorage(&db); !s)
        return 1;

    // Fill the table with due times relative to 0, then move them all to start 2 s from the end
    // of the setup in one statement (the setup's own duration must not make jobs late).
    const qint64 start = 0;
    QElapsedTimer setup;
    setup.start();
    {
        QSqlDatabase connection = db.connection();
        connection.transaction();
        const auto add = [&](const QString &kind, const QString &message, qint64 due) {
            Job j;
            j.userId = u"u1"_s;
            j.kind = kind;
            j.timeZone = u"UTC"_s;
            j.message = message;
            j.channel = u"telegram"_s;
            j.target = QString::number(random.bounded(1000));
            if (kind == u"interval") {
                j.spec = u"1s"_s;
                j.anchor = due;
                j.nextDue = due + 1000;
            } else {
                // Only next_due matters here (the spec, at whole seconds before the shift, is never
                // read again: a once job is done after its firing).
                j.spec = QDateTime::fromMSecsSinceEpoch(due - due % 1000, Qt::UTC).toString(Qt::ISODate);
                j.nextDue = due;
            }
            j.createdAt = j.updatedAt = start;
            const Gateway::Result<Job> added = scheduler.store()->add(j);
            if (added && message == u"window")
                windowJobs.insert(added->id);
        };
        for (int i = 0; i < jobs; ++i)
            add(u"once"_s, u"window"_s, start + qint64(random.bounded(windowS * 1000)));
        for (int i = 0; i < idle; ++i)
            add(u"once"_s, u"idle"_s, start + windowS * 1000 + 3'600'000 + qint64(random.bounded(86'400'000)));
        for (int i = 0; i < background; ++i)
            add(u"interval"_s, u"background"_s, start + qint64(random.bounded(1000)));
        connection.commit();
    }
    const qint64 base = QDateTime::currentMSecsSinceEpoch() + 2000;
    QSqlQuery shift(db.connection());
    shift.prepare(u"UPDATE scheduler_jobs SET next_due = next_due + ?, anchor = anchor + ?"_s);
    shift.addBindValue(base);
    shift.addBindValue(base);
    if (!shift.exec())
        return 1;
    scheduler.tick(); // re-arm for what was added behind its back
    std::printf("scheduled %d jobs within %d s (+%d idle, %d firing every second) in %lld ms\n", jobs, windowS, idle,
        background, setup.elapsed());

    QTimer done;
    QObject::connect(&done, &QTimer::timeout, &app, [&] {
        if (lateness.size() >= jobs || QDateTime::currentMSecsSinceEpoch() > base + windowS * 1000 + 60'000)
            app.quit();
    });
    done.start(200);
    app.exec();

    const qint64 within = std::count_if(lateness.cbegin(), lateness.cend(), [](qint64 l) { return l <= 1000; });
    std::printf("window firings: %lld of %d; lateness median %lld ms, p99 %lld ms, max %lld ms, min %lld ms; "
                "within 1 s: %lld (%.2f %%)\n",
        qint64(lateness.size()), jobs, percentile(lateness, 0.5), percentile(lateness, 0.99), percentile(lateness, 1.0),
        percentile(lateness, 0.0), within, lateness.isEmpty() ? 0.0 : 100.0 * double(within) / double(lateness.size()));
    std::printf("background firings: %lld; lateness median %lld ms, p99 %lld ms, max %lld ms\n",
        qint64(backgroundLateness.size()), percentile(backgroundLateness, 0.5), percentile(backgroundLateness, 0.99),
        percentile(backgroundLateness, 1.0));
    scheduler.detach();
    return lateness.size() == jobs && within == jobs ? 0 : 1;
}
