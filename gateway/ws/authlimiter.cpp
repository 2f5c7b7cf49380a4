// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "ws/authlimiter.h"

namespace Gateway::Ws
{

qint64 AuthLimiter::retryAfterMs(const QString &address, qint64 nowMs) const
{
    const auto it = m_entries.constFind(address);
    if (it == m_entries.cend() || it->blockedUntilMs <= nowMs)
        return 0;
    return it->blockedUntilMs - nowMs;
}

void AuthLimiter::recordFailure(const QString &address, qint64 nowMs)
{
    ++m_totalFailures;
    if (m_entries.size() >= MAX_TRACKED && !m_entries.contains(address))
        prune(nowMs);
    Entry &entry = m_entries[address];
    if (nowMs - entry.windowStartMs > WINDOW_MS && entry.blockedUntilMs <= nowMs) {
        entry.failures = 0;
        entry.windowStartMs = nowMs;
    }
    ++entry.failures;
    const int excess = entry.failures - FREE_FAILURES;
    if (excess > 0) {
        const qint64 delay = qMin<qint64>(MAX_DELAY_MS, qint64(1000) << qMin(excess - 1, 20));
        entry.blockedUntilMs = nowMs + delay;
    }
}

void AuthLimiter::recordSuccess(const QString &address)
{
    m_entries.remove(address);
}

void AuthLimiter::prune(qint64 nowMs)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->blockedUntilMs <= nowMs && nowMs - it->windowStartMs > WINDOW_MS)
            it = m_entries.erase(it);
        else
            ++it;
    }
    // Under a flood of distinct addresses, forget the oldest rather than grow without bound.
    while (m_entries.size() >= MAX_TRACKED)
        m_entries.erase(m_entries.begin());
}

} // namespace Gateway::Ws
