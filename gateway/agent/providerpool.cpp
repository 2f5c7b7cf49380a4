// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/providerpool.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonObject>

#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Agent
{

ProviderPool::ProviderPool(QObject *parent)
    : QObject(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_probeTimer.setInterval(PROBE_INTERVAL_MS);
    connect(&m_probeTimer, &QTimer::timeout, this, &ProviderPool::probe);
}

ProviderPool::~ProviderPool() = default;

void ProviderPool::setTiming(qint64 cooldownMs, int probeIntervalMs)
{
    m_cooldownMs = cooldownMs;
    m_probeTimer.setInterval(probeIntervalMs);
}

void ProviderPool::add(
    std::unique_ptr<Providers::Provider> provider, const Config::ProviderSettings &settings, bool local)
{
    Member m;
    m.provider = std::move(provider);
    m.settings = settings;
    m.local = local;
    m_members.push_back(std::move(m));
    std::stable_sort(m_members.begin(), m_members.end(),
        [](const Member &a, const Member &b) { return a.settings.priority < b.settings.priority; });
}

ProviderPool::Member *ProviderPool::member(const QString &id)
{
    for (Member &m : m_members)
        if (m.provider->id() == id)
            return &m;
    return nullptr;
}

const ProviderPool::Member *ProviderPool::member(const QString &id) const
{
    for (const Member &m : m_members)
        if (m.provider->id() == id)
            return &m;
    return nullptr;
}

Providers::Provider *ProviderPool::find(const QString &id) const
{
    const Member *m = member(id);
    return m ? m->provider.get() : nullptr;
}

QStringList ProviderPool::ids() const
{
    QStringList ids;
    for (const Member &m : m_members)
        ids.append(m.provider->id());
    return ids;
}

bool ProviderPool::isLocal(const QString &id) const
{
    const Member *m = member(id);
    return m && m->local;
}

QString ProviderPool::defaultModel(const QString &id) const
{
    const Member *m = member(id);
    return m ? m->settings.model : QString();
}

const Config::ProviderSettings *ProviderPool::settings(const QString &id) const
{
    const Member *m = member(id);
    return m ? &m->settings : nullptr;
}

bool ProviderPool::isAvailable(const QString &id) const
{
    const Member *m = member(id);
    if (!m)
        return false;
    const qint64 now = m_clock();
    if (m->health.parkedUntil > now)
        return false;
    // Half-open lets the next call through as the probe.
    return m->health.state != Health::State::Open || m->health.openUntil <= now;
}

QList<Candidate> ProviderPool::candidates(
    const QString &preferredProvider, const QString &preferredModel, bool localOnly) const
{
    QList<Candidate> list;
    const auto allowed = [&](const Member &m) { return !localOnly || m.local; };
    if (const Member *m = member(preferredProvider); m && allowed(*m) && isAvailable(preferredProvider))
        list.append({ preferredProvider, preferredModel.isEmpty() ? m->settings.model : preferredModel });
    for (const Member &m : m_members) {
        const QString id = m.provider->id();
        if (id == preferredProvider || !allowed(m) || !isAvailable(id))
            continue;
        list.append({ id, m.settings.model });
    }
    // Nothing healthy: still try the preferred provider rather than refusing outright.
    if (list.isEmpty()) {
        if (const Member *m = member(preferredProvider); m && allowed(*m))
            list.append({ preferredProvider, preferredModel.isEmpty() ? m->settings.model : preferredModel });
    }
    return list;
}

void ProviderPool::recordSuccess(const QString &id, qint64 latencyMs)
{
    Member *m = member(id);
    if (!m)
        return;
    Health &h = m->health;
    ++h.calls;
    h.consecutiveFailures = 0;
    h.window.append(false);
    while (h.window.size() > WINDOW)
        h.window.removeFirst();
    h.latencyMs = h.latencyMs == 0 ? double(latencyMs) : 0.8 * h.latencyMs + 0.2 * double(latencyMs);
    h.lastSuccessAt = m_clock();
    if (h.state != Health::State::Closed) {
        qCInfo(lcGatewayService).noquote() << "provider" << id << "recovered; circuit closed";
        h.state = Health::State::Closed;
        h.cooldownMs = 0;
    }
    Q_EMIT healthChanged(id);
}

void ProviderPool::recordFailure(const QString &id, const Providers::ProviderError &error)
{
    Member *m = member(id);
    if (!m || error.kind == Providers::ProviderError::Kind::Aborted)
        return;
    Health &h = m->health;
    const qint64 now = m_clock();
    ++h.calls;
    ++h.failures;
    ++h.consecutiveFailures;
    h.window.append(true);
    while (h.window.size() > WINDOW)
        h.window.removeFirst();
    h.lastFailureAt = now;
    h.lastError = error.kindName() + u": "_s + error.message.left(200);
    if (error.retryAfterMs > 0)
        h.parkedUntil = now + error.retryAfterMs;
    const int windowFailures = int(std::count(h.window.cbegin(), h.window.cend(), true));
    if (h.state == Health::State::Open || h.state == Health::State::HalfOpen) {
        // A failed half-open call: back off further.
        h.cooldownMs = qMin((h.cooldownMs ? h.cooldownMs : m_cooldownMs) * 2, MAX_COOLDOWN_MS);
        open(*m, h.lastError);
    } else if (h.consecutiveFailures >= FAILURES_TO_OPEN
        || (h.window.size() >= MIN_CALLS && windowFailures * 2 >= h.window.size())) {
        open(*m, h.lastError);
    }
    Q_EMIT healthChanged(id);
}

void ProviderPool::open(Member &m, const QString &reason)
{
    Health &h = m.health;
    if (h.cooldownMs == 0)
        h.cooldownMs = m_cooldownMs;
    h.state = Health::State::Open;
    h.openUntil = m_clock() + h.cooldownMs;
    qCWarning(lcGatewayService).noquote()
        << "provider" << m.provider->id() << "circuit open for" << h.cooldownMs << "ms:" << reason;
    if (!m_probeTimer.isActive())
        m_probeTimer.start();
}

void ProviderPool::probe()
{
    const qint64 now = m_clock();
    bool anyOpen = false;
    for (Member &m : m_members) {
        Health &h = m.health;
        if (h.state == Health::State::Closed)
            continue;
        anyOpen = true;
        if (h.openUntil > now || h.probing)
            continue;
        h.state = Health::State::HalfOpen;
        h.probing = true;
        const QString id = m.provider->id();
        QElapsedTimer timer;
        timer.start();
        QPointer<ProviderPool> self(this);
        m.provider->listModels([self, id, timer](Result<QList<Providers::ModelInfo>> result) {
            if (!self)
                return;
            Member *member = self->member(id);
            if (!member)
                return;
            member->health.probing = false;
            if (result.ok()) {
                self->recordSuccess(id, timer.elapsed());
            } else {
                Providers::ProviderError error;
                error.kind = Providers::ProviderError::Kind::Connect;
                error.message = u"probe failed: "_s + result.error().message;
                self->recordFailure(id, error);
            }
        });
    }
    if (!anyOpen)
        m_probeTimer.stop();
}

QJsonArray ProviderPool::status() const
{
    const qint64 now = m_clock();
    QJsonArray list;
    for (const Member &m : m_members) {
        const Health &h = m.health;
        QString state = u"closed"_s;
        if (h.state == Health::State::Open)
            state = h.openUntil > now ? u"open"_s : u"half-open"_s;
        else if (h.state == Health::State::HalfOpen)
            state = u"half-open"_s;
        const int windowFailures = int(std::count(h.window.cbegin(), h.window.cend(), true));
        QJsonObject entry {
            { u"id"_s, m.provider->id() },
            { u"kind"_s, m.provider->kind() },
            { u"local"_s, m.local },
            { u"priority"_s, m.settings.priority },
            { u"model"_s, m.settings.model },
            { u"available"_s, isAvailable(m.provider->id()) },
            { u"circuit"_s, state },
            { u"calls"_s, h.calls },
            { u"failures"_s, h.failures },
            { u"consecutiveFailures"_s, h.consecutiveFailures },
            { u"errorRate"_s, h.window.isEmpty() ? 0.0 : double(windowFailures) / double(h.window.size()) },
            { u"latencyMs"_s, qRound64(h.latencyMs) },
        };
        if (h.lastError.size())
            entry.insert(u"lastError"_s, h.lastError);
        if (h.lastSuccessAt)
            entry.insert(u"lastSuccessAt"_s, h.lastSuccessAt);
        if (h.lastFailureAt)
            entry.insert(u"lastFailureAt"_s, h.lastFailureAt);
        if (h.state != Health::State::Closed)
            entry.insert(u"retryAt"_s, h.openUntil);
        if (h.parkedUntil > now)
            entry.insert(u"parkedUntil"_s, h.parkedUntil);
        list.append(entry);
    }
    return list;
}

} // namespace Gateway::Agent
