// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "people/directory.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTimeZone>

#include "agent/toolregistry.h"
#include "logging.h"
#include "people/auditlog.h"
#include "people/memorystore.h"
#include "people/persona.h"
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

constexpr qint64 DENIAL_AUDIT_INTERVAL_MS = 10'000;
constexpr int MAX_DENIAL_KEYS = 4096;

/// Admin-only methods that change something and write no audit entry of their own: the guard
/// records each call ("admin.call", target = method). Reads (…list, …status, …get, audit.verify)
/// are not changes; the methods below record their own, more detailed entry.
const QSet<QString> SELF_AUDITED = { u"users.create"_s, u"users.delete"_s, u"users.token"_s, u"users.update"_s,
    u"users.export"_s, u"identities.link"_s, u"identities.unlink"_s, u"identities.code"_s, u"pairing.approve"_s,
    u"pairing.reject"_s };

bool isReadOnlyMethod(const QString &method)
{
    static const QStringList readSuffixes
        = { u".list"_s, u".status"_s, u".get"_s, u".verify"_s, u".search"_s, u".runs"_s, u".history"_s, u".wait"_s };
    static const QSet<QString> reads = { u"health"_s, u"status"_s, u"system-presence"_s };
    if (reads.contains(method))
        return true;
    for (const QString &suffix : readSuffixes) {
        if (method.endsWith(suffix))
            return true;
    }
    return false;
}

bool isAuditedAdminCall(const QString &method)
{
    if (SELF_AUDITED.contains(method) || isReadOnlyMethod(method))
        return false;
    const QList<MethodRule> &rules = Policy::methodRules();
    const auto it = std::find_if(rules.cbegin(), rules.cend(), [&](const MethodRule &r) { return r.method == method; });
    // Unclassified methods are admin-only (Policy::method).
    return it == rules.cend() || (it->user == Access::None && it->child == Access::None);
}

} // namespace

Directory::Directory(const Config::Settings &settings, QObject *parent)
    : QObject(parent),
      m_settings(settings),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_persona(std::make_unique<PersonaComposer>(
          settings.resolvePath(settings.agent.soul), settings.resolvePath(settings.agent.soulDir)))
{
}

Directory::~Directory() = default;

Status Directory::attachStorage(Storage::Database *database)
{
    m_db = database;
    auto users = std::make_unique<UserStore>(database);
    Result<User> owner = users->ensureOwner(m_settings.people.ownerName, m_clock());
    if (!owner)
        return owner.error();
    m_ownerId = owner->id;
    m_users = std::move(users);
    m_memories = std::make_unique<MemoryStore>(database);
    m_audit = std::make_unique<AuditLog>(database);
    return {};
}

std::optional<User> Directory::user(const QString &id) const
{
    return m_users ? m_users->get(id) : std::nullopt;
}

std::optional<User> Directory::userForToken(const QString &token)
{
    return m_users ? m_users->userForToken(token, m_clock()) : std::nullopt;
}

Result<User> Directory::resolveInbound(
    const QString &channel, const QString &externalId, const QString &displayName, bool create)
{
    if (!m_users)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    const Role role = roleFromName(m_settings.people.defaultRole).value_or(Role::User);
    const bool known = m_users->identity(channel, externalId).has_value();
    Result<User> user = m_users->resolve(channel, externalId, displayName, create, role, m_clock());
    if (user && !known)
        record(u"system"_s, u"users.create"_s, user->id, u"ok"_s,
            QJsonObject { { u"channel"_s, channel }, { u"identity"_s, AuditLog::pseudonym(externalId) },
                { u"role"_s, roleName(user->role) } });
    return user;
}

Actor Directory::actorOf(const ClientSession &client) const
{
    Actor actor;
    actor.channel = u"operator"_s;
    if (client.isOwner) {
        actor.userId = m_ownerId;
        actor.role = Role::Admin;
        return actor;
    }
    // The role as it is now, not as it was at the handshake.
    const std::optional<User> current = m_users ? m_users->get(client.userId) : std::nullopt;
    if (!current)
        return Actor {}; // deleted (or storage not open): nobody
    actor.userId = current->id;
    actor.role = current->role;
    return actor;
}

ProtocolError Directory::forbidden(const QString &reason)
{
    ProtocolError error { Protocol::Code::Forbidden.toString(), reason, {}, false, -1 };
    error.details = QJsonObject { { u"code"_s, u"POLICY_DENIED"_s } };
    return error;
}

void Directory::record(const QString &actor, const QString &action, const QString &target, const QString &outcome,
    const QJsonObject &detail)
{
    if (!m_audit)
        return;
    if (Status s = m_audit->append(m_clock(), actor, action, target, outcome, detail); !s)
        qCWarning(lcGatewayStorage).noquote() << s.error().message;
}

