// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <bitset>
#include <optional>

#include <QString>
#include <QTimeZone>

#include "core/result.h"

namespace Gateway::Scheduler
{

/// @brief A 5-field cron expression: minute hour day-of-month month day-of-week.
///
/// Fields take `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b-c`, month names
/// (JAN..DEC) and day names (SUN..SAT, 0 or 7 = Sunday). The macros @yearly, @annually,
/// @monthly, @weekly, @daily, @midnight and @hourly are accepted. As in Vixie cron, when both
/// day fields are restricted (neither starts with `*`) a day matches if either matches.
///
/// next() works on the wall clock of a time zone: a wall time skipped by a spring-forward
/// fires at the first instant after the gap (once, however many wall times fell into it), and a
/// wall time that occurs twice in a fall-back fires only at its first occurrence.
class CronExpression final
{
public:
    /// Parses spec; the error names the field and what is wrong with it.
    static Result<CronExpression> parse(const QString &spec);

    /// The first firing strictly after afterMs (milliseconds since the epoch), in zone; std::nullopt
    /// when there is none within the next 8 years.
    std::optional<qint64> next(qint64 afterMs, const QTimeZone &zone) const;

    /// The normalised text (as parsed, whitespace collapsed).
    QString toString() const { return m_text; }

private:
    CronExpression() = default;
    bool dayMatches(int dayOfMonth, int month, int dayOfWeek) const;

    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days; ///< 1..31
    std::bitset<13> m_months; ///< 1..12
    std::bitset<7> m_weekdays; ///< 0 = Sunday
    bool m_dayStar = false;
    bool m_weekdayStar = false;
    QString m_text;
};

/// Parses an interval such as "90", "90s", "15m", "2h" or "1d" into seconds (1 s .. 366 days).
Result<qint64> parseInterval(const QString &spec);

/// Parses an ISO 8601 date-time ("2026-11-27T09:00", optionally with seconds and an offset or Z);
/// a time without an offset is a wall time in zone (a skipped wall time moves past the gap).
Result<qint64> parseDateTime(const QString &spec, const QTimeZone &zone);

/// The instant of a wall time in zone (seconds since the epoch of the wall clock read as UTC):
/// the earliest instant that shows it, or the end of the gap when a transition skipped it.
qint64 wallToInstant(qint64 wallSecs, const QTimeZone &zone);

} // namespace Gateway::Scheduler
