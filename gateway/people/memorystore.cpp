// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "people/memorystore.h"

#include <atomic>

#include <algorithm>

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "logging.h"
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

constexpr int MAX_QUERY_TOKENS = 32;
constexpr int MAX_TOKEN_CHARS = 64; // code points
constexpr int MAX_SEARCH_LIMIT = 100;
constexpr int MAX_LIST_LIMIT = 500;

constexpr auto MEMORY_COLUMNS = "id, user_id, kind, content, source_channel, source_session, created_at, updated_at";

Memory readMemory(const QSqlQuery &q)
{
    Memory m;
    m.id = q.value(0).toLongLong();
    m.userId = q.value(1).toString();
    m.kind = q.value(2).toString();
    m.content = q.value(3).toString();
    m.sourceChannel = q.value(4).toString();
    m.sourceSession = q.value(5).toString();
    m.createdAt = q.value(6).toLongLong();
    m.updatedAt = q.value(7).toLongLong();
    return m;
}

/// The form two memories are compared in for duplicates: case-folded, whitespace collapsed.
QString normalised(const QString &content)
{
    return content.simplified().toCaseFolded();
}

bool isWordCodePoint(char32_t c)
{
    return c == U'_' || QChar::isLetterOrNumber(c) || QChar::isMark(c);
}

/// Word tokens of user text: runs of letters, digits, marks and underscores (by code point, so
/// letters outside the BMP count), each holding at least one letter or digit, each at most
/// MAX_TOKEN_CHARS code points; at most `maxTokens` of them.
QStringList wordTokens(const QString &text, int maxTokens)
{
    QStringList tokens;
    QString current;
    int currentLength = 0;
    bool hasLetterOrNumber = false;
    const auto flush = [&] {
        if (hasLetterOrNumber)
            tokens.append(current);
        current.clear();
        currentLength = 0;
        hasLetterOrNumber = false;
    };
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size && tokens.size() < maxTokens; ++i) {
        char32_t c = text.at(i).unicode();
        qsizetype units = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < size && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            units = 2;
        }
        if (isWordCodePoint(c)) {
            if (currentLength < MAX_TOKEN_CHARS) {
                current.append(text.mid(i, units));
                ++currentLength;
                hasLetterOrNumber = hasLetterOrNumber || QChar::isLetterOrNumber(c);
            }
        } else {
            flush();
        }
        i += units - 1;
    }
    if (tokens.size() < maxTokens)
        flush();
    return tokens;
}

} // namespace

QJsonObject Memory::toJson() const
{
    QJsonObject object { { u"id"_s, id }, { u"userId"_s, userId }, { u"kind"_s, kind }, { u"content"_s, content },
        { u"sourceChannel"_s, sourceChannel }, { u"sourceSession"_s, sourceSession }, { u"createdAt"_s, createdAt },
        { u"updatedAt"_s, updatedAt } };
    if (score > 0)
        object.insert(u"score"_s, score);
    return object;
}

namespace
{
std::atomic<quint64> g_generation { 1 };
}

MemoryStore::MemoryStore(Storage::Database *database) : m_db(database) { }

quint64 MemoryStore::generation()
{
    return g_generation.load(std::memory_order_relaxed);
}

void MemoryStore::changed()
{
    g_generation.fetch_add(1, std::memory_order_relaxed);
}

bool MemoryStore::isValidKind(const QString &kind)
{
    return kind == u"fact" || kind == u"preference" || kind == u"note" || kind == u"summary";
}

QString MemoryStore::ftsQuery(const QString &text, bool all)
{
    QStringList quoted;
    for (const QString &token : wordTokens(text, MAX_QUERY_TOKENS))
        quoted.append(QString(u'"' + QString(token).replace(u'"', u"\"\""_s) + u'"'));
    return quoted.join(all ? u" AND "_s : u" OR "_s);
}

