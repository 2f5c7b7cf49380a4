// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "people/userstore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include "people/memorystore.h"
#include "storage/database.h"
#include "storage/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::People
{

namespace
{

using Storage::nullable;
using Storage::sqlError;
using Storage::text;

const QString OWNER_CHANNEL = u"operator"_s;
const QString OWNER_EXTERNAL_ID = u"owner"_s;
constexpr QStringView CODE_ALPHABET = u"0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32
constexpr int CODE_LENGTH = 10; // 50 bits
constexpr auto USER_COLUMNS = "id, display_name, role, language, timezone, profile, daily_token_budget, "
                              "allowed_tools, allowed_models, quiet_hours, created_at, last_seen_at";

std::optional<QStringList> listFromJson(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    QStringList list;
    for (const QJsonValue &v : QJsonDocument::fromJson(value.toByteArray()).array())
        list.append(v.toString());
    return list;
}

QVariant listToJson(const std::optional<QStringList> &list)
{
    if (!list)
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(*list)).toJson(QJsonDocument::Compact));
}

User readUser(const QSqlQuery &q)
{
    User u;
    u.id = q.value(0).toString();
    u.displayName = q.value(1).toString();
    u.role = roleFromName(q.value(2).toString()).value_or(Role::Child);
    u.language = q.value(3).toString();
    u.timezone = q.value(4).toString();
    u.profile = QJsonDocument::fromJson(q.value(5).toByteArray()).object();
    u.dailyTokenBudget = q.value(6).toLongLong();
    u.allowedTools = listFromJson(q.value(7));
    u.allowedModels = listFromJson(q.value(8));
    u.quietHours = q.value(9).toString();
    u.createdAt = q.value(10).toLongLong();
    u.lastSeenAt = q.value(11).toLongLong();
    return u;
}

QString newUserId()
{
    quint64 value = QRandomGenerator::system()->generate64();
    return u"u_"_s + QString::number(value, 16).rightJustified(16, u'0');
}

} // namespace

UserStore::UserStore(Storage::Database *database) : m_db(database) { }

