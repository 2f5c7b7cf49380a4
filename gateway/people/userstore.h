// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "core/result.h"
#include "people/user.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::People
{

/// @brief The result of redeeming a link code.
struct LinkOutcome
{
    User user; ///< the user the identity now belongs to (the code's issuer)
    QString mergedUserId; ///< the user merged away ("" when the identity was new or already linked)
    bool alreadyLinked = false;
};

/// @brief Users, identities, access tokens and link codes in SQLite. Every multi-row change runs
/// in one transaction; merges move sessions (with their history), memories, identities and
/// tokens without loss or duplicates.
class UserStore final
{
public:
    static constexpr qint64 LINK_CODE_TTL_MS = 10 * 60 * 1000;
    /// Failed redemptions allowed per identity within LINK_CODE_TTL_MS, and in total.
    static constexpr int LINK_FAILURES_PER_SUBJECT = 5;
    static constexpr int LINK_FAILURES_TOTAL = 30;
    static constexpr int MAX_NAME_CHARS = 128;
    static constexpr int MAX_PROFILE_BYTES = 16 * 1024;

    explicit UserStore(Storage::Database *database);

    /// The admin behind the gateway token: identity ("operator", "owner"). Created on first use.
    Result<User> ensureOwner(const QString &displayName, qint64 nowMs);
    Result<User> create(const QString &displayName, Role role, qint64 nowMs);
    std::optional<User> get(const QString &id) const;
    /// Sorted by display name; search matches the name (case-insensitive substring).
    QList<User> list(int limit, int offset, const QString &search = {}, int *total = nullptr) const;
    /// Writes every field of the user except id and createdAt.
    Status update(const User &user);
    void touch(const QString &userId, qint64 nowMs);

    std::optional<Identity> identity(const QString &channel, const QString &externalId) const;
    QList<Identity> identities(const QString &userId) const;
    /// The user behind (channel, externalId). Unknown: create when `create` (a new user with
    /// `role`), else NOT_FOUND.
    Result<User> resolve(const QString &channel, const QString &externalId, const QString &displayName, bool create,
        Role role, qint64 nowMs);
    /// Admin link: (channel, externalId) becomes userId's. An identity of another user merges that
    /// user into userId; an unknown identity is created for userId.
    Result<LinkOutcome> link(const QString &userId, const QString &channel, const QString &externalId, qint64 nowMs);
    /// Moves the identity to a new user of the same role (history stays with the old user). The
    /// only identity of a user cannot be unlinked.
    Result<User> unlink(const QString &channel, const QString &externalId, qint64 nowMs);

    /// A one-time code for `/link` (10 characters, 50 bits, shown as XXXXX-XXXXX; stored hashed;
    /// expires in 10 minutes; replaces the user's earlier code).
    Result<QString> issueLinkCode(const QString &userId, const QString &channel, qint64 nowMs);
    /// Redeems a code: the redeemer's user (with every identity, session and memory) merges into
    /// the code's user. Failures are rate-limited per redeemer and in total (RATE_LIMITED); a
    /// redeemer of a higher role than the code's user is refused (FORBIDDEN: an admin must link
    /// directly), so linking never raises or lowers anyone's rights by accident.
    Result<LinkOutcome> redeemLinkCode(const QString &code, const QString &redeemerId, qint64 nowMs);

    /// Merges `from` into `into` (both must exist): identities, sessions with their history,
    /// memories (duplicates dropped), tokens; profile fields `into` lacks are taken from `from`.
    Status merge(const QString &fromId, const QString &intoId);
    /// Erases the user and everything of theirs (sessions, runs, messages, memories, identities,
    /// tokens, codes).
    Status erase(const QString &userId);
    /// One JSON document: profile, identities, memories, sessions with their messages.
    Result<QJsonObject> exportUser(const QString &userId) const;

    /// A personal access token for WebSocket connections and the OpenAI-compatible endpoint.
    Result<QString> issueToken(const QString &userId, const QString &label, qint64 nowMs);
    std::optional<User> userForToken(const QString &token, qint64 nowMs);
    int revokeTokens(const QString &userId);

    /// Tokens (input + output + cache read + cache write) the user's model calls used since
    /// local midnight in their time zone.
    qint64 tokensUsedToday(const User &user, qint64 nowMs) const;
    /// Local midnight of nowMs in the user's time zone, as ms since the epoch.
    static qint64 startOfDay(const QString &timezone, qint64 nowMs);

    /// The owner of a session: std::nullopt when the session does not exist, "" when it has none
    /// (a session from before people existed: the owner's).
    std::optional<QString> sessionOwner(const QString &sessionKey) const;

    static QString normaliseCode(const QString &code);
    static QString hash(const QString &secret);

private:
    Result<User> insertUser(const QString &displayName, Role role, qint64 nowMs);
    Status insertIdentity(const QString &channel, const QString &externalId, const QString &userId,
        const QString &displayName, qint64 nowMs);
    Status mergeLocked(const QString &fromId, const QString &intoId);
    int recentFailures(const QString &subject, qint64 nowMs) const;
    void recordFailure(const QString &subject, qint64 nowMs);

    /// Clears the user cache when a multi-step change ends (committed or rolled back).
    struct CacheReset
    {
        const UserStore *store;
        ~CacheReset() { store->m_cache.clear(); }
    };

    Storage::Database *m_db;
    /// Users by id: every turn reads its user; rows change only through this store.
    mutable QHash<QString, User> m_cache;
    /// PRAGMA data_version when the cache was last known good (other processes' commits change it).
    mutable qint64 m_dataVersion = -1;
};

} // namespace Gateway::People
