// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "people/auditlog.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include "storage/database.h"
#include "storage/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::People
{

namespace
{
const QString GENESIS = QString(64, u'0');
constexpr int MAX_LIST = 1000;
} // namespace

QJsonObject AuditEntry::toJson() const
{
    return QJsonObject { { u"id"_s, id }, { u"at"_s, at }, { u"actor"_s, actor }, { u"action"_s, action },
        { u"target"_s, target }, { u"outcome"_s, outcome }, { u"detail"_s, detail }, { u"hash"_s, hash } };
}

AuditLog::AuditLog(Storage::Database *database) : m_db(database) { }

QString AuditLog::pseudonym(const QString &text)
{
    return u"#"_s
        + QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
}

QString AuditLog::entryHash(const QString &prevHash, const AuditEntry &e)
{
    // Canonical form: every field, length-prefixed, so no two entries serialise alike.
    QByteArray data;
    const auto field = [&data](const QByteArray &value) {
        data += QByteArray::number(value.size());
        data += ':';
        data += value;
    };
    field(prevHash.toLatin1());
    field(QByteArray::number(e.id));
    field(QByteArray::number(e.at));
    field(e.actor.toUtf8());
    field(e.action.toUtf8());
    field(e.target.toUtf8());
    field(e.outcome.toUtf8());
    field(QJsonDocument(e.detail).toJson(QJsonDocument::Compact));
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

Status AuditLog::append(qint64 atMs, const QString &actor, const QString &action, const QString &target,
    const QString &outcome, const QJsonObject &detail)
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(u"SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"_s))
        return Error { u"STORAGE_ERROR"_s, u"cannot read the audit log: "_s + q.lastError().text() };
    AuditEntry entry;
    entry.prevHash = q.next() ? q.value(1).toString() : GENESIS;
    entry.id = (q.isValid() ? q.value(0).toLongLong() : 0) + 1;
    entry.at = atMs;
    // QtSql binds a null QString as NULL; these columns are NOT NULL.
    entry.actor = actor.isNull() ? u""_s : actor.left(128);
    entry.action = action.isNull() ? u""_s : action.left(128);
    entry.target = target.isNull() ? u""_s : target.left(256);
    entry.outcome = outcome.isNull() ? u""_s : outcome.left(32);
    entry.detail = detail;
    entry.hash = entryHash(entry.prevHash, entry);
    q.prepare(u"INSERT INTO audit_log (id, at, actor, action, target, outcome, detail, prev_hash, hash) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(entry.id);
    q.addBindValue(entry.at);
    q.addBindValue(entry.actor);
    q.addBindValue(entry.action);
    q.addBindValue(entry.target);
    q.addBindValue(entry.outcome);
    q.addBindValue(QString::fromUtf8(QJsonDocument(entry.detail).toJson(QJsonDocument::Compact)));
    q.addBindValue(entry.prevHash);
    q.addBindValue(entry.hash);
    if (!q.exec())
        return Storage::sqlError(u"cannot append to the audit log"_s, q);
    return {};
}

QList<AuditEntry> AuditLog::list(const QString &action, int limit, qint64 beforeId) const
{
    QSqlQuery q(m_db->connection());
    QString sql = u"SELECT id, at, actor, action, target, outcome, detail, prev_hash, hash FROM audit_log WHERE 1"_s;
    const bool prefix = action.endsWith(u'*');
    if (!action.isEmpty())
        sql += prefix ? u" AND substr(action, 1, ?) = ?"_s : u" AND action = ?"_s;
    if (beforeId > 0)
        sql += u" AND id < ?"_s;
    sql += u" ORDER BY id DESC LIMIT ?"_s;
    q.prepare(sql);
    if (!action.isEmpty()) {
        if (prefix) {
            q.addBindValue(action.size() - 1);
            q.addBindValue(action.chopped(1));
        } else {
            q.addBindValue(action);
        }
    }
    if (beforeId > 0)
        q.addBindValue(beforeId);
    q.addBindValue(qBound(1, limit, MAX_LIST));
    QList<AuditEntry> entries;
    if (!q.exec())
        return entries;
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        e.actor = q.value(2).toString();
        e.action = q.value(3).toString();
        e.target = q.value(4).toString();
        e.outcome = q.value(5).toString();
        e.detail = QJsonDocument::fromJson(q.value(6).toByteArray()).object();
        e.prevHash = q.value(7).toString();
        e.hash = q.value(8).toString();
        entries.append(e);
    }
    return entries;
}

Result<qint64> AuditLog::verify() const
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, at, actor, action, target, outcome, detail, prev_hash, hash FROM audit_log ORDER BY id"_s))
        return Error { u"STORAGE_ERROR"_s, u"cannot read the audit log: "_s + q.lastError().text() };
    QString prev = GENESIS;
    qint64 expectedId = 1;
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        e.actor = q.value(2).toString();
        e.action = q.value(3).toString();
        e.target = q.value(4).toString();
        e.outcome = q.value(5).toString();
        e.detail = QJsonDocument::fromJson(q.value(6).toByteArray()).object();
        e.prevHash = q.value(7).toString();
        e.hash = q.value(8).toString();
        // A deleted row shows as a gap in the ids; an edited one as a hash mismatch.
        if (e.id != expectedId || e.prevHash != prev || entryHash(prev, e) != e.hash)
            return e.id;
        prev = e.hash;
        ++expectedId;
    }
    return qint64(0);
}

} // namespace Gateway::People
