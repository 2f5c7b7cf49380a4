// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "config/settings.h"
#include "core/result.h"

namespace Gateway::People
{
class Directory;
}
namespace Gateway::Protocol
{
class Dispatcher;
}
namespace Gateway::Agent
{
class ToolRegistry;
}

namespace Gateway::Terminal
{

class PtyJob;

/// @brief The admin terminal (docs/terminal.md): commands, background jobs and PTY sessions for
/// admins only, each approved by an admin unless the allowlist pre-approves it.
///
/// A request becomes pending (event `terminal.approval` to admins), then a job when approved;
/// it is denied, or expires after terminal.approval_timeout_s. Jobs are kept in memory (the most
/// recent MAX_FINISHED finished ones) with their output; every step is in the audit trail with
/// the program name and the SHA-256 of the command, never the command itself.
class Manager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Manager)

public:
    static constexpr int MAX_COMMAND = 4096;
    static constexpr int MAX_PENDING = 32;
    static constexpr int MAX_FINISHED = 50;

    /// Who asks, and through what ("protocol" or "tool").
    struct Requester
    {
        QString userId; ///< "" = the owner
        QString via = QStringLiteral("protocol");
        QString sessionKey;
    };

    Manager(const Config::TerminalSettings &settings, People::Directory *people, QObject *parent = nullptr);
    ~Manager() override;

    bool isEnabled() const { return m_settings.enabled; }
    const Config::TerminalSettings &settings() const { return m_settings; }

    /// A command (interactive=false) or a shell session (interactive=true; never pre-approved).
    /// Answers {id, state: "running"|"pending", ...}. Errors: DISABLED, FORBIDDEN, INVALID,
    /// SSH_HOST_REFUSED, LIMIT.
    Result<QJsonObject> submit(
        const Requester &requester, const QString &command, const QString &workingDirectory, bool interactive);
    Result<QJsonObject> approve(qint64 id, const QString &approverId);
    Result<QJsonObject> deny(qint64 id, const QString &approverId, const QString &reason);
    Result<QJsonObject> kill(qint64 id, const QString &actorId);
    Result<QJsonObject> write(qint64 id, const QString &actorId, const QByteArray &data);
    /// {id, state, offset, nextOffset, truncated, data} from `offset`, at most maxBytes.
    Result<QJsonObject> output(qint64 id, const QString &actorId, qint64 offset, qint64 maxBytes) const;
    /// One job's summary (also for a pending request's id).
    Result<QJsonObject> status(qint64 id, const QString &actorId) const;
    QJsonArray pending() const;
    QJsonArray jobs() const;
    /// The process of a job (tests look at its pid); nullptr when unknown.
    PtyJob *process(qint64 id) const;
    int runningCount() const;

    /// terminal.run, terminal.session, terminal.write, terminal.pending, terminal.approve,
    /// terminal.deny, terminal.jobs, terminal.output, terminal.kill
    void registerMethods(Protocol::Dispatcher &dispatcher);
    /// terminal_run and terminal_status (only when enabled: a disabled terminal is not offered).
    void registerTools(Agent::ToolRegistry &tools);

    /// The SHA-256 (hex) of a command as written to the audit trail.
    static QString commandHash(const QString &command);

Q_SIGNALS:
    /// For admin clients only: terminal.approval, terminal.resolved, terminal.job.
    void eventRaised(const QString &name, const QJsonObject &payload);
    /// A job ended (tests and one-shot callers wait on it).
    void jobFinished(qint64 id);

private:
    struct Request
    {
        qint64 id = 0;
        QString command;
        QString workingDirectory;
        bool interactive = false;
        Requester requester;
        qint64 createdAt = 0;
        qint64 expiresAt = 0;
        QStringList reasons;
    };
    struct Job
    {
        qint64 id = 0;
        QString command;
        QString workingDirectory;
        bool interactive = false;
        Requester requester;
        QString approvedBy; ///< user id, or "allowlist"
        PtyJob *process = nullptr;
    };

    /// FORBIDDEN unless the user is an admin (checked here as well as by the policy).
    std::optional<Error> checkAdmin(const QString &userId, const QString &what) const;
    Result<QJsonObject> startJob(const Request &request, const QString &approvedBy);
    QJsonObject requestJson(const Request &request) const;
    QJsonObject jobJson(const Job &job) const;
    QJsonObject auditDetail(const QString &command, qint64 id) const;
    QString actorName(const QString &userId) const;
    QString requesterOf(const Requester &requester) const;
    void expire();
    void armExpiry();
    void trimFinished();
    void remember(qint64 id, const QString &state);
    QStringList environment(bool interactive) const;

    Config::TerminalSettings m_settings;
    People::Directory *m_people;
    QStringList m_allowlist;
    QStringList m_sshHosts;
    qint64 m_nextId = 1;
    QMap<qint64, Request> m_pending;
    QMap<qint64, Job> m_jobs;
    /// Requests that ended without a job: id → "denied" or "expired" (the newest MAX_FINISHED).
    QMap<qint64, QString> m_resolved;
    QTimer m_expiry;
};

} // namespace Gateway::Terminal
