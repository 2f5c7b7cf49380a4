// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include "core/result.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::People
{

/// @brief One audit entry as stored.
struct AuditEntry
{
    qint64 id = 0;
    qint64 at = 0;
    QString actor; ///< user id, "system", or "anonymous"
    QString action; ///< e.g. "users.update", "identity.link", "policy.deny"
    QString target;
    QString outcome; ///< ok, denied, failed
    QJsonObject detail; ///< never personal data in clear (no names, message text or external ids)
    QString prevHash;
    QString hash;

    QJsonObject toJson() const;
};

/// @brief The append-only audit trail (table audit_log). Each entry carries the SHA-256 of the
/// previous entry's hash and its own canonical content, so editing or deleting a row breaks the
/// chain at that row.
class AuditLog final
{
public:
    explicit AuditLog(Storage::Database *database);

    /// Appends one entry. Runs inside the caller's transaction when there is one.
    Status append(qint64 atMs, const QString &actor, const QString &action, const QString &target,
        const QString &outcome = QStringLiteral("ok"), const QJsonObject &detail = {});
    /// Newest first; action "" = every action (prefix match with a trailing '*').
    QList<AuditEntry> list(const QString &action, int limit, qint64 beforeId = 0) const;
    /// Walks the chain from the first row; returns the id of the first broken entry, 0 if intact.
    Result<qint64> verify() const;

    /// A short stable pseudonym for an external id (used in details instead of the id itself).
    static QString pseudonym(const QString &text);

private:
    static QString entryHash(const QString &prevHash, const AuditEntry &entry);
    Storage::Database *m_db;
};

} // namespace Gateway::People
