// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QHash>
#include <QString>

namespace Gateway::Ws
{

/// @brief Slows down guessing of the gateway token: per remote address, up to FREE_FAILURES
/// failed logins in a window are free; each further failure blocks that address for a delay that
/// doubles (1 s, 2 s, 4 s, ... up to 5 minutes). A success clears the address.
class AuthLimiter final
{
public:
    static constexpr int FREE_FAILURES = 10;
    static constexpr qint64 WINDOW_MS = 60'000;
    static constexpr qint64 MAX_DELAY_MS = 300'000;
    static constexpr int MAX_TRACKED = 10'000;

    /// Milliseconds the address must still wait; 0 when it may try now.
    qint64 retryAfterMs(const QString &address, qint64 nowMs) const;
    void recordFailure(const QString &address, qint64 nowMs);
    void recordSuccess(const QString &address);
    qint64 failureCount() const { return m_totalFailures; }

private:
    struct Entry
    {
        int failures = 0;
        qint64 windowStartMs = 0;
        qint64 blockedUntilMs = 0;
    };
    void prune(qint64 nowMs);

    QHash<QString, Entry> m_entries;
    qint64 m_totalFailures = 0;
};

} // namespace Gateway::Ws
