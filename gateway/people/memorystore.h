// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>

#include "core/result.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::People
{

/// @brief One thing remembered about a person: a fact, a preference, a note, or a summary of
/// older conversation. Belongs to the user, not to a session or a channel.
struct Memory
{
    qint64 id = 0;
    QString userId;
    QString kind; ///< fact, preference, note, summary
    QString content;
    QString sourceChannel;
    QString sourceSession;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    double score = 0; ///< search relevance (higher is better); 0 outside search()

    QJsonObject toJson() const;
};

/// @brief Per-user memory in SQLite (table `memories`, FTS5 index `memories_fts`, kept in step by
/// triggers). Every query is scoped to one user id; user text never reaches FTS5 as syntax.
class MemoryStore final
{
public:
    static constexpr int MAX_CONTENT_CHARS = 2000;
    static constexpr int MAX_PER_USER = 5000;

    explicit MemoryStore(Storage::Database *database);

    static bool isValidKind(const QString &kind);
    /// A process-wide counter bumped by every write to any user's memories (for caches).
    static quint64 generation();
    /// Bumps generation() (also for deletions made by others, such as erasing a user).
    static void changed();

    /// Saves a memory. Content is trimmed; empty, over-long content or an unknown kind fails with
    /// INVALID_REQUEST. The same content (case- and whitespace-insensitive) already saved for the
    /// user is not duplicated: its updated_at is refreshed and the existing memory returned.
    Result<Memory> add(const QString &userId, const QString &kind, const QString &content, const QString &sourceChannel,
        const QString &sourceSession, qint64 nowMs);
    std::optional<Memory> get(const QString &userId, qint64 id) const;
    /// Newest first; kind "" = every kind.
    QList<Memory> list(const QString &userId, const QString &kind = {}, int limit = 100, int offset = 0) const;
    int count(const QString &userId) const;
    /// Full-text search (bm25), any of the query's words; best first.
    QList<Memory> search(const QString &userId, const QString &query, int limit = 10) const;
    /// Deletes one memory of this user (NOT_FOUND when it is not theirs or does not exist).
    Status remove(const QString &userId, qint64 id);
    /// Deletes the user's memories that contain every word of the query; returns how many.
    Result<int> forget(const QString &userId, const QString &query);
    /// The memories every prompt of this user carries (the per-user cache tier): preferences
    /// first, then facts and summaries, oldest first so the block only grows at its end.
    QList<Memory> pinned(const QString &userId, int limit) const;
    /// Moves every memory of `fromUser` to `intoUser`, dropping duplicates (same normalised
    /// content). Runs inside the caller's transaction.
    Status mergeInto(const QString &fromUser, const QString &intoUser);

    /// The FTS5 MATCH expression for user text: each word becomes a quoted string ("" escaped),
    /// joined with OR (any) or AND (all); "" when the text has no word characters.
    static QString ftsQuery(const QString &text, bool all);

private:
    Storage::Database *m_db;
};

} // namespace Gateway::People
