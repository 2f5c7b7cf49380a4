// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The scheduler's protocol methods (cron.*) and the model's `reminder` tool. The dispatcher's
// guard has applied the role table; these handlers check that the job is the caller's (or the
// caller an admin) and validate every parameter.
#include <limits>

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

#include "protocol/params.h"
#include "agent/toolregistry.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "scheduler/cronexpression.h"
#include "scheduler/scheduler.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Protocol::ClientSession;
using Gateway::Protocol::ProtocolError;
using Gateway::Protocol::Reply;

namespace Gateway::Scheduler
{

namespace
{

ProtocolError fromError(const Error &error)
{
    if (error.code == u"UNAVAILABLE" || error.code == u"STORAGE_ERROR")
        return ProtocolError { Protocol::Code::Unavailable.toString(), error.message, {}, true, 1000 };
    return ProtocolError::invalidRequest(error.message, error.code);
}

using Protocol::Params;

/// Reads the job fields shared by cron.add and cron.update into job (only those present).
void readJobFields(Params &p, Job &job)
{
    if (const auto v = p.string(u"name"_s, 128))
        job.name = *v;
    if (const auto v = p.string(u"kind"_s, 16))
        job.kind = *v;
    if (const auto v = p.string(u"spec"_s, 256))
        job.spec = *v;
    if (const auto v = p.string(u"tz"_s, 64))
        job.timeZone = *v;
    if (const auto v = p.string(u"catchUp"_s, 8))
        job.catchUp = *v;
    if (const auto v = p.string(u"message"_s, 4000))
        job.message = *v;
    if (const auto v = p.boolean(u"enabled"_s))
        job.enabled = *v;
    if (const auto target = p.object(u"target"_s)) {
        Params t(*target, QString());
        const auto channel = t.string(u"channel"_s, 64);
        const auto chat = t.string(u"chat"_s, 256);
        const auto session = t.string(u"session"_s, 256);
        if ((channel || chat) && session)
            p.fail(u"target is either {channel, chat} or {session}"_s);
        else if (channel && chat && !channel->isEmpty() && !chat->isEmpty()) {
            job.channel = *channel;
            job.target = *chat;
        } else if (channel || chat)
            p.fail(u"target.channel and target.chat are both required strings"_s);
        else {
            job.channel.clear();
            job.target = session.value_or(QString());
        }
    }
}

QString isoIn(qint64 ms, const QString &zone)
{
    const QTimeZone tz = zone == u"UTC" ? QTimeZone::utc() : QTimeZone(zone.toUtf8());
    return QDateTime::fromMSecsSinceEpoch(ms, tz).toString(Qt::ISODate);
}

} // namespace

void Scheduler::registerMethods(Protocol::Dispatcher &dispatcher)
{
    const QString read = Protocol::Scope::Read.toString();
    const QString write = Protocol::Scope::Write.toString();
    using People::Actor;
    using People::Role;

    // A job the caller may touch: it exists and is theirs, or the caller is an admin.
    const auto ownedJob = [this](const Actor &actor, qint64 id, const Reply &reply) -> std::optional<Job> {
        if (!m_store || !m_people) {
            reply.fail(fromError(Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s }));
            return std::nullopt;
        }
        const std::optional<Job> job = m_store->job(id);
        if (!job) {
            reply.fail(ProtocolError::invalidRequest(u"no job %1"_s.arg(id), u"NOT_FOUND"_s));
            return std::nullopt;
        }
        if (!m_people->mayAccessUser(actor, job->userId, u"job:%1"_s.arg(id))) {
            reply.fail(People::Directory::forbidden(u"this job belongs to someone else"_s));
            return std::nullopt;
        }
        return job;
    };
    // Who may be reached: admins anywhere; others their own session or a chat of their own identity.
    const auto checkTarget = [this](const Actor &actor, const Job &job) -> std::optional<QString> {
        if (actor.role == Role::Admin)
            return std::nullopt;
        if (job.channel.isEmpty()) {
            if (job.target.isEmpty() || job.target == sessionKeyFor(job.userId))
                return std::nullopt;
            return u"only an admin may send reminders to another session"_s;
        }
        const std::optional<People::Identity> identity
            = m_people->users() ? m_people->users()->identity(job.channel, job.target) : std::nullopt;
        if (identity && identity->userId == job.userId)
            return std::nullopt;
        return u"reminders may go to your own chats only"_s;
    };

