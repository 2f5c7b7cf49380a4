// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The protocol methods of the people subsystem: users.*, identities.*, memory.*, audit.*.
// The dispatcher's guard has already applied the role table; these handlers check ownership of
// the data they touch ("own" cells) and validate every parameter.
#include <QJsonArray>
#include <QTimeZone>

#include "protocol/params.h"
#include "logging.h"
#include "people/auditlog.h"
#include "people/directory.h"
#include "people/memorystore.h"
#include "people/userstore.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Protocol::ClientSession;
using Gateway::Protocol::ProtocolError;
using Gateway::Protocol::Reply;

namespace Gateway::People
{

namespace
{

constexpr int MAX_ID = 64;
constexpr int MAX_TEXT = 4096;

ProtocolError storageNotReady()
{
    return ProtocolError { Protocol::Code::Unavailable.toString(), u"storage is not ready yet"_s, {}, true, 1000 };
}

ProtocolError fromError(const Error &error)
{
    if (error.code == u"FORBIDDEN")
        return Directory::forbidden(error.message);
    if (error.code == u"STORAGE_ERROR") {
        qCWarning(lcGatewayStorage).noquote() << error.message;
        return ProtocolError { Protocol::Code::Unavailable.toString(), u"storage error"_s, {}, true, 1000 };
    }
    return ProtocolError::invalidRequest(error.message, error.code);
}

using Protocol::Params;

std::optional<QStringList> nameList(const QJsonValue &value, const QString &key, Params &p)
{
    if (value.isNull())
        return std::nullopt;
    if (!value.isArray()) {
        p.fail(u"%1 must be an array of strings or null"_s.arg(key));
        return std::nullopt;
    }
    QStringList list;
    for (const QJsonValue &v : value.toArray()) {
        if (!v.isString() || v.toString().isEmpty() || v.toString().size() > 128) {
            p.fail(u"%1 must hold non-empty strings of at most 128 characters"_s.arg(key));
            return std::nullopt;
        }
        list.append(v.toString());
    }
    if (list.size() > 100)
        p.fail(u"%1 holds more than 100 entries"_s.arg(key));
    return list;
}

} // namespace

void Directory::registerMethods(Protocol::Dispatcher &dispatcher)
{
    const QString read = Protocol::Scope::Read.toString();
    const QString write = Protocol::Scope::Write.toString();
    const QString admin = Protocol::Scope::Admin.toString();

    // The user a call is about: params.userId, or the caller. Answers and returns "" when the
    // caller may not touch that user's data or the user does not exist.
    const auto subject = [this](const ClientSession &client, Params &p, const Reply &reply, const QString &method) {
        const std::optional<QString> requested = p.string(u"userId"_s, MAX_ID);
        if (p.rejected(reply))
            return QString();
        if (!m_users) {
            reply.fail(storageNotReady());
            return QString();
        }
        const QString id = requested.value_or(actorOf(client).userId);
        if (!mayAccessUser(actorOf(client), id, method)) {
            reply.fail(forbidden(u"you may only access your own data"_s));
            return QString();
        }
        if (!m_users->get(id)) {
            reply.fail(ProtocolError::invalidRequest(u"unknown user: "_s + id.left(MAX_ID), u"NOT_FOUND"_s));
            return QString();
        }
        return id;
    };
    const auto ready = [this](const Reply &reply) {
        if (m_users)
            return true;
        reply.fail(storageNotReady());
        return false;
    };

    dispatcher.add(
        u"users.list"_s, admin, [this, ready](const ClientSession &, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"users.list"_s);
            const auto limit = p.integer(u"limit"_s, 1, 1000);
            const auto offset = p.integer(u"offset"_s, 0, 1'000'000);
            const auto search = p.string(u"search"_s, 128);
            if (p.rejected(reply) || !ready(reply))
                return;
            int total = 0;
            QJsonArray users;
            for (const User &user :
                m_users->list(int(limit.value_or(100)), int(offset.value_or(0)), search.value_or(QString()), &total)) {
                QJsonObject o = user.toJson();
                o.insert(u"identities"_s, int(m_users->identities(user.id).size()));
                users.append(o);
            }
            reply.ok(QJsonObject { { u"users"_s, users }, { u"total"_s, total }, { u"ownerId"_s, m_ownerId } });
        });

