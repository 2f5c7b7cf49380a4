// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QHash>
#include <QObject>
#include <QTimer>

#include "core/result.h"
#include "scheduler/jobstore.h"

namespace Gateway::Storage
{
class Database;
}
namespace Gateway::Protocol
{
class Dispatcher;
}
namespace Gateway::People
{
class Directory;
}
namespace Gateway::Agent
{
class ToolRegistry;
}

namespace Gateway::Scheduler
{

/// @brief Fires jobs on time, exactly once as the user sees it, across crashes.
///
/// One Qt::PreciseTimer is armed for the earliest next_due of all enabled jobs and re-armed
/// whenever jobs change or fire; there is no polling loop. A firing is recorded in SQLite in the
/// transaction that advances the job's next_due, before anything is delivered; its delivery goes
/// through the channel outbox with an idempotency key derived from (job id, due), or into the
/// session transcript in one transaction with marking it delivered. Firings recorded but not
/// handed over (a crash in between) are delivered again at start, and the key makes the repeat
/// a no-op. Missed firings follow the job's catch_up policy (docs/scheduler.md).
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    struct Options
    {
        bool enabled = true;
        QString defaultTimeZone = QStringLiteral("UTC");
        int maxJobsPerUser = 100;
        /// A firing this late still counts as on time (not "missed") whatever the policy.
        qint64 graceMs = 60'000;
        /// catch_up "all" fires at most this many missed firings per job (the rest are skipped).
        int maxCatchUp = 100;
        /// Longest timer wait: the timer wakes at least this often to follow wall-clock jumps.
        qint64 maxWaitMs = 3'600'000;
    };
    /// Queues text to a chat on a channel (ChannelManager::send): returns the outbox id.
    using Sender = std::function<Result<qint64>(const QString &channel, const QString &chat, const QString &text,
        const QString &idempotencyKey, const QString &userId)>;

    explicit Scheduler(Options options, QObject *parent = nullptr);
    ~Scheduler() override;

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }
    void setSender(Sender sender) { m_sender = std::move(sender); }
    void setPeople(People::Directory *people) { m_people = people; }
    /// The session a user's reminders go to when no chat is named (their main session).
    void setSessionKeyFunction(std::function<QString(const QString &userId)> f) { m_sessionKey = std::move(f); }
    QString sessionKeyFor(const QString &userId) const;

    /// Opens the job store, delivers firings a previous process recorded but did not hand over,
    /// fires what is due (catch-up) and arms the timer.
    Status attachStorage(Storage::Database *database);
    /// Stops the timer and forgets the database (before it closes).
    void detach();
    bool isEnabled() const { return m_options.enabled; }
    const Options &options() const { return m_options; }
    JobStore *store() const { return m_store.get(); }

    /// Validates a job (kind, spec, tz, catch_up, target) and computes its first due time.
    Status prepare(Job &job, qint64 nowMs) const;
    /// Adds a validated job (max_jobs_per_user applies) and re-arms.
    Result<Job> addJob(Job job);
    Status updateJob(Job job);
    Status removeJob(qint64 id);
    /// Fires a job now (cron.run), apart from its schedule.
    Result<Firing> runNow(qint64 id);

    /// The next due of a job after afterMs (std::nullopt: none, a once job after its time).
    std::optional<qint64> nextAfter(const Job &job, qint64 afterMs) const;

    /// Fires everything due at now() and re-arms (the timer calls it; tests call it after
    /// moving the clock).
    void tick();
    /// The due time the timer is armed for (std::nullopt: nothing scheduled or not attached).
    std::optional<qint64> armedFor() const { return m_armedFor; }
    bool isTimerActive() const { return m_timer.isActive(); }
    int timerInterval() const { return m_timer.interval(); }

    /// cron.list, cron.add, cron.update, cron.remove, cron.run, cron.runs
    void registerMethods(Protocol::Dispatcher &dispatcher);
    /// reminder
    void registerTools(Agent::ToolRegistry &tools);

Q_SIGNALS:
    /// A firing was recorded (before its delivery).
    void fired(qint64 jobId, qint64 due, qint64 firingId);
    /// A firing was handed over: state "queued" (outbox), "delivered" (session) or "failed".
    void firingHandled(qint64 jobId, qint64 due, const QString &state);

private:
    void arm();
    void deliver(const Firing &firing);
    void deliverBatch(const QList<Firing> &firings, const QHash<qint64, Job> &jobs);
    /// Queues a firing in the outbox or writes it into the session; returns the run's new state.
    QString handOver(const Firing &firing, const Job &job);
    FiringPlan plan(const Job &job, qint64 nowMs) const;
    void audit(const QString &actor, const QString &action, const QString &target,
        const QString &outcome = QStringLiteral("ok"), const QJsonObject &detail = {});

    Options m_options;
    std::function<qint64()> m_clock;
    Sender m_sender;
    People::Directory *m_people = nullptr; ///< not owned (the Service owns both)
    std::function<QString(const QString &)> m_sessionKey;
    Storage::Database *m_db = nullptr;
    std::unique_ptr<JobStore> m_store;
    QTimer m_timer;
    std::optional<qint64> m_armedFor;
    bool m_ticking = false;
    bool m_abortAfterRecord = false; ///< SKYNET_TEST_SCHEDULER_ABORT_AFTER_RECORD (the crash test)
};

} // namespace Gateway::Scheduler