    dispatcher.add(
        u"cron.list"_s, read, [this](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"cron.list"_s);
            const auto userId = p.string(u"userId"_s, 64);
            const auto limit = p.integer(u"limit"_s, 1, 1000);
            const auto offset = p.integer(u"offset"_s, 0, 10'000'000);
            if (p.rejected(reply))
                return;
            if (!m_store || !m_people)
                return reply.fail(fromError(Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s }));
            const Actor actor = m_people->actorOf(client);
            // Admins see everyone's jobs (or one user's); others their own.
            QString subject = actor.role == Role::Admin ? userId.value_or(QString()) : actor.userId;
            if (actor.role != Role::Admin && userId && *userId != actor.userId
                && !m_people->mayAccessUser(actor, *userId, u"jobs"_s))
                return reply.fail(People::Directory::forbidden(u"these jobs belong to someone else"_s));
            int total = 0;
            QJsonArray jobs;
            for (const Job &job : m_store->list(subject, int(limit.value_or(100)), int(offset.value_or(0)), &total))
                jobs.append(job.toJson());
            reply.ok(QJsonObject { { u"jobs"_s, jobs }, { u"total"_s, total }, { u"enabled"_s, m_options.enabled } });
        });

    dispatcher.add(u"cron.add"_s, write,
        [this, checkTarget](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"cron.add"_s);
            Job job;
            const auto userId = p.string(u"userId"_s, 64);
            readJobFields(p, job);
            if (job.kind.isEmpty())
                p.fail(u"kind is required (once, interval or cron)"_s);
            else if (job.spec.isEmpty())
                p.fail(u"spec is required"_s);
            else if (job.message.isEmpty())
                p.fail(u"message is required"_s);
            if (p.rejected(reply))
                return;
            if (!m_store || !m_people)
                return reply.fail(fromError(Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s }));
            const Actor actor = m_people->actorOf(client);
            job.userId = userId.value_or(actor.userId);
            if (job.userId != actor.userId) {
                if (!m_people->mayAccessUser(actor, job.userId, u"jobs"_s))
                    return reply.fail(People::Directory::forbidden(u"only an admin may add jobs for someone else"_s));
                if (!m_people->user(job.userId))
                    return reply.fail(
                        ProtocolError::invalidRequest(u"invalid cron.add params: no user "_s + job.userId));
            }
            if (const std::optional<QString> denied = checkTarget(actor, job)) {
                audit(actor.userId, u"cron.add"_s, job.channel.isEmpty() ? u"session"_s : job.channel, u"denied"_s);
                return reply.fail(People::Directory::forbidden(*denied));
            }
            Result<Job> added = addJob(job);
            if (!added) {
                if (added.error().code == u"INVALID_JOB" || added.error().code.startsWith(u"INVALID_")
                    || added.error().code == u"IN_THE_PAST")
                    return reply.fail(ProtocolError::invalidRequest(
                        u"invalid cron.add params: "_s + added.error().message, added.error().code));
                return reply.fail(fromError(added.error()));
            }
            audit(actor.userId, u"cron.add"_s, u"job:%1"_s.arg(added->id), u"ok"_s,
                QJsonObject { { u"kind"_s, added->kind }, { u"owner"_s, added->userId },
                    { u"channel"_s, added->channel.isEmpty() ? u"session"_s : added->channel } });
            reply.ok(QJsonObject { { u"job"_s, added->toJson() } });
        });

    dispatcher.add(u"cron.update"_s, write,
        [this, ownedJob, checkTarget](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"cron.update"_s);
            const auto id = p.integer(u"id"_s, 1, std::numeric_limits<qint32>::max(), true);
            if (p.rejected(reply))
                return;
            if (!m_people)
                return reply.fail(fromError(Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s }));
            const Actor actor = m_people->actorOf(client);
            std::optional<Job> job = ownedJob(actor, *id, reply);
            if (!job)
                return;
            readJobFields(p, *job);
            if (p.rejected(reply))
                return;
            if (const std::optional<QString> denied = checkTarget(actor, *job))
                return reply.fail(People::Directory::forbidden(*denied));
            if (Status s = updateJob(*job); !s) {
                if (s.error().code.startsWith(u"INVALID_") || s.error().code == u"IN_THE_PAST")
                    return reply.fail(ProtocolError::invalidRequest(
                        u"invalid cron.update params: "_s + s.error().message, s.error().code));
                return reply.fail(fromError(s.error()));
            }
            audit(actor.userId, u"cron.update"_s, u"job:%1"_s.arg(*id));
            reply.ok(QJsonObject { { u"job"_s, m_store->job(*id).value_or(*job).toJson() } });
        });

    dispatcher.add(u"cron.remove"_s, write,
        [this, ownedJob](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"cron.remove"_s);
            const auto id = p.integer(u"id"_s, 1, std::numeric_limits<qint32>::max(), true);
            if (p.rejected(reply))
                return;
            if (!m_people)
                return reply.fail(fromError(Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s }));
            const Actor actor = m_people->actorOf(client);
            if (!ownedJob(actor, *id, reply))
                return;
            if (Status s = removeJob(*id); !s)
                return reply.fail(fromError(s.error()));
            audit(actor.userId, u"cron.remove"_s, u"job:%1"_s.arg(*id));
            reply.ok(QJsonObject { { u"id"_s, *id }, { u"removed"_s, true } });
        });

    dispatcher.add(u"cron.run"_s, write,
        [this, ownedJob](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"cron.run"_s);
            const auto id = p.integer(u"id"_s, 1, std::numeric_limits<qint32>::max(), true);
            if (p.rejected(reply))
                return;
            if (!m_people)
                return reply.fail(fromError(Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s }));
            const Actor actor = m_people->actorOf(client);
            if (!ownedJob(actor, *id, reply))
                return;
            Result<Firing> firing = runNow(*id);
            if (!firing)
                return reply.fail(fromError(firing.error()));
            audit(actor.userId, u"cron.run"_s, u"job:%1"_s.arg(*id));
            reply.ok(QJsonObject { { u"firing"_s, firing->toJson() } });
        });

    dispatcher.add(u"cron.runs"_s, read,
        [this, ownedJob](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"cron.runs"_s);
            const auto id = p.integer(u"id"_s, 1, std::numeric_limits<qint32>::max(), true);
            const auto limit = p.integer(u"limit"_s, 1, 1000);
            const auto offset = p.integer(u"offset"_s, 0, 10'000'000);
            if (p.rejected(reply))
                return;
            if (!m_people)
                return reply.fail(fromError(Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s }));
            const Actor actor = m_people->actorOf(client);
            if (!ownedJob(actor, *id, reply))
                return;
            QJsonArray runs;
            for (const Firing &f : m_store->runs(*id, int(limit.value_or(50)), int(offset.value_or(0))))
                runs.append(f.toJson());
            reply.ok(QJsonObject { { u"id"_s, *id }, { u"runs"_s, runs } });
        });
}

