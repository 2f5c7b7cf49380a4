// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The protocol methods (skills.*) and the model's tools (skill_load, skill_run) of the skills
// subsystem. The dispatcher's guard has already applied the role table (people/policy.cpp);
// the handlers validate every parameter strictly.
#include <QJsonArray>

#include "protocol/params.h"
#include "agent/toolregistry.h"
#include "logging.h"
#include "people/directory.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "skills/skillmanager.h"

using namespace Qt::StringLiterals;
using Gateway::Protocol::ClientSession;
using Gateway::Protocol::ProtocolError;
using Gateway::Protocol::Reply;

namespace Gateway::Skills
{

namespace
{

constexpr int MAX_PATH = 4096;

ProtocolError fromError(const Error &error)
{
    if (error.code == u"FORBIDDEN")
        return People::Directory::forbidden(error.message);
    if (error.code == u"STORAGE_ERROR" || error.code == u"UNAVAILABLE") {
        qCWarning(lcGatewaySkills).noquote() << error.message;
        return ProtocolError { Protocol::Code::Unavailable.toString(),
            error.code == u"UNAVAILABLE" ? error.message : u"storage error"_s, {}, true, 1000 };
    }
    return ProtocolError::invalidRequest(error.message, error.code);
}

using Protocol::Params;

} // namespace

void SkillManager::registerMethods(Protocol::Dispatcher &dispatcher)
{
    const QString read = Protocol::Scope::Read.toString();
    const QString admin = Protocol::Scope::Admin.toString();
    const auto actorOf = [this](const ClientSession &client) {
        return m_people ? m_people->actorOf(client) : People::Actor { u"owner"_s, People::Role::Admin, u"operator"_s };
    };
    const auto ready = [this](const Reply &reply) {
        if (m_registry)
            return true;
        reply.fail(
            ProtocolError { Protocol::Code::Unavailable.toString(), u"storage is not ready yet"_s, {}, true, 1000 });
        return false;
    };

    // Admins see every skill with its folder and manifest; others only enabled skills.
    dispatcher.add(u"skills.list"_s, read,
        [this, actorOf, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"skills.list"_s, { u"state"_s });
            const auto state = p.string(u"state"_s, 16, false);
            if (state && *state != u"pending" && *state != u"enabled" && *state != u"disabled")
                p.fail(u"state must be pending, enabled or disabled"_s);
            if (p.rejected(reply) || !ready(reply))
                return;
            const bool isAdmin = actorOf(client).role == People::Role::Admin;
            QJsonArray skills;
            for (const SkillRecord &r : m_registry->list(!isAdmin)) {
                if (!state || r.state == *state)
                    skills.append(r.toJson(isAdmin));
            }
            reply.ok(QJsonObject { { u"skills"_s, skills }, { u"folder"_s, isAdmin ? m_folder : QString() } });
        });

    dispatcher.add(u"skills.search"_s, read,
        [this, actorOf, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"skills.search"_s, { u"query"_s, u"limit"_s });
            const auto query = p.string(u"query"_s, 512, true);
            const auto limit = p.integer(u"limit"_s, 1, 100);
            if (p.rejected(reply) || !ready(reply))
                return;
            const bool isAdmin = actorOf(client).role == People::Role::Admin;
            QJsonArray skills;
            for (const SkillRecord &r : m_registry->search(*query, int(limit.value_or(10)), !isAdmin))
                skills.append(r.toJson(isAdmin));
            reply.ok(QJsonObject { { u"skills"_s, skills } });
        });

    dispatcher.add(u"skills.install"_s, admin,
        [this, actorOf, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"skills.install"_s, { u"path"_s });
            const auto path = p.string(u"path"_s, MAX_PATH, true);
            if (p.rejected(reply) || !ready(reply))
                return;
            Result<QJsonObject> installed = install(*path, actorOf(client).userId);
            if (!installed) {
                reply.fail(fromError(installed.error()));
                return;
            }
            reply.ok(*installed);
        });

    dispatcher.add(u"skills.enable"_s, admin,
        [this, actorOf, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"skills.enable"_s,
                { u"name"_s, u"capabilities"_s, u"allowUnsigned"_s, u"installRequirements"_s });
            const auto name = p.string(u"name"_s, 64, true);
            Approval approval;
            approval.capabilities = p.strings(u"capabilities"_s, 8, 16);
            for (const QString &cap : std::as_const(approval.capabilities)) {
                if (!ManifestParser::knownCapabilities().contains(cap))
                    p.fail(u"capabilities must be network, exec or files"_s);
            }
            approval.allowUnsigned = p.boolean(u"allowUnsigned"_s).value_or(false);
            approval.installRequirements = p.boolean(u"installRequirements"_s).value_or(false);
            if (p.rejected(reply) || !ready(reply))
                return;
            Result<SkillRecord> enabled = enable(*name, approval, actorOf(client).userId);
            if (!enabled) {
                reply.fail(fromError(enabled.error()));
                return;
            }
            reply.ok(QJsonObject { { u"skill"_s, enabled->toJson(true) } });
        });

    dispatcher.add(u"skills.disable"_s, admin,
        [this, actorOf, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"skills.disable"_s, { u"name"_s, u"reason"_s });
            const auto name = p.string(u"name"_s, 64, true);
            const auto reason = p.string(u"reason"_s, 200, false);
            if (p.rejected(reply) || !ready(reply))
                return;
            Result<SkillRecord> disabled = disable(*name, reason.value_or(QString()), actorOf(client).userId);
            if (!disabled) {
                reply.fail(fromError(disabled.error()));
                return;
            }
            reply.ok(QJsonObject { { u"skill"_s, disabled->toJson(true) } });
        });

    dispatcher.add(u"skills.remove"_s, admin,
        [this, actorOf, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"skills.remove"_s, { u"name"_s });
            const auto name = p.string(u"name"_s, 64, true);
            if (p.rejected(reply) || !ready(reply))
                return;
            if (Status s = remove(*name, actorOf(client).userId); !s) {
                reply.fail(fromError(s.error()));
                return;
            }
            reply.ok(QJsonObject { { u"ok"_s, true }, { u"name"_s, *name } });
        });
}

