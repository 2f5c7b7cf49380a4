// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The cron parser (good and bad input), next() across DST transitions in Europe/Berlin and
// America/New_York, leap days, day-of-month/day-of-week combinations, intervals and ISO times.
#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include "scheduler/cronexpression.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Scheduler::CronExpression;

namespace
{
qint64 utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t.toMSecsSinceEpoch();
}
QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}
} // namespace

class tst_CronExpression final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QTimeZone::isTimeZoneIdAvailable("Europe/Berlin"), "tzdata is needed");
        QVERIFY(QTimeZone::isTimeZoneIdAvailable("America/New_York"));
    }

    void parsesGoodExpressions_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("normalised");
        QTest::addRow("every minute") << u"* * * * *"_s << u"* * * * *"_s;
        QTest::addRow("weekdays at nine") << u"0 9 * * MON-FRI"_s << u"0 9 * * MON-FRI"_s;
        QTest::addRow("steps, ranges, lists") << u"*/15 9-17 1,15 */2 1-5"_s << u"*/15 9-17 1,15 */2 1-5"_s;
        QTest::addRow("extra whitespace") << u"  0   0  *  *  * "_s << u"0 0 * * *"_s;
        QTest::addRow("sunday as 7") << u"0 12 * * 7"_s << u"0 12 * * 7"_s;
        QTest::addRow("names in lower case") << u"0 12 * jan,Jul sun"_s << u"0 12 * jan,Jul sun"_s;
        QTest::addRow("start/step") << u"5/15 * * * *"_s << u"5/15 * * * *"_s;
        QTest::addRow("range/step") << u"0-30/10 * * * *"_s << u"0-30/10 * * * *"_s;
        QTest::addRow("@daily") << u"@daily"_s << u"0 0 * * *"_s;
        QTest::addRow("@HOURLY") << u"@HOURLY"_s << u"0 * * * *"_s;
        QTest::addRow("leap day") << u"0 9 29 2 *"_s << u"0 9 29 2 *"_s;
    }
    void parsesGoodExpressions()
    {
        QFETCH(QString, spec);
        QFETCH(QString, normalised);
        const auto cron = CronExpression::parse(spec);
        QVERIFY2(cron, qPrintable(cron ? QString() : cron.error().message));
        QCOMPARE(cron->toString(), normalised);
    }

    void rejectsBadExpressions_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("error"); // a part of the message
        QTest::addRow("empty") << u""_s << u"5 fields"_s;
        QTest::addRow("four fields") << u"* * * *"_s << u"this one has 4"_s;
        QTest::addRow("six fields") << u"0 * * * * *"_s << u"this one has 6"_s;
        QTest::addRow("minute 60") << u"60 * * * *"_s << u"minute field: 60 is out of range 0-59"_s;
        QTest::addRow("hour 24") << u"0 24 * * *"_s << u"hour field: 24 is out of range 0-23"_s;
        QTest::addRow("day 0") << u"0 0 0 * *"_s << u"day-of-month field: 0 is out of range 1-31"_s;
        QTest::addRow("day 32") << u"0 0 32 * *"_s << u"day-of-month field"_s;
        QTest::addRow("month 13") << u"0 0 * 13 *"_s << u"month field: 13 is out of range 1-12"_s;
        QTest::addRow("weekday 8") << u"0 0 * * 8"_s << u"day-of-week field: 8 is out of range 0-7"_s;
        QTest::addRow("step 0") << u"*/0 * * * *"_s << u"minute field: bad step \"0\""_s;
        QTest::addRow("empty step") << u"*/ * * * *"_s << u"bad step"_s;
        QTest::addRow("backwards range") << u"5-1 * * * *"_s << u"goes backwards"_s;
        QTest::addRow("letters") << u"a * * * *"_s << u"\"a\" is not a number or name"_s;
        QTest::addRow("empty list item") << u"1,,2 * * * *"_s << u"empty list item"_s;
        QTest::addRow("negative") << u"-1 * * * *"_s << u"minute field"_s;
        QTest::addRow("double range") << u"1-2-3 * * * *"_s << u"bad range"_s;
        QTest::addRow("unknown month name") << u"0 0 * FOO *"_s << u"month field"_s;
        QTest::addRow("day name in month field") << u"0 0 * MON *"_s << u"month field"_s;
        QTest::addRow("never: 30 February") << u"0 0 30 2 *"_s << u"never fire"_s;
        QTest::addRow("never: 31 April") << u"0 0 31 4 *"_s << u"never fire"_s;
        QTest::addRow("unknown macro") << u"@reboot"_s << u"unknown macro"_s;
        QTest::addRow("plus sign") << u"+5 * * * *"_s << u"minute field"_s;
        QTest::addRow("too long") << QString(300, u'1') << u"longer than"_s;
    }
    void rejectsBadExpressions()
    {
        QFETCH(QString, spec);
        QFETCH(QString, error);
        const auto cron = CronExpression::parse(spec);
        QVERIFY(!cron);
        QVERIFY2(cron.error().message.contains(error), qPrintable(cron.error().message));
        QCOMPARE(cron.error().code, u"INVALID_CRON"_s);
    }

    void next_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("after"); // UTC
        QTest::addColumn<QStringList>("expected"); // consecutive firings, UTC

        // Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST → 02:00 CET (01:00Z).
        QTest::addRow("Berlin: 02:30 skipped by spring-forward fires at 03:00 CEST")
            << u"30 2 * * *"_s << u"Europe/Berlin"_s << u"2026-03-28T12:00:00"_s
            << QStringList { u"2026-03-29T01:00:00Z"_s, u"2026-03-30T00:30:00Z"_s };
        QTest::addRow("Berlin: every 15 min across the gap fires once at its end")
            << u"*/15 * * * *"_s << u"Europe/Berlin"_s << u"2026-03-29T00:40:00"_s
            << QStringList { u"2026-03-29T00:45:00Z"_s, u"2026-03-29T01:00:00Z"_s, u"2026-03-29T01:15:00Z"_s };
        QTest::addRow("Berlin: repeated 02:30 in fall-back fires once")
            << u"30 2 * * *"_s << u"Europe/Berlin"_s << u"2026-10-24T12:00:00"_s
            << QStringList { u"2026-10-25T00:30:00Z"_s, u"2026-10-26T01:30:00Z"_s };
        QTest::addRow("Berlin: hourly in fall-back skips the repeated hour")
            << u"0 * * * *"_s << u"Europe/Berlin"_s << u"2026-10-24T23:30:00"_s
            << QStringList { u"2026-10-25T00:00:00Z"_s, u"2026-10-25T02:00:00Z"_s, u"2026-10-25T03:00:00Z"_s };
        QTest::addRow("Berlin: daily 09:00 keeps its wall time across spring-forward")
            << u"0 9 * * *"_s << u"Europe/Berlin"_s << u"2026-03-28T09:00:00"_s
            << QStringList { u"2026-03-29T07:00:00Z"_s, u"2026-03-30T07:00:00Z"_s };
        // America/New_York: 2026-03-08 02:00 EST → 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT → 01:00 EST (06:00Z).
        QTest::addRow("New York: 02:30 skipped fires at 03:00 EDT")
            << u"30 2 * * *"_s << u"America/New_York"_s << u"2026-03-07T12:00:00"_s
            << QStringList { u"2026-03-08T07:00:00Z"_s, u"2026-03-09T06:30:00Z"_s };
        QTest::addRow("New York: repeated 01:30 fires once")
            << u"30 1 * * *"_s << u"America/New_York"_s << u"2026-10-31T12:00:00"_s
            << QStringList { u"2026-11-01T05:30:00Z"_s, u"2026-11-02T06:30:00Z"_s };
        QTest::addRow("New York: asked during the repeated hour's second pass")
            << u"45 1 * * *"_s << u"America/New_York"_s << u"2026-11-01T06:50:00"_s // 01:50 EST
            << QStringList { u"2026-11-02T06:45:00Z"_s };
        // Calendar rules.
        QTest::addRow("leap day") << u"0 9 29 2 *"_s << u"UTC"_s << u"2026-01-01T00:00:00"_s
                                  << QStringList { u"2028-02-29T09:00:00Z"_s, u"2032-02-29T09:00:00Z"_s };
        QTest::addRow("31st skips short months")
            << u"0 0 31 * *"_s << u"UTC"_s << u"2026-11-26T00:00:00"_s
            << QStringList { u"2026-12-31T00:00:00Z"_s, u"2027-01-31T00:00:00Z"_s, u"2027-03-31T00:00:00Z"_s };
        QTest::addRow("day-of-month OR day-of-week when both are set")
            << u"0 0 13 * FRI"_s << u"UTC"_s << u"2026-12-05T00:00:00"_s
            << QStringList { u"2026-12-11T00:00:00Z"_s, u"2026-12-13T00:00:00Z"_s, u"2026-12-18T00:00:00Z"_s };
        QTest::addRow("starred day-of-month: weekdays only")
            << u"0 0 * * 1-5"_s << u"UTC"_s << u"2026-11-27T12:00:00"_s // a Friday
            << QStringList { u"2026-11-30T00:00:00Z"_s, u"2026-12-01T00:00:00Z"_s };
        QTest::addRow("*/2 day-of-month counts as starred (AND with weekday)")
            << u"0 0 */2 * MON"_s << u"UTC"_s << u"2026-11-01T00:00:00"_s
            << QStringList { u"2026-11-09T00:00:00Z"_s, u"2026-11-23T00:00:00Z"_s };
        QTest::addRow("sunday as 7") << u"0 12 * * 7"_s << u"UTC"_s << u"2026-11-26T00:00:00"_s
                                     << QStringList { u"2026-11-29T12:00:00Z"_s };
        QTest::addRow("strictly after") << u"0 12 * * *"_s << u"UTC"_s << u"2026-11-26T12:00:00"_s
                                        << QStringList { u"2026-11-27T12:00:00Z"_s };
        QTest::addRow("half-hour offset zone") << u"0 9 * * *"_s << u"Asia/Kathmandu"_s << u"2026-11-26T00:00:00"_s
                                               << QStringList { u"2026-11-26T03:15:00Z"_s };
        QTest::addRow("year end") << u"59 23 31 12 *"_s << u"UTC"_s << u"2026-12-31T23:59:30"_s
                                  << QStringList { u"2027-12-31T23:59:00Z"_s };
    }
    void next()
    {
        QFETCH(QString, spec);
        QFETCH(QString, zone);
        QFETCH(QString, after);
        QFETCH(QStringList, expected);
        const auto cron = CronExpression::parse(spec);
        QVERIFY(cron);
        const QTimeZone tz = zone == u"UTC" ? QTimeZone::utc() : QTimeZone(zone.toUtf8());
        QVERIFY(tz.isValid());
        qint64 t = utc(after);
        QStringList got;
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const std::optional<qint64> n = cron->next(t, tz);
            QVERIFY(n);
            QVERIFY(*n > t);
            got.append(iso(*n));
            t = *n;
        }
        QCOMPARE(got, expected);
    }

    void firesOnceADayThroughAWholeYearOfTransitions()
    {
        // Walking a year of daily firings in Berlin: exactly one per calendar day, at 02:30 or
        // (on the day the clocks spring forward) 03:00 local time.
        const auto cron = CronExpression::parse(u"30 2 * * *"_s);
        QVERIFY(cron);
        const QTimeZone berlin("Europe/Berlin");
        qint64 t = utc(u"2026-01-01T00:00:00"_s);
        QSet<QDate> days;
        for (int i = 0; i < 365; ++i) {
            t = *cron->next(t, berlin);
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, berlin);
            QVERIFY2(!days.contains(local.date()), qPrintable(local.toString(Qt::ISODate)));
            days.insert(local.date());
            QVERIFY(
                local.time() == QTime(2, 30) || (local.date() == QDate(2026, 3, 29) && local.time() == QTime(3, 0)));
        }
        QCOMPARE(days.size(), 365);
    }

    void intervals_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<qint64>("seconds"); // -1 = invalid
        QTest::addRow("plain seconds") << u"90"_s << qint64(90);
        QTest::addRow("s") << u"45s"_s << qint64(45);
        QTest::addRow("m") << u"15m"_s << qint64(900);
        QTest::addRow("h with spaces") << u" 2 h "_s << qint64(7200);
        QTest::addRow("d") << u"1d"_s << qint64(86400);
        QTest::addRow("upper case") << u"3H"_s << qint64(10800);
        QTest::addRow("zero") << u"0"_s << qint64(-1);
        QTest::addRow("negative") << u"-5m"_s << qint64(-1);
        QTest::addRow("unknown unit") << u"5w"_s << qint64(-1);
        QTest::addRow("too long") << u"367d"_s << qint64(-1);
        QTest::addRow("text") << u"often"_s << qint64(-1);
        QTest::addRow("empty") << u""_s << qint64(-1);
    }
    void intervals()
    {
        QFETCH(QString, spec);
        QFETCH(qint64, seconds);
        const auto parsed = Gateway::Scheduler::parseInterval(spec);
        if (seconds < 0) {
            QVERIFY(!parsed);
            QVERIFY(!parsed.error().message.isEmpty());
        } else {
            QVERIFY(parsed);
            QCOMPARE(*parsed, seconds);
        }
    }

    void dateTimes_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("expected"); // "" = invalid
        QTest::addRow("wall time in Berlin (CET)")
            << u"2026-11-27T09:00"_s << u"Europe/Berlin"_s << u"2026-11-27T08:00:00Z"_s;
        QTest::addRow("wall time in Berlin (CEST)")
            << u"2026-07-01T09:00:30"_s << u"Europe/Berlin"_s << u"2026-07-01T07:00:30Z"_s;
        QTest::addRow("space separator") << u"2026-11-27 09:00"_s << u"UTC"_s << u"2026-11-27T09:00:00Z"_s;
        QTest::addRow("Z") << u"2026-11-27T09:00:00Z"_s << u"Europe/Berlin"_s << u"2026-11-27T09:00:00Z"_s;
        QTest::addRow("offset wins over zone")
            << u"2026-11-27T09:00+05:30"_s << u"Europe/Berlin"_s << u"2026-11-27T03:30:00Z"_s;
        QTest::addRow("in the gap moves to its end")
            << u"2026-03-29T02:30"_s << u"Europe/Berlin"_s << u"2026-03-29T01:00:00Z"_s;
        QTest::addRow("repeated: first occurrence")
            << u"2026-10-25T02:30"_s << u"Europe/Berlin"_s << u"2026-10-25T00:30:00Z"_s;
        QTest::addRow("leap day") << u"2028-02-29T12:00"_s << u"UTC"_s << u"2028-02-29T12:00:00Z"_s;
        QTest::addRow("no leap day in 2027") << u"2027-02-29T12:00"_s << u"UTC"_s << u""_s;
        QTest::addRow("hour 25") << u"2026-11-27T25:00"_s << u"UTC"_s << u""_s;
        QTest::addRow("words") << u"tomorrow at 9"_s << u"UTC"_s << u""_s;
        QTest::addRow("date only") << u"2026-11-27"_s << u"UTC"_s << u""_s;
        QTest::addRow("bad offset") << u"2026-11-27T09:00+25:00"_s << u"UTC"_s << u""_s;
    }
    void dateTimes()
    {
        QFETCH(QString, spec);
        QFETCH(QString, zone);
        QFETCH(QString, expected);
        const QTimeZone tz = zone == u"UTC" ? QTimeZone::utc() : QTimeZone(zone.toUtf8());
        const auto parsed = Gateway::Scheduler::parseDateTime(spec, tz);
        if (expected.isEmpty()) {
            QVERIFY(!parsed);
            QVERIFY(parsed.error().message.contains(u"ISO 8601"_s));
        } else {
            QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
            QCOMPARE(iso(*parsed), expected);
        }
    }
};

QTEST_APPLESS_MAIN(tst_CronExpression)
#include "tst_cronexpression.moc"
