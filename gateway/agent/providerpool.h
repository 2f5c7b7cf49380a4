// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "config/settings.h"
#include "providers/provider.h"

namespace Gateway::Agent
{

/// @brief A provider and model to try, in order.
struct Candidate
{
    QString provider;
    QString model;
};

/// @brief The configured providers with a health monitor and a circuit breaker each.
///
/// Passive health: every call's outcome and latency. A provider's circuit opens after
/// FAILURES_TO_OPEN consecutive failures, or when at least half of the last WINDOW calls failed
/// (with at least MIN_CALLS of them); while open the provider is skipped. After the cooldown
/// (COOLDOWN_MS, doubling on each failed probe up to MAX_COOLDOWN_MS) an active probe (a cheap
/// model-list call) runs; success closes the circuit. A 429 with retry-after also parks the
/// provider until then.
class ProviderPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderPool)

public:
    static constexpr int FAILURES_TO_OPEN = 3;
    static constexpr int WINDOW = 10;
    static constexpr int MIN_CALLS = 4;
    static constexpr qint64 COOLDOWN_MS = 15'000;
    static constexpr qint64 MAX_COOLDOWN_MS = 300'000;
    static constexpr int PROBE_INTERVAL_MS = 5'000;

    explicit ProviderPool(QObject *parent = nullptr);
    ~ProviderPool() override;

    /// Adds a provider (local: runs on this machine).
    void add(std::unique_ptr<Providers::Provider> provider, const Config::ProviderSettings &settings, bool local);
    Providers::Provider *find(const QString &id) const;
    QStringList ids() const; ///< by priority
    bool isLocal(const QString &id) const;
    QString defaultModel(const QString &id) const;
    const Config::ProviderSettings *settings(const QString &id) const;

    /// True when the provider exists and its circuit lets calls through.
    bool isAvailable(const QString &id) const;
    /// preferred first, then every other available provider by priority with its default model.
    QList<Candidate> candidates(const QString &preferredProvider, const QString &preferredModel, bool localOnly) const;

    void recordSuccess(const QString &id, qint64 latencyMs);
    void recordFailure(const QString &id, const Providers::ProviderError &error);

    /// providers.status payload: one entry per provider with its health.
    QJsonArray status() const;

    /// Test seam: milliseconds now.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    /// Test seam: the first cooldown and the probe interval.
    void setTiming(qint64 cooldownMs, int probeIntervalMs);

Q_SIGNALS:
    void healthChanged(const QString &id);

private:
    struct Health
    {
        enum class State { Closed, Open, HalfOpen };
        State state = State::Closed;
        int consecutiveFailures = 0;
        QList<bool> window; ///< true = failure, newest last
        double latencyMs = 0;
        qint64 openUntil = 0;
        qint64 cooldownMs = 0; ///< 0 = the pool's first cooldown
        qint64 parkedUntil = 0; ///< retry-after
        qint64 calls = 0;
        qint64 failures = 0;
        qint64 lastSuccessAt = 0;
        qint64 lastFailureAt = 0;
        QString lastError;
        bool probing = false;
    };
    struct Member
    {
        std::unique_ptr<Providers::Provider> provider;
        Config::ProviderSettings settings;
        bool local = false;
        Health health;
    };

    Member *member(const QString &id);
    const Member *member(const QString &id) const;
    void open(Member &m, const QString &reason);
    void probe();

    std::vector<Member> m_members;
    std::function<qint64()> m_clock;
    QTimer m_probeTimer;
    qint64 m_cooldownMs = COOLDOWN_MS;
};

} // namespace Gateway::Agent
