// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QtGlobal>

namespace Gateway::Core
{

/// @brief The gateway's wall clock, with a test-only accelerated mode for the soak (bench/soak.sh).
///
/// By default nowMs() is QDateTime::currentMSecsSinceEpoch() and toRealMs() is the identity:
/// nothing changes. With SKYNET_TEST_CLOCK_SCALE=<s> (1 < s <= 100000) set in the environment,
/// configureFromEnvironment() switches to virtual time: nowMs() = start + elapsed × s, where
/// start is SKYNET_TEST_CLOCK_START (ISO 8601) or the real time at configuration, and
/// toRealMs(v) = v / s, so a timer that waits for v virtual milliseconds waits v / s real ones.
/// It is a test mode (logged as a warning at start) and is never read from the config file.
class Clock final
{
public:
    Clock() = delete;

    /// Reads SKYNET_TEST_CLOCK_SCALE / SKYNET_TEST_CLOCK_START. Returns false with *error set
    /// when they are set but invalid (the clock then stays real).
    static bool configureFromEnvironment(QString *error = nullptr);
    /// Switches to virtual time (tests): scale > 1, startMs < 0 means "now".
    static void setAccelerated(double scale, qint64 startMs = -1);
    /// Back to real time (tests).
    static void reset();

    static bool isAccelerated();
    static double scale();
    /// Milliseconds since the epoch, virtual when accelerated.
    static qint64 nowMs();
    /// The real wait for a virtual duration (rounded up; the identity when not accelerated).
    static qint64 toRealMs(qint64 virtualMs);
    /// One line for the start-up log, e.g. "TEST MODE: accelerated clock ×24 from …".
    static QString describe();
};

} // namespace Gateway::Core