QString UserStore::hash(const QString &secret)
{
    return QString::fromLatin1(QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString UserStore::normaliseCode(const QString &code)
{
    QString out;
    for (const QChar c : code) {
        const QChar u = c.toUpper();
        if (u == u'-' || u.isSpace())
            continue;
        if (u == u'O')
            out += u'0';
        else if (u == u'I' || u == u'L')
            out += u'1';
        else
            out += u;
        if (out.size() > CODE_LENGTH)
            break;
    }
    return out;
}

Result<User> UserStore::insertUser(const QString &displayName, Role role, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"INSERT INTO users (id, display_name, role, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)"_s);
    User user;
    user.id = newUserId();
    user.displayName = displayName.trimmed().left(MAX_NAME_CHARS);
    if (user.displayName.isEmpty())
        user.displayName = u"Guest"_s;
    user.role = role;
    user.createdAt = nowMs;
    user.lastSeenAt = nowMs;
    q.addBindValue(user.id);
    q.addBindValue(user.displayName);
    q.addBindValue(roleName(role));
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot create the user"_s, q);
    return user;
}

Status UserStore::insertIdentity(
    const QString &channel, const QString &externalId, const QString &userId, const QString &displayName, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"INSERT INTO identities (channel, external_id, user_id, display_name, created_at, last_seen_at) "
              "VALUES (?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(channel);
    q.addBindValue(externalId);
    q.addBindValue(userId);
    q.addBindValue(text(displayName.left(MAX_NAME_CHARS)));
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot record the identity"_s, q);
    return {};
}

Result<User> UserStore::ensureOwner(const QString &displayName, qint64 nowMs)
{
    return resolve(OWNER_CHANNEL, OWNER_EXTERNAL_ID, displayName, true, Role::Admin, nowMs);
}

Result<User> UserStore::create(const QString &displayName, Role role, qint64 nowMs)
{
    return insertUser(displayName, role, nowMs);
}

std::optional<User> UserStore::get(const QString &id) const
{
    // Another process (skynet-gateway users set-role) may have changed a user: SQLite's
    // data_version moves when any other connection commits, and costs no disk read.
    QSqlQuery version(m_db->connection());
    if (version.exec(u"PRAGMA data_version"_s) && version.next()) {
        const qint64 current = version.value(0).toLongLong();
        if (current != m_dataVersion) {
            m_cache.clear();
            m_dataVersion = current;
        }
    }
    if (const auto it = m_cache.constFind(id); it != m_cache.cend())
        return *it;
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM users WHERE id = ?"_s.arg(QLatin1StringView(USER_COLUMNS)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const User user = readUser(q);
    if (m_cache.size() >= 1024)
        m_cache.clear();
    m_cache.insert(id, user);
    return user;
}

QList<User> UserStore::list(int limit, int offset, const QString &search, int *total) const
{
    QSqlQuery q(m_db->connection());
    const QString where = search.isEmpty() ? QString() : u" WHERE instr(lower(display_name), lower(?)) > 0"_s;
    if (total) {
        q.prepare(u"SELECT COUNT(*) FROM users"_s + where);
        if (!search.isEmpty())
            q.addBindValue(search);
        *total = q.exec() && q.next() ? q.value(0).toInt() : 0;
    }
    q.prepare(u"SELECT %1 FROM users%2 ORDER BY display_name COLLATE NOCASE, id LIMIT ? OFFSET ?"_s.arg(
        QLatin1StringView(USER_COLUMNS), where));
    if (!search.isEmpty())
        q.addBindValue(search);
    q.addBindValue(qBound(1, limit, 1000));
    q.addBindValue(qMax(0, offset));
    QList<User> users;
    if (q.exec()) {
        while (q.next())
            users.append(readUser(q));
    }
    return users;
}

Status UserStore::update(const User &user)
{
    m_cache.remove(user.id);
    const QByteArray profile = QJsonDocument(user.profile).toJson(QJsonDocument::Compact);
    if (profile.size() > MAX_PROFILE_BYTES)
        return Error { u"INVALID_REQUEST"_s, u"the profile is larger than %1 bytes"_s.arg(MAX_PROFILE_BYTES) };
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE users SET display_name = ?, role = ?, language = ?, timezone = ?, profile = ?, "
              "daily_token_budget = ?, allowed_tools = ?, allowed_models = ?, quiet_hours = ? WHERE id = ?"_s);
    q.addBindValue(text(user.displayName.left(MAX_NAME_CHARS)));
    q.addBindValue(roleName(user.role));
    q.addBindValue(text(user.language));
    q.addBindValue(user.timezone.isEmpty() ? u"UTC"_s : user.timezone);
    q.addBindValue(QString::fromUtf8(profile));
    q.addBindValue(user.dailyTokenBudget);
    q.addBindValue(listToJson(user.allowedTools));
    q.addBindValue(listToJson(user.allowedModels));
    q.addBindValue(text(user.quietHours));
    q.addBindValue(user.id);
    if (!q.exec())
        return sqlError(u"cannot update the user"_s, q);
    if (q.numRowsAffected() == 0)
        return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    return {};
}

void UserStore::touch(const QString &userId, qint64 nowMs)
{
    m_cache.remove(userId);
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE users SET last_seen_at = ? WHERE id = ?"_s);
    q.addBindValue(nowMs);
    q.addBindValue(userId);
    q.exec();
}

std::optional<Identity> UserStore::identity(const QString &channel, const QString &externalId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT channel, external_id, user_id, display_name, created_at, last_seen_at FROM identities "
              "WHERE channel = ? AND external_id = ?"_s);
    q.addBindValue(channel);
    q.addBindValue(externalId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return Identity { q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
        q.value(4).toLongLong(), q.value(5).toLongLong() };
}

QList<Identity> UserStore::identities(const QString &userId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT channel, external_id, user_id, display_name, created_at, last_seen_at FROM identities "
              "WHERE user_id = ? ORDER BY created_at, channel, external_id"_s);
    q.addBindValue(userId);
    QList<Identity> list;
    if (q.exec()) {
        while (q.next())
            list.append(Identity { q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toLongLong() });
    }
    return list;
}

