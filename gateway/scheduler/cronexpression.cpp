// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "scheduler/cronexpression.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Scheduler
{

namespace
{

constexpr qint64 DAY = 86400;
constexpr qint64 JULIAN_EPOCH = 2440588; ///< QDate's Julian day of 1970-01-01
constexpr int SEARCH_DAYS = 366 * 8 + 2; ///< a leap day on a given weekday recurs within 28 years, but
                                         ///< with the OR rule any restricted weekday matches weekly
constexpr qint64 MAX_SPEC = 256;

struct Field
{
    const char16_t *name;
    int low;
    int high;
    QStringList names; ///< names[i] is the value low + i (empty: numbers only)
};

Error fieldError(const Field &field, const QString &message)
{
    return Error { u"INVALID_CRON"_s, u"%1 field: %2"_s.arg(QString::fromUtf16(field.name), message) };
}

std::optional<int> value(const Field &field, const QString &text)
{
    bool ok = false;
    const int n = text.toInt(&ok);
    if (ok && !text.startsWith(u'+') && !text.startsWith(u'-'))
        return n;
    const int index = field.names.indexOf(text.toUpper());
    if (index >= 0)
        return field.low + index;
    return std::nullopt;
}

/// Parses one field into bits[low..high]; star reports whether it starts with '*'.
template<size_t N>
Status parseField(const Field &field, const QString &text, std::bitset<N> &bits, bool &star, int maxValue)
{
    star = text.startsWith(u'*');
    for (const QString &item : text.split(u',')) {
        if (item.isEmpty())
            return fieldError(field, u"empty list item in \"%1\""_s.arg(text));
        QString range = item;
        int step = 1;
        if (const qsizetype slash = item.indexOf(u'/'); slash >= 0) {
            bool ok = false;
            const QString stepText = item.mid(slash + 1);
            step = stepText.toInt(&ok);
            if (!ok || step < 1 || stepText.startsWith(u'+') || step > maxValue)
                return fieldError(field, u"bad step \"%1\""_s.arg(stepText.left(16)));
            range = item.left(slash);
        }
        int from = field.low;
        int to = maxValue;
        if (range == u"*") {
            // whole range
        } else if (const qsizetype dash = range.indexOf(u'-'); dash > 0) {
            const std::optional<int> a = value(field, range.left(dash));
            const std::optional<int> b = value(field, range.mid(dash + 1));
            if (!a || !b)
                return fieldError(field, u"bad range \"%1\""_s.arg(range.left(32)));
            from = *a;
            to = *b;
            if (from > to)
                return fieldError(field, u"range \"%1\" goes backwards"_s.arg(range.left(32)));
        } else {
            const std::optional<int> a = value(field, range);
            if (!a)
                return fieldError(field, u"\"%1\" is not a number or name"_s.arg(range.left(32)));
            from = *a;
            // "5/15" means from 5 to the end in steps of 15 (as cronie reads it).
            to = item.contains(u'/') ? maxValue : *a;
        }
        if (from < field.low || to > maxValue)
            return fieldError(
                field, u"%1 is out of range %2-%3"_s.arg(from < field.low ? from : to).arg(field.low).arg(maxValue));
        for (int v = from; v <= to; v += step)
            bits.set(size_t(v == 7 && N == 7 ? 0 : v));
    }
    return {};
}

int offsetAt(const QTimeZone &zone, qint64 secs)
{
    return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC));
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

} // namespace

