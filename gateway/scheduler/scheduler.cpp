// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "scheduler/scheduler.h"

#include <csignal>
#include <cstdlib>

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimeZone>

#include "core/clock.h"
#include "people/directory.h"
#include "scheduler/cronexpression.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcGatewayScheduler, "skynet.gateway.scheduler", QtInfoMsg)

namespace Gateway::Scheduler
{

namespace
{
constexpr int BATCH = 256; ///< due jobs recorded per transaction
constexpr int BATCHES_PER_TICK = 16; ///< then the event loop gets a turn
constexpr int MAX_MESSAGE = 4000;
constexpr int MAX_SPEC = 256;
constexpr int MAX_TARGET = 256;
constexpr int MAX_NAME = 128;
constexpr int MAX_COLLECT = 10'000; ///< missed dues enumerated per job before jumping ahead
constexpr int RETRY_MS = 1000; ///< after a storage error

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

QTimeZone zoneOf(const QString &id)
{
    // QTimeZone caches the parsed zone data per id, so constructing one is cheap.
    return id == u"UTC" ? QTimeZone::utc() : QTimeZone(id.toUtf8());
}
} // namespace

Scheduler::Scheduler(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::tick);
    if (!QTimeZone::isTimeZoneIdAvailable(m_options.defaultTimeZone.toUtf8()) && m_options.defaultTimeZone != u"UTC") {
        qCWarning(lcGatewayScheduler).noquote()
            << "scheduler.default_time_zone" << m_options.defaultTimeZone << "is not a known time zone; using UTC";
        m_options.defaultTimeZone = u"UTC"_s;
    }
    m_abortAfterRecord = qEnvironmentVariableIsSet("SKYNET_TEST_SCHEDULER_ABORT_AFTER_RECORD");
}

Scheduler::~Scheduler() = default;

QString Scheduler::sessionKeyFor(const QString &userId) const
{
    return m_sessionKey ? m_sessionKey(userId) : u"agent:main:main"_s;
}