Result<User> UserStore::resolve(
    const QString &channel, const QString &externalId, const QString &displayName, bool create, Role role, qint64 nowMs)
{
    if (channel.isEmpty() || externalId.isEmpty() || channel.size() > 64 || externalId.size() > 256)
        return Error { u"INVALID_REQUEST"_s, u"an identity needs a channel (≤ 64) and an external id (≤ 256)"_s };
    if (const std::optional<Identity> known = identity(channel, externalId)) {
        QSqlQuery q(m_db->connection());
        q.prepare(u"UPDATE identities SET last_seen_at = ? WHERE channel = ? AND external_id = ?"_s);
        q.addBindValue(nowMs);
        q.addBindValue(channel);
        q.addBindValue(externalId);
        q.exec();
        touch(known->userId, nowMs);
        if (std::optional<User> user = get(known->userId))
            return *user;
        return Error { u"STORAGE_ERROR"_s, u"the identity points to a missing user"_s };
    }
    if (!create)
        return Error { u"NOT_FOUND"_s, u"unknown identity"_s };
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    Result<User> user = insertUser(displayName, role, nowMs);
    if (!user)
        return user;
    if (Status s = insertIdentity(channel, externalId, user->id, displayName, nowMs); !s)
        return s.error();
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the new user"_s, tx.error());
    return user;
}

Status UserStore::mergeLocked(const QString &fromId, const QString &intoId)
{
    std::optional<User> from = get(fromId);
    std::optional<User> into = get(intoId);
    if (!from || !into)
        return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    if (fromId == intoId)
        return {};
    // The owner (behind the gateway token) is never merged into anyone; others merge into it.
    if (const std::optional<Identity> owner = identity(OWNER_CHANNEL, OWNER_EXTERNAL_ID);
        owner && owner->userId == fromId)
        return Error { u"FORBIDDEN"_s, u"the owner cannot be merged into another user; link the other way round"_s };
    QSqlQuery q(m_db->connection());
    const auto move = [&](const QString &sql) -> Status {
        q.prepare(sql);
        q.addBindValue(intoId);
        q.addBindValue(fromId);
        if (!q.exec())
            return sqlError(u"cannot merge users"_s, q);
        return {};
    };
    for (const QString &sql : { u"UPDATE identities SET user_id = ? WHERE user_id = ?"_s,
             u"UPDATE sessions SET user_id = ? WHERE user_id = ?"_s,
             u"UPDATE user_tokens SET user_id = ? WHERE user_id = ?"_s }) {
        if (Status s = move(sql); !s)
            return s;
    }
    MemoryStore memories(m_db);
    if (Status s = memories.mergeInto(fromId, intoId); !s)
        return s;
    // Profile: what `into` already says wins; fields only `from` has are kept.
    User merged = *into;
    for (auto it = from->profile.constBegin(); it != from->profile.constEnd(); ++it) {
        if (!merged.profile.contains(it.key()))
            merged.profile.insert(it.key(), it.value());
    }
    if (merged.language.isEmpty())
        merged.language = from->language;
    if (merged.timezone.isEmpty() || (merged.timezone == u"UTC" && !from->timezone.isEmpty()))
        merged.timezone = from->timezone;
    if (Status s = update(merged); !s)
        return s;
    q.prepare(u"DELETE FROM users WHERE id = ?"_s);
    q.addBindValue(fromId);
    if (!q.exec())
        return sqlError(u"cannot remove the merged user"_s, q);
    return {};
}

Status UserStore::merge(const QString &fromId, const QString &intoId)
{
    const CacheReset reset { this };
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    if (Status s = mergeLocked(fromId, intoId); !s)
        return s;
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the merge"_s, tx.error());
    return {};
}

Result<LinkOutcome> UserStore::link(
    const QString &userId, const QString &channel, const QString &externalId, qint64 nowMs)
{
    std::optional<User> target = get(userId);
    if (!target)
        return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    if (channel.isEmpty() || externalId.isEmpty() || channel.size() > 64 || externalId.size() > 256)
        return Error { u"INVALID_REQUEST"_s, u"an identity needs a channel (≤ 64) and an external id (≤ 256)"_s };
    LinkOutcome outcome;
    const std::optional<Identity> known = identity(channel, externalId);
    // The owner's identity is the gateway token's: it never moves to, or merges into, anyone.
    if (channel == OWNER_CHANNEL && externalId == OWNER_EXTERNAL_ID && (!known || known->userId != userId))
        return Error { u"INVALID_REQUEST"_s, u"the owner's operator identity cannot be linked to another user"_s };
    if (known && known->userId == userId) {
        outcome.alreadyLinked = true;
    } else if (known) {
        if (Status s = merge(known->userId, userId); !s)
            return s.error();
        outcome.mergedUserId = known->userId;
    } else if (Status s = insertIdentity(channel, externalId, userId, QString(), nowMs); !s) {
        return s.error();
    }
    outcome.user = get(userId).value_or(*target);
    return outcome;
}

