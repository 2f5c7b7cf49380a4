// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// skynet-gateway audit verify | audit list
#include <QJsonDocument>
#include <QSqlQuery>

#include "cli/cli.h"
#include "cli/clicommon.h"
#include "people/auditlog.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Cli
{

int runAudit(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err)
{
    Storage::Database database;
    if (!openDatabase(settings, database, err))
        return EXIT_FAILED;
    People::AuditLog audit(&database);
    if (arguments.positional.value(0) == u"list") {
        const QList<People::AuditEntry> entries = audit.list({}, arguments.limit);
        for (const People::AuditEntry &e : entries) {
            out << e.id << u"  "_s << formatTime(e.at) << u"  "_s << e.actor << u"  "_s << e.action << u"  "_s
                << e.target << u"  "_s << e.outcome;
            if (!e.detail.isEmpty())
                out << u"  "_s << QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact));
            out << u'\n';
        }
        if (entries.isEmpty())
            out << u"the audit log is empty\n"_s;
        return EXIT_OK;
    }

    // A read transaction: a gateway appending meanwhile neither blocks the walk nor shows up
    // half-way through it (WAL snapshot).
    QSqlDatabase db = database.connection();
    if (!db.transaction()) {
        err << u"cannot read the audit log\n"_s;
        return EXIT_FAILED;
    }
    const Result<qint64> broken = audit.verify();
    QSqlQuery count(db);
    const qint64 entries
        = count.exec(u"SELECT COUNT(*) FROM audit_log"_s) && count.next() ? count.value(0).toLongLong() : 0;
    QString action;
    qint64 at = 0;
    if (broken && *broken > 0) {
        QSqlQuery row(db);
        row.prepare(u"SELECT action, at FROM audit_log WHERE id = ?"_s);
        row.addBindValue(*broken);
        if (row.exec() && row.next()) {
            action = row.value(0).toString();
            at = row.value(1).toLongLong();
        }
    }
    db.rollback();
    if (!broken) {
        err << broken.error().message << u'\n';
        return EXIT_FAILED;
    }
    if (*broken == 0) {
        out << u"audit log intact: %1 entries\n"_s.arg(entries);
        return EXIT_OK;
    }
    out << u"audit log broken at entry %1 (%2 at %3)\n"_s.arg(*broken).arg(echo(action), formatTime(at));
    err << u"Entry %1 was edited, deleted or inserted after it was written: the entries from there on can no "
           "longer be trusted. Compare with a backup (skynet-gateway backup) to see what changed.\n"_s.arg(*broken);
    return EXIT_FAILED;
}

} // namespace Gateway::Cli
