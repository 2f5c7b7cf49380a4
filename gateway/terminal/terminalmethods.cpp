// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The protocol methods (terminal.*) and model tools (terminal_run, terminal_status) of the admin
// terminal. The role table already limits every method to admins; Manager checks again.
#include <memory>
#include <optional>

#include <QJsonArray>
#include <QPointer>

#include "protocol/params.h"
#include "agent/toolregistry.h"
#include "people/directory.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "terminal/ptyjob.h"
#include "terminal/terminalmanager.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Protocol::ClientSession;
using Gateway::Protocol::ProtocolError;
using Gateway::Protocol::Reply;

namespace Gateway::Terminal
{

namespace
{

constexpr qint64 MAX_ID = qint64(1) << 53;
constexpr qint64 MAX_WRITE_CHARS = 65536;
constexpr qint64 DEFAULT_READ = 65536;
constexpr qint64 MAX_READ = 1048576;
constexpr qint64 TOOL_TAIL = 4000;

ProtocolError toProtocol(const Error &error)
{
    if (error.code == u"FORBIDDEN")
        return People::Directory::forbidden(error.message);
    if (error.code == u"DISABLED" || error.code == u"UNAVAILABLE") {
        ProtocolError e { Protocol::Code::Unavailable.toString(), error.message, {}, false, -1 };
        e.details = QJsonObject { { u"code"_s, error.code == u"DISABLED" ? u"TERMINAL_DISABLED"_s : error.code } };
        return e;
    }
    return ProtocolError::invalidRequest(error.message, error.code);
}

using Protocol::Params;

void answer(const Reply &reply, const Result<QJsonObject> &result)
{
    if (result)
        reply.ok(*result);
    else
        reply.fail(toProtocol(result.error()));
}

} // namespace

void Manager::registerMethods(Protocol::Dispatcher &dispatcher)
{
    const QString admin = Protocol::Scope::Admin.toString();
    const QString approvals = Protocol::Scope::Approvals.toString();
    const auto actorId
        = [this](const ClientSession &client) { return m_people ? m_people->actorOf(client).userId : QString(); };

    dispatcher.add(u"terminal.run"_s, admin,
        [this, actorId](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"terminal.run"_s);
            const std::optional<QString> command = p.string(u"command"_s, MAX_COMMAND, true);
            const std::optional<QString> cwd = p.string(u"cwd"_s, 4096);
            const bool wait = p.boolean(u"wait"_s).value_or(false);
            if (p.rejected(reply))
                return;
            Requester requester { actorId(client), u"protocol"_s, {} };
            if (requester.userId.isEmpty() && !client.isOwner)
                return reply.fail(People::Directory::forbidden(u"the terminal is for admins only"_s));
            Result<QJsonObject> result = submit(requester, *command, cwd.value_or(QString()), false);
            if (!result || !wait || result->value(u"state"_s).toString() != u"running")
                return answer(reply, result);
            // A one-shot call: the answer comes when the job ends, with the newest output.
            const qint64 id = result->value(u"id"_s).toInteger();
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = connect(this, &Manager::jobFinished, this, [this, id, reply, connection](qint64 finished) {
                if (finished != id)
                    return;
                QObject::disconnect(*connection);
                answer(reply, output(id, {}, 0, m_settings.maxOutputBytes));
            });
        });
    dispatcher.add(u"terminal.session"_s, admin,
        [this, actorId](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"terminal.session"_s);
            const std::optional<QString> cwd = p.string(u"cwd"_s, 4096);
            if (p.rejected(reply))
                return;
            answer(reply, submit(Requester { actorId(client), u"protocol"_s, {} }, {}, cwd.value_or(QString()), true));
        });
    dispatcher.add(u"terminal.write"_s, admin,
        [this, actorId](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"terminal.write"_s);
            const std::optional<qint64> id = p.integer(u"id"_s, 1, MAX_ID, true);
            const std::optional<QString> data = p.string(u"data"_s, MAX_WRITE_CHARS, true);
            if (p.rejected(reply))
                return;
            answer(reply, write(*id, actorId(client), data->toUtf8()));
        });
    dispatcher.add(u"terminal.pending"_s, approvals,
        [this, actorId](const ClientSession &client, const QJsonObject &, const Reply &reply) {
            if (std::optional<Error> denied = checkAdmin(actorId(client), u"terminal.pending"_s))
                return reply.fail(toProtocol(*denied));
            reply.ok(QJsonObject { { u"requests"_s, pending() } });
        });
    dispatcher.add(u"terminal.approve"_s, approvals,
        [this, actorId](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"terminal.approve"_s);
            const std::optional<qint64> id = p.integer(u"id"_s, 1, MAX_ID, true);
            if (p.rejected(reply))
                return;
            answer(reply, approve(*id, actorId(client)));
        });
    dispatcher.add(u"terminal.deny"_s, approvals,
        [this, actorId](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"terminal.deny"_s);
            const std::optional<qint64> id = p.integer(u"id"_s, 1, MAX_ID, true);
            const std::optional<QString> reason = p.string(u"reason"_s, 500);
            if (p.rejected(reply))
                return;
            answer(reply, deny(*id, actorId(client), reason.value_or(QString())));
        });
    dispatcher.add(u"terminal.jobs"_s, admin,
        [this, actorId](const ClientSession &client, const QJsonObject &, const Reply &reply) {
            if (std::optional<Error> denied = checkAdmin(actorId(client), u"terminal.jobs"_s))
                return reply.fail(toProtocol(*denied));
            reply.ok(QJsonObject {
                { u"jobs"_s, jobs() }, { u"running"_s, runningCount() }, { u"maxJobs"_s, m_settings.maxJobs } });
        });
    dispatcher.add(u"terminal.output"_s, admin,
        [this, actorId](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"terminal.output"_s);
            const std::optional<qint64> id = p.integer(u"id"_s, 1, MAX_ID, true);
            const std::optional<qint64> offset = p.integer(u"offset"_s, 0, MAX_ID);
            const std::optional<qint64> maxBytes = p.integer(u"maxBytes"_s, 1, MAX_READ);
            if (p.rejected(reply))
                return;
            answer(reply, output(*id, actorId(client), offset.value_or(0), maxBytes.value_or(DEFAULT_READ)));
        });
    dispatcher.add(u"terminal.kill"_s, admin,
        [this, actorId](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"terminal.kill"_s);
            const std::optional<qint64> id = p.integer(u"id"_s, 1, MAX_ID, true);
            if (p.rejected(reply))
                return;
            answer(reply, kill(*id, actorId(client)));
        });
}

