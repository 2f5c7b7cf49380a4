// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "scheduler/jobstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include "storage/database.h"
#include "storage/sql.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Storage::nullable;
using Gateway::Storage::sqlError;
using Gateway::Storage::text;

namespace Gateway::Scheduler
{

namespace
{

constexpr auto JOB_COLUMNS = "id, user_id, name, kind, spec, tz, catch_up, message, channel, target, enabled, "
                             "next_due, anchor, last_due, created_at, updated_at";
constexpr auto RUN_COLUMNS = "id, job_id, due, fired_at, state, manual, outbox_id, error";

std::optional<qint64> optionalInt(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

QVariant bindOptional(std::optional<qint64> v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<qint64>());
}

Job jobFrom(const QSqlQuery &q)
{
    Job j;
    j.id = q.value(0).toLongLong();
    j.userId = q.value(1).toString();
    j.name = q.value(2).toString();
    j.kind = q.value(3).toString();
    j.spec = q.value(4).toString();
    j.timeZone = q.value(5).toString();
    j.catchUp = q.value(6).toString();
    j.message = q.value(7).toString();
    j.channel = q.value(8).toString();
    j.target = q.value(9).toString();
    j.enabled = q.value(10).toBool();
    j.nextDue = optionalInt(q.value(11));
    j.anchor = q.value(12).toLongLong();
    j.lastDue = optionalInt(q.value(13));
    j.createdAt = q.value(14).toLongLong();
    j.updatedAt = q.value(15).toLongLong();
    return j;
}

Firing firingFrom(const QSqlQuery &q)
{
    Firing f;
    f.id = q.value(0).toLongLong();
    f.jobId = q.value(1).toLongLong();
    f.due = q.value(2).toLongLong();
    f.firedAt = q.value(3).toLongLong();
    f.state = q.value(4).toString();
    f.manual = q.value(5).toBool();
    f.outboxId = optionalInt(q.value(6));
    f.error = q.value(7).toString();
    return f;
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QJsonObject Job::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"userId"_s, userId }, { u"name"_s, name }, { u"kind"_s, kind },
        { u"spec"_s, spec }, { u"tz"_s, timeZone }, { u"catchUp"_s, catchUp }, { u"message"_s, message },
        { u"enabled"_s, enabled }, { u"createdAt"_s, createdAt }, { u"updatedAt"_s, updatedAt } };
    QJsonObject targetJson;
    if (channel.isEmpty())
        targetJson = QJsonObject { { u"session"_s, target } };
    else
        targetJson = QJsonObject { { u"channel"_s, channel }, { u"chat"_s, target } };
    o.insert(u"target"_s, targetJson);
    o.insert(u"nextDue"_s, nextDue ? QJsonValue(*nextDue) : QJsonValue());
    o.insert(u"nextDueIso"_s, nextDue ? QJsonValue(iso(*nextDue)) : QJsonValue());
    o.insert(u"lastDue"_s, lastDue ? QJsonValue(*lastDue) : QJsonValue());
    return o;
}

QJsonObject Firing::toJson() const
{
    return QJsonObject { { u"id"_s, id }, { u"jobId"_s, jobId }, { u"due"_s, due }, { u"dueIso"_s, iso(due) },
        { u"firedAt"_s, firedAt }, { u"state"_s, state }, { u"manual"_s, manual },
        { u"outboxId"_s, outboxId ? QJsonValue(*outboxId) : QJsonValue() }, { u"error"_s, error } };
}

QString Firing::deliveryKey() const
{
    return u"cron:%1:%2"_s.arg(jobId).arg(due);
}

JobStore::JobStore(Storage::Database *database) : m_db(database) { }

Result<Job> JobStore::add(Job job)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"INSERT INTO scheduler_jobs (user_id, name, kind, spec, tz, catch_up, message, channel, target, "
              "enabled, next_due, anchor, last_due, created_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(job.userId);
    q.addBindValue(text(job.name));
    q.addBindValue(job.kind);
    q.addBindValue(job.spec);
    q.addBindValue(job.timeZone);
    q.addBindValue(job.catchUp);
    q.addBindValue(text(job.message));
    q.addBindValue(text(job.channel));
    q.addBindValue(text(job.target));
    q.addBindValue(job.enabled ? 1 : 0);
    q.addBindValue(bindOptional(job.nextDue));
    q.addBindValue(job.anchor);
    q.addBindValue(bindOptional(job.lastDue));
    q.addBindValue(job.createdAt);
    q.addBindValue(job.updatedAt);
    if (!q.exec())
        return sqlError(u"cannot store the job"_s, q);
    job.id = q.lastInsertId().toLongLong();
    return job;
}

