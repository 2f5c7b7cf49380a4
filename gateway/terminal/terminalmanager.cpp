// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "terminal/terminalmanager.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

#include "logging.h"
#include "people/directory.h"
#include "people/user.h"
#include "terminal/commandcheck.h"
#include "terminal/ptyjob.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Terminal
{

namespace
{
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Error error(const QString &code, const QString &message)
{
    return Error { code, message };
}
} // namespace

Manager::Manager(const Config::TerminalSettings &settings, People::Directory *people, QObject *parent)
    : QObject(parent), m_settings(settings), m_people(people)
{
    m_allowlist = CommandCheck::splitList(settings.allowlist);
    for (const QString &host : CommandCheck::splitList(settings.sshHosts))
        m_sshHosts.append(host.toLower());
    m_expiry.setSingleShot(true);
    m_expiry.setTimerType(Qt::CoarseTimer);
    connect(&m_expiry, &QTimer::timeout, this, &Manager::expire);
}

Manager::~Manager()
{
    // PtyJob's destructor kills and reaps what still runs.
    for (Job &job : m_jobs) {
        if (job.process)
            job.process->disconnect(this);
    }
}

QString Manager::commandHash(const QString &command)
{
    return QString::fromLatin1(QCryptographicHash::hash(command.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::optional<Error> Manager::checkAdmin(const QString &userId, const QString &what) const
{
    if (!m_settings.enabled)
        return error(u"DISABLED"_s, u"the terminal is disabled (terminal.enabled = false)"_s);
    if (!m_people || !m_people->isReady())
        return error(u"UNAVAILABLE"_s, u"the terminal is not ready yet"_s);
    const QString id = userId.isEmpty() ? m_people->ownerId() : userId;
    const std::optional<People::User> user = m_people->user(id);
    if (!user || user->role != People::Role::Admin) {
        // Defence in depth: the role table already refuses these calls to users and children.
        m_people->policy().countDenial(u"tool"_s);
        m_people->record(id.isEmpty() ? u"anonymous"_s : id, u"policy.deny"_s, what, u"denied"_s,
            QJsonObject { { u"kind"_s, u"terminal"_s } });
        return error(u"FORBIDDEN"_s, u"the terminal is for admins only"_s);
    }
    return std::nullopt;
}

QString Manager::actorName(const QString &userId) const
{
    return userId.isEmpty() && m_people ? m_people->ownerId() : userId;
}

QString Manager::requesterOf(const Requester &requester) const
{
    return actorName(requester.userId);
}

QJsonObject Manager::auditDetail(const QString &command, qint64 id) const
{
    // Commands may carry secrets (tokens on a command line): the trail keeps the program's name,
    // the length and the SHA-256 of the whole command, enough to match it against a known one.
    return QJsonObject { { u"job"_s, id }, { u"program"_s, CommandCheck::inspect(command).program },
        { u"sha256"_s, commandHash(command) }, { u"length"_s, command.size() } };
}

QStringList Manager::environment(bool interactive) const
{
    // The child does not inherit the gateway's environment (it holds tokens and API keys).
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList out { u"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"_s,
        u"HOME="_s + QDir::homePath(), u"SHELL=/bin/sh"_s, u"TERM="_s + (interactive ? u"xterm-256color"_s : u"dumb"_s),
        u"LANG="_s + env.value(u"LANG"_s, u"C.UTF-8"_s) };
    for (const QString &name : { u"USER"_s, u"LOGNAME"_s, u"SSH_AUTH_SOCK"_s }) {
        if (env.contains(name))
            out.append(name + u'=' + env.value(name));
    }
    return out;
}

Result<QJsonObject> Manager::submit(
    const Requester &requester, const QString &command, const QString &workingDirectory, bool interactive)
{
    if (std::optional<Error> denied = checkAdmin(requester.userId, u"terminal"_s))
        return *denied;
    if (command.size() > MAX_COMMAND)
        return error(u"INVALID"_s, u"the command is longer than %1 characters"_s.arg(MAX_COMMAND));
    if (!interactive && command.trimmed().isEmpty())
        return error(u"INVALID"_s, u"the command must not be empty"_s);
    if (command.contains(QChar(0)))
        return error(u"INVALID"_s, u"the command contains a NUL character"_s);
    QString cwd = workingDirectory;
    if (!cwd.isEmpty()) {
        const QFileInfo info(cwd);
        if (!info.isAbsolute() || !info.isDir())
            return error(u"INVALID"_s, u"the working directory must be an existing absolute folder"_s);
    }
    const CommandCheck check = CommandCheck::inspect(command);
    const QString actor = requesterOf(requester);
    const qint64 id = m_nextId++;

    // ssh reaches allowlisted hosts only, whatever an approver says.
    if (check.usesSsh) {
        QStringList refused;
        for (const QString &host : check.sshHosts) {
            if (!m_sshHosts.contains(host))
                refused.append(host.left(64));
        }
        if (check.sshHostUnknown || !refused.isEmpty()) {
            QJsonObject detail = auditDetail(command, id);
            detail.insert(u"reason"_s, u"ssh host not allowlisted"_s);
            m_people->record(actor, u"terminal.request"_s, u"job:%1"_s.arg(id), u"denied"_s, detail);
            return error(u"SSH_HOST_REFUSED"_s,
                check.sshHostUnknown
                    ? u"ssh, scp, sftp and rsync are allowed only as `ssh [options] HOST` to a host in terminal.ssh_hosts"_s
                    : u"ssh to %1 is refused: not in terminal.ssh_hosts"_s.arg(refused.join(u", "_s)));
        }
    }

    Request request;
    request.id = id;
    request.command = command;
    request.workingDirectory = cwd;
    request.interactive = interactive;
    request.requester = requester;
    request.createdAt = nowMs();
    request.expiresAt = request.createdAt + qint64(m_settings.approvalTimeoutS) * 1000;

    bool preapproved = false;
    if (interactive)
        request.reasons.append(u"an interactive session always needs approval"_s);
    else if (check.escalates)
        request.reasons.append(u"privilege escalation (sudo, su) needs approval every time"_s);
    else if (check.usesSsh)
        request.reasons.append(u"ssh needs approval every time"_s);
    else if (check.hasShellOperators)
        request.reasons.append(u"shell operators: the allowlist does not apply"_s);
    else {
        const QString trimmed = command.trimmed();
        for (const QString &pattern : std::as_const(m_allowlist)) {
            if (CommandCheck::globMatch(pattern, trimmed)) {
                preapproved = true;
                break;
            }
        }
        if (!preapproved)
            request.reasons.append(u"not in terminal.allowlist"_s);
    }

    QJsonObject detail = auditDetail(command, id);
    detail.insert(u"via"_s, requester.via);
    detail.insert(u"interactive"_s, interactive);
    if (preapproved) {
        m_people->record(actor, u"terminal.request"_s, u"job:%1"_s.arg(id), u"allowlisted"_s, detail);
        return startJob(request, u"allowlist"_s);
    }
    if (m_pending.size() >= MAX_PENDING) {
        m_people->record(actor, u"terminal.request"_s, u"job:%1"_s.arg(id), u"failed"_s, detail);
        return error(u"LIMIT"_s, u"%1 requests are already waiting for approval"_s.arg(MAX_PENDING));
    }
    m_people->record(actor, u"terminal.request"_s, u"job:%1"_s.arg(id), u"pending"_s, detail);
    m_pending.insert(id, request);
    armExpiry();
    const QJsonObject payload = requestJson(request);
    Q_EMIT eventRaised(u"terminal.approval"_s, payload);
    return payload;
}

QJsonObject Manager::requestJson(const Request &request) const
{
    QString requesterName;
    if (m_people) {
        if (const std::optional<People::User> user = m_people->user(requesterOf(request.requester)))
            requesterName = user->displayName;
    }
    return QJsonObject { { u"id"_s, request.id }, { u"state"_s, u"pending"_s }, { u"command"_s, request.command },
        { u"cwd"_s, request.workingDirectory.isEmpty() ? QDir::homePath() : request.workingDirectory },
        { u"interactive"_s, request.interactive }, { u"requester"_s, requesterOf(request.requester) },
        { u"requesterName"_s, requesterName }, { u"via"_s, request.requester.via },
        { u"sessionKey"_s, request.requester.sessionKey }, { u"createdAtMs"_s, request.createdAt },
        { u"expiresAtMs"_s, request.expiresAt }, { u"reasons"_s, QJsonArray::fromStringList(request.reasons) } };
}

QJsonObject Manager::jobJson(const Job &job) const
{
    QJsonObject o { { u"id"_s, job.id }, { u"command"_s, job.command },
        { u"cwd"_s, job.workingDirectory.isEmpty() ? QDir::homePath() : job.workingDirectory },
        { u"interactive"_s, job.interactive }, { u"requester"_s, requesterOf(job.requester) },
        { u"via"_s, job.requester.via }, { u"approvedBy"_s, job.approvedBy } };
    if (const PtyJob *p = job.process) {
        o.insert(u"state"_s, PtyJob::stateName(p->state()));
        o.insert(u"pid"_s, p->pid());
        o.insert(u"startedAtMs"_s, p->startedAtMs());
        o.insert(u"outputBytes"_s, p->totalBytes());
        o.insert(u"truncated"_s, p->isTruncated());
        if (!p->isRunning()) {
            o.insert(u"finishedAtMs"_s, p->finishedAtMs());
            if (p->state() == PtyJob::State::Failed)
                o.insert(u"error"_s, p->errorString());
            else if (p->signalNumber() > 0)
                o.insert(u"signal"_s, p->signalNumber());
            else
                o.insert(u"exitCode"_s, p->exitCode());
        }
    }
    return o;
}

Result<QJsonObject> Manager::startJob(const Request &request, const QString &approvedBy)
{
    const QString actor = requesterOf(request.requester);
    if (runningCount() >= m_settings.maxJobs) {
        m_people->record(actor, u"terminal.start"_s, u"job:%1"_s.arg(request.id), u"failed"_s,
            QJsonObject { { u"reason"_s, u"max_jobs"_s } });
        return error(u"LIMIT"_s, u"%1 jobs are running already (terminal.max_jobs)"_s.arg(m_settings.maxJobs));
    }
    PtyJob::Options options;
    options.command = request.command;
    options.interactive = request.interactive;
    options.workingDirectory = request.workingDirectory;
    options.maxOutputBytes = m_settings.maxOutputBytes;
    options.timeLimitMs = qint64(m_settings.timeLimitS) * 1000;
    options.killGraceMs = m_settings.killGraceMs;
    options.environment = environment(request.interactive);
    auto *process = new PtyJob(options, this);
    Job job;
    job.id = request.id;
    job.command = request.command;
    job.workingDirectory = request.workingDirectory;
    job.interactive = request.interactive;
    job.requester = request.requester;
    job.approvedBy = approvedBy;
    job.process = process;
    const qint64 id = request.id;
    connect(process, &PtyJob::finished, this, [this, id] {
        const auto it = m_jobs.constFind(id);
        if (it == m_jobs.cend())
            return;
        const PtyJob *p = it->process;
        QJsonObject detail { { u"job"_s, id }, { u"outputBytes"_s, p->totalBytes() },
            { u"durationMs"_s, p->finishedAtMs() - p->startedAtMs() } };
        if (p->signalNumber() > 0)
            detail.insert(u"signal"_s, p->signalNumber());
        else
            detail.insert(u"exitCode"_s, p->exitCode());
        m_people->record(u"system"_s, u"terminal.exit"_s, u"job:%1"_s.arg(id), PtyJob::stateName(p->state()), detail);
        Q_EMIT eventRaised(u"terminal.job"_s, jobJson(*it));
        Q_EMIT jobFinished(id);
        trimFinished();
    });
    m_jobs.insert(id, job);
    if (!process->start()) {
        m_people->record(
            actor, u"terminal.start"_s, u"job:%1"_s.arg(id), u"failed"_s, auditDetail(request.command, id));
        Q_EMIT eventRaised(u"terminal.job"_s, jobJson(job));
        return error(u"START_FAILED"_s, process->errorString());
    }
    QJsonObject detail = auditDetail(request.command, id);
    detail.insert(u"approvedBy"_s, approvedBy);
    m_people->record(actor, u"terminal.start"_s, u"job:%1"_s.arg(id), u"ok"_s, detail);
    const QJsonObject payload = jobJson(job);
    Q_EMIT eventRaised(u"terminal.job"_s, payload);
    return payload;
}

Result<QJsonObject> Manager::approve(qint64 id, const QString &approverId)
{
    if (std::optional<Error> denied = checkAdmin(approverId, u"terminal.approve"_s))
        return *denied;
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return error(u"NOT_FOUND"_s, u"no pending terminal request %1"_s.arg(id));
    const Request request = *it;
    m_pending.erase(it);
    armExpiry();
    const QString approver = actorName(approverId);
    m_people->record(approver, u"terminal.approve"_s, u"job:%1"_s.arg(id), u"ok"_s, auditDetail(request.command, id));
    Q_EMIT eventRaised(u"terminal.resolved"_s,
        QJsonObject { { u"id"_s, id }, { u"decision"_s, u"approved"_s }, { u"by"_s, approver } });
    return startJob(request, approver);
}

Result<QJsonObject> Manager::deny(qint64 id, const QString &approverId, const QString &reason)
{
    if (std::optional<Error> denied = checkAdmin(approverId, u"terminal.deny"_s))
        return *denied;
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return error(u"NOT_FOUND"_s, u"no pending terminal request %1"_s.arg(id));
    const Request request = *it;
    m_pending.erase(it);
    armExpiry();
    const QString approver = actorName(approverId);
    QJsonObject detail = auditDetail(request.command, id);
    detail.insert(u"hasReason"_s, !reason.isEmpty());
    m_people->record(approver, u"terminal.deny"_s, u"job:%1"_s.arg(id), u"denied"_s, detail);
    remember(id, u"denied"_s);
    const QJsonObject payload { { u"id"_s, id }, { u"decision"_s, u"denied"_s }, { u"by"_s, approver },
        { u"reason"_s, reason } };
    Q_EMIT eventRaised(u"terminal.resolved"_s, payload);
    return QJsonObject { { u"id"_s, id }, { u"state"_s, u"denied"_s } };
}

Result<QJsonObject> Manager::kill(qint64 id, const QString &actorId)
{
    if (std::optional<Error> denied = checkAdmin(actorId, u"terminal.kill"_s))
        return *denied;
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend())
        return error(u"NOT_FOUND"_s, u"no terminal job %1"_s.arg(id));
    if (it->process && it->process->isRunning()) {
        m_people->record(actorName(actorId), u"terminal.kill"_s, u"job:%1"_s.arg(id), u"ok"_s,
            QJsonObject { { u"job"_s, id }, { u"pid"_s, it->process->pid() } });
        it->process->kill();
    }
    return jobJson(*it);
}

Result<QJsonObject> Manager::write(qint64 id, const QString &actorId, const QByteArray &data)
{
    if (std::optional<Error> denied = checkAdmin(actorId, u"terminal.write"_s))
        return *denied;
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend())
        return error(u"NOT_FOUND"_s, u"no terminal job %1"_s.arg(id));
    if (!it->interactive)
        return error(u"INVALID"_s, u"job %1 is not a session"_s.arg(id));
    if (!it->process || !it->process->isRunning())
        return error(u"INVALID"_s, u"session %1 has ended"_s.arg(id));
    if (!it->process->write(data))
        return error(u"LIMIT"_s, u"session %1 has too much input waiting"_s.arg(id));
    return QJsonObject { { u"id"_s, id }, { u"written"_s, qint64(data.size()) } };
}

Result<QJsonObject> Manager::output(qint64 id, const QString &actorId, qint64 offset, qint64 maxBytes) const
{
    if (std::optional<Error> denied = checkAdmin(actorId, u"terminal.output"_s))
        return *denied;
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend() || !it->process)
        return error(u"NOT_FOUND"_s, u"no terminal job %1"_s.arg(id));
    qint64 start = 0;
    const QByteArray data = it->process->output(offset, maxBytes, &start);
    QJsonObject o = jobJson(*it);
    o.insert(u"offset"_s, start);
    o.insert(u"nextOffset"_s, start + data.size());
    o.insert(u"data"_s, QString::fromUtf8(data));
    return o;
}

Result<QJsonObject> Manager::status(qint64 id, const QString &actorId) const
{
    if (std::optional<Error> denied = checkAdmin(actorId, u"terminal.status"_s))
        return *denied;
    if (const auto it = m_pending.constFind(id); it != m_pending.cend())
        return requestJson(*it);
    if (const auto it = m_resolved.constFind(id); it != m_resolved.cend())
        return QJsonObject { { u"id"_s, id }, { u"state"_s, *it } };
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend())
        return error(u"NOT_FOUND"_s, u"no terminal job or request %1"_s.arg(id));
    return jobJson(*it);
}