void Scheduler::registerTools(Agent::ToolRegistry &tools)
{
    using Agent::ToolContext;
    using Agent::ToolResult;
    const QJsonObject string { { u"type"_s, u"string"_s } };
    const auto described = [&](const QString &text) {
        QJsonObject o = string;
        o.insert(u"description"_s, text);
        return o;
    };
    tools.add(
        { u"reminder"_s,
            u"Set a reminder for the user: the message is sent back to this conversation at the time. Give "
            "exactly one of `at` (ISO 8601 wall time, e.g. 2026-11-27T09:00, for a one-time reminder), `cron` "
            "(5 fields: minute hour day-of-month month day-of-week, for a recurring one) or `every` "
            "(interval like 30m, 2h, 1d). Work out the date yourself from the current time."_s,
            QJsonObject { { u"type"_s, u"object"_s },
                { u"properties"_s,
                    QJsonObject { { u"message"_s, described(u"what to tell the user, e.g. \"Reminder: call mum\""_s) },
                        { u"at"_s, described(u"one-time: local date and time, ISO 8601"_s) },
                        { u"cron"_s, described(u"recurring: 5-field cron expression"_s) },
                        { u"every"_s, described(u"recurring: interval such as 30m, 2h, 1d"_s) },
                        { u"tz"_s, described(u"IANA time zone (default: the user's)"_s) } } },
                { u"required"_s, QJsonArray { u"message"_s } } } },
        [this](const QJsonObject &arguments, const ToolContext &context) -> ToolResult {
            if (!m_store)
                return { u"reminders are not available yet"_s, true };
            Job job;
            job.userId = context.userId.isEmpty() && m_people ? m_people->ownerId() : context.userId;
            job.message = arguments.value(u"message"_s).toString();
            job.timeZone = arguments.value(u"tz"_s).toString();
            const QString at = arguments.value(u"at"_s).toString();
            const QString cron = arguments.value(u"cron"_s).toString();
            const QString every = arguments.value(u"every"_s).toString();
            if (int(!at.isEmpty()) + int(!cron.isEmpty()) + int(!every.isEmpty()) != 1)
                return { u"give exactly one of at, cron or every"_s, true };
            job.kind = !at.isEmpty() ? u"once"_s : !cron.isEmpty() ? u"cron"_s : u"interval"_s;
            job.spec = !at.isEmpty() ? at : !cron.isEmpty() ? cron : every;
            job.name = job.message.left(64);
            // Back to where the user asked: their chat on a channel (from the session key
            // "…:<channel>:dm:<sender>" or "…:<channel>:group:<chat>:<sender>"), else the session.
            const QString channel = context.channel;
            if (!channel.isEmpty() && channel != u"operator" && channel != u"webchat") {
                const QString dm = u':' + channel + u":dm:"_s;
                const QString group = u':' + channel + u":group:"_s;
                if (const qsizetype i = context.sessionKey.indexOf(dm); i >= 0) {
                    job.channel = channel;
                    job.target = context.sessionKey.mid(i + dm.size());
                } else if (const qsizetype g = context.sessionKey.indexOf(group); g >= 0) {
                    const QString rest = context.sessionKey.mid(g + group.size());
                    job.channel = channel;
                    job.target = rest.left(rest.lastIndexOf(u':'));
                }
            }
            if (job.channel.isEmpty())
                job.target = context.sessionKey;
            Result<Job> added = addJob(job);
            if (!added)
                return { u"the reminder was not set: "_s + added.error().message, true };
            audit(job.userId, u"cron.add"_s, u"job:%1"_s.arg(added->id), u"ok"_s,
                QJsonObject { { u"kind"_s, added->kind }, { u"via"_s, u"reminder"_s } });
            const QString when = added->nextDue ? isoIn(*added->nextDue, added->timeZone) : u"never"_s;
            return { u"reminder #%1 set for %2 (%3)%4"_s.arg(added->id).arg(when, added->timeZone,
                         added->kind == u"once" ? QString() : QString(u", repeating: "_s + added->spec)),
                false };
        });
}

} // namespace Gateway::Scheduler
