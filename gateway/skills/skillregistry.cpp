// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "skills/skillregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include "logging.h"
#include "storage/database.h"
#include "storage/sql.h"

using namespace Qt::StringLiterals;
using Gateway::Storage::sqlError;
using Gateway::Storage::text;

namespace Gateway::Skills
{

namespace
{

const QString COLUMNS
    = u"id, manifest, folder, state, reason, signed, publisher, approved_capabilities, requirements, "
      "installed_at, updated_at, approved_at, approved_by, loads, runs, failures, last_used_at, body"_s;

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

SkillRecord readRecord(const QSqlQuery &q)
{
    SkillRecord r;
    r.id = q.value(0).toLongLong();
    r.manifest = SkillManifest::fromJson(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
    r.folder = q.value(2).toString();
    r.state = q.value(3).toString();
    r.reason = q.value(4).toString();
    r.isSigned = q.value(5).toInt() != 0;
    r.publisher = q.value(6).toString();
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(7).toString().toUtf8()).array())
        r.approvedCapabilities.append(v.toString());
    r.requirements = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object();
    r.installedAt = q.value(9).toLongLong();
    r.updatedAt = q.value(10).toLongLong();
    r.approvedAt = q.value(11).toLongLong();
    r.approvedBy = q.value(12).toString();
    r.loads = q.value(13).toLongLong();
    r.runs = q.value(14).toLongLong();
    r.failures = q.value(15).toLongLong();
    r.lastUsedAt = q.value(16).toLongLong();
    r.manifest.body = q.value(17).toString();
    return r;
}

} // namespace

QJsonObject SkillRecord::toJson(bool withFolder) const
{
    QJsonObject o { { u"name"_s, manifest.name }, { u"version"_s, manifest.version },
        { u"description"_s, manifest.description }, { u"triggers"_s, QJsonArray::fromStringList(manifest.triggers) },
        { u"capabilities"_s, QJsonArray::fromStringList(manifest.capabilities) }, { u"state"_s, state },
        { u"reason"_s, reason }, { u"signed"_s, isSigned }, { u"publisher"_s, publisher },
        { u"approvedCapabilities"_s, QJsonArray::fromStringList(approvedCapabilities) },
        { u"requirements"_s, requirements }, { u"installedAt"_s, installedAt }, { u"updatedAt"_s, updatedAt },
        { u"usage"_s,
            QJsonObject { { u"loads"_s, loads }, { u"runs"_s, runs }, { u"failures"_s, failures },
                { u"lastUsedAt"_s, lastUsedAt ? QJsonValue(lastUsedAt) : QJsonValue(QJsonValue::Null) } } } };
    if (withFolder) {
        o.insert(u"folder"_s, folder);
        o.insert(u"approvedBy"_s, approvedBy);
        o.insert(u"approvedAt"_s, approvedAt ? QJsonValue(approvedAt) : QJsonValue(QJsonValue::Null));
        o.insert(u"manifest"_s, manifest.toJson());
    }
    return o;
}

SkillRegistry::SkillRegistry(Storage::Database *database) : m_db(database) { }

Result<SkillRecord> SkillRegistry::save(const SkillRecord &record, const QList<FilePin> &pins, qint64 nowMs)
{
    ++m_generation;
    Storage::Transaction tx(m_db->connection());
    QSqlQuery q(m_db->connection());
    q.prepare(
        u"INSERT INTO skills (name, version, description, triggers, body, manifest, folder, state, reason, signed, "
        "publisher, approved_capabilities, requirements, installed_at, updated_at, approved_at, approved_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET version = excluded.version, description = excluded.description, "
        "triggers = excluded.triggers, body = excluded.body, manifest = excluded.manifest, folder = excluded.folder, "
        "state = excluded.state, reason = excluded.reason, signed = excluded.signed, publisher = excluded.publisher, "
        "approved_capabilities = excluded.approved_capabilities, requirements = excluded.requirements, "
        "updated_at = excluded.updated_at, approved_at = excluded.approved_at, approved_by = excluded.approved_by"_s);
    SkillManifest stored = record.manifest;
    stored.body.clear(); // kept in its own column (searched)
    q.addBindValue(record.manifest.name);
    q.addBindValue(record.manifest.version);
    q.addBindValue(text(record.manifest.description));
    q.addBindValue(text(record.manifest.triggers.join(u' ')));
    q.addBindValue(text(record.manifest.body));
    q.addBindValue(compact(stored.toJson()));
    q.addBindValue(record.folder);
    q.addBindValue(record.state);
    q.addBindValue(text(record.reason));
    q.addBindValue(record.isSigned ? 1 : 0);
    q.addBindValue(text(record.publisher));
    q.addBindValue(compact(QJsonArray::fromStringList(record.approvedCapabilities)));
    q.addBindValue(compact(record.requirements));
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(record.approvedAt ? QVariant(record.approvedAt) : QVariant(QMetaType::fromType<qlonglong>()));
    q.addBindValue(Storage::nullable(record.approvedBy));
    if (!q.exec())
        return sqlError(u"cannot save the skill"_s, q);
    QSqlQuery idq(m_db->connection());
    idq.prepare(u"SELECT id FROM skills WHERE name = ?"_s);
    idq.addBindValue(record.manifest.name);
    if (!idq.exec() || !idq.next())
        return sqlError(u"cannot read the skill id"_s, idq);
    const qint64 id = idq.value(0).toLongLong();
    QSqlQuery del(m_db->connection());
    del.prepare(u"DELETE FROM skill_files WHERE skill_id = ?"_s);
    del.addBindValue(id);
    if (!del.exec())
        return sqlError(u"cannot replace the file pins"_s, del);
    for (const FilePin &pin : pins) {
        QSqlQuery ins(m_db->connection());
        ins.prepare(u"INSERT INTO skill_files (skill_id, path, sha256, size) VALUES (?, ?, ?, ?)"_s);
        ins.addBindValue(id);
        ins.addBindValue(pin.path);
        ins.addBindValue(pin.sha256);
        ins.addBindValue(pin.size);
        if (!ins.exec())
            return sqlError(u"cannot pin a file"_s, ins);
    }
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the skill"_s, tx.error());
    std::optional<SkillRecord> saved = get(record.manifest.name);
    if (!saved)
        return Error { u"STORAGE_ERROR"_s, u"the saved skill is gone"_s };
    return *saved;
}