QJsonArray Manager::pending() const
{
    QJsonArray out;
    for (const Request &request : m_pending)
        out.append(requestJson(request));
    return out;
}

QJsonArray Manager::jobs() const
{
    QJsonArray out;
    for (const Job &job : m_jobs)
        out.append(jobJson(job));
    return out;
}

PtyJob *Manager::process(qint64 id) const
{
    const auto it = m_jobs.constFind(id);
    return it == m_jobs.cend() ? nullptr : it->process;
}

int Manager::runningCount() const
{
    int n = 0;
    for (const Job &job : m_jobs) {
        if (job.process && job.process->isRunning())
            ++n;
    }
    return n;
}

void Manager::armExpiry()
{
    if (m_pending.isEmpty()) {
        m_expiry.stop();
        return;
    }
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Request &request : std::as_const(m_pending))
        next = qMin(next, request.expiresAt);
    m_expiry.start(int(qBound<qint64>(0, next - nowMs(), qint64(24) * 3600 * 1000)));
}

void Manager::expire()
{
    const qint64 now = nowMs();
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->expiresAt > now) {
            ++it;
            continue;
        }
        const qint64 id = it->id;
        m_people->record(
            u"system"_s, u"terminal.expire"_s, u"job:%1"_s.arg(id), u"expired"_s, auditDetail(it->command, id));
        it = m_pending.erase(it);
        remember(id, u"expired"_s);
        Q_EMIT eventRaised(u"terminal.resolved"_s, QJsonObject { { u"id"_s, id }, { u"decision"_s, u"expired"_s } });
    }
    armExpiry();
}

void Manager::remember(qint64 id, const QString &state)
{
    m_resolved.insert(id, state);
    while (m_resolved.size() > MAX_FINISHED)
        m_resolved.erase(m_resolved.begin());
}

void Manager::trimFinished()
{
    int finished = 0;
    for (const Job &job : std::as_const(m_jobs)) {
        if (!job.process || !job.process->isRunning())
            ++finished;
    }
    for (auto it = m_jobs.begin(); it != m_jobs.end() && finished > MAX_FINISHED;) {
        if (it->process && it->process->isRunning()) {
            ++it;
            continue;
        }
        if (it->process)
            it->process->deleteLater();
        it = m_jobs.erase(it);
        --finished;
    }
}

} // namespace Gateway::Terminal
