// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "storage/database.h"

#include <atomic>

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include "logging.h"
#include "storage/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Storage
{

namespace
{
std::atomic<int> s_connectionCounter { 0 };

// SQLite's primary result codes (sqlite3.h); extended codes carry them in the low byte.
constexpr int SQLITE_IOERR_CODE = 10;
constexpr int SQLITE_BUSY_CODE = 5;
constexpr int SQLITE_LOCKED_CODE = 6;
constexpr int SQLITE_FULL_CODE = 13;

Error sqlError(const QString &what, const QSqlError &error)
{
    return storageError(what, error);
}
} // namespace

Error storageError(const QString &what, const QSqlError &error)
{
    bool numeric = false;
    const int native = error.nativeErrorCode().toInt(&numeric);
    const int primary = numeric ? (native & 0xff) : -1;
    const QString text = error.text();
    // SQLite's own messages (sqlite3ErrStr), for the calls where QtSql drops the result code.
    const bool busy = primary == SQLITE_BUSY_CODE || primary == SQLITE_LOCKED_CODE
        || text.contains(u"database is locked"_s) || text.contains(u"database table is locked"_s);
    const bool full = primary == SQLITE_FULL_CODE || text.contains(u"database or disk is full"_s);
    const bool io = primary == SQLITE_IOERR_CODE || text.contains(u"disk I/O error"_s);
    if (busy) {
        return Error { u"STORAGE_BUSY"_s,
            what + u": storage is busy (the database is locked by another process); try again shortly: "_s + text };
    }
    if (full)
        return Error { u"STORAGE_FULL"_s, what + u": storage is full (the database cannot grow): "_s + text };
    if (io) {
        return Error { u"STORAGE_IO_ERROR"_s,
            what + u": storage cannot be written (disk full, file size limit or I/O error): "_s + text };
    }
    return Error { u"STORAGE_ERROR"_s, what + u": "_s + text };
}

Database::Database() : m_connectionName(u"skynet-%1"_s.arg(s_connectionCounter.fetch_add(1))) { }

Database::~Database()
{
    close();
}

Status Database::open(const Options &options, const QList<Migration> &steps)
{
    close();
    m_options = options;
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return Error { u"STORAGE_DRIVER"_s, u"the Qt SQLite driver (libqt6sql6-sqlite) is not installed"_s };
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(options.path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(options.busyTimeoutMs));
        if (!db.open()) {
            const Error error = sqlError(u"cannot open %1"_s.arg(options.path), db.lastError());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return error;
        }
    }
    if (Status s = configure(); !s) {
        close();
        return s;
    }
    if (Status s = migrate(steps); !s) {
        close();
        return s;
    }
    return {};
}

void Database::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Status Database::configure()
{
    QSqlQuery q(connection());
    if (q.exec(u"PRAGMA journal_mode=WAL"_s) && q.next())
        m_journalMode = q.value(0).toString().toLower();
    if (m_journalMode != u"wal")
        qCWarning(lcGatewayStorage) << "could not enable WAL for" << m_options.path << "- journal mode is"
                                    << m_journalMode;
    const QString sync = m_options.synchronous.toUpper();
    if (sync != u"OFF" && sync != u"NORMAL" && sync != u"FULL")
        return Error { u"STORAGE_CONFIG"_s, u"storage.synchronous must be OFF, NORMAL or FULL"_s };
    const QStringList pragmas = {
        u"PRAGMA synchronous="_s + sync,
        u"PRAGMA busy_timeout="_s + QString::number(m_options.busyTimeoutMs),
        u"PRAGMA foreign_keys=ON"_s,
        // Deleted rows (an erased user, a forgotten memory) are overwritten, not left in free pages.
        u"PRAGMA secure_delete=ON"_s,
    };
    for (const QString &pragma : pragmas) {
        if (!q.exec(pragma))
            return sqlError(pragma, q.lastError());
    }
    return {};
}

Status Database::readVersion(int *version)
{
    QSqlQuery q(connection());
    if (!q.exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s))
        return sqlError(u"cannot create schema_version"_s, q.lastError());
    if (!q.exec(u"SELECT MAX(version) FROM schema_version"_s))
        return sqlError(u"cannot read schema_version"_s, q.lastError());
    *version = q.next() ? q.value(0).toInt() : 0;
    return {};
}

Status Database::migrate(const QList<Migration> &steps)
{
    int version = 0;
    if (Status s = readVersion(&version); !s)
        return s;
    const int latest = steps.isEmpty() ? 0 : steps.constLast().version;
    if (version > latest) {
        return Error { u"STORAGE_TOO_NEW"_s,
            u"%1 has schema version %2, newer than this Skynet understands (%3); "
            "use a newer Skynet or restore a backup"_s.arg(m_options.path)
                .arg(version)
                .arg(latest) };
    }
    for (const Migration &step : steps) {
        if (step.version <= version)
            continue;
        QSqlDatabase db = connection();
        Transaction tx(db);
        if (!tx.isActive())
            return sqlError(u"cannot begin migration %1"_s.arg(step.version), db.lastError());
        QSqlQuery q(db);
        for (const QString &statement : step.statements) {
            if (!q.exec(statement)) {
                return sqlError(u"migration %1 (%2) failed"_s.arg(step.version).arg(step.description), q.lastError());
            }
        }
        q.prepare(u"INSERT INTO schema_version (version) VALUES (?)"_s);
        q.addBindValue(step.version);
        if (!q.exec())
            return sqlError(u"cannot record migration %1"_s.arg(step.version), q.lastError());
        if (!tx.commit())
            return sqlError(u"cannot commit migration %1"_s.arg(step.version), db.lastError());
        qCInfo(lcGatewayStorage) << "migrated" << m_options.path << "to schema version" << step.version;
        version = step.version;
    }
    m_schemaVersion = version;
    return {};
}

Transaction::Transaction(QSqlDatabase db) : m_db(std::move(db))
{
    m_active = m_db.transaction();
}

Transaction::~Transaction()
{
    if (m_active)
        m_db.rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    if (m_db.commit())
        return true;
    m_error = m_db.lastError();
    m_db.rollback();
    return false;
}

} // namespace Gateway::Storage
