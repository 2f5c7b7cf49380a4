// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Core::Clock, the soak's accelerated clock (bench/soak.sh): real by default, virtual time
// start + elapsed × scale only when SKYNET_TEST_CLOCK_SCALE is set, bad values refused, and the
// Scheduler firing a 1 h interval job after about 1 s of real time at scale 3600; the built
// gateway announcing the test mode, and refusing to start with a bad value.
#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "core/clock.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Core::Clock;
using Gateway::Scheduler::Job;
using Gateway::Scheduler::Scheduler;

class tst_Clock final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        Clock::reset();
        qunsetenv("SKYNET_TEST_CLOCK_SCALE");
        qunsetenv("SKYNET_TEST_CLOCK_START");
    }

    void realByDefault()
    {
        QString error;
        QVERIFY(Clock::configureFromEnvironment(&error));
        QVERIFY(error.isEmpty());
        QVERIFY(!Clock::isAccelerated());
        QCOMPARE(Clock::scale(), 1.0);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const qint64 now = Clock::nowMs();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(now >= before && now <= after);
        QCOMPARE(Clock::toRealMs(3'600'000), 3'600'000);
        QCOMPARE(Clock::describe(), u"real clock"_s);
    }

    void scaleAndStartFromEnvironment()
    {
        qputenv("SKYNET_TEST_CLOCK_SCALE", "3600");
        qputenv("SKYNET_TEST_CLOCK_START", "2026-01-01T00:00:00Z");
        QString error;
        QVERIFY2(Clock::configureFromEnvironment(&error), qPrintable(error));
        QVERIFY(Clock::isAccelerated());
        QCOMPARE(Clock::scale(), 3600.0);
        const qint64 start = QDateTime::fromString(u"2026-01-01T00:00:00Z"_s, Qt::ISODate).toMSecsSinceEpoch();
        const qint64 first = Clock::nowMs();
        QVERIFY(first >= start);
        // Virtual time runs 3600 times faster: an hour passes in about a real second.
        QTRY_VERIFY_WITH_TIMEOUT(Clock::nowMs() - start >= 3'600'000, 10000);
        QVERIFY(Clock::nowMs() >= first); // monotonic
        QCOMPARE(Clock::toRealMs(3'600'000), 1000);
        QCOMPARE(Clock::toRealMs(1), 1); // rounded up: never a busy loop of zero waits
        QCOMPARE(Clock::toRealMs(0), 0);
        QVERIFY(Clock::describe().startsWith(u"TEST MODE: accelerated clock x3600 starting at 2026-01-01T00:00:00"_s));
    }

    void startDefaultsToNow()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        Clock::setAccelerated(24);
        QVERIFY(Clock::nowMs() >= before);
        QVERIFY(Clock::nowMs() < before + 24 * 60'000); // not some fixed date
    }

    void badEnvironmentRefused_data()
    {
        QTest::addColumn<QByteArray>("scale");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("not a number") << QByteArray("fast") << QByteArray();
        QTest::newRow("one") << QByteArray("1") << QByteArray();
        QTest::newRow("below one") << QByteArray("0.5") << QByteArray();
        QTest::newRow("negative") << QByteArray("-24") << QByteArray();
        QTest::newRow("too large") << QByteArray("1e9") << QByteArray();
        QTest::newRow("infinite") << QByteArray("inf") << QByteArray();
        QTest::newRow("nan") << QByteArray("nan") << QByteArray();
        QTest::newRow("bad start") << QByteArray("24") << QByteArray("yesterday");
    }
    void badEnvironmentRefused()
    {
        QFETCH(QByteArray, scale);
        QFETCH(QByteArray, start);
        qputenv("SKYNET_TEST_CLOCK_SCALE", scale);
        if (!start.isEmpty())
            qputenv("SKYNET_TEST_CLOCK_START", start);
        QString error;
        QVERIFY(!Clock::configureFromEnvironment(&error));
        QVERIFY(error.startsWith(u"SKYNET_TEST_CLOCK_"_s));
        QVERIFY(!Clock::isAccelerated()); // stays real
    }

    void schedulerFiresByVirtualTime()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Gateway::Storage::Database db;
        QVERIFY(db.open({ dir.filePath(u"skynet.db"_s) }));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(u"INSERT INTO users (id, display_name, role, created_at) VALUES ('u1', 'U', 'user', 0)"_s));

        Clock::setAccelerated(3600);
        Scheduler scheduler({});
        scheduler.setClock(&Clock::nowMs);
        QList<QString> sent;
        scheduler.setSender([&sent](const QString &, const QString &, const QString &, const QString &key,
                                const QString &) -> Gateway::Result<qint64> {
            sent.append(key);
            return qint64(sent.size());
        });
        QVERIFY(scheduler.attachStorage(&db));
        Job job;
        job.userId = u"u1"_s;
        job.kind = u"interval"_s;
        job.spec = u"1h"_s;
        job.timeZone = u"UTC"_s;
        job.message = u"hourly"_s;
        job.channel = u"telegram"_s;
        job.target = u"42"_s;
        QVERIFY(scheduler.prepare(job, Clock::nowMs()));
        QVERIFY(scheduler.addJob(job));
        // The timer waits one virtual hour = about a real second (at most the one-hour cap, 1 s real).
        QVERIFY(scheduler.isTimerActive());
        QVERIFY(scheduler.timerInterval() <= 1000);
        QSignalSpy fired(&scheduler, &Scheduler::fired);
        QTRY_VERIFY_WITH_TIMEOUT(fired.size() >= 2, 15000); // two virtual hours
        QVERIFY(sent.size() >= 2);
        const qint64 firstDue = fired.at(0).at(1).toLongLong();
        const qint64 secondDue = fired.at(1).at(1).toLongLong();
        QCOMPARE(secondDue - firstDue, 3'600'000); // due times are virtual hours apart
        scheduler.detach();
    }

    void gatewayAnnouncesTestMode()
    {
        TestSupport::GatewayProcess gateway;
        QVERIFY(gateway.start({}, { u"SKYNET_TEST_CLOCK_SCALE=24"_s }));
        QVERIFY2(gateway.standardError().contains("WARNING: TEST MODE: accelerated clock x24"),
            gateway.standardError().constData());
        const TestSupport::HttpResult health
            = TestSupport::httpGet(QUrl(u"http://127.0.0.1:%1/health"_s.arg(gateway.port())));
        QCOMPARE(health.status, 200);
        QCOMPARE(gateway.terminate(), 0);
    }

    void gatewayWithoutTheVariableIsReal()
    {
        TestSupport::GatewayProcess gateway;
        QVERIFY(gateway.start());
        QCOMPARE(gateway.terminate(), 0);
        QVERIFY(!gateway.standardError().contains("TEST MODE"));
    }

    void gatewayRefusesBadScale()
    {
        TestSupport::GatewayProcess gateway;
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const int code
            = gateway.run({ u"--home"_s, home.path(), u"--port"_s, u"0"_s }, { u"SKYNET_TEST_CLOCK_SCALE=fast"_s });
        QVERIFY2(code != 0 && code != -1, gateway.standardError().constData());
        QVERIFY2(gateway.standardError().contains("SKYNET_TEST_CLOCK_SCALE must be a number above 1"),
            gateway.standardError().constData());
        QVERIFY(!gateway.standardOutput().contains("listening on"));
    }
};

QTEST_GUILESS_MAIN(tst_Clock)
#include "tst_clock.moc"
