// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/failoverstream.h"

#include <QRandomGenerator>

#include "logging.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Providers::ProviderError;

namespace Gateway::Agent
{

FailoverStream::FailoverStream(
    ProviderPool *pool, QList<Candidate> candidates, Providers::ChatRequest request, QObject *parent)
    : Providers::ChatStream(parent), m_pool(pool), m_candidates(std::move(candidates)), m_request(std::move(request))
{
    m_backoff.setSingleShot(true);
    connect(&m_backoff, &QTimer::timeout, this, &FailoverStream::attempt);
}

FailoverStream::~FailoverStream()
{
    if (m_stream)
        m_stream->abort();
}

QString FailoverStream::provider() const
{
    return m_index < m_candidates.size() ? m_candidates.at(m_index).provider : QString();
}

QString FailoverStream::model() const
{
    return m_index < m_candidates.size() ? m_candidates.at(m_index).model : QString();
}

void FailoverStream::start()
{
    if (m_candidates.isEmpty()) {
        ProviderError error;
        error.kind = ProviderError::Kind::Connect;
        error.message = u"no model provider is available (check [providers] and [routing] in the config)"_s;
        // Configured, but parked after a 429 with retry-after or with its circuit open: say so.
        bool resting = false;
        for (const QString &id : m_pool ? m_pool->ids() : QStringList())
            resting = resting || !m_pool->isAvailable(id);
        if (resting) {
            error.kind = ProviderError::Kind::Overloaded;
            error.message = u"the model providers are resting after errors or rate limits; try again shortly"_s;
        }
        m_done = true;
        Q_EMIT failed(error);
        return;
    }
    attempt();
}

void FailoverStream::abort()
{
    if (m_done)
        return;
    m_done = true;
    m_backoff.stop();
    if (m_stream) {
        Providers::ChatStream *stream = m_stream;
        m_stream = nullptr;
        stream->disconnect(this);
        stream->abort();
        stream->deleteLater();
    }
    ProviderError error;
    error.kind = ProviderError::Kind::Aborted;
    error.message = u"aborted"_s;
    error.afterOutput = m_hadOutput;
    Q_EMIT failed(error);
}

void FailoverStream::attempt()
{
    if (m_done)
        return;
    const Candidate &candidate = m_candidates.at(m_index);
    Providers::Provider *target = m_pool ? m_pool->find(candidate.provider) : nullptr;
    if (!target) {
        ProviderError error;
        error.kind = ProviderError::Kind::Connect;
        error.message = u"provider %1 is not configured"_s.arg(candidate.provider);
        next(error);
        return;
    }
    ++m_attempts;
    Providers::ChatRequest request = m_request;
    request.model = candidate.model;
    m_clock.start();
    Providers::ChatStream *stream = target->chat(request, this);
    m_stream = stream;
    connect(stream, &Providers::ChatStream::textDelta, this, [this](const QString &delta) {
        m_hadOutput = true;
        Q_EMIT textDelta(delta);
    });
    connect(stream, &Providers::ChatStream::toolCall, this, [this](const Providers::ToolCall &call) {
        m_hadOutput = true;
        Q_EMIT toolCall(call);
    });
    connect(stream, &Providers::ChatStream::finished, this,
        [this, stream](Providers::StopReason reason, const Providers::Usage &usage) {
            if (m_done || stream != m_stream)
                return;
            m_done = true;
            if (m_pool)
                m_pool->recordSuccess(provider(), m_clock.elapsed());
            m_stream = nullptr;
            stream->deleteLater();
            Q_EMIT finished(reason, usage);
        });
    connect(stream, &Providers::ChatStream::failed, this, [this, stream](const ProviderError &error) {
        if (m_done || stream != m_stream)
            return;
        m_stream = nullptr;
        stream->deleteLater();
        onFailed(error);
    });
}

void FailoverStream::onFailed(const ProviderError &error)
{
    if (m_pool)
        m_pool->recordFailure(provider(), error);
    m_failures.append(provider() + u": "_s + error.kindName() + u": "_s + error.message.left(200));
    qCInfo(lcGatewayService).noquote() << "provider" << provider() << "failed:" << error.kindName()
                                       << error.message.left(200) << (m_hadOutput ? "(after output)" : "");
    if (m_hadOutput || error.afterOutput) {
        // Never splice a second answer onto a partial one.
        m_done = true;
        ProviderError final = error;
        final.afterOutput = true;
        Q_EMIT failed(final);
        return;
    }
    const Config::ProviderSettings *settings = m_pool ? m_pool->settings(provider()) : nullptr;
    const int maxRetries = settings ? settings->maxRetries : 0;
    if (error.isRetryable() && m_retries < maxRetries && error.retryAfterMs <= MAX_WAIT_MS) {
        ++m_retries;
        // retry-after when given, else exponential backoff with jitter.
        qint64 delay = error.retryAfterMs >= 0 ? error.retryAfterMs : (250LL << (m_retries - 1));
        delay += QRandomGenerator::global()->bounded(100);
        m_backoff.start(int(qMin<qint64>(delay, MAX_WAIT_MS)));
        return;
    }
    next(error);
}

void FailoverStream::next(const ProviderError &error)
{
    // Quota and auth problems are specific to one provider: the next one may still answer.
    if (m_index + 1 < m_candidates.size()) {
        ++m_index;
        m_retries = 0;
        attempt();
        return;
    }
    m_done = true;
    ProviderError final = error;
    if (m_candidates.size() > 1)
        final.message
            = u"every provider failed; last: %1"_s.arg(m_failures.isEmpty() ? error.message : m_failures.constLast());
    Q_EMIT failed(final);
}

} // namespace Gateway::Agent
