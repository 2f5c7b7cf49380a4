// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "skills/signature.h"
#include "skills/skillmanifest.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::Skills
{

/// @brief One installed skill as the registry keeps it.
struct SkillRecord
{
    qint64 id = 0;
    SkillManifest manifest;
    QString folder; ///< absolute, inside the skills folder
    QString state; ///< pending, enabled, disabled
    QString reason; ///< why pending/disabled ("" when enabled)
    bool isSigned = false;
    QString publisher; ///< fingerprint of the key that signed it ("" = unsigned)
    QStringList approvedCapabilities;
    QJsonObject requirements; ///< the last RequirementReport
    qint64 installedAt = 0;
    qint64 updatedAt = 0;
    qint64 approvedAt = 0;
    QString approvedBy;
    qint64 loads = 0;
    qint64 runs = 0;
    qint64 failures = 0;
    qint64 lastUsedAt = 0;

    const QString &name() const { return manifest.name; }
    bool isEnabled() const { return state == u"enabled"; }
    /// withFolder: admins see where it lives.
    QJsonObject toJson(bool withFolder) const;
};

/// @brief The skills tables (migration 7): skills, skill_files (SHA-256 pins), skills_fts.
class SkillRegistry final
{
public:
    explicit SkillRegistry(Storage::Database *database);

    /// Inserts or replaces a skill with its pins (one transaction). Usage counters survive a
    /// re-install of the same name.
    Result<SkillRecord> save(const SkillRecord &record, const QList<FilePin> &pins, qint64 nowMs);
    std::optional<SkillRecord> get(const QString &name) const;
    /// Sorted by name; enabledOnly for non-admins and the prompt index.
    QList<SkillRecord> list(bool enabledOnly = false) const;
    QList<FilePin> pins(const QString &name) const;
    Status setState(const QString &name, const QString &state, const QString &reason, qint64 nowMs);
    Status approve(const QString &name, const QStringList &capabilities, const QString &by, qint64 nowMs);
    Status remove(const QString &name);
    /// kind: load, run, failure.
    void recordUse(const QString &name, const QString &kind, qint64 nowMs);
    /// FTS5 over name, description, triggers and body (bm25 order).
    QList<SkillRecord> search(const QString &query, int limit, bool enabledOnly) const;
    /// Incremented on every write (the prompt index is rebuilt only when it changes).
    quint64 generation() const { return m_generation; }

private:
    Storage::Database *m_db;
    quint64 m_generation = 1;
};

} // namespace Gateway::Skills
