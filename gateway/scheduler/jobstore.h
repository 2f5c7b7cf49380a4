// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>

#include "core/result.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::Scheduler
{

/// @brief A scheduled job: what to say, to whom, and when (scheduler_jobs).
struct Job
{
    qint64 id = 0;
    QString userId; ///< the owner; the job acts with this user's rights
    QString name;
    QString kind; ///< "once", "interval" or "cron"
    QString spec; ///< ISO time, interval ("15m") or 5-field cron expression
    QString timeZone; ///< IANA name; the wall clock of a once/cron spec
    QString catchUp = QStringLiteral("once"); ///< "once", "all" or "skip"
    QString message;
    QString channel; ///< "" = the session transcript (target is a session key)
    QString target; ///< chat id on the channel, or session key
    bool enabled = true;
    std::optional<qint64> nextDue; ///< ms; none = finished (a once job that fired)
    qint64 anchor = 0; ///< interval jobs: firings are anchor + k × interval
    std::optional<qint64> lastDue;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
};

/// @brief One firing of a job (scheduler_runs); UNIQUE (job_id, due) records each once.
struct Firing
{
    qint64 id = 0;
    qint64 jobId = 0;
    qint64 due = 0; ///< ms; for cron.run the moment it was asked for
    qint64 firedAt = 0;
    QString state; ///< recorded, queued (in the channel outbox), delivered, failed, skipped
    bool manual = false;
    std::optional<qint64> outboxId;
    QString error;

    QJsonObject toJson() const;
    /// The idempotency key of the firing's delivery: the same after any restart.
    QString deliveryKey() const;
};

/// @brief What to record for one due job: the firings (dues, their state) and the job's next due.
struct FiringPlan
{
    qint64 jobId = 0;
    qint64 expectedNextDue = 0; ///< the job's next_due when planned (a concurrent change wins)
    QList<qint64> fire; ///< dues to record as "recorded"
    QList<qint64> skip; ///< dues to record as "skipped"
    std::optional<qint64> nextDue;
};

/// @brief Jobs and firings in SQLite (schema 6).
class JobStore final
{
public:
    explicit JobStore(Storage::Database *database);

    Result<Job> add(Job job);
    Status update(const Job &job);
    Status remove(qint64 id);
    std::optional<Job> job(qint64 id) const;
    /// userId "" = every user's; ordered by id.
    QList<Job> list(const QString &userId, int limit, int offset, int *total = nullptr) const;
    int count(const QString &userId) const;
    /// The earliest next_due of an enabled job.
    std::optional<qint64> nextDue() const;
    /// Enabled jobs with next_due <= nowMs, earliest first.
    QList<Job> due(qint64 nowMs, int limit) const;

    /// Records the plans' firings and advances the jobs, all in one transaction. Returns the
    /// firings newly recorded as "recorded" (a due recorded before is not returned again).
    Result<QList<Firing>> record(const QList<FiringPlan> &plans, qint64 nowMs);
    /// A manual firing (cron.run) at nowMs.
    Result<Firing> recordManual(qint64 jobId, qint64 nowMs);
    /// Firings recorded whose delivery has not been handed over yet (after a crash).
    QList<Firing> undelivered(int limit) const;
    Status setState(qint64 firingId, const QString &state, std::optional<qint64> outboxId, const QString &error);
    /// Puts the message into the session's transcript and marks the firing delivered, in one
    /// transaction; a firing already delivered is left alone.
    Status deliverToSession(const Firing &firing, const Job &job, const QString &text, qint64 nowMs);
    QList<Firing> runs(qint64 jobId, int limit, int offset) const;

private:
    Storage::Database *m_db;
};

} // namespace Gateway::Scheduler
