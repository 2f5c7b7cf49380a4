// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "core/clock.h"

#include <atomic>
#include <cmath>

#include <QDateTime>
#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace Gateway::Core
{

namespace
{

constexpr double MAX_SCALE = 100000.0;

/// Written once at start-up (or by a test before the components read it), read everywhere.
struct State
{
    std::atomic<bool> accelerated { false };
    double scale = 1.0;
    qint64 startMs = 0;
    QElapsedTimer elapsed;
};

State &state()
{
    static State s;
    return s;
}

} // namespace

bool Clock::configureFromEnvironment(QString *error)
{
    const QByteArray scaleText = qgetenv("SKYNET_TEST_CLOCK_SCALE").trimmed();
    if (scaleText.isEmpty())
        return true;
    bool ok = false;
    const double scale = scaleText.toDouble(&ok);
    if (!ok || !std::isfinite(scale) || scale <= 1.0 || scale > MAX_SCALE) {
        if (error)
            *error = u"SKYNET_TEST_CLOCK_SCALE must be a number above 1 and at most 100000"_s;
        return false;
    }
    qint64 startMs = -1;
    const QString startText = qEnvironmentVariable("SKYNET_TEST_CLOCK_START").trimmed();
    if (!startText.isEmpty()) {
        const QDateTime start = QDateTime::fromString(startText, Qt::ISODateWithMs);
        if (!start.isValid()) {
            if (error)
                *error = u"SKYNET_TEST_CLOCK_START must be an ISO 8601 date and time"_s;
            return false;
        }
        startMs = start.toMSecsSinceEpoch();
    }
    setAccelerated(scale, startMs);
    return true;
}

void Clock::setAccelerated(double scale, qint64 startMs)
{
    State &s = state();
    s.scale = qBound(1.0, scale, MAX_SCALE);
    s.startMs = startMs < 0 ? QDateTime::currentMSecsSinceEpoch() : startMs;
    s.elapsed.start();
    s.accelerated.store(true, std::memory_order_release);
}

void Clock::reset()
{
    State &s = state();
    s.accelerated.store(false, std::memory_order_release);
    s.scale = 1.0;
}

bool Clock::isAccelerated()
{
    return state().accelerated.load(std::memory_order_acquire);
}

double Clock::scale()
{
    return isAccelerated() ? state().scale : 1.0;
}

qint64 Clock::nowMs()
{
    if (!isAccelerated())
        return QDateTime::currentMSecsSinceEpoch();
    const State &s = state();
    return s.startMs + qint64(double(s.elapsed.nsecsElapsed()) / 1e6 * s.scale);
}

qint64 Clock::toRealMs(qint64 virtualMs)
{
    if (!isAccelerated() || virtualMs <= 0)
        return virtualMs;
    return qint64(std::ceil(double(virtualMs) / state().scale));
}

QString Clock::describe()
{
    if (!isAccelerated())
        return u"real clock"_s;
    return u"TEST MODE: accelerated clock x%1 starting at %2 (SKYNET_TEST_CLOCK_SCALE; never use in production)"_s
        .arg(state().scale)
        .arg(QDateTime::fromMSecsSinceEpoch(state().startMs, Qt::UTC).toString(Qt::ISODate));
}

} // namespace Gateway::Core