void SkillManager::registerTools(Agent::ToolRegistry &tools)
{
    using Agent::ToolContext;
    using Agent::ToolResult;
    const auto stringProperty = [](const QString &description) {
        return QJsonObject { { u"type"_s, u"string"_s }, { u"description"_s, description } };
    };
    tools.add(
        { u"skill_load"_s,
            u"Load the full instructions of an installed skill by name, or find skills for a task with a query."_s,
            QJsonObject { { u"type"_s, u"object"_s },
                { u"properties"_s,
                    QJsonObject { { u"name"_s, stringProperty(u"the skill's name"_s) },
                        { u"query"_s, stringProperty(u"what the skill should do"_s) } } } } },
        [this](const QJsonObject &arguments, const ToolContext &) -> ToolResult {
            if (!m_registry)
                return { u"skills are not available yet"_s, true };
            const QString name = arguments.value(u"name"_s).toString().left(64);
            if (!name.isEmpty()) {
                Result<QString> body = load(name);
                if (!body)
                    return { body.error().message, true };
                return { *body, false };
            }
            const QString query = arguments.value(u"query"_s).toString().left(512);
            if (query.trimmed().isEmpty())
                return { u"give a skill name or a query"_s, true };
            QStringList lines;
            for (const SkillRecord &r : match(query, 5))
                lines.append(r.name() + u": "_s + r.manifest.description);
            return { lines.isEmpty() ? u"no enabled skill matches"_s : lines.join(u'\n'), false };
        });
    tools.add(
        { u"skill_run"_s,
            u"Run one of an enabled skill's scripts in the sandbox (as its instructions describe) and get "
            "its exit code and output."_s,
            QJsonObject { { u"type"_s, u"object"_s },
                { u"properties"_s,
                    QJsonObject { { u"name"_s, stringProperty(u"the skill's name"_s) },
                        { u"script"_s, stringProperty(u"the script's path inside the skill, e.g. scripts/run.sh"_s) },
                        { u"args"_s,
                            QJsonObject { { u"type"_s, u"array"_s },
                                { u"items"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } } },
                { u"required"_s, QJsonArray { u"name"_s, u"script"_s } } } },
        [this](const QJsonObject &arguments, const ToolContext &context) -> ToolResult {
            if (!m_registry)
                return { u"skills are not available yet"_s, true };
            QStringList args;
            const QJsonValue rawArgs = arguments.value(u"args"_s);
            if (!rawArgs.isUndefined() && !rawArgs.isNull() && !rawArgs.isArray())
                return { u"args must be an array of strings"_s, true };
            for (const QJsonValue &v : rawArgs.toArray()) {
                if (!v.isString())
                    return { u"args must be an array of strings"_s, true };
                args.append(v.toString());
            }
            const QString actor
                = context.userId.isEmpty() ? (m_people ? m_people->ownerId() : QString()) : context.userId;
            Result<SandboxResult> ran = run(arguments.value(u"name"_s).toString().left(64),
                arguments.value(u"script"_s).toString().left(256), args, actor);
            if (!ran)
                return { ran.error().message, true };
            QString text = u"exit code %1"_s.arg(ran->exitCode);
            if (ran->timedOut)
                text += u" (killed: time limit)"_s;
            if (ran->outputExceeded)
                text += u" (killed: too much output)"_s;
            text += u"\n--- stdout ---\n"_s + QString::fromUtf8(ran->standardOutput) + u"\n--- stderr ---\n"_s
                + QString::fromUtf8(ran->standardError);
            return { text, ran->exitCode != 0 };
        });
}

} // namespace Gateway::Skills