void Directory::denyAudited(const Actor &actor, const QString &kind, const QString &target, const QString &reason)
{
    qCInfo(lcGatewayProtocol).noquote() << "policy denied" << kind << target << "to" << actor.userId << ":" << reason;
    const QString key = actor.userId + u'\n' + kind + u'\n' + target;
    const qint64 now = m_clock();
    if (now - m_lastDenialAudit.value(key, std::numeric_limits<qint64>::min() / 2) < DENIAL_AUDIT_INTERVAL_MS)
        return;
    if (m_lastDenialAudit.size() >= MAX_DENIAL_KEYS)
        m_lastDenialAudit.clear();
    m_lastDenialAudit.insert(key, now);
    record(actor.userId.isEmpty() ? u"anonymous"_s : actor.userId, u"policy.deny"_s, target.left(128), u"denied"_s,
        QJsonObject { { u"kind"_s, kind }, { u"role"_s, roleName(actor.role) } });
}

std::optional<ProtocolError> Directory::guard(const ClientSession &client, const QString &method)
{
    Actor actor = actorOf(client);
    if (client.isOwner && actor.userId.isEmpty())
        actor.userId = u"owner"_s; // storage not open yet: the owner is still the owner
    const Decision decision = m_policy.method(actor, method);
    if (decision) {
        if (isAuditedAdminCall(method))
            record(actor.userId, u"admin.call"_s, method.left(128), u"ok"_s);
        return std::nullopt;
    }
    denyAudited(actor, u"method"_s, method, decision.reason);
    return forbidden(decision.reason);
}

bool Directory::mayAccessUser(const Actor &actor, const QString &userId, const QString &what)
{
    if (actor.role == Role::Admin || (actor.isAuthenticated() && actor.userId == userId))
        return true;
    m_policy.countDenial(u"data"_s);
    denyAudited(actor, u"data"_s, what, u"another user's data"_s);
    return false;
}

Decision Directory::admitTurn(const User &user, qint64 estimate)
{
    if (Decision quiet = m_policy.quietHours(user, m_clock()); !quiet) {
        record(user.id, u"policy.deny"_s, u"quiet_hours"_s, u"denied"_s);
        return quiet;
    }
    if (user.dailyTokenBudget > 0 && m_users) {
        const qint64 used = m_users->tokensUsedToday(user, m_clock());
        if (Decision budget = m_policy.budget(user, used, estimate); !budget) {
            Actor actor { user.id, user.role, QString() };
            denyAudited(actor, u"budget"_s, u"budget"_s, budget.reason);
            return budget;
        }
    }
    return Decision::allow();
}

TurnContext Directory::turnContext(const User &user, const QString &channel, const QString &message) const
{
    TurnContext context;
    // One read per user until any memory changes (every turn needs them; they change rarely).
    QList<Memory> pinned;
    int total = 0;
    if (m_memories) {
        const quint64 generation = MemoryStore::generation();
        auto it = m_pinned.find(user.id);
        if (it == m_pinned.end() || it->generation != generation) {
            if (m_pinned.size() >= 1024)
                m_pinned.clear();
            PinnedCache fresh { generation,
                m_settings.people.pinnedMemories > 0 ? m_memories->pinned(user.id, m_settings.people.pinnedMemories)
                                                     : QList<Memory>(),
                m_memories->count(user.id) };
            it = m_pinned.insert(user.id, fresh);
        }
        pinned = it->memories;
        total = it->total;
    }
    QStringList preferences;
    QStringList known;
    QSet<qint64> pinnedIds;
    for (const Memory &m : std::as_const(pinned)) {
        // Summaries of older turns reach a prompt by relevance only: pinning each new one would
        // rewrite the cached prefix every time a conversation is compacted.
        if (m.kind == u"summary")
            continue;
        pinnedIds.insert(m.id);
        if (m.kind == u"preference")
            preferences.append(m.content);
        else
            known.append(u"- "_s + m.content);
    }
    context.persona = m_persona->compose({ user.id, roleName(user.role), channel, preferences });

    // The per-user tier: changes only when the profile or the pinned memories change.
    QStringList lines { u"About the person you are talking with:"_s, u"- Name: "_s + user.displayName };
    if (!user.language.isEmpty())
        lines.append(u"- Preferred language: "_s + user.language);
    if (!user.timezone.isEmpty())
        lines.append(u"- Time zone: "_s + user.timezone);
    QStringList keys = user.profile.keys();
    keys.sort();
    for (const QString &key : std::as_const(keys)) {
        const QJsonValue value = user.profile.value(key);
        if (value.isString() && !value.toString().isEmpty())
            lines.append(u"- %1: %2"_s.arg(key, value.toString()));
    }
    if (!known.isEmpty()) {
        lines.append(u"What you remember about them (from any channel):"_s);
        lines += known;
    }
    context.userBlock = lines.join(u'\n');

    // Recall only when something beyond the pinned block could be found.
    if (m_memories && m_settings.people.recalledMemories > 0 && total > int(pinnedIds.size())
        && !message.trimmed().isEmpty()) {
        QStringList recalled;
        for (const Memory &m :
            m_memories->search(user.id, message, m_settings.people.recalledMemories + int(pinned.size()))) {
            if (pinnedIds.contains(m.id))
                continue;
            recalled.append(u"- "_s + m.content);
            if (recalled.size() >= m_settings.people.recalledMemories)
                break;
        }
        if (!recalled.isEmpty())
            context.recalled = u"Memories that may be relevant to this message:\n"_s + recalled.join(u'\n');
    }
    return context;
}