    dispatcher.add(u"users.get"_s, read,
        [this, subject](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"users.get"_s);
            const QString id = subject(client, p, reply, u"users.get"_s);
            if (id.isEmpty())
                return;
            const User user = *m_users->get(id);
            QJsonArray identities;
            for (const Identity &identity : m_users->identities(id))
                identities.append(identity.toJson());
            const qint64 used = m_users->tokensUsedToday(user, m_clock());
            reply.ok(QJsonObject { { u"user"_s, user.toJson() }, { u"identities"_s, identities },
                { u"memories"_s, m_memories->count(id) }, { u"isOwner"_s, id == m_ownerId },
                { u"usage"_s,
                    QJsonObject { { u"tokensToday"_s, used }, { u"dailyTokenBudget"_s, user.dailyTokenBudget },
                        { u"remaining"_s,
                            user.dailyTokenBudget > 0 ? QJsonValue(qMax<qint64>(0, user.dailyTokenBudget - used))
                                                      : QJsonValue(QJsonValue::Null) },
                        { u"resetsAt"_s, UserStore::startOfDay(user.timezone, m_clock()) + 24 * 3600 * 1000 } } } });
        });

    dispatcher.add(u"users.create"_s, admin,
        [this, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"users.create"_s);
            const auto name = p.string(u"displayName"_s, UserStore::MAX_NAME_CHARS, true);
            const auto roleText = p.string(u"role"_s, 16);
            if (p.rejected(reply) || !ready(reply))
                return;
            const std::optional<Role> role = roleFromName(roleText.value_or(u"user"_s));
            if (!role) {
                reply.fail(
                    ProtocolError::invalidRequest(u"invalid users.create params: role must be admin, user or child"_s));
                return;
            }
            Result<User> user = m_users->create(*name, *role, m_clock());
            if (!user) {
                reply.fail(fromError(user.error()));
                return;
            }
            record(actorOf(client).userId, u"users.create"_s, user->id, u"ok"_s,
                QJsonObject { { u"role"_s, roleName(*role) } });
            reply.ok(QJsonObject { { u"user"_s, user->toJson() } });
        });

    dispatcher.add(u"users.update"_s, write,
        [this, subject](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"users.update"_s);
            const QString id = subject(client, p, reply, u"users.update"_s);
            if (id.isEmpty())
                return;
            const Actor actor = actorOf(client);
            User user = *m_users->get(id);
            const auto name = p.string(u"displayName"_s, UserStore::MAX_NAME_CHARS);
            const auto language = p.string(u"language"_s, 35);
            const auto timezone = p.string(u"timezone"_s, 64);
            const auto roleText = p.string(u"role"_s, 16);
            const auto budget = p.integer(u"dailyTokenBudget"_s, 0, 1'000'000'000'000LL);
            const auto quiet = p.string(u"quietHours"_s, 11);
            const QJsonValue profile = p.value(u"profile"_s);
            if (p.has(u"profile"_s) && !profile.isObject())
                p.fail(u"profile must be an object of strings"_s);
            const QJsonObject profileFields = profile.toObject();
            for (auto it = profileFields.constBegin(); it != profileFields.constEnd(); ++it) {
                if (!it.value().isString() || it.key().size() > 64 || it.value().toString().size() > 1024)
                    p.fail(u"profile fields must be strings (keys ≤ 64, values ≤ 1024 characters)"_s);
            }
            std::optional<QStringList> tools = user.allowedTools;
            std::optional<QStringList> models = user.allowedModels;
            if (p.has(u"allowedTools"_s))
                tools = nameList(p.value(u"allowedTools"_s), u"allowedTools"_s, p);
            if (p.has(u"allowedModels"_s))
                models = nameList(p.value(u"allowedModels"_s), u"allowedModels"_s, p);
            if (p.rejected(reply))
                return;
            // Role, budget, allowlists and quiet hours are the admin's to set, never the user's own.
            const bool restricted
                = roleText || budget || quiet || p.has(u"allowedTools"_s) || p.has(u"allowedModels"_s);
            if (restricted && actor.role != Role::Admin) {
                m_policy.countDenial(u"data"_s);
                record(actorOf(client).userId, u"policy.deny"_s, u"users.update"_s, u"denied"_s,
                    QJsonObject { { u"kind"_s, u"restricted_field"_s } });
                reply.fail(
                    forbidden(u"only an admin may change roles, budgets, allowed tools and models, or quiet hours"_s));
                return;
            }
            if (roleText) {
                const std::optional<Role> role = roleFromName(*roleText);
                if (!role) {
                    reply.fail(ProtocolError::invalidRequest(
                        u"invalid users.update params: role must be admin, user or child"_s));
                    return;
                }
                if (id == m_ownerId && *role != Role::Admin) {
                    reply.fail(ProtocolError::invalidRequest(u"the owner stays an admin"_s, u"OWNER_ROLE"_s));
                    return;
                }
                user.role = *role;
            }
            if (timezone) {
                if (!QTimeZone(timezone->toUtf8()).isValid()) {
                    reply.fail(ProtocolError::invalidRequest(u"unknown time zone: "_s + timezone->left(64)));
                    return;
                }
                user.timezone = *timezone;
            }
            if (quiet) {
                if (!quiet->isEmpty() && !Policy::isValidQuietHours(*quiet)) {
                    reply.fail(ProtocolError::invalidRequest(u"quietHours must be \"HH:MM-HH:MM\" or \"\""_s));
                    return;
                }
                user.quietHours = *quiet;
            }
            if (name) {
                if (name->trimmed().isEmpty()) {
                    reply.fail(ProtocolError::invalidRequest(u"displayName must not be empty"_s));
                    return;
                }
                user.displayName = name->trimmed();
            }
            if (language)
                user.language = *language;
            if (budget)
                user.dailyTokenBudget = *budget;
            if (p.has(u"profile"_s))
                user.profile = profile.toObject();
            user.allowedTools = tools;
            user.allowedModels = models;
            if (Status s = m_users->update(user); !s) {
                reply.fail(fromError(s.error()));
                return;
            }
            QJsonArray fields;
            for (const QString &key : params.keys()) {
                if (key != u"userId")
                    fields.append(key);
            }
            record(actorOf(client).userId, u"users.update"_s, id, u"ok"_s, QJsonObject { { u"fields"_s, fields } });
            reply.ok(QJsonObject { { u"user"_s, m_users->get(id)->toJson() } });
        });

    dispatcher.add(u"users.delete"_s, admin,
        [this, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"users.delete"_s);
            const auto id = p.string(u"userId"_s, MAX_ID, true);
            if (p.rejected(reply) || !ready(reply))
                return;
            if (*id == m_ownerId) {
                reply.fail(ProtocolError::invalidRequest(u"the owner cannot be deleted"_s, u"OWNER"_s));
                return;
            }
            if (Status s = m_users->erase(*id); !s) {
                reply.fail(fromError(s.error()));
                return;
            }
            record(actorOf(client).userId, u"users.delete"_s, *id);
            Q_EMIT accessRevoked(*id);
            reply.ok(QJsonObject { { u"ok"_s, true }, { u"userId"_s, *id } });
        });

    dispatcher.add(u"users.export"_s, read,
        [this, subject](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"users.export"_s);
            const QString id = subject(client, p, reply, u"users.export"_s);
            if (id.isEmpty())
                return;
            Result<QJsonObject> exported = m_users->exportUser(id);
            if (!exported) {
                reply.fail(fromError(exported.error()));
                return;
            }
            record(actorOf(client).userId, u"users.export"_s, id);
            reply.ok(*exported);
        });

    dispatcher.add(u"users.token"_s, admin,
        [this, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"users.token"_s);
            const auto id = p.string(u"userId"_s, MAX_ID, true);
            const auto label = p.string(u"label"_s, 128);
            const bool revoke = p.value(u"revoke"_s).toBool();
            if (p.rejected(reply) || !ready(reply))
                return;
            if (revoke) {
                const int n = m_users->revokeTokens(*id);
                record(
                    actorOf(client).userId, u"users.token.revoke"_s, *id, u"ok"_s, QJsonObject { { u"count"_s, n } });
                Q_EMIT accessRevoked(*id);
                reply.ok(QJsonObject { { u"revoked"_s, n } });
                return;
            }
            Result<QString> token = m_users->issueToken(*id, label.value_or(QString()), m_clock());
            if (!token) {
                reply.fail(fromError(token.error()));
                return;
            }
            record(actorOf(client).userId, u"users.token"_s, *id);
            // Shown once; only its hash is stored.
            reply.ok(QJsonObject { { u"userId"_s, *id }, { u"token"_s, *token } });
        });

    dispatcher.add(u"identities.link"_s, admin,
        [this, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"identities.link"_s);
            const auto id = p.string(u"userId"_s, MAX_ID, true);
            const auto channel = p.string(u"channel"_s, 64, true);
            const auto external = p.string(u"externalId"_s, 256, true);
            if (p.rejected(reply) || !ready(reply))
                return;
            Result<LinkOutcome> linked = m_users->link(*id, *channel, *external, m_clock());
            if (!linked) {
                reply.fail(fromError(linked.error()));
                return;
            }
            record(actorOf(client).userId, u"identity.link"_s, *id, u"ok"_s,
                QJsonObject { { u"channel"_s, *channel }, { u"identity"_s, AuditLog::pseudonym(*external) },
                    { u"merged"_s, linked->mergedUserId }, { u"by"_s, u"admin"_s } });
            reply.ok(QJsonObject { { u"user"_s, linked->user.toJson() }, { u"mergedUserId"_s, linked->mergedUserId },
                { u"alreadyLinked"_s, linked->alreadyLinked } });
        });

    dispatcher.add(u"identities.unlink"_s, admin,
        [this, ready](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"identities.unlink"_s);
            const auto channel = p.string(u"channel"_s, 64, true);
            const auto external = p.string(u"externalId"_s, 256, true);
            if (p.rejected(reply) || !ready(reply))
                return;
            Result<User> fresh = m_users->unlink(*channel, *external, m_clock());
            if (!fresh) {
                reply.fail(fromError(fresh.error()));
                return;
            }
            record(actorOf(client).userId, u"identity.unlink"_s, fresh->id, u"ok"_s,
                QJsonObject { { u"channel"_s, *channel }, { u"identity"_s, AuditLog::pseudonym(*external) } });
            reply.ok(QJsonObject { { u"user"_s, fresh->toJson() } });
        });

    dispatcher.add(u"identities.code"_s, write,
        [this, subject](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"identities.code"_s);
            const QString id = subject(client, p, reply, u"identities.code"_s);
            if (id.isEmpty())
                return;
            Result<QString> code = m_users->issueLinkCode(id, u"operator"_s, m_clock());
            if (!code) {
                reply.fail(fromError(code.error()));
                return;
            }
            record(actorOf(client).userId, u"identity.code"_s, id);
            reply.ok(QJsonObject { { u"code"_s, *code }, { u"expiresAt"_s, m_clock() + UserStore::LINK_CODE_TTL_MS },
                { u"howTo"_s, u"send \"/link %1\" from the account to link within 10 minutes"_s.arg(*code) } });
        });

    dispatcher.add(u"memory.list"_s, read,
        [this, subject](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"memory.list"_s);
            const auto kind = p.string(u"kind"_s, 16);
            const auto limit = p.integer(u"limit"_s, 1, 500);
            const auto offset = p.integer(u"offset"_s, 0, 1'000'000);
            if (kind && !MemoryStore::isValidKind(*kind))
                p.fail(u"kind must be fact, preference, note or summary"_s);
            if (p.rejected(reply))
                return;
            const QString id = subject(client, p, reply, u"memory.list"_s);
            if (id.isEmpty())
                return;
            QJsonArray memories;
            for (const Memory &m :
                m_memories->list(id, kind.value_or(QString()), int(limit.value_or(100)), int(offset.value_or(0))))
                memories.append(m.toJson());
            reply.ok(QJsonObject {
                { u"userId"_s, id }, { u"memories"_s, memories }, { u"total"_s, m_memories->count(id) } });
        });

    dispatcher.add(u"memory.search"_s, read,
        [this, subject](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"memory.search"_s);
            const auto query = p.string(u"query"_s, 1024, true);
            const auto limit = p.integer(u"limit"_s, 1, 100);
            if (p.rejected(reply))
                return;
            const QString id = subject(client, p, reply, u"memory.search"_s);
            if (id.isEmpty())
                return;
            QJsonArray memories;
            for (const Memory &m : m_memories->search(id, *query, int(limit.value_or(10))))
                memories.append(m.toJson());
            reply.ok(QJsonObject { { u"userId"_s, id }, { u"memories"_s, memories } });
        });

    dispatcher.add(u"memory.add"_s, write,
        [this, subject](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"memory.add"_s);
            const auto content = p.string(u"content"_s, MAX_TEXT, true);
            const auto kind = p.string(u"kind"_s, 16);
            if (p.rejected(reply))
                return;
            const QString id = subject(client, p, reply, u"memory.add"_s);
            if (id.isEmpty())
                return;
            Result<Memory> saved
                = m_memories->add(id, kind.value_or(u"fact"_s), *content, u"operator"_s, QString(), m_clock());
            if (!saved) {
                reply.fail(fromError(saved.error()));
                return;
            }
            reply.ok(QJsonObject { { u"memory"_s, saved->toJson() } });
        });

    dispatcher.add(u"memory.delete"_s, write,
        [this, subject](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"memory.delete"_s);
            const auto memoryId = p.integer(u"id"_s, 1, std::numeric_limits<qint64>::max() / 2, true);
            if (p.rejected(reply))
                return;
            const QString id = subject(client, p, reply, u"memory.delete"_s);
            if (id.isEmpty())
                return;
            if (Status s = m_memories->remove(id, *memoryId); !s) {
                reply.fail(fromError(s.error()));
                return;
            }
            reply.ok(QJsonObject { { u"ok"_s, true }, { u"id"_s, *memoryId } });
        });

    dispatcher.add(
        u"audit.list"_s, admin, [this, ready](const ClientSession &, const QJsonObject &params, const Reply &reply) {
            Params p(params, u"audit.list"_s);
            const auto action = p.string(u"action"_s, 128);
            const auto limit = p.integer(u"limit"_s, 1, 1000);
            const auto before = p.integer(u"beforeId"_s, 1, std::numeric_limits<qint64>::max() / 2);
            if (p.rejected(reply) || !ready(reply))
                return;
            QJsonArray entries;
            for (const AuditEntry &e :
                m_audit->list(action.value_or(QString()), int(limit.value_or(100)), before.value_or(0)))
                entries.append(e.toJson());
            reply.ok(QJsonObject { { u"entries"_s, entries } });
        });

    dispatcher.add(
        u"audit.verify"_s, admin, [this, ready](const ClientSession &, const QJsonObject &, const Reply &reply) {
            if (!ready(reply))
                return;
            Result<qint64> broken = m_audit->verify();
            if (!broken) {
                reply.fail(fromError(broken.error()));
                return;
            }
            reply.ok(QJsonObject { { u"ok"_s, *broken == 0 },
                { u"brokenAt"_s, *broken == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(*broken) } });
        });
}

} // namespace Gateway::People