void Manager::registerTools(Agent::ToolRegistry &tools)
{
    using Agent::ToolContext;
    using Agent::ToolResult;
    if (!m_settings.enabled)
        return; // not offered at all
    tools.add({ u"terminal_run"_s,
                  u"Run a shell command on the gateway's machine (admins only). It starts at once when the admin's "
                  "allowlist pre-approves it, otherwise it waits for an admin to approve it. Returns a job id; read "
                  "its state and output with terminal_status."_s,
                  QJsonObject { { u"type"_s, u"object"_s },
                      { u"properties"_s,
                          QJsonObject { { u"command"_s,
                                            QJsonObject { { u"type"_s, u"string"_s },
                                                { u"description"_s, u"the command for /bin/sh -c"_s } } },
                              { u"cwd"_s,
                                  QJsonObject { { u"type"_s, u"string"_s },
                                      { u"description"_s, u"absolute working directory (default: home)"_s } } } } },
                      { u"required"_s, QJsonArray { u"command"_s } } } },
        [this](const QJsonObject &arguments, const ToolContext &context) -> ToolResult {
            const QJsonValue command = arguments.value(u"command"_s);
            if (!command.isString())
                return { u"terminal_run needs a command (a string)"_s, true };
            const Result<QJsonObject> result = submit(Requester { context.userId, u"tool"_s, context.sessionKey },
                command.toString(), arguments.value(u"cwd"_s).toString(), false);
            if (!result)
                return { result.error().message, true };
            const qint64 id = result->value(u"id"_s).toInteger();
            if (result->value(u"state"_s).toString() == u"pending")
                return { u"request %1 is waiting for an admin's approval (it expires in %2 s); check it with "
                         "terminal_status {\"id\": %1}"_s.arg(id)
                             .arg(m_settings.approvalTimeoutS),
                    false };
            return { u"job %1 is running; read its state and output with terminal_status {\"id\": %1}"_s.arg(id),
                false };
        });
    tools.add({ u"terminal_status"_s,
                  u"The state of a terminal job or request (pending, running, exited with its code, killed, "
                  "timed_out, denied or expired) and its newest output."_s,
                  QJsonObject { { u"type"_s, u"object"_s },
                      { u"properties"_s, QJsonObject { { u"id"_s, QJsonObject { { u"type"_s, u"integer"_s } } } } },
                      { u"required"_s, QJsonArray { u"id"_s } } } },
        [this](const QJsonObject &arguments, const ToolContext &context) -> ToolResult {
            const QJsonValue idValue = arguments.value(u"id"_s);
            if (!idValue.isDouble() || idValue.toDouble() < 1 || idValue.toDouble() > double(MAX_ID))
                return { u"terminal_status needs an id (a positive integer)"_s, true };
            const qint64 id = qint64(idValue.toDouble());
            const Result<QJsonObject> status = this->status(id, context.userId);
            if (!status) {
                if (status.error().code == u"NOT_FOUND")
                    return { u"no job or request %1 (it was denied, expired or is too old)"_s.arg(id), true };
                return { status.error().message, true };
            }
            const QString state = status->value(u"state"_s).toString();
            QString text = u"job %1: %2"_s.arg(id).arg(state);
            if (status->contains(u"exitCode"_s))
                text += u" (exit code %1)"_s.arg(status->value(u"exitCode"_s).toInteger());
            else if (status->contains(u"signal"_s))
                text += u" (signal %1)"_s.arg(status->value(u"signal"_s).toInteger());
            if (const PtyJob *p = process(id)) {
                const QByteArray tail = p->tail(TOOL_TAIL);
                text += u"\noutput (%1 bytes%2):\n"_s.arg(p->totalBytes())
                            .arg(p->totalBytes() > tail.size() ? u", the last %1 shown"_s.arg(tail.size()) : QString())
                    + QString::fromUtf8(tail);
            }
            return { text, false };
        });
}

} // namespace Gateway::Terminal