std::optional<SkillRecord> SkillRegistry::get(const QString &name) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT "_s + COLUMNS + u" FROM skills WHERE name = ?"_s);
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readRecord(q);
}

QList<SkillRecord> SkillRegistry::list(bool enabledOnly) const
{
    QList<SkillRecord> result;
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT "_s + COLUMNS + u" FROM skills "_s + (enabledOnly ? u"WHERE state = 'enabled' "_s : QString())
            + u"ORDER BY name LIMIT 1000"_s)) {
        qCWarning(lcGatewaySkills) << "cannot list skills:" << q.lastError().text();
        return result;
    }
    while (q.next())
        result.append(readRecord(q));
    return result;
}

QList<FilePin> SkillRegistry::pins(const QString &name) const
{
    QList<FilePin> result;
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT f.path, f.sha256, f.size FROM skill_files f JOIN skills s ON s.id = f.skill_id "
              "WHERE s.name = ? ORDER BY f.path"_s);
    q.addBindValue(name);
    if (!q.exec())
        return result;
    while (q.next())
        result.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong() });
    std::sort(result.begin(), result.end(),
        [](const FilePin &a, const FilePin &b) { return a.path.toUtf8() < b.path.toUtf8(); });
    return result;
}

Status SkillRegistry::setState(const QString &name, const QString &state, const QString &reason, qint64 nowMs)
{
    ++m_generation;
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE skills SET state = ?, reason = ?, updated_at = ? WHERE name = ?"_s);
    q.addBindValue(state);
    q.addBindValue(text(reason));
    q.addBindValue(nowMs);
    q.addBindValue(name);
    if (!q.exec())
        return sqlError(u"cannot change the skill's state"_s, q);
    if (q.numRowsAffected() < 1)
        return Error { u"NOT_FOUND"_s, u"no skill named "_s + name.left(64) };
    return {};
}

Status SkillRegistry::approve(const QString &name, const QStringList &capabilities, const QString &by, qint64 nowMs)
{
    ++m_generation;
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE skills SET state = 'enabled', reason = '', approved_capabilities = ?, approved_at = ?, "
              "approved_by = ?, updated_at = ? WHERE name = ?"_s);
    q.addBindValue(compact(QJsonArray::fromStringList(capabilities)));
    q.addBindValue(nowMs);
    q.addBindValue(text(by));
    q.addBindValue(nowMs);
    q.addBindValue(name);
    if (!q.exec())
        return sqlError(u"cannot approve the skill"_s, q);
    return {};
}

Status SkillRegistry::remove(const QString &name)
{
    ++m_generation;
    QSqlQuery q(m_db->connection());
    q.prepare(u"DELETE FROM skills WHERE name = ?"_s);
    q.addBindValue(name);
    if (!q.exec())
        return sqlError(u"cannot remove the skill"_s, q);
    if (q.numRowsAffected() < 1)
        return Error { u"NOT_FOUND"_s, u"no skill named "_s + name.left(64) };
    return {};
}

void SkillRegistry::recordUse(const QString &name, const QString &kind, qint64 nowMs)
{
    const QString column = kind == u"load" ? u"loads"_s : kind == u"run" ? u"runs"_s : u"failures"_s;
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE skills SET %1 = %1 + 1, last_used_at = ? WHERE name = ?"_s.arg(column));
    q.addBindValue(nowMs);
    q.addBindValue(name);
    if (!q.exec())
        qCWarning(lcGatewaySkills) << "cannot count a use:" << q.lastError().text();
}

QList<SkillRecord> SkillRegistry::search(const QString &query, int limit, bool enabledOnly) const
{
    QList<SkillRecord> result;
    static const QRegularExpression word(u"[\\p{L}\\p{N}_]+"_s);
    QStringList quoted;
    auto it = word.globalMatch(query);
    while (it.hasNext() && quoted.size() < 16)
        quoted.append(u'"' + it.next().captured(0) + u'"');
    if (quoted.isEmpty())
        return result;
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    QString columns = COLUMNS;
    columns.replace(u"id, "_s, u"s.id, "_s);
    columns.replace(u", body"_s, u", s.body"_s);
    q.prepare(u"SELECT "_s + columns
        + u" FROM skills_fts JOIN skills s ON s.id = skills_fts.rowid "
          "WHERE skills_fts MATCH ? "_s
        + (enabledOnly ? u"AND s.state = 'enabled' "_s : QString()) + u"ORDER BY bm25(skills_fts), s.name LIMIT ?"_s);
    q.addBindValue(quoted.join(u" OR "_s));
    q.addBindValue(std::clamp(limit, 1, 100));
    if (!q.exec()) {
        qCWarning(lcGatewaySkills) << "cannot search skills:" << q.lastError().text();
        return result;
    }
    while (q.next())
        result.append(readRecord(q));
    return result;
}

} // namespace Gateway::Skills