Status Scheduler::attachStorage(Storage::Database *database)
{
    m_db = database;
    m_store = std::make_unique<JobStore>(database);
    if (!m_options.enabled) {
        qCInfo(lcGatewayScheduler) << "the scheduler is disabled ([scheduler] enabled = false)";
        return {};
    }
    // A previous process recorded these firings and stopped before handing them over.
    const QList<Firing> pending = m_store->undelivered(100'000);
    if (!pending.isEmpty())
        qCInfo(lcGatewayScheduler) << "delivering" << pending.size() << "firings recorded before a restart";
    for (const Firing &firing : pending)
        deliver(firing);
    tick();
    return {};
}

void Scheduler::detach()
{
    m_timer.stop();
    m_armedFor.reset();
    m_store.reset();
    m_db = nullptr;
}

std::optional<qint64> Scheduler::nextAfter(const Job &job, qint64 afterMs) const
{
    if (job.kind == u"once") {
        const Result<qint64> at = parseDateTime(job.spec, zoneOf(job.timeZone));
        if (at && *at > afterMs)
            return *at;
        return std::nullopt;
    }
    if (job.kind == u"interval") {
        const Result<qint64> seconds = parseInterval(job.spec);
        if (!seconds)
            return std::nullopt;
        const qint64 step = *seconds * 1000;
        return job.anchor + (floorDiv(afterMs - job.anchor, step) + 1) * step;
    }
    const Result<CronExpression> cron = CronExpression::parse(job.spec);
    if (!cron)
        return std::nullopt;
    return cron->next(afterMs, zoneOf(job.timeZone));
}

Status Scheduler::prepare(Job &job, qint64 nowMs) const
{
    if (job.kind != u"once" && job.kind != u"interval" && job.kind != u"cron")
        return Error { u"INVALID_JOB"_s, u"kind must be once, interval or cron"_s };
    job.spec = job.spec.trimmed();
    if (job.spec.isEmpty() || job.spec.size() > MAX_SPEC)
        return Error { u"INVALID_JOB"_s, u"spec must be a non-empty string of at most %1 characters"_s.arg(MAX_SPEC) };
    if (job.catchUp.isEmpty())
        job.catchUp = u"once"_s;
    if (job.catchUp != u"once" && job.catchUp != u"all" && job.catchUp != u"skip")
        return Error { u"INVALID_JOB"_s, u"catchUp must be once, all or skip"_s };
    if (job.timeZone.isEmpty()) {
        std::optional<People::User> user = m_people ? m_people->user(job.userId) : std::nullopt;
        job.timeZone = user && !user->timezone.isEmpty() && user->timezone != u"UTC" ? user->timezone
                                                                                     : m_options.defaultTimeZone;
    }
    if (job.timeZone != u"UTC" && !QTimeZone::isTimeZoneIdAvailable(job.timeZone.toUtf8()))
        return Error { u"INVALID_JOB"_s,
            u"unknown time zone \"%1\" (use an IANA name like Europe/Berlin)"_s.arg(job.timeZone.left(64)) };
    if (job.message.trimmed().isEmpty() || job.message.size() > MAX_MESSAGE)
        return Error { u"INVALID_JOB"_s,
            u"message must be a non-empty string of at most %1 characters"_s.arg(MAX_MESSAGE) };
    if (job.name.size() > MAX_NAME)
        return Error { u"INVALID_JOB"_s, u"name is longer than %1 characters"_s.arg(MAX_NAME) };
    if (job.channel.size() > 64 || job.target.size() > MAX_TARGET)
        return Error { u"INVALID_JOB"_s, u"the target is too long"_s };
    if (job.channel.isEmpty() && job.target.isEmpty())
        job.target = sessionKeyFor(job.userId);
    if (!job.channel.isEmpty() && job.target.isEmpty())
        return Error { u"INVALID_JOB"_s, u"a channel target needs a chat"_s };

    if (job.kind == u"once") {
        const Result<qint64> at = parseDateTime(job.spec, zoneOf(job.timeZone));
        if (!at)
            return at.error();
        if (*at <= nowMs)
            return Error { u"IN_THE_PAST"_s, u"the time %1 is in the past"_s.arg(job.spec.left(64)) };
        job.nextDue = *at;
    } else if (job.kind == u"interval") {
        const Result<qint64> seconds = parseInterval(job.spec);
        if (!seconds)
            return seconds.error();
        if (job.anchor <= 0)
            job.anchor = nowMs;
        job.nextDue = nextAfter(job, nowMs);
    } else {
        const Result<CronExpression> cron = CronExpression::parse(job.spec);
        if (!cron)
            return cron.error();
        job.spec = cron->toString();
        job.nextDue = cron->next(nowMs, zoneOf(job.timeZone));
        if (!job.nextDue)
            return Error { u"INVALID_JOB"_s, u"the cron expression never fires in the next 8 years"_s };
    }
    return {};
}

Result<Job> Scheduler::addJob(Job job)
{
    if (!m_store)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    if (!m_options.enabled)
        return Error { u"UNAVAILABLE"_s, u"the scheduler is disabled ([scheduler] enabled = false)"_s };
    const qint64 now = m_clock();
    if (Status s = prepare(job, now); !s)
        return s.error();
    if (m_store->count(job.userId) >= m_options.maxJobsPerUser)
        return Error { u"LIMIT"_s,
            u"a user may have at most %1 jobs ([scheduler] max_jobs_per_user)"_s.arg(m_options.maxJobsPerUser) };
    job.createdAt = now;
    job.updatedAt = now;
    Result<Job> added = m_store->add(job);
    if (added)
        arm();
    return added;
}

Status Scheduler::updateJob(Job job)
{
    if (!m_store)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    if (!m_options.enabled)
        return Error { u"UNAVAILABLE"_s, u"the scheduler is disabled ([scheduler] enabled = false)"_s };
    const qint64 now = m_clock();
    // The schedule restarts from now: firings missed while it was changed are not made up.
    if (job.kind == u"interval")
        job.anchor = 0;
    if (Status s = prepare(job, now); !s)
        return s;
    job.updatedAt = now;
    Status s = m_store->update(job);
    if (s)
        arm();
    return s;
}

Status Scheduler::removeJob(qint64 id)
{
    if (!m_store)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    Status s = m_store->remove(id);
    if (s)
        arm();
    return s;
}

Result<Firing> Scheduler::runNow(qint64 id)
{
    if (!m_store)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    if (!m_options.enabled)
        return Error { u"UNAVAILABLE"_s, u"the scheduler is disabled ([scheduler] enabled = false)"_s };
    if (!m_store->job(id))
        return Error { u"NOT_FOUND"_s, u"no job %1"_s.arg(id) };
    Result<Firing> firing = m_store->recordManual(id, m_clock());
    if (!firing)
        return firing;
    if (firing->state == u"recorded") {
        Q_EMIT fired(firing->jobId, firing->due, firing->id);
        deliver(*firing);
        firing = m_store->runs(id, 1, 0).value(0, *firing);
    }
    return firing;
}

FiringPlan Scheduler::plan(const Job &job, qint64 nowMs) const
{
    FiringPlan p;
    p.jobId = job.id;
    p.expectedNextDue = *job.nextDue;
    QList<qint64> dues { *job.nextDue };
    std::optional<qint64> next = nextAfter(job, dues.last());
    while (next && *next <= nowMs) {
        if (dues.size() >= MAX_COLLECT) {
            next = nextAfter(job, nowMs);
            break;
        }
        dues.append(*next);
        next = nextAfter(job, *next);
    }
    p.nextDue = next;
    const qint64 last = dues.last();
    if (dues.size() == 1 && nowMs - last <= m_options.graceMs) {
        p.fire = dues; // on time
    } else if (job.catchUp == u"all") {
        p.fire = dues.mid(qMax<qsizetype>(0, dues.size() - m_options.maxCatchUp));
        if (dues.size() > m_options.maxCatchUp)
            p.skip.append(dues.at(dues.size() - m_options.maxCatchUp - 1));
    } else if (job.catchUp == u"skip") {
        if (nowMs - last <= m_options.graceMs) {
            p.fire.append(last);
            if (dues.size() > 1)
                p.skip.append(dues.at(dues.size() - 2));
        } else {
            p.skip.append(last);
        }
    } else {
        p.fire.append(last); // once: one firing for everything missed
    }
    return p;
}

void Scheduler::tick()
{
    if (!m_store || !m_options.enabled || m_ticking)
        return;
    m_ticking = true;
    for (int batch = 0;; ++batch) {
        const qint64 now = m_clock();
        const QList<Job> jobs = m_store->due(now, BATCH);
        if (jobs.isEmpty())
            break;
        if (batch == BATCHES_PER_TICK) {
            // More is due: let the event loop breathe, then continue at once.
            m_ticking = false;
            m_armedFor = now;
            m_timer.start(0);
            return;
        }
        QList<FiringPlan> plans;
        plans.reserve(jobs.size());
        for (const Job &job : jobs)
            plans.append(plan(job, now));
        const Result<QList<Firing>> recorded = m_store->record(plans, now);
        if (!recorded) {
            qCWarning(lcGatewayScheduler).noquote() << "cannot record firings:" << recorded.error().message;
            m_ticking = false;
            m_armedFor.reset();
            m_timer.start(RETRY_MS);
            return;
        }
        for (const Firing &firing : *recorded)
            Q_EMIT fired(firing.jobId, firing.due, firing.id);
        if (m_abortAfterRecord && !recorded->isEmpty()) {
            // The crash test: die like a power cut between recording and delivering.
            qCCritical(lcGatewayScheduler) << "SKYNET_TEST_SCHEDULER_ABORT_AFTER_RECORD: killing the process";
#ifdef SIGKILL
            std::raise(SIGKILL);
#endif
            std::abort();
        }
        QHash<qint64, Job> byId;
        byId.reserve(jobs.size());
        for (const Job &job : jobs)
            byId.insert(job.id, job);
        deliverBatch(*recorded, byId);
    }
    m_ticking = false;
    arm();
}

void Scheduler::arm()
{
    if (!m_store || !m_options.enabled) {
        m_timer.stop();
        m_armedFor.reset();
        return;
    }
    if (m_ticking)
        return; // tick() arms when it is done
    m_armedFor = m_store->nextDue();
    if (!m_armedFor) {
        m_timer.stop();
        return;
    }
    const qint64 delay = qBound<qint64>(0, *m_armedFor - m_clock(), m_options.maxWaitMs);
    // Virtual milliseconds under the soak's accelerated clock (core/clock.h); else the identity.
    m_timer.start(int(Core::Clock::toRealMs(delay)));
}

void Scheduler::deliver(const Firing &firing)
{
    const std::optional<Job> job = m_store->job(firing.jobId);
    if (!job)
        return; // removed (its firings went with it)
    const QString state = handOver(firing, *job);
    Q_EMIT firingHandled(firing.jobId, firing.due, state);
}

void Scheduler::deliverBatch(const QList<Firing> &firings, const QHash<qint64, Job> &jobs)
{
    // Channel targets: every outbox row and run state of the batch in one transaction (one WAL
    // commit instead of two per firing). A crash before the commit leaves the firings "recorded":
    // they are handed over again at start with the same keys.
    QList<std::pair<const Firing *, QString>> handled;
    QList<const Firing *> sessions;
    {
        Storage::Transaction tx(m_db->connection());
        for (const Firing &firing : firings) {
            const auto job = jobs.constFind(firing.jobId);
            if (job == jobs.cend())
                continue;
            if (job->channel.isEmpty())
                sessions.append(&firing);
            else
                handled.append({ &firing, handOver(firing, *job) });
        }
        if (tx.isActive() && !tx.commit()) {
            qCWarning(lcGatewayScheduler) << "cannot commit a batch of deliveries; handing them over one by one";
            for (auto &[firing, state] : handled)
                state = handOver(*firing, jobs.value(firing->jobId));
        }
    }
    // Session targets: each in its own transaction with the transcript.
    for (const Firing *firing : std::as_const(sessions))
        handled.append({ firing, handOver(*firing, jobs.value(firing->jobId)) });
    for (const auto &[firing, state] : std::as_const(handled))
        Q_EMIT firingHandled(firing->jobId, firing->due, state);
}

QString Scheduler::handOver(const Firing &firing, const Job &job)
{
    QString state;
    if (job.channel.isEmpty()) {
        const Status s = m_store->deliverToSession(firing, job, job.message, m_clock());
        state = s ? u"delivered"_s : u"failed"_s;
        if (!s) {
            qCWarning(lcGatewayScheduler).noquote()
                << "job" << job.id << "cannot reach its session:" << s.error().message;
            (void)m_store->setState(firing.id, state, std::nullopt, s.error().message);
        }
    } else if (!m_sender) {
        state = u"failed"_s;
        (void)m_store->setState(firing.id, state, std::nullopt, u"no channels"_s);
    } else {
        const Result<qint64> queued = m_sender(job.channel, job.target, job.message, firing.deliveryKey(), job.userId);
        if (queued) {
            state = u"queued"_s;
            (void)m_store->setState(firing.id, state, *queued, QString());
        } else {
            state = u"failed"_s;
            qCWarning(lcGatewayScheduler).noquote()
                << "job" << job.id << "cannot be queued on" << job.channel << ":" << queued.error().message;
            (void)m_store->setState(firing.id, state, std::nullopt, queued.error().message);
        }
    }
    return state;
}

void Scheduler::audit(const QString &actor, const QString &action, const QString &target, const QString &outcome,
    const QJsonObject &detail)
{
    if (m_people)
        m_people->record(actor, action, target, outcome, detail);
}

} // namespace Gateway::Scheduler
