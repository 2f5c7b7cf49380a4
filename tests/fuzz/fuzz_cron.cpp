// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Cron expressions, intervals and ISO date-times of the scheduler. Input: a zone selector byte,
// six bytes of start time (1970..2100), then the text. Checks: the normalised text parses to
// the same text; next(t) > t; next(next(t) - 1 ms) is next(t) again (no firing skipped or
// invented between t and next(t)); the re-parsed expression fires at the same instants; in UTC a
// firing is on a whole minute; an interval is within 1 s..366 days; a UTC date-time round-trips.
#include "fuzzsupport.h"

#include <QDateTime>
#include <QTimeZone>

#include "scheduler/cronexpression.h"

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace
{

const QList<QTimeZone> &zones()
{
    static const QList<QTimeZone> list = [] {
        QList<QTimeZone> z { QTimeZone::utc() };
        // Spring-forward/fall-back, a 30-minute DST, a 45-minute offset, a skipped calendar day.
        for (const char *id : { "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
                 "Pacific/Apia", "America/Sao_Paulo" }) {
            const QTimeZone zone(id);
            if (zone.isValid())
                z.append(zone);
        }
        return z;
    }();
    return list;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Gateway::Scheduler;
    if (size < 7 || size > 512)
        return 0;
    FuzzSupport::app();
    const QTimeZone &zone = zones().at(data[0] % zones().size());
    quint64 raw = 0;
    for (int i = 1; i <= 6; ++i)
        raw = (raw << 8) | data[i];
    // 0 .. 2100-01-01 in milliseconds, with sub-second parts.
    const qint64 after = qint64(raw % 4102444800000ULL);
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 7), qsizetype(size - 7));

    if (auto cron = CronExpression::parse(text)) {
        const auto again = CronExpression::parse(cron->toString());
        if (!again || again->toString() != cron->toString())
            std::abort(); // the normalised text must parse to itself
        qint64 t = after;
        for (int i = 0; i < 3; ++i) {
            const std::optional<qint64> n = cron->next(t, zone);
            if (n != again->next(t, zone))
                std::abort();
            if (!n)
                break;
            if (*n <= t)
                std::abort(); // next must be strictly later
            if (cron->next(*n - 1, zone) != n)
                std::abort(); // a firing between t and next(t), or next depends on where it starts
            if (zone == QTimeZone::utc() && *n % 60000 != 0)
                std::abort();
            t = *n;
        }
    }
    if (auto seconds = parseInterval(text)) {
        if (*seconds < 1 || *seconds > 366LL * 86400)
            std::abort();
    }
    if (auto at = parseDateTime(text, zone)) {
        // Whole seconds (fractions are accepted and dropped); written back in UTC, the same instant.
        if (*at % 1000 != 0)
            std::abort();
        const QDateTime utc = QDateTime::fromMSecsSinceEpoch(*at, QTimeZone::utc());
        if (utc.date().year() >= 1000 && utc.date().year() <= 9999) {
            const auto back = parseDateTime(utc.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u'Z', zone);
            if (!back || *back != *at)
                std::abort();
        }
    }
    return 0;
}