Status JobStore::update(const Job &job)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE scheduler_jobs SET name = ?, kind = ?, spec = ?, tz = ?, catch_up = ?, message = ?, "
              "channel = ?, target = ?, enabled = ?, next_due = ?, anchor = ?, updated_at = ? WHERE id = ?"_s);
    q.addBindValue(text(job.name));
    q.addBindValue(job.kind);
    q.addBindValue(job.spec);
    q.addBindValue(job.timeZone);
    q.addBindValue(job.catchUp);
    q.addBindValue(text(job.message));
    q.addBindValue(text(job.channel));
    q.addBindValue(text(job.target));
    q.addBindValue(job.enabled ? 1 : 0);
    q.addBindValue(bindOptional(job.nextDue));
    q.addBindValue(job.anchor);
    q.addBindValue(job.updatedAt);
    q.addBindValue(job.id);
    if (!q.exec())
        return sqlError(u"cannot update the job"_s, q);
    if (q.numRowsAffected() == 0)
        return Error { u"NOT_FOUND"_s, u"no job %1"_s.arg(job.id) };
    return {};
}

Status JobStore::remove(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM scheduler_jobs WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(u"cannot remove the job"_s, q);
    if (q.numRowsAffected() == 0)
        return Error { u"NOT_FOUND"_s, u"no job %1"_s.arg(id) };
    return {};
}

std::optional<Job> JobStore::job(qint64 id) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM scheduler_jobs WHERE id = ?"_s.arg(QLatin1StringView(JOB_COLUMNS)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return jobFrom(q);
}

QList<Job> JobStore::list(const QString &userId, int limit, int offset, int *total) const
{
    QSqlQuery q(m_db->connection());
    const QString where = userId.isEmpty() ? QString() : u" WHERE user_id = ?"_s;
    if (total) {
        q.prepare(u"SELECT COUNT(*) FROM scheduler_jobs"_s + where);
        if (!userId.isEmpty())
            q.addBindValue(userId);
        *total = q.exec() && q.next() ? q.value(0).toInt() : 0;
    }
    q.prepare(
        u"SELECT %1 FROM scheduler_jobs%2 ORDER BY id LIMIT ? OFFSET ?"_s.arg(QLatin1StringView(JOB_COLUMNS), where));
    if (!userId.isEmpty())
        q.addBindValue(userId);
    q.addBindValue(limit);
    q.addBindValue(offset);
    QList<Job> jobs;
    if (q.exec()) {
        while (q.next())
            jobs.append(jobFrom(q));
    }
    return jobs;
}

int JobStore::count(const QString &userId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT COUNT(*) FROM scheduler_jobs WHERE user_id = ?"_s);
    q.addBindValue(userId);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

std::optional<qint64> JobStore::nextDue() const
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(u"SELECT MIN(next_due) FROM scheduler_jobs WHERE enabled = 1 AND next_due IS NOT NULL"_s) || !q.next())
        return std::nullopt;
    return optionalInt(q.value(0));
}

QList<Job> JobStore::due(qint64 nowMs, int limit) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM scheduler_jobs WHERE enabled = 1 AND next_due IS NOT NULL AND next_due <= ? "
              "ORDER BY next_due, id LIMIT ?"_s.arg(QLatin1StringView(JOB_COLUMNS)));
    q.addBindValue(nowMs);
    q.addBindValue(limit);
    QList<Job> jobs;
    if (q.exec()) {
        while (q.next())
            jobs.append(jobFrom(q));
    }
    return jobs;
}

Result<QList<Firing>> JobStore::record(const QList<FiringPlan> &plans, qint64 nowMs)
{
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO scheduler_runs (job_id, due, fired_at, state) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT(job_id, due) DO NOTHING"_s);
    QSqlQuery advance(db);
    advance.prepare(u"UPDATE scheduler_jobs SET next_due = ?, last_due = COALESCE(?, last_due), updated_at = ? "
                    "WHERE id = ? AND next_due = ?"_s);
    QList<Firing> recorded;
    for (const FiringPlan &plan : plans) {
        advance.addBindValue(bindOptional(plan.nextDue));
        std::optional<qint64> last;
        for (qint64 d : plan.fire)
            last = last ? qMax(*last, d) : d;
        for (qint64 d : plan.skip)
            last = last ? qMax(*last, d) : d;
        advance.addBindValue(bindOptional(last));
        advance.addBindValue(nowMs);
        advance.addBindValue(plan.jobId);
        advance.addBindValue(plan.expectedNextDue);
        if (!advance.exec())
            return sqlError(u"cannot advance the job"_s, advance);
        if (advance.numRowsAffected() == 0)
            continue; // changed or removed since it was read
        const auto add = [&](qint64 due, const QString &state) -> Status {
            insert.addBindValue(plan.jobId);
            insert.addBindValue(due);
            insert.addBindValue(nowMs);
            insert.addBindValue(state);
            if (!insert.exec())
                return sqlError(u"cannot record the firing"_s, insert);
            if (insert.numRowsAffected() > 0 && state == u"recorded") {
                Firing f;
                f.id = insert.lastInsertId().toLongLong();
                f.jobId = plan.jobId;
                f.due = due;
                f.firedAt = nowMs;
                f.state = state;
                recorded.append(f);
            }
            return {};
        };
        for (qint64 d : plan.skip) {
            if (Status s = add(d, u"skipped"_s); !s)
                return s.error();
        }
        for (qint64 d : plan.fire) {
            if (Status s = add(d, u"recorded"_s); !s)
                return s.error();
        }
    }
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the firings"_s, tx.error());
    return recorded;
}