Result<Memory> MemoryStore::add(const QString &userId, const QString &kind, const QString &content,
    const QString &sourceChannel, const QString &sourceSession, qint64 nowMs)
{
    changed(); // every write (even one that fails or rolls back) invalidates cached reads
    if (userId.isEmpty())
        return Error { u"INVALID_REQUEST"_s, u"a memory needs a user"_s };
    if (!isValidKind(kind))
        return Error { u"INVALID_REQUEST"_s,
            u"unknown memory kind \"%1\" (fact, preference, note or summary)"_s.arg(kind.left(40)) };
    const QString text = content.trimmed();
    if (text.isEmpty())
        return Error { u"INVALID_REQUEST"_s, u"a memory cannot be empty"_s };
    if (text.size() > MAX_CONTENT_CHARS)
        return Error { u"INVALID_REQUEST"_s,
            u"a memory holds at most %1 characters (this one has %2)"_s.arg(MAX_CONTENT_CHARS).arg(text.size()) };

    QSqlDatabase db = m_db->connection();
    // Inside a caller's transaction BEGIN fails and the statements join the caller's.
    Storage::Transaction tx(db);
    QSqlQuery q(db);
    q.setForwardOnly(true);

    // Duplicates: compared in C++ because SQLite's lower() folds ASCII only.
    const QString key = normalised(text);
    q.prepare(u"SELECT id, content FROM memories WHERE user_id = ?"_s);
    q.addBindValue(userId);
    if (!q.exec())
        return sqlError(u"cannot read the memories"_s, q);
    qint64 existingId = 0;
    int existing = 0;
    while (q.next()) {
        ++existing;
        if (existingId == 0 && normalised(q.value(1).toString()) == key)
            existingId = q.value(0).toLongLong();
    }
    q.finish();

    if (existingId != 0) {
        q.prepare(u"UPDATE memories SET updated_at = ? WHERE id = ? AND user_id = ?"_s);
        q.addBindValue(nowMs);
        q.addBindValue(existingId);
        q.addBindValue(userId);
        if (!q.exec())
            return sqlError(u"cannot refresh the memory"_s, q);
    } else {
        if (existing >= MAX_PER_USER)
            return Error { u"MEMORY_FULL"_s,
                u"this user already has %1 memories, the most kept per user; forget some first"_s.arg(MAX_PER_USER) };
        q.prepare(u"INSERT INTO memories (user_id, kind, content, source_channel, source_session, created_at, "
                  "updated_at) VALUES (?, ?, ?, ifnull(?, ''), ifnull(?, ''), ?, ?)"_s);
        q.addBindValue(userId);
        q.addBindValue(kind);
        q.addBindValue(text);
        q.addBindValue(sourceChannel);
        q.addBindValue(sourceSession);
        q.addBindValue(nowMs);
        q.addBindValue(nowMs);
        if (!q.exec()) {
            QSqlQuery user(db);
            user.prepare(u"SELECT 1 FROM users WHERE id = ?"_s);
            user.addBindValue(userId);
            if (user.exec() && !user.next())
                return Error { u"NOT_FOUND"_s, u"no user %1"_s.arg(userId) };
            return sqlError(u"cannot save the memory"_s, q);
        }
        existingId = q.lastInsertId().toLongLong();
    }
    if (tx.isActive() && !tx.commit())
        return Storage::storageError(u"cannot commit the memory"_s, tx.error());

    std::optional<Memory> saved = get(userId, existingId);
    if (!saved)
        return Error { u"STORAGE_ERROR"_s, u"the saved memory cannot be read back"_s };
    return *saved;
}

std::optional<Memory> MemoryStore::get(const QString &userId, qint64 id) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM memories WHERE id = ? AND user_id = ?"_s.arg(QLatin1StringView(MEMORY_COLUMNS)));
    q.addBindValue(id);
    q.addBindValue(userId);
    if (!q.exec()) {
        qCWarning(lcGatewayStorage) << "memories: cannot read a memory:" << q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readMemory(q);
}

QList<Memory> MemoryStore::list(const QString &userId, const QString &kind, int limit, int offset) const
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT %1 FROM memories WHERE user_id = ? AND (ifnull(?, '') = '' OR kind = ?) "
              "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?"_s.arg(QLatin1StringView(MEMORY_COLUMNS)));
    q.addBindValue(userId);
    q.addBindValue(kind);
    q.addBindValue(kind);
    q.addBindValue(std::clamp(limit, 1, MAX_LIST_LIMIT));
    q.addBindValue(std::max(offset, 0));
    QList<Memory> result;
    if (!q.exec()) {
        qCWarning(lcGatewayStorage) << "memories: cannot list:" << q.lastError().text();
        return result;
    }
    while (q.next())
        result.append(readMemory(q));
    return result;
}

int MemoryStore::count(const QString &userId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT count(*) FROM memories WHERE user_id = ?"_s);
    q.addBindValue(userId);
    if (!q.exec() || !q.next()) {
        qCWarning(lcGatewayStorage) << "memories: cannot count:" << q.lastError().text();
        return 0;
    }
    return q.value(0).toInt();
}

QList<Memory> MemoryStore::search(const QString &userId, const QString &query, int limit) const
{
    QList<Memory> result;
    const QString match = ftsQuery(query, false);
    if (match.isEmpty())
        return result;
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT m.id, m.user_id, m.kind, m.content, m.source_channel, m.source_session, m.created_at, "
              "m.updated_at, bm25(memories_fts) AS relevance "
              "FROM memories_fts JOIN memories m ON m.id = memories_fts.rowid "
              "WHERE memories_fts MATCH ? AND m.user_id = ? "
              "ORDER BY relevance, m.id DESC LIMIT ?"_s);
    q.addBindValue(match);
    q.addBindValue(userId);
    q.addBindValue(std::clamp(limit, 1, MAX_SEARCH_LIMIT));
    if (!q.exec()) {
        qCWarning(lcGatewayStorage) << "memories: cannot search:" << q.lastError().text();
        return result;
    }
    while (q.next()) {
        Memory m = readMemory(q);
        m.score = -q.value(8).toDouble();
        result.append(m);
    }
    return result;
}