QList<QPair<QString, QString>> Directory::commands()
{
    return {
        { u"/forget"_s, u"Forget memories containing the words, or one memory by #id."_s },
        { u"/link"_s, u"Without a code: get a code to link another account. With a code: link this account."_s },
        { u"/memory"_s, u"List what I remember about you, or search it."_s },
        { u"/remember"_s, u"Remember a fact about you."_s },
        { u"/whoami"_s, u"Who I think you are: name, role, linked accounts, budget."_s },
    };
}

bool Directory::isCommand(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(u'/'))
        return false;
    const QString word = trimmed.section(u' ', 0, 0).toLower();
    for (const auto &command : commands()) {
        if (command.first == word)
            return true;
    }
    return false;
}

std::optional<QString> Directory::handleCommand(
    const User &user, const QString &channel, const QString &sessionKey, const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(u'/') || !m_users)
        return std::nullopt;
    const qsizetype space = trimmed.indexOf(u' ');
    const QString command = (space < 0 ? trimmed : trimmed.left(space)).toLower();
    const QString argument = space < 0 ? QString() : trimmed.mid(space + 1).trimmed();
    const qint64 now = m_clock();

    if (command == u"/link") {
        if (argument.isEmpty()) {
            Result<QString> code = m_users->issueLinkCode(user.id, channel, now);
            if (!code)
                return u"I could not create a link code: "_s + code.error().message;
            record(user.id, u"identity.code"_s, user.id, u"ok"_s, QJsonObject { { u"channel"_s, channel } });
            return u"Your link code is %1. Within 10 minutes, send \"/link %1\" from the other account you want "
                   "linked to this one. Do not share it with anyone."_s.arg(*code);
        }
        Result<LinkOutcome> linked = m_users->redeemLinkCode(argument, user.id, now);
        if (!linked) {
            record(user.id, u"identity.link"_s, user.id, u"failed"_s,
                QJsonObject { { u"channel"_s, channel }, { u"reason"_s, linked.error().code } });
            if (linked.error().code == u"FORBIDDEN")
                m_policy.countDenial(u"link"_s);
            return linked.error().message;
        }
        if (linked->alreadyLinked)
            return u"This account is already linked to %1."_s.arg(linked->user.displayName);
        record(user.id, u"identity.link"_s, linked->user.id, u"ok"_s,
            QJsonObject { { u"channel"_s, channel }, { u"merged"_s, linked->mergedUserId } });
        return u"Linked. This account now belongs to %1: the same memories and history on every linked channel."_s.arg(
            linked->user.displayName);
    }
    if (command == u"/remember") {
        if (argument.isEmpty())
            return u"Tell me what to remember, e.g. \"/remember my sister is called Ana\"."_s;
        Result<Memory> saved = m_memories->add(user.id, u"fact"_s, argument, channel, sessionKey, now);
        if (!saved)
            return u"I could not remember that: "_s + saved.error().message;
        return u"Remembered (#%1): %2"_s.arg(saved->id).arg(saved->content);
    }
    if (command == u"/forget") {
        if (argument.isEmpty())
            return u"Tell me what to forget: words it contains, or its number (\"/forget #12\")."_s;
        if (argument.startsWith(u'#')) {
            bool ok = false;
            const qint64 id = argument.mid(1).toLongLong(&ok);
            if (!ok || !m_memories->remove(user.id, id))
                return u"I have no memory #%1 of yours."_s.arg(argument.mid(1).left(20));
            return u"Forgotten: #%1."_s.arg(id);
        }
        Result<int> forgotten = m_memories->forget(user.id, argument);
        if (!forgotten)
            return forgotten.error().message;
        return *forgotten == 1 ? u"Forgot 1 memory."_s : u"Forgot %1 memories."_s.arg(*forgotten);
    }
    if (command == u"/memory") {
        const QList<Memory> found
            = argument.isEmpty() ? m_memories->list(user.id, {}, 20) : m_memories->search(user.id, argument, 20);
        if (found.isEmpty())
            return argument.isEmpty() ? u"I do not remember anything about you yet."_s
                                      : u"Nothing I remember matches that."_s;
        QStringList lines;
        for (const Memory &m : found)
            lines.append(u"#%1 (%2) %3"_s.arg(m.id).arg(m.kind, m.content));
        return lines.join(u'\n');
    }
    if (command == u"/whoami") {
        QStringList channels;
        for (const Identity &identity : m_users->identities(user.id))
            channels.append(identity.channel);
        channels.removeDuplicates();
        QString budget = u"no daily token budget"_s;
        if (user.dailyTokenBudget > 0)
            budget
                = u"%1 of %2 tokens used today"_s.arg(m_users->tokensUsedToday(user, now)).arg(user.dailyTokenBudget);
        return u"You are %1 (role %2), known on: %3; %4."_s.arg(user.displayName, roleName(user.role),
            channels.isEmpty() ? u"this connection"_s : channels.join(u", "_s), budget);
    }
    return std::nullopt;
}

