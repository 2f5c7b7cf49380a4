// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include "agent/providerpool.h"
#include "providers/provider.h"

namespace Gateway::Agent
{

/// @brief One model call that survives provider failures: retries the same provider (429 with
/// retry-after honoured, 529, 5xx, connection errors, timeouts) and then fails over to the next
/// candidate — but only before the first token. Once output has been streamed, a failure ends the
/// call with an error: an answer is never spliced from two providers.
class FailoverStream final : public Providers::ChatStream
{
    Q_OBJECT

public:
    /// Longest retry-after honoured by waiting; longer ones move on to the next provider.
    static constexpr qint64 MAX_WAIT_MS = 10'000;

    FailoverStream(
        ProviderPool *pool, QList<Candidate> candidates, Providers::ChatRequest request, QObject *parent = nullptr);
    ~FailoverStream() override;

    void start();
    void abort() override;

    /// The provider and model answering (or last tried).
    QString provider() const;
    QString model() const;
    int attempts() const { return m_attempts; }
    /// Every failure seen, oldest first ("anthropic: rate_limit: ...").
    QStringList failures() const { return m_failures; }

private:
    void attempt();
    void onFailed(const Providers::ProviderError &error);
    void next(const Providers::ProviderError &error);

    QPointer<ProviderPool> m_pool;
    QList<Candidate> m_candidates;
    Providers::ChatRequest m_request;
    int m_index = 0;
    int m_retries = 0;
    int m_attempts = 0;
    bool m_hadOutput = false;
    bool m_done = false;
    QPointer<Providers::ChatStream> m_stream;
    QTimer m_backoff;
    QElapsedTimer m_clock;
    QStringList m_failures;
};

} // namespace Gateway::Agent