Result<CronExpression> CronExpression::parse(const QString &input)
{
    if (input.size() > MAX_SPEC)
        return Error { u"INVALID_CRON"_s, u"the cron expression is longer than %1 characters"_s.arg(MAX_SPEC) };
    QString spec = input.simplified();
    static const QHash<QString, QString> macros = {
        { u"@yearly"_s, u"0 0 1 1 *"_s },
        { u"@annually"_s, u"0 0 1 1 *"_s },
        { u"@monthly"_s, u"0 0 1 * *"_s },
        { u"@weekly"_s, u"0 0 * * 0"_s },
        { u"@daily"_s, u"0 0 * * *"_s },
        { u"@midnight"_s, u"0 0 * * *"_s },
        { u"@hourly"_s, u"0 * * * *"_s },
    };
    if (spec.startsWith(u'@')) {
        if (!macros.contains(spec.toLower()))
            return Error { u"INVALID_CRON"_s, u"unknown macro \"%1\""_s.arg(spec.left(32)) };
        spec = macros.value(spec.toLower());
    }
    const QStringList parts = spec.split(u' ', Qt::SkipEmptyParts);
    if (parts.size() != 5)
        return Error { u"INVALID_CRON"_s,
            u"a cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has %1"_s.arg(
                parts.size()) };
    static const Field minute { u"minute", 0, 59, {} };
    static const Field hour { u"hour", 0, 23, {} };
    static const Field day { u"day-of-month", 1, 31, {} };
    static const Field month { u"month", 1, 12,
        { u"JAN"_s, u"FEB"_s, u"MAR"_s, u"APR"_s, u"MAY"_s, u"JUN"_s, u"JUL"_s, u"AUG"_s, u"SEP"_s, u"OCT"_s, u"NOV"_s,
            u"DEC"_s } };
    static const Field weekday { u"day-of-week", 0, 7,
        { u"SUN"_s, u"MON"_s, u"TUE"_s, u"WED"_s, u"THU"_s, u"FRI"_s, u"SAT"_s } };
    CronExpression cron;
    bool star = false;
    if (Status s = parseField(minute, parts[0], cron.m_minutes, star, 59); !s)
        return s.error();
    if (Status s = parseField(hour, parts[1], cron.m_hours, star, 23); !s)
        return s.error();
    if (Status s = parseField(day, parts[2], cron.m_days, cron.m_dayStar, 31); !s)
        return s.error();
    if (Status s = parseField(month, parts[3], cron.m_months, star, 12); !s)
        return s.error();
    if (Status s = parseField(weekday, parts[4], cron.m_weekdays, cron.m_weekdayStar, 7); !s)
        return s.error();
    // A day-of-month that no chosen month has ("0 0 30 2 *") would never fire.
    if (cron.m_weekdayStar || cron.m_dayStar) {
        static constexpr int longest[13] = { 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        bool possible = false;
        for (int m = 1; m <= 12 && !possible; ++m) {
            for (int d = 1; d <= longest[m] && !possible; ++d)
                possible = cron.m_months.test(size_t(m)) && cron.m_days.test(size_t(d));
        }
        if (!possible)
            return Error { u"INVALID_CRON"_s,
                u"no chosen month has the chosen day of the month; it would never fire"_s };
    }
    cron.m_text = parts.join(u' ');
    return cron;
}

bool CronExpression::dayMatches(int dayOfMonth, int month, int dayOfWeek) const
{
    if (!m_months.test(size_t(month)))
        return false;
    const bool dom = m_days.test(size_t(dayOfMonth));
    const bool dow = m_weekdays.test(size_t(dayOfWeek % 7));
    if (m_dayStar || m_weekdayStar)
        return dom && dow; // the starred field matches every day
    return dom || dow; // both restricted: either (Vixie cron)
}

qint64 wallToInstant(qint64 wall, const QTimeZone &zone)
{
    if (!zone.hasTransitions())
        return wall - offsetAt(zone, wall);
    const int before = offsetAt(zone, wall - DAY);
    const int after = offsetAt(zone, wall + DAY);
    const qint64 first = wall - before;
    const qint64 second = wall - after;
    const bool firstValid = offsetAt(zone, first) == before;
    const bool secondValid = offsetAt(zone, second) == after;
    if (firstValid && secondValid)
        return qMin(first, second); // a repeated wall time: its first occurrence
    if (firstValid)
        return first;
    if (secondValid)
        return second;
    // Skipped by a transition: the first instant after the gap.
    const QTimeZone::OffsetData t = zone.nextTransition(QDateTime::fromSecsSinceEpoch(qMin(first, second), Qt::UTC));
    if (t.atUtc.isValid() && t.atUtc.toSecsSinceEpoch() <= qMax(first, second))
        return t.atUtc.toSecsSinceEpoch();
    return qMax(first, second);
}

std::optional<qint64> CronExpression::next(qint64 afterMs, const QTimeZone &zone) const
{
    const qint64 afterSecs = floorDiv(afterMs, 1000);
    qint64 startWall = afterSecs + offsetAt(zone, afterSecs);
    // Near a transition a wall time before "now" on the wall clock can still be ahead in time.
    if (zone.hasTransitions()) {
        const QTimeZone::OffsetData t = zone.nextTransition(QDateTime::fromSecsSinceEpoch(afterSecs - DAY, Qt::UTC));
        if (t.atUtc.isValid() && t.atUtc.toSecsSinceEpoch() <= afterSecs + DAY)
            startWall -= 3 * 3600;
    }
    const qint64 firstDay = floorDiv(startWall, DAY);
    for (qint64 dayIndex = firstDay; dayIndex < firstDay + SEARCH_DAYS; ++dayIndex) {
        const QDate date = QDate::fromJulianDay(dayIndex + JULIAN_EPOCH);
        if (!m_months.test(size_t(date.month()))) {
            // Jump to the last day of this month; the loop steps into the next.
            dayIndex += date.daysInMonth() - date.day();
            continue;
        }
        if (!dayMatches(date.day(), date.month(), date.dayOfWeek()))
            continue;
        for (int h = 0; h < 24; ++h) {
            if (!m_hours.test(size_t(h)))
                continue;
            const qint64 hourWall = dayIndex * DAY + h * 3600;
            if (hourWall + 3599 < startWall)
                continue;
            for (int m = 0; m < 60; ++m) {
                if (!m_minutes.test(size_t(m)))
                    continue;
                const qint64 wall = hourWall + m * 60;
                if (wall < startWall)
                    continue;
                const qint64 instant = wallToInstant(wall, zone);
                if (instant * 1000 > afterMs)
                    return instant * 1000;
            }
        }
    }
    return std::nullopt;
}

Result<qint64> parseInterval(const QString &input)
{
    static const QRegularExpression re(u"^\\s*(\\d{1,9})\\s*(s|m|h|d)?\\s*$"_s);
    const QRegularExpressionMatch match = re.match(input.toLower());
    if (!match.hasMatch())
        return Error { u"INVALID_INTERVAL"_s,
            u"an interval is a number of seconds, or a number with s, m, h or d (\"90s\", \"15m\", \"2h\")"_s };
    qint64 n = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    if (unit == u"m")
        n *= 60;
    else if (unit == u"h")
        n *= 3600;
    else if (unit == u"d")
        n *= DAY;
    if (n < 1 || n > 366 * DAY)
        return Error { u"INVALID_INTERVAL"_s, u"an interval must be from 1 second to 366 days"_s };
    return n;
}

Result<qint64> parseDateTime(const QString &input, const QTimeZone &zone)
{
    static const QRegularExpression re(
        u"^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?$"_s);
    const QRegularExpressionMatch match = re.match(input.trimmed());
    const Error bad { u"INVALID_TIME"_s,
        u"the time must be ISO 8601 like 2026-11-27T09:00 (wall time in the job's time zone) or with an offset "
        "like 2026-11-27T09:00+01:00"_s };
    if (!match.hasMatch())
        return bad;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return bad;
    const qint64 wall = (date.toJulianDay() - JULIAN_EPOCH) * DAY + time.msecsSinceStartOfDay() / 1000;
    const QString offset = match.captured(7);
    if (offset.isEmpty())
        return wallToInstant(wall, zone) * 1000;
    if (offset == u"Z")
        return wall * 1000;
    const QString digits = QString(offset).remove(u':');
    const int sign = digits.startsWith(u'-') ? -1 : 1;
    const int hours = digits.mid(1, 2).toInt();
    const int minutes = digits.mid(3, 2).toInt();
    if (hours > 18 || minutes > 59)
        return bad;
    return (wall - sign * (hours * 3600 + minutes * 60)) * 1000;
}

} // namespace Gateway::Scheduler