Result<User> UserStore::unlink(const QString &channel, const QString &externalId, qint64 nowMs)
{
    const std::optional<Identity> known = identity(channel, externalId);
    if (!known)
        return Error { u"NOT_FOUND"_s, u"unknown identity"_s };
    if (channel == OWNER_CHANNEL && externalId == OWNER_EXTERNAL_ID)
        return Error { u"INVALID_REQUEST"_s, u"the owner's operator identity cannot be unlinked"_s };
    if (identities(known->userId).size() < 2)
        return Error { u"INVALID_REQUEST"_s, u"this is the user's only identity; delete the user instead"_s };
    const std::optional<User> owner = get(known->userId);
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    Result<User> fresh
        = insertUser(known->displayName.isEmpty() ? owner->displayName : known->displayName, owner->role, nowMs);
    if (!fresh)
        return fresh;
    QSqlQuery q(db);
    q.prepare(u"UPDATE identities SET user_id = ? WHERE channel = ? AND external_id = ?"_s);
    q.addBindValue(fresh->id);
    q.addBindValue(channel);
    q.addBindValue(externalId);
    if (!q.exec())
        return sqlError(u"cannot unlink the identity"_s, q);
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the unlink"_s, tx.error());
    return fresh;
}

Result<QString> UserStore::issueLinkCode(const QString &userId, const QString &channel, qint64 nowMs)
{
    if (!get(userId))
        return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    QString code;
    for (int i = 0; i < CODE_LENGTH; ++i)
        code += CODE_ALPHABET.at(QRandomGenerator::system()->bounded(int(CODE_ALPHABET.size())));
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    QSqlQuery q(db);
    q.prepare(u"DELETE FROM link_codes WHERE user_id = ? OR expires_at <= ?"_s);
    q.addBindValue(userId);
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot replace the link code"_s, q);
    q.prepare(u"INSERT INTO link_codes (code_hash, user_id, channel, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(hash(code));
    q.addBindValue(userId);
    q.addBindValue(text(channel));
    q.addBindValue(nowMs);
    q.addBindValue(nowMs + LINK_CODE_TTL_MS);
    if (!q.exec())
        return sqlError(u"cannot store the link code"_s, q);
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the link code"_s, tx.error());
    return QString(code.left(5) + u'-' + code.mid(5));
}

int UserStore::recentFailures(const QString &subject, qint64 nowMs) const
{
    QSqlQuery q(m_db->connection());
    if (subject.isEmpty()) {
        q.prepare(u"SELECT COUNT(*) FROM link_failures WHERE at > ?"_s);
    } else {
        q.prepare(u"SELECT COUNT(*) FROM link_failures WHERE subject = ? AND at > ?"_s);
        q.addBindValue(subject);
    }
    q.addBindValue(nowMs - LINK_CODE_TTL_MS);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

void UserStore::recordFailure(const QString &subject, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM link_failures WHERE at <= ?"_s);
    q.addBindValue(nowMs - LINK_CODE_TTL_MS);
    q.exec();
    q.prepare(u"INSERT INTO link_failures (subject, at) VALUES (?, ?)"_s);
    q.addBindValue(subject);
    q.addBindValue(nowMs);
    q.exec();
}

Result<LinkOutcome> UserStore::redeemLinkCode(const QString &code, const QString &redeemerId, qint64 nowMs)
{
    const CacheReset reset { this };
    // Failures are counted per redeemer (an opaque id) and in total, and survive restarts.
    if (recentFailures(redeemerId, nowMs) >= LINK_FAILURES_PER_SUBJECT
        || recentFailures({}, nowMs) >= LINK_FAILURES_TOTAL)
        return Error { u"RATE_LIMITED"_s, u"too many wrong link codes; wait ten minutes and ask for a new code"_s };
    const QString normalised = normaliseCode(code);
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT user_id, expires_at FROM link_codes WHERE code_hash = ?"_s);
    q.addBindValue(hash(normalised));
    if (normalised.size() != CODE_LENGTH || !q.exec() || !q.next()) {
        recordFailure(redeemerId, nowMs);
        return Error { u"INVALID_CODE"_s, u"that link code is not valid"_s };
    }
    const QString intoId = q.value(0).toString();
    if (q.value(1).toLongLong() <= nowMs) {
        recordFailure(redeemerId, nowMs);
        q.prepare(u"DELETE FROM link_codes WHERE code_hash = ?"_s);
        q.addBindValue(hash(normalised));
        q.exec();
        return Error { u"EXPIRED_CODE"_s, u"that link code has expired; ask for a new one with /link"_s };
    }
    const std::optional<User> into = get(intoId);
    const std::optional<User> from = get(redeemerId);
    if (!into || !from)
        return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    LinkOutcome outcome;
    outcome.alreadyLinked = intoId == redeemerId;
    if (!outcome.alreadyLinked && !atLeast(into->role, from->role)) {
        return Error { u"FORBIDDEN"_s,
            u"linking would lower this account's role (%1 → %2); an admin can link the accounts directly"_s.arg(
                roleName(from->role), roleName(into->role)) };
    }
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    if (!outcome.alreadyLinked) {
        if (Status s = mergeLocked(redeemerId, intoId); !s)
            return s.error();
        outcome.mergedUserId = redeemerId;
    }
    q.prepare(u"DELETE FROM link_codes WHERE code_hash = ?"_s);
    q.addBindValue(hash(normalised));
    if (!q.exec())
        return sqlError(u"cannot use up the link code"_s, q);
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the link"_s, tx.error());
    outcome.user = get(intoId).value_or(*into);
    return outcome;
}

Status UserStore::erase(const QString &userId)
{
    const CacheReset reset { this };
    MemoryStore::changed();
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    QSqlQuery q(db);
    // Channel bookkeeping of this person: their messages, replies and pairing requests.
    for (const QString &sql :
        { u"DELETE FROM channel_inbound WHERE user_id = ?"_s, u"DELETE FROM channel_outbox WHERE user_id = ?"_s,
            u"DELETE FROM channel_pairing WHERE EXISTS (SELECT 1 FROM identities i WHERE i.user_id = ? "
            "AND i.channel = channel_pairing.channel AND i.external_id = channel_pairing.sender_id)"_s,
            u"DELETE FROM channel_inbound WHERE EXISTS (SELECT 1 FROM identities i WHERE i.user_id = ? "
            "AND i.channel = channel_inbound.channel AND i.external_id = channel_inbound.sender_id)"_s }) {
        q.prepare(sql);
        q.addBindValue(userId);
        if (!q.exec())
            return sqlError(u"cannot erase the user's channel messages"_s, q);
    }
    // Sessions first (runs and messages cascade from them), then the user (identities, memories,
    // tokens and codes cascade).
    q.prepare(u"DELETE FROM sessions WHERE user_id = ?"_s);
    q.addBindValue(userId);
    if (!q.exec())
        return sqlError(u"cannot erase the user's sessions"_s, q);
    q.prepare(u"DELETE FROM users WHERE id = ?"_s);
    q.addBindValue(userId);
    if (!q.exec())
        return sqlError(u"cannot erase the user"_s, q);
    if (q.numRowsAffected() == 0)
        return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    // Rate-limit records name the redeemer by id and have no foreign key.
    q.prepare(u"DELETE FROM link_failures WHERE subject = ?"_s);
    q.addBindValue(userId);
    if (!q.exec())
        return sqlError(u"cannot erase the user's link attempts"_s, q);
    // An external-content FTS5 delete only adds tombstones: the words stay in the index segments
    // until they are merged. Rebuilding the segments now leaves nothing of the user's memories.
    if (!q.exec(u"INSERT INTO memories_fts(memories_fts) VALUES ('optimize')"_s))
        return sqlError(u"cannot compact the memory index"_s, q);
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the erasure"_s, tx.error());
    return {};
}

Result<QJsonObject> UserStore::exportUser(const QString &userId) const
{
    const std::optional<User> user = get(userId);
    if (!user)
        return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    QJsonArray identityList;
    for (const Identity &i : identities(userId))
        identityList.append(i.toJson());
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT id, kind, content, source_channel, source_session, created_at, updated_at FROM memories "
              "WHERE user_id = ? ORDER BY id"_s);
    q.addBindValue(userId);
    QJsonArray memoryList;
    if (q.exec()) {
        while (q.next())
            memoryList.append(QJsonObject { { u"id"_s, q.value(0).toLongLong() }, { u"kind"_s, q.value(1).toString() },
                { u"content"_s, q.value(2).toString() }, { u"sourceChannel"_s, q.value(3).toString() },
                { u"sourceSession"_s, q.value(4).toString() }, { u"createdAt"_s, q.value(5).toLongLong() },
                { u"updatedAt"_s, q.value(6).toLongLong() } });
    }
    q.prepare(
        u"SELECT key, channel, label, created_at, updated_at FROM sessions WHERE user_id = ? ORDER BY created_at"_s);
    q.addBindValue(userId);
    QJsonArray sessionList;
    QSqlQuery m(m_db->connection());
    m.prepare(u"SELECT id, run_id, role, content, provider, model, created_at FROM messages WHERE session_key = ? "
              "ORDER BY id"_s);
    if (q.exec()) {
        while (q.next()) {
            const QString key = q.value(0).toString();
            QJsonArray messages;
            m.addBindValue(key);
            if (m.exec()) {
                while (m.next())
                    messages.append(QJsonObject { { u"id"_s, m.value(0).toLongLong() },
                        { u"runId"_s, m.value(1).toString() }, { u"role"_s, m.value(2).toString() },
                        { u"content"_s, QJsonDocument::fromJson(m.value(3).toByteArray()).array() },
                        { u"provider"_s, m.value(4).toString() }, { u"model"_s, m.value(5).toString() },
                        { u"createdAt"_s, m.value(6).toLongLong() } });
            }
            sessionList.append(QJsonObject { { u"sessionKey"_s, key }, { u"channel"_s, q.value(1).toString() },
                { u"label"_s, q.value(2).toString() }, { u"createdAt"_s, q.value(3).toLongLong() },
                { u"updatedAt"_s, q.value(4).toLongLong() }, { u"messages"_s, messages } });
        }
    }
    return QJsonObject { { u"format"_s, u"skynet.user-export.v1"_s }, { u"user"_s, user->toJson() },
        { u"identities"_s, identityList }, { u"memories"_s, memoryList }, { u"sessions"_s, sessionList } };
}

Result<QString> UserStore::issueToken(const QString &userId, const QString &label, qint64 nowMs)
{
    if (!get(userId))
        return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    const QString token = u"skn_"_s
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QSqlQuery q(m_db->connection());
    q.prepare(u"INSERT INTO user_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)"_s);
    q.addBindValue(hash(token));
    q.addBindValue(userId);
    q.addBindValue(text(label.left(MAX_NAME_CHARS)));
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot store the token"_s, q);
    return token;
}

std::optional<User> UserStore::userForToken(const QString &token, qint64 nowMs)
{
    // Only tokens of our own shape are looked up; the lookup is by hash, so timing reveals nothing
    // about stored tokens.
    if (!token.startsWith(u"skn_") || token.size() > 128)
        return std::nullopt;
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT user_id FROM user_tokens WHERE token_hash = ?"_s);
    q.addBindValue(hash(token));
    if (!q.exec() || !q.next())
        return std::nullopt;
    const QString userId = q.value(0).toString();
    q.prepare(u"UPDATE user_tokens SET last_used_at = ? WHERE token_hash = ?"_s);
    q.addBindValue(nowMs);
    q.addBindValue(hash(token));
    q.exec();
    return get(userId);
}

int UserStore::revokeTokens(const QString &userId)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM user_tokens WHERE user_id = ?"_s);
    q.addBindValue(userId);
    return q.exec() ? q.numRowsAffected() : 0;
}

qint64 UserStore::startOfDay(const QString &timezone, qint64 nowMs)
{
    QTimeZone zone(timezone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(nowMs, zone);
    return QDateTime(local.date(), QTime(0, 0), zone).toMSecsSinceEpoch();
}

qint64 UserStore::tokensUsedToday(const User &user, qint64 nowMs) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT COALESCE(SUM(m.input_tokens + m.output_tokens + m.cache_write_tokens + m.cache_read_tokens), 0) "
              "FROM messages m JOIN sessions s ON s.key = m.session_key "
              "WHERE s.user_id = ? AND m.created_at >= ?"_s);
    q.addBindValue(user.id);
    q.addBindValue(startOfDay(user.timezone, nowMs));
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

std::optional<QString> UserStore::sessionOwner(const QString &sessionKey) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT user_id FROM sessions WHERE key = ?"_s);
    q.addBindValue(sessionKey);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toString();
}

} // namespace Gateway::People
