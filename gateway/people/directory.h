// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QHash>
#include <QObject>
#include <QString>

#include "config/settings.h"
#include "core/result.h"
#include "people/memorystore.h"
#include "people/policy.h"
#include "people/user.h"

namespace Gateway::Storage
{
class Database;
}
namespace Gateway::Protocol
{
class Dispatcher;
struct ClientSession;
struct ProtocolError;
} // namespace Gateway::Protocol
namespace Gateway::Agent
{
class ToolRegistry;
}

namespace Gateway::People
{

class AuditLog;
class PersonaComposer;
class UserStore;

/// @brief What the prompt of one turn carries for its user (see PromptBuilder's layout).
struct TurnContext
{
    QString persona; ///< composed soul: base, role, channel, user overlays, preferences, safety
    QString userBlock; ///< profile and pinned memories: stable per user (the per-user cache tier)
    QString recalled; ///< memories relevant to this message: volatile, after the conversation
};

/// @brief People: the users, their identities and memories, the policy that decides what each
/// may do, the persona, and the audit trail. One per gateway; ready once storage is attached.
///
/// Everything that asks "who is this and may they?" comes here: the WebSocket handshake (tokens
/// → users), the dispatcher (every method), the agent runtime (tools, models, budgets, quiet
/// hours, slash commands) and, with the channels, every inbound message.
class Directory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Directory)

public:
    explicit Directory(const Config::Settings &settings, QObject *parent = nullptr);
    ~Directory() override;

    /// Opens the stores on the database and makes sure the owner exists.
    Status attachStorage(Storage::Database *database);
    bool isReady() const { return m_users != nullptr; }
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

    UserStore *users() const { return m_users.get(); }
    MemoryStore *memories() const { return m_memories.get(); }
    AuditLog *audit() const { return m_audit.get(); }
    Policy &policy() { return m_policy; }
    const PersonaComposer &persona() const { return *m_persona; }
    /// The admin behind the gateway token.
    QString ownerId() const { return m_ownerId; }
    std::optional<User> user(const QString &id) const;

    /// A personal access token's user (std::nullopt when unknown or not ready).
    std::optional<User> userForToken(const QString &token);
    /// The person behind a channel identity; unknown ones are created with people.default_role
    /// when `create` (the channel's access policy decides that).
    Result<User> resolveInbound(
        const QString &channel, const QString &externalId, const QString &displayName, bool create);

    /// The dispatcher's guard: the policy for `method` and this client; a denial is counted and
    /// audited, and returned as a FORBIDDEN error.
    std::optional<Protocol::ProtocolError> guard(const Protocol::ClientSession &client, const QString &method);
    /// FORBIDDEN error with the reason (and counts nothing).
    static Protocol::ProtocolError forbidden(const QString &reason);
    /// May `actor` act on data of `userId`? (own data, or admin). Counts and audits denials.
    bool mayAccessUser(const Actor &actor, const QString &userId, const QString &what);
    /// The acting user of a connection (the owner for the gateway token), with the role the
    /// user has now (a demotion applies to open connections at once; a deleted user acts as
    /// nobody).
    Actor actorOf(const Protocol::ClientSession &client) const;

    /// Checks before a turn is accepted: quiet hours, then the budget for `estimate` tokens.
    Decision admitTurn(const User &user, qint64 estimate);
    /// The prompt parts for one turn of `user` on `channel` about `message`.
    TurnContext turnContext(const User &user, const QString &channel, const QString &message) const;

    /// Slash commands handled without a model: /link [CODE], /remember TEXT, /forget TEXT|#ID,
    /// /memory [QUERY], /whoami. Returns the reply, or std::nullopt when `text` is not one.
    std::optional<QString> handleCommand(
        const User &user, const QString &channel, const QString &sessionKey, const QString &text);
    /// {name, description} of every slash command (commands.list).
    static QList<QPair<QString, QString>> commands();
    /// Whether text is one of these commands (they cost no tokens, so budgets do not stop them).
    static bool isCommand(const QString &text);

    /// Appends to the audit trail (failures are logged, never fatal).
    void record(const QString &actor, const QString &action, const QString &target,
        const QString &outcome = QStringLiteral("ok"), const QJsonObject &detail = {});

    /// users.*, identities.*, memory.*, audit.*
    void registerMethods(Protocol::Dispatcher &dispatcher);
    /// memory_save, memory_search, memory_forget
    void registerTools(Agent::ToolRegistry &tools);

Q_SIGNALS:
    /// A user's personal tokens were revoked or the user was deleted: close their connections.
    void accessRevoked(const QString &userId);

private:
    void denyAudited(const Actor &actor, const QString &kind, const QString &target, const QString &reason);

    const Config::Settings &m_settings;
    std::function<qint64()> m_clock;
    Storage::Database *m_db = nullptr;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<MemoryStore> m_memories;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<PersonaComposer> m_persona;
    Policy m_policy;
    QString m_ownerId;
    /// Last audit time of a denial per (actor, target): a client hammering a forbidden method
    /// is counted every time but audited at most every 10 s.
    QHash<QString, qint64> m_lastDenialAudit;
    /// Pinned memories per user, valid while MemoryStore::generation() is unchanged.
    struct PinnedCache
    {
        quint64 generation = 0;
        QList<Memory> memories;
        int total = 0;
    };
    mutable QHash<QString, PinnedCache> m_pinned;
};

} // namespace Gateway::People