Status MemoryStore::remove(const QString &userId, qint64 id)
{
    changed(); // every write (even one that fails or rolls back) invalidates cached reads
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM memories WHERE id = ? AND user_id = ?"_s);
    q.addBindValue(id);
    q.addBindValue(userId);
    if (!q.exec())
        return sqlError(u"cannot delete the memory"_s, q);
    if (q.numRowsAffected() < 1)
        return Error { u"NOT_FOUND"_s, u"no memory %1 for this user"_s.arg(id) };
    return {};
}

Result<int> MemoryStore::forget(const QString &userId, const QString &query)
{
    changed(); // every write (even one that fails or rolls back) invalidates cached reads
    const QString match = ftsQuery(query, true);
    if (match.isEmpty())
        return Error { u"INVALID_REQUEST"_s, u"say which memories to forget (the words they contain)"_s };
    // ftsQuery keeps the first MAX_QUERY_TOKENS words; with more, AND over fewer words would
    // delete memories the caller did not name.
    if (wordTokens(query, MAX_QUERY_TOKENS + 1).size() > MAX_QUERY_TOKENS)
        return Error { u"INVALID_REQUEST"_s,
            u"name the memories to forget in at most %1 words"_s.arg(MAX_QUERY_TOKENS) };
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM memories WHERE user_id = ? "
              "AND id IN (SELECT rowid FROM memories_fts WHERE memories_fts MATCH ?)"_s);
    q.addBindValue(userId);
    q.addBindValue(match);
    if (!q.exec())
        return sqlError(u"cannot forget the memories"_s, q);
    return std::max(q.numRowsAffected(), 0);
}

QList<Memory> MemoryStore::pinned(const QString &userId, int limit) const
{
    QList<Memory> result;
    if (limit <= 0)
        return result;
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT %1 FROM memories WHERE user_id = ? "
              "ORDER BY CASE kind WHEN 'preference' THEN 0 WHEN 'fact' THEN 1 WHEN 'summary' THEN 2 ELSE 3 END, "
              "created_at ASC, id ASC LIMIT ?"_s.arg(QLatin1StringView(MEMORY_COLUMNS)));
    q.addBindValue(userId);
    q.addBindValue(std::min(limit, MAX_PER_USER));
    if (!q.exec()) {
        qCWarning(lcGatewayStorage) << "memories: cannot read the pinned memories:" << q.lastError().text();
        return result;
    }
    while (q.next())
        result.append(readMemory(q));
    return result;
}

Status MemoryStore::mergeInto(const QString &fromUser, const QString &intoUser)
{
    changed(); // every write (even one that fails or rolls back) invalidates cached reads
    if (fromUser.isEmpty() || intoUser.isEmpty())
        return Error { u"INVALID_REQUEST"_s, u"merging memories needs two users"_s };
    if (fromUser == intoUser)
        return {};
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);

    QSet<QString> kept;
    q.prepare(u"SELECT content FROM memories WHERE user_id = ?"_s);
    q.addBindValue(intoUser);
    if (!q.exec())
        return sqlError(u"cannot read the memories"_s, q);
    while (q.next())
        kept.insert(normalised(q.value(0).toString()));

    QList<qint64> moves;
    QList<qint64> drops;
    q.prepare(u"SELECT id, content FROM memories WHERE user_id = ? ORDER BY id"_s);
    q.addBindValue(fromUser);
    if (!q.exec())
        return sqlError(u"cannot read the memories"_s, q);
    while (q.next()) {
        const QString key = normalised(q.value(1).toString());
        if (kept.contains(key)) {
            drops.append(q.value(0).toLongLong());
        } else {
            kept.insert(key);
            moves.append(q.value(0).toLongLong());
        }
    }
    q.finish();

    q.prepare(u"DELETE FROM memories WHERE id = ? AND user_id = ?"_s);
    for (qint64 id : std::as_const(drops)) {
        q.addBindValue(id);
        q.addBindValue(fromUser);
        if (!q.exec())
            return sqlError(u"cannot drop a duplicate memory"_s, q);
    }
    q.prepare(u"UPDATE memories SET user_id = ? WHERE id = ? AND user_id = ?"_s);
    for (qint64 id : std::as_const(moves)) {
        q.addBindValue(intoUser);
        q.addBindValue(id);
        q.addBindValue(fromUser);
        if (!q.exec())
            return sqlError(u"cannot move a memory"_s, q);
    }
    return {};
}

} // namespace Gateway::People