Result<Firing> JobStore::recordManual(qint64 jobId, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    // Two manual runs in the same millisecond are one.
    q.prepare(u"INSERT INTO scheduler_runs (job_id, due, fired_at, state, manual) VALUES (?, ?, ?, 'recorded', 1) "
              "ON CONFLICT(job_id, due) DO NOTHING"_s);
    q.addBindValue(jobId);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot record the firing"_s, q);
    q.prepare(u"SELECT %1 FROM scheduler_runs WHERE job_id = ? AND due = ?"_s.arg(QLatin1StringView(RUN_COLUMNS)));
    q.addBindValue(jobId);
    q.addBindValue(nowMs);
    if (!q.exec() || !q.next())
        return sqlError(u"cannot read the firing"_s, q);
    return firingFrom(q);
}

QList<Firing> JobStore::undelivered(int limit) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM scheduler_runs WHERE state = 'recorded' ORDER BY id LIMIT ?"_s.arg(
        QLatin1StringView(RUN_COLUMNS)));
    q.addBindValue(limit);
    QList<Firing> list;
    if (q.exec()) {
        while (q.next())
            list.append(firingFrom(q));
    }
    return list;
}

Status JobStore::setState(qint64 firingId, const QString &state, std::optional<qint64> outboxId, const QString &error)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE scheduler_runs SET state = ?, outbox_id = ?, error = ? WHERE id = ?"_s);
    q.addBindValue(state);
    q.addBindValue(bindOptional(outboxId));
    q.addBindValue(nullable(error.left(500)));
    q.addBindValue(firingId);
    if (!q.exec())
        return sqlError(u"cannot update the firing"_s, q);
    return {};
}

Status JobStore::deliverToSession(const Firing &firing, const Job &job, const QString &message, qint64 nowMs)
{
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    QSqlQuery q(db);
    q.prepare(u"UPDATE scheduler_runs SET state = 'delivered' WHERE id = ? AND state = 'recorded'"_s);
    q.addBindValue(firing.id);
    if (!q.exec())
        return sqlError(u"cannot update the firing"_s, q);
    if (q.numRowsAffected() == 0)
        return {}; // delivered before
    q.prepare(u"INSERT INTO sessions (key, created_at, updated_at, user_id, channel) VALUES (?, ?, ?, ?, '') "
              "ON CONFLICT(key) DO NOTHING"_s);
    q.addBindValue(job.target);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(job.userId);
    if (!q.exec())
        return sqlError(u"cannot create the session"_s, q);
    q.prepare(u"INSERT INTO messages (session_key, run_id, role, content, stop_reason, created_at) "
              "VALUES (?, ?, 'assistant', ?, 'reminder', ?)"_s);
    q.addBindValue(job.target);
    q.addBindValue(firing.deliveryKey());
    const QJsonArray content { QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, message } } };
    q.addBindValue(QString::fromUtf8(QJsonDocument(content).toJson(QJsonDocument::Compact)));
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot store the reminder"_s, q);
    q.prepare(u"UPDATE sessions SET updated_at = ? WHERE key = ?"_s);
    q.addBindValue(nowMs);
    q.addBindValue(job.target);
    if (!q.exec())
        return sqlError(u"cannot touch the session"_s, q);
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the reminder"_s, tx.error());
    return {};
}

QList<Firing> JobStore::runs(qint64 jobId, int limit, int offset) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM scheduler_runs WHERE job_id = ? ORDER BY due DESC, id DESC LIMIT ? OFFSET ?"_s.arg(
        QLatin1StringView(RUN_COLUMNS)));
    q.addBindValue(jobId);
    q.addBindValue(limit);
    q.addBindValue(offset);
    QList<Firing> list;
    if (q.exec()) {
        while (q.next())
            list.append(firingFrom(q));
    }
    return list;
}

} // namespace Gateway::Scheduler