void Directory::registerTools(Agent::ToolRegistry &tools)
{
    using Agent::ToolContext;
    using Agent::ToolResult;
    const auto userOf
        = [this](const ToolContext &context) { return context.userId.isEmpty() ? m_ownerId : context.userId; };
    tools.add(
        { u"memory_forget"_s, u"Forget memories about the user: those containing all the given words, or one by id."_s,
            QJsonObject { { u"type"_s, u"object"_s },
                { u"properties"_s,
                    QJsonObject { { u"query"_s,
                                      QJsonObject { { u"type"_s, u"string"_s },
                                          { u"description"_s, u"words the memories to forget contain"_s } } },
                        { u"id"_s, QJsonObject { { u"type"_s, u"integer"_s } } } } } } },
        [this, userOf](const QJsonObject &arguments, const ToolContext &context) -> ToolResult {
            if (!m_memories)
                return { u"memory is not available yet"_s, true };
            if (arguments.value(u"id"_s).isDouble()) {
                const qint64 id = arguments.value(u"id"_s).toInteger();
                if (!m_memories->remove(userOf(context), id))
                    return { u"no memory #%1"_s.arg(id), true };
                return { u"forgotten #%1"_s.arg(id), false };
            }
            Result<int> n = m_memories->forget(userOf(context), arguments.value(u"query"_s).toString());
            if (!n)
                return { n.error().message, true };
            return { u"forgot %1 memories"_s.arg(*n), false };
        });
    tools.add({ u"memory_save"_s,
                  u"Remember something about the user for all future conversations on every channel: a fact, a "
                  "preference (tone, language, interests) or a note. Save only what the user would want kept."_s,
                  QJsonObject { { u"type"_s, u"object"_s },
                      { u"properties"_s,
                          QJsonObject { { u"content"_s, QJsonObject { { u"type"_s, u"string"_s } } },
                              { u"kind"_s,
                                  QJsonObject { { u"type"_s, u"string"_s },
                                      { u"enum"_s, QJsonArray { u"fact"_s, u"preference"_s, u"note"_s } } } } } },
                      { u"required"_s, QJsonArray { u"content"_s } } } },
        [this, userOf](const QJsonObject &arguments, const ToolContext &context) -> ToolResult {
            if (!m_memories)
                return { u"memory is not available yet"_s, true };
            QString kind = arguments.value(u"kind"_s).toString(u"fact"_s);
            if (kind == u"summary")
                kind = u"note"_s;
            Result<Memory> saved = m_memories->add(userOf(context), kind, arguments.value(u"content"_s).toString(),
                context.channel, context.sessionKey, m_clock());
            if (!saved)
                return { saved.error().message, true };
            return { u"saved as memory #%1"_s.arg(saved->id), false };
        });
    tools.add({ u"memory_search"_s, u"Search what you remember about the user (from every channel) by words."_s,
                  QJsonObject { { u"type"_s, u"object"_s },
                      { u"properties"_s, QJsonObject { { u"query"_s, QJsonObject { { u"type"_s, u"string"_s } } } } },
                      { u"required"_s, QJsonArray { u"query"_s } } } },
        [this, userOf](const QJsonObject &arguments, const ToolContext &context) -> ToolResult {
            if (!m_memories)
                return { u"memory is not available yet"_s, true };
            const QList<Memory> found = m_memories->search(userOf(context), arguments.value(u"query"_s).toString(), 10);
            if (found.isEmpty())
                return { u"no matching memories"_s, false };
            QStringList lines;
            for (const Memory &m : found)
                lines.append(u"#%1 (%2) %3"_s.arg(m.id).arg(m.kind, m.content));
            return { lines.join(u'\n'), false };
        });
}

} // namespace Gateway::People
